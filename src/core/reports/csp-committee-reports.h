/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-history.h"

G_BEGIN_DECLS

gint64 csp_committee_reports_create (CspHistory *history, gint64 meeting_id, GError **error);
char *csp_committee_reports_propose_next_meeting (CspStore *store, gint64 report_id,
                                                  GError **error);
gint64 csp_committee_reports_duplicate (CspHistory *history, gint64 report_id,
                                        const char *meeting_date, GError **error);
gboolean csp_committee_reports_swap_sections (CspHistory *history, CspRecord *first,
                                              CspRecord *second, GError **error);

G_END_DECLS

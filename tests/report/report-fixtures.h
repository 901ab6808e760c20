/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"
#include "csp-report-content.h"

G_BEGIN_DECLS

char *report_fixture_new_sample (const char *dir, GError **error);
CspDatabase *report_fixture_open_sample (const char *dir, GError **error);
gboolean report_fixture_replace_activities (CspDatabase *database, guint n_activities,
                                            GError **error);
CspReportContent *report_fixture_content (guint n_rows, guint seed);

G_END_DECLS

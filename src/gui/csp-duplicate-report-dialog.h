/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CSP_TYPE_DUPLICATE_REPORT_DIALOG (csp_duplicate_report_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CspDuplicateReportDialog, csp_duplicate_report_dialog, CSP,
                      DUPLICATE_REPORT_DIALOG, AdwMessageDialog)

CspDuplicateReportDialog *csp_duplicate_report_dialog_new (GtkWindow *parent,
                                                           const char *meeting_date);
const char *csp_duplicate_report_dialog_get_meeting_date (CspDuplicateReportDialog *self);

G_END_DECLS

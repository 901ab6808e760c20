/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "csp-report-layout.h"

G_BEGIN_DECLS

#define CSP_TYPE_REPORT_PRINT_OPERATION (csp_report_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (CspReportPrintOperation, csp_report_print_operation, CSP,
                      REPORT_PRINT_OPERATION, GtkPrintOperation)

CspReportPrintOperation *csp_report_print_operation_new (CspReportContent *content,
                                                         GPtrArray *charts);
guint csp_report_print_operation_get_n_pages (CspReportPrintOperation *self);

G_END_DECLS

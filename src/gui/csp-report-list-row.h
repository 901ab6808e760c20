/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "csp-records.h"

G_BEGIN_DECLS

#define CSP_TYPE_REPORT_LIST_ROW (csp_report_list_row_get_type ())
G_DECLARE_FINAL_TYPE (CspReportListRow, csp_report_list_row, CSP, REPORT_LIST_ROW, GtkListBoxRow)

CspReportListRow *csp_report_list_row_new (CspRecord *report);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CSP_TYPE_REPORT_PART_ROW (csp_report_part_row_get_type ())
G_DECLARE_FINAL_TYPE (CspReportPartRow, csp_report_part_row, CSP, REPORT_PART_ROW, AdwActionRow)

CspReportPartRow *csp_report_part_row_new (const char *kind, const char *name, const char *title,
                                           const char *subtitle);
const char *csp_report_part_row_get_kind (CspReportPartRow *self);
const char *csp_report_part_row_get_name (CspReportPartRow *self);
GtkSwitch *csp_report_part_row_get_switch (CspReportPartRow *self);

G_END_DECLS

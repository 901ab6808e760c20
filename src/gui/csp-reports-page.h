/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-page.h"
#include "csp-record-editor.h"

G_BEGIN_DECLS

#define CSP_TYPE_REPORTS_PAGE (csp_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (CspReportsPage, csp_reports_page, CSP, REPORTS_PAGE, CspPage)

CspReportsPage *csp_reports_page_new (CspContext *context);
CspRecordEditor *csp_reports_page_get_editor (CspReportsPage *self);
GtkListBox *csp_reports_page_get_reports_list (CspReportsPage *self);
GtkListBox *csp_reports_page_get_sections_list (CspReportsPage *self);
gint64 csp_reports_page_get_report_id (CspReportsPage *self);
gboolean csp_reports_page_select_report (CspReportsPage *self, gint64 report_id);
GtkWidget *csp_reports_page_get_section_heading (CspReportsPage *self, guint index);
GtkTextView *csp_reports_page_get_section_text (CspReportsPage *self, guint index);
GtkSwitch *csp_reports_page_get_chart_switch (CspReportsPage *self, const char *name);
GtkSwitch *csp_reports_page_get_appendix_switch (CspReportsPage *self, const char *name);
void csp_reports_page_show_tab (CspReportsPage *self, const char *name);
gint64 csp_reports_page_duplicate_for_meeting (CspReportsPage *self, const char *meeting_date,
                                               GError **error);
gboolean csp_reports_page_export_pdf (CspReportsPage *self, const char *path, GError **error);
gboolean csp_reports_page_export (CspReportsPage *self, const char *path, GError **error);
GtkPrintOperation *csp_reports_page_create_print_operation (CspReportsPage *self, GError **error);

G_END_DECLS

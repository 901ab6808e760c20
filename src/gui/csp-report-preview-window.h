/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-report-content.h"

G_BEGIN_DECLS

#define CSP_TYPE_REPORT_PREVIEW_WINDOW (csp_report_preview_window_get_type ())
G_DECLARE_FINAL_TYPE (CspReportPreviewWindow, csp_report_preview_window, CSP, REPORT_PREVIEW_WINDOW,
                      AdwWindow)

CspReportPreviewWindow *csp_report_preview_window_new (GtkWindow *parent, CspReportContent *content,
                                                       GPtrArray *charts);
guint csp_report_preview_window_get_n_pages (CspReportPreviewWindow *self);
GtkWidget *csp_report_preview_window_get_page (CspReportPreviewWindow *self, guint page);
double csp_report_preview_window_get_zoom (CspReportPreviewWindow *self);

G_END_DECLS

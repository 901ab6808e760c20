/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "csp-chart-layout.h"

G_BEGIN_DECLS

#define CSP_TYPE_CHART_VIEW (csp_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (CspChartView, csp_chart_view, CSP, CHART_VIEW, GtkWidget)

CspChartView *csp_chart_view_new (void);
CspChart *csp_chart_view_get_chart (CspChartView *self);
void csp_chart_view_set_chart (CspChartView *self, CspChart *chart);
CspChartLayout *csp_chart_view_get_layout (CspChartView *self);
gboolean csp_chart_view_get_dark (CspChartView *self);
gboolean csp_chart_view_select_mark (CspChartView *self, guint series, guint item);
gboolean csp_chart_view_get_cursor (CspChartView *self, guint *series, guint *item);
const char *csp_chart_view_get_value_text (CspChartView *self);
char *csp_chart_view_describe_mark (CspChartView *self, guint series, guint item);

G_END_DECLS

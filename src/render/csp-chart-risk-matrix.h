/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "csp-chart-layout.h"
#include "csp-chart-table.h"

G_BEGIN_DECLS

guint csp_chart_risk_matrix_band (int score);
void csp_chart_risk_matrix_layout (CspChartLayout *layout, CspRect content);
void csp_chart_risk_matrix_draw (CspChartLayout *layout, cairo_t *cr, double thin);
const CspChartMark *csp_chart_risk_matrix_hit (CspChartLayout *layout, double x, double y);
CspChartTable *csp_chart_risk_matrix_table (CspChart *chart);

G_END_DECLS

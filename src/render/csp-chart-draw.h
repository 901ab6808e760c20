/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "csp-chart-layout.h"

G_BEGIN_DECLS

void csp_chart_layout_draw (CspChartLayout *layout, cairo_t *cr);
void csp_chart_draw (CspChart *chart, cairo_t *cr, double width, double height,
                     const CspChartStyle *style);
void csp_chart_draw_marker (cairo_t *cr, CspMarker marker, double x, double y, double size);

G_END_DECLS

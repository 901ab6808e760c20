/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-chart-layout.h"

G_BEGIN_DECLS

/* For the layouts of chart kinds kept in files of their own
 * (csp-chart-risk-matrix.c): the helpers csp-chart-layout.c lays its
 * own kinds out with. */

guint csp_chart_layout_add_label (CspChartLayout *self, CspChartTextRole role, const char *text,
                                  double x, double y, double max_width);
double csp_chart_layout_flow_legend (CspChartLayout *self, const CspRect *area, char **texts,
                                     guint n_texts, double max_height);

G_END_DECLS

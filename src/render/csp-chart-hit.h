/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-chart-layout.h"

G_BEGIN_DECLS

/**
 * CspChartHitPart:
 * @CSP_CHART_HIT_NONE: nothing there
 * @CSP_CHART_HIT_MARK: a point, bar segment or slice
 * @CSP_CHART_HIT_LEGEND: a legend entry
 */
typedef enum
{
  CSP_CHART_HIT_NONE,
  CSP_CHART_HIT_MARK,
  CSP_CHART_HIT_LEGEND,
} CspChartHitPart;

/**
 * CspChartHit:
 * @part: what was hit
 * @series: the series (0 for a donut)
 * @item: the category; for a legend entry of a donut (whose entries stand
 *   for categories) that category, for one of another chart 0
 * @value: the mark's value; for a legend entry, 0
 * @series_key: the series' key in the data
 * @series_label: its label
 * @category_key: (nullable): the category's key in the data ('YYYY-MM',
 *   a partner id, a RAG word); %NULL for a line or bar chart's legend entry
 * @category_label: (nullable): its label
 * @rect: the mark's or entry's rectangle, to point a popover at
 *
 * What lies under a point of a chart, and the records it stands for. The
 * strings belong to the layout's data.
 */
typedef struct
{
  CspChartHitPart part;
  guint series;
  guint item;
  double value;
  const char *series_key;
  const char *series_label;
  const char *category_key;
  const char *category_label;
  CspRect rect;
} CspChartHit;

gboolean csp_chart_layout_hit (CspChartLayout *layout, double x, double y, CspChartHit *hit);

G_END_DECLS

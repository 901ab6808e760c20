/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-hit"

#include "config.h"

#include <math.h>

#include "csp-chart-hit.h"
#include "csp-chart-risk-matrix.h"

/* What is under a point, read from the same layout the chart was drawn
 * from: for hover values, and for going to the records behind a mark. */

static const CspChartMark *
mark_at (CspChartLayout *layout, guint series, guint item)
{
  return &g_array_index (layout->marks, CspChartMark, series * layout->n_items + item);
}

/* The category whose band holds @position along the category axis, or -1. */
static int
band_at (CspChartLayout *layout, double position, double start)
{
  double index;

  if (layout->band <= 0)
    return -1;
  index = floor ((position - start) / layout->band);
  if (index < 0 || index >= layout->n_items)
    return -1;
  return (int) index;
}

static const CspChartMark *
hit_line (CspChartLayout *layout, double x, double y)
{
  double tolerance = MAX (layout->marker_size, layout->style.font_size);
  const CspChartMark *best = NULL;
  double best_distance = tolerance;
  int item = band_at (layout, x, layout->plot.x);

  if (item < 0)
    return NULL;
  for (guint j = 0; j < layout->n_series; j++)
    {
      const CspChartMark *mark = mark_at (layout, j, (guint) item);
      double distance = fabs (mark->y - y);

      /* Later series are drawn on top: on a tie, they win. */
      if (!mark->missing && distance <= best_distance)
        {
          best = mark;
          best_distance = distance;
        }
    }
  return best;
}

static const CspChartMark *
hit_bars (CspChartLayout *layout, double x, double y, gboolean across)
{
  int item = across ? band_at (layout, y, layout->plot.y) : band_at (layout, x, layout->plot.x);

  if (item < 0)
    return NULL;
  for (guint j = 0; j < layout->n_series; j++)
    {
      const CspChartMark *mark = mark_at (layout, j, (guint) item);
      const CspRect *rect = &mark->rect;

      if (mark->missing || mark->value == 0)
        continue;
      if (across ? x >= rect->x && x <= rect->x + rect->width && y >= rect->y &&
                       y <= rect->y + rect->height
                 : y >= rect->y && y <= rect->y + rect->height && x >= rect->x &&
                       x <= rect->x + rect->width)
        return mark;
    }
  return NULL;
}

static const CspChartMark *
hit_donut (CspChartLayout *layout, double x, double y)
{
  const CspChartMark *first = &g_array_index (layout->marks, CspChartMark, 0);
  double radius = hypot (x - first->x, y - first->y);
  double angle = atan2 (y - first->y, x - first->x);

  if (radius < first->inner_radius || radius > first->outer_radius)
    return NULL;
  /* Into the turn that starts where the first slice does. */
  while (angle < first->start_angle)
    angle += 2 * G_PI;
  while (angle >= first->start_angle + 2 * G_PI)
    angle -= 2 * G_PI;
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const CspChartMark *mark = &g_array_index (layout->marks, CspChartMark, i);

      if (angle >= mark->start_angle && angle < mark->end_angle)
        return mark;
    }
  return NULL;
}

/**
 * csp_chart_layout_hit:
 * @x: a point, in the layout's units
 * @y: a point
 * @hit: (out caller-allocates): what is there
 *
 * Finds the mark or legend entry under a point. A line's point is hit
 * anywhere in its category's band within a line's height of it; a bar in
 * its own rectangle; a slice anywhere in its part of the ring. A mark
 * with no value (a month without a figure) is never hit.
 *
 * Returns: whether anything was hit; @hit->part says what
 */
gboolean
csp_chart_layout_hit (CspChartLayout *layout, double x, double y, CspChartHit *hit)
{
  const CspChartMark *mark = NULL;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  *hit = (CspChartHit){ .part = CSP_CHART_HIT_NONE };
  if (layout->empty || layout->data == NULL)
    return FALSE;

  for (guint i = 0; i < layout->legend->len; i++)
    {
      const CspChartLegendItem *item = &g_array_index (layout->legend, CspChartLegendItem, i);

      if (!csp_rect_contains (&item->rect, x, y))
        continue;
      hit->part = CSP_CHART_HIT_LEGEND;
      hit->rect = item->rect;
      if (layout->kind == CSP_CHART_DONUT)
        {
          hit->item = item->index;
          hit->category_key = csp_chart_data_get_category_key (layout->data, item->index);
          hit->category_label = csp_chart_data_get_category_label (layout->data, item->index);
        }
      else
        hit->series = item->index;
      hit->series_key = csp_chart_data_get_series_key (layout->data, hit->series);
      hit->series_label = csp_chart_data_get_series_label (layout->data, hit->series);
      return TRUE;
    }

  if (layout->marks->len == 0)
    return FALSE;
  switch (layout->kind)
    {
    case CSP_CHART_LINE:
      mark = hit_line (layout, x, y);
      break;
    case CSP_CHART_STACKED_BAR:
      mark = hit_bars (layout, x, y, FALSE);
      break;
    case CSP_CHART_HORIZONTAL_BAR:
      mark = hit_bars (layout, x, y, TRUE);
      break;
    case CSP_CHART_DONUT:
      mark = hit_donut (layout, x, y);
      break;
    case CSP_CHART_RISK_MATRIX:
      mark = csp_chart_risk_matrix_hit (layout, x, y);
      break;
    default:
      g_assert_not_reached ();
    }
  if (mark == NULL)
    return FALSE;

  hit->part = CSP_CHART_HIT_MARK;
  hit->series = mark->series;
  hit->item = mark->item;
  hit->value = mark->value;
  hit->series_key = csp_chart_data_get_series_key (layout->data, mark->series);
  hit->series_label = csp_chart_data_get_series_label (layout->data, mark->series);
  hit->category_key = csp_chart_data_get_category_key (layout->data, mark->item);
  hit->category_label = csp_chart_data_get_category_label (layout->data, mark->item);
  hit->rect = mark->rect;
  return TRUE;
}

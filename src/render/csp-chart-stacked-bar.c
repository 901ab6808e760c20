/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-stacked-bar"

#include "config.h"

#include <math.h>

#include "csp-chart-layout-private.h"

/* Stacked bars: a bar a month (or category), values up, the series
 * stacked in it in their order, its total over it where the total fits
 * across the bar; with the baseline, target and events of the charts of
 * columns (csp-chart-axes.c). */

/* Whether @total's label fits across a bar. */
static gboolean
total_fits (CspChartLayout *self, double total)
{
  g_autofree char *text = csp_chart_layout_format_value (total, 0);

  return csp_chart_layout_text_width (self, CSP_CHART_TEXT_VALUE, text, 0) <= self->band * 0.96;
}

/* The totals over the bars, clear of the gridlines behind them. */
static void
add_totals (CspChartLayout *self, const double *totals)
{
  double s = csp_chart_layout_unit (self);

  for (guint i = 0; i < self->n_items; i++)
    {
      g_autofree char *text = NULL;
      guint index;
      CspChartLabel *label;

      if (totals[i] <= 0)
        continue;
      text = csp_chart_layout_format_value (totals[i], 0);
      index = csp_chart_layout_add_label (self, CSP_CHART_TEXT_VALUE, text, 0, 0, 0);
      label = csp_chart_layout_label_at (self, index);
      label->rect.x = csp_chart_layout_column_centre (self, i) - label->rect.width / 2;
      label->rect.y =
          csp_chart_layout_value_to_position (self, totals[i]) - label->rect.height - s * 0.15;
      label->backdrop = TRUE;
    }
}

void
csp_chart_stacked_bar_layout (CspChartLayout *self, CspRect content)
{
  double s = csp_chart_layout_unit (self);
  double value_height = csp_chart_layout_line_height (self, CSP_CHART_TEXT_VALUE);
  double needed = value_height + s * 0.2;
  double low, high, zero, bar_width;
  guint max_ticks;
  gboolean totals;
  g_autofree double *bases = NULL;

  if (!csp_chart_layout_begin_columns (self, &content, &low, &high, &max_ticks))
    return;
  /* Totals over the bars, if they fit across one, with room above the tallest. */
  totals = total_fits (self, high);
  if (totals && csp_chart_layout_value_to_position (self, high) - self->plot.y < needed)
    {
      csp_chart_layout_set_value_ticks (
          self, low, low + (high - low) * self->plot.height / (self->plot.height - needed),
          max_ticks);
      csp_chart_layout_fit_columns (self, &content);
    }
  if (self->plot.width < s * 4)
    return;
  /* The room made for them may have narrowed the bars. */
  totals = totals && total_fits (self, high);
  zero = csp_chart_layout_add_value_axis (self, FALSE);

  bases = g_new0 (double, self->n_items);
  bar_width = self->band * (self->band > s * 0.5 ? 0.72 : 0.85);
  for (guint j = 0; j < self->n_series; j++)
    for (guint i = 0; i < self->n_items; i++)
      {
        CspChartMark mark;

        if (!csp_chart_layout_column_mark (self, j, i, zero, &mark))
          {
            double from = csp_chart_layout_value_to_position (self, bases[i]);
            double to = csp_chart_layout_value_to_position (self, bases[i] + mark.value);

            mark.rect =
                (CspRect){ mark.x - bar_width / 2, MIN (from, to), bar_width, fabs (from - to) };
            mark.y = to;
            bases[i] += mark.value;
          }
        g_array_append_val (self->marks, mark);
      }
  if (totals)
    add_totals (self, bases);
  csp_chart_layout_finish_columns (self);
}

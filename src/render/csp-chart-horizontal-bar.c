/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-horizontal-bar"

#include "config.h"

#include <math.h>

#include "csp-chart-layout-private.h"

/* Horizontal bars: a bar a category (a partner, say) down the chart,
 * values across, the series stacked in it in their order; the
 * categories' names to the left, every one that fits, and each bar's
 * total to its right where the bars are thick enough to carry one. */

/* The middle of @item's row. */
static double
row_centre (CspChartLayout *self, guint item)
{
  return self->plot.y + (item + 0.5) * self->band;
}

/* The series' bars, each starting where the one before ended; @totals
 * (zeroed, a place a category) are where each row's stack ends. */
static void
add_bars (CspChartLayout *self, double *totals)
{
  double thickness =
      MIN (self->band * 0.7, csp_chart_layout_line_height (self, CSP_CHART_TEXT_AXIS) * 2.2);

  for (guint j = 0; j < self->n_series; j++)
    for (guint i = 0; i < self->n_items; i++)
      {
        CspChartMark mark = { .series = j, .item = i };
        double from = csp_chart_layout_value_to_position (self, totals[i]);
        double to;

        mark.value = csp_chart_data_get_value (self->data, j, i);
        mark.missing = isnan (mark.value);
        to =
            mark.missing ? from : csp_chart_layout_value_to_position (self, totals[i] + mark.value);
        csp_chart_layout_resolve_look (self, j, i, &mark.color, &mark.hatch, &mark.cue);
        mark.rect = (CspRect){ MIN (from, to), row_centre (self, i) - thickness / 2,
                               fabs (to - from), mark.missing ? 0 : thickness };
        mark.x = to;
        mark.y = row_centre (self, i);
        if (!mark.missing)
          totals[i] += mark.value;
        g_array_append_val (self->marks, mark);
      }
}

/* The categories' names, right-aligned left of the plot, every
 * @label_step-th; and, unless @totals is %NULL, each row's total past
 * its bar. */
static void
add_row_labels (CspChartLayout *self, guint label_step, double max_label, const double *totals)
{
  double s = csp_chart_layout_unit (self);
  double text_height = csp_chart_layout_line_height (self, CSP_CHART_TEXT_AXIS);
  double value_height = csp_chart_layout_line_height (self, CSP_CHART_TEXT_VALUE);

  for (guint i = 0; i < self->n_items; i++)
    {
      double centre = row_centre (self, i);

      if (i % label_step == 0)
        {
          guint index = csp_chart_layout_add_label (
              self, CSP_CHART_TEXT_AXIS, csp_chart_data_get_category_label (self->data, i), 0,
              centre - text_height / 2, max_label);
          CspChartLabel *label = csp_chart_layout_label_at (self, index);

          label->rect.x = self->plot.x - s * LABEL_GAP - label->rect.width;
        }
      if (totals != NULL && totals[i] > 0)
        {
          g_autofree char *text = csp_chart_layout_format_value (totals[i], 0);

          csp_chart_layout_add_label (self, CSP_CHART_TEXT_VALUE, text,
                                      csp_chart_layout_value_to_position (self, totals[i]) +
                                          s * 0.3,
                                      centre - value_height / 2, 0);
        }
    }
}

void
csp_chart_horizontal_bar_layout (CspChartLayout *self, CspRect content)
{
  double s = csp_chart_layout_unit (self);
  double text_height = csp_chart_layout_line_height (self, CSP_CHART_TEXT_AXIS);
  double value_height = csp_chart_layout_line_height (self, CSP_CHART_TEXT_VALUE);
  const char *value_title = csp_chart_get_value_title (self->chart);
  double below = s * (TICK_LENGTH + LABEL_GAP / 2) + text_height;
  double max_label = content.width * 0.38;
  double label_width = 0, value_width = 0, low, high, widest;
  gboolean show_totals;
  guint label_step, max_ticks;
  g_autofree double *totals = g_new0 (double, self->n_items);

  csp_chart_layout_series_legend (self, &content);
  if (value_title != NULL && *value_title != '\0')
    below += s * LABEL_GAP + csp_chart_layout_line_height (self, CSP_CHART_TEXT_AXIS_TITLE);

  /* Rows down the plot, and as many of their names as fit beside it. */
  self->plot.y = content.y;
  self->plot.height = content.height - below;
  if (self->plot.height < text_height || content.width < s * 8)
    return;
  self->band = self->plot.height / self->n_items;
  label_step = MAX (1, (guint) ceil ((text_height + s * 0.15) / self->band));
  for (guint i = 0; i < self->n_items; i += label_step)
    label_width = MAX (
        label_width,
        csp_chart_layout_text_width (self, CSP_CHART_TEXT_AXIS,
                                     csp_chart_data_get_category_label (self->data, i), max_label));

  /* The values across what the names and the totals leave. */
  csp_chart_layout_value_range (self, &low, &high);
  show_totals = self->band >= value_height * 0.95;
  if (show_totals)
    {
      g_autofree char *text = csp_chart_layout_format_value (high, 0);
      value_width = csp_chart_layout_text_width (self, CSP_CHART_TEXT_VALUE, text, 0) + s * 0.3;
    }
  self->plot.x = content.x + label_width + s * LABEL_GAP;
  self->plot.width = csp_rect_right (&content) - self->plot.x - value_width - s * 0.3;
  if (self->plot.width < s * 4)
    return;
  {
    g_autofree char *text = csp_chart_layout_format_value (high, 0);
    widest = csp_chart_layout_text_width (self, CSP_CHART_TEXT_AXIS, text, 0);
  }
  max_ticks = CLAMP ((guint) (self->plot.width / (widest + s * 2.5)) + 1, 2, 11);
  csp_chart_layout_set_value_ticks (self, low, high, max_ticks);
  csp_chart_layout_add_value_axis (self, TRUE);

  add_bars (self, totals);
  add_row_labels (self, label_step, max_label, show_totals ? totals : NULL);
  if (value_title != NULL && *value_title != '\0')
    {
      guint index = csp_chart_layout_add_label (
          self, CSP_CHART_TEXT_AXIS_TITLE, value_title, 0,
          csp_rect_bottom (&self->plot) + below -
              csp_chart_layout_line_height (self, CSP_CHART_TEXT_AXIS_TITLE),
          self->plot.width);
      CspChartLabel *label = csp_chart_layout_label_at (self, index);

      label->rect.x = self->plot.x + (self->plot.width - label->rect.width) / 2;
    }
}

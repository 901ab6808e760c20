/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-line"

#include "config.h"

#include "csp-chart-layout-private.h"

/* The trend chart: a line per series through a point a month (or
 * category), values up, with the baseline, target and events of the
 * charts of columns (csp-chart-axes.c). A month without a figure is a gap
 * in its line, never a zero. */

void
csp_chart_line_layout (CspChartLayout *self, CspRect content)
{
  double low, high, zero;
  guint max_ticks;

  if (!csp_chart_layout_begin_columns (self, &content, &low, &high, &max_ticks) ||
      self->plot.width < csp_chart_layout_unit (self) * 4)
    return;
  zero = csp_chart_layout_add_value_axis (self, FALSE);

  for (guint j = 0; j < self->n_series; j++)
    for (guint i = 0; i < self->n_items; i++)
      {
        CspChartMark mark;

        if (!csp_chart_layout_column_mark (self, j, i, zero, &mark))
          {
            mark.y = csp_chart_layout_value_to_position (self, mark.value);
            mark.rect = (CspRect){ mark.x - self->marker_size / 2, mark.y - self->marker_size / 2,
                                   self->marker_size, self->marker_size };
          }
        g_array_append_val (self->marks, mark);
      }
  csp_chart_layout_finish_columns (self);
}

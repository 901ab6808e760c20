/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-donut"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "csp-chart-layout-private.h"
#include "csp-chart-table.h"

/* The donut (actions by RAG status): a ring of slices from twelve o'clock
 * clockwise, a slice a category, the legend beside it (or above it, when
 * the chart is tall) with each one's count and share, the values on the
 * slices wide enough to hold them, and the total in the middle. */

typedef struct
{
  double cx;
  double cy;
  double inner;
  double outer;
} Ring;

/* What a slice takes of the ring: nothing for a negative or missing value. */
static double
slice_value (CspChartLayout *self, guint item)
{
  double value = csp_chart_data_get_category_total (self->data, item);

  return value > 0 ? value : 0;
}

/* Each category's name, count and share, %NULL-terminated. */
static GPtrArray *
legend_texts (CspChartLayout *self)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree int *percents = g_new0 (int, self->n_items);

  csp_chart_data_get_shares (self->data, percents);
  for (guint i = 0; i < self->n_items; i++)
    {
      double value = slice_value (self, i);
      g_autofree char *number = csp_format_number (value);
      g_autofree char *share = csp_chart_format_share (value, percents[i]);

      /* TRANSLATORS: a donut chart's legend entry: name, count, share; "Red: 3 (20%)" */
      g_ptr_array_add (texts, g_strdup_printf (_ ("%s: %s (%s)"),
                                               csp_chart_data_get_category_label (self->data, i),
                                               number, share));
    }
  g_ptr_array_add (texts, NULL);
  return texts;
}

/* The legend in a column beside the ring, the two centred together, when
 * the chart is wide and the column fits; else in rows above it. Returns
 * the room left for the ring. */
static CspRect
layout_legend (CspChartLayout *self, const CspRect *content, char **texts)
{
  double s = csp_chart_layout_unit (self);
  double row_height = MAX (csp_chart_layout_line_height (self, CSP_CHART_TEXT_LEGEND), s * SWATCH);
  double legend_height = self->n_items * (row_height + s * ROW_GAP) - s * ROW_GAP;
  CspRect ring = *content;

  if (content->width >= content->height * 1.25 && legend_height <= content->height)
    {
      double widest = 0, diameter, left;
      CspRect column;

      for (guint i = 0; i < self->n_items; i++)
        widest = MAX (widest, csp_chart_layout_text_width (self, CSP_CHART_TEXT_LEGEND, texts[i],
                                                           content->width * 0.45));
      widest += s * (SWATCH + SWATCH_GAP);
      diameter = MIN (content->height, content->width - widest - s * 3);
      left = content->x + (content->width - diameter - s * 3 - widest) / 2;
      ring = (CspRect){ left, content->y, diameter, content->height };
      column =
          (CspRect){ left + diameter + s * 3, content->y + (content->height - legend_height) / 2,
                     widest, legend_height };
      csp_chart_layout_flow_legend (self, &column, texts, self->n_items, FALSE, TRUE,
                                    legend_height);
    }
  else
    {
      double height = csp_chart_layout_flow_legend (self, content, texts, self->n_items, FALSE,
                                                    FALSE, content->height * 0.4);

      ring.y += height + s * LEGEND_GAP;
      ring.height -= height + s * LEGEND_GAP;
    }
  return ring;
}

/* A slice a category, from twelve o'clock clockwise, each as much of the
 * ring as its share of @total. */
static void
add_slices (CspChartLayout *self, const Ring *ring, double total)
{
  double angle = -G_PI / 2;

  for (guint i = 0; i < self->n_items; i++)
    {
      CspChartMark mark = { .series = 0, .item = i, .x = ring->cx, .y = ring->cy };
      double sweep;

      mark.value = csp_chart_data_get_category_total (self->data, i);
      mark.missing = isnan (mark.value);
      sweep = total > 0 ? 2 * G_PI * slice_value (self, i) / total : 0;
      mark.inner_radius = ring->inner;
      mark.outer_radius = ring->outer;
      mark.start_angle = angle;
      mark.end_angle = angle + sweep;
      mark.rect = self->plot;
      csp_chart_layout_resolve_look (self, 0, i, &mark.color, &mark.hatch, &mark.cue);
      angle += sweep;
      g_array_append_val (self->marks, mark);
    }
}

/* Values on the slices wide enough to hold them. */
static void
add_slice_values (CspChartLayout *self, const Ring *ring)
{
  double s = csp_chart_layout_unit (self);
  double radius = (ring->inner + ring->outer) / 2;

  for (guint i = 0; i < self->n_items; i++)
    {
      const CspChartMark *mark = &g_array_index (self->marks, CspChartMark, i);
      double middle = (mark->start_angle + mark->end_angle) / 2;
      g_autofree char *text = NULL;
      double width, height;

      /* Too thin for any number: not worth measuring one. */
      if (mark->value <= 0 || (mark->end_angle - mark->start_angle) * radius < s * 1.8)
        continue;
      text = csp_format_number (mark->value);
      csp_chart_text_measure (self->text, CSP_CHART_TEXT_LEGEND, text, 0, &width, &height);
      if ((mark->end_angle - mark->start_angle) * radius < width + s * 1.2 ||
          ring->outer - ring->inner < height + s * 0.6)
        continue;
      csp_chart_layout_label_at (
          self, csp_chart_layout_add_label (self, CSP_CHART_TEXT_LEGEND, text,
                                            ring->cx + radius * cos (middle) - width / 2,
                                            ring->cy + radius * sin (middle) - height / 2, 0))
          ->mark = (int) i;
    }
}

/* @total in the middle, with what it counts under it (the value axis'
 * title, or the one series' name), if they fit in the hole. */
static void
add_total (CspChartLayout *self, const Ring *ring, double total)
{
  const char *caption = csp_chart_get_value_title (self->chart);
  g_autofree char *number = csp_format_number (total);
  double width, height, caption_height = 0;

  if (caption == NULL && csp_chart_data_get_n_series (self->data) == 1)
    caption = csp_chart_data_get_series_label (self->data, 0);
  csp_chart_text_measure (self->text, CSP_CHART_TEXT_TOTAL, number, 0, &width, &height);
  if (width > ring->inner * 1.6 || height > ring->inner * 1.2)
    return;
  if (caption != NULL && csp_chart_layout_text_width (self, CSP_CHART_TEXT_AXIS_TITLE, caption,
                                                      0) <= ring->inner * 1.6)
    caption_height = csp_chart_layout_line_height (self, CSP_CHART_TEXT_AXIS_TITLE);
  else
    caption = NULL;
  csp_chart_layout_add_label (self, CSP_CHART_TEXT_TOTAL, number, ring->cx - width / 2,
                              ring->cy - (height + caption_height) / 2, 0);
  if (caption != NULL)
    {
      guint index =
          csp_chart_layout_add_label (self, CSP_CHART_TEXT_AXIS_TITLE, caption, 0,
                                      ring->cy - (height + caption_height) / 2 + height, 0);
      CspChartLabel *label = csp_chart_layout_label_at (self, index);

      label->rect.x = ring->cx - label->rect.width / 2;
    }
}

void
csp_chart_donut_layout (CspChartLayout *self, CspRect content)
{
  double s = csp_chart_layout_unit (self);
  g_autoptr (GPtrArray) texts = legend_texts (self);
  double total = 0;
  CspRect room;
  Ring ring;

  self->n_series = 1;
  for (guint i = 0; i < self->n_items; i++)
    total += slice_value (self, i);
  room = layout_legend (self, &content, (char **) texts->pdata);

  ring.outer = MIN (room.width, room.height) / 2 - s * 0.3;
  if (ring.outer < s * 2)
    return;
  ring.inner = ring.outer * 0.6;
  ring.cx = room.x + room.width / 2;
  ring.cy = room.y + room.height / 2;
  self->plot =
      (CspRect){ ring.cx - ring.outer, ring.cy - ring.outer, 2 * ring.outer, 2 * ring.outer };
  self->band = ring.outer - ring.inner;

  add_slices (self, &ring, total);
  add_slice_values (self, &ring);
  add_total (self, &ring, total);
}

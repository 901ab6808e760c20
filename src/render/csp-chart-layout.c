/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-layout"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-chart-layout-private.h"
#include "csp-chart-risk-matrix.h"

/* Places every part of a chart in a rectangle: title, legend, axes, ticks,
 * labels and marks, as numbers that drawing (csp-chart-draw.c) and
 * hit-testing (csp-chart-hit.c) both read, so that what is drawn is what
 * is hit. Text is measured with Pango; nothing is drawn here.
 *
 * This file holds the layout and what every kind takes from it: the
 * title, the "No data" message, labels, the marks' looks and legends.
 * Each kind lays out its plot in a file of its own, named after it (see
 * csp-chart-layout-private.h). */

#define PAD 1.1         /* around the chart */
#define TITLE_GAP 0.2   /* title to subtitle */
#define HEADER_GAP 0.9  /* titles to what follows */
#define LINE_SWATCH 2.6 /* a legend's line swatch */
#define ITEM_GAP 1.4    /* legend entry to the next */

gboolean
csp_rect_contains (const CspRect *rect, double x, double y)
{
  return x >= rect->x && x <= rect->x + rect->width && y >= rect->y && y <= rect->y + rect->height;
}

gboolean
csp_rect_intersects (const CspRect *a, const CspRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height &&
         b->y < a->y + a->height;
}

/* Within a hundredth of a unit, so that rounding does not fail a fit. */
gboolean
csp_rect_contains_rect (const CspRect *outer, const CspRect *inner)
{
  const double slack = 0.01;

  return inner->x >= outer->x - slack && inner->y >= outer->y - slack &&
         inner->x + inner->width <= outer->x + outer->width + slack &&
         inner->y + inner->height <= outer->y + outer->height + slack;
}

/**
 * csp_chart_style_init:
 * @style: (out caller-allocates): the default style: light, Cantarell (or
 *   DejaVu Sans) at 12 units, a painted background
 */
void
csp_chart_style_init (CspChartStyle *style)
{
  *style = (CspChartStyle){
    .variant = CSP_PALETTE_LIGHT,
    .font_family = NULL,
    .font_size = 12,
    .transparent = FALSE,
  };
}

static void
label_clear (CspChartLabel *label)
{
  g_free (label->text);
}

double
csp_chart_layout_line_height (CspChartLayout *self, CspChartTextRole role)
{
  return csp_chart_text_get_line_height (self->text, role);
}

/* @text's width in the font of @role, ellipsized at @max_width (0: never). */
double
csp_chart_layout_text_width (CspChartLayout *self, CspChartTextRole role, const char *text,
                             double max_width)
{
  double width = 0;

  csp_chart_text_measure (self->text, role, text, max_width, &width, NULL);
  return width;
}

/* Measures @text and puts its top left at (@x, @y); returns the label's index. */
guint
csp_chart_layout_add_label (CspChartLayout *self, CspChartTextRole role, const char *text, double x,
                            double y, double max_width)
{
  CspChartLabel label = {
    .role = role,
    .text = g_strdup (text),
    .rect = { .x = x, .y = y },
    .max_width = max_width,
    .mark = -1,
  };

  csp_chart_text_measure (self->text, role, text, max_width, &label.rect.width, &label.rect.height);
  g_array_append_val (self->labels, label);
  return self->labels->len - 1;
}

void
csp_chart_layout_add_line (GArray *lines, double x0, double y0, double x1, double y1)
{
  CspChartLine line = { x0, y0, x1, y1 };

  g_array_append_val (lines, line);
}

/* A mark's colour, hatch and cue. Lines differ by dash and marker, bars
 * and slices by hatch; a single series of bars needs neither. */
void
csp_chart_layout_resolve_look (CspChartLayout *self, guint series, guint category, CspColor *color,
                               CspHatch *hatch, guint *cue)
{
  guint index = self->kind == CSP_CHART_DONUT ? category : series;
  const char *key = csp_chart_data_get_category_key (self->data, category);

  if (csp_chart_get_colors (self->chart) != CSP_CHART_COLORS_RAG ||
      !csp_palette_rag_color (self->style.variant, key, color))
    csp_palette_series_color (self->style.variant, index, color);
  *cue = index;
  if (self->kind == CSP_CHART_LINE)
    *hatch = CSP_HATCH_NONE;
  else if (self->kind == CSP_CHART_DONUT || self->n_series > 1)
    *hatch = csp_palette_series_hatch (index);
  else
    *hatch = CSP_HATCH_NONE;
}

static void
layout_header (CspChartLayout *self, CspRect *content)
{
  const char *title = csp_chart_get_title (self->chart);
  const char *subtitle = csp_chart_get_subtitle (self->chart);
  double y = content->y;
  gboolean any = FALSE;

  if (title != NULL && *title != '\0')
    {
      guint index = csp_chart_layout_add_label (self, CSP_CHART_TEXT_TITLE, title, content->x, y,
                                                content->width);
      y += csp_chart_layout_label_at (self, index)->rect.height;
      any = TRUE;
    }
  if (subtitle != NULL && *subtitle != '\0')
    {
      guint index;

      if (any)
        y += csp_chart_layout_unit (self) * TITLE_GAP;
      index = csp_chart_layout_add_label (self, CSP_CHART_TEXT_SUBTITLE, subtitle, content->x, y,
                                          content->width);
      y += csp_chart_layout_label_at (self, index)->rect.height;
      any = TRUE;
    }
  if (any)
    y += csp_chart_layout_unit (self) * HEADER_GAP;
  content->height = MAX (0, content->height - (y - content->y));
  content->y = y;
}

static void
layout_empty (CspChartLayout *self, const CspRect *content)
{
  const char *message = _ ("No data for this period");
  guint index =
      csp_chart_layout_add_label (self, CSP_CHART_TEXT_MESSAGE, message, 0, 0, content->width);
  CspChartLabel *label = csp_chart_layout_label_at (self, index);

  self->empty = TRUE;
  self->plot = *content;
  label->rect.x = content->x + (content->width - label->rect.width) / 2;
  label->rect.y = content->y + (content->height - label->rect.height) / 2;
}

/* Legend entries flowing left to right in rows as wide as @area, wrapping
 * where the next one would not fit; one a row with @one_per_row. Their
 * swatches are lines with markers with @line, else boxes; their colours
 * are the series' (a donut's, its categories'), for the caller to change.
 * Entries that would go below @max_height are left out, with a note of
 * how many. Returns the height taken. */
double
csp_chart_layout_flow_legend (CspChartLayout *self, const CspRect *area, char **texts,
                              guint n_texts, gboolean line, gboolean one_per_row, double max_height)
{
  double s = csp_chart_layout_unit (self);
  double text_height = csp_chart_layout_line_height (self, CSP_CHART_TEXT_LEGEND);
  double swatch_width = line ? s * LINE_SWATCH : s * SWATCH;
  double row_height = MAX (text_height, s * SWATCH);
  double max_text = MAX (s, area->width - swatch_width - s * SWATCH_GAP);
  double x = area->x, y = area->y, right = area->x;

  for (guint i = 0; i < n_texts; i++)
    {
      CspChartLegendItem item = { .index = i, .line = line };
      double width = csp_chart_layout_text_width (self, CSP_CHART_TEXT_LEGEND, texts[i], max_text);
      double item_width = swatch_width + s * SWATCH_GAP + width;
      double row_x = x, row_y = y;

      if (x > area->x && (one_per_row || x + item_width > csp_rect_right (area)))
        {
          x = area->x;
          y += row_height + s * ROW_GAP;
        }
      if (i > 0 && y + row_height > area->y + max_height + 0.01)
        {
          /* At the end of the last row that fits, if there is room. */
          g_autofree char *more = g_strdup_printf (_ ("+%u more"), n_texts - i);
          guint index = csp_chart_layout_add_label (self, CSP_CHART_TEXT_LEGEND, more, row_x,
                                                    row_y + (row_height - text_height) / 2, 0);
          CspChartLabel *label = csp_chart_layout_label_at (self, index);

          y = row_y;
          if (csp_rect_right (&label->rect) > csp_rect_right (area))
            g_array_set_size (self->labels, index);
          else
            right = MAX (right, csp_rect_right (&label->rect));
          break;
        }
      item.rect = (CspRect){ x, y, item_width, row_height };
      if (line)
        item.swatch = (CspRect){ x, y, swatch_width, row_height };
      else
        item.swatch = (CspRect){ x, y + (row_height - s * SWATCH) / 2, s * SWATCH, s * SWATCH };
      item.label = csp_chart_layout_add_label (self, CSP_CHART_TEXT_LEGEND, texts[i],
                                               x + swatch_width + s * SWATCH_GAP,
                                               y + (row_height - text_height) / 2, max_text);
      csp_chart_layout_resolve_look (self, self->kind == CSP_CHART_DONUT ? 0 : i,
                                     self->kind == CSP_CHART_DONUT ? i : 0, &item.color,
                                     &item.hatch, &item.cue);
      g_array_append_val (self->legend, item);
      right = MAX (right, x + item_width);
      x += item_width + s * ITEM_GAP;
    }
  self->legend_rect = (CspRect){ area->x, area->y, right - area->x, y + row_height - area->y };
  return self->legend_rect.height;
}

/* The series' legend at the top of @content, when there is more than
 * one; @content is what is left under it. */
void
csp_chart_layout_series_legend (CspChartLayout *self, CspRect *content)
{
  g_autofree char **texts = NULL;
  double height;

  if (self->n_series <= 1)
    return;
  texts = g_new0 (char *, self->n_series + 1);
  for (guint i = 0; i < self->n_series; i++)
    texts[i] = (char *) csp_chart_data_get_series_label (self->data, i);
  height = csp_chart_layout_flow_legend (self, content, texts, self->n_series,
                                         self->kind == CSP_CHART_LINE, FALSE, content->height / 3);
  content->y += height + csp_chart_layout_unit (self) * LEGEND_GAP;
  content->height = MAX (0, content->height - height - csp_chart_layout_unit (self) * LEGEND_GAP);
}

typedef void (*KindLayout) (CspChartLayout *self, CspRect content);

/* Where each kind lays out its plot, in a file named after it. */
static const KindLayout kind_layouts[] = {
  [CSP_CHART_LINE] = csp_chart_line_layout,
  [CSP_CHART_STACKED_BAR] = csp_chart_stacked_bar_layout,
  [CSP_CHART_HORIZONTAL_BAR] = csp_chart_horizontal_bar_layout,
  [CSP_CHART_DONUT] = csp_chart_donut_layout,
  [CSP_CHART_RISK_MATRIX] = csp_chart_risk_matrix_layout,
};

/**
 * csp_chart_layout_new:
 * @chart: the chart
 * @style: (nullable): how it looks; the default style when %NULL
 * @width: the chart's width in user units
 * @height: its height
 *
 * Lays @chart out in a rectangle of @width × @height with its top left at
 * the origin. The layout holds a reference to @chart and its data and
 * does not follow later changes; lay it out again on #CspChart::changed.
 *
 * Returns: (transfer full): the layout
 */
CspChartLayout *
csp_chart_layout_new (CspChart *chart, const CspChartStyle *style, double width, double height)
{
  CspChartLayout *self;
  CspChartData *data;
  CspRect content;
  double pad;

  g_return_val_if_fail (CSP_IS_CHART (chart), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  self = g_new0 (CspChartLayout, 1);
  if (style != NULL)
    self->style = *style;
  else
    csp_chart_style_init (&self->style);
  if (self->style.font_size <= 0)
    self->style.font_size = 12;
  self->font_family =
      g_strdup (self->style.font_family != NULL ? self->style.font_family : CSP_CHART_DEFAULT_FONT);
  self->style.font_family = self->font_family;
  self->text = csp_chart_text_new (self->font_family, self->style.font_size);

  self->labels = g_array_new (FALSE, TRUE, sizeof (CspChartLabel));
  g_array_set_clear_func (self->labels, (GDestroyNotify) label_clear);
  self->marks = g_array_new (FALSE, TRUE, sizeof (CspChartMark));
  self->legend = g_array_new (FALSE, TRUE, sizeof (CspChartLegendItem));
  self->gridlines = g_array_new (FALSE, TRUE, sizeof (CspChartLine));
  self->ticks = g_array_new (FALSE, TRUE, sizeof (CspChartLine));
  self->axes = g_array_new (FALSE, TRUE, sizeof (CspChartLine));
  self->references = g_array_new (FALSE, TRUE, sizeof (CspChartReferenceLine));
  self->events = g_array_new (FALSE, TRUE, sizeof (CspChartLine));

  self->chart = g_object_ref (chart);
  data = csp_chart_get_data (chart);
  self->data = data != NULL ? g_object_ref (data) : NULL;
  self->kind = csp_chart_get_kind (chart);
  self->time_unit = CSP_TIME_UNIT_MONTH;
  self->time_step = 1;

  self->bounds = (CspRect){ 0, 0, width, height };
  pad = MIN (self->style.font_size * PAD, MIN (width, height) / 4);
  content = (CspRect){ pad, pad, width - 2 * pad, height - 2 * pad };
  layout_header (self, &content);

  /* A risk matrix without risks is still the matrix, every cell empty. */
  if (data == NULL || csp_chart_data_get_n_categories (data) == 0 ||
      csp_chart_data_get_n_series (data) == 0 ||
      (self->kind != CSP_CHART_RISK_MATRIX && csp_chart_data_is_empty (data)))
    {
      layout_empty (self, &content);
      return self;
    }
  self->n_series = csp_chart_data_get_n_series (data);
  self->n_items = csp_chart_data_get_n_categories (data);
  self->plot = content;
  g_assert ((guint) self->kind < G_N_ELEMENTS (kind_layouts));
  kind_layouts[self->kind](self, content);
  return self;
}

void
csp_chart_layout_free (CspChartLayout *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->chart);
  g_clear_object (&self->data);
  g_clear_pointer (&self->text, csp_chart_text_free);
  g_clear_pointer (&self->labels, g_array_unref);
  g_clear_pointer (&self->marks, g_array_unref);
  g_clear_pointer (&self->legend, g_array_unref);
  g_clear_pointer (&self->gridlines, g_array_unref);
  g_clear_pointer (&self->ticks, g_array_unref);
  g_clear_pointer (&self->axes, g_array_unref);
  g_clear_pointer (&self->references, g_array_unref);
  g_clear_pointer (&self->events, g_array_unref);
  g_free (self->font_family);
  g_free (self);
}

/**
 * csp_chart_layout_get_label:
 *
 * Returns: (transfer none): label @index
 */
const CspChartLabel *
csp_chart_layout_get_label (CspChartLayout *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->labels->len, NULL);
  return csp_chart_layout_label_at (self, index);
}

/**
 * csp_chart_layout_find_label:
 * @nth: 0 for the first label of @role, 1 for the second...
 *
 * Returns: (transfer none) (nullable): the label, or %NULL if there are fewer
 */
const CspChartLabel *
csp_chart_layout_find_label (CspChartLayout *self, CspChartTextRole role, guint nth)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->labels->len; i++)
    if (csp_chart_layout_label_at (self, i)->role == role && nth-- == 0)
      return csp_chart_layout_label_at (self, i);
  return NULL;
}

/**
 * csp_chart_layout_get_mark:
 *
 * Returns: (transfer none) (nullable): the mark of @series for @item, or
 *   %NULL if the layout has none (an empty chart, or too small to draw)
 */
const CspChartMark *
csp_chart_layout_get_mark (CspChartLayout *self, guint series, guint item)
{
  guint index;

  g_return_val_if_fail (self != NULL, NULL);

  index = series * self->n_items + item;
  if (item >= self->n_items || index >= self->marks->len)
    return NULL;
  return &g_array_index (self->marks, CspChartMark, index);
}

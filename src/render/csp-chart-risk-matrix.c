/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-risk-matrix"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "csp-chart-layout-private.h"
#include "csp-chart-risk-matrix.h"
#include "csp-risk-matrix-data.h"
#include "csp-scale.h"

/* The risk matrix: likelihood up, impact across, each cell coloured by
 * its score's band, with the score written in its corner and the number
 * of open risks in a circle in its middle, so that colour is never the
 * only cue. Its data is csp_risk_matrix_query()'s: a category per cell,
 * one series of counts. A mark per cell, empty ones too, so that pointing
 * at any cell says what it holds. */

/* Its legend keeps LEGEND_GAP from the grid's title, the grid LABEL_GAP
 * from its numbers and they as much from the axis' title
 * (csp-chart-layout-private.h). */
#define CORNER 0.4    /* a score from its cell's corner */
#define BADGE_PAD 0.3 /* a count to its circle */
#define MIN_CELL 1.5  /* smaller cells are not drawn at all */

static const struct
{
  int min_score;
  const char *label;
} bands[CSP_PALETTE_N_RISK_BANDS] = {
  { 1, N_ ("Low (1–4)") },
  { 5, N_ ("Medium (5–9)") },
  { 10, N_ ("High (10–16)") },
  { 20, N_ ("Very high (20–25)") },
};

/**
 * csp_chart_risk_matrix_band:
 * @score: likelihood × impact, 1 to 25
 *
 * Returns: the band @score falls in, 0 (low) to 3 (very high)
 */
guint
csp_chart_risk_matrix_band (int score)
{
  guint band = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    if (score >= bands[i].min_score)
      band = i;
  return band;
}

/* The bands' legend along the top, in the bands' colours; returns its height. */
static double
layout_legend (CspChartLayout *self, const CspRect *content)
{
  const char *texts[G_N_ELEMENTS (bands) + 1] = { NULL };
  double height;

  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    texts[i] = _ (bands[i].label);
  height = csp_chart_layout_flow_legend (self, content, (char **) texts, G_N_ELEMENTS (bands),
                                         FALSE, FALSE, content->height / 4);
  for (guint i = 0; i < self->legend->len; i++)
    {
      CspChartLegendItem *item = &g_array_index (self->legend, CspChartLegendItem, i);

      csp_palette_risk_color (self->style.variant, item->index, &item->color);
      item->hatch = CSP_HATCH_NONE;
    }
  return height;
}

/* The scale's numbers beside the rows and under the columns, and what
 * each axis is. */
static void
layout_axes (CspChartLayout *self, double gutter, double title_top)
{
  double s = csp_chart_layout_unit (self);
  double cell = self->band;
  double bottom = self->plot.y + self->plot.height;
  double axis_height = csp_chart_text_get_line_height (self->text, CSP_CHART_TEXT_AXIS);

  csp_chart_layout_add_label (self, CSP_CHART_TEXT_AXIS_TITLE, _ ("Likelihood"),
                              self->plot.x - gutter, title_top, 0);
  for (int point = 1; point <= CSP_RISK_SCALE; point++)
    {
      g_autofree char *text = g_strdup_printf ("%d", point);
      double width = csp_chart_layout_text_width (self, CSP_CHART_TEXT_AXIS, text, 0);
      double row_y = self->plot.y + (CSP_RISK_SCALE - point) * cell;
      double column_x = self->plot.x + (point - 1) * cell;

      csp_chart_layout_add_label (self, CSP_CHART_TEXT_AXIS, text,
                                  self->plot.x - s * LABEL_GAP - width,
                                  row_y + (cell - axis_height) / 2, 0);
      csp_chart_layout_add_label (self, CSP_CHART_TEXT_AXIS, text, column_x + (cell - width) / 2,
                                  bottom + s * LABEL_GAP, 0);
    }
  csp_chart_layout_label_at (
      self, csp_chart_layout_add_label (self, CSP_CHART_TEXT_AXIS_TITLE, _ ("Impact"), 0,
                                        bottom + s * LABEL_GAP * 2 + axis_height, 0))
      ->rect.x = self->plot.x +
                 (self->plot.width -
                  csp_chart_layout_text_width (self, CSP_CHART_TEXT_AXIS_TITLE, _ ("Impact"), 0)) /
                     2;
}

/* The score in the cell's top left corner, "Score 20" where that fits and
 * "20" where only the number does, drawn in a colour that shows on the
 * cell's. */
static void
layout_score (CspChartLayout *self, guint index, int score)
{
  const CspChartMark *mark = &g_array_index (self->marks, CspChartMark, index);
  double s = csp_chart_layout_unit (self);
  double room = mark->rect.width - 2 * s * CORNER;
  /* TRANSLATORS: a risk matrix cell's score, likelihood × impact */
  g_autofree char *text = g_strdup_printf (_ ("Score %d"), score);

  if (csp_chart_layout_text_width (self, CSP_CHART_TEXT_AXIS, text, 0) > room)
    {
      g_free (text);
      text = g_strdup_printf ("%d", score);
      if (csp_chart_layout_text_width (self, CSP_CHART_TEXT_AXIS, text, 0) > room)
        return;
    }
  csp_chart_layout_label_at (self, csp_chart_layout_add_label (self, CSP_CHART_TEXT_AXIS, text,
                                                               mark->rect.x + s * CORNER,
                                                               mark->rect.y + s * CORNER, 0))
      ->mark = (int) index;
}

/* The number of risks in a circle below the cell's middle, clear of its
 * score: large and bold where the cell has room, as a legend's text
 * where not. */
static void
layout_count (CspChartLayout *self, CspChartMark *mark)
{
  double s = csp_chart_layout_unit (self);
  g_autofree char *text = csp_format_number (mark->value);
  CspChartTextRole role = CSP_CHART_TEXT_TOTAL;
  double width, height;

  csp_chart_text_measure (self->text, role, text, 0, &width, &height);
  if (MAX (width, height) / 2 + s * BADGE_PAD > mark->rect.width * 0.3)
    {
      role = CSP_CHART_TEXT_LEGEND;
      csp_chart_text_measure (self->text, role, text, 0, &width, &height);
    }
  mark->x = mark->rect.x + mark->rect.width / 2;
  mark->y = mark->rect.y + mark->rect.height * 0.58;
  mark->outer_radius = MIN (MAX (width, height) / 2 + s * BADGE_PAD, mark->rect.width * 0.4);
  csp_chart_layout_add_label (self, role, text, mark->x - width / 2, mark->y - height / 2, 0);
}

/**
 * csp_chart_risk_matrix_layout:
 * @content: the chart's room under its titles
 *
 * Lays out a risk matrix: the bands' legend, then square cells as large
 * as fit, likelihood 5 in the top row and impact 5 in the right column.
 * Each cell's mark has the cell as its rectangle, its risks as its value
 * and, when it has any, the circle of their count at (x, y) with
 * outer_radius; 0 when it has none.
 */
void
csp_chart_risk_matrix_layout (CspChartLayout *self, CspRect content)
{
  double s = csp_chart_layout_unit (self);
  double title_height = csp_chart_text_get_line_height (self->text, CSP_CHART_TEXT_AXIS_TITLE);
  double axis_height = csp_chart_text_get_line_height (self->text, CSP_CHART_TEXT_AXIS);
  double gutter = 0, legend_height, room_width, room_height, cell, title_top;

  self->n_series = 1;
  legend_height = layout_legend (self, &content);
  title_top = content.y + legend_height + s * LEGEND_GAP;
  for (int point = 1; point <= CSP_RISK_SCALE; point++)
    {
      g_autofree char *text = g_strdup_printf ("%d", point);
      gutter = MAX (gutter, csp_chart_layout_text_width (self, CSP_CHART_TEXT_AXIS, text, 0));
    }
  gutter += s * LABEL_GAP;
  gutter =
      MAX (gutter,
           csp_chart_layout_text_width (self, CSP_CHART_TEXT_AXIS_TITLE, _ ("Likelihood"), 0) / 2);
  room_width = content.width - 2 * gutter;
  room_height = content.y + content.height - title_top - title_height - s * LABEL_GAP -
                (s * LABEL_GAP * 2 + axis_height + title_height);
  cell = MIN (room_width, room_height) / CSP_RISK_SCALE;
  if (cell < s * MIN_CELL)
    return;
  self->band = cell;
  self->plot = (CspRect){ content.x + gutter + (room_width - cell * CSP_RISK_SCALE) / 2,
                          title_top + title_height + s * LABEL_GAP, cell * CSP_RISK_SCALE,
                          cell * CSP_RISK_SCALE };
  layout_axes (self, gutter, title_top);

  for (guint i = 0; i < self->n_items; i++)
    {
      CspChartMark mark = { .series = 0, .item = i };
      int likelihood = 0, impact = 0;

      if (!csp_risk_matrix_parse_key (csp_chart_data_get_category_key (self->data, i), &likelihood,
                                      &impact))
        {
          /* Not a cell: nothing drawn, nothing hit. */
          mark.missing = TRUE;
          mark.value = NAN;
          g_array_append_val (self->marks, mark);
          continue;
        }
      mark.value = csp_chart_data_get_value (self->data, 0, i);
      mark.rect = (CspRect){ self->plot.x + (impact - 1) * cell,
                             self->plot.y + (CSP_RISK_SCALE - likelihood) * cell, cell, cell };
      csp_palette_risk_color (self->style.variant, csp_chart_risk_matrix_band (likelihood * impact),
                              &mark.color);
      mark.hatch = CSP_HATCH_NONE;
      g_array_append_val (self->marks, mark);
      layout_score (self, i, likelihood * impact);
      if (mark.value > 0)
        layout_count (self, &g_array_index (self->marks, CspChartMark, i));
    }
}

/**
 * csp_chart_risk_matrix_draw:
 * @thin: a hairline's width in user units
 *
 * Draws the cells and the circles of their counts; the labels are drawn
 * with every chart's.
 */
void
csp_chart_risk_matrix_draw (CspChartLayout *layout, cairo_t *cr, double thin)
{
  CspColor background, text;

  csp_palette_role_color (layout->style.variant, CSP_PALETTE_BACKGROUND, &background);
  csp_palette_role_color (layout->style.variant, CSP_PALETTE_TEXT, &text);
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const CspChartMark *mark = &g_array_index (layout->marks, CspChartMark, i);

      if (mark->missing)
        continue;
      cairo_rectangle (cr, mark->rect.x, mark->rect.y, mark->rect.width, mark->rect.height);
      csp_color_set_source (&mark->color, cr);
      cairo_fill (cr);
    }
  /* Cells parted by lines of the background's colour. */
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const CspChartMark *mark = &g_array_index (layout->marks, CspChartMark, i);

      if (!mark->missing)
        cairo_rectangle (cr, mark->rect.x, mark->rect.y, mark->rect.width, mark->rect.height);
    }
  csp_color_set_source (&background, cr);
  cairo_set_line_width (cr, MAX (2 * thin, layout->style.font_size * 0.15));
  cairo_stroke (cr);
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const CspChartMark *mark = &g_array_index (layout->marks, CspChartMark, i);

      if (mark->missing || mark->outer_radius <= 0)
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, mark->x, mark->y, mark->outer_radius, 0, 2 * G_PI);
      csp_color_set_source (&background, cr);
      cairo_fill_preserve (cr);
      csp_color_set_source (&text, cr);
      cairo_set_line_width (cr, MAX (thin, layout->style.font_size * 0.12));
      cairo_stroke (cr);
    }
}

/**
 * csp_chart_risk_matrix_hit:
 *
 * Returns: (nullable): the cell under (@x, @y), with risks or not
 */
const CspChartMark *
csp_chart_risk_matrix_hit (CspChartLayout *layout, double x, double y)
{
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const CspChartMark *mark = &g_array_index (layout->marks, CspChartMark, i);

      if (!mark->missing && csp_rect_contains (&mark->rect, x, y))
        return mark;
    }
  return NULL;
}

/**
 * csp_chart_risk_matrix_table:
 *
 * The cells as a table: likelihood, impact, score, the number of open
 * risks and their titles, the highest scores first, then
 * the total of the risks.
 *
 * Returns: (transfer full): the table
 */
CspChartTable *
csp_chart_risk_matrix_table (CspChart *chart)
{
  const char *const headings[] = { _ ("Likelihood"), _ ("Impact"), _ ("Score"), _ ("Open risks"),
                                   _ ("Risks") };
  CspChartData *data = csp_chart_get_data (chart);
  CspChartTable *table = g_new0 (CspChartTable, 1);
  guint n_cells = data != NULL ? csp_chart_data_get_n_categories (data) : 0;
  double total = 0;
  char **row;

  table->n_columns = G_N_ELEMENTS (headings);
  table->has_totals = n_cells > 0;
  table->n_rows = 1 + n_cells + table->has_totals;
  table->cells = g_new0 (char *, table->n_rows * table->n_columns);
  for (guint j = 0; j < table->n_columns; j++)
    table->cells[j] = g_strdup (headings[j]);
  for (guint i = 0; i < n_cells; i++)
    {
      int likelihood = 0, impact = 0;
      double count = csp_chart_data_get_value (data, 0, i);
      const char *detail = csp_chart_data_get_category_detail (data, i);
      g_auto (GStrv) titles = detail != NULL ? g_strsplit (detail, "\n", -1) : NULL;

      row = table->cells + (i + 1) * table->n_columns;
      if (csp_risk_matrix_parse_key (csp_chart_data_get_category_key (data, i), &likelihood,
                                     &impact))
        {
          row[0] = g_strdup_printf ("%d", likelihood);
          row[1] = g_strdup_printf ("%d", impact);
          row[2] = g_strdup_printf ("%d", likelihood * impact);
        }
      row[3] = g_strdup_printf ("%.0f", isnan (count) ? 0 : count);
      row[4] = titles != NULL ? g_strjoinv (_ ("; "), titles) : g_strdup ("");
      total += isnan (count) ? 0 : count;
    }
  if (table->has_totals)
    {
      row = table->cells + (table->n_rows - 1) * table->n_columns;
      row[0] = g_strdup (_ ("Total"));
      row[3] = g_strdup_printf ("%.0f", total);
    }
  /* What is not a number or a title (a key that is no cell) is left empty. */
  for (guint k = 0; k < table->n_rows * table->n_columns; k++)
    if (table->cells[k] == NULL)
      table->cells[k] = g_strdup ("");
  return table;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-layout"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "csp-chart-layout-private.h"
#include "csp-chart-risk-matrix.h"
#include "csp-chart-table.h"

/* Places every part of a chart in a rectangle: title, legend, axes, ticks,
 * labels and marks, as numbers that drawing (csp-chart-draw.c) and
 * hit-testing (csp-chart-hit.c) both read, so that what is drawn is what
 * is hit. Text is measured with Pango; nothing is drawn here.
 *
 * Distances are multiples of the body text size, so a chart laid out with
 * larger text keeps its proportions. */

#define PAD 1.1         /* around the chart */
#define TITLE_GAP 0.2   /* title to subtitle */
#define HEADER_GAP 0.9  /* titles to what follows */
#define LEGEND_GAP 0.9  /* legend to what follows */
#define TICK_LENGTH 0.4 /* tick marks */
#define LABEL_GAP 0.45  /* axis to its labels */
#define LABEL_SPACE 0.9 /* the least space between two axis labels */
#define SWATCH 0.85     /* a legend's box swatch */
#define LINE_SWATCH 2.6 /* a legend's line swatch */
#define SWATCH_GAP 0.45 /* swatch to its text */
#define ITEM_GAP 1.4    /* legend entry to the next */
#define ROW_GAP 0.35    /* legend row to the next */

/* More labels than this along a time axis read as a blur: a coarser
 * division is chosen while there is one. */
#define MAX_TIME_LABELS 16

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

static double
unit (CspChartLayout *self)
{
  return self->style.font_size;
}

static double
right_of (const CspRect *rect)
{
  return rect->x + rect->width;
}

static double
bottom_of (const CspRect *rect)
{
  return rect->y + rect->height;
}

static double
line_height (CspChartLayout *self, CspChartTextRole role)
{
  return csp_chart_text_get_line_height (self->text, role);
}

static double
text_width (CspChartLayout *self, CspChartTextRole role, const char *text, double max_width)
{
  double width = 0;

  csp_chart_text_measure (self->text, role, text, max_width, &width, NULL);
  return width;
}

static CspChartLabel *
label_at (CspChartLayout *self, guint index)
{
  return &g_array_index (self->labels, CspChartLabel, index);
}

/* Measures @text and puts its top left at (@x, @y). */
static guint
add_label (CspChartLayout *self, CspChartTextRole role, const char *text, double x, double y,
           double max_width)
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

static void
add_line (GArray *lines, double x0, double y0, double x1, double y1)
{
  CspChartLine line = { x0, y0, x1, y1 };

  g_array_append_val (lines, line);
}

/* A mark's colour, hatch and cue. Lines differ by dash and marker, bars
 * and slices by hatch; a single series of bars needs neither. */
static void
resolve_look (CspChartLayout *self, guint series, guint category, CspColor *color, CspHatch *hatch,
              guint *cue)
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
      guint index = add_label (self, CSP_CHART_TEXT_TITLE, title, content->x, y, content->width);
      y += label_at (self, index)->rect.height;
      any = TRUE;
    }
  if (subtitle != NULL && *subtitle != '\0')
    {
      guint index;

      if (any)
        y += unit (self) * TITLE_GAP;
      index = add_label (self, CSP_CHART_TEXT_SUBTITLE, subtitle, content->x, y, content->width);
      y += label_at (self, index)->rect.height;
      any = TRUE;
    }
  if (any)
    y += unit (self) * HEADER_GAP;
  content->height = MAX (0, content->height - (y - content->y));
  content->y = y;
}

static void
layout_empty (CspChartLayout *self, const CspRect *content)
{
  const char *message = _ ("No data for this period");
  guint index = add_label (self, CSP_CHART_TEXT_MESSAGE, message, 0, 0, content->width);
  CspChartLabel *label = label_at (self, index);

  self->empty = TRUE;
  self->plot = *content;
  label->rect.x = content->x + (content->width - label->rect.width) / 2;
  label->rect.y = content->y + (content->height - label->rect.height) / 2;
}

/* Legend entries flowing left to right in rows as wide as @area, wrapping
 * where the next one would not fit; one a row with @one_per_row. Entries
 * that would go below @max_height are left out, with a note of how many.
 * Returns the height taken. */
static double
flow_legend (CspChartLayout *self, const CspRect *area, char **texts, guint n_texts, gboolean line,
             gboolean one_per_row, double max_height)
{
  double s = unit (self);
  double text_height = line_height (self, CSP_CHART_TEXT_LEGEND);
  double swatch_width = line ? s * LINE_SWATCH : s * SWATCH;
  double row_height = MAX (text_height, s * SWATCH);
  double max_text = MAX (s, area->width - swatch_width - s * SWATCH_GAP);
  double x = area->x, y = area->y, right = area->x;

  for (guint i = 0; i < n_texts; i++)
    {
      CspChartLegendItem item = { .index = i, .line = line };
      double width = text_width (self, CSP_CHART_TEXT_LEGEND, texts[i], max_text);
      double item_width = swatch_width + s * SWATCH_GAP + width;
      double row_x = x, row_y = y;

      if (x > area->x && (one_per_row || x + item_width > right_of (area)))
        {
          x = area->x;
          y += row_height + s * ROW_GAP;
        }
      if (i > 0 && y + row_height > area->y + max_height + 0.01)
        {
          /* At the end of the last row that fits, if there is room. */
          g_autofree char *more = g_strdup_printf (_ ("+%u more"), n_texts - i);
          guint index = add_label (self, CSP_CHART_TEXT_LEGEND, more, row_x,
                                   row_y + (row_height - text_height) / 2, 0);
          CspChartLabel *label = label_at (self, index);

          y = row_y;
          if (right_of (&label->rect) > right_of (area))
            g_array_set_size (self->labels, index);
          else
            right = MAX (right, right_of (&label->rect));
          break;
        }
      item.rect = (CspRect){ x, y, item_width, row_height };
      if (line)
        item.swatch = (CspRect){ x, y, swatch_width, row_height };
      else
        item.swatch = (CspRect){ x, y + (row_height - s * SWATCH) / 2, s * SWATCH, s * SWATCH };
      item.label =
          add_label (self, CSP_CHART_TEXT_LEGEND, texts[i], x + swatch_width + s * SWATCH_GAP,
                     y + (row_height - text_height) / 2, max_text);
      resolve_look (self, self->kind == CSP_CHART_DONUT ? 0 : i,
                    self->kind == CSP_CHART_DONUT ? i : 0, &item.color, &item.hatch, &item.cue);
      g_array_append_val (self->legend, item);
      right = MAX (right, x + item_width);
      x += item_width + s * ITEM_GAP;
    }
  self->legend_rect = (CspRect){ area->x, area->y, right - area->x, y + row_height - area->y };
  return self->legend_rect.height;
}

/**
 * csp_chart_layout_add_label:
 *
 * Measures @text and puts its top left at (@x, @y).
 *
 * Returns: the label's index
 */
guint
csp_chart_layout_add_label (CspChartLayout *self, CspChartTextRole role, const char *text, double x,
                            double y, double max_width)
{
  return add_label (self, role, text, x, y, max_width);
}

/**
 * csp_chart_layout_flow_legend:
 *
 * Legend entries with box swatches, in rows as wide as @area, as far down
 * as @max_height; their colours are the series', for the caller to change.
 *
 * Returns: the height taken
 */
double
csp_chart_layout_flow_legend (CspChartLayout *self, const CspRect *area, char **texts,
                              guint n_texts, double max_height)
{
  return flow_legend (self, area, texts, n_texts, FALSE, FALSE, max_height);
}

static double
series_legend (CspChartLayout *self, CspRect *content)
{
  g_autofree char **texts = g_new0 (char *, self->n_series + 1);
  double height;

  for (guint i = 0; i < self->n_series; i++)
    texts[i] = (char *) csp_chart_data_get_series_label (self->data, i);
  height = flow_legend (self, content, texts, self->n_series, self->kind == CSP_CHART_LINE, FALSE,
                        content->height / 3);
  content->y += height + unit (self) * LEGEND_GAP;
  content->height = MAX (0, content->height - height - unit (self) * LEGEND_GAP);
  return height;
}

/* Values */

static gboolean
all_whole (CspChartData *data)
{
  for (guint i = 0; i < csp_chart_data_get_n_series (data); i++)
    {
      guint n = 0;
      const double *values = csp_chart_data_get_values (data, i, &n);

      for (guint j = 0; j < n; j++)
        if (!isnan (values[j]) && values[j] != floor (values[j]))
          return FALSE;
    }
  return TRUE;
}

static void
value_range (CspChartLayout *self, double *low, double *high)
{
  gboolean stacked = self->kind != CSP_CHART_LINE;

  *low = 0;
  *high = 0;
  for (guint i = 0; i < self->n_items; i++)
    {
      double positive = 0, negative = 0;

      for (guint j = 0; j < self->n_series; j++)
        {
          double value = csp_chart_data_get_value (self->data, j, i);

          if (isnan (value))
            continue;
          if (stacked)
            *(value >= 0 ? &positive : &negative) += value;
          else
            {
              *high = MAX (*high, value);
              *low = MIN (*low, value);
            }
        }
      *high = MAX (*high, positive);
      *low = MIN (*low, negative);
    }
  if (self->kind != CSP_CHART_HORIZONTAL_BAR)
    for (CspChartReferenceKind kind = CSP_CHART_BASELINE; kind <= CSP_CHART_TARGET; kind++)
      {
        double value;

        if (csp_chart_get_reference (self->chart, kind, &value, NULL))
          {
            *high = MAX (*high, value);
            *low = MIN (*low, value);
          }
      }
}

static void
set_value_ticks (CspChartLayout *self, double low, double high, guint max_ticks)
{
  if (all_whole (self->data))
    csp_ticks_for_whole_numbers (low, high, max_ticks, &self->value_ticks);
  else
    csp_ticks_for_range (low, high, max_ticks, &self->value_ticks);
  self->value_low = self->value_ticks.first;
  self->value_high = csp_ticks_get_last (&self->value_ticks);
}

static char *
format_value (double value, double step)
{
  guint decimals = 0;

  if (step > 0 && step < 1)
    decimals = (guint) MIN (3, ceil (-log10 (step) - 1e-9));
  else if (step == 0 && value != floor (value))
    decimals = 1;
  return csp_format_decimal (value, decimals);
}

/**
 * csp_chart_layout_value_to_position:
 *
 * Returns: where @value falls on the value axis: a y for lines and bars,
 *   an x for horizontal bars
 */
double
csp_chart_layout_value_to_position (CspChartLayout *self, double value)
{
  double fraction;

  g_return_val_if_fail (self != NULL, 0.0);

  if (self->value_high <= self->value_low)
    return self->kind == CSP_CHART_HORIZONTAL_BAR ? self->plot.x : bottom_of (&self->plot);
  fraction = (value - self->value_low) / (self->value_high - self->value_low);
  if (self->kind == CSP_CHART_HORIZONTAL_BAR)
    return self->plot.x + fraction * self->plot.width;
  return bottom_of (&self->plot) - fraction * self->plot.height;
}

static double
widest_tick_label (CspChartLayout *self)
{
  double widest = 0;

  for (guint i = 0; i < self->value_ticks.count; i++)
    {
      g_autofree char *text =
          format_value (csp_ticks_get (&self->value_ticks, i), self->value_ticks.step);
      widest = MAX (widest, text_width (self, CSP_CHART_TEXT_AXIS, text, 0));
    }
  return widest;
}

/* Category axes */

typedef struct
{
  char *text;
  double x;
} Placed;

static void
placed_clear (Placed *placed)
{
  g_free (placed->text);
}

/* Labels for the labelled groups, centred under them; fails (when @strict)
 * as soon as two would come closer than LABEL_SPACE. A group the axis
 * holds only in part is labelled only if its label fits over it. */
static gboolean
place_time_labels (CspChartLayout *self, GArray *groups, CspTimeUnit time_unit, gboolean strict,
                   GArray *placed)
{
  double s = unit (self);
  int year_start = csp_chart_get_year_start_month (self->chart);
  double previous_right = -G_MAXDOUBLE;
  guint n_labelled = 0;

  g_array_set_size (placed, 0);
  for (guint i = 0; i < groups->len; i++)
    n_labelled += g_array_index (groups, CspTimeGroup, i).labelled;
  if (strict && n_labelled > MAX_TIME_LABELS)
    return FALSE;
  if (strict && n_labelled > 1)
    {
      /* Most steps fail by far: tell from one label, not all of them. */
      for (guint i = 0; i < groups->len; i++)
        {
          const CspTimeGroup *group = &g_array_index (groups, CspTimeGroup, i);
          g_autofree char *text = NULL;
          double width;

          if (!group->labelled)
            continue;
          text = csp_time_label (group->month, time_unit, year_start);
          width = text_width (self, CSP_CHART_TEXT_AXIS, text, 0);
          if ((n_labelled - 1) * (width * 0.8 + s * LABEL_SPACE) > self->plot.width + width)
            return FALSE;
          break;
        }
    }
  for (guint i = 0; i < groups->len; i++)
    {
      const CspTimeGroup *group = &g_array_index (groups, CspTimeGroup, i);
      Placed label;
      double width, centre, span;

      if (!group->labelled)
        continue;
      label.text = csp_time_label (group->month, time_unit, year_start);
      width = text_width (self, CSP_CHART_TEXT_AXIS, label.text, 0);
      span = group->length * self->band;
      centre = self->plot.x + (group->start + group->length / 2.0) * self->band;
      if (!group->whole && width > span)
        {
          g_free (label.text);
          continue;
        }
      label.x = CLAMP (centre - width / 2, self->bounds.x + s * 0.3,
                       right_of (&self->bounds) - s * 0.3 - width);
      if (label.x < previous_right + s * LABEL_SPACE)
        {
          g_free (label.text);
          if (strict)
            return FALSE;
          continue;
        }
      previous_right = label.x + width;
      g_array_append_val (placed, label);
    }
  return TRUE;
}

static void
layout_time_axis (CspChartLayout *self, int first_month, double label_y)
{
  static const CspTimeUnit all_units[] = {
    CSP_TIME_UNIT_MONTH,
    CSP_TIME_UNIT_QUARTER,
    CSP_TIME_UNIT_YEAR,
  };
  CspTimeUnit wanted = csp_chart_get_time_unit (self->chart);
  const CspTimeUnit *units = wanted == CSP_TIME_UNIT_AUTO ? all_units : &wanted;
  guint n_units = wanted == CSP_TIME_UNIT_AUTO ? G_N_ELEMENTS (all_units) : 1;
  int year_start = csp_chart_get_year_start_month (self->chart);
  g_autoptr (GArray) placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  g_autoptr (GArray) groups = NULL;
  CspTimeUnit time_unit = units[n_units - 1];
  guint step = 1;
  gboolean fits = FALSE;
  double bottom = bottom_of (&self->plot);
  double s = unit (self);

  g_array_set_clear_func (placed, (GDestroyNotify) placed_clear);
  for (guint u = 0; u < n_units && !fits; u++)
    {
      guint n_steps = 0;
      const guint *steps = csp_time_unit_get_steps (units[u], &n_steps);

      for (guint i = 0; i < n_steps && !fits; i++)
        {
          g_clear_pointer (&groups, g_array_unref);
          groups = csp_time_groups (first_month, self->n_items, units[u], steps[i], year_start);
          time_unit = units[u];
          step = steps[i];
          fits = place_time_labels (self, groups, time_unit, TRUE, placed);
        }
    }
  /* Nothing fits: the coarsest division, leaving out labels that collide. */
  if (!fits)
    place_time_labels (self, groups, time_unit, FALSE, placed);
  self->time_unit = time_unit;
  self->time_step = step;

  for (guint i = 0; i < placed->len; i++)
    {
      const Placed *label = &g_array_index (placed, Placed, i);
      add_label (self, CSP_CHART_TEXT_AXIS, label->text, label->x, label_y, 0);
    }
  /* Ticks between groups, or between labelled ones where they would crowd. */
  for (guint i = 0; i < groups->len; i++)
    {
      const CspTimeGroup *group = &g_array_index (groups, CspTimeGroup, i);
      double x = self->plot.x + group->start * self->band;
      gboolean crowded = csp_time_unit_get_months (time_unit) * self->band < s * 0.35;

      if (crowded && !group->labelled)
        continue;
      add_line (self->ticks, x, bottom, x, bottom + s * TICK_LENGTH);
    }
  add_line (self->ticks, right_of (&self->plot), bottom, right_of (&self->plot),
            bottom + s * TICK_LENGTH);
}

static void
layout_category_axis (CspChartLayout *self, double label_y)
{
  static const guint steps[] = { 1, 2, 3, 4, 5, 10, 20, 50, 100, 200, 500, 1000 };
  double s = unit (self);
  double max_width = s * 12;
  double bottom = bottom_of (&self->plot);
  guint step = steps[G_N_ELEMENTS (steps) - 1];

  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    {
      double previous_right = -G_MAXDOUBLE;
      gboolean fits = TRUE;

      for (guint i = 0; i < self->n_items && fits; i += steps[k])
        {
          const char *text = csp_chart_data_get_category_label (self->data, i);
          double width = text_width (self, CSP_CHART_TEXT_AXIS, text, max_width);
          double x = self->plot.x + (i + 0.5) * self->band - width / 2;

          fits = x >= previous_right + s * LABEL_SPACE;
          previous_right = x + width;
        }
      if (fits)
        {
          step = steps[k];
          break;
        }
    }
  for (guint i = 0; i < self->n_items; i += step)
    {
      const char *text = csp_chart_data_get_category_label (self->data, i);
      guint index = add_label (self, CSP_CHART_TEXT_AXIS, text, 0, label_y, max_width);
      CspChartLabel *label = label_at (self, index);

      label->rect.x =
          CLAMP (self->plot.x + (i + 0.5) * self->band - label->rect.width / 2,
                 self->bounds.x + s * 0.3, right_of (&self->bounds) - s * 0.3 - label->rect.width);
    }
  for (guint i = 0; i <= self->n_items; i++)
    if (self->band >= s * 0.35 || i % step == 0 || i == self->n_items)
      {
        double x = self->plot.x + i * self->band;
        add_line (self->ticks, x, bottom, x, bottom + s * TICK_LENGTH);
      }
}

/* Baseline and target across the plot, labelled at its right end. */
static void
layout_references (CspChartLayout *self)
{
  double s = unit (self);

  for (CspChartReferenceKind kind = CSP_CHART_BASELINE; kind <= CSP_CHART_TARGET; kind++)
    {
      CspChartReferenceLine reference = { .kind = kind };
      const char *name = NULL;
      g_autofree char *number = NULL;
      g_autofree char *text = NULL;
      CspChartLabel *label;
      double y;

      if (!csp_chart_get_reference (self->chart, kind, &reference.value, &name))
        continue;
      number = format_value (reference.value, self->value_ticks.step);
      if (name != NULL)
        /* TRANSLATORS: a line across a chart: its name and value, "Target: 5,000" */
        text = g_strdup_printf (_ ("%s: %s"), name, number);
      else if (kind == CSP_CHART_BASELINE)
        text = g_strdup_printf (_ ("Baseline: %s"), number);
      else
        text = g_strdup_printf (_ ("Target: %s"), number);

      y = csp_chart_layout_value_to_position (self, reference.value);
      reference.line = (CspChartLine){ self->plot.x, y, right_of (&self->plot), y };
      reference.label =
          add_label (self, CSP_CHART_TEXT_ANNOTATION, text, 0, 0, self->plot.width / 2);
      label = label_at (self, reference.label);
      label->backdrop = TRUE;
      label->rect.x = right_of (&self->plot) - s * 0.3 - label->rect.width;
      label->rect.y = y - label->rect.height - s * 0.15;
      if (label->rect.y < self->plot.y)
        label->rect.y = y + s * 0.15;
      g_array_append_val (self->references, reference);
    }
}

/* Whether @rect would cover another annotation or a bar's total. */
static gboolean
collides_with_label (CspChartLayout *self, const CspRect *rect)
{
  double s = unit (self);
  CspRect grown = { rect->x - s * 0.3, rect->y - s * 0.1, rect->width + s * 0.6,
                    rect->height + s * 0.2 };

  for (guint i = 0; i < self->labels->len; i++)
    {
      const CspChartLabel *label = label_at (self, i);

      if ((label->role == CSP_CHART_TEXT_ANNOTATION || label->role == CSP_CHART_TEXT_VALUE) &&
          csp_rect_intersects (&grown, &label->rect))
        return TRUE;
    }
  return FALSE;
}

/* Where an event's line goes: through a line's point for the month, and
 * at the start of a bar's month, between bars, where no bar's total can
 * sit on it. */
static double
event_x (CspChartLayout *self, int item)
{
  double offset = self->kind == CSP_CHART_LINE ? 0.5 : 0.0;

  return self->plot.x + (item + offset) * self->band;
}

static gboolean
crosses_event (CspChartLayout *self, const CspRect *rect, double own_x)
{
  for (guint i = 0; i < self->events->len; i++)
    {
      double x = g_array_index (self->events, CspChartLine, i).x0;

      if (x != own_x && x > rect->x && x < rect->x + rect->width)
        return TRUE;
    }
  return FALSE;
}

/* A line at the event's month, labelled at the top of the plot, to the
 * right of the line or else to its left. A label that would collide goes
 * a row lower, and one that would cross another event's line (where it
 * reads as that event's) is placed only when nothing else is free; after
 * three rows it is left out. */
static void
layout_events (CspChartLayout *self)
{
  double s = unit (self);
  double height = line_height (self, CSP_CHART_TEXT_ANNOTATION);
  g_autoptr (GArray) items = g_array_new (FALSE, FALSE, sizeof (int));

  if (csp_chart_data_get_category_kind (self->data) != CSP_CHART_CATEGORY_MONTH)
    return;
  /* Every line first, so that labels can keep clear of them all. */
  for (guint i = 0; i < csp_chart_get_n_events (self->chart); i++)
    {
      const char *month, *text;
      int item;

      csp_chart_get_event (self->chart, i, &month, &text);
      item = csp_chart_data_find_category (self->data, month);
      g_array_append_val (items, item);
      if (item >= 0)
        add_line (self->events, event_x (self, item), self->plot.y, event_x (self, item),
                  bottom_of (&self->plot));
    }
  for (guint i = 0; i < items->len; i++)
    {
      int item = g_array_index (items, int, i);
      const char *month, *text;
      double x, width;
      gboolean placed = FALSE;

      if (item < 0)
        continue;
      csp_chart_get_event (self->chart, i, &month, &text);
      x = event_x (self, item);
      width = text_width (self, CSP_CHART_TEXT_ANNOTATION, text, self->plot.width / 2);
      for (guint pass = 0; pass < 2 && !placed; pass++)
        for (guint row = 0; row < 3 && !placed; row++)
          for (guint side = 0; side < 2 && !placed; side++)
            {
              CspRect rect = { side == 0 ? x + s * 0.3 : x - s * 0.3 - width,
                               self->plot.y + s * 0.2 + row * (height + s * 0.2), width, height };
              guint index;

              if (rect.x < self->plot.x || right_of (&rect) > right_of (&self->plot) ||
                  collides_with_label (self, &rect) ||
                  (pass == 0 && crosses_event (self, &rect, x)))
                continue;
              index = add_label (self, CSP_CHART_TEXT_ANNOTATION, text, rect.x, rect.y,
                                 self->plot.width / 2);
              label_at (self, index)->backdrop = TRUE;
              placed = TRUE;
            }
    }
}

static void
add_value_gridlines (CspChartLayout *self, gboolean across)
{
  double s = unit (self);
  double height = line_height (self, CSP_CHART_TEXT_AXIS);

  for (guint i = 0; i < self->value_ticks.count; i++)
    {
      double value = csp_ticks_get (&self->value_ticks, i);
      double position = csp_chart_layout_value_to_position (self, value);
      g_autofree char *text = format_value (value, self->value_ticks.step);
      guint index;
      CspChartLabel *label;

      if (across)
        {
          add_line (self->gridlines, position, self->plot.y, position, bottom_of (&self->plot));
          index = add_label (self, CSP_CHART_TEXT_AXIS, text, 0,
                             bottom_of (&self->plot) + s * (TICK_LENGTH + LABEL_GAP / 2), 0);
          label = label_at (self, index);
          label->rect.x = CLAMP (position - label->rect.width / 2, self->bounds.x + s * 0.3,
                                 right_of (&self->bounds) - s * 0.3 - label->rect.width);
        }
      else
        {
          add_line (self->gridlines, self->plot.x, position, right_of (&self->plot), position);
          index = add_label (self, CSP_CHART_TEXT_AXIS, text, 0, position - height / 2, 0);
          label = label_at (self, index);
          label->rect.x = self->plot.x - s * LABEL_GAP - label->rect.width;
        }
    }
}

/* Lines and stacked bars: values up, categories across. */
static void
layout_cartesian (CspChartLayout *self, CspRect content)
{
  double s = unit (self);
  double text_height = line_height (self, CSP_CHART_TEXT_AXIS);
  double value_height = line_height (self, CSP_CHART_TEXT_VALUE);
  const char *value_title = csp_chart_get_value_title (self->chart);
  gboolean stacked = self->kind == CSP_CHART_STACKED_BAR;
  gboolean totals = FALSE;
  double low, high, label_y, zero;
  guint max_ticks;
  int first_month;

  if (self->n_series > 1)
    series_legend (self, &content);
  if (value_title != NULL && *value_title != '\0')
    {
      guint index = add_label (self, CSP_CHART_TEXT_AXIS_TITLE, value_title, content.x, content.y,
                               content.width);
      double height = label_at (self, index)->rect.height + s * LABEL_GAP;

      content.y += height;
      content.height -= height;
    }

  /* Half a label's height above, for the top tick's label; the time axis below. */
  self->plot.y = content.y + text_height / 2;
  self->plot.height =
      content.height - text_height / 2 - s * (TICK_LENGTH + LABEL_GAP / 2) - text_height;
  if (self->plot.height < text_height * 2 || content.width < s * 8)
    return;

  value_range (self, &low, &high);
  max_ticks = CLAMP ((guint) (self->plot.height / (text_height * 2.4)) + 1, 2, 11);
  set_value_ticks (self, low, high, max_ticks);
  for (guint pass = 0; pass < 2; pass++)
    {
      self->plot.x = content.x + widest_tick_label (self) + s * LABEL_GAP;
      self->plot.width = right_of (&content) - self->plot.x - s * 0.5;
      self->band = self->plot.width / self->n_items;
      if (!stacked || pass == 1)
        break;

      /* Totals over the bars, if they fit across one, with room above the tallest. */
      {
        g_autofree char *text = format_value (high, 0);
        double needed = value_height + s * 0.2;

        totals = text_width (self, CSP_CHART_TEXT_VALUE, text, 0) <= self->band * 0.96;
        if (!totals || csp_chart_layout_value_to_position (self, high) - self->plot.y >= needed)
          break;
        set_value_ticks (self, low,
                         low + (high - low) * self->plot.height / (self->plot.height - needed),
                         max_ticks);
      }
    }
  if (self->plot.width < s * 4)
    return;
  if (totals)
    {
      g_autofree char *text = format_value (high, 0);
      totals = text_width (self, CSP_CHART_TEXT_VALUE, text, 0) <= self->band * 0.96;
    }

  add_value_gridlines (self, FALSE);
  zero = csp_chart_layout_value_to_position (self, CLAMP (0, self->value_low, self->value_high));
  add_line (self->axes, self->plot.x, zero, right_of (&self->plot), zero);

  /* Marks */
  self->line_width = MAX (1.0, s / 6);
  /* A marker on every month: smaller where months are close, so that
   * neighbours do not run into one blot, but never smaller than the line
   * is wide, so that a month alone between gaps still shows. */
  self->marker_size = CLAMP (self->band * 0.8, self->line_width * 2.5, s * 0.6);
  {
    g_autofree double *bases = g_new0 (double, self->n_items);
    double bar_width = self->band * (self->band > s * 0.5 ? 0.72 : 0.85);

    for (guint j = 0; j < self->n_series; j++)
      for (guint i = 0; i < self->n_items; i++)
        {
          CspChartMark mark = { .series = j, .item = i };
          double centre = self->plot.x + (i + 0.5) * self->band;

          mark.value = csp_chart_data_get_value (self->data, j, i);
          resolve_look (self, j, i, &mark.color, &mark.hatch, &mark.cue);
          if (isnan (mark.value))
            {
              mark.missing = TRUE;
              mark.x = centre;
              mark.y = zero;
              mark.rect = (CspRect){ centre, zero, 0, 0 };
            }
          else if (stacked)
            {
              double from = csp_chart_layout_value_to_position (self, bases[i]);
              double to = csp_chart_layout_value_to_position (self, bases[i] + mark.value);

              mark.rect =
                  (CspRect){ centre - bar_width / 2, MIN (from, to), bar_width, fabs (from - to) };
              mark.x = centre;
              mark.y = to;
              bases[i] += mark.value;
            }
          else
            {
              mark.x = centre;
              mark.y = csp_chart_layout_value_to_position (self, mark.value);
              mark.rect = (CspRect){ mark.x - self->marker_size / 2, mark.y - self->marker_size / 2,
                                     self->marker_size, self->marker_size };
            }
          g_array_append_val (self->marks, mark);
        }
    if (totals)
      for (guint i = 0; i < self->n_items; i++)
        {
          g_autofree char *text = NULL;
          guint index;
          CspChartLabel *label;

          if (bases[i] <= 0)
            continue;
          text = format_value (bases[i], 0);
          index = add_label (self, CSP_CHART_TEXT_VALUE, text, 0, 0, 0);
          label = label_at (self, index);
          label->rect.x = self->plot.x + (i + 0.5) * self->band - label->rect.width / 2;
          label->rect.y =
              csp_chart_layout_value_to_position (self, bases[i]) - label->rect.height - s * 0.15;
          /* Clear of the gridlines behind it. */
          label->backdrop = TRUE;
        }
  }

  label_y = bottom_of (&self->plot) + s * (TICK_LENGTH + LABEL_GAP / 2);
  if (csp_chart_data_get_category_kind (self->data) == CSP_CHART_CATEGORY_MONTH &&
      csp_month_parse (csp_chart_data_get_category_key (self->data, 0), &first_month))
    layout_time_axis (self, first_month, label_y);
  else
    layout_category_axis (self, label_y);
  layout_references (self);
  layout_events (self);
}

/* Horizontal bars: categories down, values across. */
static void
layout_horizontal (CspChartLayout *self, CspRect content)
{
  double s = unit (self);
  double text_height = line_height (self, CSP_CHART_TEXT_AXIS);
  double value_height = line_height (self, CSP_CHART_TEXT_VALUE);
  const char *value_title = csp_chart_get_value_title (self->chart);
  double below = s * (TICK_LENGTH + LABEL_GAP / 2) + text_height;
  double max_label = content.width * 0.38;
  double label_width = 0, value_width = 0, thickness, low, high, widest;
  gboolean totals;
  guint label_step, max_ticks;
  g_autofree double *bases = g_new0 (double, self->n_items);

  if (self->n_series > 1)
    series_legend (self, &content);
  if (value_title != NULL && *value_title != '\0')
    below += s * LABEL_GAP + line_height (self, CSP_CHART_TEXT_AXIS_TITLE);

  self->plot.y = content.y;
  self->plot.height = content.height - below;
  if (self->plot.height < text_height || content.width < s * 8)
    return;
  self->band = self->plot.height / self->n_items;
  label_step = MAX (1, (guint) ceil ((text_height + s * 0.15) / self->band));
  for (guint i = 0; i < self->n_items; i += label_step)
    label_width = MAX (label_width,
                       text_width (self, CSP_CHART_TEXT_AXIS,
                                   csp_chart_data_get_category_label (self->data, i), max_label));

  value_range (self, &low, &high);
  totals = self->band >= value_height * 0.95;
  if (totals)
    {
      g_autofree char *text = format_value (high, 0);
      value_width = text_width (self, CSP_CHART_TEXT_VALUE, text, 0) + s * 0.3;
    }
  self->plot.x = content.x + label_width + s * LABEL_GAP;
  self->plot.width = right_of (&content) - self->plot.x - value_width - s * 0.3;
  if (self->plot.width < s * 4)
    return;
  {
    g_autofree char *text = format_value (high, 0);
    widest = text_width (self, CSP_CHART_TEXT_AXIS, text, 0);
  }
  max_ticks = CLAMP ((guint) (self->plot.width / (widest + s * 2.5)) + 1, 2, 11);
  set_value_ticks (self, low, high, max_ticks);

  add_value_gridlines (self, TRUE);
  {
    double zero =
        csp_chart_layout_value_to_position (self, CLAMP (0, self->value_low, self->value_high));
    add_line (self->axes, zero, self->plot.y, zero, bottom_of (&self->plot));
  }

  thickness = MIN (self->band * 0.7, text_height * 2.2);
  for (guint j = 0; j < self->n_series; j++)
    for (guint i = 0; i < self->n_items; i++)
      {
        CspChartMark mark = { .series = j, .item = i };
        double from = csp_chart_layout_value_to_position (self, bases[i]);
        double to;

        mark.value = csp_chart_data_get_value (self->data, j, i);
        mark.missing = isnan (mark.value);
        to = mark.missing ? from : csp_chart_layout_value_to_position (self, bases[i] + mark.value);
        resolve_look (self, j, i, &mark.color, &mark.hatch, &mark.cue);
        mark.rect =
            (CspRect){ MIN (from, to), self->plot.y + (i + 0.5) * self->band - thickness / 2,
                       fabs (to - from), mark.missing ? 0 : thickness };
        mark.x = to;
        mark.y = self->plot.y + (i + 0.5) * self->band;
        if (!mark.missing)
          bases[i] += mark.value;
        g_array_append_val (self->marks, mark);
      }

  for (guint i = 0; i < self->n_items; i++)
    {
      double centre = self->plot.y + (i + 0.5) * self->band;
      guint index;
      CspChartLabel *label;

      if (i % label_step == 0)
        {
          index = add_label (self, CSP_CHART_TEXT_AXIS,
                             csp_chart_data_get_category_label (self->data, i), 0,
                             centre - text_height / 2, max_label);
          label = label_at (self, index);
          label->rect.x = self->plot.x - s * LABEL_GAP - label->rect.width;
        }
      if (totals && bases[i] > 0)
        {
          g_autofree char *text = format_value (bases[i], 0);

          add_label (self, CSP_CHART_TEXT_VALUE, text,
                     csp_chart_layout_value_to_position (self, bases[i]) + s * 0.3,
                     centre - value_height / 2, 0);
        }
    }
  if (value_title != NULL && *value_title != '\0')
    {
      guint index = add_label (self, CSP_CHART_TEXT_AXIS_TITLE, value_title, 0,
                               bottom_of (&self->plot) + below -
                                   line_height (self, CSP_CHART_TEXT_AXIS_TITLE),
                               self->plot.width);
      CspChartLabel *label = label_at (self, index);

      label->rect.x = self->plot.x + (self->plot.width - label->rect.width) / 2;
    }
}

/* What a slice takes of the ring: nothing for a negative or missing value. */
static double
slice_value (CspChartLayout *self, guint item)
{
  double value = csp_chart_data_get_category_total (self->data, item);

  return value > 0 ? value : 0;
}

/* A ring of slices from twelve o'clock clockwise, the legend beside it
 * (or above it, when the chart is tall), the total in its middle. */
static void
layout_donut (CspChartLayout *self, CspRect content)
{
  double s = unit (self);
  double row_height = MAX (line_height (self, CSP_CHART_TEXT_LEGEND), s * SWATCH);
  double legend_height = self->n_items * (row_height + s * ROW_GAP) - s * ROW_GAP;
  double total = 0, angle = -G_PI / 2, outer, inner, cx, cy;
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree int *percents = g_new0 (int, self->n_items);
  CspRect ring = content;
  const char *caption = csp_chart_get_value_title (self->chart);

  self->n_series = 1;
  csp_chart_data_get_shares (self->data, percents);
  for (guint i = 0; i < self->n_items; i++)
    total += slice_value (self, i);
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

  if (content.width >= content.height * 1.25 && legend_height <= content.height)
    {
      /* Ring and legend side by side, centred together. */
      double widest = 0, diameter, left;
      CspRect column;

      for (guint i = 0; i < self->n_items; i++)
        widest = MAX (widest, text_width (self, CSP_CHART_TEXT_LEGEND, texts->pdata[i],
                                          content.width * 0.45));
      widest += s * (SWATCH + SWATCH_GAP);
      diameter = MIN (content.height, content.width - widest - s * 3);
      left = content.x + (content.width - diameter - s * 3 - widest) / 2;
      ring = (CspRect){ left, content.y, diameter, content.height };
      column = (CspRect){ left + diameter + s * 3, content.y + (content.height - legend_height) / 2,
                          widest, legend_height };
      flow_legend (self, &column, (char **) texts->pdata, self->n_items, FALSE, TRUE,
                   legend_height);
    }
  else
    {
      double height = flow_legend (self, &content, (char **) texts->pdata, self->n_items, FALSE,
                                   FALSE, content.height * 0.4);

      ring.y += height + s * LEGEND_GAP;
      ring.height -= height + s * LEGEND_GAP;
    }

  outer = MIN (ring.width, ring.height) / 2 - s * 0.3;
  if (outer < s * 2)
    return;
  inner = outer * 0.6;
  cx = ring.x + ring.width / 2;
  cy = ring.y + ring.height / 2;
  self->plot = (CspRect){ cx - outer, cy - outer, 2 * outer, 2 * outer };
  self->band = outer - inner;

  for (guint i = 0; i < self->n_items; i++)
    {
      CspChartMark mark = { .series = 0, .item = i, .x = cx, .y = cy };
      double sweep;

      mark.value = csp_chart_data_get_category_total (self->data, i);
      mark.missing = isnan (mark.value);
      sweep = total > 0 ? 2 * G_PI * slice_value (self, i) / total : 0;
      mark.inner_radius = inner;
      mark.outer_radius = outer;
      mark.start_angle = angle;
      mark.end_angle = angle + sweep;
      mark.rect = self->plot;
      resolve_look (self, 0, i, &mark.color, &mark.hatch, &mark.cue);
      angle += sweep;
      g_array_append_val (self->marks, mark);
    }

  /* Values on the slices wide enough to hold them. */
  for (guint i = 0; i < self->n_items; i++)
    {
      const CspChartMark *mark = &g_array_index (self->marks, CspChartMark, i);
      double middle = (mark->start_angle + mark->end_angle) / 2;
      double radius = (inner + outer) / 2;
      g_autofree char *text = NULL;
      double width, height;

      /* Too thin for any number: not worth measuring one. */
      if (mark->value <= 0 || (mark->end_angle - mark->start_angle) * radius < s * 1.8)
        continue;
      text = csp_format_number (mark->value);
      csp_chart_text_measure (self->text, CSP_CHART_TEXT_LEGEND, text, 0, &width, &height);
      if ((mark->end_angle - mark->start_angle) * radius < width + s * 1.2 ||
          outer - inner < height + s * 0.6)
        continue;
      label_at (self, add_label (self, CSP_CHART_TEXT_LEGEND, text,
                                 cx + radius * cos (middle) - width / 2,
                                 cy + radius * sin (middle) - height / 2, 0))
          ->mark = (int) i;
    }

  /* The total in the middle, with what it counts under it. */
  {
    g_autofree char *number = csp_format_number (total);
    double width, height, caption_height = 0;

    if (caption == NULL && csp_chart_data_get_n_series (self->data) == 1)
      caption = csp_chart_data_get_series_label (self->data, 0);
    csp_chart_text_measure (self->text, CSP_CHART_TEXT_TOTAL, number, 0, &width, &height);
    if (width > inner * 1.6 || height > inner * 1.2)
      return;
    if (caption != NULL && text_width (self, CSP_CHART_TEXT_AXIS_TITLE, caption, 0) <= inner * 1.6)
      caption_height = line_height (self, CSP_CHART_TEXT_AXIS_TITLE);
    else
      caption = NULL;
    add_label (self, CSP_CHART_TEXT_TOTAL, number, cx - width / 2,
               cy - (height + caption_height) / 2, 0);
    if (caption != NULL)
      {
        guint index = add_label (self, CSP_CHART_TEXT_AXIS_TITLE, caption, 0,
                                 cy - (height + caption_height) / 2 + height, 0);
        CspChartLabel *label = label_at (self, index);

        label->rect.x = cx - label->rect.width / 2;
      }
  }
}

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
  switch (self->kind)
    {
    case CSP_CHART_LINE:
    case CSP_CHART_STACKED_BAR:
      layout_cartesian (self, content);
      break;
    case CSP_CHART_HORIZONTAL_BAR:
      layout_horizontal (self, content);
      break;
    case CSP_CHART_DONUT:
      layout_donut (self, content);
      break;
    case CSP_CHART_RISK_MATRIX:
      csp_chart_risk_matrix_layout (self, content);
      break;
    default:
      g_assert_not_reached ();
    }
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
  return label_at (self, index);
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
    if (label_at (self, i)->role == role && nth-- == 0)
      return label_at (self, i);
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

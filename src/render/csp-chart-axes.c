/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-axes"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "csp-chart-layout-private.h"

/* The axes the kinds share. The value axis (lines, stacked and horizontal
 * bars): the range of the values, its 1-2-5 ticks, where a value falls,
 * the gridlines with their numbers and the line at zero. And the frame of
 * the charts of columns, lines and stacked bars, whose values go up and
 * whose categories go across, a column each: the plot's place, the month
 * (or category) axis under it, and the baseline, target and events over
 * it. */

#define LABEL_SPACE 0.9 /* the least space between two axis labels */

/* More labels than this along a time axis read as a blur: a coarser
 * division is chosen while there is one. */
#define MAX_TIME_LABELS 16

/* The x of a label @width wide, centred on @centre but kept inside the chart. */
static double
centred_in_bounds (CspChartLayout *self, double centre, double width)
{
  double s = csp_chart_layout_unit (self);

  return CLAMP (centre - width / 2, self->bounds.x + s * 0.3,
                csp_rect_right (&self->bounds) - s * 0.3 - width);
}

/* The value axis */

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

/* From the least to the greatest value (stacked, the greatest sums),
 * zero included, and the baseline and target but for horizontal bars. */
void
csp_chart_layout_value_range (CspChartLayout *self, double *low, double *high)
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

void
csp_chart_layout_set_value_ticks (CspChartLayout *self, double low, double high, guint max_ticks)
{
  if (all_whole (self->data))
    csp_ticks_for_whole_numbers (low, high, max_ticks, &self->value_ticks);
  else
    csp_ticks_for_range (low, high, max_ticks, &self->value_ticks);
  self->value_low = self->value_ticks.first;
  self->value_high = csp_ticks_get_last (&self->value_ticks);
}

/* @value as the axis writes it, with the decimals its ticks' @step needs;
 * with @step 0 (a total), none, or one where it is not whole. */
char *
csp_chart_layout_format_value (double value, double step)
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
    return self->kind == CSP_CHART_HORIZONTAL_BAR ? self->plot.x : csp_rect_bottom (&self->plot);
  fraction = (value - self->value_low) / (self->value_high - self->value_low);
  if (self->kind == CSP_CHART_HORIZONTAL_BAR)
    return self->plot.x + fraction * self->plot.width;
  return csp_rect_bottom (&self->plot) - fraction * self->plot.height;
}

static double
widest_tick_label (CspChartLayout *self)
{
  double widest = 0;

  for (guint i = 0; i < self->value_ticks.count; i++)
    {
      g_autofree char *text = csp_chart_layout_format_value (csp_ticks_get (&self->value_ticks, i),
                                                             self->value_ticks.step);
      widest = MAX (widest, csp_chart_layout_text_width (self, CSP_CHART_TEXT_AXIS, text, 0));
    }
  return widest;
}

/* A gridline at each value tick, with its number beside the axis, and
 * the axis line at zero (at the axis' nearer end when zero is off it):
 * values up, or across with @across. Returns where that line is. */
double
csp_chart_layout_add_value_axis (CspChartLayout *self, gboolean across)
{
  double s = csp_chart_layout_unit (self);
  double height = csp_chart_layout_line_height (self, CSP_CHART_TEXT_AXIS);
  double zero;

  for (guint i = 0; i < self->value_ticks.count; i++)
    {
      double value = csp_ticks_get (&self->value_ticks, i);
      double position = csp_chart_layout_value_to_position (self, value);
      g_autofree char *text = csp_chart_layout_format_value (value, self->value_ticks.step);
      guint index;
      CspChartLabel *label;

      if (across)
        {
          csp_chart_layout_add_line (self->gridlines, position, self->plot.y, position,
                                     csp_rect_bottom (&self->plot));
          index = csp_chart_layout_add_label (
              self, CSP_CHART_TEXT_AXIS, text, 0,
              csp_rect_bottom (&self->plot) + s * (TICK_LENGTH + LABEL_GAP / 2), 0);
          label = csp_chart_layout_label_at (self, index);
          label->rect.x = centred_in_bounds (self, position, label->rect.width);
        }
      else
        {
          csp_chart_layout_add_line (self->gridlines, self->plot.x, position,
                                     csp_rect_right (&self->plot), position);
          index = csp_chart_layout_add_label (self, CSP_CHART_TEXT_AXIS, text, 0,
                                              position - height / 2, 0);
          label = csp_chart_layout_label_at (self, index);
          label->rect.x = self->plot.x - s * LABEL_GAP - label->rect.width;
        }
    }
  zero = csp_chart_layout_value_to_position (self, CLAMP (0, self->value_low, self->value_high));
  if (across)
    csp_chart_layout_add_line (self->axes, zero, self->plot.y, zero, csp_rect_bottom (&self->plot));
  else
    csp_chart_layout_add_line (self->axes, self->plot.x, zero, csp_rect_right (&self->plot), zero);
  return zero;
}

/* The category axis of the charts of columns */

/* A tick mark down from the plot at @x. */
static void
add_tick (CspChartLayout *self, double x)
{
  double bottom = csp_rect_bottom (&self->plot);

  csp_chart_layout_add_line (self->ticks, x, bottom, x,
                             bottom + csp_chart_layout_unit (self) * TICK_LENGTH);
}

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
  double s = csp_chart_layout_unit (self);
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
          width = csp_chart_layout_text_width (self, CSP_CHART_TEXT_AXIS, text, 0);
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
      width = csp_chart_layout_text_width (self, CSP_CHART_TEXT_AXIS, label.text, 0);
      span = group->length * self->band;
      centre = self->plot.x + (group->start + group->length / 2.0) * self->band;
      if (!group->whole && width > span)
        {
          g_free (label.text);
          continue;
        }
      label.x = centred_in_bounds (self, centre, width);
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
  double s = csp_chart_layout_unit (self);

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
      csp_chart_layout_add_label (self, CSP_CHART_TEXT_AXIS, label->text, label->x, label_y, 0);
    }
  /* Ticks between groups, or between labelled ones where they would crowd. */
  for (guint i = 0; i < groups->len; i++)
    {
      const CspTimeGroup *group = &g_array_index (groups, CspTimeGroup, i);
      double x = self->plot.x + group->start * self->band;
      gboolean crowded = csp_time_unit_get_months (time_unit) * self->band < s * 0.35;

      if (crowded && !group->labelled)
        continue;
      add_tick (self, x);
    }
  add_tick (self, csp_rect_right (&self->plot));
}

static void
layout_category_axis (CspChartLayout *self, double label_y)
{
  static const guint steps[] = { 1, 2, 3, 4, 5, 10, 20, 50, 100, 200, 500, 1000 };
  double s = csp_chart_layout_unit (self);
  double max_width = s * 12;
  guint step = steps[G_N_ELEMENTS (steps) - 1];

  for (guint k = 0; k < G_N_ELEMENTS (steps); k++)
    {
      double previous_right = -G_MAXDOUBLE;
      gboolean fits = TRUE;

      for (guint i = 0; i < self->n_items && fits; i += steps[k])
        {
          const char *text = csp_chart_data_get_category_label (self->data, i);
          double width = csp_chart_layout_text_width (self, CSP_CHART_TEXT_AXIS, text, max_width);
          double x = csp_chart_layout_column_centre (self, i) - width / 2;

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
      guint index =
          csp_chart_layout_add_label (self, CSP_CHART_TEXT_AXIS, text, 0, label_y, max_width);
      CspChartLabel *label = csp_chart_layout_label_at (self, index);

      label->rect.x =
          centred_in_bounds (self, csp_chart_layout_column_centre (self, i), label->rect.width);
    }
  for (guint i = 0; i <= self->n_items; i++)
    if (self->band >= s * 0.35 || i % step == 0 || i == self->n_items)
      add_tick (self, self->plot.x + i * self->band);
}

/* Over the columns: baseline, target and events */

/* Baseline and target across the plot, labelled at its right end. */
static void
layout_references (CspChartLayout *self)
{
  double s = csp_chart_layout_unit (self);

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
      number = csp_chart_layout_format_value (reference.value, self->value_ticks.step);
      if (name != NULL)
        /* TRANSLATORS: a line across a chart: its name and value, "Target: 5,000" */
        text = g_strdup_printf (_ ("%s: %s"), name, number);
      else if (kind == CSP_CHART_BASELINE)
        text = g_strdup_printf (_ ("Baseline: %s"), number);
      else
        text = g_strdup_printf (_ ("Target: %s"), number);

      y = csp_chart_layout_value_to_position (self, reference.value);
      reference.line = (CspChartLine){ self->plot.x, y, csp_rect_right (&self->plot), y };
      reference.label = csp_chart_layout_add_label (self, CSP_CHART_TEXT_ANNOTATION, text, 0, 0,
                                                    self->plot.width / 2);
      label = csp_chart_layout_label_at (self, reference.label);
      label->backdrop = TRUE;
      label->rect.x = csp_rect_right (&self->plot) - s * 0.3 - label->rect.width;
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
  double s = csp_chart_layout_unit (self);
  CspRect grown = { rect->x - s * 0.3, rect->y - s * 0.1, rect->width + s * 0.6,
                    rect->height + s * 0.2 };

  for (guint i = 0; i < self->labels->len; i++)
    {
      const CspChartLabel *label = csp_chart_layout_label_at (self, i);

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
  double s = csp_chart_layout_unit (self);
  double height = csp_chart_layout_line_height (self, CSP_CHART_TEXT_ANNOTATION);
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
        csp_chart_layout_add_line (self->events, event_x (self, item), self->plot.y,
                                   event_x (self, item), csp_rect_bottom (&self->plot));
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
      width =
          csp_chart_layout_text_width (self, CSP_CHART_TEXT_ANNOTATION, text, self->plot.width / 2);
      for (guint pass = 0; pass < 2 && !placed; pass++)
        for (guint row = 0; row < 3 && !placed; row++)
          for (guint side = 0; side < 2 && !placed; side++)
            {
              CspRect rect = { side == 0 ? x + s * 0.3 : x - s * 0.3 - width,
                               self->plot.y + s * 0.2 + row * (height + s * 0.2), width, height };
              guint index;

              if (rect.x < self->plot.x || csp_rect_right (&rect) > csp_rect_right (&self->plot) ||
                  collides_with_label (self, &rect) ||
                  (pass == 0 && crosses_event (self, &rect, x)))
                continue;
              index = csp_chart_layout_add_label (self, CSP_CHART_TEXT_ANNOTATION, text, rect.x,
                                                  rect.y, self->plot.width / 2);
              csp_chart_layout_label_at (self, index)->backdrop = TRUE;
              placed = TRUE;
            }
    }
}

/* The frame of the charts of columns */

/**
 * csp_chart_layout_begin_columns:
 * @content: (inout): the chart's content below its title; what is left
 *   for the plot and its axes on return
 * @low: (out): the least value to show
 * @high: (out): the greatest
 * @max_ticks: (out): the most value ticks the plot's height takes
 *
 * The series' legend and the value axis' title above the plot, the
 * plot's height, the value ticks over @low to @high and the plot's width
 * beside their labels (csp_chart_layout_fit_columns()).
 *
 * Returns: %FALSE when there is too little room for a plot
 */
gboolean
csp_chart_layout_begin_columns (CspChartLayout *self, CspRect *content, double *low, double *high,
                                guint *max_ticks)
{
  double s = csp_chart_layout_unit (self);
  double text_height = csp_chart_layout_line_height (self, CSP_CHART_TEXT_AXIS);
  const char *value_title = csp_chart_get_value_title (self->chart);

  csp_chart_layout_series_legend (self, content);
  if (value_title != NULL && *value_title != '\0')
    {
      guint index = csp_chart_layout_add_label (self, CSP_CHART_TEXT_AXIS_TITLE, value_title,
                                                content->x, content->y, content->width);
      double height = csp_chart_layout_label_at (self, index)->rect.height + s * LABEL_GAP;

      content->y += height;
      content->height -= height;
    }

  /* Half a label's height above, for the top tick's label; the time axis below. */
  self->plot.y = content->y + text_height / 2;
  self->plot.height =
      content->height - text_height / 2 - s * (TICK_LENGTH + LABEL_GAP / 2) - text_height;
  if (self->plot.height < text_height * 2 || content->width < s * 8)
    return FALSE;

  csp_chart_layout_value_range (self, low, high);
  *max_ticks = CLAMP ((guint) (self->plot.height / (text_height * 2.4)) + 1, 2, 11);
  csp_chart_layout_set_value_ticks (self, *low, *high, *max_ticks);
  csp_chart_layout_fit_columns (self, content);
  return TRUE;
}

/**
 * csp_chart_layout_fit_columns:
 *
 * The plot across @content beside the value ticks' labels, as they are
 * now, and the columns' width. A series line's width and its markers'
 * size follow the columns' (every chart of columns has them, lines draw
 * with them).
 */
void
csp_chart_layout_fit_columns (CspChartLayout *self, const CspRect *content)
{
  double s = csp_chart_layout_unit (self);

  self->plot.x = content->x + widest_tick_label (self) + s * LABEL_GAP;
  self->plot.width = csp_rect_right (content) - self->plot.x - s * 0.5;
  self->band = self->plot.width / self->n_items;
  self->line_width = MAX (1.0, s / 6);
  /* A marker on every month: smaller where months are close, so that
   * neighbours do not run into one blot, but never smaller than the line
   * is wide, so that a month alone between gaps still shows. */
  self->marker_size = CLAMP (self->band * 0.8, self->line_width * 2.5, s * 0.6);
}

/* The middle of @item's column. */
double
csp_chart_layout_column_centre (CspChartLayout *self, guint item)
{
  return self->plot.x + (item + 0.5) * self->band;
}

/**
 * csp_chart_layout_column_mark:
 * @zero: where zero falls on the value axis
 * @mark: (out caller-allocates): the mark of @series for @item: its value
 *   and look, at its column's centre
 *
 * Begins a mark; one whose value is missing is also finished, empty, on
 * the axis at zero.
 *
 * Returns: %TRUE when the value is missing
 */
gboolean
csp_chart_layout_column_mark (CspChartLayout *self, guint series, guint item, double zero,
                              CspChartMark *mark)
{
  double centre = csp_chart_layout_column_centre (self, item);

  *mark = (CspChartMark){ .series = series, .item = item, .x = centre };
  mark->value = csp_chart_data_get_value (self->data, series, item);
  csp_chart_layout_resolve_look (self, series, item, &mark->color, &mark->hatch, &mark->cue);
  if (!isnan (mark->value))
    return FALSE;
  mark->missing = TRUE;
  mark->y = zero;
  mark->rect = (CspRect){ centre, zero, 0, 0 };
  return TRUE;
}

/**
 * csp_chart_layout_finish_columns:
 *
 * Once the marks are in: the months (or categories) under the plot, then
 * the baseline and target, then the events, which keep clear of the
 * labels before them.
 */
void
csp_chart_layout_finish_columns (CspChartLayout *self)
{
  double label_y =
      csp_rect_bottom (&self->plot) + csp_chart_layout_unit (self) * (TICK_LENGTH + LABEL_GAP / 2);
  int first_month;

  if (csp_chart_data_get_category_kind (self->data) == CSP_CHART_CATEGORY_MONTH &&
      csp_month_parse (csp_chart_data_get_category_key (self->data, 0), &first_month))
    layout_time_axis (self, first_month, label_y);
  else
    layout_category_axis (self, label_y);
  layout_references (self);
  layout_events (self);
}

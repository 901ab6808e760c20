/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart"

#include "config.h"

#include <math.h>

#include "csp-chart.h"

/* What a chart shows: its kind, titles, data, how a time axis is divided,
 * baseline and target lines and annotated events. It knows nothing of
 * sizes or surfaces; the layout (csp-chart-layout.c) places it in a
 * rectangle, and every change is announced with "changed" so that a view
 * can lay it out and draw it again. */

typedef struct
{
  gboolean set;
  double value;
  char *label;
} Reference;

typedef struct
{
  char *month;
  char *label;
} Event;

struct _CspChart
{
  GObject parent_instance;

  CspChartKind kind;
  char *title;
  char *subtitle;
  char *value_title;
  CspChartData *data;
  CspTimeUnit time_unit;
  int year_start_month;
  CspChartColors colors;
  Reference references[2];
  GArray *events;
};

G_DEFINE_FINAL_TYPE (CspChart, csp_chart, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
event_clear (Event *event)
{
  g_free (event->month);
  g_free (event->label);
}

static void
csp_chart_finalize (GObject *object)
{
  CspChart *self = CSP_CHART (object);

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->value_title, g_free);
  g_clear_object (&self->data);
  for (guint i = 0; i < G_N_ELEMENTS (self->references); i++)
    g_clear_pointer (&self->references[i].label, g_free);
  g_clear_pointer (&self->events, g_array_unref);

  G_OBJECT_CLASS (csp_chart_parent_class)->finalize (object);
}

static void
csp_chart_class_init (CspChartClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csp_chart_finalize;

  /**
   * CspChart::changed:
   *
   * Something the chart shows has changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
}

static void
csp_chart_init (CspChart *self)
{
  self->time_unit = CSP_TIME_UNIT_AUTO;
  self->year_start_month = 4;
  self->events = g_array_new (FALSE, TRUE, sizeof (Event));
  g_array_set_clear_func (self->events, (GDestroyNotify) event_clear);
}

static void
changed (CspChart *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
replace_string (CspChart *self, char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  changed (self);
}

/**
 * csp_chart_new:
 *
 * Returns: (transfer full): a chart of @kind with no data, which draws as
 *   "No data for this period"
 */
CspChart *
csp_chart_new (CspChartKind kind)
{
  CspChart *self = g_object_new (CSP_TYPE_CHART, NULL);

  self->kind = kind;
  return self;
}

CspChartKind
csp_chart_get_kind (CspChart *self)
{
  g_return_val_if_fail (CSP_IS_CHART (self), CSP_CHART_LINE);
  return self->kind;
}

void
csp_chart_set_kind (CspChart *self, CspChartKind kind)
{
  g_return_if_fail (CSP_IS_CHART (self));
  g_return_if_fail (kind <= CSP_CHART_RISK_MATRIX);

  if (self->kind == kind)
    return;
  self->kind = kind;
  changed (self);
}

const char *
csp_chart_get_title (CspChart *self)
{
  g_return_val_if_fail (CSP_IS_CHART (self), NULL);
  return self->title;
}

/**
 * csp_chart_set_title:
 * @title: (nullable): the chart's title, drawn bold at the top
 */
void
csp_chart_set_title (CspChart *self, const char *title)
{
  g_return_if_fail (CSP_IS_CHART (self));
  replace_string (self, &self->title, title);
}

const char *
csp_chart_get_subtitle (CspChart *self)
{
  g_return_val_if_fail (CSP_IS_CHART (self), NULL);
  return self->subtitle;
}

/**
 * csp_chart_set_subtitle:
 * @subtitle: (nullable): a line under the title, such as the period shown
 */
void
csp_chart_set_subtitle (CspChart *self, const char *subtitle)
{
  g_return_if_fail (CSP_IS_CHART (self));
  replace_string (self, &self->subtitle, subtitle);
}

const char *
csp_chart_get_value_title (CspChart *self)
{
  g_return_val_if_fail (CSP_IS_CHART (self), NULL);
  return self->value_title;
}

/**
 * csp_chart_set_value_title:
 * @value_title: (nullable): what the values count, such as "People reached"
 */
void
csp_chart_set_value_title (CspChart *self, const char *value_title)
{
  g_return_if_fail (CSP_IS_CHART (self));
  replace_string (self, &self->value_title, value_title);
}

/**
 * csp_chart_get_data:
 *
 * Returns: (transfer none) (nullable): the data
 */
CspChartData *
csp_chart_get_data (CspChart *self)
{
  g_return_val_if_fail (CSP_IS_CHART (self), NULL);
  return self->data;
}

/**
 * csp_chart_set_data:
 * @data: (nullable) (transfer none): the figures to show
 */
void
csp_chart_set_data (CspChart *self, CspChartData *data)
{
  g_return_if_fail (CSP_IS_CHART (self));
  g_return_if_fail (data == NULL || CSP_IS_CHART_DATA (data));

  if (g_set_object (&self->data, data))
    changed (self);
}

CspTimeUnit
csp_chart_get_time_unit (CspChart *self)
{
  g_return_val_if_fail (CSP_IS_CHART (self), CSP_TIME_UNIT_AUTO);
  return self->time_unit;
}

/**
 * csp_chart_set_time_unit:
 *
 * How an axis of months is divided and labelled; %CSP_TIME_UNIT_AUTO (the
 * default) picks the finest unit whose labels fit.
 */
void
csp_chart_set_time_unit (CspChart *self, CspTimeUnit unit)
{
  g_return_if_fail (CSP_IS_CHART (self));
  g_return_if_fail (unit <= CSP_TIME_UNIT_YEAR);

  if (self->time_unit == unit)
    return;
  self->time_unit = unit;
  changed (self);
}

int
csp_chart_get_year_start_month (CspChart *self)
{
  g_return_val_if_fail (CSP_IS_CHART (self), 4);
  return self->year_start_month;
}

/**
 * csp_chart_set_year_start_month:
 * @month: the financial year's first month, 1 (January) to 12; 4 (April) by default
 */
void
csp_chart_set_year_start_month (CspChart *self, int month)
{
  g_return_if_fail (CSP_IS_CHART (self));
  g_return_if_fail (month >= 1 && month <= 12);

  if (self->year_start_month == month)
    return;
  self->year_start_month = month;
  changed (self);
}

CspChartColors
csp_chart_get_colors (CspChart *self)
{
  g_return_val_if_fail (CSP_IS_CHART (self), CSP_CHART_COLORS_SERIES);
  return self->colors;
}

void
csp_chart_set_colors (CspChart *self, CspChartColors colors)
{
  g_return_if_fail (CSP_IS_CHART (self));
  g_return_if_fail (colors <= CSP_CHART_COLORS_RAG);

  if (self->colors == colors)
    return;
  self->colors = colors;
  changed (self);
}

/**
 * csp_chart_set_reference:
 * @kind: baseline or target
 * @value: where the line goes on the value axis
 * @label: (nullable): what the line is called; "Baseline" or "Target" when %NULL
 *
 * Draws a labelled horizontal line across a line or bar chart.
 */
void
csp_chart_set_reference (CspChart *self, CspChartReferenceKind kind, double value,
                         const char *label)
{
  Reference *reference;

  g_return_if_fail (CSP_IS_CHART (self));
  g_return_if_fail (kind <= CSP_CHART_TARGET);
  g_return_if_fail (isfinite (value));

  reference = &self->references[kind];
  reference->set = TRUE;
  reference->value = value;
  g_free (reference->label);
  reference->label = g_strdup (label);
  changed (self);
}

void
csp_chart_unset_reference (CspChart *self, CspChartReferenceKind kind)
{
  g_return_if_fail (CSP_IS_CHART (self));
  g_return_if_fail (kind <= CSP_CHART_TARGET);

  if (!self->references[kind].set)
    return;
  self->references[kind].set = FALSE;
  g_clear_pointer (&self->references[kind].label, g_free);
  changed (self);
}

/**
 * csp_chart_get_reference:
 * @value: (out) (optional): the line's value
 * @label: (out) (optional) (transfer none) (nullable): its label as set
 *
 * Returns: whether the chart has that line
 */
gboolean
csp_chart_get_reference (CspChart *self, CspChartReferenceKind kind, double *value,
                         const char **label)
{
  g_return_val_if_fail (CSP_IS_CHART (self), FALSE);
  g_return_val_if_fail (kind <= CSP_CHART_TARGET, FALSE);

  if (!self->references[kind].set)
    return FALSE;
  if (value != NULL)
    *value = self->references[kind].value;
  if (label != NULL)
    *label = self->references[kind].label;
  return TRUE;
}

/**
 * csp_chart_add_event:
 * @month: the month it happened, 'YYYY-MM'
 * @label: what happened, such as "First national lockdown"
 *
 * Marks an event on a time axis with a labelled line; events outside the
 * data's months are not drawn.
 */
void
csp_chart_add_event (CspChart *self, const char *month, const char *label)
{
  Event event;

  g_return_if_fail (CSP_IS_CHART (self));
  g_return_if_fail (month != NULL && csp_month_parse (month, NULL));
  g_return_if_fail (label != NULL);

  event.month = g_strdup (month);
  event.label = g_strdup (label);
  g_array_append_val (self->events, event);
  changed (self);
}

void
csp_chart_clear_events (CspChart *self)
{
  g_return_if_fail (CSP_IS_CHART (self));

  if (self->events->len == 0)
    return;
  g_array_set_size (self->events, 0);
  changed (self);
}

guint
csp_chart_get_n_events (CspChart *self)
{
  g_return_val_if_fail (CSP_IS_CHART (self), 0);
  return self->events->len;
}

/**
 * csp_chart_get_event:
 * @month: (out) (transfer none): the month, 'YYYY-MM'
 * @label: (out) (transfer none): what happened
 */
void
csp_chart_get_event (CspChart *self, guint index, const char **month, const char **label)
{
  const Event *event;

  g_return_if_fail (CSP_IS_CHART (self));
  g_return_if_fail (index < self->events->len);

  event = &g_array_index (self->events, Event, index);
  *month = event->month;
  *label = event->label;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "csp-chart-data.h"
#include "csp-time-scale.h"

G_BEGIN_DECLS

/**
 * CspChartKind:
 * @CSP_CHART_LINE: a trend line per series over the categories
 * @CSP_CHART_STACKED_BAR: a bar per category, the series stacked in it
 * @CSP_CHART_HORIZONTAL_BAR: a bar per category across, the series stacked
 * @CSP_CHART_DONUT: a ring of slices, one per category (the sum of the series)
 * @CSP_CHART_RISK_MATRIX: a 5 × 5 grid of likelihood by impact, coloured by
 *   score, the number of risks in each cell (csp-chart-risk-matrix.c)
 */
typedef enum
{
  CSP_CHART_LINE,
  CSP_CHART_STACKED_BAR,
  CSP_CHART_HORIZONTAL_BAR,
  CSP_CHART_DONUT,
  CSP_CHART_RISK_MATRIX,
} CspChartKind;

/**
 * CspChartColors:
 * @CSP_CHART_COLORS_SERIES: each series (each slice of a donut) its palette colour
 * @CSP_CHART_COLORS_RAG: categories keyed by RAG words in red, amber, green,
 *   blue (complete) and grey (not set)
 */
typedef enum
{
  CSP_CHART_COLORS_SERIES,
  CSP_CHART_COLORS_RAG,
} CspChartColors;

/**
 * CspChartReferenceKind:
 * @CSP_CHART_BASELINE: where things stood before
 * @CSP_CHART_TARGET: where they should get to
 */
typedef enum
{
  CSP_CHART_BASELINE,
  CSP_CHART_TARGET,
} CspChartReferenceKind;

#define CSP_TYPE_CHART (csp_chart_get_type ())
G_DECLARE_FINAL_TYPE (CspChart, csp_chart, CSP, CHART, GObject)

CspChart *csp_chart_new (CspChartKind kind);

CspChartKind csp_chart_get_kind (CspChart *self);
void csp_chart_set_kind (CspChart *self, CspChartKind kind);
const char *csp_chart_get_title (CspChart *self);
void csp_chart_set_title (CspChart *self, const char *title);
const char *csp_chart_get_subtitle (CspChart *self);
void csp_chart_set_subtitle (CspChart *self, const char *subtitle);
const char *csp_chart_get_value_title (CspChart *self);
void csp_chart_set_value_title (CspChart *self, const char *value_title);
CspChartData *csp_chart_get_data (CspChart *self);
void csp_chart_set_data (CspChart *self, CspChartData *data);
CspTimeUnit csp_chart_get_time_unit (CspChart *self);
void csp_chart_set_time_unit (CspChart *self, CspTimeUnit unit);
int csp_chart_get_year_start_month (CspChart *self);
void csp_chart_set_year_start_month (CspChart *self, int month);
CspChartColors csp_chart_get_colors (CspChart *self);
void csp_chart_set_colors (CspChart *self, CspChartColors colors);

void csp_chart_set_reference (CspChart *self, CspChartReferenceKind kind, double value,
                              const char *label);
void csp_chart_unset_reference (CspChart *self, CspChartReferenceKind kind);
gboolean csp_chart_get_reference (CspChart *self, CspChartReferenceKind kind, double *value,
                                  const char **label);

void csp_chart_add_event (CspChart *self, const char *month, const char *label);
void csp_chart_clear_events (CspChart *self);
guint csp_chart_get_n_events (CspChart *self);
void csp_chart_get_event (CspChart *self, guint index, const char **month, const char **label);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-chart-layout.h"

G_BEGIN_DECLS

/* The seam between the layout and the chart kinds. csp-chart-layout.c
 * holds what every kind takes: the layout itself, text, labels, looks and
 * legends; csp-chart-axes.c the value axis and, for the charts of columns
 * (lines and stacked bars), the category axis with the baseline, target
 * and events. Each kind is laid out in a file of its own:
 * csp-chart-line.c, csp-chart-stacked-bar.c, csp-chart-horizontal-bar.c,
 * csp-chart-donut.c and csp-chart-risk-matrix.c.
 *
 * Distances are multiples of the body text size (csp_chart_layout_unit()),
 * so a chart laid out with larger text keeps its proportions. */

#define LEGEND_GAP 0.9  /* legend to what follows */
#define TICK_LENGTH 0.4 /* tick marks */
#define LABEL_GAP 0.45  /* axis to its labels, labels to the axis' title */
#define SWATCH 0.85     /* a legend's box swatch */
#define SWATCH_GAP 0.45 /* swatch to its text */
#define ROW_GAP 0.35    /* legend row to the next */

static inline double
csp_rect_right (const CspRect *rect)
{
  return rect->x + rect->width;
}

static inline double
csp_rect_bottom (const CspRect *rect)
{
  return rect->y + rect->height;
}

/* The body text size, the unit of every distance. */
static inline double
csp_chart_layout_unit (CspChartLayout *self)
{
  return self->style.font_size;
}

static inline CspChartLabel *
csp_chart_layout_label_at (CspChartLayout *self, guint index)
{
  return &g_array_index (self->labels, CspChartLabel, index);
}

/* csp-chart-layout.c */
double csp_chart_layout_line_height (CspChartLayout *self, CspChartTextRole role);
double csp_chart_layout_text_width (CspChartLayout *self, CspChartTextRole role, const char *text,
                                    double max_width);
guint csp_chart_layout_add_label (CspChartLayout *self, CspChartTextRole role, const char *text,
                                  double x, double y, double max_width);
void csp_chart_layout_add_line (GArray *lines, double x0, double y0, double x1, double y1);
void csp_chart_layout_resolve_look (CspChartLayout *self, guint series, guint category,
                                    CspColor *color, CspHatch *hatch, guint *cue);
double csp_chart_layout_flow_legend (CspChartLayout *self, const CspRect *area, char **texts,
                                     guint n_texts, gboolean line, gboolean one_per_row,
                                     double max_height);
void csp_chart_layout_series_legend (CspChartLayout *self, CspRect *content);

/* csp-chart-axes.c: the value axis */
void csp_chart_layout_value_range (CspChartLayout *self, double *low, double *high);
void csp_chart_layout_set_value_ticks (CspChartLayout *self, double low, double high,
                                       guint max_ticks);
char *csp_chart_layout_format_value (double value, double step);
double csp_chart_layout_add_value_axis (CspChartLayout *self, gboolean across);

/* csp-chart-axes.c: charts of columns */
gboolean csp_chart_layout_begin_columns (CspChartLayout *self, CspRect *content, double *low,
                                         double *high, guint *max_ticks);
void csp_chart_layout_fit_columns (CspChartLayout *self, const CspRect *content);
double csp_chart_layout_column_centre (CspChartLayout *self, guint item);
gboolean csp_chart_layout_column_mark (CspChartLayout *self, guint series, guint item, double zero,
                                       CspChartMark *mark);
void csp_chart_layout_finish_columns (CspChartLayout *self);

/* The kinds */
void csp_chart_line_layout (CspChartLayout *self, CspRect content);
void csp_chart_stacked_bar_layout (CspChartLayout *self, CspRect content);
void csp_chart_horizontal_bar_layout (CspChartLayout *self, CspRect content);
void csp_chart_donut_layout (CspChartLayout *self, CspRect content);

G_END_DECLS

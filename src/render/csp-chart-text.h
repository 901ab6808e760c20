/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/**
 * CspChartTextRole:
 * @CSP_CHART_TEXT_TITLE: the chart's title, bold
 * @CSP_CHART_TEXT_SUBTITLE: the line under the title
 * @CSP_CHART_TEXT_AXIS: tick and category labels
 * @CSP_CHART_TEXT_AXIS_TITLE: what the value axis counts
 * @CSP_CHART_TEXT_LEGEND: legend entries
 * @CSP_CHART_TEXT_VALUE: values on bars and slices
 * @CSP_CHART_TEXT_ANNOTATION: events, baseline and target
 * @CSP_CHART_TEXT_MESSAGE: "No data for this period"
 * @CSP_CHART_TEXT_TOTAL: the total in a donut's middle, large and bold
 * @CSP_CHART_TEXT_N_ROLES: how many roles there are
 *
 * What a piece of a chart's text is, which sets its font.
 */
typedef enum
{
  CSP_CHART_TEXT_TITLE,
  CSP_CHART_TEXT_SUBTITLE,
  CSP_CHART_TEXT_AXIS,
  CSP_CHART_TEXT_AXIS_TITLE,
  CSP_CHART_TEXT_LEGEND,
  CSP_CHART_TEXT_VALUE,
  CSP_CHART_TEXT_ANNOTATION,
  CSP_CHART_TEXT_MESSAGE,
  CSP_CHART_TEXT_TOTAL,
  CSP_CHART_TEXT_N_ROLES,
} CspChartTextRole;

#define CSP_CHART_DEFAULT_FONT "Cantarell, DejaVu Sans, sans"

typedef struct _CspChartText CspChartText;

CspChartText *csp_chart_text_new (const char *family, double size);
void csp_chart_text_free (CspChartText *self);
double csp_chart_text_get_line_height (CspChartText *self, CspChartTextRole role);
void csp_chart_text_measure (CspChartText *self, CspChartTextRole role, const char *text,
                             double max_width, double *width, double *height);
void csp_chart_text_begin (CspChartText *self, cairo_t *cr);
void csp_chart_text_show (CspChartText *self, cairo_t *cr, CspChartTextRole role, const char *text,
                          double x, double y, double max_width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspChartText, csp_chart_text_free)

G_END_DECLS

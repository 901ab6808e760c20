/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-chart-layout.h"

G_BEGIN_DECLS

#define CSP_CHART_EXPORT_ERROR (csp_chart_export_error_quark ())

/**
 * CspChartExportError:
 * @CSP_CHART_EXPORT_ERROR_UNKNOWN_FORMAT: the file name does not end in
 *   .png, .svg or .pdf
 * @CSP_CHART_EXPORT_ERROR_INVALID_SIZE: the size is too small or too large
 * @CSP_CHART_EXPORT_ERROR_FAILED: drawing failed, or the file could not be written
 */
typedef enum
{
  CSP_CHART_EXPORT_ERROR_UNKNOWN_FORMAT,
  CSP_CHART_EXPORT_ERROR_INVALID_SIZE,
  CSP_CHART_EXPORT_ERROR_FAILED,
} CspChartExportError;

/**
 * CspChartFormat:
 * @CSP_CHART_FORMAT_PNG: a PNG image, in pixels
 * @CSP_CHART_FORMAT_SVG: an SVG drawing
 * @CSP_CHART_FORMAT_PDF: a one-page PDF document, in points
 */
typedef enum
{
  CSP_CHART_FORMAT_PNG,
  CSP_CHART_FORMAT_SVG,
  CSP_CHART_FORMAT_PDF,
} CspChartFormat;

GQuark csp_chart_export_error_quark (void);

gboolean csp_chart_format_from_path (const char *path, CspChartFormat *format, GError **error);
GBytes *csp_chart_export_bytes (CspChart *chart, CspChartFormat format, double width, double height,
                                double scale, const CspChartStyle *style, GError **error);
gboolean csp_chart_export (CspChart *chart, const char *path, double width, double height,
                           double scale, const CspChartStyle *style, GError **error);
gboolean csp_chart_export_table (CspChart *chart, const char *path, GError **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/**
 * CspColor:
 *
 * A colour, each channel 0 to 1.
 */
typedef struct
{
  double red;
  double green;
  double blue;
  double alpha;
} CspColor;

/**
 * CspPaletteVariant:
 * @CSP_PALETTE_LIGHT: for a light background
 * @CSP_PALETTE_DARK: for the dark style
 */
typedef enum
{
  CSP_PALETTE_LIGHT,
  CSP_PALETTE_DARK,
} CspPaletteVariant;

/**
 * CspPaletteRole:
 * @CSP_PALETTE_BACKGROUND: behind the chart
 * @CSP_PALETTE_TEXT: titles, labels
 * @CSP_PALETTE_TEXT_SECONDARY: subtitles, axis titles, the no-data message
 * @CSP_PALETTE_GRID: gridlines
 * @CSP_PALETTE_AXIS: axis lines and ticks
 * @CSP_PALETTE_REFERENCE: baseline and target lines
 * @CSP_PALETTE_EVENT: annotated events
 * @CSP_PALETTE_HATCH: the lines of a hatched fill, drawn over its colour
 * @CSP_PALETTE_BACKDROP: behind annotations that sit on the plot
 */
typedef enum
{
  CSP_PALETTE_BACKGROUND,
  CSP_PALETTE_TEXT,
  CSP_PALETTE_TEXT_SECONDARY,
  CSP_PALETTE_GRID,
  CSP_PALETTE_AXIS,
  CSP_PALETTE_REFERENCE,
  CSP_PALETTE_EVENT,
  CSP_PALETTE_HATCH,
  CSP_PALETTE_BACKDROP,
} CspPaletteRole;

/**
 * CspMarker:
 *
 * The shape marking a series' points on a line.
 */
typedef enum
{
  CSP_MARKER_CIRCLE,
  CSP_MARKER_SQUARE,
  CSP_MARKER_TRIANGLE,
  CSP_MARKER_DIAMOND,
  CSP_MARKER_TRIANGLE_DOWN,
  CSP_MARKER_CROSS,
  CSP_MARKER_PLUS,
  CSP_MARKER_STAR,
} CspMarker;

/**
 * CspHatch:
 *
 * Lines drawn over a bar's or slice's colour, so that series differ in
 * print and to readers who cannot tell the colours apart.
 */
typedef enum
{
  CSP_HATCH_NONE,
  CSP_HATCH_FORWARD,
  CSP_HATCH_HORIZONTAL,
  CSP_HATCH_BACKWARD,
  CSP_HATCH_CROSS,
  CSP_HATCH_VERTICAL,
  CSP_HATCH_GRID,
  CSP_HATCH_DENSE,
} CspHatch;

#define CSP_PALETTE_N_SERIES 8

void csp_palette_series_color (CspPaletteVariant variant, guint index, CspColor *color);
void csp_palette_role_color (CspPaletteVariant variant, CspPaletteRole role, CspColor *color);
gboolean csp_palette_rag_color (CspPaletteVariant variant, const char *rag, CspColor *color);

/* Risk scores fall in this many bands, from low to very high. */
#define CSP_PALETTE_N_RISK_BANDS 4

void csp_palette_risk_color (CspPaletteVariant variant, guint band, CspColor *color);
CspMarker csp_palette_series_marker (guint index);
CspHatch csp_palette_series_hatch (guint index);
const double *csp_palette_series_dash (guint index, guint *n_dashes);
double csp_color_luminance (const CspColor *color);
void csp_color_set_source (const CspColor *color, cairo_t *cr);

G_END_DECLS

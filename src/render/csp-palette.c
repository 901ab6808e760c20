/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-palette"

#include "config.h"

#include <math.h>

#include "csp-palette.h"

/* Series colours are Okabe and Ito's colour-blind-safe set ("Color
 * Universal Design", 2008). On a light background its yellow is darkened
 * and its black softened; the dark variant lightens the blues, green,
 * vermillion and purple and turns black to a light grey, so that every
 * colour keeps its hue and stands out from the background. Colour is
 * never the only cue: each series also has its own dash, marker and hatch,
 * which repeat on a different rhythm once the eight colours are used up. */

#define RGBA(hex, a)                                                                               \
  {                                                                                                \
    ((hex) >> 16) % 256 / 255.0, ((hex) >> 8) % 256 / 255.0, (hex) % 256 / 255.0, (a)              \
  }
#define RGB(hex) RGBA (hex, 1.0)

static const CspColor series_light[CSP_PALETTE_N_SERIES] = {
  RGB (0x0072B2), /* blue */
  RGB (0xE69F00), /* orange */
  RGB (0x009E73), /* bluish green */
  RGB (0xD55E00), /* vermillion */
  RGB (0xCC79A7), /* reddish purple */
  RGB (0x56B4E9), /* sky blue */
  RGB (0x3D3D3D), /* black, softened */
  RGB (0xC4A900), /* yellow, darkened to show on white */
};

static const CspColor series_dark[CSP_PALETTE_N_SERIES] = {
  RGB (0x62AEEA), /* blue */
  RGB (0xE69F00), /* orange */
  RGB (0x1DBF93), /* bluish green */
  RGB (0xF47A3A), /* vermillion */
  RGB (0xE595C4), /* reddish purple */
  RGB (0xA6DBF7), /* sky blue */
  RGB (0xDEDDDA), /* black, as light grey */
  RGB (0xF0E442), /* yellow */
};

static const CspColor roles_light[] = {
  [CSP_PALETTE_BACKGROUND] = RGB (0xFFFFFF),
  [CSP_PALETTE_TEXT] = RGBA (0x000000, 0.87),
  [CSP_PALETTE_TEXT_SECONDARY] = RGBA (0x000000, 0.60),
  [CSP_PALETTE_GRID] = RGBA (0x000000, 0.11),
  [CSP_PALETTE_AXIS] = RGBA (0x000000, 0.45),
  [CSP_PALETTE_REFERENCE] = RGB (0x3D3846),
  [CSP_PALETTE_EVENT] = RGB (0x77767B),
  [CSP_PALETTE_HATCH] = RGBA (0xFFFFFF, 0.60),
  [CSP_PALETTE_BACKDROP] = RGBA (0xFFFFFF, 0.85),
};

/* libadwaita's dark view background. */
static const CspColor roles_dark[] = {
  [CSP_PALETTE_BACKGROUND] = RGB (0x1E1E1E),
  [CSP_PALETTE_TEXT] = RGB (0xFFFFFF),
  [CSP_PALETTE_TEXT_SECONDARY] = RGBA (0xFFFFFF, 0.70),
  [CSP_PALETTE_GRID] = RGBA (0xFFFFFF, 0.13),
  [CSP_PALETTE_AXIS] = RGBA (0xFFFFFF, 0.50),
  [CSP_PALETTE_REFERENCE] = RGB (0xDEDDDA),
  [CSP_PALETTE_EVENT] = RGB (0x9A9996),
  [CSP_PALETTE_HATCH] = RGBA (0x000000, 0.50),
  [CSP_PALETTE_BACKDROP] = RGBA (0x1E1E1E, 0.85),
};

G_STATIC_ASSERT (G_N_ELEMENTS (roles_light) == CSP_PALETTE_BACKDROP + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (roles_dark) == CSP_PALETTE_BACKDROP + 1);

/* Red and green as the vermillion and bluish green of the same set, which
 * readers with a red-green deficiency can still tell apart; the slices
 * are labelled as well. */
static const struct
{
  const char *rag;
  CspColor light;
  CspColor dark;
} rag_colors[] = {
  { "red", RGB (0xD55E00), RGB (0xF47A3A) },   { "amber", RGB (0xE69F00), RGB (0xE69F00) },
  { "green", RGB (0x009E73), RGB (0x1DBF93) }, { "complete", RGB (0x0072B2), RGB (0x62AEEA) },
  { "none", RGB (0x9A9996), RGB (0x77767B) },
};

/* A risk matrix's bands, low to very high, as a sequence of the same set
 * that keeps its order in lightness as well as hue: bluish green,
 * yellow, orange, vermillion. Each cell also has its score written in it. */
static const struct
{
  CspColor light;
  CspColor dark;
} risk_colors[CSP_PALETTE_N_RISK_BANDS] = {
  { RGB (0x009E73), RGB (0x1DBF93) },
  { RGB (0xF0E442), RGB (0xF0E442) },
  { RGB (0xE69F00), RGB (0xE69F00) },
  { RGB (0xD55E00), RGB (0xF47A3A) },
};

/* On and off lengths in multiples of the line width, as if drawn with
 * round caps: an "on" of 0 is a dot as wide as the line, and every dash
 * looks a line width longer than its "on". */
static const double dash_dashed[] = { 3.0, 2.5 };
static const double dash_dotted[] = { 0.0, 2.2 };
static const double dash_dash_dot[] = { 3.5, 2.0, 0.0, 2.0 };
static const double dash_long[] = { 6.0, 2.5 };
static const double dash_dash_dot_dot[] = { 3.5, 2.0, 0.0, 2.0, 0.0, 2.0 };
static const double dash_short[] = { 1.2, 2.0 };
static const double dash_long_short[] = { 6.0, 2.0, 1.5, 2.0 };

static const struct
{
  const double *dashes;
  guint n_dashes;
} series_dashes[CSP_PALETTE_N_SERIES] = {
  { NULL, 0 },
  { dash_dashed, G_N_ELEMENTS (dash_dashed) },
  { dash_dotted, G_N_ELEMENTS (dash_dotted) },
  { dash_dash_dot, G_N_ELEMENTS (dash_dash_dot) },
  { dash_long, G_N_ELEMENTS (dash_long) },
  { dash_dash_dot_dot, G_N_ELEMENTS (dash_dash_dot_dot) },
  { dash_short, G_N_ELEMENTS (dash_short) },
  { dash_long_short, G_N_ELEMENTS (dash_long_short) },
};

/* Past the eighth series the colours start again; shifting the other cues
 * by one each round keeps every pair of series apart. */
static guint
cue_index (guint index)
{
  return (index + index / CSP_PALETTE_N_SERIES) % CSP_PALETTE_N_SERIES;
}

/**
 * csp_palette_series_color:
 * @color: (out caller-allocates): the colour of series @index
 */
void
csp_palette_series_color (CspPaletteVariant variant, guint index, CspColor *color)
{
  const CspColor *colors = variant == CSP_PALETTE_DARK ? series_dark : series_light;

  *color = colors[index % CSP_PALETTE_N_SERIES];
}

/**
 * csp_palette_role_color:
 * @color: (out caller-allocates): the colour for @role
 */
void
csp_palette_role_color (CspPaletteVariant variant, CspPaletteRole role, CspColor *color)
{
  const CspColor *colors = variant == CSP_PALETTE_DARK ? roles_dark : roles_light;

  g_return_if_fail (role <= CSP_PALETTE_BACKDROP);
  *color = colors[role];
}

/**
 * csp_palette_rag_color:
 * @rag: red, amber, green, complete, or "none" for not set
 * @color: (out caller-allocates): the colour
 *
 * Returns: whether @rag is one of those words; @color is left alone if not
 */
gboolean
csp_palette_rag_color (CspPaletteVariant variant, const char *rag, CspColor *color)
{
  for (guint i = 0; rag != NULL && i < G_N_ELEMENTS (rag_colors); i++)
    if (g_str_equal (rag, rag_colors[i].rag))
      {
        *color = variant == CSP_PALETTE_DARK ? rag_colors[i].dark : rag_colors[i].light;
        return TRUE;
      }
  return FALSE;
}

/**
 * csp_palette_risk_color:
 * @band: 0 (low) to %CSP_PALETTE_N_RISK_BANDS - 1 (very high)
 * @color: (out caller-allocates): the band's colour
 */
void
csp_palette_risk_color (CspPaletteVariant variant, guint band, CspColor *color)
{
  g_return_if_fail (band < CSP_PALETTE_N_RISK_BANDS);
  *color = variant == CSP_PALETTE_DARK ? risk_colors[band].dark : risk_colors[band].light;
}

CspMarker
csp_palette_series_marker (guint index)
{
  return (CspMarker) cue_index (index);
}

CspHatch
csp_palette_series_hatch (guint index)
{
  return (CspHatch) cue_index (index);
}

/**
 * csp_palette_series_dash:
 * @n_dashes: (out): how many lengths; 0 for a solid line
 *
 * Returns: (transfer none) (array length=n_dashes) (nullable): on and off
 *   lengths in multiples of the line width, for round caps
 */
const double *
csp_palette_series_dash (guint index, guint *n_dashes)
{
  guint i = cue_index (index);

  *n_dashes = series_dashes[i].n_dashes;
  return series_dashes[i].dashes;
}

/**
 * csp_color_luminance:
 *
 * Returns: the colour's relative luminance (WCAG), 0 for black to 1 for white
 */
double
csp_color_luminance (const CspColor *color)
{
  const double channels[] = { color->red, color->green, color->blue };
  double linear[3];

  for (guint i = 0; i < 3; i++)
    linear[i] =
        channels[i] <= 0.03928 ? channels[i] / 12.92 : pow ((channels[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
}

void
csp_color_set_source (const CspColor *color, cairo_t *cr)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

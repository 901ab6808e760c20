/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-draw"

#include "config.h"

#include <math.h>

#include "csp-chart-draw.h"
#include "csp-chart-risk-matrix.h"

/* Draws a laid-out chart on any cairo_t: an image, PDF or SVG surface, a
 * print context or a widget's snapshot. Nothing is placed here; all
 * positions come from the layout. Edges of bars and thin lines are
 * snapped to whole device pixels, through the cairo_t's own transformation
 * and the surface's scale factor, so they stay crisp at any scale. */

typedef struct
{
  cairo_t *cr;
  CspChartLayout *layout;
  CspPaletteVariant variant;
  double scale; /* device pixels per user unit */
  double thin;  /* a hairline's width in user units: one unit, whole device pixels */
  double thin_pixels;
  /* cairo's "device space" stops short of the surface's own scale and
   * offset (a widget's scale factor): pixels are these from it. */
  double pixel_scale_x;
  double pixel_scale_y;
  double pixel_offset_x;
  double pixel_offset_y;
  gboolean vector;   /* a PDF, PostScript or SVG surface */
  gboolean straight; /* no rotation or skew: pixels line up with the axes */
  cairo_pattern_t *hatches[CSP_HATCH_DENSE + 1];
} Painter;

static void
to_pixels (Painter *painter, double *x, double *y)
{
  cairo_user_to_device (painter->cr, x, y);
  *x = *x * painter->pixel_scale_x + painter->pixel_offset_x;
  *y = *y * painter->pixel_scale_y + painter->pixel_offset_y;
}

static void
from_pixels (Painter *painter, double *x, double *y)
{
  *x = (*x - painter->pixel_offset_x) / painter->pixel_scale_x;
  *y = (*y - painter->pixel_offset_y) / painter->pixel_scale_y;
  cairo_device_to_user (painter->cr, x, y);
}

static void
set_role (Painter *painter, CspPaletteRole role)
{
  CspColor color;

  csp_palette_role_color (painter->variant, role, &color);
  csp_color_set_source (&color, painter->cr);
}

/* A line's centre on the pixel grid: on a pixel's middle for an odd
 * width, on its edge for an even one. */
static double
snap_line (double device, double width_pixels)
{
  double offset = fmod (width_pixels, 2.0) >= 1.0 ? 0.5 : 0.0;

  return floor (device - offset + 0.5) + offset;
}

static void
hairline (Painter *painter, const CspChartLine *line)
{
  double x0 = line->x0, y0 = line->y0, x1 = line->x1, y1 = line->y1;

  to_pixels (painter, &x0, &y0);
  to_pixels (painter, &x1, &y1);
  if (x0 == x1)
    x0 = x1 = snap_line (x0, painter->thin_pixels);
  if (y0 == y1)
    y0 = y1 = snap_line (y0, painter->thin_pixels);
  from_pixels (painter, &x0, &y0);
  from_pixels (painter, &x1, &y1);
  cairo_move_to (painter->cr, x0, y0);
  cairo_line_to (painter->cr, x1, y1);
}

static void
stroke_hairlines (Painter *painter, GArray *lines, CspPaletteRole role)
{
  if (lines->len == 0)
    return;
  for (guint i = 0; i < lines->len; i++)
    hairline (painter, &g_array_index (lines, CspChartLine, i));
  set_role (painter, role);
  cairo_set_line_width (painter->cr, painter->thin);
  cairo_stroke (painter->cr);
}

/* A rectangle with its edges on whole device pixels, at least one pixel
 * across where it has any size; @gap_start takes a pixel off its start
 * (bottom, or left when @across) to part it from the segment below. */
static void
snapped_rectangle (Painter *painter, const CspRect *rect, gboolean across, gboolean gap_start)
{
  double x0 = rect->x, y0 = rect->y;
  double x1 = rect->x + rect->width, y1 = rect->y + rect->height;

  /* Turned, a rectangle's edges do not follow the pixels at all. */
  if (!painter->straight)
    {
      cairo_rectangle (painter->cr, rect->x, rect->y, rect->width, rect->height);
      return;
    }
  to_pixels (painter, &x0, &y0);
  to_pixels (painter, &x1, &y1);
  x0 = round (x0);
  y0 = round (y0);
  x1 = round (x1);
  y1 = round (y1);
  if (gap_start && across && x1 - x0 > 2)
    x0 += 1;
  else if (gap_start && !across && y1 - y0 > 2)
    y1 -= 1;
  if (x1 - x0 < 1 && rect->width > 0)
    x1 = x0 + 1;
  if (y1 - y0 < 1 && rect->height > 0)
    y0 = y1 - 1;
  from_pixels (painter, &x0, &y0);
  from_pixels (painter, &x1, &y1);
  cairo_rectangle (painter->cr, x0, y0, x1 - x0, y1 - y0);
}

/* One tile of a hatch, @size square; tiles repeat seamlessly. */
static void
hatch_tile_path (cairo_t *cr, CspHatch hatch, double size)
{
  gboolean forward = hatch == CSP_HATCH_FORWARD || hatch == CSP_HATCH_CROSS;
  gboolean backward = hatch == CSP_HATCH_BACKWARD || hatch == CSP_HATCH_CROSS;
  gboolean horizontal = hatch == CSP_HATCH_HORIZONTAL || hatch == CSP_HATCH_GRID;
  gboolean vertical = hatch == CSP_HATCH_VERTICAL || hatch == CSP_HATCH_GRID;

  for (int k = -1; k <= 1; k++)
    {
      if (forward)
        {
          cairo_move_to (cr, k * size, size);
          cairo_line_to (cr, (k + 1) * size, 0);
        }
      if (backward)
        {
          cairo_move_to (cr, k * size, 0);
          cairo_line_to (cr, (k + 1) * size, size);
        }
    }
  for (int k = -2; hatch == CSP_HATCH_DENSE && k <= 2; k++)
    {
      cairo_move_to (cr, k * size / 2, size);
      cairo_line_to (cr, k * size / 2 + size, 0);
    }
  if (horizontal)
    {
      cairo_move_to (cr, 0, size / 2);
      cairo_line_to (cr, size, size / 2);
    }
  if (vertical)
    {
      cairo_move_to (cr, size / 2, 0);
      cairo_line_to (cr, size / 2, size);
    }
}

/* A hatch as a repeating pattern, made once a drawing, for raster
 * surfaces: a fill of it costs little more than a fill of colour, where
 * stroking lines under a clip of many bars costs a scan of the plot for
 * every line. The tile is of whole device pixels, so it stays sharp at
 * any scale factor. */
static cairo_pattern_t *
hatch_pattern (Painter *painter, CspHatch hatch)
{
  double s = painter->layout->style.font_size;
  double size = s * 0.6;
  double tile_scale;
  cairo_surface_t *tile;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  CspColor color;
  cairo_t *cr;

  g_assert (hatch > CSP_HATCH_NONE && hatch <= CSP_HATCH_DENSE);
  if (painter->hatches[hatch] != NULL)
    return painter->hatches[hatch];

  {
    int pixels = (int) MAX (4, round (size * painter->scale));

    /* A whole number of pixels a period, and the tile mapped onto the
     * surface pixel for pixel: pixman then copies it, where any other
     * scale would have it resample every pixel. */
    tile_scale = painter->scale;
    size = pixels / tile_scale;
    tile = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels, pixels);
  }
  cr = cairo_create (tile);
  cairo_scale (cr, tile_scale, tile_scale);
  hatch_tile_path (cr, hatch, size);
  csp_palette_role_color (painter->variant, CSP_PALETTE_HATCH, &color);
  csp_color_set_source (&color, cr);
  cairo_set_line_width (cr, MAX (1.0 / painter->scale, s * 0.11));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  cairo_stroke (cr);
  cairo_destroy (cr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_surface_destroy (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  cairo_matrix_init_scale (&matrix, tile_scale, tile_scale);
  cairo_pattern_set_matrix (pattern, &matrix);
  if (painter->straight)
    cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  painter->hatches[hatch] = pattern;
  return pattern;
}

/* Hatch lines across @extents, spaced from the origin so that the lines
 * of neighbouring marks meet. */
static void
hatch_lines_path (cairo_t *cr, CspHatch hatch, double x0, double y0, double x1, double y1,
                  double size)
{
  double step = hatch == CSP_HATCH_DENSE ? size / 2 : size;
  double left = floor (x0 / step) * step, top = floor (y0 / step) * step;
  double height = y1 - top;
  gboolean forward =
      hatch == CSP_HATCH_FORWARD || hatch == CSP_HATCH_CROSS || hatch == CSP_HATCH_DENSE;
  gboolean backward = hatch == CSP_HATCH_BACKWARD || hatch == CSP_HATCH_CROSS;
  gboolean horizontal = hatch == CSP_HATCH_HORIZONTAL || hatch == CSP_HATCH_GRID;
  gboolean vertical = hatch == CSP_HATCH_VERTICAL || hatch == CSP_HATCH_GRID;

  for (double x = left - height - step; (forward || backward) && x <= x1 + step; x += step)
    {
      if (forward)
        {
          cairo_move_to (cr, x, top + height);
          cairo_line_to (cr, x + height, top);
        }
      if (backward)
        {
          cairo_move_to (cr, x, top);
          cairo_line_to (cr, x + height, top + height);
        }
    }
  for (double y = top + step / 2; horizontal && y <= y1; y += step)
    {
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
    }
  for (double x = left + step / 2; vertical && x <= x1; x += step)
    {
      cairo_move_to (cr, x, y0);
      cairo_line_to (cr, x, y1);
    }
}

/* Hatches the current path (already filled with its colour), then clears
 * it. PDF and SVG get lines, kept as lines; the others a pattern. */
static void
hatch_current_path (Painter *painter, CspHatch hatch)
{
  cairo_t *cr = painter->cr;
  double s = painter->layout->style.font_size;
  double x0, y0, x1, y1;
  CspColor color;

  if (hatch == CSP_HATCH_NONE)
    {
      cairo_new_path (cr);
      return;
    }
  if (!painter->vector)
    {
      cairo_set_source (cr, hatch_pattern (painter, hatch));
      cairo_fill (cr);
      return;
    }
  cairo_fill_extents (cr, &x0, &y0, &x1, &y1);
  cairo_save (cr);
  cairo_clip (cr);
  hatch_lines_path (cr, hatch, x0, y0, x1, y1, s * 0.6);
  csp_palette_role_color (painter->variant, CSP_PALETTE_HATCH, &color);
  csp_color_set_source (&color, cr);
  cairo_set_line_width (cr, s * 0.11);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/**
 * csp_chart_draw_marker:
 * @size: the marker's width and height
 *
 * Adds a marker's outline to the current path; crosses and pluses are
 * to be stroked, the other shapes filled.
 */
void
csp_chart_draw_marker (cairo_t *cr, CspMarker marker, double x, double y, double size)
{
  double r = size / 2;

  cairo_new_sub_path (cr);
  switch (marker)
    {
    case CSP_MARKER_SQUARE:
      r *= 0.88;
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case CSP_MARKER_TRIANGLE:
      r *= 1.15;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r * 0.866, y + r * 0.5);
      cairo_line_to (cr, x - r * 0.866, y + r * 0.5);
      cairo_close_path (cr);
      break;
    case CSP_MARKER_TRIANGLE_DOWN:
      r *= 1.15;
      cairo_move_to (cr, x, y + r);
      cairo_line_to (cr, x + r * 0.866, y - r * 0.5);
      cairo_line_to (cr, x - r * 0.866, y - r * 0.5);
      cairo_close_path (cr);
      break;
    case CSP_MARKER_DIAMOND:
      r *= 1.2;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    case CSP_MARKER_CROSS:
      r *= 0.85;
      cairo_move_to (cr, x - r, y - r);
      cairo_line_to (cr, x + r, y + r);
      cairo_move_to (cr, x + r, y - r);
      cairo_line_to (cr, x - r, y + r);
      break;
    case CSP_MARKER_PLUS:
      r *= 1.1;
      cairo_move_to (cr, x - r, y);
      cairo_line_to (cr, x + r, y);
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x, y + r);
      break;
    case CSP_MARKER_STAR:
      r *= 1.3;
      for (int i = 0; i < 10; i++)
        {
          double angle = -G_PI / 2 + i * G_PI / 5;
          double radius = i % 2 == 0 ? r : r * 0.45;

          if (i == 0)
            cairo_move_to (cr, x + radius * cos (angle), y + radius * sin (angle));
          else
            cairo_line_to (cr, x + radius * cos (angle), y + radius * sin (angle));
        }
      cairo_close_path (cr);
      break;
    case CSP_MARKER_CIRCLE:
    default:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

static gboolean
marker_is_stroked (CspMarker marker)
{
  return marker == CSP_MARKER_CROSS || marker == CSP_MARKER_PLUS;
}

/* The markers on the current path, all of one series, ringed in the
 * background's colour so that they stand clear of the lines. */
static void
finish_markers_on (cairo_t *cr, CspPaletteVariant variant, guint cue, const CspColor *color,
                   double line_width)
{
  CspColor background;

  csp_palette_role_color (variant, CSP_PALETTE_BACKGROUND, &background);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  csp_color_set_source (&background, cr);
  if (marker_is_stroked (csp_palette_series_marker (cue)))
    {
      cairo_set_line_width (cr, line_width * 2.2);
      cairo_stroke_preserve (cr);
      csp_color_set_source (color, cr);
      cairo_set_line_width (cr, line_width);
      cairo_stroke (cr);
    }
  else
    {
      cairo_set_line_width (cr, line_width);
      cairo_stroke_preserve (cr);
      csp_color_set_source (color, cr);
      cairo_fill (cr);
    }
}

static void
finish_markers (Painter *painter, guint cue, const CspColor *color)
{
  finish_markers_on (painter->cr, painter->variant, cue, color, painter->layout->line_width);
}

/* A series' dash. Lines are drawn with butt caps (a round cap is a curve
 * to scan at both ends of every dash), so each dash is as long as it looks,
 * and a dot is a dash as long as the line is wide. */
static void
set_series_dash (Painter *painter, guint cue, double offset)
{
  guint n_dashes = 0;
  const double *dashes = csp_palette_series_dash (cue, &n_dashes);
  double width = painter->layout->line_width;
  double scaled[8];

  g_assert (n_dashes <= G_N_ELEMENTS (scaled));
  for (guint i = 0; i < n_dashes; i++)
    scaled[i] = i % 2 == 0 ? (dashes[i] + 1.0) * width : dashes[i] * width;
  cairo_set_dash (painter->cr, scaled, (int) n_dashes, offset);
}

static const CspChartMark *
mark_at (CspChartLayout *layout, guint index)
{
  return &g_array_index (layout->marks, CspChartMark, index);
}

/* A series' marker drawn once, to be stamped at each point: a few
 * device pixels copied where a path of many markers spread over the
 * whole plot would cost a scan of it all. Its centre is the middle of
 * a whole number of pixels. */
static cairo_surface_t *
marker_sprite (Painter *painter, const CspChartMark *mark, int *size)
{
  CspChartLayout *layout = painter->layout;
  cairo_surface_t *sprite;
  cairo_t *cr;

  *size =
      2 * (int) ceil ((layout->marker_size * 0.75 + layout->line_width * 1.2) * painter->scale + 1);
  sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, *size, *size);
  cr = cairo_create (sprite);
  cairo_scale (cr, painter->scale, painter->scale);
  csp_chart_draw_marker (cr, csp_palette_series_marker (mark->cue), *size / 2.0 / painter->scale,
                         *size / 2.0 / painter->scale, layout->marker_size);
  finish_markers_on (cr, painter->variant, mark->cue, &mark->color, layout->line_width);
  cairo_destroy (cr);
  return sprite;
}

/* A marker on every point the series has; none where it has no value. */
static void
stamp_markers (Painter *painter, const CspChartMark *first)
{
  CspChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  cairo_surface_t *sprite;
  int size;

  if (painter->vector || !painter->straight)
    {
      for (guint i = 0; i < layout->n_items; i++)
        if (!first[i].missing)
          csp_chart_draw_marker (cr, csp_palette_series_marker (first->cue), first[i].x, first[i].y,
                                 layout->marker_size);
      finish_markers (painter, first->cue, &first->color);
      return;
    }
  sprite = marker_sprite (painter, first, &size);
  for (guint i = 0; i < layout->n_items; i++)
    {
      double x = first[i].x, y = first[i].y;
      double right, bottom;

      if (first[i].missing)
        continue;
      to_pixels (painter, &x, &y);
      x = round (x) - size / 2;
      y = round (y) - size / 2;
      right = x + size;
      bottom = y + size;
      from_pixels (painter, &x, &y);
      from_pixels (painter, &right, &bottom);
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, (right - x) / size, (bottom - y) / size);
      cairo_set_source_surface (cr, sprite, 0, 0);
      cairo_rectangle (cr, 0, 0, size, size);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  cairo_surface_destroy (sprite);
}

static double
segment_length (const CspChartMark *from, const CspChartMark *to)
{
  return hypot (to->x - from->x, to->y - from->y);
}

/* One run of points with values, @first to @last, stroked in pieces a few
 * points long: cairo scans every row a stroke's bounds span, so one long
 * zigzag across the plot costs many times its short pieces. Each piece
 * starts a segment early, so that every point is joined within a piece,
 * and the dash carries on from piece to piece. */
static void
stroke_run (Painter *painter, const CspChartMark *first, guint last, double *travelled)
{
  CspChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  guint piece = MAX (2, (guint) ceil (layout->style.font_size * 4 / MAX (layout->band, 1e-6)));

  for (guint start = 0; start < last; start += piece)
    {
      guint from = start > 0 ? start - 1 : 0;
      guint end = MIN (start + piece, last);

      set_series_dash (painter, first->cue,
                       *travelled - (start > 0 ? segment_length (&first[from], &first[start]) : 0));
      cairo_move_to (cr, first[from].x, first[from].y);
      for (guint i = from + 1; i <= end; i++)
        cairo_line_to (cr, first[i].x, first[i].y);
      for (guint i = start + 1; i <= end; i++)
        *travelled += segment_length (&first[i - 1], &first[i]);
      cairo_stroke (cr);
    }
}

/* A series' line joins the points it has values for; a month without a
 * value breaks it, so that a missing figure reads as a gap, never as a
 * fall to 0. A point alone between gaps has no line, only its marker. */
static void
stroke_series (Painter *painter, const CspChartMark *first)
{
  CspChartLayout *layout = painter->layout;
  double travelled = 0; /* along the line, up to a piece's start */
  guint start = 0;

  cairo_set_line_width (painter->cr, layout->line_width);
  csp_color_set_source (&first->color, painter->cr);
  while (start < layout->n_items)
    {
      guint end = start;

      if (first[start].missing)
        {
          start++;
          continue;
        }
      while (end + 1 < layout->n_items && !first[end + 1].missing)
        end++;
      stroke_run (painter, first + start, end - start, &travelled);
      start = end + 1;
    }
}

static void
draw_lines (Painter *painter)
{
  CspChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;

  cairo_save (cr);
  /* Where points are close, a line's pieces are short and the coarser
   * antialiasing shows no steps; it scans a fraction of the rows. */
  if (layout->band < layout->style.font_size * 2)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint j = 0; j < layout->n_series; j++)
    stroke_series (painter, mark_at (layout, j * layout->n_items));
  cairo_set_dash (cr, NULL, 0, 0);
  /* Markers after all the lines, so that no line runs over one. */
  for (guint j = 0; j < layout->n_series; j++)
    stamp_markers (painter, mark_at (layout, j * layout->n_items));
  cairo_restore (cr);
}

static void
draw_bars (Painter *painter, gboolean across)
{
  CspChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;

  for (guint j = 0; j < layout->n_series; j++)
    {
      const CspChartMark *first = mark_at (layout, j * layout->n_items);
      gboolean any = FALSE;
      gboolean one_color = csp_chart_get_colors (layout->chart) != CSP_CHART_COLORS_RAG;

      for (guint i = 0; i < layout->n_items; i++)
        {
          const CspChartMark *mark = first + i;

          gboolean above_another = FALSE;

          if (mark->missing || mark->value == 0)
            continue;
          for (guint k = 0; k < j && !above_another; k++)
            {
              const CspChartMark *below = mark_at (layout, k * layout->n_items + i);
              above_another = !below->missing && below->value != 0;
            }
          snapped_rectangle (painter, &mark->rect, across, above_another);
          any = TRUE;
          if (!one_color)
            {
              csp_color_set_source (&mark->color, cr);
              cairo_fill_preserve (cr);
              hatch_current_path (painter, mark->hatch);
            }
        }
      if (!any || !one_color)
        {
          cairo_new_path (cr);
          continue;
        }
      csp_color_set_source (&first->color, cr);
      cairo_fill_preserve (cr);
      hatch_current_path (painter, first->hatch);
    }
}

static void
slice_path (cairo_t *cr, const CspChartMark *mark)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, mark->x, mark->y, mark->outer_radius, mark->start_angle, mark->end_angle);
  cairo_arc_negative (cr, mark->x, mark->y, mark->inner_radius, mark->end_angle, mark->start_angle);
  cairo_close_path (cr);
}

static gboolean
same_color (const CspColor *a, const CspColor *b)
{
  return a->red == b->red && a->green == b->green && a->blue == b->blue && a->alpha == b->alpha;
}

static void
draw_donut (Painter *painter)
{
  CspChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  g_autofree gboolean *done = g_new0 (gboolean, layout->marks->len);
  guint n_slices = 0;

  /* Slices of a colour in one path, then those of a hatch: a fill per
   * colour and hatch, not two per slice. */
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const CspChartMark *mark = mark_at (layout, i);

      if (done[i] || mark->end_angle <= mark->start_angle)
        continue;
      for (guint j = i; j < layout->marks->len; j++)
        {
          const CspChartMark *other = mark_at (layout, j);

          if (done[j] || other->end_angle <= other->start_angle ||
              !same_color (&mark->color, &other->color))
            continue;
          done[j] = TRUE;
          n_slices++;
          slice_path (cr, other);
        }
      csp_color_set_source (&mark->color, cr);
      cairo_fill (cr);
    }
  for (CspHatch hatch = CSP_HATCH_NONE + 1; hatch <= CSP_HATCH_DENSE; hatch++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < layout->marks->len; i++)
        {
          const CspChartMark *mark = mark_at (layout, i);

          if (mark->hatch == hatch && mark->end_angle > mark->start_angle)
            {
              slice_path (cr, mark);
              any = TRUE;
            }
        }
      if (any)
        hatch_current_path (painter, hatch);
    }
  /* Part the slices with the background's colour. */
  if (n_slices < 2)
    return;
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const CspChartMark *mark = mark_at (layout, i);

      if (mark->end_angle <= mark->start_angle)
        continue;
      cairo_move_to (cr, mark->x + mark->inner_radius * cos (mark->start_angle),
                     mark->y + mark->inner_radius * sin (mark->start_angle));
      cairo_line_to (cr, mark->x + mark->outer_radius * cos (mark->start_angle),
                     mark->y + mark->outer_radius * sin (mark->start_angle));
    }
  set_role (painter, CSP_PALETTE_BACKGROUND);
  cairo_set_line_width (cr, MAX (painter->thin * 2, layout->style.font_size * 0.15));
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  cairo_stroke (cr);
}

static void
draw_references (Painter *painter)
{
  CspChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  const double baseline_dash[] = { 2, 3 };
  const double target_dash[] = { 7, 3 };

  for (guint i = 0; i < layout->references->len; i++)
    {
      const CspChartReferenceLine *reference =
          &g_array_index (layout->references, CspChartReferenceLine, i);
      double width = MAX (painter->thin, layout->style.font_size / 8);
      double dash[2];
      const double *pattern = reference->kind == CSP_CHART_BASELINE ? baseline_dash : target_dash;

      for (guint k = 0; k < 2; k++)
        dash[k] = pattern[k] * width;
      cairo_move_to (cr, reference->line.x0, reference->line.y0);
      cairo_line_to (cr, reference->line.x1, reference->line.y1);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_line_width (cr, width);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      set_role (painter, CSP_PALETTE_REFERENCE);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_events (Painter *painter)
{
  CspChartLayout *layout = painter->layout;
  const double dash[] = { 4, 3 };
  double scaled[2];

  if (layout->events->len == 0)
    return;
  for (guint k = 0; k < 2; k++)
    scaled[k] = dash[k] * painter->thin;
  for (guint i = 0; i < layout->events->len; i++)
    hairline (painter, &g_array_index (layout->events, CspChartLine, i));
  cairo_set_dash (painter->cr, scaled, 2, 0);
  cairo_set_line_width (painter->cr, painter->thin);
  set_role (painter, CSP_PALETTE_EVENT);
  cairo_stroke (painter->cr);
  cairo_set_dash (painter->cr, NULL, 0, 0);
}

static void
draw_swatch (Painter *painter, const CspChartLegendItem *item)
{
  cairo_t *cr = painter->cr;
  const CspRect *swatch = &item->swatch;

  if (item->line)
    {
      double y = swatch->y + swatch->height / 2;

      cairo_move_to (cr, swatch->x + painter->layout->line_width, y);
      cairo_line_to (cr, swatch->x + swatch->width - painter->layout->line_width, y);
      set_series_dash (painter, item->cue, 0);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_set_line_width (cr, painter->layout->line_width);
      csp_color_set_source (&item->color, cr);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      csp_chart_draw_marker (cr, csp_palette_series_marker (item->cue),
                             swatch->x + swatch->width / 2, y, painter->layout->marker_size);
      finish_markers (painter, item->cue, &item->color);
      return;
    }
  cairo_rectangle (cr, swatch->x, swatch->y, swatch->width, swatch->height);
  csp_color_set_source (&item->color, cr);
  cairo_fill_preserve (cr);
  hatch_current_path (painter, item->hatch);
}

static CspPaletteRole
label_role_color (CspChartTextRole role)
{
  switch (role)
    {
    case CSP_CHART_TEXT_SUBTITLE:
    case CSP_CHART_TEXT_AXIS:
    case CSP_CHART_TEXT_AXIS_TITLE:
    case CSP_CHART_TEXT_MESSAGE:
      return CSP_PALETTE_TEXT_SECONDARY;
    case CSP_CHART_TEXT_ANNOTATION:
      return CSP_PALETTE_REFERENCE;
    case CSP_CHART_TEXT_TITLE:
    case CSP_CHART_TEXT_LEGEND:
    case CSP_CHART_TEXT_VALUE:
    case CSP_CHART_TEXT_TOTAL:
    case CSP_CHART_TEXT_N_ROLES:
    default:
      return CSP_PALETTE_TEXT;
    }
}

static void
draw_labels (Painter *painter)
{
  CspChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  double s = layout->style.font_size;

  csp_chart_text_begin (layout->text, cr);
  for (guint i = 0; i < layout->labels->len; i++)
    {
      const CspChartLabel *label = csp_chart_layout_get_label (layout, i);

      if (label->backdrop)
        {
          cairo_rectangle (cr, label->rect.x - s * 0.2, label->rect.y, label->rect.width + s * 0.4,
                           label->rect.height);
          set_role (painter, CSP_PALETTE_BACKDROP);
          cairo_fill (cr);
        }
      if (label->mark >= 0)
        {
          const CspChartMark *mark = mark_at (layout, (guint) label->mark);

          /* On a patch of the mark's own colour, clear of its hatch. */
          cairo_rectangle (cr, label->rect.x - s * 0.25, label->rect.y, label->rect.width + s * 0.5,
                           label->rect.height);
          csp_color_set_source (&mark->color, cr);
          cairo_fill (cr);
          /* Dark text on light colours, light on dark. */
          if (csp_color_luminance (&mark->color) > 0.30)
            cairo_set_source_rgba (cr, 0, 0, 0, 0.87);
          else
            cairo_set_source_rgb (cr, 1, 1, 1);
        }
      else
        set_role (painter, label_role_color (label->role));
      csp_chart_text_show (layout->text, cr, label->role, label->text, label->rect.x, label->rect.y,
                           label->max_width);
    }
}

static void
draw_empty (Painter *painter)
{
  CspChartLayout *layout = painter->layout;
  cairo_t *cr = painter->cr;
  const CspRect *plot = &layout->plot;
  double r = layout->style.font_size * 0.6;
  double dash[] = { 4 * painter->thin, 3 * painter->thin };

  if (plot->width < 2 * r || plot->height < 2 * r)
    return;
  cairo_new_sub_path (cr);
  cairo_arc (cr, plot->x + plot->width - r, plot->y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, plot->x + plot->width - r, plot->y + plot->height - r, r, 0, G_PI / 2);
  cairo_arc (cr, plot->x + r, plot->y + plot->height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, plot->x + r, plot->y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, painter->thin);
  set_role (painter, CSP_PALETTE_AXIS);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

/**
 * csp_chart_layout_draw:
 * @cr: where to draw, with the layout's origin at the current origin
 *
 * Draws the chart as laid out. The state of @cr is left as it was.
 */
void
csp_chart_layout_draw (CspChartLayout *layout, cairo_t *cr)
{
  Painter painter = { .cr = cr, .layout = layout };
  cairo_surface_t *target;
  double dx = 1, dy = 0;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (cr != NULL);

  painter.variant = layout->style.variant;
  target = cairo_get_group_target (cr);
  cairo_surface_get_device_scale (target, &painter.pixel_scale_x, &painter.pixel_scale_y);
  cairo_surface_get_device_offset (target, &painter.pixel_offset_x, &painter.pixel_offset_y);
  switch (cairo_surface_get_type (target))
    {
    case CAIRO_SURFACE_TYPE_PDF:
    case CAIRO_SURFACE_TYPE_PS:
    case CAIRO_SURFACE_TYPE_SVG:
      painter.vector = TRUE;
      break;
    default:
      painter.vector = FALSE;
      break;
    }
  cairo_user_to_device_distance (cr, &dx, &dy);
  {
    double ux = 0, uy = 1;

    cairo_user_to_device_distance (cr, &ux, &uy);
    painter.straight = fabs (dy) < 1e-9 && fabs (ux) < 1e-9;
  }
  painter.scale = MAX (hypot (dx * painter.pixel_scale_x, dy * painter.pixel_scale_y), 1e-6);
  painter.thin_pixels = MAX (1.0, round (painter.scale));
  painter.thin = painter.thin_pixels / painter.scale;

  cairo_save (cr);
  cairo_rectangle (cr, layout->bounds.x, layout->bounds.y, layout->bounds.width,
                   layout->bounds.height);
  cairo_clip (cr);
  if (!layout->style.transparent)
    {
      set_role (&painter, CSP_PALETTE_BACKGROUND);
      cairo_paint (cr);
    }

  if (layout->empty)
    draw_empty (&painter);
  else
    {
      stroke_hairlines (&painter, layout->gridlines, CSP_PALETTE_GRID);
      draw_events (&painter);
      if (layout->marks->len > 0)
        switch (layout->kind)
          {
          case CSP_CHART_LINE:
            draw_lines (&painter);
            break;
          case CSP_CHART_STACKED_BAR:
            draw_bars (&painter, FALSE);
            break;
          case CSP_CHART_HORIZONTAL_BAR:
            draw_bars (&painter, TRUE);
            break;
          case CSP_CHART_DONUT:
            draw_donut (&painter);
            break;
          case CSP_CHART_RISK_MATRIX:
            csp_chart_risk_matrix_draw (layout, cr, painter.thin);
            break;
          default:
            g_assert_not_reached ();
          }
      stroke_hairlines (&painter, layout->axes, CSP_PALETTE_AXIS);
      stroke_hairlines (&painter, layout->ticks, CSP_PALETTE_AXIS);
      draw_references (&painter);
      for (guint i = 0; i < layout->legend->len; i++)
        draw_swatch (&painter, &g_array_index (layout->legend, CspChartLegendItem, i));
    }
  draw_labels (&painter);
  cairo_restore (cr);
  for (guint i = 0; i < G_N_ELEMENTS (painter.hatches); i++)
    g_clear_pointer (&painter.hatches[i], cairo_pattern_destroy);
}

/**
 * csp_chart_draw:
 * @style: (nullable): how it looks; the default when %NULL
 *
 * Lays @chart out in @width × @height and draws it on @cr.
 */
void
csp_chart_draw (CspChart *chart, cairo_t *cr, double width, double height,
                const CspChartStyle *style)
{
  g_autoptr (CspChartLayout) layout = NULL;

  g_return_if_fail (CSP_IS_CHART (chart));
  g_return_if_fail (cr != NULL);

  layout = csp_chart_layout_new (chart, style, width, height);
  csp_chart_layout_draw (layout, cr);
}

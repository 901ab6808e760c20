/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart-draw"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "chart-fixtures.h"
#include "csp-chart-draw.h"

/* Drawing as pixels: charts are drawn on image surfaces, at scale 1 and 2,
 * and the pixels are read where marks must be. */

typedef struct
{
  cairo_surface_t *surface;
  double scale;
} Image;

static void
image_clear (Image *image)
{
  g_clear_pointer (&image->surface, cairo_surface_destroy);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Image, image_clear)

static void
draw (Image *image, CspChartLayout *layout, double scale)
{
  cairo_t *cr;

  image->scale = scale;
  image->surface =
      cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (layout->bounds.width * scale),
                                  (int) ceil (layout->bounds.height * scale));
  cairo_surface_set_device_scale (image->surface, scale, scale);
  cr = cairo_create (image->surface);
  csp_chart_layout_draw (layout, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (image->surface);
}

/* The pixel at device pixel (px, py), unpremultiplied, as 0-255 channels. */
static void
device_pixel (Image *image, int px, int py, guint8 rgba[4])
{
  int stride = cairo_image_surface_get_stride (image->surface);
  const guint8 *data = cairo_image_surface_get_data (image->surface);
  guint32 value;
  guint alpha;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (image->surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (image->surface));
  value = *(const guint32 *) (data + py * stride + px * 4);
  alpha = value >> 24;
  rgba[3] = (guint8) alpha;
  for (guint i = 0; i < 3; i++)
    {
      guint channel = (value >> (16 - 8 * i)) & 0xff;
      rgba[i] = (guint8) (alpha == 0 ? 0 : MIN (255, (channel * 255 + alpha / 2) / alpha));
    }
}

/* The pixel under the point (x, y) of the chart's own units. */
static void
pixel (Image *image, double x, double y, guint8 rgba[4])
{
  device_pixel (image, (int) floor (x * image->scale), (int) floor (y * image->scale), rgba);
}

static gboolean
is_color (const guint8 rgba[4], const CspColor *color)
{
  const double channels[] = { color->red, color->green, color->blue };

  for (guint i = 0; i < 3; i++)
    if (fabs (rgba[i] - channels[i] * 255) > 3)
      return FALSE;
  return rgba[3] > 250;
}

static void
assert_color (Image *image, double x, double y, const CspColor *color)
{
  guint8 rgba[4];

  pixel (image, x, y, rgba);
  if (!is_color (rgba, color))
    g_error ("pixel at %g,%g is #%02x%02x%02x/%02x, not #%02x%02x%02x", x, y, rgba[0], rgba[1],
             rgba[2], rgba[3], (guint) round (color->red * 255), (guint) round (color->green * 255),
             (guint) round (color->blue * 255));
}

static CspChart *
chart_of (CspChartKind kind, const double *values, guint n_values)
{
  CspChart *chart = csp_chart_new (kind);
  g_autoptr (CspChartData) data = NULL;

  if (kind == CSP_CHART_HORIZONTAL_BAR)
    {
      data = fixture_category_data (1, n_values);
      for (guint i = 0; i < n_values; i++)
        csp_chart_data_set_value (data, 0, i, values[i]);
    }
  else
    data = fixture_monthly_series (values, n_values, "2020-04");
  csp_chart_set_title (chart, "Bars");
  csp_chart_set_data (chart, data);
  return chart;
}

static void
test_bar_heights (void)
{
  const double values[] = { 10, 20, 40, 80, 50, 5 };
  const double scales[] = { 1, 2 };

  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    {
      g_autoptr (CspChart) chart = chart_of (CSP_CHART_STACKED_BAR, values, G_N_ELEMENTS (values));
      g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, 800, 500);
      g_auto (Image) image = { 0 };
      double per_unit = layout->plot.height / (layout->value_high - layout->value_low);
      int bottom = (int) floor ((layout->plot.y + layout->plot.height) * scales[k]);
      double heights[G_N_ELEMENTS (values)];
      CspColor color;

      draw (&image, layout, scales[k]);
      csp_palette_series_color (CSP_PALETTE_LIGHT, 0, &color);
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        {
          int px = (int) floor ((layout->plot.x + (i + 0.5) * layout->band) * scales[k]);
          int py = bottom - 2;
          guint8 rgba[4];

          /* Up from the axis for as long as the bar's colour lasts. */
          for (;; py--)
            {
              device_pixel (&image, px, py, rgba);
              if (!is_color (rgba, &color))
                break;
            }
          heights[i] = (bottom - py - 1) / scales[k];
          g_test_message ("bar %u: %g units for %g, %g expected", i, heights[i], values[i],
                          values[i] * per_unit);
          /* Bars end on whole pixels: within one either way. */
          g_assert_cmpfloat (fabs (heights[i] - values[i] * per_unit), <=, 1.0 + 1.0 / scales[k]);
        }
      /* And so in proportion to their values. */
      for (guint i = 1; i < G_N_ELEMENTS (values); i++)
        g_assert_cmpfloat_with_epsilon (heights[i] / heights[3], values[i] / values[3], 0.03);
    }
}

static void
test_bar_lengths (void)
{
  const double values[] = { 27, 18, 5, 3, 1 };
  g_autoptr (CspChart) chart = chart_of (CSP_CHART_HORIZONTAL_BAR, values, G_N_ELEMENTS (values));
  g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, 900, 400);
  g_auto (Image) image = { 0 };
  double per_unit = layout->plot.width / (layout->value_high - layout->value_low);
  CspColor color;

  draw (&image, layout, 1);
  csp_palette_series_color (CSP_PALETTE_LIGHT, 0, &color);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      int py = (int) floor (layout->plot.y + (i + 0.5) * layout->band);
      int px = (int) ceil (layout->plot.x) + 2;
      guint8 rgba[4];
      double length;

      for (;; px++)
        {
          device_pixel (&image, px, py, rgba);
          if (!is_color (rgba, &color))
            break;
        }
      length = px - layout->plot.x;
      g_assert_cmpfloat (fabs (length - values[i] * per_unit), <=, 1.5);
    }
}

static void
test_series_color (void)
{
  const CspPaletteVariant variants[] = { CSP_PALETTE_LIGHT, CSP_PALETTE_DARK };
  const double scales[] = { 1, 2 };

  for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
    for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
      {
        g_autoptr (CspChart) chart = fixture_chart (CSP_CHART_LINE, 4, 6);
        CspChartStyle style;
        g_autoptr (CspChartLayout) layout = NULL;
        g_auto (Image) image = { 0 };

        csp_chart_style_init (&style);
        style.variant = variants[v];
        layout = csp_chart_layout_new (chart, &style, 900, 600);
        draw (&image, layout, scales[k]);
        for (guint j = 0; j < 4; j++)
          {
            CspColor color;

            csp_palette_series_color (variants[v], j, &color);
            for (guint i = 0; i < 6; i++)
              {
                const CspChartMark *mark = csp_chart_layout_get_mark (layout, j, i);
                assert_color (&image, mark->x, mark->y, &color);
              }
          }
        /* The legend's swatches show the same colours. */
        for (guint i = 0; i < layout->legend->len; i++)
          {
            const CspChartLegendItem *item = &g_array_index (layout->legend, CspChartLegendItem, i);
            CspColor color;

            csp_palette_series_color (variants[v], i, &color);
            assert_color (&image, item->swatch.x + item->swatch.width / 2,
                          item->swatch.y + item->swatch.height / 2, &color);
          }
      }
}

/* A month without a figure is a gap in the line and no bar: nothing of
 * the series is drawn across its band, where a 0 would draw a fall to
 * the axis. The months either side are drawn. */
static void
test_gap (void)
{
  const double values[] = { 400, 380, NAN, 420, 400 };
  const CspChartKind kinds[] = { CSP_CHART_LINE, CSP_CHART_STACKED_BAR };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr (CspChart) chart = chart_of (kinds[k], values, G_N_ELEMENTS (values));
      g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, 600, 400);
      const CspChartMark *gap = csp_chart_layout_get_mark (layout, 0, 2);
      g_auto (Image) image = { 0 };
      CspColor color;

      g_assert_true (gap->missing);
      g_assert_true (isnan (gap->value));
      csp_palette_series_color (CSP_PALETTE_LIGHT, 0, &color);
      draw (&image, layout, 1);
      for (double y = layout->plot.y; y < layout->plot.y + layout->plot.height; y++)
        for (double dx = -0.3; dx <= 0.3; dx += 0.15)
          {
            guint8 rgba[4];

            pixel (&image, gap->x + dx * layout->band, y, rgba);
            if (is_color (rgba, &color))
              g_error ("chart %u: the series is drawn at %g,%g, in a month without a figure", k,
                       gap->x + dx * layout->band, y);
          }
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        {
          const CspChartMark *mark = csp_chart_layout_get_mark (layout, 0, i);

          if (i == 2)
            continue;
          g_assert_false (mark->missing);
          g_assert_cmpfloat (mark->value, ==, values[i]);
          if (kinds[k] == CSP_CHART_LINE)
            assert_color (&image, mark->x, mark->y, &color);
          else
            assert_color (&image, mark->rect.x + mark->rect.width / 2,
                          mark->rect.y + mark->rect.height / 2, &color);
        }
    }
}

/* Every month of a line has its marker, not every other one: just above
 * a flat line, each month's point shows the series' colour (its marker),
 * and half-way between two months it does not (only the line is there). */
static void
test_marker_every_month (void)
{
  const double values[] = { 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500 };
  g_autoptr (CspChart) chart = chart_of (CSP_CHART_LINE, values, G_N_ELEMENTS (values));
  g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, 700, 400);
  g_auto (Image) image = { 0 };
  CspColor color;

  csp_palette_series_color (CSP_PALETTE_LIGHT, 0, &color);
  draw (&image, layout, 2);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      const CspChartMark *mark = csp_chart_layout_get_mark (layout, 0, i);
      double above = layout->marker_size * 0.25;
      guint8 rgba[4];

      assert_color (&image, mark->x, mark->y - above, &color);
      pixel (&image, mark->x + layout->band / 2, mark->y - above, rgba);
      g_assert_false (is_color (rgba, &color));
    }
}

static void
test_donut_colors (void)
{
  g_autoptr (CspChart) chart = csp_chart_new (CSP_CHART_DONUT);
  g_autoptr (CspChartData) data = csp_chart_data_new (CSP_CHART_CATEGORY_RAG);
  const char *rags[] = { "red", "amber", "green", "complete", "none" };
  const double values[] = { 3, 4, 14, 7, 0 };
  g_autoptr (CspChartLayout) layout = NULL;
  g_auto (Image) image = { 0 };
  const CspChartMark *red;
  CspColor color, background;
  double middle, radius;

  csp_chart_data_add_series (data, "actions", "Actions");
  for (guint i = 0; i < G_N_ELEMENTS (rags); i++)
    {
      csp_chart_data_add_category (data, rags[i], rags[i]);
      csp_chart_data_set_value (data, 0, i, values[i]);
    }
  csp_chart_set_data (chart, data);
  csp_chart_set_colors (chart, CSP_CHART_COLORS_RAG);
  layout = csp_chart_layout_new (chart, NULL, 900, 600);
  draw (&image, layout, 1);

  /* Red's slice, a third of the way between its edges and off its label. */
  red = csp_chart_layout_get_mark (layout, 0, 0);
  middle = red->start_angle + (red->end_angle - red->start_angle) / 3;
  radius = red->inner_radius + (red->outer_radius - red->inner_radius) * 0.8;
  g_assert_true (csp_palette_rag_color (CSP_PALETTE_LIGHT, "red", &color));
  assert_color (&image, red->x + radius * cos (middle), red->y + radius * sin (middle), &color);
  /* The hole is background. */
  csp_palette_role_color (CSP_PALETTE_LIGHT, CSP_PALETTE_BACKGROUND, &background);
  assert_color (&image, red->x + red->inner_radius * 0.3, red->y - red->inner_radius * 0.9,
                &background);
  /* A slice of nothing takes no room. */
  g_assert_cmpfloat (csp_chart_layout_get_mark (layout, 0, 4)->end_angle, ==,
                     csp_chart_layout_get_mark (layout, 0, 4)->start_angle);
}

static void
test_empty (void)
{
  g_autoptr (CspChart) chart = csp_chart_new (CSP_CHART_STACKED_BAR);
  g_autoptr (CspChartLayout) layout = NULL;
  g_auto (Image) image = { 0 };
  const CspChartLabel *message;
  guint n_inked = 0;

  csp_chart_set_title (chart, "Nothing to show");
  layout = csp_chart_layout_new (chart, NULL, 600, 400);
  draw (&image, layout, 1);
  message = csp_chart_layout_find_label (layout, CSP_CHART_TEXT_MESSAGE, 0);
  g_assert_nonnull (message);
  /* The message is drawn: there is ink where it goes. */
  for (int y = (int) message->rect.y; y < message->rect.y + message->rect.height; y++)
    for (int x = (int) message->rect.x; x < message->rect.x + message->rect.width; x++)
      {
        guint8 rgba[4];

        device_pixel (&image, x, y, rgba);
        n_inked += rgba[0] < 200;
      }
  g_assert_cmpuint (n_inked, >, 50);
}

static void
test_background (void)
{
  const struct
  {
    CspPaletteVariant variant;
    gboolean transparent;
  } cases[] = {
    { CSP_PALETTE_LIGHT, FALSE },
    { CSP_PALETTE_DARK, FALSE },
    { CSP_PALETTE_LIGHT, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CspChart) chart = fixture_chart (CSP_CHART_LINE, 2, 12);
      g_autoptr (CspChartLayout) layout = NULL;
      g_auto (Image) image = { 0 };
      CspChartStyle style;
      CspColor color;
      guint8 rgba[4];

      csp_chart_style_init (&style);
      style.variant = cases[i].variant;
      style.transparent = cases[i].transparent;
      layout = csp_chart_layout_new (chart, &style, 400, 300);
      draw (&image, layout, 1);
      pixel (&image, 2, 2, rgba);
      if (cases[i].transparent)
        g_assert_cmpuint (rgba[3], ==, 0);
      else
        {
          csp_palette_role_color (cases[i].variant, CSP_PALETTE_BACKGROUND, &color);
          assert_color (&image, 2, 2, &color);
        }
    }
}

static void
test_crisp_gridlines (void)
{
  const double scales[] = { 1, 1.5, 2 };

  for (guint k = 0; k < G_N_ELEMENTS (scales); k++)
    {
      g_autoptr (CspChart) chart = fixture_chart (CSP_CHART_STACKED_BAR, 1, 3);
      g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, 600, 400);
      g_auto (Image) image = { 0 };
      const CspChartLine *line = &g_array_index (layout->gridlines, CspChartLine, 2);
      int px = (int) floor ((layout->plot.x + 2) * scales[k]);
      int centre = (int) floor (line->y0 * scales[k]);
      int inked = 0, first = G_MAXINT, last = G_MININT;

      draw (&image, layout, scales[k]);
      /* Left of the first bar, the gridline is solid and sharp: whole
       * device pixels of one shade, white on either side. */
      for (int py = centre - 4; py <= centre + 4; py++)
        {
          guint8 rgba[4];

          device_pixel (&image, px, py, rgba);
          if (rgba[0] == 255)
            continue;
          inked++;
          first = MIN (first, py);
          last = MAX (last, py);
          g_assert_cmpuint (rgba[0], <, 240);
        }
      g_assert_cmpint (inked, ==, (int) MAX (1, round (scales[k])));
      g_assert_cmpint (last - first + 1, ==, inked);
    }
}

static void
test_any_surface (void)
{
  /* Recording and vector surfaces, a transformed cairo_t, tiny sizes. */
  for (guint k = CSP_CHART_LINE; k <= CSP_CHART_DONUT; k++)
    {
      g_autoptr (CspChart) chart = fixture_chart (k, 3, k == CSP_CHART_DONUT ? 5 : 40);
      cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (surface);

      cairo_translate (cr, 30, 40);
      cairo_scale (cr, 0.5, 0.5);
      cairo_rotate (cr, 0.1);
      csp_chart_draw (chart, cr, 800, 600, NULL);
      csp_chart_draw (chart, cr, 3, 2, NULL);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* The cell of likelihood 4 and impact 5 in the very high band's colour,
 * with a circle for its risks: the background's colour inside, the
 * text's on its edge. An empty cell has no circle. */
static void
test_risk_matrix (void)
{
  g_autoptr (CspChart) chart = fixture_risk_matrix ();
  g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, 900, 700);
  g_auto (Image) image = { 0 };
  const CspChartMark *high = csp_chart_layout_get_mark (
      layout, 0, (guint) csp_chart_data_find_category (layout->data, "4-5"));
  const CspChartMark *empty = csp_chart_layout_get_mark (
      layout, 0, (guint) csp_chart_data_find_category (layout->data, "5-5"));
  double r = high->outer_radius;
  CspColor very_high, background, text;
  guint8 rgba[4];

  csp_palette_risk_color (CSP_PALETTE_LIGHT, 3, &very_high);
  csp_palette_role_color (CSP_PALETTE_LIGHT, CSP_PALETTE_BACKGROUND, &background);
  csp_palette_role_color (CSP_PALETTE_LIGHT, CSP_PALETTE_TEXT, &text);
  draw (&image, layout, 1.0);

  /* Near the cell's bottom corners, clear of its score and its circle. */
  assert_color (&image, high->rect.x + 4, high->rect.y + high->rect.height - 4, &very_high);
  assert_color (&image, high->rect.x + high->rect.width - 4, high->rect.y + high->rect.height - 4,
                &very_high);
  /* The circle: background beside its number, dark on its edge. */
  g_assert_cmpfloat (r, >, 4);
  assert_color (&image, high->x - r * 0.8, high->y, &background);
  pixel (&image, high->x - r, high->y, rgba);
  g_assert_cmpint (rgba[0], <, 128);
  g_assert_cmpint (rgba[1], <, 128);
  g_assert_cmpint (rgba[2], <, 128);
  /* No circle in an empty cell: its middle is its colour. */
  g_assert_cmpfloat (empty->outer_radius, ==, 0);
  assert_color (&image, empty->rect.x + empty->rect.width / 2,
                empty->rect.y + empty->rect.height * 0.58, &very_high);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/draw/bar-heights", test_bar_heights);
  g_test_add_func ("/chart/draw/bar-lengths", test_bar_lengths);
  g_test_add_func ("/chart/draw/series-color", test_series_color);
  g_test_add_func ("/chart/draw/gap", test_gap);
  g_test_add_func ("/chart/draw/marker-every-month", test_marker_every_month);
  g_test_add_func ("/chart/draw/donut-colors", test_donut_colors);
  g_test_add_func ("/chart/draw/empty", test_empty);
  g_test_add_func ("/chart/draw/background", test_background);
  g_test_add_func ("/chart/draw/crisp-gridlines", test_crisp_gridlines);
  g_test_add_func ("/chart/draw/any-surface", test_any_surface);
  g_test_add_func ("/chart/draw/risk-matrix", test_risk_matrix);
  return g_test_run ();
}

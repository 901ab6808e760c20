/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-charts"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "bench-build.h"
#include "chart-fixtures.h"
#include "csp-chart-draw.h"

/* How long each kind of chart takes to draw at 1600x900, with ten years of
 * monthly figures in eight series, beside a plain cairo fill of the same
 * surface as the floor. Lines, stacked bars and horizontal bars show all
 * 8 × 120 values; a donut shows shares, so it gets the ten years summed
 * per series (8 slices), and, as a worst case, one slice per month. "layout+draw" is a whole frame as after a resize
 * or new data (text measured, everything placed, then drawn); "draw" is a
 * frame from a layout already made, as on a hover. The target is 5 ms a
 * chart. Run with `meson test --benchmark` or directly:
 * bench-charts [--frames N] [--width W] [--height H] */

#define TARGET_MS 5.0

static int n_frames = 60;
static int width = 1600;
static int height = 900;

typedef struct
{
  const char *name;
  CspChartKind kind;
  gboolean per_series;
} Kind;

static const Kind kinds[] = {
  { "line", CSP_CHART_LINE, FALSE },
  { "stacked bars", CSP_CHART_STACKED_BAR, FALSE },
  { "horizontal bars", CSP_CHART_HORIZONTAL_BAR, FALSE },
  { "donut", CSP_CHART_DONUT, TRUE },
  { "donut, 120 slices", CSP_CHART_DONUT, FALSE },
};

/* The ten years summed per series: a category per series. */
static CspChartData *
totals_per_series (CspChartData *monthly)
{
  CspChartData *totals = csp_chart_data_new (CSP_CHART_CATEGORY_OTHER);

  csp_chart_data_add_series (totals, "total", "Ten years");
  for (guint j = 0; j < csp_chart_data_get_n_series (monthly); j++)
    {
      guint n = 0;
      const double *values = csp_chart_data_get_values (monthly, j, &n);
      double sum = 0;
      guint category =
          csp_chart_data_add_category (totals, csp_chart_data_get_series_key (monthly, j),
                                       csp_chart_data_get_series_label (monthly, j));

      for (guint i = 0; i < n; i++)
        sum += values[i];
      csp_chart_data_set_value (totals, 0, category, sum);
    }
  return totals;
}

static CspChart *
ten_years (const Kind *kind)
{
  g_autoptr (CspChartData) data = fixture_monthly_data (8, 120, "2014-04");
  CspChart *chart = csp_chart_new (kind->kind);

  if (kind->per_series)
    {
      CspChartData *totals = totals_per_series (data);

      g_object_unref (data);
      data = totals;
    }

  csp_chart_set_title (chart, "Monthly reach per channel");
  csp_chart_set_subtitle (chart, "Apr 2014 to Mar 2024");
  csp_chart_set_value_title (chart, "People reached");
  csp_chart_set_data (chart, data);
  if (kind->kind == CSP_CHART_LINE)
    {
      csp_chart_set_reference (chart, CSP_CHART_BASELINE, 4000, NULL);
      csp_chart_set_reference (chart, CSP_CHART_TARGET, 12000, NULL);
      csp_chart_add_event (chart, "2020-03", "First national lockdown");
      csp_chart_add_event (chart, "2020-11", "Second national lockdown");
      csp_chart_add_event (chart, "2021-01", "Third national lockdown");
    }
  return chart;
}

/* This thread's processor time, in milliseconds: unlike the clock on the
 * wall, it does not count time the thread spent waiting for a processor
 * that other programs held. */
static double
thread_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

typedef struct
{
  double cpu_ms;
  double wall_ms;
} Timing;

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Milliseconds a frame of @frame_func, after a few frames to warm caches
 * (fonts, glyphs) up: the median frame in processor time, which a busy
 * machine disturbs least, and the mean on the clock. */
static Timing
time_frames (void (*frame_func) (cairo_t *cr, gpointer user_data), cairo_surface_t *surface,
             gpointer user_data)
{
  cairo_t *cr = cairo_create (surface);
  g_autofree double *frames = g_new (double, n_frames);
  Timing timing;
  gint64 wall_start;

  for (int i = 0; i < 3; i++)
    frame_func (cr, user_data);
  cairo_surface_flush (surface);
  wall_start = g_get_monotonic_time ();
  for (int i = 0; i < n_frames; i++)
    {
      double start = thread_ms ();

      frame_func (cr, user_data);
      cairo_surface_flush (surface);
      frames[i] = thread_ms () - start;
    }
  timing.wall_ms = (g_get_monotonic_time () - wall_start) / 1000.0 / n_frames;
  qsort (frames, n_frames, sizeof (double), compare_doubles);
  timing.cpu_ms = frames[n_frames / 2];
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return timing;
}

static void
fill_frame (cairo_t *cr, gpointer user_data)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
}

static void
full_frame (cairo_t *cr, gpointer user_data)
{
  csp_chart_draw (user_data, cr, width, height, NULL);
}

static void
draw_frame (cairo_t *cr, gpointer user_data)
{
  csp_chart_layout_draw (user_data, cr);
}

int
main (int argc, char *argv[])
{
  const GOptionEntry entries[] = {
    { "frames", 'n', 0, G_OPTION_ARG_INT, &n_frames, "Frames to time per chart", "N" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Surface width", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Surface height", "H" },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface;
  Timing floor;
  gboolean all_met = TRUE;

  setlocale (LC_ALL, "C.UTF-8");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-charts: %s\n", error->message);
      return EXIT_FAILURE;
    }
  if (n_frames < 1 || width < 16 || height < 16)
    {
      g_printerr ("bench-charts: --frames must be 1 or more, the size 16 or more\n");
      return EXIT_FAILURE;
    }

  bench_build_print ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  floor = time_frames (fill_frame, surface, NULL);

  g_print ("Charts at %dx%d on an ARGB32 image surface, 10 years of monthly figures in 8 series.\n"
           "Milliseconds a frame over %d frames: the median in processor time (the mean on\n"
           "the clock); "
           "layout+draw is a whole frame, draw one from a layout already made.\n"
           "Target: under %.0f ms a chart.\n\n",
           width, height, n_frames, TARGET_MS);
  g_print ("%-20s %20s %20s %9s\n", "chart", "layout+draw", "draw", "vs fill");
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr (CspChart) chart = ten_years (&kinds[i]);
      g_autoptr (CspChartLayout) layout = csp_chart_layout_new (chart, NULL, width, height);
      Timing full = time_frames (full_frame, surface, chart);
      Timing drawn = time_frames (draw_frame, surface, layout);

      if (kinds[i].per_series || kinds[i].kind != CSP_CHART_DONUT)
        all_met = all_met && full.cpu_ms < TARGET_MS;
      g_print ("%-20s %8.2f ms (%6.2f) %8.2f ms (%6.2f) %8.0fx\n", kinds[i].name, full.cpu_ms,
               full.wall_ms, drawn.cpu_ms, drawn.wall_ms, full.cpu_ms / floor.cpu_ms);
    }
  g_print ("%-20s %8.2f ms (%6.2f)\n", "plain cairo fill", floor.cpu_ms, floor.wall_ms);
  g_print ("\n%s\n", all_met ? "Every chart is under the target (the worst case aside)."
                             : "Some charts are over the target on this machine.");
  cairo_surface_destroy (surface);
  return EXIT_SUCCESS;
}

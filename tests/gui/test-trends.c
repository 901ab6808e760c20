/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-test-util.h"

#include <adwaita.h>
#include <cairo.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "csp-chart-export.h"
#include "csp-chart-hit.h"
#include "csp-chart-standard.h"
#include "csp-chart-table.h"
#include "csp-records.h"
#include "csp-sample.h"
#include "csp-scale.h"
#include "csp-trends-page.h"

/* The Trends page on the sample partnership under a real display (Xvfb
 * in CI): each chart drawn, its table, hover values, click-through to
 * the activities, export and the dark style. */

typedef struct
{
  GuiFixture gui;
  GtkWindow *window;
  CspTrendsPage *page;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  gui_fixture_set_up (&fixture->gui);
  fixture->page = csp_trends_page_new (fixture->gui.context);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (fixture->window);
  gui_fixture_tear_down (&fixture->gui);
}

static void
show_window (Fixture *fixture)
{
  present_window (fixture->window);
}

/* The colour of one pixel of what @widget shows, as 0xRRGGBB. */
static guint32
pixel_at (GtkWidget *widget, int x, int y)
{
  g_autoptr (GdkTexture) texture = render_widget (widget);
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  guint32 argb;

  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  /* Cairo's ARGB32, native-endian, premultiplied; the background is opaque. */
  argb = *(guint32 *) (pixels + (gsize) y * width * 4 + (gsize) x * 4);
  return argb & 0xFFFFFF;
}

static CspChartView *
chart_view (Fixture *fixture)
{
  return csp_trends_page_get_chart_view (fixture->page);
}

static CspChartLayout *
current_layout (Fixture *fixture)
{
  GtkWidget *view = GTK_WIDGET (chart_view (fixture));
  CspChartLayout *layout = NULL, *previous;
  int width = -1, height = -1;

  /* Until the view keeps its size and its layout over a frame: the page may
   * still be settling its size after a change, and each size has its own
   * layout. (A new layout may reuse a freed one's address, so the size is
   * compared too.) */
  for (int i = 0; i < 20; i++)
    {
      gboolean same_size =
          gtk_widget_get_width (view) == width && gtk_widget_get_height (view) == height;

      previous = layout;
      width = gtk_widget_get_width (view);
      height = gtk_widget_get_height (view);
      wait_for_frame (GTK_WIDGET (fixture->window));
      layout = csp_chart_view_get_layout (chart_view (fixture));
      if (layout != NULL && layout == previous && same_size &&
          gtk_widget_get_width (view) == width && gtk_widget_get_height (view) == height)
        break;
    }
  g_assert_nonnull (layout);
  return layout;
}

/* The centre of a mark, in the view's coordinates, checked against the
 * hit test. */
static void
mark_centre (CspChartLayout *layout, guint series, guint item, double *x, double *y)
{
  const CspChartMark *mark = csp_chart_layout_get_mark (layout, series, item);
  CspChartHit hit;

  if (layout->kind == CSP_CHART_LINE)
    {
      *x = mark->x;
      *y = mark->y;
    }
  else if (layout->kind == CSP_CHART_DONUT)
    {
      double angle = (mark->start_angle + mark->end_angle) / 2;
      double radius = (mark->inner_radius + mark->outer_radius) / 2;

      *x = mark->x + radius * cos (angle);
      *y = mark->y + radius * sin (angle);
    }
  else
    {
      *x = mark->rect.x + mark->rect.width / 2;
      *y = mark->rect.y + mark->rect.height / 2;
    }
  g_assert_true (csp_chart_layout_hit (layout, *x, *y, &hit));
  g_assert_cmpint (hit.part, ==, CSP_CHART_HIT_MARK);
  g_assert_cmpuint (hit.series, ==, series);
  g_assert_cmpuint (hit.item, ==, item);
}

static GtkEventController *
find_controller (GtkWidget *widget, GType type)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

/* Moves the pointer over the view, through the controller that follows it. */
/* Points at @x, @y; returns the value the view shows for that point at
 * once, before a later change of size could move the marks. */
static char *
hover (Fixture *fixture, double x, double y)
{
  GtkEventController *motion =
      find_controller (GTK_WIDGET (chart_view (fixture)), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  char *shown;

  g_assert_nonnull (motion);
  g_signal_emit_by_name (motion, "motion", x, y);
  shown = g_strdup (csp_chart_view_get_value_text (chart_view (fixture)));
  settle ();
  return shown;
}

static void
click (Fixture *fixture, double x, double y)
{
  GtkEventController *gesture =
      find_controller (GTK_WIDGET (chart_view (fixture)), GTK_TYPE_GESTURE_CLICK);

  g_assert_nonnull (gesture);
  g_signal_emit_by_name (gesture, "pressed", 1, x, y);
  g_signal_emit_by_name (gesture, "released", 1, x, y);
  settle ();
}

static guint
n_table_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (
      G_LIST_MODEL (gtk_column_view_get_model (csp_trends_page_get_table (fixture->page))));
}

static void
test_each_chart (Fixture *fixture, gconstpointer data)
{
  const char *const *names = csp_standard_chart_get_names ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  show_window (fixture);
  /* The period at first: the last 27 months with figures, here all of them. */
  from = csp_trends_page_get_from_month (fixture->page);
  to = csp_trends_page_get_to_month (fixture->page);
  g_assert_cmpstr (from, ==, "2019-04");
  g_assert_cmpstr (to, ==, "2021-06");
  g_assert_cmpstr (csp_trends_page_get_chart_name (fixture->page), ==, "reach-trend");

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *file = g_strdup_printf ("screenshot-trends-%s.png", names[i]);
      g_autoptr (CspChartTable) table = NULL;
      CspChartLayout *layout;
      CspChart *chart;
      GListModel *columns;

      g_assert_true (csp_trends_page_show_chart (fixture->page, names[i], NULL, NULL));
      chart = csp_trends_page_get_chart (fixture->page);
      g_assert_nonnull (chart);
      g_assert_true (csp_chart_view_get_chart (chart_view (fixture)) == chart);
      layout = current_layout (fixture);
      g_assert_false (layout->empty);
      g_assert_cmpuint (layout->marks->len, >, 0);
      save_screenshot (GTK_WIDGET (fixture->window), file);

      /* The table: a row per category and the totals, a titled column per
       * column of figures. */
      table = csp_chart_table_new (chart);
      g_assert_cmpuint (n_table_rows (fixture), ==,
                        csp_chart_data_get_n_categories (csp_chart_get_data (chart)) + 1);
      columns = gtk_column_view_get_columns (csp_trends_page_get_table (fixture->page));
      g_assert_cmpuint (g_list_model_get_n_items (columns), ==, table->n_columns);
      for (guint j = 0; j < table->n_columns; j++)
        {
          g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, j);
          g_assert_cmpstr (gtk_column_view_column_get_title (column), ==,
                           csp_chart_table_get (table, 0, j));
        }
    }

  /* The table sorts by a column of figures as numbers, largest first
   * when asked to sort the other way; the totals stay last. */
  {
    GtkColumnView *view = csp_trends_page_get_table (fixture->page);
    g_autoptr (GtkColumnViewColumn) figures = NULL;
    GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (view));
    guint n_rows;
    g_autoptr (GtkStringList) first = NULL;
    g_autoptr (GtkStringList) last = NULL;
    g_autoptr (GtkStringList) totals = NULL;

    g_assert_true (csp_trends_page_show_chart (fixture->page, "reach-trend", NULL, NULL));
    figures = g_list_model_get_item (gtk_column_view_get_columns (view), 1);
    gtk_column_view_sort_by_column (view, figures, GTK_SORT_DESCENDING);
    n_rows = g_list_model_get_n_items (rows);
    first = g_list_model_get_item (rows, 0);
    last = g_list_model_get_item (rows, n_rows - 2);
    totals = g_list_model_get_item (rows, n_rows - 1);
    g_assert_cmpstr (gtk_string_list_get_string (first, 1), ==, "61,200");
    g_assert_cmpfloat (g_ascii_strtod (gtk_string_list_get_string (last, 1), NULL), <, 61);
    g_assert_cmpstr (gtk_string_list_get_string (totals, 0), ==, "Total");
    gtk_column_view_sort_by_column (view, figures, GTK_SORT_ASCENDING);
    g_clear_object (&totals);
    totals = g_list_model_get_item (rows, n_rows - 1);
    g_assert_cmpstr (gtk_string_list_get_string (totals, 0), ==, "Total");
    gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  }
  csp_trends_page_show_table (fixture->page, TRUE);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-trends-table.png");
  csp_trends_page_show_table (fixture->page, FALSE);
}

static void
test_period (Fixture *fixture, gconstpointer data)
{
  CspChart *chart;
  CspChartData *chart_data;
  g_autofree char *from = NULL;

  show_window (fixture);
  g_assert_true (
      csp_trends_page_show_chart (fixture->page, "activities-by-month", "2020-04", "2021-03"));
  chart = csp_trends_page_get_chart (fixture->page);
  chart_data = csp_chart_get_data (chart);
  g_assert_cmpuint (csp_chart_data_get_n_categories (chart_data), ==, 12);
  g_assert_cmpstr (csp_chart_data_get_category_key (chart_data, 0), ==, "2020-04");
  g_assert_cmpuint (n_table_rows (fixture), ==, 12 + 1);

  /* The ends the wrong way round are put right. */
  g_assert_true (csp_trends_page_show_chart (fixture->page, NULL, "2021-03", "2020-10"));
  from = csp_trends_page_get_from_month (fixture->page);
  g_assert_cmpstr (from, ==, "2020-10");
  g_assert_false (csp_trends_page_show_chart (fixture->page, "no-such-chart", NULL, NULL));
}

static void
test_hover (Fixture *fixture, gconstpointer data)
{
  CspChartLayout *layout;
  CspChartData *chart_data;
  const CspChartMark *mark = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *value = NULL;
  g_autofree char *announced = NULL;
  g_autofree char *shown = NULL;
  guint series = 0, item = 0;
  GtkWidget *popover;
  double x, y;

  show_window (fixture);
  g_assert_true (csp_trends_page_show_chart (fixture->page, "reach-trend", NULL, NULL));
  layout = current_layout (fixture);
  chart_data = csp_chart_get_data (csp_trends_page_get_chart (fixture->page));

  /* A point of the first series in Oct 2020, with a value over a thousand. */
  item = (guint) csp_chart_data_find_category (chart_data, "2020-10");
  mark = csp_chart_layout_get_mark (layout, series, item);
  g_assert_cmpfloat (mark->value, >=, 1000);
  mark_centre (layout, series, item, &x, &y);
  shown = hover (fixture, x, y);
  value = csp_format_number (mark->value);
  expected =
      g_strdup_printf ("Oct 2020 · %s: %s", csp_chart_data_get_series_label (chart_data, 0), value);
  g_assert_nonnull (strchr (value, ','));
  g_assert_cmpstr (shown, ==, expected);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-trends-hover.png");
  /* The popover is a surface of its own, so it has a picture of its own. */
  popover = gtk_widget_get_first_child (GTK_WIDGET (chart_view (fixture)));
  g_assert_true (GTK_IS_POPOVER (popover));
  g_assert_true (gtk_widget_get_visible (popover));
  save_screenshot (popover, "screenshot-trends-hover-value.png");

  /* Away from the marks, the value goes. */
  g_clear_pointer (&shown, g_free);
  shown = hover (fixture, 2, 2);
  g_assert_null (shown);

  /* A bar's segment: the exact count. */
  g_assert_true (csp_trends_page_show_chart (fixture->page, "activities-by-month", NULL, NULL));
  layout = current_layout (fixture);
  chart_data = csp_chart_get_data (csp_trends_page_get_chart (fixture->page));
  mark = NULL;
  for (guint i = 0; i < layout->marks->len; i++)
    {
      const CspChartMark *candidate = &g_array_index (layout->marks, CspChartMark, i);
      if (candidate->value >= 2)
        {
          mark = candidate;
          break;
        }
    }
  if (mark == NULL)
    g_error ("The chart has no such mark");
  mark_centre (layout, mark->series, mark->item, &x, &y);
  g_clear_pointer (&shown, g_free);
  shown = hover (fixture, x, y);
  g_clear_pointer (&expected, g_free);
  expected =
      g_strdup_printf ("%s · %s: %.0f", csp_chart_data_get_category_label (chart_data, mark->item),
                       csp_chart_data_get_series_label (chart_data, mark->series), mark->value);
  g_assert_cmpstr (shown, ==, expected);

  /* The keyboard: Right moves to the next category and announces it. */
  gtk_widget_grab_focus (GTK_WIDGET (chart_view (fixture)));
  g_assert_true (csp_chart_view_select_mark (chart_view (fixture), 0, 0));
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (chart_view (fixture)), "chart.move-item", "i", 1));
  g_assert_true (csp_chart_view_get_cursor (chart_view (fixture), &series, &item));
  g_assert_cmpuint (series, ==, 0);
  g_assert_cmpuint (item, ==, 1);
  g_clear_pointer (&expected, g_free);
  expected = csp_chart_view_describe_mark (chart_view (fixture), 0, 1);
  g_assert_cmpstr (csp_chart_view_get_value_text (chart_view (fixture)), ==, expected);
  announced = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart_view (fixture)),
                                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, expected);
  g_assert_null (announced);
  /* The value shown takes neither the focus nor the keyboard from the chart. */
  g_assert_true (gtk_window_get_focus (fixture->window) == GTK_WIDGET (chart_view (fixture)));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-trends-keyboard.png");

  /* End goes to the last month; Up to the next series in the stack. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chart_view (fixture)), "chart.move-item",
                                             "i", G_MAXINT32 / 2));
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (chart_view (fixture)), "chart.move-series", "i", 1));
  g_assert_true (csp_chart_view_get_cursor (chart_view (fixture), &series, &item));
  g_assert_cmpuint (series, ==, 1);
  g_assert_cmpuint (item, ==, layout->n_items - 1);

  /* The value leaves with the chart when the table is shown instead. */
  csp_trends_page_show_table (fixture->page, TRUE);
  settle ();
  g_assert_null (csp_chart_view_get_value_text (chart_view (fixture)));
  csp_trends_page_show_table (fixture->page, FALSE);
}

typedef struct
{
  guint n_emitted;
  char *from_date;
  char *to_date;
  gint64 partner_id;
  char *mode;
} Shown;

static void
show_activities_cb (CspTrendsPage *page, const char *from_date, const char *to_date,
                    gint64 partner_id, const char *mode, Shown *shown)
{
  shown->n_emitted++;
  g_free (shown->from_date);
  g_free (shown->to_date);
  g_free (shown->mode);
  shown->from_date = g_strdup (from_date);
  shown->to_date = g_strdup (to_date);
  shown->partner_id = partner_id;
  shown->mode = g_strdup (mode);
}

static void
shown_clear (Shown *shown)
{
  g_free (shown->from_date);
  g_free (shown->to_date);
  g_free (shown->mode);
}

/* The first mark of @layout's series @series with a value. */
static const CspChartMark *
find_mark_with_value (CspChartLayout *layout, guint series, const char *category_key)
{
  CspChartData *chart_data = layout->data;

  for (guint i = 0; i < layout->n_items; i++)
    {
      const CspChartMark *mark = csp_chart_layout_get_mark (layout, series, i);

      if (mark->value > 0 &&
          (category_key == NULL ||
           g_str_equal (csp_chart_data_get_category_key (chart_data, i), category_key)))
        return mark;
    }
  return NULL;
}

static void
show_risk_cb (CspTrendsPage *page, gint64 risk_id, gint64 *shown)
{
  *shown = risk_id;
}

/* A cell of the risk matrix: its risks named on hover, the first of them
 * asked for on a click; an empty cell asks for nothing. The sample has
 * three open risks of likelihood 3 and impact 3, the first its second. */
static void
test_risk_matrix (Fixture *fixture, gconstpointer data)
{
  gint64 shown_risk = 0;
  g_autofree char *shown = NULL;
  CspChartLayout *layout;
  const CspChartMark *mark;
  double x, y;

  show_window (fixture);
  g_signal_connect (fixture->page, "show-risk", G_CALLBACK (show_risk_cb), &shown_risk);
  g_assert_true (csp_trends_page_show_chart (fixture->page, "risk-matrix", NULL, NULL));
  layout = current_layout (fixture);
  mark = csp_chart_layout_get_mark (layout, 0,
                                    (guint) csp_chart_data_find_category (layout->data, "3-3"));
  g_assert_cmpfloat (mark->value, ==, 3);
  mark_centre (layout, 0, mark->item, &x, &y);
  shown = hover (fixture, x, y);
  g_assert_true (g_str_has_prefix (shown, "Likelihood 3 × impact 3 · Open risks: 3\n"));
  g_assert_nonnull (strstr (shown, "COVID-19 restrictions prevent face-to-face engagement"));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-trends-risk-matrix-hover.png");

  click (fixture, x, y);
  g_assert_cmpint (shown_risk, ==, 2);

  shown_risk = 0;
  mark = csp_chart_layout_get_mark (layout, 0,
                                    (guint) csp_chart_data_find_category (layout->data, "5-5"));
  mark_centre (layout, 0, mark->item, &x, &y);
  click (fixture, x, y);
  g_assert_cmpint (shown_risk, ==, 0);
}

static void
test_click_through (Fixture *fixture, gconstpointer data)
{
  Shown shown = { 0 };
  CspChartLayout *layout;
  const CspChartMark *mark;
  double x, y;

  show_window (fixture);
  g_signal_connect (fixture->page, "show-activities", G_CALLBACK (show_activities_cb), &shown);

  /* A month's bar of online activities: that month's, online. */
  g_assert_true (csp_trends_page_show_chart (fixture->page, "activities-by-month", NULL, NULL));
  layout = current_layout (fixture);
  g_assert_cmpstr (csp_chart_data_get_series_key (layout->data, 0), ==, "online");
  mark = find_mark_with_value (layout, 0, "2020-11");
  if (mark == NULL)
    g_error ("The chart has no such mark");
  mark_centre (layout, mark->series, mark->item, &x, &y);
  click (fixture, x, y);
  g_assert_cmpuint (shown.n_emitted, ==, 1);
  g_assert_cmpstr (shown.from_date, ==, "2020-11-01");
  g_assert_cmpstr (shown.to_date, ==, "2020-11-30");
  g_assert_cmpint (shown.partner_id, ==, 0);
  g_assert_cmpstr (shown.mode, ==, "online");

  /* Enter on the mark chosen from the keyboard does the same. */
  g_assert_true (csp_chart_view_select_mark (
      chart_view (fixture), 0, (guint) csp_chart_data_find_category (layout->data, "2020-02")));
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (chart_view (fixture)), "chart.activate-mark", NULL));
  g_assert_cmpuint (shown.n_emitted, ==, 2);
  g_assert_cmpstr (shown.from_date, ==, "2020-02-01");
  g_assert_cmpstr (shown.to_date, ==, "2020-02-29");

  /* A lead partner's bar: that partner's over the period. */
  g_assert_true (csp_trends_page_show_chart (fixture->page, "lead-partners", "2020-04", "2021-03"));
  layout = current_layout (fixture);
  mark = find_mark_with_value (layout, 0, NULL);
  if (mark == NULL)
    g_error ("The chart has no such mark");
  mark_centre (layout, mark->series, mark->item, &x, &y);
  click (fixture, x, y);
  g_assert_cmpuint (shown.n_emitted, ==, 3);
  g_assert_cmpstr (shown.from_date, ==, "2020-04-01");
  g_assert_cmpstr (shown.to_date, ==, "2021-03-31");
  g_assert_cmpint (
      shown.partner_id, ==,
      g_ascii_strtoll (csp_chart_data_get_category_key (layout->data, mark->item), NULL, 10));
  g_assert_cmpint (shown.partner_id, >, 0);
  g_assert_null (shown.mode);

  /* A RAG slice stands for actions, not activities. */
  g_assert_true (csp_trends_page_show_chart (fixture->page, "rag-status", NULL, NULL));
  layout = current_layout (fixture);
  mark = find_mark_with_value (layout, 0, NULL);
  if (mark == NULL)
    g_error ("The chart has no such mark");
  mark_centre (layout, mark->series, mark->item, &x, &y);
  click (fixture, x, y);
  g_assert_cmpuint (shown.n_emitted, ==, 3);
  shown_clear (&shown);
}

static void
assert_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 700);
  cairo_surface_destroy (surface);
}

static void
assert_svg (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));
}

static void
assert_pdf (const char *path)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *contents = NULL;
  g_autofree char *output = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  if (pdfinfo == NULL)
    {
      g_test_message ("pdfinfo not found: the PDF's pages are not checked");
      return;
    }
  {
    const char *argv[] = { pdfinfo, path, NULL };
    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &output, NULL, &status, &error));
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_regex_match_simple ("^Pages: +1$", output, G_REGEX_MULTILINE, 0));
  g_assert_true (
      g_regex_match_simple ("^Page size: +1200 x 700 pts", output, G_REGEX_MULTILINE, 0));
}

/* The table's figures, read back: the header, then plain numbers. */
static void
assert_csv (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "\xef\xbb\xbfMonth,Online,In person,Hybrid,Total");
  g_assert_true (g_str_has_prefix (lines[1], "Apr 2019,0,0,0,0"));
  g_assert_true (g_str_has_prefix (lines[g_strv_length (lines) - 2], "Total,"));
}

static void
test_export (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *name;
    void (*check) (const char *path);
  } files[] = {
    { "chart.png", assert_png },
    { "chart.svg", assert_svg },
    { "chart.pdf", assert_pdf },
    { "chart.csv", assert_csv },
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *bad_path = g_build_filename (fixture->gui.folder, "chart.bmp", NULL);
  g_autoptr (GFile) bad = g_file_new_for_path (bad_path);

  show_window (fixture);
  g_assert_true (csp_trends_page_show_chart (fixture->page, "activities-by-month", NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (fixture->gui.folder, files[i].name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);

      g_assert_true (csp_trends_page_export (fixture->page, file, &error));
      g_assert_no_error (error);
      files[i].check (path);
    }

  /* A file type the chart cannot be written as is refused, and nothing written. */
  g_assert_false (csp_trends_page_export (fixture->page, bad, &error));
  g_assert_error (error, CSP_CHART_EXPORT_ERROR, CSP_CHART_EXPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
}

static gboolean
is_dark (gconstpointer view)
{
  return csp_chart_view_get_dark (CSP_CHART_VIEW ((gpointer) view));
}

static gboolean
is_light (gconstpointer view)
{
  return !is_dark (view);
}

static void
test_dark_style (Fixture *fixture, gconstpointer data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GtkWidget *view = GTK_WIDGET (chart_view (fixture));
  guint32 light, dark;

  show_window (fixture);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  wait_until (is_light, chart_view (fixture), "the chart to take the light style");
  light = pixel_at (view, 3, 3);
  g_assert_cmphex (light, ==, 0xFFFFFF);

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  wait_until (is_dark, chart_view (fixture), "the chart to take the dark style");
  g_assert_cmpint (current_layout (fixture)->style.variant, ==, CSP_PALETTE_DARK);
  dark = pixel_at (view, 3, 3);
  g_assert_cmphex (dark, ==, 0x1E1E1E);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-trends-dark.png");
  g_assert_true (csp_trends_page_show_chart (fixture->page, "rag-status", NULL, NULL));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-trends-dark-rag.png");
}

typedef struct
{
  CspTrendsPage *page;
  CspChart *before;
} ChartWait;

static gboolean
has_new_chart (gconstpointer data)
{
  const ChartWait *wait = data;

  return csp_trends_page_get_chart (wait->page) != wait->before;
}

/* Until the page has drawn a chart other than @before, after a change. */
static void
wait_for_new_chart (Fixture *fixture, CspChart *before)
{
  ChartWait wait = { fixture->page, before };

  wait_until (has_new_chart, &wait, "the chart to be drawn again");
}

/* A change to the figures is drawn without asking. */
static void
test_reload_on_change (Fixture *fixture, gconstpointer data)
{
  CspHistory *history = csp_context_get_history (fixture->gui.context);
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GError) error = NULL;
  CspChartData *chart_data;
  CspRecord *activity = NULL;
  CspChart *before;
  int item;
  double count;

  show_window (fixture);
  g_assert_true (csp_trends_page_show_chart (fixture->page, "activities-by-month", NULL, NULL));
  before = csp_trends_page_get_chart (fixture->page);
  chart_data = csp_chart_get_data (before);
  item = csp_chart_data_find_category (chart_data, "2020-11");
  count = csp_chart_data_get_category_total (chart_data, (guint) item);

  /* Cancel an activity of Nov 2020: it leaves the chart. */
  activities = csp_store_list (fixture->gui.store, CSP_TYPE_ACTIVITY, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < activities->len && activity == NULL; i++)
    {
      CspRecord *candidate = g_ptr_array_index (activities, i);
      if (g_str_has_prefix (csp_record_get_string (candidate, "start_date"), "2020-11") &&
          g_strcmp0 (csp_record_get_string (candidate, "status"), "cancelled") != 0)
        activity = candidate;
    }
  g_assert_nonnull (activity);
  csp_record_set_string (activity, "status", "cancelled");
  g_assert_true (csp_history_update (history, activity, &error));
  g_assert_no_error (error);
  wait_for_new_chart (fixture, before);

  chart_data = csp_chart_get_data (csp_trends_page_get_chart (fixture->page));
  g_assert_cmpfloat (csp_chart_data_get_category_total (chart_data, (guint) item), ==, count - 1);
}

/* Types a month's figure for one channel, as the figures grid saves it. */
static void
add_figure (Fixture *fixture, gint64 metric_id, const char *month, gint64 value)
{
  g_autoptr (CspRecord) record = csp_record_new (CSP_TYPE_METRIC_VALUE);
  g_autoptr (GError) error = NULL;

  csp_record_set_int (record, "metric_id", metric_id);
  csp_record_set_string (record, "month", month);
  csp_record_set_int (record, "value", value);
  g_assert_true (
      csp_history_insert (csp_context_get_history (fixture->gui.context), record, &error));
  g_assert_no_error (error);
}

/* The day's first figure for July 2021, Twitter's, typed in before the
 * others: Facebook's July is a gap, not a fall to 0; the table leaves its
 * cell empty; and the period shown at first still ends in June, the last
 * month with figures for most channels. */
static void
test_missing_month (Fixture *fixture, gconstpointer data)
{
  CspChart *before;
  CspChartData *chart_data;
  CspChartLayout *layout;
  const CspChartMark *facebook, *twitter;
  g_autofree char *to = NULL;
  g_autofree char *shown = NULL;
  g_autoptr (CspTrendsPage) reopened = NULL;
  g_autofree char *reopened_to = NULL;
  GListModel *rows;
  gboolean found = FALSE;
  int july;
  const int screens[][2] = { { 1280, 800 }, { 1024, 700 } };

  show_window (fixture);
  before = csp_trends_page_get_chart (fixture->page);
  add_figure (fixture, 2 /* Twitter's reach */, "2021-07", 41250);
  wait_for_new_chart (fixture, before);
  to = csp_trends_page_get_to_month (fixture->page);
  g_assert_cmpstr (to, ==, "2021-06");
  reopened = g_object_ref_sink (csp_trends_page_new (fixture->gui.context));
  reopened_to = csp_trends_page_get_to_month (reopened);
  g_assert_cmpstr (reopened_to, ==, "2021-06");

  /* Asked for July: Twitter's point is there, Facebook's is not. */
  g_assert_true (csp_trends_page_show_chart (fixture->page, "reach-trend", "2021-01", "2021-07"));
  chart_data = csp_chart_get_data (csp_trends_page_get_chart (fixture->page));
  july = csp_chart_data_find_category (chart_data, "2021-07");
  g_assert_cmpint (july, ==, 6);
  g_assert_false (csp_chart_data_has_value (chart_data, 1, (guint) july));
  layout = current_layout (fixture);
  twitter = csp_chart_layout_get_mark (layout, 0, (guint) july);
  facebook = csp_chart_layout_get_mark (layout, 1, (guint) july);
  g_assert_false (twitter->missing);
  g_assert_cmpfloat (twitter->value, ==, 41250);
  g_assert_true (facebook->missing);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-trends-missing-month.png");

  /* Nothing to point at where a 0 would have been drawn. */
  shown = hover (fixture, facebook->x, csp_chart_layout_value_to_position (layout, 0));
  g_assert_null (shown);
  /* From the keyboard, the month says it has no figure. */
  g_assert_true (csp_chart_view_select_mark (chart_view (fixture), 1, (guint) july));
  g_assert_cmpstr (csp_chart_view_get_value_text (chart_view (fixture)), ==,
                   "Jul 2021 · Welwyn Hatfield CSP Facebook: no figure");

  /* The table: July's Facebook cell empty, not 0. */
  rows = G_LIST_MODEL (gtk_column_view_get_model (csp_trends_page_get_table (fixture->page)));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkStringList) row = g_list_model_get_item (rows, i);

      if (g_strcmp0 (gtk_string_list_get_string (row, 0), "Jul 2021") != 0)
        continue;
      g_assert_cmpstr (gtk_string_list_get_string (row, 1), ==, "41,250");
      g_assert_cmpstr (gtk_string_list_get_string (row, 2), ==, "");
      found = TRUE;
    }
  g_assert_true (found);

  /* As people see it on their screens. */
  for (guint i = 0; i < G_N_ELEMENTS (screens); i++)
    {
      g_autofree char *chart_file = g_strdup_printf ("screenshot-trends-gap-%d.png", screens[i][0]);
      g_autofree char *table_file =
          g_strdup_printf ("screenshot-trends-gap-table-%d.png", screens[i][0]);

      gtk_window_set_default_size (fixture->window, screens[i][0], screens[i][1]);
      current_layout (fixture);
      save_screenshot (GTK_WIDGET (fixture->window), chart_file);
      csp_trends_page_show_table (fixture->page, TRUE);
      wait_until (is_shown, csp_trends_page_get_table (fixture->page), "the table to show");
      save_screenshot (GTK_WIDGET (fixture->window), table_file);
      csp_trends_page_show_table (fixture->page, FALSE);
      wait_until (is_shown, chart_view (fixture), "the chart to show");
    }
}

/* The second tab holds the monthly figures grid, made when first shown. */
static void
test_figures_tab (Fixture *fixture, gconstpointer data)
{
  AdwViewStack *stack =
      ADW_VIEW_STACK (find_first (GTK_WIDGET (fixture->page), ADW_TYPE_VIEW_STACK));
  CspFiguresPage *figures;

  show_window (fixture);
  g_assert_null (find_first (GTK_WIDGET (fixture->page), CSP_TYPE_FIGURES_PAGE));
  adw_view_stack_set_visible_child_name (stack, "figures");
  figures = CSP_FIGURES_PAGE (find_first (GTK_WIDGET (fixture->page), CSP_TYPE_FIGURES_PAGE));
  g_assert_nonnull (figures);
  wait_until (is_shown, figures, "the figures grid to show");
  g_assert_true (csp_trends_page_get_figures_page (fixture->page) == figures);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-trends-figures.png");
}

static void
test_accessible_names (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) unnamed = g_string_new (NULL);

  show_window (fixture);
  csp_trends_page_show_table (fixture->page, TRUE);
  settle ();
  collect_unnamed (GTK_WIDGET (fixture->window), unnamed);
  csp_trends_page_show_table (fixture->page, FALSE);
  settle ();
  collect_unnamed (GTK_WIDGET (fixture->window), unnamed);
  csp_trends_page_get_figures_page (fixture->page);
  collect_unnamed (GTK_WIDGET (fixture->window), unnamed);
  if (unnamed->len > 0)
    g_error ("Controls without an accessible name:%s", unnamed->str);

  /* The chart is named by its title and says how to read it. */
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (chart_view (fixture)),
                                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (chart_view (fixture)),
                                               GTK_ACCESSIBLE_ROLE_IMG));
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/trends/charts", test_each_chart);
  ADD ("/trends/period", test_period);
  ADD ("/trends/hover", test_hover);
  ADD ("/trends/click-through", test_click_through);
  ADD ("/trends/risk-matrix", test_risk_matrix);
  ADD ("/trends/export", test_export);
  ADD ("/trends/dark-style", test_dark_style);
  ADD ("/trends/reload", test_reload_on_change);
  ADD ("/trends/missing-month", test_missing_month);
  ADD ("/trends/figures-tab", test_figures_tab);
  ADD ("/trends/accessible-names", test_accessible_names);
#undef ADD
  return g_test_run ();
}

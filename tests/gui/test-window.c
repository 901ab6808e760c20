/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "csp-records.h"
#include "csp-window.h"

/* The main window on a real database under a real display (Xvfb in CI). */

typedef struct
{
  char *folder;
  CspStore *store;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (CspDatabase) database = NULL;

  fixture->folder = g_dir_make_tmp ("csp-window-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->folder, "test.db", NULL);
  database = csp_database_open (path, &error);
  g_assert_no_error (error);
  fixture->store = csp_store_new (database);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (fixture->folder, 0, NULL);
  const char *name;

  g_clear_object (&fixture->store);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->folder, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->folder);
  g_free (fixture->folder);
}

static void
add_activity (CspStore *store, const char *title)
{
  g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);
  g_autoptr (GError) error = NULL;

  csp_record_set_string (activity, "title", title);
  csp_record_set_string (activity, "start_date", "2021-05-04");
  csp_record_set_string (activity, "format", "webinar");
  csp_record_set_string (activity, "mode", "online");
  csp_record_set_string (activity, "status", "delivered");
  csp_store_insert (store, activity, &error);
  g_assert_no_error (error);
}

static void
wait_until_drawn (GtkWidget *window)
{
  gtk_window_present (GTK_WINDOW (window));
  for (int i = 0; i < 50 && !gtk_widget_get_mapped (window); i++)
    g_main_context_iteration (NULL, TRUE);
  /* A few more frames for the layout to settle. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Writes what the window shows into the build directory, for people to look at. */
static void
save_screenshot (GtkWidget *widget, const char *name)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

/* The first widget under @root (depth first) that @match accepts. */
static GtkWidget *
find_widget (GtkWidget *root, WidgetMatch match, gconstpointer data)
{
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_row_titled (GtkWidget *widget, gconstpointer title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_numeric_label (GtkWidget *widget, gconstpointer unused)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "numeric");
}

static gboolean
is_mapped_status_page (GtkWidget *widget, gconstpointer unused)
{
  return ADW_IS_STATUS_PAGE (widget) && gtk_widget_get_mapped (widget);
}

/* The count shown beside the overview row titled @title. */
static const char *
find_row_value (GtkWidget *window, const char *title)
{
  GtkWidget *row = find_widget (window, is_row_titled, title);
  GtkWidget *label = row != NULL ? find_widget (row, is_numeric_label, NULL) : NULL;

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
test_window_overview_counts (Fixture *fixture, gconstpointer data)
{
  GtkWidget *window;

  add_activity (fixture->store, "Scam awareness webinar");
  add_activity (fixture->store, "Neighbourhood Watch webinar");
  window = GTK_WIDGET (csp_window_new (NULL, fixture->store));
  wait_until_drawn (window);

  g_assert_cmpstr (find_row_value (window, "Engagement activities"), ==, "2");
  g_assert_cmpstr (find_row_value (window, "Partners"), ==, "0");
  save_screenshot (window, "screenshot-overview.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_error (void)
{
  g_autoptr (GError) error =
      g_error_new_literal (CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_OURS,
                           "“x.db” is an SQLite database of another program");
  GtkWidget *window = GTK_WIDGET (csp_window_new_for_error (NULL, error));
  GtkWidget *status;

  wait_until_drawn (window);
  status = find_widget (window, is_mapped_status_page, NULL);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), ==, error->message);
  save_screenshot (window, "screenshot-error.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_message ("No display: run the GUI tests under Xvfb");
      return 77;
    }
  adw_init ();

  g_test_add ("/window/overview/counts", Fixture, NULL, fixture_set_up, test_window_overview_counts,
              fixture_tear_down);
  g_test_add_func ("/window/error", test_window_error);
  return g_test_run ();
}

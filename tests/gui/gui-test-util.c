/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "csp-sample.h"
#include "gui-test-util.h"
#include "test-engine.h"
#include "test-folder.h"
#include "test-store-file.h"

/* Returns: (transfer full): a store on the new database at @location
 * holding the sample partnership. */
static CspStore *
open_sample_store (const char *location)
{
  g_autoptr (GError) error = NULL;
  CspStore *store = test_store_file_open_location (location);

  g_assert_true (csp_sample_load (store, &error));
  g_assert_no_error (error);
  return store;
}

/**
 * gui_fixture_set_up:
 * @gui: the fixture's part to fill in
 *
 * Makes a new folder with the sample partnership's database in it (or on
 * the run's server, tests/test-engine.h), and a context on that that
 * follows what other connections change. gui_fixture_tear_down() undoes it.
 */
void
gui_fixture_set_up (GuiFixture *gui)
{
  g_autoptr (GError) error = NULL;

  gui->folder = test_folder_new ("csp-gui-test");
  gui->location = test_engine_new_location (gui->folder, "csp-engage.db");
  gui->store = open_sample_store (gui->location);
  gui->context = csp_context_new (gui->store);
  g_assert_true (csp_context_watch_changes (gui->context, &error));
  g_assert_no_error (error);
}

/**
 * gui_fixture_tear_down:
 *
 * Drops @gui's context and store and removes its folder with everything in
 * it. A window on the context is the test's to destroy first.
 */
void
gui_fixture_tear_down (GuiFixture *gui)
{
  g_clear_object (&gui->context);
  g_clear_object (&gui->store);
  test_engine_drop_location (gui->location);
  test_folder_remove (gui->folder);
  g_clear_pointer (&gui->location, g_free);
  g_clear_pointer (&gui->folder, g_free);
}

/* Shows @window and waits until it is on screen. */
void
present_window (GtkWindow *window)
{
  gtk_window_present (window);
  for (int i = 0; i < 100 && !gtk_widget_get_mapped (GTK_WIDGET (window)); i++)
    g_main_context_iteration (NULL, TRUE);
  run_main_loop (50);
}

void
run_main_loop (guint iterations)
{
  for (guint i = 0; i < iterations; i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
frame_drawn_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer drawn)
{
  *(gboolean *) drawn = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets @widget lay out and paint what changed. */
void
wait_for_frame (GtkWidget *widget)
{
  gboolean drawn = FALSE;

  gtk_widget_queue_draw (widget);
  gtk_widget_add_tick_callback (widget, frame_drawn_cb, &drawn, NULL);
  while (!drawn)
    g_main_context_iteration (NULL, TRUE);
  run_main_loop (20);
}

/**
 * render_widget:
 *
 * Returns: (transfer full): what @widget shows, after its next frame
 */
GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  wait_for_frame (widget);
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, NULL);
}

/* Writes what @widget shows into the build directory, for people to look at. */
void
save_screenshot (GtkWidget *widget, const char *name)
{
  g_autoptr (GdkTexture) texture = render_widget (widget);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static gboolean
needs_own_name (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && !GTK_IS_CHECK_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget)) == NULL &&
           !GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget)));
  if (GTK_IS_MENU_BUTTON (widget))
    return gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)) == NULL;
  return GTK_IS_SWITCH (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SEARCH_ENTRY (widget) ||
         (GTK_IS_ENTRY (widget) && !ADW_IS_ENTRY_ROW (gtk_widget_get_parent (widget))) ||
         GTK_IS_TEXT_VIEW (widget) || GTK_IS_COLUMN_VIEW (widget) ||
         (GTK_IS_CHECK_BUTTON (widget) &&
          gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) == NULL);
}

/**
 * collect_unnamed:
 * @unnamed: gets " Type(name)" for each control under @widget that a person
 *   operates and that has no name for assistive technology: neither a label
 *   of its own, nor an accessible label or labelled-by
 */
void
collect_unnamed (GtkWidget *widget, GString *unnamed)
{
  if (gtk_widget_get_visible (widget) && needs_own_name (widget) &&
      !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL) &&
      !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    g_string_append_printf (unnamed, " %s(%s)", G_OBJECT_TYPE_NAME (widget),
                            gtk_widget_get_name (widget));
  /* A drop-down's own button and search entry are GTK's, named by it. */
  if (GTK_IS_DROP_DOWN (widget))
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_unnamed (child, unnamed);
}

/**
 * gui_test_init:
 *
 * Starts a GUI test program: GLib's test framework, then libadwaita.
 *
 * Returns: %FALSE when there is no display, and the program should exit
 *   77 (skipped)
 */
gboolean
gui_test_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, NULL);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_message ("No display: run the GUI tests under Xvfb");
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

/**
 * find_first:
 *
 * Returns: (transfer none) (nullable): the first widget of @type under
 *   @root, depth first, shown or not
 */
GtkWidget *
find_first (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

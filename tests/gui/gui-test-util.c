/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "csp-record-form.h"
#include "csp-sample.h"
#include "gui-test-util.h"
#include "test-engine.h"
#include "test-folder.h"
#include "test-store-file.h"
#include "test-tools.h"

/* How long a GUI test waits for something before it gives up: far longer
 * than anything takes on a loaded machine, so that only a hang fails. */
#define WAIT_SECONDS 60

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

static gboolean
set_flag_cb (gpointer flag)
{
  *(gboolean *) flag = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * wait_until:
 * @condition: what the test waits for, asked before each turn of the loop
 * @what: the condition in words, for the failure
 *
 * Runs the main loop until @condition holds; a test still waiting after
 * WAIT_SECONDS has hung, and fails.
 */
void
wait_until (GuiTestCondition condition, gconstpointer data, const char *what)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (WAIT_SECONDS, set_flag_cb, &timed_out);

  while (!condition (data))
    {
      if (timed_out)
        g_error ("Gave up after %d s waiting for %s", WAIT_SECONDS, what);
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (timeout);
}

/**
 * settle:
 *
 * Runs the main loop until it has nothing ready to do: every event, idle
 * callback and signal that what the test just did set off has run. A
 * loop that is never done after WAIT_SECONDS has hung, and fails.
 */
void
settle (void)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (WAIT_SECONDS, set_flag_cb, &timed_out);

  while (g_main_context_iteration (NULL, FALSE))
    if (timed_out)
      g_error ("Gave up after %d s waiting for the main loop to settle", WAIT_SECONDS);
  g_source_remove (timeout);
}

/* Others' tests still turn the loop a number of times; settle() waits
 * for the loop to have nothing left to do instead. */
void
run_main_loop (guint iterations)
{
  for (guint i = 0; i < iterations; i++)
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
is_mapped (gconstpointer widget)
{
  return gtk_widget_get_mapped (GTK_WIDGET (widget));
}

/**
 * is_shown:
 * @widget: a widget, perhaps a page of a stack
 *
 * A condition for wait_until(): @widget is on screen, and the crossfade of
 * the stack it is in is over, so that a picture is of it, not the fade.
 */
gboolean
is_shown (gconstpointer widget)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (widget), GTK_TYPE_STACK);

  return gtk_widget_get_mapped (GTK_WIDGET (widget)) &&
         (stack == NULL || !gtk_stack_get_transition_running (GTK_STACK (stack)));
}

/* Shows @window and waits until it is on screen. */
void
present_window (GtkWindow *window)
{
  gtk_window_present (window);
  wait_until (is_mapped, window, "the window to show");
  settle ();
}

static gboolean
frame_drawn_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer drawn)
{
  *(gboolean *) drawn = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
is_set (gconstpointer flag)
{
  return *(const gboolean *) flag;
}

/* Lets @widget lay out and paint what changed. */
void
wait_for_frame (GtkWidget *widget)
{
  gboolean drawn = FALSE;

  gtk_widget_queue_draw (widget);
  gtk_widget_add_tick_callback (widget, frame_drawn_cb, &drawn, NULL);
  wait_until (is_set, &drawn, "a frame to be drawn");
  settle ();
}

typedef struct
{
  GtkWidget *window;
  int width;
} WidthWait;

static gboolean
has_width (gconstpointer data)
{
  const WidthWait *wait = data;

  /* The window's shadow is outside the size asked for. */
  return ABS (gtk_widget_get_width (wait->window) - wait->width) <= 16;
}

/**
 * resize_window:
 *
 * Gives @window a new size, as a person dragging its edge would, and
 * waits for it to be taken and for what moves with it (a sidebar folding
 * away) to come to rest.
 */
void
resize_window (GtkWindow *window, int width, int height)
{
  WidthWait wait = { GTK_WIDGET (window), width };
  gboolean rested = FALSE;

  gtk_window_set_default_size (window, width, height);
  wait_until (has_width, &wait, "the window to take its new width");
  g_timeout_add (500, set_flag_cb, &rested);
  wait_until (is_set, &rested, "the window's contents to come to rest");
  wait_for_frame (GTK_WIDGET (window));
}

typedef struct
{
  GtkWidget *widget;
  GskRenderNode *node;
} Capture;

static void
capture_after_paint_cb (GdkFrameClock *clock, Capture *capture)
{
  g_autoptr (GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot;

  if (capture->node != NULL)
    return;
  paintable = gtk_widget_paintable_new (capture->widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (capture->widget),
                          gtk_widget_get_height (capture->widget));
  capture->node = gtk_snapshot_free_to_node (snapshot);
}

static gboolean
is_captured (gconstpointer data)
{
  return ((const Capture *) data)->node != NULL;
}

/**
 * render_widget:
 *
 * The picture is taken just after a frame is painted, when every widget
 * has the allocation it was painted with: taken between frames, a widget
 * whose size something changed meanwhile has none yet (GTK warns).
 *
 * Returns: (transfer full): what @widget shows, after its next frame
 */
GdkTexture *
render_widget (GtkWidget *widget)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  GdkFrameClock *clock;
  Capture capture = { widget, NULL };
  GdkTexture *texture;
  gulong handler;

  wait_for_frame (widget);
  clock = gtk_widget_get_frame_clock (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (capture_after_paint_cb), &capture);
  gtk_widget_queue_draw (widget);
  wait_until (is_captured, &capture, "a frame to be painted and captured");
  g_signal_handler_disconnect (clock, handler);
  g_assert_nonnull (capture.node);
  texture = gsk_renderer_render_texture (renderer, capture.node, NULL);
  gsk_render_node_unref (capture.node);
  return texture;
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
 * Without a display the program ends here, in TAP: skipped on a
 * developer's machine, failed in CI (tests/test-tools.h).
 *
 * Returns: %TRUE, once there is a display (some tests still check)
 */
gboolean
gui_test_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, NULL);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    test_tools_missing_for_all ("no display: run the GUI tests under Xvfb");
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

/**
 * find_widget:
 *
 * Returns: (transfer none) (nullable): the first widget under @root
 *   (depth first, @root included) that @match accepts with @data
 */
GtkWidget *
find_widget (GtkWidget *root, GuiWidgetMatch match, gconstpointer data)
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

/* For find_widget(): a button with the label @label (mnemonic included). */
gboolean
is_button_labelled (GtkWidget *widget, gconstpointer label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* For find_widget(): a widget whose tooltip is @tooltip. */
gboolean
has_tooltip (GtkWidget *widget, gconstpointer tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* For find_widget(): a button that runs the action @action. */
gboolean
is_button_for_action (GtkWidget *widget, gconstpointer action)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

/**
 * find_shown_window:
 *
 * Returns: (transfer none) (nullable): a shown window of @type, as a
 *   dialog that the application opened
 */
GtkWindow *
find_shown_window (GType type)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Adds every label's text under @widget to @text, one per line. */
void
collect_text (GtkWidget *widget, GString *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

/**
 * activate_action:
 *
 * Activates @action on @widget, as its button or shortcut would, and lets
 * the window catch up.
 */
void
activate_action (gpointer widget, const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (widget), action, NULL));
  settle ();
}

/**
 * form_type_into:
 * @form: a #CspRecordForm
 *
 * Puts @text in the field of @column, as typing it would.
 */
void
form_type_into (gpointer form, const char *column, const char *text)
{
  GtkWidget *field = csp_record_form_get_field (form, column);

  g_assert_nonnull (field);
  gtk_editable_set_text (GTK_EDITABLE (field), text);
}

/**
 * form_choose:
 * @form: a #CspRecordForm
 *
 * Chooses the entry of the list row of @column whose label is @label: a
 * combo row, or a reference's choice row (both have "model" and "selected").
 */
void
form_choose (gpointer form, const char *column, const char *label)
{
  GtkWidget *row = csp_record_form_get_field (form, column);
  g_autoptr (GListModel) labels = NULL;

  g_object_get (row, "model", &labels, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (labels); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (labels), i), label))
      {
        g_object_set (row, "selected", i, NULL);
        return;
      }
  g_error ("No “%s” among the choices of %s", label, column);
}

static void
collect_cut (GtkWidget *widget, gboolean in_combo, GString *cut)
{
  in_combo = in_combo || ADW_IS_COMBO_ROW (widget);
  /* A title cut short is whole in its tooltip. */
  if (ADW_IS_WINDOW_TITLE (widget) && gtk_widget_get_mapped (widget) &&
      gtk_widget_get_tooltip_text (widget) == NULL)
    {
      g_autoptr (GString) own = g_string_new (NULL);

      collect_cut (gtk_widget_get_first_child (widget), in_combo, own);
      if (own->len > 0)
        g_string_append_printf (cut, "%s(no tooltip) ", own->str);
    }
  if (!gtk_widget_get_mapped (widget) || ADW_IS_WINDOW_TITLE (widget) ||
      (!in_combo && (g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkListItemWidget") ||
                     g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkColumnViewCell") ||
                     g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkColumnViewRowWidget"))))
    return;
  if (GTK_IS_LABEL (widget) &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_string_append_printf (cut, "“%s” ", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cut (child, in_combo, cut);
}

/* Adds to @cut the text of every shown label under @widget that is cut
 * short ("…"), but those of list rows and of window titles with a
 * tooltip, which are cut by design and whole in their tooltips or
 * editors. The name chosen in a combo row is shown by a one-row list, and
 * is counted. */
void
collect_cut_labels (GtkWidget *widget, GString *cut)
{
  collect_cut (widget, FALSE, cut);
}

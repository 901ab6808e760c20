/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "csp-activities-page.h"
#include "csp-record-editor.h"
#include "csp-record-form.h"
#include "csp-window.h"
#include "gui-test-util.h"

/* A database file that cannot be written (a copy on a read-only share, a
 * file given read-only permissions) opens read-only: the window says so
 * and why, and offers no edit. */

static GtkInfoBar *
shown_info_bar (GtkWidget *widget)
{
  if (GTK_IS_INFO_BAR (widget) && gtk_widget_get_visible (widget) &&
      gtk_info_bar_get_revealed (GTK_INFO_BAR (widget)))
    return GTK_INFO_BAR (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkInfoBar *found = shown_info_bar (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_read_only_file (void)
{
  GuiFixture gui = { 0 };
  g_autoptr (GError) error = NULL;
  CspActivitiesPage *page;
  CspRecordEditor *editor;
  CspWindow *window;
  GtkInfoBar *bar;
  const char *text;

  gui_fixture_set_up (&gui);
  /* The sample written, the file is made read-only and opened as the
   * application opens a file. */
  g_clear_object (&gui.context);
  g_clear_object (&gui.store);
  g_assert_cmpint (g_chmod (gui.location, 0444), ==, 0);
  gui.context = csp_context_open (gui.location, FALSE, &error);
  g_assert_no_error (error);
  window = csp_window_new (NULL, gui.context);
  present_window (GTK_WINDOW (window));

  bar = shown_info_bar (GTK_WIDGET (window));
  g_assert_nonnull (bar);
  text = gtk_label_get_text (GTK_LABEL (find_first (GTK_WIDGET (bar), GTK_TYPE_LABEL)));
  g_test_message ("bar: %s", text);
  g_assert_true (g_str_has_prefix (text, "Read-only."));
  g_assert_nonnull (strstr (text, "is read-only"));

  page = CSP_ACTIVITIES_PAGE (csp_window_get_page (window, "activities"));
  editor = csp_activities_page_get_editor (page);
  gtk_widget_activate_action (GTK_WIDGET (page), "activities.new", NULL);
  g_assert_null (csp_record_form_get_record (csp_record_editor_get_form (editor)));
  gtk_single_selection_set_selected (
      GTK_SINGLE_SELECTION (gtk_column_view_get_model (csp_activities_page_get_column_view (page))),
      0);
  wait_for_frame (GTK_WIDGET (window));
  g_assert_false (gtk_widget_is_sensitive (
      csp_record_form_get_field (csp_record_editor_get_form (editor), "title")));
  save_screenshot (GTK_WIDGET (window), "screenshot-read-only-file.png");

  gtk_window_destroy (GTK_WINDOW (window));
  g_chmod (gui.location, 0644);
  gui_fixture_tear_down (&gui);
}

int
main (int argc, char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display: run the GUI tests under Xvfb\n");
      return 0;
    }
  g_test_add_func ("/read-only-file/window", test_read_only_file);
  return g_test_run ();
}

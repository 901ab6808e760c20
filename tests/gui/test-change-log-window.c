/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "csp-activities-page.h"
#include "csp-change-log-window.h"
#include "csp-record-editor.h"
#include "csp-record-form.h"
#include "csp-window.h"
#include "gui-test-util.h"
#include "test-engine.h"

/* The audit log in the window, on the engine of the run: an activity's
 * history from its editor says who changed which field from what to
 * what; the admins' change log narrows by kind of record and by date. */

typedef struct
{
  GuiFixture gui;
  CspWindow *window;
  CspActivitiesPage *page;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  gui_fixture_set_up (&fixture->gui);
  fixture->window = csp_window_new (NULL, fixture->gui.context);
  fixture->page = CSP_ACTIVITIES_PAGE (csp_window_get_page (fixture->window, "activities"));
  present_window (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (CSP_IS_CHANGE_LOG_WINDOW (l->data))
      gtk_window_destroy (l->data);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gui_fixture_tear_down (&fixture->gui);
}

static CspChangeLogWindow *
find_log_window (void)
{
  return CSP_CHANGE_LOG_WINDOW (find_shown_window (CSP_TYPE_CHANGE_LOG_WINDOW));
}

static void
test_record_history (Fixture *fixture, gconstpointer data)
{
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);
  CspRecordForm *form = csp_record_editor_get_form (editor);
  GtkColumnView *view = csp_activities_page_get_column_view (fixture->page);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *old_title = NULL;
  g_autofree char *expected = NULL;
  CspChangeLogWindow *log;

  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)), 0);
  wait_for_frame (GTK_WIDGET (fixture->window));
  old_title = g_strdup (csp_record_get_string (csp_record_form_get_record (form), "title"));
  gtk_editable_set_text (GTK_EDITABLE (csp_record_form_get_field (form, "title")),
                         "Summer youth diversion programme: launch night");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.history", NULL));
  log = find_log_window ();
  g_assert_nonnull (log);
  wait_for_frame (GTK_WIDGET (log));
  /* The sample's addition and this change. */
  g_assert_cmpuint (csp_change_log_window_get_n_entries (log), ==, 2);
  collect_text (GTK_WIDGET (log), text);
  g_test_message ("%s", text->str);
  g_assert_nonnull (strstr (text->str, "changed this activity today at "));
  g_assert_nonnull (strstr (text->str, "added this activity"));
  expected =
      g_strdup_printf ("Title: “%s” → “Summer youth diversion programme: launch night”", old_title);
  g_assert_nonnull (strstr (text->str, expected));
  save_screenshot (GTK_WIDGET (log), "screenshot-history.png");
}

static void
test_whole_log (Fixture *fixture, gconstpointer data)
{
  CspChangeLogWindow *log;
  guint all, activities;
  GtkDropDown *tables;
  GtkEntry *from;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.change-log", NULL));
  log = find_log_window ();
  g_assert_nonnull (log);
  wait_for_frame (GTK_WIDGET (log));
  all = csp_change_log_window_get_n_entries (log);
  g_assert_cmpuint (all, >, 63);

  /* The people, who may be many, are found by typing their names. */
  {
    GtkDropDown *people = GTK_DROP_DOWN (find_first (GTK_WIDGET (log), GTK_TYPE_DROP_DOWN));
    GtkExpression *name = gtk_drop_down_get_expression (people);
    g_autoptr (GObject) first = g_list_model_get_item (gtk_drop_down_get_model (people), 0);
    GValue value = G_VALUE_INIT;

    g_assert_true (gtk_drop_down_get_enable_search (people));
    g_assert_nonnull (name);
    g_assert_true (gtk_expression_evaluate (name, first, &value));
    g_assert_cmpstr (g_value_get_string (&value), ==,
                     gtk_string_object_get_string (GTK_STRING_OBJECT (first)));
    g_value_unset (&value);
  }

  /* The second drop-down is the kind of record; Activity is among them. */
  tables = GTK_DROP_DOWN (
      gtk_widget_get_next_sibling (find_first (GTK_WIDGET (log), GTK_TYPE_DROP_DOWN)));
  for (guint i = 0; i < g_list_model_get_n_items (gtk_drop_down_get_model (tables)); i++)
    if (g_str_equal (
            gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (tables)), i),
            "Activity"))
      gtk_drop_down_set_selected (tables, i);
  activities = csp_change_log_window_get_n_entries (log);
  g_assert_cmpuint (activities, ==, 63);

  from = GTK_ENTRY (find_first (GTK_WIDGET (log), GTK_TYPE_ENTRY));
  gtk_editable_set_text (GTK_EDITABLE (from), "01/01/2999");
  g_assert_cmpuint (csp_change_log_window_get_n_entries (log), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (from), "");
  g_assert_cmpuint (csp_change_log_window_get_n_entries (log), ==, activities);
  save_screenshot (GTK_WIDGET (log), "screenshot-change-log.png");
}

int
main (int argc, char *argv[])
{
  if (!gui_test_init (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display: run the GUI tests under Xvfb\n");
      return 0;
    }
  test_engine_skip_unless_available ();

  g_test_add ("/change-log-window/record-history", Fixture, NULL, fixture_set_up,
              test_record_history, fixture_tear_down);
  g_test_add ("/change-log-window/whole-log", Fixture, NULL, fixture_set_up, test_whole_log,
              fixture_tear_down);
  return g_test_run ();
}

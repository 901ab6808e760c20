/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "csp-activities-page.h"
#include "csp-record-editor.h"
#include "csp-record-form.h"
#include "csp-records.h"
#include "csp-row-slot-model.h"
#include "csp-window.h"
#include "gui-test-util.h"
#include "test-engine.h"
#include "test-store-file.h"

/* A colleague's change shows in an open window within a second, on the
 * engine of the run (a file shared by two programs, or a server), while
 * what this user is doing stays as it was. The colleague is a second
 * connection of this test, as another desktop's would be. */

typedef struct
{
  GuiFixture gui;
  CspWindow *window;
  CspActivitiesPage *page;
  CspStore *colleague;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  gui_fixture_set_up (&fixture->gui);
  fixture->window = csp_window_new (NULL, fixture->gui.context);
  fixture->page = CSP_ACTIVITIES_PAGE (csp_window_get_page (fixture->window, "activities"));
  fixture->colleague = test_store_file_open_location (fixture->gui.location);
  present_window (GTK_WINDOW (fixture->window));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->colleague);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gui_fixture_tear_down (&fixture->gui);
}

static GtkSingleSelection *
selection_of (Fixture *fixture)
{
  GtkColumnView *view = csp_activities_page_get_column_view (fixture->page);

  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
}

/* The record of the selected row: the list's items are slots that show
 * whichever record is at their position. */
static gint64
selected_id (Fixture *fixture)
{
  GtkSingleSelection *selection = selection_of (fixture);
  CspRowSlot *slot = gtk_single_selection_get_selected_item (selection);
  CspRecord *record = slot != NULL ? csp_row_slot_get_item (slot) : NULL;

  return record != NULL ? csp_record_get_id (record) : 0;
}

static GtkEditable *
title_field (Fixture *fixture)
{
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);

  return GTK_EDITABLE (csp_record_form_get_field (csp_record_editor_get_form (editor), "title"));
}

static void
colleague_adds (Fixture *fixture, const char *title, const char *date)
{
  g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);
  g_autoptr (GError) error = NULL;

  csp_record_set_string (activity, "title", title);
  csp_record_set_string (activity, "start_date", date);
  csp_record_set_string (activity, "format", "event");
  csp_record_set_string (activity, "mode", "in_person");
  csp_record_set_string (activity, "status", "planned");
  g_assert_true (csp_store_insert (fixture->colleague, activity, &error));
  g_assert_no_error (error);
}

/* Runs the main loop until the list shows @n activities, or 2 seconds
 * have passed; returns the milliseconds it took. */
static double
wait_for_count (Fixture *fixture, guint n)
{
  gint64 start = g_get_monotonic_time ();

  while (csp_activities_page_get_n_matching (fixture->page) != n &&
         g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return (double) (g_get_monotonic_time () - start) / 1000;
}

/* The list and its count follow a colleague's new activity within a
 * second; the row being edited stays selected though it moved down, and
 * the half-typed title is still there, unsaved. */
static void
test_activities (Fixture *fixture, gconstpointer data)
{
  guint before = csp_activities_page_get_n_matching (fixture->page);
  gint64 editing;
  double waited;

  gtk_single_selection_set_selected (selection_of (fixture), 0);
  run_main_loop (20);
  editing = selected_id (fixture);
  g_assert_cmpint (editing, >, 0);
  gtk_editable_set_text (title_field (fixture), "Half-typed new ti");
  run_main_loop (5);
  g_assert_true (csp_record_editor_get_modified (csp_activities_page_get_editor (fixture->page)));

  /* Later than any sample activity: it takes the top row. */
  colleague_adds (fixture, "Neighbourhood Watch relaunch", "2031-03-01");
  waited = wait_for_count (fixture, before + 1);
  g_test_message ("shown after %.0f ms", waited);
  g_assert_cmpuint (csp_activities_page_get_n_matching (fixture->page), ==, before + 1);
  g_assert_cmpfloat (waited, <=, 1000);

  g_assert_cmpint (selected_id (fixture), ==, editing);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection_of (fixture)), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (title_field (fixture)), ==, "Half-typed new ti");
  g_assert_true (csp_record_editor_get_modified (csp_activities_page_get_editor (fixture->page)));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-live-activities.png");
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

  g_test_add ("/live/activities", Fixture, NULL, fixture_set_up, test_activities,
              fixture_tear_down);
  return g_test_run ();
}

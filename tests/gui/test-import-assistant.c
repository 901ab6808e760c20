/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-test-util.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "csp-export-actions.h"
#include "csp-import-assistant.h"
#include "csp-import-layout-group.h"
#include "csp-records.h"
#include "csp-sample.h"

/* The import assistant on a real database file under a real display (Xvfb
 * in CI), driven step by step through its buttons as a person would, and
 * the export of a filtered list. */

#define PARTNER "Welwyn Hatfield Borough Council"

typedef struct
{
  GuiFixture gui;
  CspImportAssistant *assistant;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  gui_fixture_set_up (&fixture->gui);
  fixture->assistant = csp_import_assistant_new (NULL, fixture->gui.context);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->assistant));
  gui_fixture_tear_down (&fixture->gui);
}

static void
show (Fixture *fixture)
{
  present_window (GTK_WINDOW (fixture->assistant));
}

/* Writes what @widget shows into the build directory, for people to look at. */
static void
save_screenshot_after (GtkWidget *widget, const char *name, guint n_frames)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* Let the stack's slide finish. */
  for (guint i = 0; i < n_frames; i++)
    wait_for_frame (widget);
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static void
check_names (Fixture *fixture)
{
  g_autoptr (GString) unnamed = g_string_new (NULL);

  collect_unnamed (GTK_WIDGET (fixture->assistant), unnamed);
  if (unnamed->len > 0)
    g_error ("Controls without an accessible name on step “%s”:%s",
             csp_import_assistant_get_step (fixture->assistant), unnamed->str);
}

static guint
count_activities (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  guint n = 0;

  g_assert_true (csp_store_count (fixture->gui.store, CSP_TYPE_ACTIVITY, NULL, &n, &error));
  g_assert_no_error (error);
  return n;
}

static char *
write_file (Fixture *fixture, const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (fixture->gui.folder, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

static gboolean
is_idle (gconstpointer fixture)
{
  return !csp_import_assistant_is_busy (((const Fixture *) fixture)->assistant);
}

static void
wait_while_busy (Fixture *fixture)
{
  wait_until (is_idle, fixture, "the assistant to finish its work");
  settle ();
}

static void
click_next (Fixture *fixture)
{
  GtkWidget *next = GTK_WIDGET (csp_import_assistant_get_next_button (fixture->assistant));

  g_assert_true (gtk_widget_get_sensitive (next));
  g_signal_emit_by_name (next, "clicked");
  settle ();
}

static GtkWidget *
find_any_row (GtkListBox *list, const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_PREFERENCES_ROW (child) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
      return child;
  g_error ("No row “%s”", title);
}

static AdwComboRow *
find_row (GtkListBox *list, const char *title)
{
  return ADW_COMBO_ROW (find_any_row (list, title));
}

static const char *
selected_text (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static void
finished_cb (CspImportAssistant *assistant, guint *n_finished)
{
  (*n_finished)++;
}

static const char *label_text (Fixture *fixture, const char *name);

static void
test_import_steps (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_file (
      fixture, "activities.csv",
      "Activity,Date,Type,Delivery,Led by,Attendees,Status,Notes\n"
      "Imported talk one,2024-05-01,webinar,online," PARTNER ",10,delivered,first\n"
      "Imported talk two,2024-05-02,webinar,online," PARTNER ",12,delivered,\n"
      "Broken date row,2024-02-31,webinar,online," PARTNER ",5,delivered,\n"
      "Imported with a new partner,2024-05-03,event,in_person,Brand New Charity,20,delivered,\n");
  guint before = count_activities (fixture);
  guint n_finished = 0;
  GtkListBox *list;
  GtkWidget *first_problem;
  const char *line_title;

  g_signal_connect (fixture->assistant, "finished", G_CALLBACK (finished_cb), &n_finished);
  show (fixture);
  g_assert_cmpstr (csp_import_assistant_get_step (fixture->assistant), ==, "choose");
  g_assert_false (gtk_widget_get_sensitive (
      GTK_WIDGET (csp_import_assistant_get_next_button (fixture->assistant))));
  g_assert_true (
      csp_import_assistant_set_file (fixture->assistant, path, CSP_IMPORT_ACTIVITIES, &error));
  g_assert_no_error (error);
  check_names (fixture);
  save_screenshot_after (GTK_WIDGET (fixture->assistant), "screenshot-import-1-choose.png", 30);

  /* Step 2: the core's guesses, shown per column. */
  click_next (fixture);
  g_assert_cmpstr (csp_import_assistant_get_step (fixture->assistant), ==, "map");
  list = csp_import_assistant_get_column_list (fixture->assistant);
  g_assert_cmpstr (selected_text (find_row (list, "Activity")), ==, "Title *");
  g_assert_cmpstr (selected_text (find_row (list, "Date")), ==, "Start date *");
  g_assert_cmpstr (selected_text (find_row (list, "Led by")), ==, "Lead partner");
  g_assert_cmpstr (selected_text (find_row (list, "Attendees")), ==, "Participants");
  g_assert_cmpstr (selected_text (find_row (list, "Notes")), ==, "Ignore");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (
                        csp_import_assistant_get_preview (fixture->assistant)))),
                    ==, 4);
  check_names (fixture);
  save_screenshot_after (GTK_WIDGET (fixture->assistant), "screenshot-import-2-map.png", 30);

  /* Step 3: the partner the database lacks is to be created. */
  click_next (fixture);
  wait_while_busy (fixture);
  g_assert_cmpstr (csp_import_assistant_get_step (fixture->assistant), ==, "unknowns");
  {
    AdwComboRow *row =
        find_row (csp_import_assistant_get_unknown_list (fixture->assistant), "Brand New Charity");
    adw_combo_row_set_selected (row, 1);
  }
  check_names (fixture);
  save_screenshot_after (GTK_WIDGET (fixture->assistant), "screenshot-import-3-unknowns.png", 30);

  /* Step 4: the bad row, by its line (the header is line 1). */
  click_next (fixture);
  wait_while_busy (fixture);
  g_assert_cmpstr (csp_import_assistant_get_step (fixture->assistant), ==, "check");
  first_problem = gtk_widget_get_first_child (
      GTK_WIDGET (csp_import_assistant_get_problem_list (fixture->assistant)));
  g_assert_nonnull (first_problem);
  line_title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_problem));
  g_assert_true (g_str_has_prefix (line_title, "Line 4"));
  g_assert_cmpuint (
      csp_import_get_summary (csp_import_assistant_get_import (fixture->assistant))->n_rejected, ==,
      1);
  /* Nothing is imported while a row is rejected, unless asked to skip it. */
  g_assert_false (gtk_widget_get_sensitive (
      GTK_WIDGET (csp_import_assistant_get_next_button (fixture->assistant))));
  gtk_switch_set_active (csp_import_assistant_get_skip_switch (fixture->assistant), TRUE);
  settle ();
  check_names (fixture);
  save_screenshot_after (GTK_WIDGET (fixture->assistant), "screenshot-import-4-check.png", 30);

  /* Steps 5 and 6 */
  click_next (fixture);
  wait_while_busy (fixture);
  g_assert_cmpstr (csp_import_assistant_get_step (fixture->assistant), ==, "summary");
  g_assert_cmpuint (n_finished, ==, 1);
  g_assert_cmpuint (count_activities (fixture), ==, before + 3);
  check_names (fixture);
  save_screenshot_after (GTK_WIDGET (fixture->assistant), "screenshot-import-6-summary.png", 30);

  /* The mapping saves for the next file of the same kind. */
  gtk_editable_set_text (
      GTK_EDITABLE (csp_import_assistant_get_mapping_name_row (fixture->assistant)),
      "Partner returns");
  g_signal_emit_by_name (csp_import_assistant_get_mapping_name_row (fixture->assistant), "apply");
  g_assert_cmpstr (label_text (fixture, "summary_status_label"), ==,
                   "Saved the mapping as “Partner returns”. Choose it in the first step when the "
                   "next file from the same source comes.");
  save_screenshot_after (GTK_WIDGET (fixture->assistant), "screenshot-import-6-summary-saved.png",
                         5);
  {
    g_auto (GStrv) saved = csp_import_mapping_list_saved (
        csp_store_get_database (fixture->gui.store), CSP_IMPORT_ACTIVITIES, &error);
    g_assert_no_error (error);
    g_assert_true (g_strv_contains ((const char *const *) saved, "Partner returns"));
  }

  /* The import is one step of the session's undo: undone, its rows go. */
  {
    CspHistory *history = csp_context_get_history (fixture->gui.context);
    g_autofree char *what = csp_history_describe_undo (history);

    g_assert_nonnull (what);
    g_test_message ("undo: %s", what);
    g_assert_true (csp_history_undo (history, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_activities (fixture), ==, before);
  }
}

static void
test_import_cancel (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new ("Title,Start date,Format,Mode,Lead partner,Status\n");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  guint before = count_activities (fixture);

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "Bulk row %u,2024-06-%02u,webinar,online," PARTNER ",delivered\n",
                            i, i % 28 + 1);
  path = write_file (fixture, "large.csv", csv->str);
  show (fixture);
  g_assert_true (
      csp_import_assistant_set_file (fixture->assistant, path, CSP_IMPORT_ACTIVITIES, &error));
  g_assert_no_error (error);
  click_next (fixture);
  click_next (fixture);
  wait_while_busy (fixture);
  g_assert_cmpstr (csp_import_assistant_get_step (fixture->assistant), ==, "check");

  /* Cancelled as soon as the import starts running: the job rolls back
   * when it sees it, at the latest before it commits. */
  g_signal_emit_by_name (csp_import_assistant_get_next_button (fixture->assistant), "clicked");
  g_assert_cmpstr (csp_import_assistant_get_step (fixture->assistant), ==, "import");
  g_signal_emit_by_name (csp_import_assistant_get_cancel_button (fixture->assistant), "clicked");
  check_names (fixture);
  wait_while_busy (fixture);
  /* Back where it was, checked again, and the database as it was. */
  g_assert_cmpstr (csp_import_assistant_get_step (fixture->assistant), ==, "check");
  g_assert_true (gtk_widget_get_sensitive (
      GTK_WIDGET (csp_import_assistant_get_next_button (fixture->assistant))));
  g_assert_cmpuint (count_activities (fixture), ==, before);
}

typedef struct
{
  Fixture *fixture;
  const char *step;
} StepWait;

static gboolean
shows_step (gconstpointer data)
{
  const StepWait *wait = data;

  return is_idle (wait->fixture) &&
         g_strcmp0 (csp_import_assistant_get_step (wait->fixture->assistant), wait->step) == 0;
}

/* Runs the main loop until the assistant shows @step and is not busy. */
static void
wait_for_step (Fixture *fixture, const char *step)
{
  StepWait wait = { fixture, step };
  g_autofree char *what = g_strdup_printf ("the assistant's step “%s”", step);

  wait_until (shows_step, &wait, what);
}

static GtkWidget *
template_child (Fixture *fixture, const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->assistant),
                                                  CSP_TYPE_IMPORT_ASSISTANT, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static const char *
label_text (Fixture *fixture, const char *name)
{
  return gtk_label_get_text (GTK_LABEL (template_child (fixture, name)));
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/* The rows of a list of action rows as "TITLE: SUBTITLE" lines. */
static char *
dump_rows (GtkWidget *list)
{
  GString *out = g_string_new (NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_string_append_printf (out, "%s: %s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)),
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (child)));
  return g_string_free (out, FALSE);
}

static void
open_and_map (Fixture *fixture, const char *path)
{
  g_autoptr (GError) error = NULL;

  show (fixture);
  g_assert_true (
      csp_import_assistant_set_file (fixture->assistant, path, CSP_IMPORT_ACTIVITIES, &error));
  g_assert_no_error (error);
  click_next (fixture);
  wait_for_step (fixture, "map");
}

/* The encoding the file is read in shows before anything is written, with
 * the lines whose bytes are not UTF-8; its accents show as they are. */
static void
test_encoding_shown (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path =
      write_file (fixture, "mostly-utf8.csv",
                  "Title,Start date,Format,Mode,Lead partner,Status\n"
                  "Café Zoë – naïve,2024-05-01,webinar,online," PARTNER ",delivered\n"
                  "Stray byte caf\xe9,2024-05-02,webinar,online," PARTNER ",delivered\n");
  g_autofree char *ansi_path =
      write_file (fixture, "ansi.csv",
                  "Title;Start date;Format;Mode;Lead partner;Status\r\n"
                  "Caf\xe9 Zo\xeb;2024-05-01;webinar;online;" PARTNER ";delivered\r\n");
  GListModel *rows;
  g_autoptr (GtkStringList) first = NULL;
  g_autofree char *problems = NULL;
  guint before = count_activities (fixture);

  open_and_map (fixture, path);
  g_assert_cmpstr (label_text (fixture, "encoding_label"), ==,
                   "Read as UTF-8, its values separated by commas");
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "file_warning_label")));
  g_assert_cmpstr (label_text (fixture, "file_warning_label"), ==,
                   "Line 3 holds bytes that are not UTF-8 text, as the rest of the file is: its "
                   "row will be rejected.");
  rows = G_LIST_MODEL (
      gtk_column_view_get_model (csp_import_assistant_get_preview (fixture->assistant)));
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (gtk_string_list_get_string (first, 0), ==, "Café Zoë – naïve");
  check_names (fixture);
  save_screenshot_after (GTK_WIDGET (fixture->assistant), "screenshot-import-encoding.png", 30);

  /* The check names the line and the character; nothing is written yet. */
  click_next (fixture);
  wait_for_step (fixture, "check");
  problems = dump_rows (GTK_WIDGET (csp_import_assistant_get_problem_list (fixture->assistant)));
  g_assert_cmpstr (problems, ==,
                   "Line 3: character 15: the byte 0xE9 is not UTF-8 text, as the rest of the "
                   "file is. Correct it, or save the file again as “CSV UTF-8”\n");
  g_assert_cmpuint (count_activities (fixture), ==, before);

  /* A file of Windows-1252 says so. */
  g_assert_true (
      csp_import_assistant_set_file (fixture->assistant, ansi_path, CSP_IMPORT_ACTIVITIES, NULL));
  g_signal_emit_by_name (csp_import_assistant_get_back_button (fixture->assistant), "clicked");
  g_signal_emit_by_name (csp_import_assistant_get_back_button (fixture->assistant), "clicked");
  wait_for_step (fixture, "choose");
  click_next (fixture);
  wait_for_step (fixture, "map");
  g_assert_cmpstr (label_text (fixture, "encoding_label"), ==,
                   "Read as Windows-1252 (the file is not UTF-8), its values separated by "
                   "semicolons");
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "file_warning_label")));
  g_clear_object (&first);
  rows = G_LIST_MODEL (
      gtk_column_view_get_model (csp_import_assistant_get_preview (fixture->assistant)));
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (gtk_string_list_get_string (first, 0), ==, "Café Zoë");
}

/* Columns not imported are listed in the check: a second "Title", and the
 * thousands of a file of 10,000 columns, of which the map step offers the
 * first 200 and says so. */
static void
test_columns_not_imported (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new ("Title,Start date,Format,Mode,Status,Title");
  g_autofree char *path = NULL;
  g_autofree char *notes = NULL;

  for (guint i = 7; i <= 10000; i++)
    g_string_append_printf (csv, ",Extra %u", i);
  g_string_append (csv, "\nWide,2024-05-01,webinar,online,delivered,Second");
  for (guint i = 7; i <= 10000; i++)
    g_string_append (csv, ",x");
  g_string_append_c (csv, '\n');
  path = write_file (fixture, "wide.csv", csv->str);

  open_and_map (fixture, path);
  g_assert_cmpuint (
      count_children (GTK_WIDGET (csp_import_assistant_get_column_list (fixture->assistant))), ==,
      200);
  g_assert_cmpstr (label_text (fixture, "file_warning_label"), ==,
                   "The file has 10000 columns; the first 200 are shown. The others are not "
                   "imported, unless a saved mapping names them.");

  click_next (fixture);
  wait_for_step (fixture, "check");
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "column_note_list")));
  notes = dump_rows (template_child (fixture, "column_note_list"));
  g_assert_cmpstr (notes, ==,
                   "Column 6, “Title”: not imported: column 1 has the same name, and fills Title\n"
                   "Columns 7 to 10000: not imported: no field is filled from these 9994 columns, "
                   "“Extra 7” to “Extra 10000”\n");
  check_names (fixture);
  save_screenshot_after (GTK_WIDGET (fixture->assistant), "screenshot-import-columns.png", 30);

  click_next (fixture);
  wait_for_step (fixture, "summary");
  g_assert_nonnull (strstr (
      adw_status_page_get_description (ADW_STATUS_PAGE (template_child (fixture, "summary_page"))),
      "Columns not imported, as the check listed them: 9995"));
}

/* The assistant's picture at its own size and on a 1024x700 screen. */
static void
screenshots (Fixture *fixture, const char *name)
{
  GtkWindow *window = GTK_WINDOW (fixture->assistant);
  g_autofree char *own = g_strdup_printf ("screenshot-import-%s.png", name);
  g_autofree char *small = g_strdup_printf ("screenshot-import-%s-1024x700.png", name);

  save_screenshot_after (GTK_WIDGET (window), own, 30);
  gtk_window_set_default_size (window, 1024, 700);
  save_screenshot_after (GTK_WIDGET (window), small, 10);
  gtk_window_set_default_size (window, 820, 640);
  wait_for_frame (GTK_WIDGET (window));
}

static gboolean
next_is_sensitive (Fixture *fixture)
{
  return gtk_widget_get_sensitive (
      GTK_WIDGET (csp_import_assistant_get_next_button (fixture->assistant)));
}

/* The preview's rows as "LINE|PROBLEM-OR-EMPTY|FIRST VALUE" lines. */
static char *
dump_preview (Fixture *fixture)
{
  GListModel *rows = G_LIST_MODEL (
      gtk_column_view_get_model (csp_import_assistant_get_preview (fixture->assistant)));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkStringList) row = g_list_model_get_item (rows, i);
      const char *problem = g_object_get_data (G_OBJECT (row), "problem");

      g_string_append_printf (
          out, "%u|%s|%s\n", GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "line")),
          problem != NULL ? "rejected" : "", gtk_string_list_get_string (row, 0));
    }
  return g_string_free (out, FALSE);
}

#define RAGGED_MESSAGE                                                                               \
  "this row has 7 values where the header row has 6 columns: “1” under “Attendees” and the " \
  "“200” after it look like one number, 1,200, split at its comma. Write the number without "    \
  "the comma, or in quotes (\"1,200\")"

/* One unquoted 1,200 rejects its own row, by line and with a reason shown
 * whole on the page; the other rows preview and import. */
static void
test_ragged_row (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path =
      write_file (fixture, "ragged.csv",
                  "Title,Start date,Format,Mode,Attendees,Status\n"
                  "Big fair,2024-06-01,event,in person,1,200,delivered\n"
                  "Small talk,2024-06-02,webinar,online,30,delivered\n"
                  "Street chat,2024-06-03,street_briefing,in person,12,delivered\n");
  g_autofree char *preview = NULL;
  g_autofree char *problems = NULL;
  guint before = count_activities (fixture);

  open_and_map (fixture, path);
  preview = dump_preview (fixture);
  g_assert_cmpstr (preview, ==,
                   "2|rejected|Big fair\n"
                   "3||Small talk\n"
                   "4||Street chat\n");
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "preview_problem_label")));
  g_assert_cmpstr (label_text (fixture, "preview_problem_label"), ==,
                   "Line 2 will be rejected: " RAGGED_MESSAGE ".\n"
                   "The other rows are imported as usual.");
  /* The example of a column comes from a row that can be read. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_row (
                       csp_import_assistant_get_column_list (fixture->assistant), "Attendees"))),
                   ==, "e.g. “30”");
  g_assert_true (next_is_sensitive (fixture));
  check_names (fixture);
  screenshots (fixture, "ragged-map");

  click_next (fixture);
  wait_for_step (fixture, "check");
  problems = dump_rows (GTK_WIDGET (csp_import_assistant_get_problem_list (fixture->assistant)));
  g_assert_cmpstr (problems, ==, "Line 2: " RAGGED_MESSAGE "\n");
  /* Import waits, and says why on the page. */
  g_assert_false (next_is_sensitive (fixture));
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "check_hint_label")));
  g_assert_cmpstr (label_text (fixture, "check_hint_label"), ==,
                   "Nothing is imported while a row is rejected. Turn on “Skip Rejected Rows” to "
                   "import the other 2 rows, or correct the file and go Back to the first step: "
                   "Next reads it again.");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (
                       GTK_WIDGET (csp_import_assistant_get_next_button (fixture->assistant))),
                   ==, label_text (fixture, "check_hint_label"));
  check_names (fixture);
  screenshots (fixture, "ragged-check");

  gtk_switch_set_active (csp_import_assistant_get_skip_switch (fixture->assistant), TRUE);
  settle ();
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "check_hint_label")));
  click_next (fixture);
  wait_for_step (fixture, "summary");
  g_assert_cmpuint (count_activities (fixture), ==, before + 2);
}

static void
go_back_to_choose (Fixture *fixture)
{
  GtkButton *back = csp_import_assistant_get_back_button (fixture->assistant);

  while (g_strcmp0 (csp_import_assistant_get_step (fixture->assistant), "choose") != 0)
    {
      g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (back)));
      g_signal_emit_by_name (back, "clicked");
      settle ();
    }
}

/* Corrected while the assistant is open, the file is read again on the
 * way from the first step: no old error stays. */
static void
test_reread_after_fix (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_file (fixture, "fixable.csv",
                                      "Title,Start date,Format,Mode,Attendees,Status\n"
                                      "Fixable fair,2024-07-01,event,in person,1,200,delivered\n"
                                      "Fixable talk,2024-07-02,webinar,online,30,delivered\n");
  g_autofree char *problems = NULL;
  g_autofree char *preview = NULL;
  AdwComboRow *row;

  open_and_map (fixture, path);
  /* A column mapped by hand, to see it kept when the file is read again. */
  row = find_row (csp_import_assistant_get_column_list (fixture->assistant), "Attendees");
  g_assert_cmpstr (selected_text (row), ==, "Participants");
  adw_combo_row_set_selected (row, 0);
  settle ();
  click_next (fixture);
  wait_for_step (fixture, "check");
  problems = dump_rows (GTK_WIDGET (csp_import_assistant_get_problem_list (fixture->assistant)));
  g_assert_nonnull (strstr (problems, "Line 2: this row has 7 values"));

  /* Corrected in the spreadsheet; Back to the first step, then Next. */
  write_file (fixture, "fixable.csv",
              "Title,Start date,Format,Mode,Attendees,Status\n"
              "Fixable fair,2024-07-01,event,in person,\"1,200\",delivered\n"
              "Fixable talk,2024-07-02,webinar,online,30,delivered\n");
  go_back_to_choose (fixture);
  click_next (fixture);
  wait_for_step (fixture, "map");
  g_free (preview);
  preview = dump_preview (fixture);
  g_assert_cmpstr (preview, ==, "2||Fixable fair\n3||Fixable talk\n");
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "preview_problem_label")));
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "map_error_label")));
  /* The same columns: what was chosen for them stays. */
  row = find_row (csp_import_assistant_get_column_list (fixture->assistant), "Attendees");
  g_assert_cmpstr (selected_text (row), ==, "Ignore");
  click_next (fixture);
  wait_for_step (fixture, "check");
  g_assert_null (gtk_widget_get_first_child (
      GTK_WIDGET (csp_import_assistant_get_problem_list (fixture->assistant))));
  g_assert_true (next_is_sensitive (fixture));

  /* A file that cannot be read at all says why on the first page, whole,
   * and Next reads it again once it is corrected. */
  write_file (fixture, "fixable.csv",
              "Title,Start date,Format,Mode,Attendees,Status\n"
              "Fixable fair,2024-07-01,event,in person,\"12,delivered\n");
  go_back_to_choose (fixture);
  click_next (fixture);
  g_assert_cmpstr (csp_import_assistant_get_step (fixture->assistant), ==, "choose");
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "choose_status_label")));
  g_assert_nonnull (strstr (label_text (fixture, "choose_status_label"),
                            "line 2: the quoted value in column 5 is never closed"));
  g_assert_true (g_str_has_suffix (label_text (fixture, "choose_status_label"),
                                   "\nCorrect the file, then choose Next to read it again."));
  g_assert_true (next_is_sensitive (fixture));
  g_assert_true (g_str_has_suffix (
      adw_action_row_get_subtitle (ADW_ACTION_ROW (template_child (fixture, "file_row"))),
      "Cannot be read as it is: see below"));
  check_names (fixture);
  screenshots (fixture, "unreadable-choose");

  write_file (fixture, "fixable.csv",
              "Title,Start date,Format,Mode,Attendees,Status\n"
              "Fixable fair,2024-07-01,event,in person,12,delivered\n");
  click_next (fixture);
  wait_for_step (fixture, "map");
  g_assert_cmpstr (label_text (fixture, "choose_status_label"), ==, "");
  g_free (preview);
  preview = dump_preview (fixture);
  g_assert_cmpstr (preview, ==, "2||Fixable fair\n");

  /* So does a file that cannot be opened when it is chosen. */
  go_back_to_choose (fixture);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_false (
      csp_import_assistant_set_file (fixture->assistant, path, CSP_IMPORT_ACTIVITIES, &error));
  g_assert_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_EMPTY);
  g_assert_nonnull (strstr (label_text (fixture, "choose_status_label"), "is empty"));
}

/* "Online/In person" fills Mode by its name; a column whose name says
 * nothing fills it by its values. */
static void
test_guess_mode (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *named = write_file (fixture, "named.csv",
                                       "Title,Date,Type,Online/In person,Status\n"
                                       "Named one,2024-08-01,webinar,Online,delivered\n"
                                       "Named two,2024-08-02,event,In person,planned\n");
  g_autofree char *by_values =
      write_file (fixture, "values.csv",
                  "Session,When,Kind of session,How it ran,Outcome state,Lead\n"
                  "Valued one,01/08/2024,Webinar,Online,Delivered," PARTNER "\n"
                  "Valued two,02/08/2024,Event,Hybrid,Planned,Hertfordshire Constabulary\n"
                  "Valued three,3 Aug 2024,Street briefing,In person,delivered," PARTNER "\n");
  GtkListBox *list;

  open_and_map (fixture, named);
  list = csp_import_assistant_get_column_list (fixture->assistant);
  g_assert_cmpstr (selected_text (find_row (list, "Online/In person")), ==, "Mode *");
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "map_error_label")));
  g_assert_true (next_is_sensitive (fixture));

  go_back_to_choose (fixture);
  g_assert_true (
      csp_import_assistant_set_file (fixture->assistant, by_values, CSP_IMPORT_ACTIVITIES, &error));
  g_assert_no_error (error);
  click_next (fixture);
  wait_for_step (fixture, "map");
  list = csp_import_assistant_get_column_list (fixture->assistant);
  g_assert_cmpstr (selected_text (find_row (list, "How it ran")), ==, "Mode *");
  g_assert_cmpstr (selected_text (find_row (list, "When")), ==, "Start date *");
  g_assert_cmpstr (selected_text (find_row (list, "Kind of session")), ==, "Format *");
  g_assert_cmpstr (selected_text (find_row (list, "Outcome state")), ==, "Status *");
  g_assert_cmpstr (selected_text (find_row (list, "Lead")), ==, "Lead partner");
  /* Nothing tells a title by its values. */
  g_assert_cmpstr (selected_text (find_row (list, "Session")), ==, "Ignore");
  g_assert_cmpstr (label_text (fixture, "map_error_label"), ==,
                   "Title needs a column, or a value for every row.");
  check_names (fixture);
  screenshots (fixture, "guessed-map");

  /* A value for every row, checked as it is typed. */
  {
    GtkEditable *title = GTK_EDITABLE (find_any_row (
        GTK_LIST_BOX (template_child (fixture, "default_list")), "Title for every row"));

    gtk_editable_set_text (title, "Summer session");
    settle ();
    g_assert_false (gtk_widget_get_visible (template_child (fixture, "map_error_label")));
    g_assert_true (next_is_sensitive (fixture));
    gtk_editable_set_text (title, "  ");
    settle ();
    g_assert_cmpstr (label_text (fixture, "map_error_label"), ==,
                     "Title needs a column, or a value for every row.");
    g_assert_false (next_is_sensitive (fixture));
  }
}

/* While a field every record needs has no column, the page says which,
 * Next waits, and the field can be given a column or a value for every
 * row. */
static void
test_missing_field (Fixture *fixture, gconstpointer data)
{
  g_autofree char *path = write_file (fixture, "no-mode.csv",
                                      "Title,Date,Type,Status,Notes\n"
                                      "Modeless one,2024-09-01,webinar,delivered,Bring a coat\n"
                                      "Modeless two,2024-09-02,event,planned,Wet weather plan\n");
  GtkWidget *next = GTK_WIDGET (csp_import_assistant_get_next_button (fixture->assistant));
  GtkListBox *defaults;
  AdwComboRow *notes, *mode_default;
  guint before = count_activities (fixture);

  open_and_map (fixture, path);
  g_assert_cmpstr (label_text (fixture, "map_error_label"), ==,
                   "Mode needs a column, or a value for every row.");
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "map_error_label")));
  g_assert_false (gtk_widget_get_sensitive (next));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (next), ==,
                   "Mode needs a column, or a value for every row.");
  defaults = GTK_LIST_BOX (template_child (fixture, "default_list"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (defaults)));
  mode_default = find_row (defaults, "Mode for every row");
  g_assert_cmpstr (selected_text (mode_default), ==, "Not set: choose a column below");
  check_names (fixture);
  screenshots (fixture, "missing-field");

  /* Two missing name both. */
  notes = find_row (csp_import_assistant_get_column_list (fixture->assistant), "Status");
  adw_combo_row_set_selected (notes, 0);
  settle ();
  g_assert_cmpstr (label_text (fixture, "map_error_label"), ==,
                   "These fields need a column each, or a value for every row: Mode, Status.");
  adw_combo_row_set_selected (notes, 18);
  settle ();
  g_assert_cmpstr (selected_text (notes), ==, "Status *");

  /* A column for it: the message goes and Next goes on. */
  notes = find_row (csp_import_assistant_get_column_list (fixture->assistant), "Notes");
  adw_combo_row_set_selected (notes, 5);
  settle ();
  g_assert_cmpstr (selected_text (notes), ==, "Mode *");
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "map_error_label")));
  g_assert_true (gtk_widget_get_sensitive (next));
  g_assert_null (gtk_widget_get_tooltip_text (next));
  /* Its values are no modes, which the check says by line. */
  click_next (fixture);
  wait_for_step (fixture, "check");
  g_assert_cmpuint (
      csp_import_get_summary (csp_import_assistant_get_import (fixture->assistant))->n_rejected, ==,
      2);
  g_assert_cmpstr (label_text (fixture, "check_hint_label"), ==,
                   "Every row is rejected, so there is nothing to import. Correct the mapping, or "
                   "correct the file and go Back to the first step: Next reads it again.");
  g_signal_emit_by_name (csp_import_assistant_get_back_button (fixture->assistant), "clicked");
  wait_for_step (fixture, "map");

  /* Instead, one value for every row. */
  adw_combo_row_set_selected (notes, 0);
  settle ();
  g_assert_false (gtk_widget_get_sensitive (next));
  mode_default = find_row (defaults, "Mode for every row");
  adw_combo_row_set_selected (mode_default, 1);
  settle ();
  g_assert_cmpstr (selected_text (mode_default), ==, "Online");
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "map_error_label")));
  g_assert_true (gtk_widget_get_sensitive (next));
  click_next (fixture);
  wait_for_step (fixture, "check");
  g_assert_cmpuint (
      csp_import_get_summary (csp_import_assistant_get_import (fixture->assistant))->n_rejected, ==,
      0);
  click_next (fixture);
  wait_for_step (fixture, "summary");
  g_assert_cmpuint (count_activities (fixture), ==, before + 2);
}

#define FACEBOOK "Welwyn Hatfield CSP Facebook"

/* Opens @path as metrics and goes to the map step. */
static void
open_metrics (Fixture *fixture, const char *path)
{
  g_autoptr (GError) error = NULL;

  show (fixture);
  g_assert_true (
      csp_import_assistant_set_file (fixture->assistant, path, CSP_IMPORT_METRICS, &error));
  g_assert_no_error (error);
  click_next (fixture);
  wait_for_step (fixture, "map");
}

static GtkWidget *
layout_child (Fixture *fixture, const char *name)
{
  GObject *child = gtk_widget_get_template_child (template_child (fixture, "layout_group"),
                                                  CSP_TYPE_IMPORT_LAYOUT_GROUP, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static const char *
layout_subtitle (Fixture *fixture, const char *name)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (layout_child (fixture, name)));
}

static guint
layout_selected (Fixture *fixture, const char *name)
{
  return adw_combo_row_get_selected (ADW_COMBO_ROW (layout_child (fixture, name)));
}

static void
set_channel (Fixture *fixture)
{
  GtkEditable *channel = GTK_EDITABLE (find_any_row (
      GTK_LIST_BOX (template_child (fixture, "default_list")), "Channel for every row"));

  gtk_editable_set_text (channel, FACEBOOK);
  settle ();
}

/* The figure of the channel's metric of @kind for @month, -1 if none. */
static gint64
figure (Fixture *fixture, const char *kind, const char *month)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt =
      csp_database_prepare (csp_store_get_database (fixture->gui.store),
                            "SELECT v.value FROM metric_value v JOIN metric m ON m.id = "
                            "v.metric_id JOIN channel c ON c.id = m.channel_id WHERE c.name = ? "
                            "AND m.kind = ? AND v.month = ?",
                            &error);
  gint64 value = -1;

  g_assert_no_error (error);
  csp_statement_bind_text (stmt, 1, FACEBOOK);
  csp_statement_bind_text (stmt, 2, kind);
  csp_statement_bind_text (stmt, 3, month);
  if (csp_statement_step (stmt, &error) == CSP_STEP_ROW)
    value = csp_statement_get_int64 (stmt, 0);
  g_assert_no_error (error);
  return value;
}

/* A page's daily export as Facebook writes it: a comment line, a row
 * describing the columns under the header, US dates, figures with
 * thousands' commas, from 28 June to 31 July 2021. The layout says so; the
 * days are added up to months: reach summed, likes the last day's; June is
 * partial, so the whole June the page has already is kept. */
static void
test_daily_figures (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) csv =
      g_string_new ("# Page: Welwyn Hatfield CSP\n"
                    "Date,Lifetime Total Likes,Daily Total Reach\n"
                    ",Lifetime: The total number of people who have liked your Page. (Unique "
                    "Users),Daily: The number of people who had any content from your Page "
                    "enter their screen. (Unique Users)\n");
  g_autofree char *path = NULL;
  g_autofree char *months = NULL;
  gint64 july_reach = 0;
  gint64 june_reach = figure (fixture, "reach", "2021-06");
  gint64 june_likes = figure (fixture, "followers", "2021-06");

  for (guint day = 28; day <= 30; day++)
    g_string_append_printf (csv, "06/%02u/2021,\"3,%03u\",\"1,%03u\"\n", day, 400 + day, day);
  for (guint day = 1; day <= 31; day++)
    {
      g_string_append_printf (csv, "07/%02u/2021,\"3,%03u\",\"1,%03u\"\n", day, 430 + day,
                              100 + day);
      july_reach += 1100 + day;
    }
  path = write_file (fixture, "facebook-daily.csv", csv->str);
  open_metrics (fixture, path);

  g_assert_true (gtk_widget_get_visible (template_child (fixture, "layout_group")));
  g_assert_true (gtk_widget_get_visible (layout_child (fixture, "comment_row")));
  g_assert_cmpstr (layout_subtitle (fixture, "comment_row"), ==,
                   "1 line above the header is passed over");
  g_assert_cmpint (
      gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (layout_child (fixture, "skip_spin"))), ==,
      1);
  g_assert_cmpstr (layout_subtitle (fixture, "skip_row"), ==,
                   "Detected: the row under the header describes the columns rather than "
                   "holding figures");
  g_assert_cmpuint (layout_selected (fixture, "period_row"), ==, CSP_IMPORT_PERIOD_DAY);
  g_assert_cmpstr (layout_subtitle (fixture, "period_row"), ==,
                   "Detected from the dates. Weeks and days are added up to months: reach and "
                   "views summed, followers the month’s last value.");
  g_assert_cmpuint (layout_selected (fixture, "order_row"), ==, CSP_DATE_ORDER_MONTH_FIRST);
  g_assert_cmpstr (layout_subtitle (fixture, "order_row"), ==,
                   "Detected from the dates, such as “06/28/2021”: month first");
  /* The row describing the columns is shown as passed over. */
  {
    g_autoptr (GString) shown = g_string_new (NULL);

    collect_text (GTK_WIDGET (csp_import_assistant_get_preview (fixture->assistant)), shown);
    g_assert_nonnull (strstr (shown->str, "3, passed over"));
    g_assert_null (strstr (shown->str, "4, passed over"));
  }
  /* The file does not say which channel it is. */
  g_assert_false (next_is_sensitive (fixture));
  set_channel (fixture);
  g_assert_true (next_is_sensitive (fixture));
  check_names (fixture);
  screenshots (fixture, "daily-map");

  click_next (fixture);
  wait_for_step (fixture, "check");
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "month_list")));
  months = dump_rows (template_child (fixture, "month_list"));
  g_assert_cmpstr (months, ==,
                   "June 2021: Kept as it is: the figures stored are of the whole month, and "
                   "the file’s cover 28–30 Jun 2021 only\n"
                   "July 2021: Whole month: 31 rows, dated 1–31 Jul 2021\n");
  {
    GtkWidget *june = gtk_widget_get_first_child (template_child (fixture, "month_list"));
    GtkWidget *icon = find_first (june, GTK_TYPE_IMAGE);

    g_assert_nonnull (icon);
    g_assert_true (
        gtk_test_accessible_has_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL));
  }
  check_names (fixture);
  screenshots (fixture, "daily-check");

  click_next (fixture);
  wait_for_step (fixture, "summary");
  g_assert_cmpint (figure (fixture, "reach", "2021-07"), ==, july_reach);
  g_assert_cmpint (figure (fixture, "followers", "2021-07"), ==, 3461);
  /* The sample partnership has June's figures, of the whole month. */
  g_assert_cmpint (june_reach, >, 0);
  g_assert_cmpint (figure (fixture, "reach", "2021-06"), ==, june_reach);
  g_assert_cmpint (figure (fixture, "followers", "2021-06"), ==, june_likes);
}

/* Dates whose every part could be the day: Next waits, saying why, until
 * their order is chosen, and what each row holds follows the order. */
static void
test_ambiguous_dates (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new ("Date,Daily Total Reach\n");
  g_autofree char *path = NULL;
  GtkWidget *next = GTK_WIDGET (csp_import_assistant_get_next_button (fixture->assistant));
  const char *reason = "“Dates are written” needs a choice, under Layout: the dates in column "
                       "“Date” could be read either way. “07/01/2021” is 7 January 2021 day first, "
                       "1 July 2021 month first.";

  for (guint day = 1; day <= 12; day++)
    g_string_append_printf (csv, "07/%02u/2021,%u\n", day, 100 + day);
  path = write_file (fixture, "ambiguous.csv", csv->str);
  open_metrics (fixture, path);
  set_channel (fixture);

  g_assert_true (gtk_widget_get_visible (layout_child (fixture, "order_row")));
  g_assert_cmpuint (layout_selected (fixture, "order_row"), ==, CSP_DATE_ORDER_UNDECIDED);
  g_assert_cmpstr (layout_subtitle (fixture, "order_row"), ==,
                   "They could be read either way: choose one");
  g_assert_cmpstr (layout_subtitle (fixture, "skip_row"), ==, "");
  g_assert_false (gtk_widget_get_visible (layout_child (fixture, "comment_row")));
  g_assert_cmpstr (label_text (fixture, "map_error_label"), ==, reason);
  g_assert_true (gtk_widget_get_visible (template_child (fixture, "map_error_label")));
  g_assert_false (gtk_widget_get_sensitive (next));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (next), ==, reason);
  check_names (fixture);
  screenshots (fixture, "ambiguous-map");

  /* Month first, the rows are days; day first, months. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (layout_child (fixture, "order_row")),
                              CSP_DATE_ORDER_MONTH_FIRST);
  settle ();
  g_assert_false (gtk_widget_get_visible (template_child (fixture, "map_error_label")));
  g_assert_true (gtk_widget_get_sensitive (next));
  g_assert_cmpuint (layout_selected (fixture, "period_row"), ==, CSP_IMPORT_PERIOD_DAY);
  g_assert_cmpstr (layout_subtitle (fixture, "order_row"), ==,
                   "“07/01/2021” is read as 1 July 2021");
  screenshots (fixture, "ambiguous-chosen");
  adw_combo_row_set_selected (ADW_COMBO_ROW (layout_child (fixture, "order_row")),
                              CSP_DATE_ORDER_DAY_FIRST);
  settle ();
  g_assert_cmpuint (layout_selected (fixture, "period_row"), ==, CSP_IMPORT_PERIOD_MONTH);

  /* Chosen by hand, what each row holds stays. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (layout_child (fixture, "period_row")),
                              CSP_IMPORT_PERIOD_WEEK);
  settle ();
  adw_combo_row_set_selected (ADW_COMBO_ROW (layout_child (fixture, "order_row")),
                              CSP_DATE_ORDER_MONTH_FIRST);
  settle ();
  g_assert_cmpuint (layout_selected (fixture, "period_row"), ==, CSP_IMPORT_PERIOD_WEEK);
  g_assert_true (gtk_widget_get_sensitive (next));
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

/* What Export List writes from the Activities page with @query. */
static gboolean
export_activities (Fixture *fixture, const CspQuery *query, GFile *file, GError **error)
{
  g_autoptr (CspExportTable) table = csp_export_table_new (
      csp_store_get_database (fixture->gui.store), CSP_IMPORT_ACTIVITIES, query, error);

  return table != NULL && csp_export_table_to_file (table, file, error);
}

static void
test_export_filtered (Fixture *fixture, gconstpointer data)
{
  CspQuery query = { .from_date = "2021-01-01", .to_date = "2021-03-31", .limit = 5 };
  CspQuery unlimited = query;
  g_autoptr (GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (fixture->gui.folder, "filtered.csv", NULL);
  g_autofree char *xlsx_path = g_build_filename (fixture->gui.folder, "filtered.xlsx", NULL);
  g_autoptr (GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr (GFile) xlsx = g_file_new_for_path (xlsx_path);
  g_autofree char *contents = NULL;
  g_autoptr (GPtrArray) all = NULL;
  guint n = 0, n_in = 0;

  unlimited.limit = 0;
  g_assert_true (csp_store_count (fixture->gui.store, CSP_TYPE_ACTIVITY, &unlimited, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, count_activities (fixture));

  g_assert_true (export_activities (fixture, &query, csv, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, &error));
  /* The header and every matching row, whatever the list's page size. */
  g_assert_cmpuint (count_lines (contents), ==, n + 1);

  all = csp_store_list (fixture->gui.store, CSP_TYPE_ACTIVITY, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      CspRecord *record = g_ptr_array_index (all, i);
      const char *date = csp_record_get_string (record, "start_date");
      const char *title = csp_record_get_string (record, "title");
      gboolean in = g_strcmp0 (date, "2021-01-01") >= 0 && g_strcmp0 (date, "2021-03-31") <= 0;

      if (in)
        {
          n_in++;
          g_assert_nonnull (strstr (contents, title));
        }
      else if (strchr (title, '"') == NULL)
        g_assert_null (strstr (contents, title));
    }
  g_assert_cmpuint (n_in, ==, n);

  g_assert_true (export_activities (fixture, &query, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (xlsx_path, G_FILE_TEST_IS_REGULAR));
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import-assistant/steps", test_import_steps);
  ADD ("/import-assistant/cancel", test_import_cancel);
  ADD ("/import-assistant/encoding-shown", test_encoding_shown);
  ADD ("/import-assistant/columns-not-imported", test_columns_not_imported);
  ADD ("/import-assistant/ragged-row", test_ragged_row);
  ADD ("/import-assistant/reread-after-fix", test_reread_after_fix);
  ADD ("/import-assistant/guess-mode", test_guess_mode);
  ADD ("/import-assistant/missing-field", test_missing_field);
  ADD ("/import-assistant/daily-figures", test_daily_figures);
  ADD ("/import-assistant/ambiguous-dates", test_ambiguous_dates);
  ADD ("/import-assistant/export-filtered", test_export_filtered);
#undef ADD
  return g_test_run ();
}

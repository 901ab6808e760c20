/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-test-util.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "csp-choice-row.h"
#include "csp-dates.h"
#include "csp-duplicate-report-dialog.h"
#include "csp-records.h"
#include "csp-report-print-operation.h"
#include "csp-reports-page.h"
#include "csp-rich-text-editor.h"
#include "csp-sample.h"
#include "csp-window.h"

/* The Reports page on the sample database under a real display (Xvfb in
 * CI): the sample committee report, its sections, duplication, the choice
 * of charts, PDF export and the print operation. */

typedef struct
{
  GuiFixture gui;
  CspWindow *window;
  CspReportsPage *page;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  gui_fixture_set_up (&fixture->gui);
  fixture->window = csp_window_new (NULL, fixture->gui.context);
  fixture->page = CSP_REPORTS_PAGE (csp_window_get_page (fixture->window, "reports"));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gui_fixture_tear_down (&fixture->gui);
}

static void
show_page (Fixture *fixture)
{
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 860);
  gtk_window_present (GTK_WINDOW (fixture->window));
  csp_window_show_page (fixture->window, "reports");
  wait_until (is_shown, fixture->page, "the reports page to show");
  settle ();
}

static void
activate (gpointer widget, const char *action, GVariant *parameter)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (widget), action, parameter));
  settle ();
}

static GPtrArray *
list_sections (Fixture *fixture, gint64 report_id)
{
  g_autoptr (GError) error = NULL;
  CspQuery query = { .ref_column = "report_id", .ref_id = report_id, .sort_column = "position" };
  GPtrArray *sections =
      csp_store_list (fixture->gui.store, CSP_TYPE_REPORT_SECTION, &query, &error);

  g_assert_no_error (error);
  return sections;
}

static guint
count_reports (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  guint n = 0;

  g_assert_true (csp_store_count (fixture->gui.store, CSP_TYPE_COMMITTEE_REPORT, NULL, &n, &error));
  return n;
}

static void
set_text (GtkTextView *view, const char *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static void
test_sample_report (Fixture *fixture, gconstpointer data)
{
  gint64 id;
  g_autoptr (GPtrArray) sections = NULL;
  GtkListBox *list;
  guint n_rows = 0;

  show_page (fixture);
  id = csp_reports_page_get_report_id (fixture->page);
  g_assert_cmpint (id, !=, 0);
  g_assert_cmpuint (count_reports (fixture), ==, 1);
  sections = list_sections (fixture, id);
  g_assert_cmpuint (sections->len, ==, 13);
  list = csp_reports_page_get_sections_list (fixture->page);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 13);
  for (guint i = 0; i < sections->len; i++)
    g_assert_cmpstr (gtk_editable_get_text (
                         GTK_EDITABLE (csp_reports_page_get_section_heading (fixture->page, i))),
                     ==, csp_record_get_string (g_ptr_array_index (sections, i), "heading"));
  g_assert_cmpstr (gtk_editable_get_text (
                       GTK_EDITABLE (csp_reports_page_get_section_heading (fixture->page, 0))),
                   ==, "Executive Summary");
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-reports-details.png");
  csp_reports_page_show_tab (fixture->page, "sections");
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-reports-sections.png");
  csp_reports_page_show_tab (fixture->page, "contents");
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-reports-contents.png");
}

/* Whether the characters from @from to @to of @view carry the tag @tag. */
static gboolean
has_tag (GtkTextView *view, int from, int to, const char *tag)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextTag *found = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag);
  GtkTextIter iter;

  for (int i = from; i < to; i++)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, i);
      if (!gtk_text_iter_has_tag (&iter, found))
        return FALSE;
    }
  return TRUE;
}

static void
select_chars (GtkTextView *view, int from, int to)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, from);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, to);
  gtk_text_buffer_select_range (buffer, &start, &end);
}

/* Issue 14 item 11: a section's text takes bold, italics, superscript and
 * lists from the buttons (and Ctrl+B), shows them as they print, and keeps
 * them as markup the report prints. */
static void
test_section_formatting (Fixture *fixture, gconstpointer data)
{
  GtkTextView *text;
  GtkTextBuffer *buffer;
  g_autoptr (GPtrArray) saved = NULL;
  g_autofree char *body = NULL;
  GtkTextIter start, end;
  gint64 id;

  show_page (fixture);
  csp_reports_page_show_tab (fixture->page, "sections");
  id = csp_reports_page_get_report_id (fixture->page);
  text = csp_reports_page_get_section_text (fixture->page, 1);
  buffer = gtk_text_view_get_buffer (text);
  set_text (text, "Agreed on the 8th June:\nto meet weekly\nto share data");

  select_chars (text, 0, 6); /* "Agreed" */
  csp_rich_text_editor_apply (text, CSP_RICH_FORMAT_BOLD);
  select_chars (text, 19, 21); /* "th", after the bold word's markers */
  csp_rich_text_editor_apply (text, CSP_RICH_FORMAT_SUPERSCRIPT);
  gtk_text_buffer_get_iter_at_line (buffer, &start, 1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_select_range (buffer, &start, &end);
  csp_rich_text_editor_apply (text, CSP_RICH_FORMAT_BULLETS);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (body, ==, "**Agreed** on the 8^th^ June:\n- to meet weekly\n- to share data");
  /* Shown as it prints: the word bold, its markers dimmed. */
  g_assert_true (has_tag (text, 2, 8, "rich-bold"));
  g_assert_true (has_tag (text, 0, 2, "rich-marker"));
  g_assert_true (has_tag (text, 20, 22, "rich-superscript"));
  g_assert_false (has_tag (text, 10, 16, "rich-bold"));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-reports-formatting.png");

  /* A second press takes the formatting away again. */
  select_chars (text, 2, 8);
  csp_rich_text_editor_apply (text, CSP_RICH_FORMAT_BOLD);
  g_clear_pointer (&body, g_free);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_true (g_str_has_prefix (body, "Agreed on the 8^th^ June:"));
  csp_rich_text_editor_apply (text, CSP_RICH_FORMAT_BOLD);

  activate (fixture->page, "reports.save-sections", NULL);
  saved = list_sections (fixture, id);
  g_assert_cmpstr (csp_record_get_string (g_ptr_array_index (saved, 1), "body"), ==,
                   "**Agreed** on the 8^th^ June:\n- to meet weekly\n- to share data");
}

static void
test_edit_sections (Fixture *fixture, gconstpointer data)
{
  gint64 id;
  g_autoptr (GPtrArray) after_edit = NULL;
  g_autoptr (GPtrArray) after_add = NULL;
  g_autoptr (GPtrArray) after_undo = NULL;
  g_autoptr (GPtrArray) after_remove = NULL;
  g_autoptr (GPtrArray) after_move = NULL;
  g_autoptr (GPtrArray) before_move = NULL;
  GtkWidget *heading;

  show_page (fixture);
  csp_reports_page_show_tab (fixture->page, "sections");
  id = csp_reports_page_get_report_id (fixture->page);

  /* Editing a section's text and saving changes the database. */
  set_text (csp_reports_page_get_section_text (fixture->page, 1),
            "The Committee notes the report.\n\nA second paragraph.");
  activate (fixture->page, "reports.save-sections", NULL);
  after_edit = list_sections (fixture, id);
  g_assert_cmpstr (csp_record_get_string (g_ptr_array_index (after_edit, 1), "body"), ==,
                   "The Committee notes the report.\n\nA second paragraph.");

  /* Adding a section, then undo. */
  activate (fixture->page, "reports.add-section", NULL);
  after_add = list_sections (fixture, id);
  g_assert_cmpuint (after_add->len, ==, 14);
  heading = csp_reports_page_get_section_heading (fixture->page, 13);
  g_assert_nonnull (heading);
  gtk_editable_set_text (GTK_EDITABLE (heading), "Background Papers");
  activate (fixture->page, "reports.save-sections", NULL);
  g_clear_pointer (&after_add, g_ptr_array_unref);
  after_add = list_sections (fixture, id);
  g_assert_cmpstr (csp_record_get_string (g_ptr_array_index (after_add, 13), "heading"), ==,
                   "Background Papers");
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-reports-added-section.png");
  activate (fixture->window, "win.undo", NULL); /* the heading */
  activate (fixture->window, "win.undo", NULL); /* the section */
  after_undo = list_sections (fixture, id);
  g_assert_cmpuint (after_undo->len, ==, 13);
  g_assert_null (csp_reports_page_get_section_heading (fixture->page, 13));

  /* Removing a section, then undo brings it back in its place. */
  activate (fixture->page, "reports.remove-section",
            g_variant_new_int64 (csp_record_get_id (g_ptr_array_index (after_undo, 4))));
  after_remove = list_sections (fixture, id);
  g_assert_cmpuint (after_remove->len, ==, 12);
  activate (fixture->window, "win.undo", NULL);
  g_clear_pointer (&after_remove, g_ptr_array_unref);
  after_remove = list_sections (fixture, id);
  g_assert_cmpuint (after_remove->len, ==, 13);
  g_assert_cmpstr (csp_record_get_string (g_ptr_array_index (after_remove, 4), "heading"), ==,
                   csp_record_get_string (g_ptr_array_index (after_undo, 4), "heading"));

  /* Moving a section down swaps it with the next. */
  before_move = list_sections (fixture, id);
  activate (fixture->page, "reports.move-section-down",
            g_variant_new_int64 (csp_record_get_id (g_ptr_array_index (before_move, 0))));
  after_move = list_sections (fixture, id);
  g_assert_cmpint (csp_record_get_id (g_ptr_array_index (after_move, 1)), ==,
                   csp_record_get_id (g_ptr_array_index (before_move, 0)));
  g_assert_cmpint (csp_record_get_id (g_ptr_array_index (after_move, 0)), ==,
                   csp_record_get_id (g_ptr_array_index (before_move, 1)));
  g_assert_cmpstr (gtk_editable_get_text (
                       GTK_EDITABLE (csp_reports_page_get_section_heading (fixture->page, 1))),
                   ==, "Executive Summary");

  /* The move is one step of undo, however many rows it took. */
  activate (fixture->window, "win.undo", NULL);
  {
    g_autoptr (GPtrArray) after_undo_move = list_sections (fixture, id);

    for (guint i = 0; i < before_move->len; i++)
      g_assert_cmpint (csp_record_get_id (g_ptr_array_index (after_undo_move, i)), ==,
                       csp_record_get_id (g_ptr_array_index (before_move, i)));
  }
}

static void
test_duplicate (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) copy = NULL;
  g_autoptr (GPtrArray) sections = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  gint64 id;

  show_page (fixture);
  id = csp_reports_page_duplicate_for_meeting (fixture->page, "2021-10-04", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, !=, 0);
  g_assert_cmpuint (count_reports (fixture), ==, 2);
  g_assert_cmpint (csp_reports_page_get_report_id (fixture->page), ==, id);
  copy = csp_store_get (fixture->gui.store, CSP_TYPE_COMMITTEE_REPORT, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csp_record_get_string (copy, "meeting_date"), ==, "2021-10-04");
  g_assert_cmpstr (csp_record_get_string (copy, "report_date"), ==, today);
  g_assert_cmpstr (csp_record_get_string (copy, "period_start"), ==, "2020-10-01");
  g_assert_cmpstr (csp_record_get_string (copy, "period_end"), ==, "2021-09-30");
  g_assert_cmpstr (csp_record_get_string (copy, "status"), ==, "draft");
  sections = list_sections (fixture, id);
  g_assert_cmpuint (sections->len, ==, 13);
  /* The newest meeting is listed first. */
  g_assert_cmpint (gtk_list_box_row_get_index (gtk_list_box_get_selected_row (
                       csp_reports_page_get_reports_list (fixture->page))),
                   ==, 0);

  /* A date that is not one is refused. */
  g_assert_cmpint (csp_reports_page_duplicate_for_meeting (fixture->page, "next week", &error), ==,
                   0);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_assert_cmpuint (count_reports (fixture), ==, 2);
  g_clear_error (&error);

  /* One undo takes the whole copy back, its sections and parts too; redo
   * brings it all again. */
  activate (fixture->window, "win.undo", NULL);
  g_assert_cmpuint (count_reports (fixture), ==, 1);
  g_clear_pointer (&sections, g_ptr_array_unref);
  sections = list_sections (fixture, id);
  g_assert_cmpuint (sections->len, ==, 0);
  activate (fixture->window, "win.redo", NULL);
  g_assert_cmpuint (count_reports (fixture), ==, 2);
  g_clear_pointer (&sections, g_ptr_array_unref);
  sections = list_sections (fixture, id);
  g_assert_cmpuint (sections->len, ==, 13);
}

/* The report's meeting is one drop-down of the committee meetings, newest
 * first, each with its date; choosing one sets the committee and the
 * meeting date, which are saved with it. */
/* Duplicate for Next Meeting asks the meeting's date, the next one
 * proposed, and its Duplicate response makes the copy for that date. */
static void
test_duplicate_dialog (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRecord) copy = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *proposed = NULL;
  CspDuplicateReportDialog *dialog;

  show_page (fixture);
  activate (fixture->page, "reports.duplicate", NULL);
  dialog = CSP_DUPLICATE_REPORT_DIALOG (find_shown_window (CSP_TYPE_DUPLICATE_REPORT_DIALOG));
  g_assert_nonnull (dialog);
  proposed = g_strdup (csp_duplicate_report_dialog_get_meeting_date (dialog));
  g_assert_true (csp_date_is_valid (proposed));
  /* The date shown and typed as in Britain; Duplicate offered only for a day. */
  {
    GtkEditable *entry = GTK_EDITABLE (find_first (GTK_WIDGET (dialog), GTK_TYPE_ENTRY));
    g_autofree char *typed = csp_date_format_typed (proposed);

    g_assert_cmpstr (gtk_editable_get_text (entry), ==, typed);
    g_assert_true (
        adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "duplicate"));
    gtk_editable_set_text (entry, "31/09/2021");
    g_assert_null (csp_duplicate_report_dialog_get_meeting_date (dialog));
    g_assert_false (
        adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "duplicate"));
    gtk_editable_set_text (entry, typed);
  }
  save_screenshot (GTK_WIDGET (dialog), "screenshot-reports-duplicate-dialog.png");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "duplicate");
  settle ();
  g_assert_cmpuint (count_reports (fixture), ==, 2);
  copy = csp_store_get (fixture->gui.store, CSP_TYPE_COMMITTEE_REPORT,
                        csp_reports_page_get_report_id (fixture->page), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csp_record_get_string (copy, "meeting_date"), ==, proposed);
}

static void
test_meeting_choice (Fixture *fixture, gconstpointer data)
{
  CspRecordEditor *editor = csp_reports_page_get_editor (fixture->page);
  CspRecordForm *form = csp_record_editor_get_form (editor);
  CspChoiceRow *meeting = CSP_CHOICE_ROW (csp_record_form_get_field (form, "meeting_id"));
  GtkEditable *committee = GTK_EDITABLE (csp_record_form_get_field (form, "committee"));
  GtkEditable *date = GTK_EDITABLE (csp_record_form_get_field (form, "meeting_date"));
  GListModel *labels = csp_choice_row_get_model (meeting);
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) saved = NULL;
  GtkWidget *popover;
  gint64 id;

  show_page (fixture);
  csp_reports_page_show_tab (fixture->page, "details");
  settle ();
  id = csp_reports_page_get_report_id (fixture->page);

  /* None, then the two committee meetings, newest first: no RAG or
   * partners' meetings among them. */
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 0), ==, "None");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 1), ==,
                   "Overview and Scrutiny Committee — 5 Jul 2021");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), 2), ==,
                   "Overview and Scrutiny Committee — 3 Mar 2021");
  g_assert_cmpuint (csp_choice_row_get_selected (meeting), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (date), ==, "05/07/2021");

  /* The list open, as a person sees it. */
  csp_choice_row_popup (meeting);
  settle ();
  popover = find_first (GTK_WIDGET (meeting), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  save_screenshot (popover, "screenshot-reports-meeting-choices.png");
  gtk_popover_popdown (GTK_POPOVER (popover));
  settle ();

  form_choose (form, "meeting_id", "Overview and Scrutiny Committee — 3 Mar 2021");
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (date), ==, "03/03/2021");
  g_assert_cmpstr (gtk_editable_get_text (committee), ==, "Overview and Scrutiny Committee");
  g_assert_cmpstr (csp_record_get_string (csp_record_form_get_record (form), "meeting_date"), ==,
                   "2021-03-03");
  g_assert_true (csp_record_form_get_modified (form));
  g_assert_true (csp_record_form_get_valid (form));
  /* One choice: the committee and the date are the meeting's, not typed. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (committee)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (date)));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-reports-meeting-chosen.png");

  activate (editor, "editor.save", NULL);
  saved = csp_store_get (fixture->gui.store, CSP_TYPE_COMMITTEE_REPORT, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csp_record_get_int (saved, "meeting_id"), ==, 12);
  g_assert_cmpstr (csp_record_get_string (saved, "meeting_date"), ==, "2021-03-03");
  g_assert_cmpstr (csp_record_get_string (saved, "committee"), ==,
                   "Overview and Scrutiny Committee");

  /* None leaves the committee and the date as they were. */
  form_choose (form, "meeting_id", "None");
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (date), ==, "03/03/2021");
  g_assert_true (csp_record_is_null (csp_record_form_get_record (form), "meeting_id"));
  /* A meeting not recorded: its committee and date are typed. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (committee)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (date)));
}

/* Returns: (transfer full) (nullable): what the program @args[0] prints;
 * %NULL when it is not installed */
static char *
run_tool (const char *const *args)
{
  g_autofree char *program = g_find_program_in_path (args[0]);
  g_autoptr (GError) error = NULL;
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) argv = NULL;
  char *output = NULL;

  if (program == NULL)
    return NULL;
  g_strv_builder_add (builder, program);
  g_strv_builder_addv (builder, (const char **) args + 1);
  argv = g_strv_builder_end (builder);
  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &output,
                               NULL, NULL, &error));
  g_assert_no_error (error);
  return output;
}

/* Returns: (transfer full) (nullable): what pdfinfo says of @path; %NULL
 * when it is not installed */
static char *
pdf_info (const char *path)
{
  return run_tool ((const char *const[]){ "pdfinfo", path, NULL });
}

static guint
info_pages (const char *info)
{
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + 6, NULL, 10);
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *info = pdf_info (path);

  return info != NULL ? info_pages (info) : 0;
}

/* Export OpenDocument Text…'s path: a file named .odt is an OpenDocument
 * package, whatever Word template Preferences names. */
static void
test_export_odt (Fixture *fixture, gconstpointer data)
{
  static const char mimetype[] = "mimetypeapplication/vnd.oasis.opendocument.text";
  g_autoptr (GError) error = NULL;
  g_autofree char *odt = g_build_filename (fixture->gui.folder, "report.odt", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  show_page (fixture);
  g_assert_true (csp_reports_page_export (fixture->page, odt, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (odt, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 30 + strlen (mimetype));
  g_assert_cmpmem (contents + 30, strlen (mimetype), mimetype, strlen (mimetype));
}

static void
test_charts_and_pdf (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *all = g_build_filename (fixture->gui.folder, "all.pdf", NULL);
  g_autofree char *fewer = g_build_filename (fixture->gui.folder, "fewer.pdf", NULL);
  const char *const names[] = { "reach-trend", "activities-by-month", "rag-status",
                                "lead-partners" };
  CspQuery query = { .ref_column = "report_id" };
  g_autoptr (GPtrArray) items = NULL;
  guint n_all, n_fewer;

  show_page (fixture);
  csp_reports_page_show_tab (fixture->page, "contents");
  g_assert_true (csp_reports_page_export_pdf (fixture->page, all, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkSwitch *chart = csp_reports_page_get_chart_switch (fixture->page, names[i]);

      g_assert_nonnull (chart);
      g_assert_true (gtk_switch_get_active (chart));
      gtk_switch_set_active (chart, FALSE);
      settle ();
    }
  g_assert_true (
      gtk_switch_get_active (csp_reports_page_get_appendix_switch (fixture->page, "activities")));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-reports-charts-off.png");

  query.ref_id = csp_reports_page_get_report_id (fixture->page);
  items = csp_store_list (fixture->gui.store, CSP_TYPE_REPORT_PART, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 4);
  for (guint i = 0; i < items->len; i++)
    g_assert_false (csp_record_get_bool (g_ptr_array_index (items, i), "included"));

  g_assert_true (csp_reports_page_export_pdf (fixture->page, fewer, &error));
  g_assert_no_error (error);
  n_all = pdf_pages (all);
  n_fewer = pdf_pages (fewer);
  if (n_all == 0)
    g_test_message ("No pdfinfo: page counts not checked");
  else
    g_assert_cmpuint (n_fewer, <, n_all);

  /* Undo turns the last chart back on. */
  activate (fixture->window, "win.undo", NULL);
  g_assert_true (
      gtk_switch_get_active (csp_reports_page_get_chart_switch (fixture->page, "lead-partners")));
  g_assert_false (
      gtk_switch_get_active (csp_reports_page_get_chart_switch (fixture->page, "rag-status")));
}

/* Presses Print in the print dialog once it has a printer: the one its
 * settings name, when it has appeared. */
static gboolean
press_print_cb (gpointer data)
{
  guint *source = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);
      GtkWidget *print;

      if (!GTK_IS_DIALOG (window) || !gtk_widget_get_visible (GTK_WIDGET (window)))
        continue;
      print = gtk_dialog_get_widget_for_response (GTK_DIALOG (window), GTK_RESPONSE_OK);
      if (print != NULL && gtk_widget_is_sensitive (print))
        {
          gtk_dialog_response (GTK_DIALOG (window), GTK_RESPONSE_OK);
          *source = 0;
          return G_SOURCE_REMOVE;
        }
    }
  return G_SOURCE_CONTINUE;
}

/* Printed to a PDF file, every page of the report, tagged as the export
 * is, with the report's title and a bookmark for each section and
 * appendix (the sample's 13 sections and its appendix). */
static void
assert_printed_pdf (const char *path, guint n_pages)
{
  g_autofree char *info = NULL;
  g_autofree char *outline = NULL;
  g_auto (GStrv) bookmarks = NULL;

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  info = pdf_info (path);
  if (info == NULL)
    {
      g_test_message ("No pdfinfo: %s not read", path);
      return;
    }
  g_assert_cmpuint (info_pages (info), ==, n_pages);
  g_assert_true (g_regex_match_simple ("^Tagged: +yes$", info, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Title: +Community Safety", info, G_REGEX_MULTILINE, 0));
  outline = run_tool ((const char *const[]){ "mutool", "show", path, "outline", NULL });
  if (outline == NULL)
    {
      g_test_message ("No mutool: the outline of %s not read", path);
      return;
    }
  bookmarks = g_strsplit (g_strstrip (outline), "\n", -1);
  g_assert_cmpuint (g_strv_length (bookmarks), >=, 14);
}

static void
test_print_operation (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GtkPrintSettings) settings = NULL;
  g_autofree char *path = g_build_filename (fixture->gui.folder, "printed.pdf", NULL);
  g_autofree char *to_file = g_build_filename (fixture->gui.folder, "print-to-file.pdf", NULL);
  g_autofree char *uri = g_filename_to_uri (to_file, NULL, NULL);
  GtkPrintOperationResult result;
  guint press;
  guint n_pages;

  show_page (fixture);
  operation = csp_reports_page_create_print_operation (fixture->page, &error);
  g_assert_no_error (error);
  g_assert_true (CSP_IS_REPORT_PRINT_OPERATION (operation));
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    GTK_WINDOW (fixture->window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  n_pages = csp_report_print_operation_get_n_pages (CSP_REPORT_PRINT_OPERATION (operation));
  g_assert_cmpuint (n_pages, >, 1);
  assert_printed_pdf (path, n_pages);

  /* Print to File, from the print dialog, as a user would: GTK's file
   * backend makes the PDF surface. GTK finds no virtual printer without
   * the dialog. */
  g_clear_object (&operation);
  operation = csp_reports_page_create_print_operation (fixture->page, &error);
  g_assert_no_error (error);
  settings = gtk_print_settings_new ();
  gtk_print_settings_set_printer (settings, "Print to File");
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_FILE_FORMAT, "pdf");
  gtk_print_operation_set_print_settings (operation, settings);
  press = g_timeout_add (50, press_print_cb, &press);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (fixture->window), &error);
  g_clear_handle_id (&press, g_source_remove);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  assert_printed_pdf (to_file, n_pages);
}

static void
test_accessible_names (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) unnamed = g_string_new (NULL);

  show_page (fixture);
  /* Hidden tabs included: every control of every tab. */
  collect_unnamed (GTK_WIDGET (fixture->page), unnamed);
  if (unnamed->len > 0)
    g_error ("Controls without an accessible name:%s", unnamed->str);
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/reports/sample", test_sample_report);
  ADD ("/reports/sections", test_edit_sections);
  ADD ("/reports/section-formatting", test_section_formatting);
  ADD ("/reports/duplicate", test_duplicate);
  ADD ("/reports/duplicate-dialog", test_duplicate_dialog);
  ADD ("/reports/meeting-choice", test_meeting_choice);
  ADD ("/reports/charts-pdf", test_charts_and_pdf);
  ADD ("/reports/export-odt", test_export_odt);
  ADD ("/reports/print-operation", test_print_operation);
  ADD ("/reports/accessible-names", test_accessible_names);
#undef ADD
  return g_test_run ();
}

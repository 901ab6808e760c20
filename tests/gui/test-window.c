/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-test-util.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "csp-action-plan-page.h"
#include "csp-activities-page.h"
#include "csp-add-update-dialog.h"
#include "csp-figures-page.h"
#include "csp-partners-page.h"
#include "csp-trends-page.h"
#include "csp-records.h"
#include "csp-row-slot-model.h"
#include "csp-sample.h"
#include "csp-window.h"

/* The main window on a real database file under a real display (Xvfb in
 * CI), driven through its widgets and actions as a person would. */

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
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gui_fixture_tear_down (&fixture->gui);
}

static void
show_window (Fixture *fixture)
{
  present_window (GTK_WINDOW (fixture->window));
}

static guint
count_matching (Fixture *fixture, const CspQuery *query)
{
  g_autoptr (GError) error = NULL;
  guint n = 0;

  g_assert_true (csp_store_count (fixture->gui.store, CSP_TYPE_ACTIVITY, query, &n, &error));
  return n;
}

static guint
count_activities (Fixture *fixture)
{
  return count_matching (fixture, NULL);
}

static CspRecord *
find_activity (Fixture *fixture, const char *title)
{
  CspQuery query = { .text = title };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found =
      csp_store_list (fixture->gui.store, CSP_TYPE_ACTIVITY, &query, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < found->len; i++)
    if (g_str_equal (csp_record_get_string (g_ptr_array_index (found, i), "title"), title))
      return g_object_ref (g_ptr_array_index (found, i));
  return NULL;
}

static void
select_row (Fixture *fixture, guint position)
{
  GtkColumnView *view = csp_activities_page_get_column_view (fixture->page);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));

  gtk_single_selection_set_selected (selection, position);
  settle ();
}

static void
test_add_activity (Fixture *fixture, gconstpointer data)
{
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);
  CspRecordForm *form = csp_record_editor_get_form (editor);
  guint before = count_activities (fixture);
  g_autoptr (CspRecord) saved = NULL;
  guint n_ids = 0;

  show_window (fixture);
  activate_action (fixture->page, "activities.new");
  form_type_into (form, "title", "Bike marking at Hatfield station");
  form_type_into (form, "start_date", "12/08/2021"); /* typed the British way */
  form_choose (form, "format", "Event");
  form_choose (form, "mode", "In person");
  form_choose (form, "status", "Delivered");
  form_choose (form, "lead_partner_id", "Hertfordshire Constabulary");
  form_type_into (form, "location", "Hatfield railway station");
  form_type_into (form, "participants", "1,204");
  gtk_check_button_set_active (
      GTK_CHECK_BUTTON (
          find_first (csp_record_form_get_field (form, CSP_FORM_PARTNERS), GTK_TYPE_CHECK_BUTTON)),
      TRUE);
  g_assert_true (csp_record_form_get_valid (form));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-activity-editor.png");
  activate_action (editor, "editor.save");

  g_assert_cmpuint (count_activities (fixture), ==, before + 1);
  saved = find_activity (fixture, "Bike marking at Hatfield station");
  g_assert_nonnull (saved);
  g_assert_cmpstr (csp_record_get_string (saved, "start_date"), ==, "2021-08-12");
  g_assert_cmpstr (csp_record_get_string (saved, "format"), ==, "event");
  g_assert_cmpstr (csp_record_get_string (saved, "mode"), ==, "in_person");
  g_assert_cmpint (csp_record_get_int (saved, "participants"), ==, 1204);
  g_assert_true (csp_record_get_bool (saved, "include_in_appendix"));
  csp_record_get_partner_ids (saved, &n_ids);
  g_assert_cmpuint (n_ids, ==, 1);
  g_assert_false (csp_record_form_get_modified (form));

  /* Edit it: the change reaches the database, and the version moves on. */
  form_type_into (form, "reach", "3500");
  g_assert_true (csp_record_form_get_modified (form));
  activate_action (editor, "editor.save");
  g_clear_object (&saved);
  saved = find_activity (fixture, "Bike marking at Hatfield station");
  g_assert_cmpint (csp_record_get_int (saved, "reach"), ==, 3500);
  g_assert_cmpint (csp_record_get_version (saved), ==, 2);
}

/* Each year's plan names its priorities alike: the choices say whose, and
 * the row shows the chosen one whole. */
static void
test_priority_choices (Fixture *fixture, gconstpointer data)
{
  const char *chosen = "Reduce anti-social behaviour (Action Plan 2020-21)";
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);
  CspRecordForm *form = csp_record_editor_get_form (editor);
  g_autoptr (CspRecord) saved = NULL;
  g_autoptr (CspRecord) priority = NULL;
  g_autoptr (CspRecord) plan = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *row;

  show_window (fixture);
  activate_action (fixture->page, "activities.new");
  form_type_into (form, "title", "ASB drop-in at Hatfield library");
  form_type_into (form, "start_date", "2021-03-02");
  form_choose (form, "format", "Event");
  form_choose (form, "mode", "In person");
  form_choose (form, "status", "Delivered");
  form_choose (form, "lead_partner_id", "Hertfordshire Constabulary");
  form_choose (form, "priority_id", chosen);
  row = csp_record_form_get_field (form, "priority_id");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, chosen);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-priority-choices.png");
  activate_action (editor, "editor.save");

  saved = find_activity (fixture, "ASB drop-in at Hatfield library");
  g_assert_nonnull (saved);
  priority = csp_store_get (fixture->gui.store, CSP_TYPE_PRIORITY,
                            csp_record_get_int (saved, "priority_id"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csp_record_get_string (priority, "title"), ==, "Reduce anti-social behaviour");
  plan = csp_store_get (fixture->gui.store, CSP_TYPE_PLAN, csp_record_get_int (priority, "plan_id"),
                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csp_record_get_string (plan, "title"), ==, "Action Plan 2020-21");
}

static void
test_validation_blocks_save (Fixture *fixture, gconstpointer data)
{
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);
  CspRecordForm *form = csp_record_editor_get_form (editor);
  guint before = count_activities (fixture);
  GtkWidget *end_date;

  show_window (fixture);
  activate_action (fixture->page, "activities.new");
  form_type_into (form, "title", "Street briefing in Peartree");
  form_choose (form, "format", "Street briefing");
  form_choose (form, "mode", "In person");
  form_type_into (form, "start_date", "2021-06-10");
  form_type_into (form, "end_date", "2021-06-01");

  g_assert_false (csp_record_form_get_valid (form));
  g_assert_nonnull (csp_record_form_get_problem (form));
  g_assert_nonnull (strstr (csp_record_form_get_problem (form), "End date"));
  end_date = csp_record_form_get_field (form, "end_date");
  g_assert_true (gtk_widget_has_css_class (end_date, "error"));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-validation.png");

  /* Save is refused while the form is invalid. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle ();
  g_assert_cmpuint (count_activities (fixture), ==, before);

  /* Mending the field clears the message and allows the save. */
  form_type_into (form, "end_date", "");
  form_type_into (form, "participants", "-5");
  g_assert_false (csp_record_form_get_valid (form));
  form_type_into (form, "participants", "25");
  g_assert_true (csp_record_form_get_valid (form));
  g_assert_false (gtk_widget_has_css_class (end_date, "error"));
  activate_action (editor, "editor.save");
  g_assert_cmpuint (count_activities (fixture), ==, before + 1);
}

static void
test_delete_and_undo (Fixture *fixture, gconstpointer data)
{
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);
  CspRecordForm *form = csp_record_editor_get_form (editor);
  guint before = count_activities (fixture);
  g_autofree char *title = NULL;
  g_autoptr (CspRecord) restored = NULL;
  gint64 id;

  show_window (fixture);
  select_row (fixture, 0);
  g_assert_nonnull (csp_record_form_get_record (form));
  title = g_strdup (csp_record_get_string (csp_record_form_get_record (form), "title"));
  id = csp_record_get_id (csp_record_form_get_record (form));

  activate_action (editor, "editor.delete");
  g_assert_cmpuint (count_activities (fixture), ==, before - 1);
  g_assert_null (find_activity (fixture, title));

  activate_action (fixture->window, "win.undo");
  g_assert_cmpuint (count_activities (fixture), ==, before);
  restored = find_activity (fixture, title);
  g_assert_nonnull (restored);
  g_assert_cmpint (csp_record_get_id (restored), ==, id);

  activate_action (fixture->window, "win.redo");
  g_assert_cmpuint (count_activities (fixture), ==, before - 1);
}

static void
test_search_and_filter (Fixture *fixture, gconstpointer data)
{
  show_window (fixture);
  g_assert_cmpuint (csp_activities_page_get_n_matching (fixture->page), ==,
                    count_activities (fixture));
  csp_activities_page_set_search_text (fixture->page, "webinar");
  g_assert_cmpuint (csp_activities_page_get_n_matching (fixture->page), >, 0);
  g_assert_cmpuint (csp_activities_page_get_n_matching (fixture->page), <,
                    count_activities (fixture));
  /* What Export List writes from this page: the query the list shows. */
  g_assert_cmpstr (csp_activities_page_get_query (fixture->page)->text, ==, "webinar");
  g_assert_cmpuint (count_matching (fixture, csp_activities_page_get_query (fixture->page)), ==,
                    csp_activities_page_get_n_matching (fixture->page));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-activities-search.png");
  csp_activities_page_set_search_text (fixture->page, "");
  g_assert_cmpuint (csp_activities_page_get_n_matching (fixture->page), ==,
                    count_activities (fixture));
}

/* The texts of every label and inscription in @root's widget tree. */
static void
collect_label_texts (GtkWidget *root, GHashTable *texts)
{
  if (GTK_IS_LABEL (root))
    g_hash_table_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (root))));
  if (GTK_IS_INSCRIPTION (root) && gtk_inscription_get_text (GTK_INSCRIPTION (root)) != NULL)
    g_hash_table_add (texts, g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (root))));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

/* The activity the list shows at @position. */
static CspRecord *
row_record (GtkColumnView *view, guint position)
{
  g_autoptr (CspRowSlot) slot =
      g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (view)), position);

  return g_object_ref (csp_row_slot_get_item (slot));
}

/* The rows on screen show exactly the activities the list holds, in its
 * order: after a search, and after sorting by a header. */
static void
test_rows_follow_search_and_sort (Fixture *fixture, gconstpointer data)
{
  GtkColumnView *view = csp_activities_page_get_column_view (fixture->page);
  g_autoptr (GtkColumnViewColumn) title_column =
      g_list_model_get_item (gtk_column_view_get_columns (view), 1);
  g_autoptr (GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GError) error = NULL;
  CspQuery search = { .text = "webinar" };
  guint n_matching;

  show_window (fixture);
  all = csp_store_list (fixture->gui.store, CSP_TYPE_ACTIVITY, NULL, &error);
  g_assert_no_error (error);

  csp_activities_page_set_search_text (fixture->page, "webinar");
  wait_for_frame (GTK_WIDGET (fixture->window));
  n_matching = csp_activities_page_get_n_matching (fixture->page);
  g_assert_cmpuint (n_matching, ==, count_matching (fixture, &search));
  collect_label_texts (GTK_WIDGET (view), shown);
  for (guint i = 0; i < all->len; i++)
    {
      const char *title = csp_record_get_string (all->pdata[i], "title");
      gboolean matches = FALSE;

      for (guint j = 0; j < n_matching && !matches; j++)
        {
          g_autoptr (CspRecord) row = row_record (view, j);
          matches = csp_record_get_id (row) == csp_record_get_id (all->pdata[i]);
        }
      /* Titles are unique in the sample, so a label names its activity. */
      g_assert_cmpint (g_hash_table_contains (shown, title), ==, matches);
    }

  csp_activities_page_set_search_text (fixture->page, "");
  gtk_column_view_sort_by_column (view, title_column, GTK_SORT_ASCENDING);
  wait_for_frame (GTK_WIDGET (fixture->window));
  for (guint i = 1; i < all->len; i++)
    {
      g_autoptr (CspRecord) before = row_record (view, i - 1);
      g_autoptr (CspRecord) after = row_record (view, i);
      g_assert_cmpint (g_ascii_strcasecmp (csp_record_get_string (before, "title"),
                                           csp_record_get_string (after, "title")),
                       <=, 0);
    }
  gtk_column_view_sort_by_column (view, title_column, GTK_SORT_DESCENDING);
  wait_for_frame (GTK_WIDGET (fixture->window));
  {
    g_autoptr (CspRecord) first = row_record (view, 0);
    g_autoptr (CspRecord) second = row_record (view, 1);
    g_assert_cmpint (g_ascii_strcasecmp (csp_record_get_string (first, "title"),
                                         csp_record_get_string (second, "title")),
                     >=, 0);
  }
}

/* Export List writes the list each page shows; Reports shows none. */
static void
test_export_list_per_page (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *page;
    const char *title; /* NULL: no list to export */
  } expected[] = {
    { "activities", "Activities" },
    { "action-plan", "Action plan" },
    { "trends", "Monthly figures" },
    { "partners", "Partners" },
    { "reports", NULL },
  };

  show_window (fixture);
  csp_activities_page_set_search_text (fixture->page, "webinar");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      GtkWidget *page;
      g_autoptr (CspExportTable) table = NULL;
      g_autoptr (GError) error = NULL;
      gboolean has_row = FALSE;
      guint n_rows = 0;

      csp_window_show_page (fixture->window, expected[i].page);
      settle ();
      page = csp_window_get_page (fixture->window, expected[i].page);
      if (CSP_IS_TRENDS_PAGE (page))
        g_assert_true (csp_trends_page_show_chart (CSP_TRENDS_PAGE (page), "reach-trend", "2020-04",
                                                   "2021-03"));
      if (expected[i].title == NULL)
        {
          g_assert_false (CSP_IS_PAGE (page) && csp_page_has_list_export (CSP_PAGE (page)));
          continue;
        }
      g_assert_true (csp_page_has_list_export (CSP_PAGE (page)));
      table = csp_page_open_list_export (CSP_PAGE (page), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (csp_export_table_get_title (table), ==, expected[i].title);
      while (csp_export_table_next (table, &has_row, &error) && has_row)
        n_rows++;
      g_assert_no_error (error);
      g_assert_cmpuint (n_rows, >, 0);
      /* The activities are those the search lets through; the figures,
       * those of the period the charts show; the actions, those of the plan
       * shown (one of the sample's two). */
      if (g_str_equal (expected[i].page, "activities"))
        g_assert_cmpuint (n_rows, ==, csp_activities_page_get_n_matching (fixture->page));
      if (g_str_equal (expected[i].page, "trends"))
        {
          g_autofree char *from = csp_trends_page_get_from_month (CSP_TRENDS_PAGE (page));
          g_autofree char *to = csp_trends_page_get_to_month (CSP_TRENDS_PAGE (page));
          CspQuery period = { .from_date = from, .to_date = to };
          guint n_figures = 0, n_all = 0;

          g_assert_true (csp_store_count (fixture->gui.store, CSP_TYPE_METRIC_VALUE, &period,
                                          &n_figures, &error));
          g_assert_true (
              csp_store_count (fixture->gui.store, CSP_TYPE_METRIC_VALUE, NULL, &n_all, &error));
          g_assert_cmpuint (n_rows, ==, n_figures);
          g_assert_cmpuint (n_rows, <, n_all);
        }
      if (g_str_equal (expected[i].page, "action-plan"))
        {
          guint n_actions = 0;

          g_assert_true (
              csp_store_count (fixture->gui.store, CSP_TYPE_ACTION, NULL, &n_actions, &error));
          g_assert_cmpuint (n_rows, <, n_actions);
        }
    }
}

static void
test_accessible_names (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) unnamed = g_string_new (NULL);

  show_window (fixture);
  activate_action (fixture->page, "activities.new");
  collect_unnamed (GTK_WIDGET (fixture->window), unnamed);
  if (unnamed->len > 0)
    g_error ("Controls without an accessible name:%s", unnamed->str);
}

/* Answers the message dialog on screen, as a person would click. */
static void
answer_dialog (const char *response)
{
  g_autoptr (GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      {
        adw_message_dialog_response (ADW_MESSAGE_DIALOG (l->data), response);
        settle ();
        return;
      }
  g_error ("No message dialog to answer “%s”", response);
}

static CspRecord *
find_partner (Fixture *fixture, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) partners =
      csp_store_list (fixture->gui.store, CSP_TYPE_PARTNER, NULL, &error);

  for (guint i = 0; i < partners->len; i++)
    if (g_str_equal (csp_record_get_string (g_ptr_array_index (partners, i), "name"), name))
      return g_object_ref (g_ptr_array_index (partners, i));
  return NULL;
}

/* The Priorities list says whose plan each priority is in, as plans
 * name their priorities alike from one year to the next. */
static void
test_priorities_say_their_plan (Fixture *fixture, gconstpointer data)
{
  CspPartnersPage *page = CSP_PARTNERS_PAGE (csp_window_get_page (fixture->window, "partners"));
  GtkWidget *browser = GTK_WIDGET (csp_partners_page_get_browser (page, CSP_TYPE_PRIORITY));
  g_autoptr (GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  show_window (fixture);
  csp_window_show_page (fixture->window, "partners");
  adw_view_stack_set_visible_child (
      ADW_VIEW_STACK (gtk_widget_get_ancestor (browser, ADW_TYPE_VIEW_STACK)), browser);
  settle ();
  collect_label_texts (GTK_WIDGET (csp_record_browser_get_list (CSP_RECORD_BROWSER (browser))),
                       texts);
  g_assert_true (
      g_hash_table_contains (texts, "Reduce anti-social behaviour (Action Plan 2020-21)"));
  g_assert_true (
      g_hash_table_contains (texts, "Reduce anti-social behaviour (Action Plan 2021-22)"));
  g_assert_false (g_hash_table_contains (texts, "Reduce anti-social behaviour"));
}

/* A partner still named on activities is retired, not deleted. */
static void
test_partner_retired_not_deleted (Fixture *fixture, gconstpointer data)
{
  CspPartnersPage *page = CSP_PARTNERS_PAGE (csp_window_get_page (fixture->window, "partners"));
  CspRecordBrowser *browser = csp_partners_page_get_browser (page, CSP_TYPE_PARTNER);
  CspRecordEditor *editor = csp_record_browser_get_editor (browser);
  g_autoptr (CspRecord) police = find_partner (fixture, "Hertfordshire Constabulary");
  g_autoptr (CspRecord) after = NULL;
  guint n_partners = 0;

  show_window (fixture);
  csp_window_show_page (fixture->window, "partners");
  g_assert_nonnull (police);
  csp_record_editor_show (editor, police);
  form_type_into (csp_record_editor_get_form (editor), "short_name", "Herts Constabulary");
  activate_action (editor, "editor.save");
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-partners.png");

  activate_action (editor, "editor.delete");
  answer_dialog ("retire");
  after = find_partner (fixture, "Hertfordshire Constabulary");
  g_assert_nonnull (after);
  g_assert_true (csp_record_get_bool (after, "retired"));
  g_assert_cmpstr (csp_record_get_string (after, "short_name"), ==, "Herts Constabulary");
  g_assert_true (csp_store_count (fixture->gui.store, CSP_TYPE_PARTNER, NULL, &n_partners, NULL));
  g_assert_cmpuint (n_partners, ==, 17);

  /* Undo brings it back into service. */
  activate_action (fixture->window, "win.undo");
  g_clear_object (&after);
  after = find_partner (fixture, "Hertfordshire Constabulary");
  g_assert_false (csp_record_get_bool (after, "retired"));
}

/* Clicks the button labelled @label under @root. */
static void
click_button (GtkWidget *root, const char *label)
{
  GtkWidget *button = find_widget (root, is_button_labelled, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  settle ();
}

static guint
count_updates (Fixture *fixture, gint64 action_id)
{
  CspQuery query = { .ref_column = "action_id", .ref_id = action_id };
  guint n = 0;

  g_assert_true (csp_store_count (fixture->gui.store, CSP_TYPE_ACTION_UPDATE, &query, &n, NULL));
  return n;
}

/* The action that needs an update in the sample: the stale one. */
static CspRecord *
find_action (Fixture *fixture, const char *ref, gint64 plan_year)
{
  g_autoptr (GPtrArray) actions = csp_store_list (fixture->gui.store, CSP_TYPE_ACTION, NULL, NULL);

  for (guint i = 0; i < actions->len; i++)
    {
      CspRecord *action = g_ptr_array_index (actions, i);
      g_autoptr (CspRecord) priority = csp_store_get (
          fixture->gui.store, CSP_TYPE_PRIORITY, csp_record_get_int (action, "priority_id"), NULL);
      g_autoptr (CspRecord) plan = csp_store_get (fixture->gui.store, CSP_TYPE_PLAN,
                                                  csp_record_get_int (priority, "plan_id"), NULL);

      if (g_str_equal (csp_record_get_string (action, "ref"), ref) &&
          csp_record_get_int (plan, "year_start") == plan_year)
        return g_object_ref (action);
    }
  return NULL;
}

static void
test_action_edit_and_update (Fixture *fixture, gconstpointer data)
{
  CspActionPlanPage *page =
      CSP_ACTION_PLAN_PAGE (csp_window_get_page (fixture->window, "action-plan"));
  CspRecordEditor *editor = csp_action_plan_page_get_editor (page);
  g_autoptr (CspRecord) action = find_action (fixture, "3.2", 2021);
  g_autoptr (CspRecord) saved = NULL;
  guint stale_before, updates_before;
  gint64 percent_before;
  GtkWindow *dialog;
  CspRecordForm *update_form;

  show_window (fixture);
  csp_window_show_page (fixture->window, "action-plan");
  g_assert_nonnull (action);
  stale_before = csp_action_plan_page_count_stale (page);
  g_assert_cmpuint (stale_before, >=, 1);
  g_assert_true (csp_action_plan_page_select_action (page, csp_record_get_id (action)));
  settle ();

  /* Edit the action through its form. */
  form_type_into (csp_record_editor_get_form (editor), "target",
                  "Six schools reached by March 2022");
  activate_action (editor, "editor.save");
  saved = csp_store_get (fixture->gui.store, CSP_TYPE_ACTION, csp_record_get_id (action), NULL);
  g_assert_cmpstr (csp_record_get_string (saved, "target"), ==,
                   "Six schools reached by March 2022");

  /* Add a progress update: earlier ones stay, the action follows it. */
  updates_before = count_updates (fixture, csp_record_get_id (action));
  g_clear_object (&saved);
  saved = csp_store_get (fixture->gui.store, CSP_TYPE_ACTION, csp_record_get_id (action), NULL);
  percent_before = csp_record_get_int (saved, "percent_complete");
  g_assert_cmpint (percent_before, !=, 70);
  activate_action (page, "action-plan.add-update");
  dialog = find_shown_window (ADW_TYPE_WINDOW);
  g_assert_nonnull (dialog);
  update_form = csp_add_update_dialog_get_form (CSP_ADD_UPDATE_DIALOG (dialog));
  /* The focus starts on Commentary, what is typed first, not on Cancel. */
  settle ();
  g_assert_true (gtk_window_get_focus (dialog) ==
                 csp_record_form_get_field (update_form, "commentary"));
  save_screenshot (GTK_WIDGET (dialog), "screenshot-add-update-focus.png");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (
                                csp_record_form_get_field (update_form, "commentary"))),
                            "Knife arch and weapons sweep held with Oaklands College.", -1);
  form_type_into (update_form, "percent_complete", "70");
  g_assert_true (csp_record_form_get_valid (update_form));
  save_screenshot (GTK_WIDGET (dialog), "screenshot-add-update.png");
  click_button (GTK_WIDGET (dialog), "_Add");

  g_assert_cmpuint (count_updates (fixture, csp_record_get_id (action)), ==, updates_before + 1);
  g_clear_object (&saved);
  saved = csp_store_get (fixture->gui.store, CSP_TYPE_ACTION, csp_record_get_id (action), NULL);
  g_assert_cmpint (csp_record_get_int (saved, "percent_complete"), ==, 70);
  g_assert_cmpuint (csp_action_plan_page_count_stale (page), ==, stale_before - 1);
  g_assert_cmpint (gtk_widget_get_first_child (
                       GTK_WIDGET (csp_action_plan_page_get_updates_list (page))) != NULL,
                   ==, TRUE);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-action-plan.png");

  /* One undo takes back the update and what it did to the action. */
  {
    g_autofree char *label =
        csp_history_describe_undo (csp_context_get_history (fixture->gui.context));
    g_assert_cmpstr (label, ==, "Undo adding the progress update");
  }
  activate_action (fixture->window, "win.undo");
  g_assert_cmpuint (count_updates (fixture, csp_record_get_id (action)), ==, updates_before);
  g_clear_object (&saved);
  saved = csp_store_get (fixture->gui.store, CSP_TYPE_ACTION, csp_record_get_id (action), NULL);
  g_assert_cmpint (csp_record_get_int (saved, "percent_complete"), ==, percent_before);
  /* Redo brings both back. */
  activate_action (fixture->window, "win.redo");
  g_assert_cmpuint (count_updates (fixture, csp_record_get_id (action)), ==, updates_before + 1);
  g_clear_object (&saved);
  saved = csp_store_get (fixture->gui.store, CSP_TYPE_ACTION, csp_record_get_id (action), NULL);
  g_assert_cmpint (csp_record_get_int (saved, "percent_complete"), ==, 70);
}

static gboolean
find_figure (Fixture *fixture, gint64 metric_id, const char *month, gint64 *value)
{
  CspQuery query = {
    .ref_column = "metric_id", .ref_id = metric_id, .from_date = month, .to_date = month
  };
  g_autoptr (GPtrArray) found =
      csp_store_list (fixture->gui.store, CSP_TYPE_METRIC_VALUE, &query, NULL);

  if (found->len == 0)
    return FALSE;
  *value = csp_record_get_int (g_ptr_array_index (found, 0), "value");
  return TRUE;
}

static void
test_figures_grid (Fixture *fixture, gconstpointer data)
{
  CspFiguresPage *page = csp_trends_page_get_figures_page (
      CSP_TRENDS_PAGE (csp_window_get_page (fixture->window, "trends")));
  g_autoptr (GPtrArray) metrics = csp_store_list (fixture->gui.store, CSP_TYPE_METRIC, NULL, NULL);
  gint64 metric_id = csp_record_get_id (g_ptr_array_index (metrics, 0));
  GtkEditable *cell;
  gint64 value = 0;

  show_window (fixture);
  csp_window_show_page (fixture->window, "trends");
  csp_figures_page_show_year (page, 2021);
  cell = csp_figures_page_get_cell (page, metric_id, "2021-07");
  g_assert_nonnull (cell);
  g_assert_false (find_figure (fixture, metric_id, "2021-07", &value));

  /* A figure typed with a thousands separator is saved as a number. */
  gtk_editable_set_text (cell, "2,512");
  g_signal_emit_by_name (cell, "activate");
  settle ();
  g_assert_true (find_figure (fixture, metric_id, "2021-07", &value));
  g_assert_cmpint (value, ==, 2512);

  /* Nonsense is refused where it was typed, and nothing changes. */
  gtk_editable_set_text (cell, "25x");
  g_signal_emit_by_name (cell, "activate");
  settle ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cell), "error"));
  g_assert_true (find_figure (fixture, metric_id, "2021-07", &value));
  g_assert_cmpint (value, ==, 2512);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-figures.png");

  /* Clearing the cell removes the figure; undo brings it back. */
  gtk_editable_set_text (cell, "");
  g_signal_emit_by_name (cell, "activate");
  settle ();
  g_assert_false (find_figure (fixture, metric_id, "2021-07", &value));
  activate_action (fixture->window, "win.undo");
  g_assert_true (find_figure (fixture, metric_id, "2021-07", &value));
  g_assert_cmpstr (gtk_editable_get_text (cell), ==, "2,512");
}

/* A chart's mark opens the activities behind it. */
static void
test_chart_click_through (Fixture *fixture, gconstpointer data)
{
  GtkWidget *trends = csp_window_get_page (fixture->window, "trends");
  CspQuery query = { .from_date = "2020-11-01", .to_date = "2020-11-30", .mode = "online" };
  guint expected = 0;

  show_window (fixture);
  g_assert_true (csp_store_count (fixture->gui.store, CSP_TYPE_ACTIVITY, &query, &expected, NULL));
  g_assert_cmpuint (expected, >, 0);
  g_signal_emit_by_name (trends, "show-activities", "2020-11-01", "2020-11-30", (gint64) 0,
                         "online");
  settle ();
  g_assert_cmpuint (csp_activities_page_get_n_matching (fixture->page), ==, expected);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-click-through.png");
}

/* Every page at the two sizes people use, looked at; no text cut short. */
static void
test_pages_screenshots (Fixture *fixture, gconstpointer data)
{
  const char *names[] = {
    "activities", "action-plan", "trends", "partners", "reports", "meetings"
  };
  const int sizes[][2] = { { 1280, 800 }, { 1024, 700 } };

  show_window (fixture);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      resize_window (GTK_WINDOW (fixture->window), sizes[s][0], sizes[s][1]);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *file =
              g_strdup_printf ("screenshot-page-%s-%dx%d.png", names[i], sizes[s][0], sizes[s][1]);
          GtkWidget *page = csp_window_get_page (fixture->window, names[i]);
          g_autoptr (GString) cut = g_string_new (NULL);

          csp_window_show_page (fixture->window, names[i]);
          /* The page stack crossfades: the picture is of the page, not the fade. */
          wait_until (is_shown, page, "the page to show");
          settle ();
          save_screenshot (GTK_WIDGET (fixture->window), file);
          collect_cut_labels (GTK_WIDGET (fixture->window), cut);
          if (cut->len > 0)
            g_error ("%s: text cut short: %s", file, cut->str);
        }
    }
}

/* The first mapped widget of @type under @root, depth first. */
static GtkWidget *
find_mapped (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_window_error (void)
{
  g_autoptr (GError) error =
      g_error_new_literal (CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_OURS,
                           "“x.db” is an SQLite database of another program");
  CspWindow *window = csp_window_new_for_error (NULL, error);
  GtkWidget *status;

  gtk_window_present (GTK_WINDOW (window));
  settle ();
  status = find_mapped (GTK_WIDGET (window), ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (status);
  g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (status)), ==, error->message);
  save_screenshot (GTK_WIDGET (window), "screenshot-error.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/window/activities/add", test_add_activity);
  ADD ("/window/priority-choices", test_priority_choices);
  ADD ("/window/activities/validation", test_validation_blocks_save);
  ADD ("/window/activities/delete-undo", test_delete_and_undo);
  ADD ("/window/activities/search", test_search_and_filter);
  ADD ("/window/activities/rows-follow-search-and-sort", test_rows_follow_search_and_sort);
  ADD ("/window/export-list", test_export_list_per_page);
  ADD ("/window/accessible-names", test_accessible_names);
  ADD ("/window/priorities-say-their-plan", test_priorities_say_their_plan);
  ADD ("/window/partners/retire", test_partner_retired_not_deleted);
  ADD ("/window/figures/grid", test_figures_grid);
  ADD ("/window/trends/click-through", test_chart_click_through);
  ADD ("/window/action-plan/edit-and-update", test_action_edit_and_update);
  ADD ("/window/pages", test_pages_screenshots);
#undef ADD
  g_test_add_func ("/window/error", test_window_error);
  return g_test_run ();
}

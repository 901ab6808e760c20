/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-test-util.h"

#include <adwaita.h>
#include <string.h>

#include "csp-action-plan-page.h"
#include "csp-browser-row.h"
#include "csp-choice-row.h"
#include "csp-export-actions.h"
#include "csp-meetings-page.h"
#include "csp-records.h"
#include "csp-row-slot-model.h"
#include "csp-trends-page.h"
#include "csp-window.h"

/* The Meetings & Risks page on the sample partnership, driven through its
 * widgets as a person would: a RAG meeting recorded there moves the Action
 * Plan's "Update due" marks, risks are linked to the actions they affect
 * from either side, and each tab is pictured. */

typedef struct
{
  GuiFixture gui;
  CspWindow *window;
  CspMeetingsPage *page;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  gui_fixture_set_up (&fixture->gui);
  fixture->window = csp_window_new (NULL, fixture->gui.context);
  fixture->page = CSP_MEETINGS_PAGE (csp_window_get_page (fixture->window, "meetings"));
  present_window (GTK_WINDOW (fixture->window));
  csp_window_show_page (fixture->window, "meetings");
  wait_until (is_shown, fixture->page, "the Meetings & Risks page to show");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gui_fixture_tear_down (&fixture->gui);
}

static void
show_tab (Fixture *fixture, GType type)
{
  CspRecordBrowser *browser = csp_meetings_page_get_browser (fixture->page, type);
  AdwViewStack *stack =
      ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (browser), ADW_TYPE_VIEW_STACK));

  adw_view_stack_set_visible_child (stack, GTK_WIDGET (browser));
  wait_until (is_shown, browser, "the tab to show");
}

static gboolean
is_row_titled (GtkWidget *widget, gconstpointer start)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), start);
}

/* Selects the row of the browser's list that shows record @id. */
static void
select_record (CspRecordBrowser *browser, gint64 id)
{
  GtkListView *list = csp_record_browser_get_list (browser);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));

  /* As a person clicks in the list: the focus leaves the form. */
  gtk_widget_grab_focus (GTK_WIDGET (list));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr (GObject) slot = g_list_model_get_item (G_LIST_MODEL (selection), i);
      CspRecordForm *form;

      gtk_single_selection_set_selected (selection, i);
      settle ();
      form = csp_record_editor_get_form (csp_record_browser_get_editor (browser));
      if (csp_record_form_get_record (form) != NULL &&
          csp_record_get_id (csp_record_form_get_record (form)) == id)
        return;
    }
  g_error ("No row shows record %" G_GINT64_FORMAT, id);
}

typedef struct
{
  CspActionPlanPage *page;
  guint expected;
} StaleWait;

static gboolean
stale_is (gconstpointer data)
{
  const StaleWait *wait = data;

  return csp_action_plan_page_count_stale (wait->page) == wait->expected;
}

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* For find_widget(): a partner's check box whose row is shown. */
static gboolean
is_shown_check (GtkWidget *widget, gconstpointer data)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         gtk_widget_get_visible (gtk_widget_get_ancestor (widget, ADW_TYPE_ACTION_ROW));
}

static guint
count_shown_checks (GtkWidget *widget)
{
  guint n = is_shown_check (widget, NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_shown_checks (child);
  return n;
}

static gboolean
shows_one_check (gconstpointer partners)
{
  return count_shown_checks (GTK_WIDGET (partners)) == 1;
}

static char *
typed_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%d/%m/%Y");
}

/* A RAG meeting recorded today makes every open action due an update; its
 * undo puts the marks back where they were. */
static void
test_rag_meeting_moves_update_due (Fixture *fixture, gconstpointer data)
{
  CspActionPlanPage *plan =
      CSP_ACTION_PLAN_PAGE (csp_window_get_page (fixture->window, "action-plan"));
  CspRecordBrowser *meetings = csp_meetings_page_get_browser (fixture->page, CSP_TYPE_MEETING);
  CspRecordEditor *editor = csp_record_browser_get_editor (meetings);
  CspRecordForm *form = csp_record_editor_get_form (editor);
  GtkWidget *partners = csp_record_form_get_field (form, CSP_FORM_PARTNERS);
  g_autofree char *date = today ();
  g_autofree char *typed = typed_today ();
  g_autoptr (GPtrArray) stored = NULL;
  CspQuery newest = { .sort_column = "id", .descending = TRUE, .limit = 1 };
  guint stale_before = csp_action_plan_page_count_stale (plan);
  StaleWait wait = { plan, 0 };
  CspQuery open_2021 = { .plan_id = 2 };
  g_autoptr (GPtrArray) actions = NULL;
  guint n_open = 0;

  actions = csp_store_list (fixture->gui.store, CSP_TYPE_ACTION, &open_2021, NULL);
  for (guint i = 0; i < actions->len; i++)
    {
      const char *status = csp_record_get_string (g_ptr_array_index (actions, i), "status");
      n_open += !g_str_equal (status, "complete") && !g_str_equal (status, "cancelled");
    }
  g_assert_cmpuint (stale_before, <, n_open);

  show_tab (fixture, CSP_TYPE_MEETING);
  activate_action (meetings, "browser.new");
  form_choose (form, "kind", "Responsible Authorities Group");
  form_type_into (form, "title", "Responsible Authorities Group");
  /* Typed as people in Britain write it; stored as ISO. */
  form_type_into (form, "held_on", typed);
  form_type_into (form, "starts_at", "25:00");
  g_assert_false (csp_record_form_get_valid (form));
  g_assert_nonnull (strstr (csp_record_form_get_problem (form), "Time"));
  form_type_into (form, "starts_at", "10:00");
  form_type_into (form, "place", "Microsoft Teams");
  /* Who attended: found by typing part of the name. */
  {
    GtkWidget *search = find_first (partners, GTK_TYPE_SEARCH_ENTRY);

    g_assert_nonnull (search);
    gtk_editable_set_text (GTK_EDITABLE (search), "FIRE");
    wait_until (shows_one_check, partners, "the partners to be found");
    gtk_check_button_set_active (GTK_CHECK_BUTTON (find_widget (partners, is_shown_check, NULL)),
                                 TRUE);
    gtk_editable_set_text (GTK_EDITABLE (search), "");
  }
  g_assert_true (csp_record_form_get_valid (form));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-meetings-new.png");
  activate_action (editor, "editor.save");

  stored = csp_store_list (fixture->gui.store, CSP_TYPE_MEETING, &newest, NULL);
  g_assert_cmpstr (csp_record_get_string (g_ptr_array_index (stored, 0), "held_on"), ==, date);
  g_assert_cmpstr (csp_record_get_string (g_ptr_array_index (stored, 0), "starts_at"), ==, "10:00");
  {
    guint n_attending = 0;
    const gint64 *attending =
        csp_record_get_partner_ids (g_ptr_array_index (stored, 0), &n_attending);
    g_autoptr (CspRecord) partner = NULL;

    g_assert_cmpuint (n_attending, ==, 1);
    partner = csp_store_get (fixture->gui.store, CSP_TYPE_PARTNER, attending[0], NULL);
    g_assert_cmpstr (csp_record_get_string (partner, "name"), ==,
                     "Hertfordshire Fire and Rescue Service");
  }

  /* The Action Plan counts from it: every open action of the plan shown is due. */
  wait.expected = n_open;
  wait_until (stale_is, &wait, "every open action to be due an update");
  csp_window_show_page (fixture->window, "action-plan");
  wait_until (is_shown, plan, "the Action Plan to show");
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-meetings-update-due.png");

  g_assert_true (csp_history_undo (csp_context_get_history (fixture->gui.context), NULL));
  wait.expected = stale_before;
  wait_until (stale_is, &wait, "the marks to go back");
}

/* A risk's editor lists its actions, an action's editor its risks; a link
 * made on one side shows on the other. */
static void
test_risk_links (Fixture *fixture, gconstpointer data)
{
  CspRecordBrowser *risks = csp_meetings_page_get_browser (fixture->page, CSP_TYPE_RISK);
  CspLinkList *actions = csp_meetings_page_get_risk_actions (fixture->page);
  CspActionPlanPage *plan =
      CSP_ACTION_PLAN_PAGE (csp_window_get_page (fixture->window, "action-plan"));
  CspLinkList *risks_of_action = CSP_LINK_LIST (
      find_first (GTK_WIDGET (csp_action_plan_page_get_editor (plan)), CSP_TYPE_LINK_LIST));
  g_autoptr (GError) error = NULL;

  show_tab (fixture, CSP_TYPE_RISK);
  select_record (risks, 2);
  g_assert_cmpuint (csp_link_list_get_n_links (actions), ==, 3);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-meetings-risks.png");
  save_screenshot (GTK_WIDGET (actions), "screenshot-meetings-risk-actions.png");
  {
    /* The score follows the figures as they are typed. */
    CspRecordForm *form = csp_record_editor_get_form (csp_record_browser_get_editor (risks));
    GtkWidget *impact = csp_record_form_get_field (form, "impact");
    AdwPreferencesGroup *score_group =
        ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (impact, ADW_TYPE_PREFERENCES_GROUP));

    g_assert_cmpstr (adw_preferences_group_get_description (score_group), ==,
                     "Score 9 of 25: likelihood 3 × impact 3");
    form_type_into (form, "impact", "5");
    g_assert_cmpstr (adw_preferences_group_get_description (score_group), ==,
                     "Score 15 of 25: likelihood 3 × impact 5");
    form_type_into (form, "impact", "9");
    g_assert_cmpstr (adw_preferences_group_get_description (score_group), ==,
                     "The score is likelihood × impact, each from 1 to 5.");
    csp_record_form_revert (form);
  }

  g_assert_true (csp_action_plan_page_select_action (plan, 22));
  settle ();
  g_assert_nonnull (risks_of_action);
  g_assert_cmpuint (csp_link_list_get_n_links (risks_of_action), ==, 1);

  g_assert_true (csp_link_list_add (actions, 22, &error));
  g_assert_no_error (error);
  settle ();
  g_assert_cmpuint (csp_link_list_get_n_links (actions), ==, 4);
  g_assert_cmpuint (csp_link_list_get_n_links (risks_of_action), ==, 2);
  {
    g_autofree char *label =
        csp_history_describe_undo (csp_context_get_history (fixture->gui.context));
    g_assert_nonnull (label);
  }
  g_assert_true (csp_history_undo (csp_context_get_history (fixture->gui.context), NULL));
  settle ();
  g_assert_cmpuint (csp_link_list_get_n_links (risks_of_action), ==, 1);
}

/* The actions a risk may be linked to are found by typing, as every
 * reference is, and shown whole; the one found is linked with "+". */
static void
test_link_by_typing (Fixture *fixture, gconstpointer data)
{
  CspRecordBrowser *risks = csp_meetings_page_get_browser (fixture->page, CSP_TYPE_RISK);
  CspLinkList *actions = csp_meetings_page_get_risk_actions (fixture->page);
  CspChoiceRow *add_row;
  GtkWidget *search;
  GtkSingleSelection *found;
  const char *chosen;

  show_tab (fixture, CSP_TYPE_RISK);
  select_record (risks, 2);
  g_assert_cmpuint (csp_link_list_get_n_links (actions), ==, 3);
  add_row = CSP_CHOICE_ROW (find_first (GTK_WIDGET (actions), CSP_TYPE_CHOICE_ROW));
  g_assert_nonnull (add_row);
  search = csp_choice_row_get_search_entry (add_row);
  found = GTK_SINGLE_SELECTION (gtk_list_view_get_model (csp_choice_row_get_list (add_row)));

  /* Typed into the search entry of its list (the one the daily test
   * opens: here, so far down the editor, the list would open off the
   * test's small screen). */
  gtk_editable_set_text (GTK_EDITABLE (search), "ani scheme");
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
  g_signal_emit_by_name (search, "activate");
  settle ();
  chosen = adw_action_row_get_subtitle (ADW_ACTION_ROW (add_row));
  g_assert_nonnull (strstr (chosen, "Ask for ANI scheme"));
  g_signal_emit_by_name (find_widget (GTK_WIDGET (add_row), has_tooltip, "Add the link"),
                         "clicked");
  settle ();
  g_assert_cmpuint (csp_link_list_get_n_links (actions), ==, 4);
  g_assert_nonnull (find_widget (GTK_WIDGET (actions), is_row_titled, "2.1 Promote domestic"));
}

/* The mark the Risks list shows beside risk @id ("Review due"), or NULL. */
static char *
risk_mark (CspRecordBrowser *risks, gint64 id)
{
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (csp_record_browser_get_list (risks)));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (CspRowSlot) slot = g_list_model_get_item (rows, i);
      CspBrowserRow *row = csp_row_slot_get_item (slot);
      char *mark = NULL;

      if (row == NULL || csp_record_get_id (csp_browser_row_get_record (row)) != id)
        continue;
      g_object_get (row, "mark", &mark, NULL);
      return mark;
    }
  g_error ("The Risks list has no risk %" G_GINT64_FORMAT, id);
}

typedef struct
{
  CspRecordBrowser *risks;
  gint64 id;
  gboolean marked;
} MarkWait;

static gboolean
mark_is (gconstpointer data)
{
  const MarkWait *wait = data;
  g_autofree char *mark = risk_mark (wait->risks, wait->id);

  return (mark != NULL && *mark != '\0') == wait->marked;
}

/* "Review due" marks the open risks whose review date has passed, as
 * "Update due" marks actions: a later review date, typed in the editor,
 * takes the mark away, and so does closing the risk. */
static void
test_review_due (Fixture *fixture, gconstpointer data)
{
  CspRecordBrowser *risks = csp_meetings_page_get_browser (fixture->page, CSP_TYPE_RISK);
  CspRecordEditor *editor = csp_record_browser_get_editor (risks);
  CspRecordForm *form = csp_record_editor_get_form (editor);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) next_month = g_date_time_add_days (now, 30);
  g_autofree char *later = g_date_time_format (next_month, "%d/%m/%Y");
  g_autofree char *mark = NULL;
  MarkWait wait = { risks, 3, FALSE };

  show_tab (fixture, CSP_TYPE_RISK);
  /* The sample's reviews were all due in 2021. */
  mark = risk_mark (risks, 3);
  g_assert_cmpstr (mark, ==, "Review due");
  select_record (risks, 3);
  form_type_into (form, "review_date", later);
  g_assert_true (csp_record_form_get_valid (form));
  activate_action (editor, "editor.save");
  wait_until (mark_is, &wait, "the mark to go");

  wait.id = 2;
  select_record (risks, 2);
  form_choose (form, "status", "Closed");
  activate_action (editor, "editor.save");
  wait_until (mark_is, &wait, "the closed risk's mark to go");

  /* Undone, the risk is open and its review due again. */
  g_assert_true (csp_history_undo (csp_context_get_history (fixture->gui.context), NULL));
  wait.marked = TRUE;
  wait_until (mark_is, &wait, "the mark to come back");
}

typedef struct
{
  CspTrendsPage *page;
  const char *month;
  const char *label;
  gboolean present;
} EventWait;

/* Whether the trend chart shown marks (or no longer marks) the event. */
static gboolean
chart_marks_event (gconstpointer data)
{
  const EventWait *wait = data;
  CspChart *chart = csp_trends_page_get_chart (wait->page);
  gboolean found = FALSE;

  for (guint i = 0; chart != NULL && i < csp_chart_get_n_events (chart) && !found; i++)
    {
      const char *month = NULL, *label = NULL;

      csp_chart_get_event (chart, i, &month, &label);
      found = g_str_equal (label, wait->label) && g_str_equal (month, wait->month);
    }
  return found == wait->present;
}

/* A chart event added on the Chart Events tab is marked on the open trend
 * chart; deleted, it is gone from it. */
static void
test_chart_event_on_trends (Fixture *fixture, gconstpointer data)
{
  CspTrendsPage *trends = CSP_TRENDS_PAGE (csp_window_get_page (fixture->window, "trends"));
  CspRecordBrowser *events = csp_meetings_page_get_browser (fixture->page, CSP_TYPE_CHART_EVENT);
  CspRecordEditor *editor = csp_record_browser_get_editor (events);
  CspRecordForm *form = csp_record_editor_get_form (editor);
  EventWait wait = { trends, "2021-02", "Safer Streets launch", FALSE };
  EventWait lockdown = { trends, "2021-01", "Third national lockdown", TRUE };

  g_assert_true (csp_trends_page_show_chart (trends, "reach-trend", "2020-04", "2021-06"));
  g_assert_true (chart_marks_event (&wait));
  g_assert_true (chart_marks_event (&lockdown));

  show_tab (fixture, CSP_TYPE_CHART_EVENT);
  activate_action (events, "browser.new");
  form_type_into (form, "title", "Safer Streets launch");
  form_type_into (form, "starts_on", "10/02/2021");
  form_type_into (form, "ends_on", "01/02/2021");
  g_assert_false (csp_record_form_get_valid (form));
  /* The dates quoted as they are read, not as they are stored. */
  g_assert_cmpstr (csp_record_form_get_problem (form), ==,
                   "End date: 1 Feb 2021 is before the start date (10 Feb 2021)");
  form_type_into (form, "ends_on", "");
  g_assert_true (csp_record_form_get_valid (form));
  activate_action (editor, "editor.save");

  wait.present = TRUE;
  wait_until (chart_marks_event, &wait, "the trend chart to mark the new event");
  csp_window_show_page (fixture->window, "trends");
  wait_until (is_shown, trends, "the Trends page to show");
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-meetings-chart-event.png");

  /* Hidden from charts, an event is no longer marked. */
  {
    CspQuery query = { .sort_column = "starts_on" };
    g_autoptr (GPtrArray) all =
        csp_store_list (fixture->gui.store, CSP_TYPE_CHART_EVENT, &query, NULL);
    g_autoptr (CspRecord) third = csp_record_copy (g_ptr_array_index (all, 2));

    g_assert_cmpstr (csp_record_get_string (third, "title"), ==, "Third national lockdown");
    csp_record_set_bool (third, "shown", FALSE);
    g_assert_true (
        csp_history_update (csp_context_get_history (fixture->gui.context), third, NULL));
    lockdown.present = FALSE;
    wait_until (chart_marks_event, &lockdown, "the hidden event to leave the chart");
  }

  /* Deleted through its editor, it is gone from the chart. */
  csp_window_show_page (fixture->window, "meetings");
  wait_until (is_shown, fixture->page, "the Meetings & Risks page to show");
  {
    CspQuery newest = { .sort_column = "id", .descending = TRUE, .limit = 1 };
    g_autoptr (GPtrArray) added =
        csp_store_list (fixture->gui.store, CSP_TYPE_CHART_EVENT, &newest, NULL);

    select_record (events, csp_record_get_id (g_ptr_array_index (added, 0)));
  }
  activate_action (editor, "editor.delete");
  wait.present = FALSE;
  wait_until (chart_marks_event, &wait, "the deleted event to leave the chart");
}

/* Every control of each tab has a name a screen reader can say. */
/* A click on a risk matrix's cell on the Trends page asks for its first
 * risk: the window shows it here, on the Risks tab, in the editor. */
static void
test_risk_from_matrix (Fixture *fixture, gconstpointer data)
{
  CspRecordBrowser *risks = csp_meetings_page_get_browser (fixture->page, CSP_TYPE_RISK);
  GtkWidget *trends = csp_window_get_page (fixture->window, "trends");
  GtkWidget *title;

  csp_window_show_page (fixture->window, "trends");
  wait_until (is_shown, trends, "the Trends page to show");
  g_signal_emit_by_name (trends, "show-risk", (gint64) 3);
  wait_until (is_shown, risks, "the Risks tab to show");
  title = csp_record_form_get_field (
      csp_record_editor_get_form (csp_record_browser_get_editor (risks)), "title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==,
                   "Residents who do not use the internet are left out");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (
                        gtk_list_view_get_model (csp_record_browser_get_list (risks)))),
                    !=, GTK_INVALID_LIST_POSITION);
}

/* Export List on each tab writes that tab's list, as CSV or as XLSX,
 * with the columns people read and every record. */
static void
test_export_each_list (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    GType (*get_type) (void);
    const char *name;
    const char *header;
    const char *row;
  } tabs[] = {
    { csp_meeting_get_type, "meetings", "Kind,Title,Date,Time,Place or link",
      "rag,Responsible Authorities Group,2021-06-08,10:00" },
    { csp_risk_get_type, "risks", "Plan,Title,Description,Owner,Likelihood,Impact",
      "Action Plan 2021-22,Residents who do not use the internet are left out" },
    { csp_chart_event_get_type, "chart-events", "Label,Start date,End date,Shown on charts",
      "First national lockdown,2020-03-23,2020-06-01,yes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
    {
      const char *suffixes[] = { "csv", "xlsx" };
      guint n_records = 0;

      show_tab (fixture, tabs[i].get_type ());
      g_assert_true (csp_page_has_list_export (CSP_PAGE (fixture->page)));
      g_assert_true (
          csp_store_count (fixture->gui.store, tabs[i].get_type (), NULL, &n_records, NULL));
      for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
        {
          g_autofree char *name = g_strdup_printf ("%s.%s", tabs[i].name, suffixes[j]);
          g_autofree char *path = g_build_filename (fixture->gui.folder, name, NULL);
          g_autoptr (GFile) file = g_file_new_for_path (path);
          g_autoptr (CspExportTable) table = NULL;
          g_autoptr (GError) error = NULL;
          g_autofree char *contents = NULL;
          gsize length = 0;

          table = csp_page_open_list_export (CSP_PAGE (fixture->page), &error);
          g_assert_no_error (error);
          g_assert_true (csp_export_table_to_file (table, file, &error));
          g_assert_no_error (error);
          g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
          if (j == 0)
            {
              g_auto (GStrv) lines = g_strsplit (contents, "\r\n", -1);
              guint n_lines = g_strv_length (lines);

              g_assert_nonnull (strstr (lines[0], tabs[i].header));
              g_assert_nonnull (strstr (contents, tabs[i].row));
              /* A header, a line per record (the notes have no line
               * breaks), and the end of the last line. */
              g_assert_cmpuint (n_lines, ==, n_records + 2);
            }
          else
            /* A workbook is a zip package. */
            g_assert_true (length > 4 && memcmp (contents, "PK\x03\x04", 4) == 0);
        }
    }
}

/* Each tab, with a record in its editor, at the two sizes people use:
 * every control named, no text cut short, and pictured. */
static void
test_tabs (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    GType (*get_type) (void);
    gint64 id;
    const char *name;
  } tabs[] = {
    { csp_meeting_get_type, 16, "meetings" },
    { csp_risk_get_type, 3, "risks" },
    { csp_chart_event_get_type, 1, "chart-events" },
  };
  const int sizes[][2] = { { 1280, 800 }, { 1024, 700 } };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      resize_window (GTK_WINDOW (fixture->window), sizes[s][0], sizes[s][1]);
      for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
        {
          CspRecordBrowser *browser =
              csp_meetings_page_get_browser (fixture->page, tabs[i].get_type ());
          g_autofree char *file = g_strdup_printf ("screenshot-page-%s-editor-%dx%d.png",
                                                   tabs[i].name, sizes[s][0], sizes[s][1]);
          g_autoptr (GString) unnamed = g_string_new (NULL);
          g_autoptr (GString) cut = g_string_new (NULL);

          show_tab (fixture, tabs[i].get_type ());
          select_record (browser, tabs[i].id);
          settle ();
          collect_unnamed (GTK_WIDGET (fixture->window), unnamed);
          if (unnamed->len > 0)
            g_error ("Controls without an accessible name:%s", unnamed->str);
          save_screenshot (GTK_WIDGET (fixture->window), file);
          collect_cut_labels (GTK_WIDGET (fixture->window), cut);
          if (cut->len > 0)
            g_error ("%s: text cut short: %s", file, cut->str);
        }
    }
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/meetings/rag-meeting-moves-update-due", test_rag_meeting_moves_update_due);
  ADD ("/meetings/risk-links", test_risk_links);
  ADD ("/meetings/link-by-typing", test_link_by_typing);
  ADD ("/meetings/review-due", test_review_due);
  ADD ("/meetings/risk-from-matrix", test_risk_from_matrix);
  ADD ("/meetings/chart-event-on-trends", test_chart_event_on_trends);
  ADD ("/meetings/export-each-list", test_export_each_list);
  ADD ("/meetings/tabs", test_tabs);
#undef ADD
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-test-util.h"

#include <adwaita.h>
#include <string.h>

#include "csp-activities-page.h"
#include "csp-browser-row.h"
#include "csp-choice-row.h"
#include "csp-export-actions.h"
#include "csp-gui.h"
#include "csp-partners-page.h"
#include "csp-preferences-window.h"
#include "csp-record-browser.h"
#include "csp-report-preview-window.h"
#include "csp-records.h"
#include "csp-reports-page.h"
#include "csp-row-slot-model.h"
#include "csp-trends-page.h"
#include "csp-window.h"

/* What a new user met in a day's work (issue 14), each as they met it:
 * shortcuts pressed where the focus is, undo and redo with the list and
 * the editor side by side, the report's preview, the messages of the form. */

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
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1280, 800);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gui_fixture_tear_down (&fixture->gui);
}

static void
show_page (Fixture *fixture, const char *name)
{
  GtkWidget *page = csp_window_get_page (fixture->window, name);

  present_window (GTK_WINDOW (fixture->window));
  csp_window_show_page (fixture->window, name);
  wait_until (is_shown, page, "the page to show");
  settle ();
}

/* Both sizes the issue was seen at, the window's picture at each, with
 * no text cut short. */
static void
screenshots (Fixture *fixture, const char *name)
{
  const int sizes[][2] = { { 1280, 800 }, { 1024, 700 } };

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *file =
          g_strdup_printf ("screenshot-daily-%s-%dx%d.png", name, sizes[i][0], sizes[i][1]);

      g_autoptr (GString) cut = g_string_new (NULL);

      resize_window (GTK_WINDOW (fixture->window), sizes[i][0], sizes[i][1]);
      save_screenshot (GTK_WIDGET (fixture->window), file);
      collect_cut_labels (GTK_WIDGET (fixture->window), cut);
      if (cut->len > 0)
        g_error ("%s: text cut short: %s", file, cut->str);
    }
  resize_window (GTK_WINDOW (fixture->window), 1280, 800);
}

/* Presses @keyval with @modifiers where the focus is, as GTK hands a key
 * press on: to the shortcuts of the focus widget, then of each widget it
 * sits in, until one takes it. Returns whether one did. */
static gboolean
press_shortcut (GtkWidget *focus, guint keyval, GdkModifierType modifiers)
{
  for (GtkWidget *widget = focus; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

          for (guint j = 0; GTK_IS_SHORTCUT_CONTROLLER (controller) &&
                            j < g_list_model_get_n_items (G_LIST_MODEL (controller));
               j++)
            {
              g_autoptr (GtkShortcut) shortcut =
                  g_list_model_get_item (G_LIST_MODEL (controller), j);
              GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

              if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
                  gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
                  gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers &&
                  gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                gtk_shortcut_get_arguments (shortcut)))
                {
                  settle ();
                  return TRUE;
                }
            }
        }
    }
  return FALSE;
}

/* Puts the keyboard focus on @widget and returns where it went. */
static GtkWidget *
focus_on (GtkWidget *widget)
{
  g_assert_true (gtk_widget_grab_focus (widget));
  settle ();
  return gtk_root_get_focus (gtk_widget_get_root (widget));
}

static guint
count_of (Fixture *fixture, GType type)
{
  guint n = 0;

  g_assert_true (csp_store_count (fixture->gui.store, type, NULL, &n, NULL));
  return n;
}

static GtkSingleSelection *
activities_selection (Fixture *fixture)
{
  GtkColumnView *view = csp_activities_page_get_column_view (fixture->page);

  return GTK_SINGLE_SELECTION (gtk_column_view_get_model (view));
}

static CspRecord *
shown_record (CspRecordEditor *editor)
{
  return csp_record_form_get_record (csp_record_editor_get_form (editor));
}

static gint64
shown_id (CspRecordEditor *editor)
{
  CspRecord *record = shown_record (editor);

  return record != NULL ? csp_record_get_id (record) : 0;
}

/* The id of the record in the selected row of a list, 0 for none. */
static gint64
selected_id (GtkSingleSelection *selection)
{
  g_autoptr (CspRowSlot) slot =
      gtk_single_selection_get_selected_item (selection) != NULL
          ? g_object_ref (gtk_single_selection_get_selected_item (selection))
          : NULL;

  return slot != NULL ? csp_record_get_id (csp_row_slot_get_item (slot)) : 0;
}

static gint64
selected_activity (Fixture *fixture)
{
  return selected_id (activities_selection (fixture));
}

/* Item 4: Ctrl+Delete deletes the selected activity with the focus in the
 * list, as the button's tooltip and the Shortcuts window say. */
static void
test_delete_from_list (Fixture *fixture, gconstpointer data)
{
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);
  guint before = count_of (fixture, CSP_TYPE_ACTIVITY);
  GtkWidget *focus;
  gint64 id;

  show_page (fixture, "activities");
  gtk_single_selection_set_selected (activities_selection (fixture), 2);
  settle ();
  id = shown_id (editor);
  g_assert_cmpint (id, !=, 0);
  focus = focus_on (GTK_WIDGET (csp_activities_page_get_column_view (fixture->page)));
  g_assert_true (gtk_widget_is_ancestor (
      focus, GTK_WIDGET (csp_activities_page_get_column_view (fixture->page))));

  g_assert_true (press_shortcut (focus, GDK_KEY_Delete, GDK_CONTROL_MASK));
  g_assert_cmpuint (count_of (fixture, CSP_TYPE_ACTIVITY), ==, before - 1);
  g_assert_null (csp_store_get (fixture->gui.store, CSP_TYPE_ACTIVITY, id, NULL));
  g_assert_cmpint (shown_id (editor), ==, 0);
  g_assert_cmpint (selected_activity (fixture), ==, 0);
}

/* Item 4: and with the focus in the editor's form. */
static void
test_delete_from_editor (Fixture *fixture, gconstpointer data)
{
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);
  guint before = count_of (fixture, CSP_TYPE_ACTIVITY);
  GtkWidget *focus;

  show_page (fixture, "activities");
  gtk_single_selection_set_selected (activities_selection (fixture), 0);
  settle ();
  /* In a text field Ctrl+Delete deletes the word after the cursor, as in
   * every text field; elsewhere in the form it deletes the record. */
  focus = focus_on (csp_record_form_get_field (csp_record_editor_get_form (editor), "format"));
  g_assert_true (press_shortcut (focus, GDK_KEY_Delete, GDK_CONTROL_MASK));
  g_assert_cmpuint (count_of (fixture, CSP_TYPE_ACTIVITY), ==, before - 1);
}

/* Item 4: the lists of reference records (csp-record-browser.c) alike. */
static void
test_delete_from_browser (Fixture *fixture, gconstpointer data)
{
  CspPartnersPage *partners = CSP_PARTNERS_PAGE (csp_window_get_page (fixture->window, "partners"));
  CspRecordBrowser *browser = csp_partners_page_get_browser (partners, CSP_TYPE_PARTNER);
  CspRecordEditor *editor = csp_record_browser_get_editor (browser);
  GtkListView *list = csp_record_browser_get_list (browser);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (GError) error = NULL;
  guint before;
  gint64 id;

  show_page (fixture, "partners");
  csp_record_set_string (partner, "name", "Aardvark Residents' Association");
  csp_record_set_string (partner, "kind", "voluntary");
  g_assert_true (
      csp_history_insert (csp_context_get_history (fixture->gui.context), partner, &error));
  g_assert_no_error (error);
  settle ();
  before = count_of (fixture, CSP_TYPE_PARTNER);
  id = csp_record_get_id (partner);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      CspRowSlot *slot = g_list_model_get_item (G_LIST_MODEL (selection), i);

      CspBrowserRow *row = csp_row_slot_get_item (slot);

      if (csp_record_get_id (csp_browser_row_get_record (row)) == id)
        gtk_single_selection_set_selected (selection, i);
      g_object_unref (slot);
    }
  settle ();
  g_assert_cmpint (shown_id (editor), ==, id);

  g_assert_true (press_shortcut (focus_on (GTK_WIDGET (list)), GDK_KEY_Delete, GDK_CONTROL_MASK));
  g_assert_cmpuint (count_of (fixture, CSP_TYPE_PARTNER), ==, before - 1);
  g_assert_cmpint (shown_id (editor), ==, 0);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, GTK_INVALID_LIST_POSITION);
}

/* The list's selected row and the editor show the same activity, or none. */
static void
assert_in_step (Fixture *fixture, gint64 expected)
{
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);

  g_assert_cmpint (shown_id (editor), ==, expected);
  g_assert_cmpint (selected_activity (fixture), ==, expected);
}

static const char *
shown_title (Fixture *fixture)
{
  return csp_record_get_string (shown_record (csp_activities_page_get_editor (fixture->page)),
                                "title");
}

/* Item 3: after undo or redo, of an edit and of an addition, the list
 * selection and the editor show the same record, or none. */
static void
test_undo_keeps_list_and_editor_in_step (Fixture *fixture, gconstpointer data)
{
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);
  CspRecordForm *form = csp_record_editor_get_form (editor);
  g_autofree char *title = NULL;
  gint64 edited, added;

  show_page (fixture, "activities");
  gtk_single_selection_set_selected (activities_selection (fixture), 1);
  settle ();
  edited = shown_id (editor);
  title = g_strdup (shown_title (fixture));
  form_type_into (form, "title", "Renamed briefing");
  activate_action (editor, "editor.save");
  assert_in_step (fixture, edited);

  activate_action (fixture->window, "win.undo");
  assert_in_step (fixture, edited);
  g_assert_cmpstr (shown_title (fixture), ==, title);
  activate_action (fixture->window, "win.redo");
  assert_in_step (fixture, edited);
  g_assert_cmpstr (shown_title (fixture), ==, "Renamed briefing");

  activate_action (fixture->page, "activities.new");
  form_type_into (form, "title", "Coffee with a cop");
  form_choose (form, "format", "Event");
  form_choose (form, "mode", "In person");
  activate_action (editor, "editor.save");
  added = shown_id (editor);
  g_assert_cmpint (added, !=, 0);
  assert_in_step (fixture, added);
  screenshots (fixture, "undo-before");

  /* Undoing the addition leaves neither showing it. */
  activate_action (fixture->window, "win.undo");
  g_assert_null (csp_store_get (fixture->gui.store, CSP_TYPE_ACTIVITY, added, NULL));
  assert_in_step (fixture, 0);
  screenshots (fixture, "undo-after");
  activate_action (fixture->window, "win.redo");
  g_assert_cmpint (selected_activity (fixture), ==, shown_id (editor));
}

/* The column of the Activities list for the field @id, if any. */
static GtkColumnViewColumn *
activity_column (Fixture *fixture, const char *title)
{
  GListModel *columns =
      gtk_column_view_get_columns (csp_activities_page_get_column_view (fixture->page));

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), title))
        return column;
    }
  g_assert_not_reached ();
}

/* Item 7: the editor takes no room until an activity is opened and can be
 * closed; the columns shown are chosen from a header's menu and kept. */
static void
test_activities_room (Fixture *fixture, gconstpointer data)
{
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);
  GtkWidget *list = GTK_WIDGET (csp_activities_page_get_column_view (fixture->page));
  GtkWidget *list_view = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  GtkColumnViewColumn *reach = activity_column (fixture, "Reach");
  GtkColumnViewColumn *priority = activity_column (fixture, "Priority");
  GMenuModel *menu = gtk_column_view_column_get_header_menu (reach);
  g_autoptr (GSettings) settings = csp_gui_settings_new ();
  g_auto (GStrv) hidden = NULL;
  int page_width;

  show_page (fixture, "activities");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  /* The list has the page's width, less its scrollbar's. */
  page_width = gtk_widget_get_width (GTK_WIDGET (fixture->page));
  g_assert_cmpint (gtk_widget_get_width (list_view), >=, page_width - 20);
  /* Priority is left out at first, so the rest fit beside the sidebar. */
  g_assert_false (gtk_column_view_column_get_visible (priority));
  g_assert_true (gtk_column_view_column_get_visible (reach));
  screenshots (fixture, "activities-list");
  /* At 1024 pixels the sidebar folds away, whichever pages were opened
   * before (this test opened none but this): the page has the width. */
  resize_window (GTK_WINDOW (fixture->window), 1024, 700);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->page)), >=,
                   gtk_widget_get_width (GTK_WIDGET (fixture->window)) - 20);
  resize_window (GTK_WINDOW (fixture->window), 1280, 800);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->page)), <=,
                   gtk_widget_get_width (GTK_WIDGET (fixture->window)) - 200);

  gtk_single_selection_set_selected (activities_selection (fixture), 3);
  settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpint (shown_id (editor), !=, 0);
  screenshots (fixture, "activities-editor");
  /* Back at 1280 pixels wide, the editor has its room. */
  settle ();
  page_width = gtk_widget_get_width (GTK_WIDGET (fixture->page));
  g_assert_cmpint (gtk_widget_get_width (list_view), <=, page_width - 380);
  activate_action (editor, "editor.close");
  settle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpint (selected_activity (fixture), ==, 0);

  /* Every header's menu lists the columns with a check mark each. */
  g_assert_nonnull (menu);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 1);
  g_assert_cmpint (
      g_menu_model_get_n_items (g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION)), ==, 9);
  activate_action (list, "columns.reach");
  g_assert_false (gtk_column_view_column_get_visible (reach));
  activate_action (list, "columns.priority_id");
  g_assert_true (gtk_column_view_column_get_visible (priority));
  hidden = g_settings_get_strv (settings, "hidden-activity-columns");
  g_assert_true (g_strv_contains ((const char *const *) hidden, "reach"));
  g_assert_false (g_strv_contains ((const char *const *) hidden, "priority_id"));

  /* The next window shows the same columns. */
  {
    CspWindow *again = csp_window_new (NULL, fixture->gui.context);
    CspActivitiesPage *page = CSP_ACTIVITIES_PAGE (csp_window_get_page (again, "activities"));
    GListModel *columns = gtk_column_view_get_columns (csp_activities_page_get_column_view (page));

    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        g_assert_cmpint (gtk_column_view_column_get_visible (column), ==,
                         !g_str_equal (gtk_column_view_column_get_title (column), "Reach"));
      }
    gtk_window_destroy (GTK_WINDOW (again));
  }
  g_settings_reset (settings, "hidden-activity-columns");
}

static gboolean is_label_saying (GtkWidget *widget, gconstpointer text);

static gboolean
is_cell_saying (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_INSCRIPTION (widget) &&
         g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0;
}

/* Items 8 and 10 on the Activities list's filters: a custom period is
 * shown and typed dd/mm/yyyy (a chart's click-through fills it so), a
 * date that is not one is marked and said, and the partner and priority
 * filters find their names by typing. */
static void
test_activities_filters (Fixture *fixture, gconstpointer data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  GtkWidget *from = NULL, *to = NULL;
  const char *const filters[] = { "Partner", "Priority" };
  guint all = 0;

  show_page (fixture, "activities");
  all = csp_activities_page_get_n_matching (fixture->page);
  {
    /* A title its column cuts short is whole in its tooltip. */
    static const char title[] = "Summer youth diversion programme launch";
    GtkWidget *cell = find_widget (page, is_cell_saying, title);

    g_assert_nonnull (cell);
    g_assert_cmpstr (gtk_widget_get_tooltip_text (cell), ==, title);
  }
  from = find_widget (page, has_tooltip, "From, as dd/mm/yyyy");
  to = find_widget (page, has_tooltip, "To, as dd/mm/yyyy");
  g_assert_nonnull (from);
  g_assert_nonnull (to);

  csp_activities_page_show_filtered (fixture->page, "2021-04-01", "2021-06-30", 0, NULL);
  settle ();
  g_assert_true (gtk_widget_get_visible (from));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (from)), ==, "01/04/2021");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, "30/06/2021");
  g_assert_cmpstr (csp_activities_page_get_query (fixture->page)->from_date, ==, "2021-04-01");
  g_assert_cmpuint (csp_activities_page_get_n_matching (fixture->page), <, all);

  /* Typed as a person would, then one that is no day. */
  gtk_editable_set_text (GTK_EDITABLE (from), "1/5/2021");
  g_signal_emit_by_name (from, "activate");
  settle ();
  g_assert_cmpstr (csp_activities_page_get_query (fixture->page)->from_date, ==, "2021-05-01");
  gtk_editable_set_text (GTK_EDITABLE (to), "31/02/2021");
  g_signal_emit_by_name (to, "activate");
  settle ();
  g_assert_true (gtk_widget_has_css_class (to, "error"));
  g_assert_false (gtk_widget_has_css_class (from, "error"));
  g_assert_nonnull (find_widget (page, is_label_saying,
                                 "A date in the filter is not a date: write it as dd/mm/yyyy."));
  /* The list is left as it was, not filtered by a guess. */
  g_assert_cmpstr (csp_activities_page_get_query (fixture->page)->to_date, ==, "2021-06-30");
  screenshots (fixture, "activities-filter-dates");
  gtk_editable_set_text (GTK_EDITABLE (to), "");
  g_signal_emit_by_name (to, "activate");
  settle ();
  g_assert_false (gtk_widget_has_css_class (to, "error"));
  g_assert_null (find_widget (page, is_label_saying,
                              "A date in the filter is not a date: write it as dd/mm/yyyy."));
  g_assert_null (csp_activities_page_get_query (fixture->page)->to_date);

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      GtkDropDown *dropdown = GTK_DROP_DOWN (find_widget (page, has_tooltip, filters[i]));
      g_autoptr (GObject) item = NULL;
      GValue value = G_VALUE_INIT;

      g_assert_nonnull (dropdown);
      g_assert_true (gtk_drop_down_get_enable_search (dropdown));
      /* What the search matches typed text against: each choice's name. */
      item = g_list_model_get_item (gtk_drop_down_get_model (dropdown), 1);
      g_assert_true (
          gtk_expression_evaluate (gtk_drop_down_get_expression (dropdown), item, &value));
      g_assert_cmpstr (g_value_get_string (&value), ==,
                       gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
      g_assert_cmpstr (g_value_get_string (&value), !=, "");
      g_value_unset (&value);
    }
}

/* Item 10: a reference's choices are found by typing, and Enter picks the
 * name highlighted, in the list or (the first found) from the entry. */
static void
test_choose_by_keyboard (Fixture *fixture, gconstpointer data)
{
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);
  CspRecordForm *form = csp_record_editor_get_form (editor);
  CspChoiceRow *lead = CSP_CHOICE_ROW (csp_record_form_get_field (form, "lead_partner_id"));
  GtkWidget *search = csp_choice_row_get_search_entry (lead);
  GtkListView *list = csp_choice_row_get_list (lead);
  GtkSingleSelection *highlight = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  g_autoptr (GtkStringObject) third = NULL;
  g_autofree char *third_name = NULL;
  CspRecord *working;
  gint64 chosen;

  show_page (fixture, "activities");
  gtk_single_selection_set_selected (activities_selection (fixture), 0);
  settle ();
  csp_choice_row_popup (lead);
  settle ();
  save_screenshot (gtk_widget_get_ancestor (search, GTK_TYPE_POPOVER),
                   "screenshot-daily-choose-partner-all.png");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (search, GTK_TYPE_POPOVER)));
  /* The entry's text has the keyboard. */
  g_assert_true (
      gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (search)), search));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (highlight)), >=, 17);

  /* Typing narrows the names to those with the words in them. */
  gtk_editable_set_text (GTK_EDITABLE (search), "fire");
  settle ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (highlight)), ==, 1);
  save_screenshot (gtk_widget_get_ancestor (search, GTK_TYPE_POPOVER),
                   "screenshot-daily-choose-partner.png");
  g_signal_emit_by_name (search, "activate");
  settle ();
  working = csp_record_form_get_record (form);
  chosen = csp_record_get_int (working, "lead_partner_id");
  {
    g_autoptr (CspRecord) partner =
        csp_store_get (fixture->gui.store, CSP_TYPE_PARTNER, chosen, NULL);

    g_assert_nonnull (partner);
    g_assert_cmpstr (csp_record_get_string (partner, "name"), ==,
                     adw_action_row_get_subtitle (ADW_ACTION_ROW (lead)));
    g_assert_nonnull (strstr (csp_record_get_string (partner, "name"), "Fire"));
  }

  /* Down, Down, Enter in the list picks the name the keyboard is on. */
  csp_choice_row_popup (lead);
  settle ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  gtk_single_selection_set_selected (highlight, 2);
  third = g_list_model_get_item (G_LIST_MODEL (highlight), 2);
  third_name = g_strdup (gtk_string_object_get_string (third));
  gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 2);
  settle ();
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (lead)), ==, third_name);
  g_assert_cmpuint (csp_choice_row_get_selected (lead), ==, 2);
  g_assert_true (csp_record_form_get_modified (form));
  csp_record_form_revert (form);
}

/* Presses @keyval in @widget's key controller, as a key press there would. */
static gboolean
press_key (GtkWidget *widget, guint keyval)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  settle ();
  return handled;
}

/* The name in the row of @list that has the keyboard focus. */
static const char *
focused_name (GtkListView *list)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (list)));
  GtkWidget *label = focus != NULL ? find_first (focus, GTK_TYPE_LABEL) : NULL;

  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (list)));
  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

/* Item 10 by the keys themselves: after typing, Down from the entry
 * lands on the name highlighted, Down moves the highlight, and Enter
 * picks the name highlighted, whatever the keyboard was on before. */
static void
test_choose_by_keys (Fixture *fixture, gconstpointer data)
{
  CspRecordForm *form = csp_record_editor_get_form (csp_activities_page_get_editor (fixture->page));
  CspChoiceRow *lead = CSP_CHOICE_ROW (csp_record_form_get_field (form, "lead_partner_id"));
  GtkWidget *search = csp_choice_row_get_search_entry (lead);
  GtkListView *list = csp_choice_row_get_list (lead);
  GtkSingleSelection *highlight = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  const guint presses[] = { 0, 2 };

  show_page (fixture, "activities");
  gtk_single_selection_set_selected (activities_selection (fixture), 0);
  settle ();
  for (guint i = 0; i < G_N_ELEMENTS (presses); i++)
    {
      g_autofree char *expected = NULL;

      csp_choice_row_popup (lead);
      settle ();
      /* The list's keyboard starts on the name chosen before; typing
       * highlights the first name found. */
      gtk_editable_set_text (GTK_EDITABLE (search), "hert");
      settle ();
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (highlight)), >, 3);
      g_assert_cmpuint (gtk_single_selection_get_selected (highlight), ==, 0);
      g_assert_true (press_key (search, GDK_KEY_Down));
      for (guint j = 0; j < presses[i]; j++)
        g_assert_true (
            press_shortcut (gtk_root_get_focus (gtk_widget_get_root (search)), GDK_KEY_Down, 0));
      g_assert_cmpuint (gtk_single_selection_get_selected (highlight), ==, presses[i]);
      expected = g_strdup (
          gtk_string_object_get_string (gtk_single_selection_get_selected_item (highlight)));
      g_assert_cmpstr (focused_name (list), ==, expected);
      g_assert_true (
          press_shortcut (gtk_root_get_focus (gtk_widget_get_root (search)), GDK_KEY_Return, 0));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (lead)), ==, expected);
    }
  csp_record_form_revert (form);
}

static gboolean
has_shown_window (gconstpointer type)
{
  return find_shown_window ((GType) GPOINTER_TO_SIZE (type)) != NULL;
}

static GtkWindow *
wait_for_window (GType type)
{
  wait_until (has_shown_window, GSIZE_TO_POINTER (type), g_type_name (type));
  settle ();
  return find_shown_window (type);
}

/* How much of @widget's drawing is not white: a page with its text drawn
 * on it has some, a blank one none. */
static double
inked_fraction (GtkWidget *widget)
{
  g_autoptr (GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  g_autofree guchar *pixels = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  guint inked = 0;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc ((gsize) width * height * 4);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    inked += pixels[i * 4] < 128 && pixels[i * 4 + 3] > 0;
  return (double) inked / ((double) width * height);
}

/* Item 5: Preview shows the report's own pages inside CSP Engage, page by
 * page and zoomable, with no outside PDF viewer. */
static void
test_preview_in_window (Fixture *fixture, gconstpointer data)
{
  CspReportsPage *reports = CSP_REPORTS_PAGE (csp_window_get_page (fixture->window, "reports"));
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (fixture->window));
  CspReportPreviewWindow *preview;
  GtkWidget *first;
  int width;

  /* A desktop without a PDF viewer: nothing outside is needed. */
  g_object_set (settings, "gtk-print-preview-command", "csp-engage-test-no-such-viewer %f", NULL);
  show_page (fixture, "reports");
  gtk_list_box_select_row (
      csp_reports_page_get_reports_list (reports),
      gtk_list_box_get_row_at_index (csp_reports_page_get_reports_list (reports), 0));
  settle ();
  activate_action (reports, "reports.print-preview");
  preview = CSP_REPORT_PREVIEW_WINDOW (wait_for_window (CSP_TYPE_REPORT_PREVIEW_WINDOW));
  g_assert_nonnull (preview);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (preview)), "Preview: "));
  /* The heading block, the sections, the appendix table and the charts. */
  g_assert_cmpuint (csp_report_preview_window_get_n_pages (preview), >=, 4);
  first = csp_report_preview_window_get_page (preview, 0);
  settle ();
  width = gtk_widget_get_width (first);
  g_assert_cmpint (width, ==, (int) (210.0 / 25.4 * 96.0));
  g_assert_cmpfloat (inked_fraction (first), >, 0.005);
  {
    /* Every control of the window has a name a screen reader can say. */
    g_autoptr (GString) unnamed = g_string_new (NULL);

    collect_unnamed (GTK_WIDGET (preview), unnamed);
    g_assert_cmpstr (unnamed->str, ==, "");
  }
  {
    /* The first page is whole in the window, though the appendix's
     * landscape pages make the column of pages wider than it. */
    double x = -1, y = -1;

    wait_for_frame (GTK_WIDGET (preview));
    settle ();
    g_assert_true (gtk_widget_translate_coordinates (first, GTK_WIDGET (preview), 0, 0, &x, &y));
    g_assert_cmpfloat (x, >=, 0);
    g_assert_cmpfloat (x + width, <=, gtk_widget_get_width (GTK_WIDGET (preview)));
  }
  save_screenshot (GTK_WIDGET (preview), "screenshot-daily-preview.png");

  activate_action (preview, "preview.zoom-in");
  settle ();
  g_assert_cmpfloat (csp_report_preview_window_get_zoom (preview), >, 1.0);
  g_assert_cmpint (gtk_widget_get_width (first), >, width);
  activate_action (preview, "preview.zoom-reset");
  activate_action (preview, "preview.zoom-out");
  settle ();
  g_assert_cmpint (gtk_widget_get_width (first), <, width);
  gtk_window_destroy (GTK_WINDOW (preview));
  settle ();

  /* The print dialog's own Preview shows the same pages in the same kind
   * of window, not in the outside viewer this desktop lacks. */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (GtkPrintOperation) operation =
        csp_reports_page_create_print_operation (reports, &error);
    GtkPrintOperationResult result;

    g_assert_no_error (error);
    result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PREVIEW,
                                      GTK_WINDOW (fixture->window), &error);
    g_assert_no_error (error);
    g_assert_cmpint (result, !=, GTK_PRINT_OPERATION_RESULT_ERROR);
    preview = CSP_REPORT_PREVIEW_WINDOW (wait_for_window (CSP_TYPE_REPORT_PREVIEW_WINDOW));
    g_assert_nonnull (preview);
    g_assert_cmpuint (csp_report_preview_window_get_n_pages (preview), >=, 4);
    gtk_window_destroy (GTK_WINDOW (preview));
    settle ();
  }
}

/* The dialog shown that says why @heading's work failed, closed once read. */
static void
assert_failure_dialog (const char *heading, const char *why)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (wait_for_window (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), why));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  settle ();
}

/* Item 5: an export that cannot be written says why in a dialog, which
 * waits to be read, not in a toast that goes. */
static void
test_failure_says_why (Fixture *fixture, gconstpointer data)
{
  CspTrendsPage *trends = CSP_TRENDS_PAGE (csp_window_get_page (fixture->window, "trends"));
  g_autofree char *missing = g_build_filename (fixture->gui.folder, "no-such-folder", NULL);
  g_autofree char *chart_path = g_build_filename (missing, "chart.png", NULL);
  g_autofree char *list_path = g_build_filename (missing, "activities.csv", NULL);
  g_autoptr (GFile) chart_file = g_file_new_for_path (chart_path);
  g_autoptr (GFile) list_file = g_file_new_for_path (list_path);
  g_autoptr (CspExportTable) table = NULL;
  g_autoptr (GError) error = NULL;

  show_page (fixture, "trends");
  g_assert_true (csp_trends_page_show_chart (trends, "reach-trend", NULL, NULL));
  g_assert_false (csp_trends_page_save_chart (trends, chart_file));
  assert_failure_dialog ("Could Not Export the Chart", "its folder does not exist");

  show_page (fixture, "activities");
  table = csp_page_open_list_export (CSP_PAGE (fixture->page), &error);
  g_assert_no_error (error);
  g_assert_false (
      csp_export_save (GTK_WINDOW (fixture->window), fixture->gui.context, table, list_file));
  assert_failure_dialog ("Export Failed", "its folder does not exist");
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  /* The report shown, deleted behind the page's back: Preview and Print
   * say they could not, and why. */
  {
    CspReportsPage *reports = CSP_REPORTS_PAGE (csp_window_get_page (fixture->window, "reports"));
    CspRecord *shown;

    show_page (fixture, "reports");
    gtk_list_box_select_row (
        csp_reports_page_get_reports_list (reports),
        gtk_list_box_get_row_at_index (csp_reports_page_get_reports_list (reports), 0));
    settle ();
    shown = shown_record (csp_reports_page_get_editor (reports));
    g_assert_nonnull (shown);
    g_assert_true (csp_store_delete (fixture->gui.store, shown, &error));
    g_assert_no_error (error);
    activate_action (reports, "reports.print-preview");
    assert_failure_dialog ("Could Not Preview the Report", "There is no committee report");
    activate_action (reports, "reports.print");
    assert_failure_dialog ("Could Not Print the Report", "There is no committee report");
  }
}

static gboolean
is_label_saying (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (widget)), text);
}

/* The label under @field's row that says its problem: shown, an alert for
 * screen readers, and what describes the field to them. */
static void
assert_message_under (CspRecordForm *form, const char *column, const char *text)
{
  GtkWidget *field = csp_record_form_get_field (form, column);
  GtkWidget *row = gtk_widget_get_next_sibling (field);
  GtkWidget *label = find_widget (row, is_label_saying, text);

  g_assert_nonnull (label);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (label)), ==,
                   GTK_ACCESSIBLE_ROLE_ALERT);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                       label, NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       text);
}

/* Item 9: a problem is said in words under its field, and beside Save, and
 * quotes what was typed, letter by letter as it was typed. */
static void
test_validation_messages (Fixture *fixture, gconstpointer data)
{
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);
  CspRecordForm *form = csp_record_editor_get_form (editor);
  const char *reach = "Reach: “abc” is not a whole number";
  const char *typed[] = { "a", "ab", "abc" };

  show_page (fixture, "activities");
  activate_action (fixture->page, "activities.new");
  form_type_into (form, "title", "Street briefing in Peartree");
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    form_type_into (form, "reach", typed[i]);
  settle ();
  g_assert_cmpstr (csp_record_form_get_problem (form), ==, reach);
  assert_message_under (form, "reach", reach);
  g_assert_nonnull (find_widget (GTK_WIDGET (editor), is_label_saying, reach));
  form_type_into (form, "reach", "");

  form_type_into (form, "start_date", "10/06/2021");
  form_type_into (form, "end_date", "01/06/2021");
  settle ();
  g_assert_nonnull (csp_record_form_get_problem (form));
  assert_message_under (form, "end_date", csp_record_form_get_problem (form));
  gtk_widget_grab_focus (csp_record_form_get_field (form, "end_date"));
  screenshots (fixture, "validation");

  form_type_into (form, "end_date", "");
  settle ();
  g_assert_null (csp_record_form_get_problem (form));
  g_assert_false (gtk_widget_get_visible (
      gtk_widget_get_next_sibling (csp_record_form_get_field (form, "end_date"))));
}

static gboolean
is_shown_duplicate_button (GtkWidget *widget)
{
  const char *action =
      GTK_IS_BUTTON (widget) ? gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)) : NULL;

  return action != NULL && g_str_has_suffix (action, ".duplicate") &&
         gtk_widget_is_drawable (widget);
}

static guint
count_duplicate_buttons (GtkWidget *widget, GtkWidget **last)
{
  guint n = 0;

  if (is_shown_duplicate_button (widget))
    {
      *last = widget;
      n++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_duplicate_buttons (child, last);
  return n;
}

/* Item 11: the Reports page has one Duplicate, beside New: the one that
 * duplicates the report with its sections for the next meeting. The
 * editor's shortcut for its own copy of the details does nothing there. */
static void
test_reports_one_duplicate (Fixture *fixture, gconstpointer data)
{
  CspReportsPage *reports = CSP_REPORTS_PAGE (csp_window_get_page (fixture->window, "reports"));
  CspRecordEditor *editor = csp_reports_page_get_editor (reports);
  GtkWidget *button = NULL;
  guint before = count_of (fixture, CSP_TYPE_COMMITTEE_REPORT);

  show_page (fixture, "reports");
  gtk_list_box_select_row (
      csp_reports_page_get_reports_list (reports),
      gtk_list_box_get_row_at_index (csp_reports_page_get_reports_list (reports), 0));
  settle ();
  g_assert_cmpuint (count_duplicate_buttons (GTK_WIDGET (reports), &button), ==, 1);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "reports.duplicate");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                   "Duplicate for the next meeting (Ctrl+Shift+D)");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Duplicate for next meeting");
  g_assert_true (gtk_widget_is_sensitive (button));
  /* Ctrl+D's action: disabled, the editor keeps the stored report. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.duplicate", NULL);
  settle ();
  g_assert_cmpint (shown_id (editor), !=, 0);
  g_assert_cmpuint (count_of (fixture, CSP_TYPE_COMMITTEE_REPORT), ==, before);
  screenshots (fixture, "reports-one-duplicate");
}

static gboolean
is_record_form (GtkWidget *widget, gconstpointer data)
{
  return CSP_IS_RECORD_FORM (widget);
}

/* Item 11: the financial year's first month is chosen by its name, from
 * January to December, and saved as its number. */
static void
test_preferences_month_picker (Fixture *fixture, gconstpointer data)
{
  const char *months[] = { "January", "February", "March",     "April",   "May",      "June",
                           "July",    "August",   "September", "October", "November", "December" };
  g_autoptr (GString) unnamed = g_string_new (NULL);
  g_autoptr (GPtrArray) rows = NULL;
  CspPreferencesWindow *preferences;
  CspRecordForm *form;
  AdwComboRow *row;
  GListModel *labels;

  present_window (GTK_WINDOW (fixture->window));
  preferences = csp_preferences_window_new (GTK_WINDOW (fixture->window), fixture->gui.context);
  gtk_window_set_default_size (GTK_WINDOW (preferences), 640, 720);
  present_window (GTK_WINDOW (preferences));
  settle ();
  form = CSP_RECORD_FORM (find_widget (GTK_WIDGET (preferences), is_record_form, NULL));
  row = ADW_COMBO_ROW (csp_record_form_get_field (form, "financial_year_start_month"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Financial year starts in");
  labels = adw_combo_row_get_model (row);
  /* "Choose…" first, as in every required list, then the months. */
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, 13);
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), i + 1), ==, months[i]);
  g_assert_cmpstr (
      gtk_string_list_get_string (GTK_STRING_LIST (labels), adw_combo_row_get_selected (row)), ==,
      "April");
  /* Ours, not the window's hidden search entry, which libadwaita builds. */
  collect_unnamed (GTK_WIDGET (form), unnamed);
  g_assert_cmpstr (unnamed->str, ==, "");
  save_screenshot (GTK_WIDGET (preferences), "screenshot-daily-preferences-month.png");

  form_choose (form, "financial_year_start_month", "January");
  settle ();
  g_assert_cmpint (
      csp_record_get_int (csp_record_form_get_record (form), "financial_year_start_month"), ==, 1);
  g_assert_true (csp_record_form_get_valid (form));
  g_assert_true (csp_record_form_get_modified (form));
  g_signal_emit_by_name (find_widget (GTK_WIDGET (preferences), is_button_labelled, "_Save"),
                         "clicked");
  settle ();
  rows = csp_store_list (fixture->gui.store, CSP_TYPE_SETTINGS, NULL, NULL);
  g_assert_cmpint (csp_record_get_int (g_ptr_array_index (rows, 0), "financial_year_start_month"),
                   ==, 1);
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* Item 8: the editor shows a date as it is typed in Britain, dd/mm/yyyy,
 * and stores it as ISO. */
static void
test_dates_in_editor (Fixture *fixture, gconstpointer data)
{
  CspRecordEditor *editor = csp_activities_page_get_editor (fixture->page);
  CspRecordForm *form = csp_record_editor_get_form (editor);
  const char *stored;
  g_autofree char *expected = NULL;
  guint year, month, day;

  show_page (fixture, "activities");
  gtk_single_selection_set_selected (activities_selection (fixture), 0);
  settle ();
  stored = csp_record_get_string (shown_record (editor), "start_date");
  g_assert_cmpint (sscanf (stored, "%4u-%2u-%2u", &year, &month, &day), ==, 3);
  expected = g_strdup_printf ("%02u/%02u/%04u", day, month, year);
  g_assert_cmpstr (
      gtk_editable_get_text (GTK_EDITABLE (csp_record_form_get_field (form, "start_date"))), ==,
      expected);
  g_assert_false (csp_record_form_get_modified (form));

  /* A day that is not one is asked for as it is typed here, never as
   * it is stored; and one typed so is stored as ISO. */
  form_type_into (form, "start_date", "31/02/2021");
  settle ();
  g_assert_cmpstr (csp_record_form_get_problem (form), ==,
                   "Start date: “31/02/2021” is not a date; write it as dd/mm/yyyy");
  assert_message_under (form, "start_date", csp_record_form_get_problem (form));
  form_type_into (form, "start_date", "28/02/2021");
  settle ();
  g_assert_null (csp_record_form_get_problem (form));
  g_assert_cmpstr (csp_record_get_string (shown_record (editor), "start_date"), ==, "2021-02-28");
  csp_record_form_revert (form);
}

static gboolean
is_documents_page (GtkWidget *widget, gconstpointer data)
{
  return ADW_IS_PREFERENCES_PAGE (widget) &&
         g_strcmp0 (adw_preferences_page_get_title (ADW_PREFERENCES_PAGE (widget)), "Documents") ==
             0;
}

/* Issue 17: the council's Word template is chosen in Preferences (kept
 * on this desktop) and Export Word Document uses it: a file that is no
 * Word document is refused by name, and Clear goes back to plain pages. */
static void
test_word_template (Fixture *fixture, gconstpointer data)
{
  GSettings *settings = csp_context_get_settings (fixture->gui.context);
  g_autofree char *template = g_build_filename (fixture->gui.folder, "council.docx", NULL);
  g_autofree char *output = g_build_filename (fixture->gui.folder, "report.docx", NULL);
  CspReportsPage *reports = CSP_REPORTS_PAGE (csp_window_get_page (fixture->window, "reports"));
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  CspPreferencesWindow *preferences;

  g_assert_nonnull (settings);
  g_assert_true (g_file_set_contents (template, "not a Word document", -1, NULL));
  g_settings_set_string (settings, "report-template", template);
  present_window (GTK_WINDOW (fixture->window));
  preferences = csp_preferences_window_new (GTK_WINDOW (fixture->window), fixture->gui.context);
  present_window (GTK_WINDOW (preferences));
  collect_text (GTK_WIDGET (preferences), text);
  g_assert_nonnull (strstr (text->str, "council.docx"));
  adw_preferences_window_set_visible_page (
      ADW_PREFERENCES_WINDOW (preferences),
      ADW_PREFERENCES_PAGE (find_widget (GTK_WIDGET (preferences), is_documents_page, NULL)));
  save_screenshot (GTK_WIDGET (preferences), "screenshot-daily-preferences-template.png");

  g_assert_false (csp_reports_page_export (reports, output, &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "council.docx"));
  g_clear_error (&error);

  g_signal_emit_by_name (find_widget (GTK_WIDGET (preferences), is_button_labelled, "C_lear"),
                         "clicked");
  settle ();
  g_assert_cmpstr (g_settings_get_string (settings, "report-template"), ==, "");
  g_string_truncate (text, 0);
  collect_text (GTK_WIDGET (preferences), text);
  g_assert_nonnull (strstr (text->str, "None: plain A4 pages"));
  g_assert_true (csp_reports_page_export (reports, output, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));
  gtk_window_destroy (GTK_WINDOW (preferences));
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/daily/delete-shortcut/list", test_delete_from_list);
  ADD ("/daily/delete-shortcut/editor", test_delete_from_editor);
  ADD ("/daily/delete-shortcut/browser", test_delete_from_browser);
  ADD ("/daily/undo/list-and-editor-in-step", test_undo_keeps_list_and_editor_in_step);
  ADD ("/daily/activities/room", test_activities_room);
  ADD ("/daily/choose-by-keyboard", test_choose_by_keyboard);
  ADD ("/daily/activities/filters", test_activities_filters);
  ADD ("/daily/choose-by-keys", test_choose_by_keys);
  ADD ("/daily/preview/in-window", test_preview_in_window);
  ADD ("/daily/failures/say-why", test_failure_says_why);
  ADD ("/daily/validation/messages", test_validation_messages);
  ADD ("/daily/reports/one-duplicate", test_reports_one_duplicate);
  ADD ("/daily/preferences/month-picker", test_preferences_month_picker);
  ADD ("/daily/dates/in-editor", test_dates_in_editor);
  ADD ("/daily/preferences/word-template", test_word_template);
#undef ADD
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-activities-page"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-access-binding.h"
#include "csp-activities-page.h"
#include "csp-dates.h"
#include "csp-choices.h"
#include "csp-column-chooser.h"
#include "csp-gui.h"
#include "csp-query-model.h"
#include "csp-record-editor.h"
#include "csp-records.h"
#include "csp-ref-choices.h"
#include "csp-scale.h"
#include "csp-row-slot-model.h"
#include "csp-sql-sorter.h"

/* The list of engagement activities with search, filters and SQL sorting,
 * and the editor of the selected one. The list model fetches rows on
 * demand, so the page costs the same with sixty activities or a million. */

struct _CspActivitiesPage
{
  CspPage parent_instance;

  CspContext *context; /* the page's, kept at hand */
  CspQueryModel *model;
  CspRowSlotModel *rows; /* the model as the view shows it */
  CspRecordEditor *editor;
  GHashTable *names; /* "table:id" -> display name, for reference columns */
  GArray *partner_ids;
  GArray *priority_ids;
  guint shown_position;
  gboolean restoring_selection;

  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkDropDown *period_dropdown;
  GtkEntry *from_entry;
  GtkEntry *to_entry;
  GtkDropDown *partner_dropdown;
  GtkDropDown *priority_dropdown;
  GtkDropDown *mode_dropdown;
  GtkDropDown *status_dropdown;
  GtkLabel *count_label;
  GtkLabel *filter_problem;
  GtkColumnView *column_view;
  GtkSingleSelection *selection; /* over rows */
  GtkPaned *paned;
  GtkBox *editor_box;
};

G_DEFINE_FINAL_TYPE (CspActivitiesPage, csp_activities_page, CSP_TYPE_PAGE)

enum
{
  PERIOD_ALL,
  PERIOD_LAST_12_MONTHS,
  PERIOD_THIS_FINANCIAL_YEAR,
  PERIOD_LAST_FINANCIAL_YEAR,
  PERIOD_CUSTOM,
};

static const char *const mode_words[] = { "online", "in_person", "hybrid", NULL };
static const char *const status_words[] = { "planned", "delivered", "cancelled", "postponed",
                                            NULL };

/* How wide the editor opens, in pixels, when the window has the room. */
#define EDITOR_WIDTH 420

/* The editor's layout: every field of an activity. */
static const CspFormGroup form_groups[] = {
  { N_ ("Activity"), "title start_date end_date format mode status" },
  { N_ ("Where and who"), "location ward audience lead_partner_id " CSP_FORM_PARTNERS },
  { N_ ("Plan"), "priority_id action_id channel_id" },
  { N_ ("Results"), "participants reach responses include_in_appendix" },
  { NULL, "constraints outcome" },
};

/* Names of the records reference columns point at, read once per change. */
static void
load_names (CspActivitiesPage *self)
{
  GType listed[] = { CSP_TYPE_PARTNER, CSP_TYPE_PRIORITY, CSP_TYPE_ACTION, CSP_TYPE_CHANNEL };
  CspStore *store = csp_context_get_store (self->context);

  g_hash_table_remove_all (self->names);
  for (guint t = 0; t < G_N_ELEMENTS (listed); t++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) records = csp_store_list (store, listed[t], NULL, &error);
      const char *table = csp_record_type_get_info (listed[t])->table;

      if (records == NULL)
        {
          g_warning ("Could not read the %s names: %s", table, error->message);
          continue;
        }
      for (guint i = 0; i < records->len; i++)
        {
          CspRecord *record = g_ptr_array_index (records, i);
          g_hash_table_insert (
              self->names,
              g_strdup_printf ("%s:%" G_GINT64_FORMAT, table, csp_record_get_id (record)),
              csp_record_dup_display_name (record));
        }
    }
}

static char *
format_date (const char *iso)
{
  return iso != NULL ? csp_date_format_range (iso, NULL) : g_strdup ("");
}

/* What a list cell shows for @column of @record. */
static char *
cell_text (CspActivitiesPage *self, CspRecord *record, const char *name)
{
  const CspColumn *column =
      csp_table_info_find_column (csp_record_type_get_info (CSP_TYPE_ACTIVITY), name);

  if (csp_record_is_null (record, name))
    return g_strdup ("");
  switch (column->kind)
    {
    case CSP_COLUMN_DATE:
      return format_date (csp_record_get_string (record, name));
    case CSP_COLUMN_CHOICE:
      return g_strdup (csp_choice_label (csp_record_get_string (record, name)));
    case CSP_COLUMN_INT:
      return csp_format_number ((double) csp_record_get_int (record, name));
    case CSP_COLUMN_REF:
      {
        g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, column->ref_table,
                                                csp_record_get_int (record, name));
        const char *found = g_hash_table_lookup (self->names, key);
        return g_strdup (found != NULL ? found : "");
      }
    case CSP_COLUMN_TEXT:
    case CSP_COLUMN_BOOL:
    case CSP_COLUMN_MONTH:
    default:
      return g_strdup (csp_record_get_string (record, name));
    }
}

/* Cells are inscriptions: unlike a label, a change of text redraws the
 * cell without laying out the whole list again. */
static void
cell_setup (GtkSignalListItemFactory *factory, GtkListItem *item, CspActivitiesPage *self,
            gboolean numeric)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), numeric ? 1.0f : 0.0f);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (numeric)
    gtk_widget_add_css_class (cell, "numeric");
  g_object_set_data (G_OBJECT (cell), "csp-column",
                     g_object_get_data (G_OBJECT (factory), "csp-column"));
  g_object_set_data (G_OBJECT (cell), "csp-page", self);
  gtk_list_item_set_child (item, cell);
}

static void
text_cell_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, CspActivitiesPage *self)
{
  cell_setup (factory, item, self, FALSE);
}

static void
number_cell_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, CspActivitiesPage *self)
{
  cell_setup (factory, item, self, TRUE);
}

/* Shows the cell's value of the record now in the row's slot. */
static void
show_cell (GtkListItem *item)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  CspActivitiesPage *self = g_object_get_data (G_OBJECT (cell), "csp-page");
  const char *name = g_object_get_data (G_OBJECT (cell), "csp-column");
  CspRecord *record = csp_row_slot_get_item (gtk_list_item_get_item (item));
  g_autofree char *text = record != NULL ? cell_text (self, record, name) : NULL;

  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  /* A title or a partner's name cut short by its column is whole in the
   * cell's tooltip; figures are never cut. */
  if (!gtk_widget_has_css_class (cell, "numeric"))
    gtk_widget_set_tooltip_text (cell, text);
}

/* A reload leaves the row's slot in place and puts another record in it
 * (csp-row-slot-model.c): the cell follows. */
static void
cell_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, CspActivitiesPage *self)
{
  g_signal_connect_swapped (gtk_list_item_get_item (item), "notify::item", G_CALLBACK (show_cell),
                            item);
  show_cell (item);
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, CspActivitiesPage *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), show_cell, item);
}

/* The .ui gives each column a CspSqlSorter naming the SQL column it
 * shows and sorts by; that name is also its id in the menu of columns to
 * show (GTK 4.8's columns have no id of their own), which hides those a
 * person has hidden. The list starts newest first. */
static void
set_up_list_columns (CspActivitiesPage *self)
{
  g_autoptr (GSettings) settings = csp_gui_settings_new ();
  GListModel *columns = gtk_column_view_get_columns (self->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *name =
          csp_sql_sorter_get_column (CSP_SQL_SORTER (gtk_column_view_column_get_sorter (column)));

      g_object_set_data_full (G_OBJECT (gtk_column_view_column_get_factory (column)), "csp-column",
                              g_strdup (name), g_free);
      csp_column_chooser_set_column_id (column, name);
      if (g_str_equal (name, "start_date"))
        gtk_column_view_sort_by_column (self->column_view, column, GTK_SORT_DESCENDING);
    }
  csp_column_chooser_attach (self->column_view, settings, "hidden-activity-columns");
}

/* A filter's choices: "all", then every record of @type; @ids gets their
 * ids, 0 for "all". */
static GtkStringList *
fill_record_dropdown (CspActivitiesPage *self, GType type, const char *sort_column,
                      const char *all_label, GArray *ids)
{
  GtkStringList *labels = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) choices = NULL;
  gint64 none = 0;

  g_array_set_size (ids, 0);
  gtk_string_list_append (labels, all_label);
  g_array_append_val (ids, none);
  choices =
      csp_ref_choices_list (csp_context_get_store (self->context), type, sort_column, ids, &error);
  if (choices == NULL)
    g_warning ("Could not list the choices for a filter: %s", error->message);
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    gtk_string_list_append (labels, g_ptr_array_index (choices, i));
  return labels;
}

static GtkStringList *
choice_list (const char *all_label, const char *const *words)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, all_label);
  for (guint i = 0; words[i] != NULL; i++)
    gtk_string_list_append (labels, csp_choice_label (words[i]));
  return labels;
}

static void
fill_filters (CspActivitiesPage *self)
{
  const char *periods[] = { _ ("All dates"),           _ ("Last 12 months"),
                            _ ("This financial year"), _ ("Last financial year"),
                            _ ("Custom dates"),        NULL };
  g_autoptr (GtkStringList) period_list = gtk_string_list_new (periods);
  g_autoptr (GtkStringList) partner_list =
      fill_record_dropdown (self, CSP_TYPE_PARTNER, "name", _ ("All partners"), self->partner_ids);
  g_autoptr (GtkStringList) priority_list = fill_record_dropdown (
      self, CSP_TYPE_PRIORITY, "plan_id", _ ("All priorities"), self->priority_ids);
  g_autoptr (GtkStringList) mode_list = choice_list (_ ("All modes"), mode_words);
  g_autoptr (GtkStringList) status_list = choice_list (_ ("All statuses"), status_words);

  gtk_drop_down_set_model (self->period_dropdown, G_LIST_MODEL (period_list));
  gtk_drop_down_set_model (self->partner_dropdown, G_LIST_MODEL (partner_list));
  gtk_drop_down_set_model (self->priority_dropdown, G_LIST_MODEL (priority_list));
  gtk_drop_down_set_model (self->mode_dropdown, G_LIST_MODEL (mode_list));
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (status_list));
}

static int
financial_year_start_month (CspActivitiesPage *self)
{
  g_autoptr (GPtrArray) settings =
      csp_store_list (csp_context_get_store (self->context), CSP_TYPE_SETTINGS, NULL, NULL);

  if (settings == NULL || settings->len == 0)
    return 4;
  return (int) csp_record_get_int (g_ptr_array_index (settings, 0), "financial_year_start_month");
}

/* The dates of the chosen period, as ISO text; NULL ends for "any".
 * %FALSE when a custom period's end, typed dd/mm/yyyy, is not a date. */
static gboolean
period_dates (CspActivitiesPage *self, char **from, char **to)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now), month = g_date_time_get_month (now);
  int start_month;

  *from = *to = NULL;
  switch (gtk_drop_down_get_selected (self->period_dropdown))
    {
    case PERIOD_LAST_12_MONTHS:
      {
        g_autoptr (GDateTime) start = g_date_time_add_years (now, -1);
        *from = g_date_time_format (start, "%Y-%m-%d");
        *to = g_date_time_format (now, "%Y-%m-%d");
      }
      break;
    case PERIOD_THIS_FINANCIAL_YEAR:
    case PERIOD_LAST_FINANCIAL_YEAR:
      start_month = financial_year_start_month (self);
      if (month < start_month)
        year--;
      if (gtk_drop_down_get_selected (self->period_dropdown) == PERIOD_LAST_FINANCIAL_YEAR)
        year--;
      *from = g_strdup_printf ("%04d-%02d-01", year, start_month);
      {
        GDate end;
        g_date_clear (&end, 1);
        g_date_set_dmy (&end, 1, (GDateMonth) start_month, (GDateYear) (year + 1));
        g_date_subtract_days (&end, 1);
        *to = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&end), g_date_get_month (&end),
                               g_date_get_day (&end));
      }
      break;
    case PERIOD_CUSTOM:
      /* Both read, so that both are marked when wrong. */
      return csp_gui_read_date_entry (self->from_entry, from) &
             csp_gui_read_date_entry (self->to_entry, to);
    case PERIOD_ALL:
    default:
      break;
    }
  return TRUE;
}

static const char *
selected_word (GtkDropDown *dropdown, const char *const *words)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? NULL : words[selected - 1];
}

static gint64
selected_id (GtkDropDown *dropdown, GArray *ids)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}

static void
update_count (CspActivitiesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *number = csp_format_number (n);
  g_autofree char *text =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s activity", "%s activities", n), number);

  gtk_label_set_text (self->count_label, text);
}

/* Runs the list's query from the search, the filters and the sort. */
static void
apply_query (CspActivitiesPage *self)
{
  g_autofree char *from = NULL, *to = NULL;
  g_autoptr (GError) error = NULL;
  CspQuery query = { 0 };
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  gtk_widget_set_visible (GTK_WIDGET (self->filter_problem), FALSE);
  if (!period_dates (self, &from, &to))
    {
      gtk_label_set_text (self->filter_problem,
                          _ ("A date in the filter is not a date: write it as dd/mm/yyyy."));
      gtk_widget_set_visible (GTK_WIDGET (self->filter_problem), TRUE);
      return;
    }
  query.from_date = from;
  query.to_date = to;
  query.text = *text != '\0' ? text : NULL;
  query.partner_id = selected_id (self->partner_dropdown, self->partner_ids);
  query.priority_id = selected_id (self->priority_dropdown, self->priority_ids);
  query.mode = selected_word (self->mode_dropdown, mode_words);
  query.status = selected_word (self->status_dropdown, status_words);
  if (!csp_sql_sorter_read_view_sorter (gtk_column_view_get_sorter (self->column_view),
                                        &query.sort_column, &query.descending))
    {
      query.sort_column = "start_date";
      query.descending = TRUE;
    }

  /* The rows will show other records; the editor keeps its own copy. */
  self->restoring_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->restoring_selection = FALSE;
  csp_query_model_set_query (self->model, &query);
  if (!csp_query_model_reload (self->model, &error))
    {
      gtk_label_set_text (self->count_label, error->message);
      return;
    }
  update_count (self);
}

static void
search_changed_cb (CspActivitiesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *shown = csp_query_model_get_query (self->model)->text;

  /* The entry reports a change a moment after it happens; the list may
   * already show it (csp_activities_page_set_search_text). */
  if (g_strcmp0 (*text != '\0' ? text : NULL, shown) == 0)
    return;
  apply_query (self);
}

static void
filter_changed_cb (CspActivitiesPage *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->period_dropdown) == PERIOD_CUSTOM;

  gtk_widget_set_visible (GTK_WIDGET (self->from_entry), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_entry), custom);
  apply_query (self);
}

static void
show_record (CspActivitiesPage *self, CspRecord *record)
{
  csp_record_editor_show (self->editor, record);
}

static void
discard_response_cb (AdwMessageDialog *dialog, const char *response, CspActivitiesPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr (CspRecord) record = NULL;

  if (g_str_equal (response, "discard"))
    {
      record = csp_row_slot_model_get_row (self->rows, position);
      self->shown_position = position;
      show_record (self, record);
      return;
    }
  /* Keep editing: back to the row being edited. */
  self->restoring_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, self->shown_position);
  self->restoring_selection = FALSE;
}

static void
selection_changed_cb (CspActivitiesPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr (CspRecord) record = NULL;

  if (self->restoring_selection)
    return;
  if (csp_record_editor_get_modified (self->editor))
    {
      csp_record_editor_ask_discard (self->editor, G_CALLBACK (discard_response_cb), self);
      return;
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  record = csp_row_slot_model_get_row (self->rows, position);
  self->shown_position = position;
  show_record (self, record);
}

/* Where the activity @id now is in the list, looking first where it was,
 * then among the rows around it (an insert or a delete elsewhere moves it
 * by a few); GTK_INVALID_LIST_POSITION when it has left the view. */
static guint
find_near (CspActivitiesPage *self, gint64 id, guint position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  for (guint distance = 0; distance <= 64; distance++)
    for (int sign = -1; sign <= 1; sign += 2)
      {
        gint64 at = (gint64) position + sign * (gint64) distance;
        g_autoptr (CspRecord) record = NULL;

        if (at < 0 || at >= n || (distance == 0 && sign > 0))
          continue;
        record = g_list_model_get_item (G_LIST_MODEL (self->model), (guint) at);
        if (record != NULL && csp_record_get_id (record) == id)
          return (guint) at;
      }
  return GTK_INVALID_LIST_POSITION;
}

/* Another desktop or program changed activities: the list and its count
 * show it, while the row being worked on stays selected (the editor, with
 * whatever is typed in it, is left alone) and the list stays where it was
 * scrolled to. */
static void
activities_changed_elsewhere (CspActivitiesPage *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);
  g_autoptr (CspRecord) selected = NULL;
  g_autoptr (GError) error = NULL;

  if (position != GTK_INVALID_LIST_POSITION)
    selected = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (!csp_query_model_reload (self->model, &error))
    {
      gtk_label_set_text (self->count_label, error->message);
      return;
    }
  update_count (self);
  self->restoring_selection = TRUE;
  gtk_single_selection_set_selected (
      self->selection, selected != NULL ? find_near (self, csp_record_get_id (selected), position)
                                        : GTK_INVALID_LIST_POSITION);
  self->restoring_selection = FALSE;
}

/* Selects the row of activity @id, found near the row shown last, or
 * none, leaving the editor as it is. */
static void
select_shown (CspActivitiesPage *self, gint64 id)
{
  guint near = self->shown_position != GTK_INVALID_LIST_POSITION ? self->shown_position : 0;

  self->shown_position = id != 0 ? find_near (self, id, near) : GTK_INVALID_LIST_POSITION;
  self->restoring_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, self->shown_position);
  self->restoring_selection = FALSE;
}

/* An undo or a redo here: the editor shows its activity as stored now,
 * and that activity's row is the one selected; an activity undone away
 * leaves both empty. */
static void
activities_changed_here (CspActivitiesPage *self)
{
  apply_query (self);
  select_shown (self, csp_record_editor_follow_store (self->editor));
}

/* The editor opened: it takes the room its form needs (more on a wide
 * window, never more than half). Closed: no row stays selected for it. */
static void
editor_visible_cb (CspActivitiesPage *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->paned));

  if (gtk_widget_get_visible (GTK_WIDGET (self->editor)))
    {
      if (width > 0)
        gtk_paned_set_position (self->paned, MAX (width / 2, width - EDITOR_WIDTH));
      return;
    }
  self->restoring_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->restoring_selection = FALSE;
}

static void
editor_saved_cb (CspActivitiesPage *self, CspRecord *record)
{
  select_shown (self, csp_record_get_id (record));
}

static void
history_changed_cb (CspActivitiesPage *self, GType type)
{
  if (type == CSP_TYPE_ACTIVITY)
    {
      activities_changed_here (self);
      return;
    }
  load_names (self);
  csp_record_editor_reload_choices (self->editor);
  fill_filters (self);
}

static void
changed_elsewhere_cb (CspActivitiesPage *self, GType type)
{
  if (type == CSP_TYPE_ACTIVITY)
    activities_changed_elsewhere (self);
  else
    history_changed_cb (self, type);
}

static void
new_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspActivitiesPage *self = CSP_ACTIVITIES_PAGE (widget);
  g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  csp_record_set_string (activity, "start_date", today);
  csp_record_set_string (activity, "status", "planned");
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  show_record (self, activity);
  gtk_widget_grab_focus (
      csp_record_form_get_field (csp_record_editor_get_form (self->editor), "title"));
}

static void
search_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspActivitiesPage *self = CSP_ACTIVITIES_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
csp_activities_page_constructed (GObject *object)
{
  CspActivitiesPage *self = CSP_ACTIVITIES_PAGE (object);

  G_OBJECT_CLASS (csp_activities_page_parent_class)->constructed (object);
  self->context = csp_page_get_context (CSP_PAGE (self));

  self->model = csp_query_model_new (csp_context_get_store (self->context), CSP_TYPE_ACTIVITY);
  self->rows = csp_row_slot_model_new (G_LIST_MODEL (self->model));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  set_up_list_columns (self);

  self->editor = csp_record_editor_new (self->context, CSP_TYPE_ACTIVITY, form_groups,
                                        G_N_ELEMENTS (form_groups));
  csp_record_editor_set_empty_text (
      self->editor, _ ("No Activity Selected"),
      _ ("Choose an activity in the list to see and edit it, or add a new one with Ctrl+N."));
  gtk_widget_set_vexpand (GTK_WIDGET (self->editor), TRUE);
  csp_record_editor_set_closable (self->editor);
  gtk_box_append (self->editor_box, GTK_WIDGET (self->editor));
  g_object_bind_property (self->editor, "visible", self->editor_box, "visible",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->editor, "notify::visible", G_CALLBACK (editor_visible_cb), self,
                           G_CONNECT_SWAPPED);
  csp_record_editor_serve_list (self->editor, GTK_WIDGET (self->column_view));
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (editor_saved_cb), self,
                           G_CONNECT_SWAPPED);

  csp_access_bind_action (GTK_WIDGET (self), "activities.new", self->context, CSP_TYPE_ACTIVITY);
  load_names (self);
  fill_filters (self);
  apply_query (self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                            self);
  g_signal_connect_object (csp_context_get_history (self->context), "changed",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "changed-elsewhere", G_CALLBACK (changed_elsewhere_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (apply_query), self);
  g_signal_connect_swapped (self->period_dropdown, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->partner_dropdown, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->priority_dropdown, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->mode_dropdown, "notify::selected", G_CALLBACK (filter_changed_cb),
                            self);
  g_signal_connect_swapped (self->status_dropdown, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);
}

static void
csp_activities_page_dispose (GObject *object)
{
  CspActivitiesPage *self = CSP_ACTIVITIES_PAGE (object);

  /* Removing the columns changes the view's sorter: not a reason to query. */
  if (self->column_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_ACTIVITIES_PAGE);
  g_clear_object (&self->rows);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (csp_activities_page_parent_class)->dispose (object);
}

static void
csp_activities_page_finalize (GObject *object)
{
  CspActivitiesPage *self = CSP_ACTIVITIES_PAGE (object);

  g_clear_pointer (&self->names, g_hash_table_unref);
  g_clear_pointer (&self->partner_ids, g_array_unref);
  g_clear_pointer (&self->priority_ids, g_array_unref);

  G_OBJECT_CLASS (csp_activities_page_parent_class)->finalize (object);
}

/* The activities the list shows, in its order. */
static CspExportTable *
open_list_export (CspPage *page, GError **error)
{
  CspActivitiesPage *self = CSP_ACTIVITIES_PAGE (page);

  return csp_export_table_new (csp_page_get_database (page), CSP_IMPORT_ACTIVITIES,
                               csp_query_model_get_query (self->model), error);
}

static void
csp_activities_page_class_init (CspActivitiesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  CSP_PAGE_CLASS (klass)->open_list_export = open_list_export;
  object_class->constructed = csp_activities_page_constructed;
  object_class->dispose = csp_activities_page_dispose;
  object_class->finalize = csp_activities_page_finalize;

  g_type_ensure (CSP_TYPE_SQL_SORTER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/csp-activities-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, partner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, priority_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, filter_problem);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, selection);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, paned);
  gtk_widget_class_bind_template_child (widget_class, CspActivitiesPage, editor_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, number_cell_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, cell_unbind_cb);

  gtk_widget_class_install_action (widget_class, "activities.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "activities.search", NULL, search_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "activities.new",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "activities.search", NULL);
}

static void
csp_activities_page_init (CspActivitiesPage *self)
{
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->partner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->priority_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->shown_position = GTK_INVALID_LIST_POSITION;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_activities_page_new:
 *
 * Returns: (transfer full): the Activities page of @context's database
 */
CspActivitiesPage *
csp_activities_page_new (CspContext *context)
{
  return g_object_new (CSP_TYPE_ACTIVITIES_PAGE, "context", context, NULL);
}

/**
 * csp_activities_page_get_editor:
 *
 * Returns: (transfer none): the editor of the selected activity
 */
CspRecordEditor *
csp_activities_page_get_editor (CspActivitiesPage *self)
{
  g_return_val_if_fail (CSP_IS_ACTIVITIES_PAGE (self), NULL);
  return self->editor;
}

/**
 * csp_activities_page_get_column_view:
 *
 * Returns: (transfer none): the list of activities
 */
GtkColumnView *
csp_activities_page_get_column_view (CspActivitiesPage *self)
{
  g_return_val_if_fail (CSP_IS_ACTIVITIES_PAGE (self), NULL);
  return self->column_view;
}

void
csp_activities_page_set_search_text (CspActivitiesPage *self, const char *text)
{
  g_return_if_fail (CSP_IS_ACTIVITIES_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  apply_query (self);
}

static void
select_id_in (GtkDropDown *dropdown, GArray *ids, gint64 id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  gtk_drop_down_set_selected (dropdown, 0);
}

/**
 * csp_activities_page_show_filtered:
 * @from_date: (nullable): first day, YYYY-MM-DD
 * @to_date: (nullable): last day, included
 * @partner_id: a lead or supporting partner, 0 for any
 * @mode: (nullable): online, in_person or hybrid
 *
 * Shows the activities behind a mark of a chart: the filters are set to
 * say so, and every other filter and the search are cleared.
 */
void
csp_activities_page_show_filtered (CspActivitiesPage *self, const char *from_date,
                                   const char *to_date, gint64 partner_id, const char *mode)
{
  g_return_if_fail (CSP_IS_ACTIVITIES_PAGE (self));

  /* One query at the end, not one for each filter changed on the way. */
  self->restoring_selection = TRUE;
  g_signal_handlers_block_by_func (self->period_dropdown, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->partner_dropdown, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->priority_dropdown, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->mode_dropdown, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->status_dropdown, filter_changed_cb, self);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->period_dropdown,
                              from_date != NULL || to_date != NULL ? PERIOD_CUSTOM : PERIOD_ALL);
  {
    g_autofree char *from_typed = csp_date_format_typed (from_date);
    g_autofree char *to_typed = csp_date_format_typed (to_date);

    gtk_editable_set_text (GTK_EDITABLE (self->from_entry), from_typed);
    gtk_editable_set_text (GTK_EDITABLE (self->to_entry), to_typed);
  }
  select_id_in (self->partner_dropdown, self->partner_ids, partner_id);
  gtk_drop_down_set_selected (self->priority_dropdown, 0);
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->mode_dropdown, 0);
  for (guint i = 0; mode != NULL && mode_words[i] != NULL; i++)
    if (g_str_equal (mode_words[i], mode))
      gtk_drop_down_set_selected (self->mode_dropdown, i + 1);

  g_signal_handlers_unblock_by_func (self->period_dropdown, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->partner_dropdown, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->priority_dropdown, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->mode_dropdown, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->status_dropdown, filter_changed_cb, self);
  self->restoring_selection = FALSE;
  filter_changed_cb (self);
}

/**
 * csp_activities_page_get_query:
 *
 * Returns: (transfer none): the query of the list: its search, filters
 *   and order
 */
const CspQuery *
csp_activities_page_get_query (CspActivitiesPage *self)
{
  g_return_val_if_fail (CSP_IS_ACTIVITIES_PAGE (self), NULL);
  return csp_query_model_get_query (self->model);
}

/**
 * csp_activities_page_get_n_matching:
 *
 * Returns: how many activities the search and filters let through
 */
guint
csp_activities_page_get_n_matching (CspActivitiesPage *self)
{
  g_return_val_if_fail (CSP_IS_ACTIVITIES_PAGE (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

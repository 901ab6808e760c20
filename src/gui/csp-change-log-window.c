/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-change-log-window"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-change-log-window.h"
#include "csp-change-log.h"
#include "csp-gui.h"
#include "csp-import-value.h"

/* The audit log as people read it: a record's history from its editor,
 * or, for admins, the whole log filtered by person, kind of record and
 * date. Each entry says who, when, and which fields went from what to
 * what. It follows colleagues' changes while open. */
struct _CspChangeLogWindow
{
  AdwWindow parent_instance;

  CspContext *context;
  const char *table; /* a record's history: its table and id */
  gint64 row_id;
  GPtrArray *users;  /* the whole log: the people in the person filter */
  GPtrArray *tables; /* and the tables in the records filter, NULL for all */

  AdwWindowTitle *window_title;
  GtkWidget *filter_bar;
  GtkDropDown *person_dropdown;
  GtkDropDown *table_dropdown;
  GtkEntry *from_entry;
  GtkEntry *to_entry;
  GtkLabel *status_label;
  GtkListBox *entries_list;
  guint n_entries;
};

G_DEFINE_FINAL_TYPE (CspChangeLogWindow, csp_change_log_window, ADW_TYPE_WINDOW)

/* The whole log shows the newest entries; a filter finds older ones. */
#define LOG_LIMIT 500

static const char *
verb (const CspLoggedChange *logged)
{
  if (g_str_equal (logged->change->operation, "insert"))
    return logged->row_id == 0 ? _ ("imported") : _ ("added");
  if (g_str_equal (logged->change->operation, "delete"))
    return logged->row_id == 0 ? _ ("removed an import of") : _ ("deleted");
  return _ ("changed");
}

static char *
describe_record (CspChangeLogWindow *self, const CspLoggedChange *logged)
{
  g_autofree char *number = NULL;
  const char *noun = logged->record_type != G_TYPE_INVALID
                         ? _ (csp_record_type_get_info (logged->record_type)->noun)
                         : logged->table;

  if (self->table != NULL)
    /* Translators: a record's own history: "this activity". */
    return g_strdup_printf (_ ("this %s"), noun);
  if (logged->row_id == 0)
    /* Translators: an import's entry covers many records: "activities". */
    return g_strdup_printf (_ ("%s records"), noun);
  if (logged->record_name != NULL)
    /* Translators: "activity “Bike marking”". */
    return g_strdup_printf (_ ("%s “%s”"), noun, logged->record_name);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, logged->row_id);
  /* Translators: "activity no. 12". */
  return g_strdup_printf (_ ("%s no. %s"), noun, number);
}

static GtkWidget *
make_label (const char *text, const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

/* "Title: “old” → “new”", as one line a screen reader reads whole. */
static char *
describe_field (const CspFieldChange *field)
{
  if (field->before == NULL)
    return g_strdup_printf (_ ("%s: “%s”"), field->label, field->after);
  if (field->after == NULL)
    return g_strdup_printf (_ ("%s was “%s”"), field->label, field->before);
  return g_strdup_printf (_ ("%s: “%s” → “%s”"), field->label, field->before, field->after);
}

static GtkWidget *
make_entry_row (CspChangeLogWindow *self, const CspLoggedChange *logged, GDateTime *now)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *when = csp_change_describe_when (logged->change, now);
  g_autofree char *what = describe_record (self, logged);
  /* Translators: "Sam Patel changed this activity today at 10:42". */
  g_autofree char *heading =
      g_strdup_printf (_ ("%s %s %s %s"), logged->change->user_name, verb (logged), what, when);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), make_label (heading, "heading"));
  for (guint i = 0; i < logged->fields->len; i++)
    {
      g_autofree char *line = describe_field (g_ptr_array_index (logged->fields, i));

      gtk_box_append (GTK_BOX (box), make_label (line, NULL));
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

static const char *
chosen (GtkDropDown *dropdown, GPtrArray *values)
{
  guint index = gtk_drop_down_get_selected (dropdown);

  /* The first item is "everyone" or "all records". */
  return index != GTK_INVALID_LIST_POSITION && index > 0 && values != NULL && index <= values->len
             ? g_ptr_array_index (values, index - 1)
             : NULL;
}

static void
reload (CspChangeLogWindow *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  CspChangeLogQuery query = { .table = self->table, .row_id = self->row_id };
  GtkWidget *child;

  if (self->table == NULL)
    {
      if (!csp_gui_read_date_entry (self->from_entry, &from) |
          !csp_gui_read_date_entry (self->to_entry, &to))
        {
          gtk_label_set_text (self->status_label,
                              _ ("A date in the filter is not a date: write it as dd/mm/yyyy."));
          return;
        }
      query.user_name = chosen (self->person_dropdown, self->users);
      query.table = chosen (self->table_dropdown, self->tables);
      query.from_date = from;
      query.to_date = to;
      query.limit = LOG_LIMIT;
    }
  entries = csp_change_log_list (csp_context_get_store (self->context), &query, &error);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->entries_list))) != NULL)
    gtk_list_box_remove (self->entries_list, child);
  self->n_entries = 0;
  if (entries == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->entries_list,
                         make_entry_row (self, g_ptr_array_index (entries, i), now));
  self->n_entries = entries->len;
  if (entries->len == 0)
    gtk_label_set_text (self->status_label, _ ("No changes are recorded here."));
  else if (self->table == NULL && entries->len == LOG_LIMIT)
    gtk_label_set_text (self->status_label,
                        _ ("The newest 500 changes; choose a person, kind of record or dates to "
                           "see older ones."));
  else
    gtk_label_set_text (self->status_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label),
                          *gtk_label_get_text (self->status_label) != '\0');
}

/* While a date is being typed, the list follows once it is one. */
static void
date_changed_cb (CspChangeLogWindow *self, GtkEditable *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *iso = NULL;

  if (*text == '\0' || csp_import_parse_date (text, &iso, NULL))
    reload (self);
}

static void
changed_elsewhere_cb (CspChangeLogWindow *self, GType type)
{
  reload (self);
}

static void
csp_change_log_window_dispose (GObject *object)
{
  CspChangeLogWindow *self = CSP_CHANGE_LOG_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_CHANGE_LOG_WINDOW);
  g_clear_object (&self->context);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);

  G_OBJECT_CLASS (csp_change_log_window_parent_class)->dispose (object);
}

static void
csp_change_log_window_class_init (CspChangeLogWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = csp_change_log_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/csp-change-log-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CspChangeLogWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CspChangeLogWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, CspChangeLogWindow, person_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CspChangeLogWindow, table_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CspChangeLogWindow, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CspChangeLogWindow, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CspChangeLogWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CspChangeLogWindow, entries_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
csp_change_log_window_init (CspChangeLogWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static CspChangeLogWindow *
new_window (GtkWindow *parent, CspContext *context)
{
  CspChangeLogWindow *self =
      g_object_new (CSP_TYPE_CHANGE_LOG_WINDOW, "transient-for", parent, "modal", FALSE, NULL);

  self->context = g_object_ref (context);
  g_signal_connect_object (context, "changed-elsewhere", G_CALLBACK (changed_elsewhere_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/**
 * csp_change_log_window_new_for_record:
 *
 * Returns: (transfer full): a window of @record's history
 */
CspChangeLogWindow *
csp_change_log_window_new_for_record (GtkWindow *parent, CspContext *context, CspRecord *record)
{
  CspChangeLogWindow *self;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CSP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (CSP_IS_RECORD (record), NULL);

  self = new_window (parent, context);
  self->table = csp_record_type_get_info (G_OBJECT_TYPE (record))->table;
  self->row_id = csp_record_get_id (record);
  name = csp_record_dup_display_name (record);
  title = g_strdup_printf (_ ("History of “%s”"), name);
  adw_window_title_set_title (self->window_title, title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  reload (self);
  return self;
}

static void
fill_filters (CspChangeLogWindow *self)
{
  g_autoptr (GtkStringList) people = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  guint n_types = 0;
  const GType *types = csp_record_list_types (&n_types);

  self->users = csp_change_log_list_users (
      csp_store_get_database (csp_context_get_store (self->context)), NULL);
  if (self->users == NULL)
    self->users = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (people, _ ("Everyone"));
  for (guint i = 0; i < self->users->len; i++)
    gtk_string_list_append (people, g_ptr_array_index (self->users, i));

  self->tables = g_ptr_array_new ();
  gtk_string_list_append (kinds, _ ("All records"));
  for (guint i = 0; i < n_types; i++)
    {
      const CspTableInfo *info = csp_record_type_get_info (types[i]);
      const char *noun = _ (info->noun);
      char first[8] = { 0 };
      g_autofree char *title = NULL;

      /* A list of kinds reads as titles: "Activity". */
      g_unichar_to_utf8 (g_unichar_totitle (g_utf8_get_char (noun)), first);
      title = g_strconcat (first, g_utf8_next_char (noun), NULL);
      g_ptr_array_add (self->tables, (gpointer) info->table);
      gtk_string_list_append (kinds, title);
    }
  gtk_drop_down_set_model (self->person_dropdown, G_LIST_MODEL (people));
  gtk_drop_down_set_model (self->table_dropdown, G_LIST_MODEL (kinds));
}

/**
 * csp_change_log_window_new:
 *
 * Returns: (transfer full): a window of the whole audit log, for admins
 */
CspChangeLogWindow *
csp_change_log_window_new (GtkWindow *parent, CspContext *context)
{
  CspChangeLogWindow *self;

  g_return_val_if_fail (CSP_IS_CONTEXT (context), NULL);

  self = new_window (parent, context);
  adw_window_title_set_title (self->window_title, _ ("Change Log"));
  gtk_window_set_title (GTK_WINDOW (self), _ ("Change Log"));
  gtk_widget_set_visible (self->filter_bar, TRUE);
  fill_filters (self);
  g_signal_connect_swapped (self->person_dropdown, "notify::selected", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->table_dropdown, "notify::selected", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->from_entry, "activate", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->to_entry, "activate", G_CALLBACK (reload), self);
  g_signal_connect_swapped (self->from_entry, "changed", G_CALLBACK (date_changed_cb), self);
  g_signal_connect_swapped (self->to_entry, "changed", G_CALLBACK (date_changed_cb), self);
  reload (self);
  return self;
}

/**
 * csp_change_log_window_get_n_entries:
 *
 * Returns: how many entries the window lists
 */
guint
csp_change_log_window_get_n_entries (CspChangeLogWindow *self)
{
  g_return_val_if_fail (CSP_IS_CHANGE_LOG_WINDOW (self), 0);
  return self->n_entries;
}

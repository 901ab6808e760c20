/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-record-browser"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-query-model.h"
#include "csp-access-binding.h"
#include "csp-browser-row.h"
#include "csp-record-browser.h"
#include "csp-records.h"
#include "csp-ref-choices.h"
#include "csp-row-slot-model.h"

/* A list of the records of one type beside their editor, with New: what
 * the partnership's reference lists (partners, priorities, channels,
 * metrics) need. Records go by the names lists of choices give them, a
 * priority with its plan's; retired ones stay in the list, marked as such. */
struct _CspRecordBrowser
{
  AdwBin parent_instance;

  CspContext *context;
  GType record_type;
  CspQueryModel *model;
  GtkMapListModel *browser_rows; /* the model's records as CspBrowserRows */
  CspRowSlotModel *rows;         /* those as the list shows them */
  GtkSingleSelection *selection;
  CspRecordEditor *editor;
  GtkPaned *paned;
  GtkWidget *new_button;
  GtkListView *list;
  GHashTable *names; /* record id → its name in lists of choices */
  CspRecordBrowserDescribeFunc describe;
};

G_DEFINE_FINAL_TYPE (CspRecordBrowser, csp_record_browser, ADW_TYPE_BIN)

/* A record as the list shows it: by the name lists of choices give it,
 * with what the page says of it. */
static gpointer
browser_row_cb (gpointer item, gpointer user_data)
{
  g_autoptr (CspRecord) record = item;
  CspRecordBrowser *self = user_data;
  gint64 id = csp_record_get_id (record);
  const char *listed = g_hash_table_lookup (self->names, &id);
  g_autofree char *name = listed == NULL ? csp_record_dup_display_name (record) : NULL;
  g_autofree char *mark = NULL;
  g_autofree char *mark_tip = NULL;
  g_autofree char *detail =
      self->describe != NULL ? self->describe (record, &mark, &mark_tip) : NULL;
  gboolean retired = csp_table_info_find_column (csp_record_type_get_info (self->record_type),
                                                 "retired") != NULL &&
                     csp_record_get_bool (record, "retired");

  return csp_browser_row_new (record, listed != NULL ? listed : name, detail, mark, mark_tip,
                              retired);
}

/* For the row template: a retired record's name is dimmed. */
static char **
name_classes_cb (GtkListItem *item, gboolean retired)
{
  const char *dimmed[] = { "dim-label", NULL };
  const char *plain[] = { NULL };

  return g_strdupv ((char **) (retired ? dimmed : plain));
}

static gboolean
has_text_cb (GtkListItem *item, const char *text)
{
  return text != NULL;
}

/* The record in the row at @position. */
static CspRecord *
dup_row_record (CspRecordBrowser *self, guint position)
{
  g_autoptr (CspBrowserRow) row = csp_row_slot_model_get_row (self->rows, position);

  return row != NULL ? g_object_ref (csp_browser_row_get_record (row)) : NULL;
}

static void
load_names (CspRecordBrowser *self)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) names = csp_ref_choices_list (csp_context_get_store (self->context),
                                                      self->record_type, NULL, ids, &error);

  g_hash_table_remove_all (self->names);
  if (names == NULL)
    {
      g_warning ("Could not name the %s records: %s",
                 csp_record_type_get_info (self->record_type)->table, error->message);
      return;
    }
  for (guint i = 0; i < names->len; i++)
    g_hash_table_insert (self->names, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)),
                         g_strdup (g_ptr_array_index (names, i)));
}

static void
reload (CspRecordBrowser *self)
{
  g_autoptr (GError) error = NULL;

  load_names (self);
  /* The rows will show other records; the editor keeps its own copy. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  if (!csp_query_model_reload (self->model, &error))
    g_warning ("Could not list the %s records: %s",
               csp_record_type_get_info (self->record_type)->table, error->message);
}

static void
selection_changed_cb (CspRecordBrowser *self)
{
  g_autoptr (CspRecord) record = NULL;
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  record = dup_row_record (self, position);
  csp_record_editor_show (self->editor, record);
}

/* Selects the row of record @id, or none, leaving the editor as it is. */
static void
select_shown (CspRecordBrowser *self, gint64 id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; id != 0 && i < n && position == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr (CspRecord) record = g_list_model_get_item (G_LIST_MODEL (self->model), i);

      if (csp_record_get_id (record) == id)
        position = i;
    }
  g_signal_handlers_block_by_func (self->selection, selection_changed_cb, self);
  gtk_single_selection_set_selected (self->selection, position);
  g_signal_handlers_unblock_by_func (self->selection, selection_changed_cb, self);
}

static gboolean
lists_names_of (CspRecordBrowser *self, GType type)
{
  /* A plan's title is part of its priorities' names. */
  return type == self->record_type ||
         (type == CSP_TYPE_PLAN &&
          csp_table_info_find_column (csp_record_type_get_info (self->record_type), "plan_id") !=
              NULL);
}

static void
changed_elsewhere_cb (CspRecordBrowser *self, GType type)
{
  if (lists_names_of (self, type))
    reload (self);
  else
    csp_record_editor_reload_choices (self->editor);
}

/* An undo or a redo here: the row selected and the editor show the same
 * record as stored now, or none. */
static void
history_changed_cb (CspRecordBrowser *self, GType type)
{
  changed_elsewhere_cb (self, type);
  if (lists_names_of (self, type))
    select_shown (self, csp_record_editor_follow_store (self->editor));
}

static void
editor_saved_cb (CspRecordBrowser *self, CspRecord *record)
{
  select_shown (self, csp_record_get_id (record));
}

static void
new_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspRecordBrowser *self = CSP_RECORD_BROWSER (widget);
  g_autoptr (CspRecord) record = csp_record_new (self->record_type);
  CspRecordForm *form = csp_record_editor_get_form (self->editor);
  const char *first = csp_record_type_get_info (self->record_type)->columns[0].name;
  GtkWidget *field;

  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  csp_record_editor_show (self->editor, record);
  field = csp_record_form_get_field (form, first);
  if (field != NULL)
    gtk_widget_grab_focus (field);
}

static void
csp_record_browser_dispose (GObject *object)
{
  CspRecordBrowser *self = CSP_RECORD_BROWSER (object);

  /* The bin's child is bound: out of the bin before the template lets it go. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_RECORD_BROWSER);
  /* Slots still held elsewhere may yet read rows: never through @self. */
  if (self->browser_rows != NULL)
    gtk_map_list_model_set_map_func (self->browser_rows, NULL, NULL, NULL);
  g_clear_object (&self->rows);
  g_clear_object (&self->browser_rows);
  g_clear_object (&self->model);
  g_clear_object (&self->context);
  g_clear_pointer (&self->names, g_hash_table_unref);

  G_OBJECT_CLASS (csp_record_browser_parent_class)->dispose (object);
}

static void
csp_record_browser_class_init (CspRecordBrowserClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = csp_record_browser_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/csp-record-browser.ui");
  gtk_widget_class_bind_template_child (widget_class, CspRecordBrowser, paned);
  gtk_widget_class_bind_template_child (widget_class, CspRecordBrowser, new_button);
  gtk_widget_class_bind_template_child (widget_class, CspRecordBrowser, list);
  gtk_widget_class_bind_template_child (widget_class, CspRecordBrowser, selection);
  gtk_widget_class_bind_template_callback (widget_class, name_classes_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_text_cb);

  gtk_widget_class_install_action (widget_class, "browser.new", NULL, new_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "browser.new",
                                       NULL);
}

static void
csp_record_browser_init (CspRecordBrowser *self)
{
  g_type_ensure (CSP_TYPE_BROWSER_ROW);
  g_type_ensure (CSP_TYPE_ROW_SLOT);
  gtk_widget_init_template (GTK_WIDGET (self));
  self->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

/**
 * csp_record_browser_new:
 * @sort_column: the column the list is ordered by
 * @groups: (array length=n_groups): the editor's layout
 *
 * Returns: (transfer full): a list of @record_type records with their editor
 */
CspRecordBrowser *
csp_record_browser_new (CspContext *context, GType record_type, const char *sort_column,
                        const CspFormGroup *groups, guint n_groups)
{
  CspRecordBrowser *self;
  CspQuery query = { .sort_column = sort_column };
  const CspTableInfo *info = csp_record_type_get_info (record_type);
  g_autofree char *new_label = g_strdup_printf (_ ("New %s (Ctrl+N)"), _ (info->noun));

  g_return_val_if_fail (CSP_IS_CONTEXT (context), NULL);

  self = g_object_new (CSP_TYPE_RECORD_BROWSER, NULL);
  self->context = g_object_ref (context);
  self->record_type = record_type;
  self->model = csp_query_model_new (csp_context_get_store (context), record_type);
  csp_query_model_set_query (self->model, &query);
  self->browser_rows = gtk_map_list_model_new (G_LIST_MODEL (g_object_ref (self->model)),
                                               browser_row_cb, self, NULL);
  self->rows = csp_row_slot_model_new (G_LIST_MODEL (self->browser_rows));
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->rows));
  gtk_widget_set_tooltip_text (self->new_button, new_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->new_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  new_label, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ (info->noun), -1);
  self->editor = csp_record_editor_new (context, record_type, groups, n_groups);
  csp_access_bind_action (GTK_WIDGET (self), "browser.new", context, record_type);

  csp_record_editor_serve_list (self->editor, GTK_WIDGET (self->list));
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_paned_set_end_child (self->paned, GTK_WIDGET (self->editor));

  reload (self);
  g_signal_connect_swapped (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                            self);
  g_signal_connect_object (csp_context_get_history (context), "changed",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "changed-elsewhere", G_CALLBACK (changed_elsewhere_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/**
 * csp_record_browser_set_order:
 * @sort_column: the column the list is ordered by
 * @descending: highest first, e.g. the newest meeting
 */
void
csp_record_browser_set_order (CspRecordBrowser *self, const char *sort_column, gboolean descending)
{
  CspQuery query = { .sort_column = sort_column, .descending = descending };

  g_return_if_fail (CSP_IS_RECORD_BROWSER (self));

  csp_query_model_set_query (self->model, &query);
  reload (self);
}

/**
 * csp_record_browser_set_describe_func:
 * @describe: (nullable): what to say of each record under its name
 */
void
csp_record_browser_set_describe_func (CspRecordBrowser *self, CspRecordBrowserDescribeFunc describe)
{
  g_return_if_fail (CSP_IS_RECORD_BROWSER (self));

  self->describe = describe;
  reload (self);
}

/**
 * csp_record_browser_get_editor:
 *
 * Returns: (transfer none): the editor pane
 */
CspRecordEditor *
csp_record_browser_get_editor (CspRecordBrowser *self)
{
  g_return_val_if_fail (CSP_IS_RECORD_BROWSER (self), NULL);
  return self->editor;
}

/**
 * csp_record_browser_get_list:
 *
 * Returns: (transfer none): the list of records
 */
GtkListView *
csp_record_browser_get_list (CspRecordBrowser *self)
{
  g_return_val_if_fail (CSP_IS_RECORD_BROWSER (self), NULL);
  return self->list;
}

/**
 * csp_record_browser_select:
 * @id: a record's id
 *
 * Selects the record with @id in the list, scrolled to, and shows it in
 * the editor.
 *
 * Returns: whether the list has it
 */
gboolean
csp_record_browser_select (CspRecordBrowser *self, gint64 id)
{
  guint n;

  g_return_val_if_fail (CSP_IS_RECORD_BROWSER (self), FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (CspRecord) record = dup_row_record (self, i);

      if (record == NULL || csp_record_get_id (record) != id)
        continue;
      gtk_single_selection_set_selected (self->selection, i);
      gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", i);
      return TRUE;
    }
  return FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-record-browser"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-query-model.h"
#include "csp-access-binding.h"
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
  CspRowSlotModel *rows; /* the model as the list shows it */
  GtkSingleSelection *selection;
  CspRecordEditor *editor;
  GtkListView *list;
  GHashTable *names; /* record id → its name in lists of choices */
  CspRecordBrowserDescribeFunc describe;
};

G_DEFINE_FINAL_TYPE (CspRecordBrowser, csp_record_browser, ADW_TYPE_BIN)

static void
row_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *retired = gtk_label_new (_ ("Retired"));
  GtkWidget *mark = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *lines = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  /* A long title (a risk is a sentence) wraps onto a second line before it
   * is cut; the tooltip has all of it. */
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (name), 2);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_set_visible (detail, FALSE);
  gtk_widget_set_hexpand (lines, TRUE);
  gtk_widget_add_css_class (retired, "dim-label");
  gtk_widget_add_css_class (retired, "caption");
  gtk_widget_add_css_class (mark, "warning");
  gtk_widget_add_css_class (mark, "caption-heading");
  gtk_widget_set_visible (mark, FALSE);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_box_append (GTK_BOX (lines), name);
  gtk_box_append (GTK_BOX (lines), detail);
  gtk_box_append (GTK_BOX (box), lines);
  gtk_box_append (GTK_BOX (box), retired);
  gtk_box_append (GTK_BOX (box), mark);
  g_object_set_data (G_OBJECT (box), "csp-browser", user_data);
  g_object_set_data (G_OBJECT (box), "csp-name", name);
  g_object_set_data (G_OBJECT (box), "csp-detail", detail);
  g_object_set_data (G_OBJECT (box), "csp-mark", mark);
  gtk_list_item_set_child (item, box);
}

/* The line under the name and the mark beside it, as the page describes
 * the record. */
static void
show_description (CspRecordBrowser *self, GtkWidget *box, CspRecord *record)
{
  GtkWidget *detail = g_object_get_data (G_OBJECT (box), "csp-detail");
  GtkWidget *mark = g_object_get_data (G_OBJECT (box), "csp-mark");
  g_autofree char *mark_text = NULL;
  g_autofree char *mark_tip = NULL;
  g_autofree char *text = record != NULL && self->describe != NULL
                              ? self->describe (record, &mark_text, &mark_tip)
                              : NULL;

  gtk_label_set_text (GTK_LABEL (detail), text != NULL ? text : "");
  gtk_widget_set_visible (detail, text != NULL);
  gtk_label_set_text (GTK_LABEL (mark), mark_text != NULL ? mark_text : "");
  gtk_widget_set_tooltip_text (mark, mark_tip);
  gtk_widget_set_visible (mark, mark_text != NULL);
}

/* Shows the record now in the row's slot. */
static void
show_row (GtkListItem *item)
{
  CspRecord *record = csp_row_slot_get_item (gtk_list_item_get_item (item));
  GtkWidget *box = gtk_list_item_get_child (item);
  CspRecordBrowser *self = g_object_get_data (G_OBJECT (box), "csp-browser");
  GtkWidget *name = g_object_get_data (G_OBJECT (box), "csp-name");
  GtkWidget *retired = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  gint64 id = record != NULL ? csp_record_get_id (record) : 0;
  const char *listed = g_hash_table_lookup (self->names, &id);
  g_autofree char *text =
      listed == NULL && record != NULL ? csp_record_dup_display_name (record) : g_strdup (listed);
  gboolean is_retired = record != NULL &&
                        csp_table_info_find_column (
                            csp_record_type_get_info (G_OBJECT_TYPE (record)), "retired") != NULL &&
                        csp_record_get_bool (record, "retired");

  gtk_label_set_text (GTK_LABEL (name), text != NULL ? text : "");
  gtk_widget_set_tooltip_text (name, text);
  gtk_widget_set_visible (retired, is_retired);
  if (is_retired)
    gtk_widget_add_css_class (name, "dim-label");
  else
    gtk_widget_remove_css_class (name, "dim-label");
  show_description (self, box, record);
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
  record = csp_row_slot_model_get_row (self->rows, position);
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

  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
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

  gtk_widget_class_install_action (widget_class, "browser.new", NULL, new_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "browser.new",
                                       NULL);
}

static void
csp_record_browser_init (CspRecordBrowser *self)
{
  self->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static GtkWidget *
build_list_pane (CspRecordBrowser *self)
{
  const CspTableInfo *info = csp_record_type_get_info (self->record_type);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *new_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autofree char *new_label = g_strdup_printf (_ ("New %s (Ctrl+N)"), _ (info->noun));

  gtk_widget_set_tooltip_text (new_button, new_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (new_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  new_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (new_button), "browser.new");
  gtk_widget_set_halign (new_button, GTK_ALIGN_START);
  gtk_widget_set_margin_start (new_button, 6);
  gtk_widget_set_margin_top (new_button, 6);
  gtk_widget_set_margin_bottom (new_button, 6);

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  csp_row_slot_connect_factory (GTK_SIGNAL_LIST_ITEM_FACTORY (factory), show_row);
  self->list = GTK_LIST_VIEW (
      gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)), factory));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ (info->noun), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), new_button);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_widget_set_size_request (box, 280, -1);
  return box;
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
  GtkWidget *paned;

  g_return_val_if_fail (CSP_IS_CONTEXT (context), NULL);

  self = g_object_new (CSP_TYPE_RECORD_BROWSER, NULL);
  self->context = g_object_ref (context);
  self->record_type = record_type;
  self->model = csp_query_model_new (csp_context_get_store (context), record_type);
  csp_query_model_set_query (self->model, &query);
  self->rows = csp_row_slot_model_new (G_LIST_MODEL (self->model));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  self->editor = csp_record_editor_new (context, record_type, groups, n_groups);
  csp_access_bind_action (GTK_WIDGET (self), "browser.new", context, record_type);

  paned = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  gtk_paned_set_start_child (GTK_PANED (paned), build_list_pane (self));
  csp_record_editor_serve_list (self->editor, GTK_WIDGET (self->list));
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (editor_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (self->editor));
  gtk_paned_set_shrink_start_child (GTK_PANED (paned), FALSE);
  gtk_paned_set_shrink_end_child (GTK_PANED (paned), FALSE);
  adw_bin_set_child (ADW_BIN (self), paned);

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
      g_autoptr (CspRecord) record = csp_row_slot_model_get_row (self->rows, i);

      if (record == NULL || csp_record_get_id (record) != id)
        continue;
      gtk_single_selection_set_selected (self->selection, i);
      gtk_widget_activate_action (GTK_WIDGET (self->list), "list.scroll-to-item", "u", i);
      return TRUE;
    }
  return FALSE;
}

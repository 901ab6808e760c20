/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-link-list"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-choice-row.h"
#include "csp-editor-section.h"
#include "csp-link-list.h"
#include "csp-records.h"
#include "csp-ref-choices.h"

/* The records linked to the one an editor shows through a record of two
 * references (a risk's actions, through the risk_action links): each with
 * a button that removes the link, and a list to link one more. Linking and
 * unlinking are changes like any other: audited, and undone with Ctrl+Z. */
struct _CspLinkList
{
  AdwPreferencesGroup parent_instance;

  CspContext *context;
  GType link_type;
  const char *own_column;   /* the link's reference to the record shown */
  const char *other_column; /* its reference to the records listed */
  GType other_type;
  gint64 owner_id;
  GPtrArray *rows;       /* the linked records' rows */
  GPtrArray *links;      /* the link records, in the order of rows */
  CspChoiceRow *add_row; /* the records not linked yet, found by typing */
  GArray *add_ids;       /* their ids, in the order of its names */
};

static void csp_link_list_section_init (CspEditorSectionInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CspLinkList, csp_link_list, ADW_TYPE_PREFERENCES_GROUP,
                               G_IMPLEMENT_INTERFACE (CSP_TYPE_EDITOR_SECTION,
                                                      csp_link_list_section_init))

static void
toast_error (CspLinkList *self, const GError *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
  else
    g_warning ("%s", error->message);
}

static void
remove_clicked_cb (GtkButton *button, CspLinkList *self)
{
  CspRecord *link = g_object_get_data (G_OBJECT (button), "csp-link");
  g_autoptr (GError) error = NULL;

  if (!csp_history_delete (csp_context_get_history (self->context), link, &error))
    toast_error (self, error);
}

static GtkWidget *
make_row (CspLinkList *self, CspRecord *link, const char *name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  /* TRANSLATORS: the button that unlinks a record, e.g. an action from a risk */
  g_autofree char *label = g_strdup_printf (_ ("Remove the link to “%s”"), name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_widget_set_visible (remove, csp_context_may_change (self->context, self->link_type));
  g_object_set_data_full (G_OBJECT (remove), "csp-link", g_object_ref (link), g_object_unref);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
clear_rows (CspLinkList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->links, 0);
}

/* Lists the links of the record shown, and the records left to link. */
static void
refill (CspLinkList *self)
{
  CspStore *store = csp_context_get_store (self->context);
  CspQuery query = { .ref_column = self->own_column, .ref_id = self->owner_id };
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);
  g_autoptr (GHashTable) linked = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GPtrArray) links = NULL;
  g_autoptr (GError) error = NULL;
  gboolean may_change = csp_context_may_change (self->context, self->link_type);

  clear_rows (self);
  g_array_set_size (self->add_ids, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->add_row), self->owner_id != 0 && may_change);
  if (self->owner_id == 0)
    return;
  names = csp_ref_choices_list (store, self->other_type, NULL, ids, &error);
  links = names != NULL ? csp_store_list (store, self->link_type, &query, &error) : NULL;
  if (links == NULL)
    {
      g_warning ("Could not list the links: %s", error->message);
      return;
    }
  for (guint i = 0; i < links->len; i++)
    {
      CspRecord *link = g_ptr_array_index (links, i);
      gint64 other = csp_record_get_int (link, self->other_column);

      for (guint j = 0; j < ids->len; j++)
        if (g_array_index (ids, gint64, j) == other)
          {
            GtkWidget *row = make_row (self, link, g_ptr_array_index (names, j));

            adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
            g_ptr_array_add (self->rows, row);
            g_ptr_array_add (self->links, g_object_ref (link));
            g_hash_table_add (linked, &g_array_index (ids, gint64, j));
          }
    }
  for (guint j = 0; j < ids->len; j++)
    if (!g_hash_table_contains (linked, &g_array_index (ids, gint64, j)))
      {
        gtk_string_list_append (choices, g_ptr_array_index (names, j));
        g_array_append_val (self->add_ids, g_array_index (ids, gint64, j));
      }
  csp_choice_row_set_model (self->add_row, G_LIST_MODEL (choices));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_row), self->add_ids->len > 0);
}

static void
add_clicked_cb (CspLinkList *self)
{
  guint selected = csp_choice_row_get_selected (self->add_row);
  g_autoptr (GError) error = NULL;

  if (selected >= self->add_ids->len)
    return;
  if (!csp_link_list_add (self, g_array_index (self->add_ids, gint64, selected), &error))
    toast_error (self, error);
}

static void
history_changed_cb (CspLinkList *self, GType type)
{
  if (type == self->link_type || type == self->other_type)
    refill (self);
}

/* A section of the editor of the records it links from: it follows the
 * record shown. Each link is saved as it is made or removed, so the
 * section never holds changes of its own. */
static void
section_set_record (CspEditorSection *section, CspRecord *record)
{
  csp_link_list_set_owner (CSP_LINK_LIST (section),
                           record != NULL ? csp_record_get_id (record) : 0);
}

static void
csp_link_list_section_init (CspEditorSectionInterface *iface)
{
  iface->set_record = section_set_record;
}

static void
csp_link_list_dispose (GObject *object)
{
  CspLinkList *self = CSP_LINK_LIST (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_LINK_LIST);
  g_clear_object (&self->context);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_clear_pointer (&self->add_ids, g_array_unref);

  G_OBJECT_CLASS (csp_link_list_parent_class)->dispose (object);
}

static void
csp_link_list_class_init (CspLinkListClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = csp_link_list_dispose;

  g_type_ensure (CSP_TYPE_CHOICE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-link-list.ui");
  gtk_widget_class_bind_template_child (widget_class, CspLinkList, add_row);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
csp_link_list_init (CspLinkList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->links = g_ptr_array_new_with_free_func (g_object_unref);
  self->add_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * csp_link_list_new:
 * @link_type: a record type of two required references
 * @own_column: the one of them that points at the record shown
 * @title: the group's heading, e.g. "Actions affected"
 *
 * Returns: (transfer full): the list, showing nothing until given an owner
 */
CspLinkList *
csp_link_list_new (CspContext *context, GType link_type, const char *own_column, const char *title)
{
  const CspTableInfo *info = csp_record_type_get_info (link_type);
  CspLinkList *self;

  g_return_val_if_fail (CSP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (info->n_columns == 2, NULL);

  self = g_object_new (CSP_TYPE_LINK_LIST, "title", title, NULL);
  self->context = g_object_ref (context);
  self->link_type = link_type;
  self->own_column = own_column;
  for (guint i = 0; i < info->n_columns; i++)
    if (!g_str_equal (info->columns[i].name, own_column))
      {
        self->other_column = info->columns[i].name;
        self->other_type = csp_record_type_from_table (info->columns[i].ref_table);
      }
  g_return_val_if_fail (self->other_column != NULL, NULL);

  g_signal_connect_object (csp_context_get_history (context), "changed",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "changed-elsewhere", G_CALLBACK (history_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "access-changed", G_CALLBACK (refill), self, G_CONNECT_SWAPPED);
  return self;
}

/**
 * csp_link_list_set_owner:
 * @owner_id: the record shown, or 0 for a new one, which has no links yet
 */
void
csp_link_list_set_owner (CspLinkList *self, gint64 owner_id)
{
  g_return_if_fail (CSP_IS_LINK_LIST (self));

  self->owner_id = owner_id;
  adw_preferences_group_set_description (
      ADW_PREFERENCES_GROUP (self),
      owner_id == 0 ? _ ("Links can be added once the record is saved.") : NULL);
  refill (self);
}

guint
csp_link_list_get_n_links (CspLinkList *self)
{
  g_return_val_if_fail (CSP_IS_LINK_LIST (self), 0);
  return self->links->len;
}

/**
 * csp_link_list_add:
 * @other_id: the record to link to the one shown
 *
 * Links them, as one step of undo.
 */
gboolean
csp_link_list_add (CspLinkList *self, gint64 other_id, GError **error)
{
  g_autoptr (CspRecord) link = NULL;

  g_return_val_if_fail (CSP_IS_LINK_LIST (self), FALSE);
  g_return_val_if_fail (self->owner_id != 0, FALSE);

  link = csp_record_new (self->link_type);
  csp_record_set_int (link, self->own_column, self->owner_id);
  csp_record_set_int (link, self->other_column, other_id);
  return csp_history_insert (csp_context_get_history (self->context), link, error);
}

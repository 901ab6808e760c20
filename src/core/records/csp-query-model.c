/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-query-model"

#include "config.h"

#include "csp-query-model.h"

/* A list of records that match a query, fetched from the database a page at
 * a time as the view asks for them. Only the row count and a few recent
 * pages are held, so a list of a million rows costs what one page costs;
 * filtering and sorting happen in SQL when the query changes. */

/* A GTK 4.8 list view binds 200 rows at once: one page covers them, so a
 * new query (whose every page costs a search or a sort) is read once. */
#define PAGE_SIZE 256
#define MAX_CACHED_PAGES 8

struct _CspQueryModel
{
  GObject parent_instance;

  CspStore *store;
  GType record_type;
  CspQuery *query;
  guint n_items;

  /* Page number -> GPtrArray of records; order of use, most recent first. */
  GHashTable *pages;
  GQueue page_order;
};

static void csp_query_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CspQueryModel, csp_query_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      csp_query_model_list_model_init))

enum
{
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * csp_query_copy:
 *
 * Returns: (transfer full): a copy of @query that owns its strings
 */
CspQuery *
csp_query_copy (const CspQuery *query)
{
  CspQuery *copy = g_new0 (CspQuery, 1);

  if (query == NULL)
    return copy;
  *copy = *query;
  copy->from_date = g_strdup (query->from_date);
  copy->to_date = g_strdup (query->to_date);
  copy->status = g_strdup (query->status);
  copy->format = g_strdup (query->format);
  copy->mode = g_strdup (query->mode);
  copy->text = g_strdup (query->text);
  copy->ref_column = g_strdup (query->ref_column);
  copy->sort_column = g_strdup (query->sort_column);
  return copy;
}

/**
 * csp_query_free:
 *
 * Frees a query made by csp_query_copy(), strings and all.
 */
void
csp_query_free (CspQuery *query)
{
  if (query == NULL)
    return;
  /* The fields are const for callers; a copied query owns them. */
  g_free ((char *) query->from_date);
  g_free ((char *) query->to_date);
  g_free ((char *) query->status);
  g_free ((char *) query->format);
  g_free ((char *) query->mode);
  g_free ((char *) query->text);
  g_free ((char *) query->ref_column);
  g_free ((char *) query->sort_column);
  g_free (query);
}

static void
forget_pages (CspQueryModel *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);
}

static GPtrArray *
fetch_page (CspQueryModel *self, guint page)
{
  GPtrArray *records = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  g_autoptr (GError) error = NULL;
  CspQuery query = *self->query;

  if (records != NULL)
    {
      /* Most recently used first. */
      g_queue_remove (&self->page_order, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->page_order, GUINT_TO_POINTER (page));
      return records;
    }

  query.offset = page * PAGE_SIZE;
  query.limit = PAGE_SIZE;
  g_debug ("Reading rows %u to %u", query.offset, query.offset + PAGE_SIZE - 1);
  records = csp_store_list (self->store, self->record_type, &query, &error);
  if (records == NULL)
    {
      g_warning ("Could not read rows %u to %u: %s", query.offset, query.offset + PAGE_SIZE,
                 error->message);
      return NULL;
    }
  if (g_queue_get_length (&self->page_order) >= MAX_CACHED_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->page_order));
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), records);
  g_queue_push_head (&self->page_order, GUINT_TO_POINTER (page));
  return records;
}

static GType
csp_query_model_get_item_type (GListModel *model)
{
  return CSP_QUERY_MODEL (model)->record_type;
}

static guint
csp_query_model_get_n_items (GListModel *model)
{
  return CSP_QUERY_MODEL (model)->n_items;
}

static gpointer
csp_query_model_get_item (GListModel *model, guint position)
{
  CspQueryModel *self = CSP_QUERY_MODEL (model);
  GPtrArray *records;
  guint index = position % PAGE_SIZE;

  if (position >= self->n_items)
    return NULL;
  records = fetch_page (self, position / PAGE_SIZE);
  /* Rows deleted by another program since the count: nothing to show. */
  if (records == NULL || index >= records->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (records, index));
}

static void
csp_query_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = csp_query_model_get_item_type;
  iface->get_n_items = csp_query_model_get_n_items;
  iface->get_item = csp_query_model_get_item;
}

static void
csp_query_model_finalize (GObject *object)
{
  CspQueryModel *self = CSP_QUERY_MODEL (object);

  forget_pages (self);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->query, csp_query_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (csp_query_model_parent_class)->finalize (object);
}

static void
csp_query_model_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspQueryModel *self = CSP_QUERY_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_query_model_class_init (CspQueryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csp_query_model_finalize;
  object_class->get_property = csp_query_model_get_property;

  properties[PROP_N_ITEMS] =
      g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csp_query_model_init (CspQueryModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->page_order);
  self->query = csp_query_copy (NULL);
}

/**
 * csp_query_model_new:
 * @record_type: the type of record listed
 *
 * Returns: (transfer full): an empty model; set a query and reload it
 */
CspQueryModel *
csp_query_model_new (CspStore *store, GType record_type)
{
  CspQueryModel *self;

  g_return_val_if_fail (CSP_IS_STORE (store), NULL);
  g_return_val_if_fail (g_type_is_a (record_type, CSP_TYPE_RECORD), NULL);

  self = g_object_new (CSP_TYPE_QUERY_MODEL, NULL);
  self->store = g_object_ref (store);
  self->record_type = record_type;
  return self;
}

/**
 * csp_query_model_set_query:
 * @query: (nullable): filters and order; its offset and limit are ignored
 *
 * Takes effect at the next csp_query_model_reload().
 */
void
csp_query_model_set_query (CspQueryModel *self, const CspQuery *query)
{
  g_return_if_fail (CSP_IS_QUERY_MODEL (self));

  g_clear_pointer (&self->query, csp_query_free);
  self->query = csp_query_copy (query);
  self->query->offset = 0;
  self->query->limit = 0;
}

/**
 * csp_query_model_get_query:
 *
 * Returns: (transfer none): the query the model lists
 */
const CspQuery *
csp_query_model_get_query (CspQueryModel *self)
{
  g_return_val_if_fail (CSP_IS_QUERY_MODEL (self), NULL);
  return self->query;
}

/**
 * csp_query_model_reload:
 *
 * Counts the matching rows afresh and tells views that every row may have
 * changed. On failure the model keeps what it showed.
 */
gboolean
csp_query_model_reload (CspQueryModel *self, GError **error)
{
  guint old_n_items, n_items = 0;
  CspQuery first_page = *self->query;
  GPtrArray *first_rows;

  g_return_val_if_fail (CSP_IS_QUERY_MODEL (self), FALSE);

  if (!csp_store_count (self->store, self->record_type, self->query, &n_items, error))
    return FALSE;
  /* The first page is read now: the view shows it next, and reading it
   * checks the order as well, so get_item() cannot fail on a bad query. */
  first_page.limit = PAGE_SIZE;
  first_rows = csp_store_list (self->store, self->record_type, &first_page, error);
  if (first_rows == NULL)
    return FALSE;
  forget_pages (self);
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (0), first_rows);
  g_queue_push_head (&self->page_order, GUINT_TO_POINTER (0));
  old_n_items = self->n_items;
  self->n_items = n_items;
  /* Every row may differ. A GTK view should show the model through a
   * CspRowSlotModel: it keeps the view's row widgets, and spares the model
   * GTK 4.8's search of the added rows for the removed ones, which would
   * read every row from the database. */
  if (old_n_items > 0 || n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, n_items);
  if (old_n_items != n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-sample"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "csp-core-resources.h"
#include "csp-records.h"
#include "csp-sample.h"

/* The sample partnership ships as JSON: each file an object of tables, each
 * table an array of rows named by column, with explicit ids so rows can
 * refer to each other. It goes in through the store, so every sample row
 * meets the same rules as a person's. Files are loaded in this order. */
static const char *const sample_files[] = {
  "partnership.json", "action-plan.json", "activities.json", "figures.json", "report.json",
};

static gboolean
set_from_json (CspRecord *record, const CspColumn *column, JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    {
      csp_record_set_null (record, column->name);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (column->kind)
    {
    case CSP_COLUMN_INT:
    case CSP_COLUMN_REF:
      if (json_node_get_value_type (node) != G_TYPE_INT64)
        return FALSE;
      csp_record_set_int (record, column->name, json_node_get_int (node));
      return TRUE;
    case CSP_COLUMN_BOOL:
      if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        return FALSE;
      csp_record_set_bool (record, column->name, json_node_get_boolean (node));
      return TRUE;
    case CSP_COLUMN_TEXT:
    case CSP_COLUMN_DATE:
    case CSP_COLUMN_MONTH:
    case CSP_COLUMN_CHOICE:
    default:
      if (json_node_get_value_type (node) != G_TYPE_STRING)
        return FALSE;
      csp_record_set_string (record, column->name, json_node_get_string (node));
      return TRUE;
    }
}

static void
set_partner_ids (CspRecord *record, JsonArray *array)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 id = json_array_get_int_element (array, i);
      g_array_append_val (ids, id);
    }
  csp_record_set_partner_ids (record, (const gint64 *) (gpointer) ids->data, ids->len);
}

static CspRecord *
record_from_json (GType type, JsonObject *row, GError **error)
{
  g_autoptr (CspRecord) record = csp_record_new (type);
  const CspTableInfo *info = csp_record_type_get_info (type);
  g_autoptr (GList) members = json_object_get_members (row);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (row, name);
      const CspColumn *column = csp_table_info_find_column (info, name);

      if (g_str_equal (name, "id") && JSON_NODE_HOLDS_VALUE (node))
        csp_record_set_id (record, json_node_get_int (node));
      else if (g_str_equal (name, "partner_ids") && info->partner_table != NULL &&
               JSON_NODE_HOLDS_ARRAY (node))
        set_partner_ids (record, json_node_get_array (node));
      else if (column == NULL || !set_from_json (record, column, node))
        {
          g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                       _ ("unknown or mistyped field “%s”"), name);
          return NULL;
        }
    }
  return g_steal_pointer (&record);
}

static gboolean
load_file (CspStore *store, const char *file, GError **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_PATH "/sample/", file, NULL);
  g_autoptr (GBytes) bytes =
      g_resource_lookup_data (csp_core_get_resource (), path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GList) tables = NULL;
  JsonObject *root;

  g_assert (bytes != NULL);
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   (gssize) g_bytes_get_size (bytes), error))
    return FALSE;
  root = json_node_get_object (json_parser_get_root (parser));
  tables = json_object_get_members (root);

  for (GList *l = tables; l != NULL; l = l->next)
    {
      const char *table = l->data;
      GType type = csp_record_type_from_table (table);
      JsonArray *rows = json_object_get_array_member (root, table);

      g_assert (type != G_TYPE_INVALID);
      for (guint i = 0; i < json_array_get_length (rows); i++)
        {
          JsonObject *row = json_array_get_object_element (rows, i);
          g_autoptr (CspRecord) record = record_from_json (type, row, error);

          if (record == NULL || !csp_store_insert (store, record, error))
            {
              g_prefix_error (error, _ ("Sample %s, %s row %u: "), file, table, i + 1);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/**
 * csp_store_is_empty:
 * @is_empty: (out): whether no record of any kind is stored yet
 */
gboolean
csp_store_is_empty (CspStore *store, gboolean *is_empty, GError **error)
{
  guint n_types = 0;
  const GType *types = csp_record_list_types (&n_types);

  g_return_val_if_fail (CSP_IS_STORE (store), FALSE);

  *is_empty = TRUE;
  for (guint i = 0; i < n_types && *is_empty; i++)
    {
      guint count = 0;

      if (!csp_store_count (store, types[i], NULL, &count, error))
        return FALSE;
      *is_empty = count == 0;
    }
  return TRUE;
}

/**
 * csp_sample_load:
 *
 * Fills an empty database with the sample partnership, all or nothing.
 * A database that already holds records is refused and left as it was.
 */
gboolean
csp_sample_load (CspStore *store, GError **error)
{
  CspDatabase *database;
  gboolean is_empty = FALSE;

  g_return_val_if_fail (CSP_IS_STORE (store), FALSE);

  database = csp_store_get_database (store);
  if (!csp_database_begin (database, error))
    return FALSE;
  if (!csp_store_is_empty (store, &is_empty, error))
    {
      csp_database_rollback (database);
      return FALSE;
    }
  if (!is_empty)
    {
      csp_database_rollback (database);
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("The database already holds records; the sample partnership is only "
                      "loaded into an empty database"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sample_files); i++)
    if (!load_file (store, sample_files[i], error))
      {
        csp_database_rollback (database);
        return FALSE;
      }
  return csp_database_commit (database, error);
}

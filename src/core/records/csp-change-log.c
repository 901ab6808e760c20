/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-change-log"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "csp-change-log.h"
#include "csp-choices.h"
#include "csp-records.h"

/* The audit log read back as people read it: for one record, its history
 * in the editor; for admins, the whole log, filtered. Each entry says
 * who, when, and which fields went from what to what, with references
 * shown by name and choices, dates and yes/no as the forms show them. */

void
csp_logged_change_free (CspLoggedChange *logged)
{
  if (logged == NULL)
    return;
  csp_change_free (logged->change);
  g_free (logged->table);
  g_free (logged->record_name);
  g_clear_pointer (&logged->fields, g_ptr_array_unref);
  g_free (logged);
}

static void
field_change_free (gpointer data)
{
  CspFieldChange *field = data;

  g_free (field->label);
  g_free (field->before);
  g_free (field->after);
  g_free (field);
}

/* What is being read: the store for names, and names already looked up. */
typedef struct
{
  CspStore *store;
  GHashTable *names; /* "table id" → display name */
} Reader;

/* The record's name as it is now, or %NULL once it is deleted. */
static char *
lookup_name (Reader *reader, const char *table, gint64 id)
{
  g_autofree char *key = g_strdup_printf ("%s %" G_GINT64_FORMAT, table, id);
  GType type = csp_record_type_from_table (table);
  g_autoptr (CspRecord) record = NULL;
  char *name;

  if (g_hash_table_contains (reader->names, key))
    return g_strdup (g_hash_table_lookup (reader->names, key));
  if (type != G_TYPE_INVALID)
    record = csp_store_get (reader->store, type, id, NULL);
  name = record != NULL ? csp_record_dup_display_name (record) : NULL;
  g_hash_table_insert (reader->names, g_steal_pointer (&key), g_strdup (name));
  return name;
}

static char *
record_name (Reader *reader, const char *table, gint64 id)
{
  char *name = lookup_name (reader, table, id);
  g_autofree char *number = NULL;

  if (name != NULL)
    return name;
  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* Translators: a record that has since been deleted, by its number. */
  return g_strdup_printf (_ ("no. %s (since deleted)"), number);
}

static char *
date_text (const char *iso)
{
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *midnight = g_strconcat (iso, "T00:00:00Z", NULL);

  date = g_date_time_new_from_iso8601 (midnight, NULL);
  /* Translators: a date as "30 Jun 2021"; see GLib's g_date_time_format(). */
  return date != NULL ? g_date_time_format (date, _ ("%-d %b %Y")) : g_strdup (iso);
}

/* A logged value as the form shows it; %NULL for none. */
static char *
value_text (Reader *reader, const CspColumn *column, JsonNode *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *ids = json_node_get_array (value);
      g_autoptr (GString) names = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (ids); i++)
        {
          g_autofree char *name =
              record_name (reader, "partner", json_array_get_int_element (ids, i));

          g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", name);
        }
      return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
    }
  if (column == NULL)
    return json_node_get_value_type (value) == G_TYPE_STRING
               ? g_strdup (json_node_get_string (value))
               : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
  switch (column->kind)
    {
    case CSP_COLUMN_REF:
      return json_node_get_int (value) != 0
                 ? record_name (reader, column->ref_table, json_node_get_int (value))
                 : NULL;
    case CSP_COLUMN_BOOL:
      return g_strdup (json_node_get_int (value) != 0 ? _ ("Yes") : _ ("No"));
    case CSP_COLUMN_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
    case CSP_COLUMN_CHOICE:
      return g_strdup (csp_choice_label (json_node_get_string (value)));
    case CSP_COLUMN_DATE:
      return date_text (json_node_get_string (value));
    case CSP_COLUMN_TEXT:
    case CSP_COLUMN_MONTH:
    default:
      return g_strdup (json_node_get_string (value));
    }
}

static void
add_field (Reader *reader, CspLoggedChange *logged, const char *name, JsonNode *before,
           JsonNode *after)
{
  const CspTableInfo *info =
      logged->record_type != G_TYPE_INVALID ? csp_record_type_get_info (logged->record_type) : NULL;
  const CspColumn *column = info != NULL ? csp_table_info_find_column (info, name) : NULL;
  CspFieldChange *field = g_new0 (CspFieldChange, 1);

  field->label = g_strdup (column != NULL                      ? _ (column->label)
                           : g_str_equal (name, "partner_ids") ? _ ("Supporting partners")
                                                               : name);
  field->before = value_text (reader, column, before);
  field->after = value_text (reader, column, after);
  if (field->before == NULL && field->after == NULL)
    field_change_free (field);
  else
    g_ptr_array_add (logged->fields, field);
}

/* The store writes every value of an addition or deletion, and [old, new]
 * of each changed field of an update (csp-store.c). */
static void
read_fields (Reader *reader, CspLoggedChange *logged, const char *changes)
{
  g_autoptr (JsonNode) root = json_from_string (changes, NULL);
  JsonObject *object;
  g_autoptr (GList) names = NULL;
  const char *operation = logged->change->operation;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) || logged->row_id == 0)
    return;
  object = json_node_get_object (root);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);

      if (g_str_equal (operation, "update") && JSON_NODE_HOLDS_ARRAY (value) &&
          json_array_get_length (json_node_get_array (value)) == 2)
        add_field (reader, logged, l->data, json_array_get_element (json_node_get_array (value), 0),
                   json_array_get_element (json_node_get_array (value), 1));
      else if (g_str_equal (operation, "delete"))
        add_field (reader, logged, l->data, value, NULL);
      else
        add_field (reader, logged, l->data, NULL, value);
    }
}

/* Each filter is left out when its value is NULL (or 0). */
#define LIST_SQL                                                                                   \
  "SELECT user_name, created_at, operation, table_name, row_id, changes FROM audit_log "           \
  "WHERE (CAST (? AS TEXT) IS NULL OR table_name = ?) AND (? = 0 OR row_id = ?) "                  \
  "AND (CAST (? AS TEXT) IS NULL OR user_name = ?) "                                               \
  "AND (CAST (? AS TEXT) IS NULL OR substr (created_at, 1, 10) >= ?) "                             \
  "AND (CAST (? AS TEXT) IS NULL OR substr (created_at, 1, 10) <= ?) "                             \
  "ORDER BY id DESC LIMIT ?"

static void
bind_filter (CspStatement *stmt, int index, const char *value)
{
  csp_statement_bind_text (stmt, index, value);
  csp_statement_bind_text (stmt, index + 1, value);
}

/**
 * csp_change_log_list:
 * @query: which entries
 *
 * Returns: (transfer container) (element-type CspLoggedChange): the
 *   entries, newest first, or %NULL with @error set
 */
GPtrArray *
csp_change_log_list (CspStore *store, const CspChangeLogQuery *query, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autoptr (GPtrArray) entries =
      g_ptr_array_new_with_free_func ((GDestroyNotify) csp_logged_change_free);
  g_autoptr (GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Reader reader = { store, names };
  CspStep step;

  g_return_val_if_fail (CSP_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  stmt = csp_database_prepare (csp_store_get_database (store), LIST_SQL, error);
  if (stmt == NULL)
    return NULL;
  bind_filter (stmt, 1, query->table);
  csp_statement_bind_int64 (stmt, 3, query->row_id);
  csp_statement_bind_int64 (stmt, 4, query->row_id);
  bind_filter (stmt, 5, query->user_name);
  bind_filter (stmt, 7, query->from_date);
  bind_filter (stmt, 9, query->to_date);
  csp_statement_bind_int64 (stmt, 11, query->limit > 0 ? query->limit : G_MAXINT32);
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      CspLoggedChange *logged = g_new0 (CspLoggedChange, 1);

      logged->change = g_new0 (CspChange, 1);
      logged->change->user_name = g_strdup (csp_statement_get_text (stmt, 0));
      logged->change->when = g_date_time_new_from_iso8601 (csp_statement_get_text (stmt, 1), NULL);
      logged->change->operation = g_strdup (csp_statement_get_text (stmt, 2));
      logged->table = g_strdup (csp_statement_get_text (stmt, 3));
      logged->record_type = csp_record_type_from_table (logged->table);
      logged->row_id = csp_statement_get_int64 (stmt, 4);
      logged->fields = g_ptr_array_new_with_free_func (field_change_free);
      if (query->row_id == 0 && logged->row_id != 0 && logged->record_type != G_TYPE_INVALID)
        logged->record_name = lookup_name (&reader, logged->table, logged->row_id);
      g_ptr_array_add (entries, logged);
      read_fields (&reader, logged, csp_statement_get_text (stmt, 5));
    }
  if (step == CSP_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&entries);
}

/**
 * csp_change_log_list_users:
 *
 * Returns: (transfer full) (element-type utf8): everyone who has made a
 *   change, by name, or %NULL with @error set
 */
GPtrArray *
csp_change_log_list_users (CspDatabase *database, GError **error)
{
  g_autoptr (CspStatement) stmt = csp_database_prepare (
      database, "SELECT DISTINCT user_name FROM audit_log ORDER BY user_name", error);
  g_autoptr (GPtrArray) users = g_ptr_array_new_with_free_func (g_free);
  CspStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    g_ptr_array_add (users, g_strdup (csp_statement_get_text (stmt, 0)));
  if (step == CSP_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&users);
}

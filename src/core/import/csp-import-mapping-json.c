/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import-mapping"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "csp-import-mapping-private.h"
#include "csp-import-value.h"

/* A mapping as JSON, the form it is saved in (csp-import-mapping-private.h
 * shows it), and back. A mapping saved by a later version of the format is
 * refused, not half read. */

#define MAPPING_FORMAT_VERSION 1

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The keys of @table, sorted (GLib 2.74 has no g_hash_table_get_keys_as_ptr_array()). */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

/* Members in sorted order, so that the same mapping is always the same text. */
static void
add_sorted_members (JsonBuilder *builder, GHashTable *table)
{
  g_autoptr (GPtrArray) keys = sorted_keys (table);

  for (guint i = 0; i < keys->len; i++)
    {
      json_builder_set_member_name (builder, g_ptr_array_index (keys, i));
      json_builder_add_string_value (builder,
                                     g_hash_table_lookup (table, g_ptr_array_index (keys, i)));
    }
}

/**
 * csp_import_mapping_to_json:
 *
 * Returns: (transfer full): the mapping as JSON text
 */
char *
csp_import_mapping_to_json (CspImportMapping *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) keys = NULL;
  const char *open_table = NULL;
  char separator[2] = { 0, 0 };

  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, MAPPING_FORMAT_VERSION);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_object (builder);
  add_sorted_members (builder, self->columns);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "defaults");
  json_builder_begin_object (builder);
  add_sorted_members (builder, self->defaults);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "skip_rows");
  json_builder_add_int_value (builder, self->skip_rows);
  if (self->separator != 0)
    {
      separator[0] = self->separator;
      json_builder_set_member_name (builder, "separator");
      json_builder_add_string_value (builder, separator);
    }
  if (self->period != CSP_IMPORT_PERIOD_MONTH)
    {
      json_builder_set_member_name (builder, "period");
      json_builder_add_string_value (builder, csp_import_period_to_string (self->period));
    }
  if (self->date_order != CSP_DATE_ORDER_UNDECIDED)
    {
      json_builder_set_member_name (builder, "date_order");
      json_builder_add_string_value (builder, csp_date_order_to_string (self->date_order));
    }

  json_builder_set_member_name (builder, "aliases");
  json_builder_begin_object (builder);
  keys = sorted_keys (self->aliases);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const char *split = strchr (key, '\x1f');
      g_autofree char *table = g_strndup (key, (gsize) (split - key));

      if (g_strcmp0 (open_table, table) != 0)
        {
          if (open_table != NULL)
            json_builder_end_object (builder);
          json_builder_set_member_name (builder, table);
          json_builder_begin_object (builder);
          open_table = g_intern_string (table);
        }
      json_builder_set_member_name (builder, split + 1);
      json_builder_add_int_value (builder, *(gint64 *) g_hash_table_lookup (self->aliases, key));
    }
  if (open_table != NULL)
    json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, TRUE);
}

static gboolean
read_string_object (CspImportMapping *self, JsonObject *root, const char *member,
                    gboolean targets_are_values, GError **error)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonObject *object;
  g_autoptr (GList) names = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return csp_import_mapping_error (
        error, _ ("The saved mapping is damaged: “%s” is not an object"), member);
  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      const char *text;
      gboolean ok;

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return csp_import_mapping_error (
            error, _ ("The saved mapping is damaged: “%s” is not text"), (const char *) l->data);
      text = json_node_get_string (value);
      ok = targets_are_values ? csp_import_mapping_set_target (self, l->data, text)
                              : csp_import_mapping_set_default (self, l->data, text);
      if (!ok)
        return csp_import_mapping_error (error,
                                         _ ("The mapping names a field “%s” that %s do not have"),
                                         targets_are_values ? text : (const char *) l->data,
                                         csp_import_kind_to_string (self->kind));
    }
  return TRUE;
}

static gboolean
read_aliases (CspImportMapping *self, JsonObject *root, GError **error)
{
  JsonNode *node = json_object_get_member (root, "aliases");
  JsonObject *tables;
  g_autoptr (GList) table_names = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return csp_import_mapping_error (
        error, _ ("The saved mapping is damaged: “%s” is not an object"), "aliases");
  tables = json_node_get_object (node);
  table_names = json_object_get_members (tables);
  for (GList *l = table_names; l != NULL; l = l->next)
    {
      JsonNode *table_node = json_object_get_member (tables, l->data);
      JsonObject *names;
      g_autoptr (GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (table_node))
        return csp_import_mapping_error (error,
                                         _ ("The saved mapping is damaged: “%s” is not an object"),
                                         (const char *) l->data);
      names = json_node_get_object (table_node);
      members = json_object_get_members (names);
      for (GList *m = members; m != NULL; m = m->next)
        {
          JsonNode *id = json_object_get_member (names, m->data);

          if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
            return csp_import_mapping_error (error,
                                             _ ("The saved mapping is damaged: “%s” is not an id"),
                                             (const char *) m->data);
          csp_import_mapping_set_alias (self, l->data, m->data, json_node_get_int (id));
        }
    }
  return TRUE;
}

/* The text @node holds, or "" when it holds none. */
static const char *
string_of (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node)
             : "";
}

/**
 * csp_import_mapping_new_from_json:
 *
 * Returns: (transfer full): the mapping @json describes, or %NULL with
 *   %CSP_IMPORT_ERROR_MAPPING
 */
CspImportMapping *
csp_import_mapping_new_from_json (CspImportKind kind, const char *json, GError **error)
{
  g_autoptr (CspImportMapping) self = csp_import_mapping_new (kind);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) parse_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &parse_error))
    {
      csp_import_mapping_error (error, _ ("The saved mapping is damaged: %s"),
                                parse_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      csp_import_mapping_error (error, _ ("The saved mapping is damaged: it is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  node = json_object_get_member (object, "format");
  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_int (node) > MAPPING_FORMAT_VERSION))
    {
      csp_import_mapping_error (error,
                                _ ("The saved mapping was made by a newer version of CSP Engage"));
      return NULL;
    }
  if (!read_string_object (self, object, "columns", TRUE, error) ||
      !read_string_object (self, object, "defaults", FALSE, error) ||
      !read_aliases (self, object, error))
    return NULL;

  node = json_object_get_member (object, "skip_rows");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 0 || json_node_get_int (node) > 1000)
        {
          csp_import_mapping_error (
              error, _ ("The saved mapping is damaged: “%s” is not a small number"), "skip_rows");
          return NULL;
        }
      self->skip_rows = (guint) json_node_get_int (node);
    }
  node = json_object_get_member (object, "separator");
  if (node != NULL)
    {
      const char *separator = string_of (node);

      if (strlen (separator) != 1 || strchr (",;\t", separator[0]) == NULL)
        {
          csp_import_mapping_error (
              error, _ ("The saved mapping is damaged: “%s” is not a separator"), "separator");
          return NULL;
        }
      self->separator = separator[0];
    }
  node = json_object_get_member (object, "period");
  if (node != NULL && !csp_import_period_from_string (string_of (node), &self->period))
    {
      csp_import_mapping_error (error, _ ("The saved mapping is damaged: “%s” is not a period"),
                                "period");
      return NULL;
    }
  node = json_object_get_member (object, "date_order");
  if (node != NULL && !csp_date_order_from_string (string_of (node), &self->date_order))
    {
      csp_import_mapping_error (
          error, _ ("The saved mapping is damaged: “%s” is not an order of dates"), "date_order");
      return NULL;
    }
  return g_steal_pointer (&self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import-mapping"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "csp-import-mapping-private.h"
#include "csp-import-value.h"
#include "csp-records.h"

/* Mappings saved by name per kind of import in the import_mapping table,
 * each save, change and deletion in the audit log. */

/* A saved mapping is chosen from a list by its name: a line's worth. */
#define MAX_NAME_CHARS 100

/* Saved mappings are audited like records: each write to import_mapping
 * adds an audit_log row in the same transaction. Who and when come from
 * the engine: on a server, its clock and the login it knows; SQLite has
 * no logins, so there the user is the account running the program. */

/* The user comes last, as SQLite binds it and PostgreSQL does not. */
#define AUDIT_SQL(now, user)                                                                       \
  "INSERT INTO audit_log (table_name, row_id, operation, changes, created_at, updated_at, "        \
  "user_name) VALUES ('import_mapping', ?, ?, ?, " now ", " now ", " user ")"

/* RETURNING version tells an insert (1) from an update (2 and up). */
#define UPSERT_SQL(now)                                                                            \
  "INSERT INTO import_mapping (name, kind, mapping, created_at, updated_at) "                      \
  "VALUES (?, ?, ?, " now ", " now ") ON CONFLICT (name, kind) DO UPDATE SET "                     \
  "mapping = excluded.mapping, updated_at = excluded.updated_at, "                                 \
  "version = import_mapping.version + 1 RETURNING id, version"

static gboolean
write_audit (CspDatabase *database, gint64 row_id, const char *operation, const char *changes,
             GError **error)
{
  g_autoptr (CspStatement) stmt =
      csp_database_prepare (database,
                            csp_database_pick_sql (database, AUDIT_SQL (CSP_SQLITE_NOW, "?"),
                                                   AUDIT_SQL (CSP_POSTGRESQL_NOW, "session_user")),
                            error);

  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_int64 (stmt, 1, row_id);
  csp_statement_bind_text (stmt, 2, operation);
  csp_statement_bind_text (stmt, 3, changes);
  if (csp_database_get_engine (database) == CSP_ENGINE_SQLITE)
    csp_statement_bind_text (stmt, 4, g_get_user_name ());
  return csp_statement_run (stmt, error);
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr (JsonNode) root = json_node_init_object (json_node_alloc (), object);

  return json_to_string (root, FALSE);
}

/* What an audit entry of an insert or delete says: every value. */
static char *
describe_row (const char *name, const char *kind, const char *mapping)
{
  g_autoptr (JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "kind", kind);
  json_object_set_string_member (object, "mapping", mapping);
  return object_to_string (object);
}

/* Of an update: [old, new] of the mapping, if it changed. */
static char *
describe_update (const char *old_mapping, const char *new_mapping)
{
  g_autoptr (JsonObject) object = json_object_new ();

  if (g_strcmp0 (old_mapping, new_mapping) != 0)
    {
      JsonArray *pair = json_array_new ();

      if (old_mapping != NULL)
        json_array_add_string_element (pair, old_mapping);
      else
        json_array_add_null_element (pair);
      json_array_add_string_element (pair, new_mapping);
      json_object_set_array_member (object, "mapping", pair);
    }
  return object_to_string (object);
}

static gboolean
save_row (CspDatabase *database, const char *name, const char *kind, const char *json,
          GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *old = NULL;
  g_autofree char *changes = NULL;
  gint64 id, version;
  CspStep step;

  /* The old value for the audit entry; on a server, locked until the
   * commit so that it is the one replaced. */
  stmt = csp_database_prepare (
      database,
      csp_database_pick_sql (database,
                             "SELECT mapping FROM import_mapping WHERE name = ? AND kind = ?",
                             "SELECT mapping FROM import_mapping WHERE name = ? AND kind = ? "
                             "FOR UPDATE"),
      error);
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_text (stmt, 1, name);
  csp_statement_bind_text (stmt, 2, kind);
  step = csp_statement_step (stmt, error);
  if (step == CSP_STEP_FAILED)
    return FALSE;
  if (step == CSP_STEP_ROW)
    old = g_strdup (csp_statement_get_text (stmt, 0));
  g_clear_pointer (&stmt, csp_statement_free);

  stmt = csp_database_prepare (database,
                               csp_database_pick_sql (database, UPSERT_SQL (CSP_SQLITE_NOW),
                                                      UPSERT_SQL (CSP_POSTGRESQL_NOW)),
                               error);
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_text (stmt, 1, name);
  csp_statement_bind_text (stmt, 2, kind);
  csp_statement_bind_text (stmt, 3, json);
  step = csp_statement_step (stmt, error);
  if (step == CSP_STEP_FAILED)
    return FALSE;
  /* An upsert returns its row. */
  g_assert (step == CSP_STEP_ROW);
  id = csp_statement_get_int64 (stmt, 0);
  version = csp_statement_get_int64 (stmt, 1);
  if (!csp_statement_run (stmt, error))
    return FALSE;

  if (version == 1)
    {
      changes = describe_row (name, kind, json);
      return write_audit (database, id, "insert", changes, error);
    }
  changes = describe_update (old, json);
  return write_audit (database, id, "update", changes, error);
}

/**
 * csp_import_mapping_save:
 * @name: what the source is called, e.g. "Facebook monthly export"
 *
 * Saves the mapping under @name for its kind, replacing one of that name,
 * with its audit entry.
 */
gboolean
csp_import_mapping_save (CspImportMapping *self, CspDatabase *database, const char *name,
                         GError **error)
{
  g_autofree char *json = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    return csp_import_mapping_error (error, _ ("A saved mapping needs a name"));
  if (!g_utf8_validate (trimmed, -1, NULL) || g_utf8_strlen (trimmed, -1) > MAX_NAME_CHARS)
    return csp_import_mapping_error (error, _ ("A saved mapping’s name has at most %u characters"),
                                     MAX_NAME_CHARS);

  json = csp_import_mapping_to_json (self);
  if (!csp_database_begin (database, error))
    return FALSE;
  if (!save_row (database, trimmed, csp_import_kind_to_string (self->kind), json, error))
    {
      csp_database_rollback (database);
      return FALSE;
    }
  if (!csp_database_commit (database, error))
    return FALSE;
  g_free (self->name);
  self->name = g_steal_pointer (&trimmed);
  return TRUE;
}

/**
 * csp_import_mapping_list_saved:
 *
 * Returns: (transfer full): the names of the mappings saved for @kind, sorted
 */
GStrv
csp_import_mapping_list_saved (CspDatabase *database, CspImportKind kind, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);

  /* Case-insensitive for ASCII letters, the same order on both engines;
   * names that differ only in case in byte order. */
  stmt = csp_database_prepare (
      database,
      csp_database_pick_sql (database,
                             "SELECT name FROM import_mapping WHERE kind = ? "
                             "ORDER BY name COLLATE NOCASE, name",
                             "SELECT name FROM import_mapping WHERE kind = ? "
                             "ORDER BY lower(name COLLATE \"C\"), name COLLATE \"C\""),
      error);
  if (stmt == NULL)
    return NULL;
  csp_statement_bind_text (stmt, 1, csp_import_kind_to_string (kind));
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    g_strv_builder_add (names, csp_statement_get_text (stmt, 0));
  if (step == CSP_STEP_FAILED)
    return NULL;
  return g_strv_builder_end (names);
}

/**
 * csp_import_mapping_load:
 *
 * Returns: (transfer full): the mapping saved as @name for @kind, or %NULL
 *   with %CSP_IMPORT_ERROR_NOT_FOUND
 */
CspImportMapping *
csp_import_mapping_load (CspDatabase *database, CspImportKind kind, const char *name,
                         GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *trimmed = NULL;
  CspImportMapping *self;
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  trimmed = g_strstrip (g_strdup (name));
  stmt = csp_database_prepare (
      database, "SELECT mapping FROM import_mapping WHERE name = ? AND kind = ?", error);
  if (stmt == NULL)
    return NULL;
  csp_statement_bind_text (stmt, 1, trimmed);
  csp_statement_bind_text (stmt, 2, csp_import_kind_to_string (kind));
  step = csp_statement_step (stmt, error);
  if (step == CSP_STEP_FAILED)
    return NULL;
  if (step == CSP_STEP_DONE)
    {
      g_auto (GStrv) saved = csp_import_mapping_list_saved (database, kind, NULL);
      g_autofree char *list = saved != NULL ? g_strjoinv (", ", saved) : NULL;

      if (list != NULL && *list != '\0')
        g_set_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_NOT_FOUND,
                     _ ("There is no saved mapping called “%s” for %s (saved: %s)"), trimmed,
                     csp_import_kind_to_string (kind), list);
      else
        g_set_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_NOT_FOUND,
                     _ ("There is no saved mapping called “%s” for %s"), trimmed,
                     csp_import_kind_to_string (kind));
      return NULL;
    }
  self = csp_import_mapping_new_from_json (kind, csp_statement_get_text (stmt, 0), error);
  if (self != NULL)
    self->name = g_steal_pointer (&trimmed);
  return self;
}

static gboolean
delete_row (CspDatabase *database, const char *name, const char *kind, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *mapping = NULL;
  g_autofree char *changes = NULL;
  gint64 id;
  CspStep step;

  stmt = csp_database_prepare (
      database, "DELETE FROM import_mapping WHERE name = ? AND kind = ? RETURNING id, mapping",
      error);
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_text (stmt, 1, name);
  csp_statement_bind_text (stmt, 2, kind);
  step = csp_statement_step (stmt, error);
  if (step != CSP_STEP_ROW)
    return step == CSP_STEP_DONE;
  /* One row at most: (name, kind) is unique. */
  id = csp_statement_get_int64 (stmt, 0);
  mapping = g_strdup (csp_statement_get_text (stmt, 1));
  if (!csp_statement_run (stmt, error))
    return FALSE;
  changes = describe_row (name, kind, mapping);
  return write_audit (database, id, "delete", changes, error);
}

/**
 * csp_import_mapping_delete_saved:
 *
 * Forgets the mapping saved as @name, with its audit entry; not an error if
 * there is none.
 */
gboolean
csp_import_mapping_delete_saved (CspDatabase *database, CspImportKind kind, const char *name,
                                 GError **error)
{
  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!csp_database_begin (database, error))
    return FALSE;
  if (!delete_row (database, name, csp_import_kind_to_string (kind), error))
    {
      csp_database_rollback (database);
      return FALSE;
    }
  return csp_database_commit (database, error);
}

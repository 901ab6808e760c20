/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "csp-query-sql.h"
#include "csp-records.h"
#include "csp-store.h"

/* Reads and writes any record type from its CspTableInfo. SQL text is put
 * together here only from the identifiers of those static descriptions;
 * every value travels as a bound parameter. Each write, its full-text index
 * rows, its supporting partners and its audit entry form one transaction,
 * or a savepoint of the caller's; inside a batch, the batch is the unit. */
struct _CspStore
{
  GObject parent_instance;

  CspDatabase *database;
  gboolean in_batch;
  gboolean batch_failed;
};

G_DEFINE_FINAL_TYPE (CspStore, csp_store, G_TYPE_OBJECT)

static void
csp_store_finalize (GObject *object)
{
  CspStore *self = CSP_STORE (object);

  g_clear_object (&self->database);

  G_OBJECT_CLASS (csp_store_parent_class)->finalize (object);
}

static void
csp_store_class_init (CspStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csp_store_finalize;
}

static void
csp_store_init (CspStore *self)
{
}

/**
 * csp_store_new:
 *
 * Returns: (transfer full): a store of records in @database
 */
CspStore *
csp_store_new (CspDatabase *database)
{
  CspStore *self;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);

  self = g_object_new (CSP_TYPE_STORE, NULL);
  self->database = g_object_ref (database);
  return self;
}

/**
 * csp_store_begin_batch:
 *
 * Starts a transaction for many writes, such as an import. Inside it, a
 * write takes no savepoint of its own: that would make SQLite write its
 * full-text index out after every record. So a write that fails leaves
 * the batch to be rolled back whole; csp_store_commit_batch() refuses to
 * commit it.
 */
gboolean
csp_store_begin_batch (CspStore *self, GError **error)
{
  g_return_val_if_fail (CSP_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_batch, FALSE);

  if (!csp_database_begin (self->database, error))
    return FALSE;
  self->in_batch = TRUE;
  self->batch_failed = FALSE;
  return TRUE;
}

/**
 * csp_store_commit_batch:
 *
 * Ends the batch, committing it unless a write in it failed, in which case
 * it is rolled back and %CSP_DATABASE_ERROR_FAILED is returned.
 */
gboolean
csp_store_commit_batch (CspStore *self, GError **error)
{
  g_return_val_if_fail (CSP_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_batch, FALSE);

  self->in_batch = FALSE;
  if (self->batch_failed)
    {
      csp_database_rollback (self->database);
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("A change failed partway, so none of the changes were saved"));
      return FALSE;
    }
  return csp_database_commit (self->database, error);
}

/**
 * csp_store_rollback_batch:
 *
 * Ends the batch, undoing every write in it.
 */
void
csp_store_rollback_batch (CspStore *self)
{
  g_return_if_fail (CSP_IS_STORE (self));
  g_return_if_fail (self->in_batch);

  self->in_batch = FALSE;
  csp_database_rollback (self->database);
}

/* One write's transaction, unless the batch is. */
static gboolean
begin_write (CspStore *self, GError **error)
{
  return self->in_batch || csp_database_begin (self->database, error);
}

static gboolean
commit_write (CspStore *self, GError **error)
{
  return self->in_batch || csp_database_commit (self->database, error);
}

static void
rollback_write (CspStore *self)
{
  if (self->in_batch)
    self->batch_failed = TRUE;
  else
    csp_database_rollback (self->database);
}

/**
 * csp_store_get_database:
 *
 * Returns: (transfer none): the database
 */
CspDatabase *
csp_store_get_database (CspStore *self)
{
  g_return_val_if_fail (CSP_IS_STORE (self), NULL);
  return self->database;
}

static const CspTableInfo *
record_info (CspRecord *record)
{
  return CSP_RECORD_GET_CLASS (record)->info;
}

static char *
now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  /* Fixed width, so that times compare correctly as text. */
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%S.%fZ");
}

static void
bind_column (sqlite3_stmt *stmt, int index, CspRecord *record, const CspColumn *column)
{
  if (csp_record_is_null (record, column->name))
    {
      sqlite3_bind_null (stmt, index);
      return;
    }
  switch (column->kind)
    {
    case CSP_COLUMN_INT:
    case CSP_COLUMN_REF:
      sqlite3_bind_int64 (stmt, index, csp_record_get_int (record, column->name));
      break;
    case CSP_COLUMN_BOOL:
      sqlite3_bind_int (stmt, index, csp_record_get_bool (record, column->name));
      break;
    case CSP_COLUMN_TEXT:
    case CSP_COLUMN_DATE:
    case CSP_COLUMN_MONTH:
    case CSP_COLUMN_CHOICE:
    default:
      sqlite3_bind_text (stmt, index, csp_record_get_string (record, column->name), -1,
                         SQLITE_TRANSIENT);
      break;
    }
}

static void
read_column (sqlite3_stmt *stmt, int index, CspRecord *record, const CspColumn *column)
{
  if (sqlite3_column_type (stmt, index) == SQLITE_NULL)
    {
      if (column->kind == CSP_COLUMN_BOOL)
        csp_record_set_bool (record, column->name, FALSE);
      else
        csp_record_set_null (record, column->name);
      return;
    }
  switch (column->kind)
    {
    case CSP_COLUMN_INT:
    case CSP_COLUMN_REF:
      csp_record_set_int (record, column->name, sqlite3_column_int64 (stmt, index));
      break;
    case CSP_COLUMN_BOOL:
      csp_record_set_bool (record, column->name, sqlite3_column_int (stmt, index) != 0);
      break;
    case CSP_COLUMN_TEXT:
    case CSP_COLUMN_DATE:
    case CSP_COLUMN_MONTH:
    case CSP_COLUMN_CHOICE:
    default:
      csp_record_set_string (record, column->name,
                             (const char *) sqlite3_column_text (stmt, index));
      break;
    }
}

/* "id, version, created_at, updated_at, <columns>" */
static void
append_select_list (GString *sql, const CspTableInfo *info)
{
  g_string_append (sql, "id, version, created_at, updated_at");
  for (guint i = 0; i < info->n_columns; i++)
    g_string_append_printf (sql, ", %s", info->columns[i].name);
}

static gboolean
load_partner_ids (CspStore *self, CspRecord *record, GError **error)
{
  const CspTableInfo *info = record_info (record);
  g_autofree char *sql = NULL;
  g_autoptr (CspCachedStatement) stmt = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean has_row = FALSE, ok;

  if (info->partner_table == NULL)
    return TRUE;

  /* Identifiers from the static table description. */
  sql = g_strdup_printf ("SELECT partner_id FROM %s WHERE %s = ? ORDER BY partner_id",
                         info->partner_table, info->partner_key);
  stmt = csp_database_prepare_cached (self->database, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, csp_record_get_id (record));
  while ((ok = csp_database_step_row (self->database, stmt, &has_row, error)) && has_row)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (!ok)
    return FALSE;
  csp_record_set_partner_ids (record, (const gint64 *) (gpointer) ids->data, ids->len);
  return TRUE;
}

static CspRecord *
record_from_row (CspStore *self, GType type, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (CspRecord) record = csp_record_new (type);
  const CspTableInfo *info = record_info (record);

  csp_record_set_id (record, sqlite3_column_int64 (stmt, 0));
  csp_record_set_version (record, sqlite3_column_int64 (stmt, 1));
  csp_record_set_times (record, (const char *) sqlite3_column_text (stmt, 2),
                        (const char *) sqlite3_column_text (stmt, 3));
  for (guint i = 0; i < info->n_columns; i++)
    read_column (stmt, 4 + (int) i, record, &info->columns[i]);
  if (!load_partner_ids (self, record, error))
    return NULL;
  return g_steal_pointer (&record);
}

/**
 * csp_store_get:
 * @type: a record type
 *
 * Returns: (transfer full): the record, or %NULL with %CSP_DATABASE_ERROR_NOT_FOUND
 */
CspRecord *
csp_store_get (CspStore *self, GType type, gint64 id, GError **error)
{
  const CspTableInfo *info;
  g_autoptr (GString) sql = g_string_new ("SELECT ");
  g_autoptr (CspCachedStatement) stmt = NULL;
  gboolean has_row = FALSE;

  g_return_val_if_fail (CSP_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, CSP_TYPE_RECORD), NULL);

  info = csp_record_type_get_info (type);
  append_select_list (sql, info);
  g_string_append_printf (sql, " FROM %s WHERE id = ?", info->table);
  stmt = csp_database_prepare_cached (self->database, sql->str, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!csp_database_step_row (self->database, stmt, &has_row, error))
    return NULL;
  if (!has_row)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND,
                   _ ("There is no %s with id %" G_GINT64_FORMAT " (it may have been deleted)"),
                   _ (info->noun), id);
      return NULL;
    }
  return record_from_row (self, type, stmt, error);
}

static gboolean
row_exists (CspStore *self, const char *table, gint64 id, gboolean *exists, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  g_autoptr (CspCachedStatement) stmt = csp_database_prepare_cached (self->database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return csp_database_step_row (self->database, stmt, exists, error);
}

static gboolean
check_references (CspStore *self, CspRecord *record, GError **error)
{
  const CspTableInfo *info = record_info (record);
  gboolean exists = FALSE;

  for (guint i = 0; i < info->n_columns; i++)
    {
      const CspColumn *column = &info->columns[i];
      gint64 id;

      if (column->kind != CSP_COLUMN_REF || csp_record_is_null (record, column->name))
        continue;
      id = csp_record_get_int (record, column->name);
      if (!row_exists (self, column->ref_table, id, &exists, error))
        return FALSE;
      if (!exists)
        {
          g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                       _ ("%s: there is no record with id %" G_GINT64_FORMAT), _ (column->label),
                       id);
          return FALSE;
        }
    }
  if (info->partner_table != NULL)
    {
      guint n_ids = 0;
      const gint64 *ids = csp_record_get_partner_ids (record, &n_ids);

      for (guint i = 0; i < n_ids; i++)
        {
          if (!row_exists (self, "partner", ids[i], &exists, error))
            return FALSE;
          if (!exists)
            {
              g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                           _ ("Supporting partners: there is no partner with id %" G_GINT64_FORMAT),
                           ids[i]);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Rewrites a constraint failure as the field it concerns. */
static void
set_write_error (CspStore *self, const CspTableInfo *info, GError **error)
{
  sqlite3 *db = csp_database_get_handle (self->database);
  int rc = sqlite3_extended_errcode (db);
  const char *message = sqlite3_errmsg (db);
  const char *dot = strrchr (message, '.');
  const CspColumn *column = NULL;

  if (rc == SQLITE_CONSTRAINT_UNIQUE && dot != NULL)
    column = csp_table_info_find_column (info, dot + 1);
  if (column != NULL)
    g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                 _ ("%s: another %s already has this value"), _ (column->label), _ (info->noun));
  else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY
           /* ON DELETE RESTRICT reports itself as a trigger. */
           || (rc == SQLITE_CONSTRAINT_TRIGGER && strstr (message, "FOREIGN KEY") != NULL))
    g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_IN_USE,
                 _ ("This %s is still used by other records, so it cannot be deleted. Retire "
                    "it instead, or first change the records that use it"),
                 _ (info->noun));
  else if ((rc & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                 _ ("The %s breaks a rule of the database: %s"), _ (info->noun), message);
  else
    csp_database_set_error (self->database, rc, error);
}

static gboolean
run (CspStore *self, const CspTableInfo *info, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;
  set_write_error (self, info, error);
  return FALSE;
}

/* The record's supporting partners: those of a @new_record are added,
 * those of a stored one replaced. */
static gboolean
write_partner_ids (CspStore *self, CspRecord *record, gboolean new_record, const char *now,
                   GError **error)
{
  const CspTableInfo *info = record_info (record);
  g_autofree char *insert_sql = NULL;
  g_autoptr (CspCachedStatement) insert_stmt = NULL;
  const gint64 *ids;
  guint n_ids = 0;

  if (info->partner_table == NULL)
    return TRUE;
  if (!new_record)
    {
      g_autofree char *delete_sql =
          g_strdup_printf ("DELETE FROM %s WHERE %s = ?", info->partner_table, info->partner_key);
      g_autoptr (CspCachedStatement) delete_stmt =
          csp_database_prepare_cached (self->database, delete_sql, error);

      if (delete_stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (delete_stmt, 1, csp_record_get_id (record));
      if (!run (self, info, delete_stmt, error))
        return FALSE;
    }

  ids = csp_record_get_partner_ids (record, &n_ids);
  if (n_ids == 0)
    return TRUE;
  insert_sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (%s, partner_id, created_at, updated_at) "
                                "VALUES (?, ?, ?, ?)",
                                info->partner_table, info->partner_key);
  insert_stmt = csp_database_prepare_cached (self->database, insert_sql, error);
  if (insert_stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      sqlite3_reset (insert_stmt);
      sqlite3_bind_int64 (insert_stmt, 1, csp_record_get_id (record));
      sqlite3_bind_int64 (insert_stmt, 2, ids[i]);
      sqlite3_bind_text (insert_stmt, 3, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (insert_stmt, 4, now, -1, SQLITE_TRANSIENT);
      if (!run (self, info, insert_stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Removes the record's full-text row. */
static gboolean
delete_search_row (CspStore *self, const CspTableInfo *info, gint64 id, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE rowid = ?", info->fts_table);
  g_autoptr (CspCachedStatement) stmt = csp_database_prepare_cached (self->database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return run (self, info, stmt, error);
}

/* Adds the record's full-text row, mirroring its searched columns. */
static gboolean
insert_search_row (CspStore *self, const CspTableInfo *info, CspRecord *record, GError **error)
{
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (GString) placeholders = g_string_new ("?");
  g_autoptr (CspCachedStatement) stmt = NULL;
  int index = 1;

  g_string_printf (sql, "INSERT INTO %s (rowid", info->fts_table);
  for (guint i = 0; i < info->n_columns; i++)
    if (info->columns[i].flags & CSP_COLUMN_SEARCHED)
      {
        g_string_append_printf (sql, ", %s", info->columns[i].name);
        g_string_append (placeholders, ", ?");
      }
  g_string_append_printf (sql, ") VALUES (%s)", placeholders->str);

  stmt = csp_database_prepare_cached (self->database, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, index++, csp_record_get_id (record));
  for (guint i = 0; i < info->n_columns; i++)
    if (info->columns[i].flags & CSP_COLUMN_SEARCHED)
      bind_column (stmt, index++, record, &info->columns[i]);
  return run (self, info, stmt, error);
}

/* Keeps the full-text row of row @id in step: replaced by @record's, or
 * removed when @record is %NULL. A row is removed first even for a new
 * record, as rows deleted behind the store's back leave theirs behind. */
static gboolean
write_search_index (CspStore *self, const CspTableInfo *info, gint64 id, CspRecord *record,
                    GError **error)
{
  if (info->fts_table == NULL)
    return TRUE;
  return delete_search_row (self, info, id, error) &&
         (record == NULL || insert_search_row (self, info, record, error));
}

static JsonNode *
column_to_json (CspRecord *record, const CspColumn *column)
{
  JsonNode *node;

  if (csp_record_is_null (record, column->name))
    return json_node_new (JSON_NODE_NULL);
  node = json_node_new (JSON_NODE_VALUE);
  switch (column->kind)
    {
    case CSP_COLUMN_INT:
    case CSP_COLUMN_REF:
      json_node_set_int (node, csp_record_get_int (record, column->name));
      break;
    case CSP_COLUMN_BOOL:
      json_node_set_boolean (node, csp_record_get_bool (record, column->name));
      break;
    case CSP_COLUMN_TEXT:
    case CSP_COLUMN_DATE:
    case CSP_COLUMN_MONTH:
    case CSP_COLUMN_CHOICE:
    default:
      json_node_set_string (node, csp_record_get_string (record, column->name));
      break;
    }
  return node;
}

static JsonNode *
partner_ids_to_json (CspRecord *record)
{
  JsonArray *array = json_array_new ();
  guint n_ids = 0;
  const gint64 *ids = csp_record_get_partner_ids (record, &n_ids);

  for (guint i = 0; i < n_ids; i++)
    json_array_add_int_element (array, ids[i]);
  return json_node_init_array (json_node_alloc (), array);
}

/* What an audit entry says changed: every value for an insert or delete,
 * [old, new] pairs of the changed columns for an update. */
static char *
describe_change (CspRecord *before, CspRecord *after)
{
  CspRecord *any = after != NULL ? after : before;
  const CspTableInfo *info = record_info (any);
  g_autoptr (JsonObject) object = json_object_new ();
  g_autoptr (JsonNode) root = NULL;

  for (guint i = 0; i < info->n_columns; i++)
    {
      const CspColumn *column = &info->columns[i];

      if (before != NULL && after != NULL)
        {
          JsonNode *old_value = column_to_json (before, column);
          JsonNode *new_value = column_to_json (after, column);
          JsonArray *pair;

          if (json_node_equal (old_value, new_value))
            {
              json_node_unref (old_value);
              json_node_unref (new_value);
              continue;
            }
          pair = json_array_new ();
          json_array_add_element (pair, old_value);
          json_array_add_element (pair, new_value);
          json_object_set_array_member (object, column->name, pair);
        }
      else
        json_object_set_member (object, column->name, column_to_json (any, column));
    }
  if (info->partner_table != NULL)
    {
      if (before != NULL && after != NULL)
        {
          if (!csp_record_same_partners (before, after))
            {
              JsonArray *pair = json_array_new ();
              json_array_add_element (pair, partner_ids_to_json (before));
              json_array_add_element (pair, partner_ids_to_json (after));
              json_object_set_array_member (object, "partner_ids", pair);
            }
        }
      else
        json_object_set_member (object, "partner_ids", partner_ids_to_json (any));
    }
  root = json_node_init_object (json_node_alloc (), object);
  return json_to_string (root, FALSE);
}

static gboolean
write_audit (CspStore *self, const CspTableInfo *info, const char *operation, gint64 row_id,
             const char *changes, const char *now, GError **error)
{
  g_autoptr (CspCachedStatement) stmt = csp_database_prepare_cached (
      self->database,
      "INSERT INTO audit_log (user_name, table_name, row_id, operation, changes, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, info->table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, row_id);
  sqlite3_bind_text (stmt, 4, operation, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, changes, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  return run (self, info, stmt, error);
}

static gboolean
insert_row (CspStore *self, CspRecord *record, const char *now, GError **error)
{
  const CspTableInfo *info = record_info (record);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (CspCachedStatement) stmt = NULL;
  g_autofree char *changes = NULL;
  gboolean explicit_id = csp_record_get_id (record) != 0;
  int index = 1;

  g_string_printf (sql, "INSERT INTO %s (created_at, updated_at, version%s", info->table,
                   explicit_id ? ", id" : "");
  for (guint i = 0; i < info->n_columns; i++)
    g_string_append_printf (sql, ", %s", info->columns[i].name);
  g_string_append (sql, ") VALUES (?, ?, 1");
  if (explicit_id)
    g_string_append (sql, ", ?");
  for (guint i = 0; i < info->n_columns; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ")");

  stmt = csp_database_prepare_cached (self->database, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, index++, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, index++, now, -1, SQLITE_TRANSIENT);
  if (explicit_id)
    sqlite3_bind_int64 (stmt, index++, csp_record_get_id (record));
  for (guint i = 0; i < info->n_columns; i++)
    bind_column (stmt, index++, record, &info->columns[i]);
  if (!run (self, info, stmt, error))
    return FALSE;

  if (!explicit_id)
    csp_record_set_id (record,
                       sqlite3_last_insert_rowid (csp_database_get_handle (self->database)));
  changes = describe_change (NULL, record);
  return write_partner_ids (self, record, TRUE, now, error) &&
         write_search_index (self, info, csp_record_get_id (record), record, error) &&
         write_audit (self, info, "insert", csp_record_get_id (record), changes, now, error);
}

/**
 * csp_store_insert:
 * @record: a new record; its id is set on success (or kept, if already set)
 *
 * Validates and stores @record with version 1.
 */
gboolean
csp_store_insert (CspStore *self, CspRecord *record, GError **error)
{
  g_autofree char *now = now_utc ();

  g_return_val_if_fail (CSP_IS_STORE (self), FALSE);
  g_return_val_if_fail (CSP_IS_RECORD (record), FALSE);

  if (!csp_record_validate (record, error) || !begin_write (self, error))
    return FALSE;
  if (!check_references (self, record, error) || !insert_row (self, record, now, error))
    {
      rollback_write (self);
      return FALSE;
    }
  if (!commit_write (self, error))
    return FALSE;
  csp_record_set_version (record, 1);
  csp_record_set_times (record, now, now);
  return TRUE;
}

/* Fetches the stored row and refuses to go on if it changed meanwhile. */
static CspRecord *
get_unchanged (CspStore *self, CspRecord *record, GError **error)
{
  const CspTableInfo *info = record_info (record);
  g_autoptr (CspRecord) stored =
      csp_store_get (self, G_OBJECT_TYPE (record), csp_record_get_id (record), error);

  if (stored == NULL)
    return NULL;
  if (csp_record_get_version (stored) != csp_record_get_version (record))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT,
                   _ ("Someone else changed this %s (at %s) after you opened it. Reload it to "
                      "see their changes, then make yours again"),
                   _ (info->noun), csp_record_get_updated_at (stored));
      return NULL;
    }
  return g_steal_pointer (&stored);
}

static gboolean
refuse_append_only (const CspTableInfo *info, GError **error)
{
  if (!info->append_only)
    return FALSE;
  g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
               _ ("A %s is kept as history and cannot be changed or deleted; add a new one "
                  "instead"),
               _ (info->noun));
  return TRUE;
}

static gboolean
update_row (CspStore *self, CspRecord *record, CspRecord *stored, const char *now, GError **error)
{
  const CspTableInfo *info = record_info (record);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (CspCachedStatement) stmt = NULL;
  g_autofree char *changes = describe_change (stored, record);
  int index = 1;

  g_string_printf (sql, "UPDATE %s SET updated_at = ?, version = version + 1", info->table);
  for (guint i = 0; i < info->n_columns; i++)
    g_string_append_printf (sql, ", %s = ?", info->columns[i].name);
  g_string_append (sql, " WHERE id = ? AND version = ?");

  stmt = csp_database_prepare_cached (self->database, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, index++, now, -1, SQLITE_TRANSIENT);
  for (guint i = 0; i < info->n_columns; i++)
    bind_column (stmt, index++, record, &info->columns[i]);
  sqlite3_bind_int64 (stmt, index++, csp_record_get_id (record));
  sqlite3_bind_int64 (stmt, index++, csp_record_get_version (record));
  if (!run (self, info, stmt, error))
    return FALSE;
  g_assert (sqlite3_changes (csp_database_get_handle (self->database)) == 1);

  return write_partner_ids (self, record, FALSE, now, error) &&
         write_search_index (self, info, csp_record_get_id (record), record, error) &&
         write_audit (self, info, "update", csp_record_get_id (record), changes, now, error);
}

/**
 * csp_store_update:
 * @record: a stored record with its values changed
 *
 * Saves @record if nobody saved it since it was read (its version still
 * matches), else fails with %CSP_DATABASE_ERROR_CONFLICT. On success the
 * record carries its new version.
 */
gboolean
csp_store_update (CspStore *self, CspRecord *record, GError **error)
{
  g_autofree char *now = now_utc ();
  g_autoptr (CspRecord) stored = NULL;

  g_return_val_if_fail (CSP_IS_STORE (self), FALSE);
  g_return_val_if_fail (CSP_IS_RECORD (record), FALSE);
  g_return_val_if_fail (csp_record_get_id (record) > 0, FALSE);

  if (refuse_append_only (record_info (record), error) || !csp_record_validate (record, error) ||
      !begin_write (self, error))
    return FALSE;
  stored = get_unchanged (self, record, error);
  if (stored == NULL || !check_references (self, record, error) ||
      !update_row (self, record, stored, now, error))
    {
      rollback_write (self);
      return FALSE;
    }
  if (!commit_write (self, error))
    return FALSE;
  csp_record_set_version (record, csp_record_get_version (record) + 1);
  csp_record_set_times (record, csp_record_get_created_at (stored), now);
  return TRUE;
}

static gboolean
delete_row (CspStore *self, CspRecord *stored, const char *now, GError **error)
{
  const CspTableInfo *info = record_info (stored);
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", info->table);
  g_autoptr (CspCachedStatement) stmt = csp_database_prepare_cached (self->database, sql, error);
  g_autofree char *changes = describe_change (stored, NULL);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, csp_record_get_id (stored));
  return run (self, info, stmt, error) &&
         write_search_index (self, info, csp_record_get_id (stored), NULL, error) &&
         write_audit (self, info, "delete", csp_record_get_id (stored), changes, now, error);
}

/**
 * csp_store_delete:
 * @record: a stored record, as last read
 *
 * Deletes @record unless someone changed it since it was read
 * (%CSP_DATABASE_ERROR_CONFLICT) or other records still use it
 * (%CSP_DATABASE_ERROR_IN_USE). What belongs to it alone goes with it.
 */
gboolean
csp_store_delete (CspStore *self, CspRecord *record, GError **error)
{
  g_return_val_if_fail (CSP_IS_STORE (self), FALSE);
  g_return_val_if_fail (CSP_IS_RECORD (record), FALSE);

  if (refuse_append_only (record_info (record), error))
    return FALSE;
  return csp_store_withdraw (self, record, error);
}

/**
 * csp_store_withdraw:
 * @record: a stored record, as read
 *
 * Like csp_store_delete(), but also takes back a row of an append-only
 * table. Only undo uses it, to take back an addition made in the same
 * session; the audit log still records both the addition and its removal.
 */
gboolean
csp_store_withdraw (CspStore *self, CspRecord *record, GError **error)
{
  g_autofree char *now = now_utc ();
  g_autoptr (CspRecord) stored = NULL;

  g_return_val_if_fail (CSP_IS_STORE (self), FALSE);
  g_return_val_if_fail (CSP_IS_RECORD (record), FALSE);
  g_return_val_if_fail (csp_record_get_id (record) > 0, FALSE);

  if (!begin_write (self, error))
    return FALSE;
  stored = get_unchanged (self, record, error);
  if (stored == NULL || !delete_row (self, stored, now, error))
    {
      rollback_write (self);
      return FALSE;
    }
  return commit_write (self, error);
}

/**
 * csp_store_list:
 * @type: a record type
 * @query: (nullable): filters, order and page; %NULL for every row
 *
 * Returns: (transfer full) (element-type CspRecord): the matching records
 */
GPtrArray *
csp_store_list (CspStore *self, GType type, const CspQuery *query, GError **error)
{
  const CspTableInfo *info;
  g_autoptr (GString) sql = g_string_new ("SELECT ");
  g_autoptr (CspQuerySql) query_sql = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean paged = query != NULL && (query->limit > 0 || query->offset > 0);
  gboolean has_row = FALSE, ok;

  g_return_val_if_fail (CSP_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, CSP_TYPE_RECORD), NULL);

  info = csp_record_type_get_info (type);
  query_sql = csp_query_sql_new (info, query, error);
  if (query_sql == NULL)
    return NULL;
  append_select_list (sql, info);
  g_string_append_printf (sql, " FROM %s%s%s%s", info->table, csp_query_sql_get_where (query_sql),
                          csp_query_sql_get_order (query_sql), paged ? " LIMIT ? OFFSET ?" : "");
  stmt = csp_database_prepare (self->database, sql->str, error);
  if (stmt == NULL)
    return NULL;
  csp_query_sql_bind (query_sql, stmt);
  if (paged)
    {
      int index = (int) csp_query_sql_get_n_values (query_sql);

      sqlite3_bind_int64 (stmt, index + 1, query->limit > 0 ? (gint64) query->limit : -1);
      sqlite3_bind_int64 (stmt, index + 2, query->offset);
    }

  while ((ok = csp_database_step_row (self->database, stmt, &has_row, error)) && has_row)
    {
      CspRecord *record = record_from_row (self, type, stmt, error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&records);
}

/**
 * csp_store_count:
 * @query: (nullable): filters; its order and page are ignored
 * @count: (out): how many records match
 */
gboolean
csp_store_count (CspStore *self, GType type, const CspQuery *query, guint *count, GError **error)
{
  const CspTableInfo *info;
  g_autofree char *sql = NULL;
  g_autoptr (CspQuerySql) query_sql = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  CspQuery filters;
  gboolean has_row = FALSE;

  g_return_val_if_fail (CSP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_type_is_a (type, CSP_TYPE_RECORD), FALSE);

  info = csp_record_type_get_info (type);
  if (query != NULL)
    {
      filters = *query;
      filters.sort_column = NULL;
    }
  query_sql = csp_query_sql_new (info, query != NULL ? &filters : NULL, error);
  if (query_sql == NULL)
    return FALSE;
  sql = g_strdup_printf ("SELECT count(*) FROM %s%s", info->table,
                         csp_query_sql_get_where (query_sql));
  stmt = csp_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return FALSE;
  csp_query_sql_bind (query_sql, stmt);
  if (!csp_database_step_row (self->database, stmt, &has_row, error))
    return FALSE;
  *count = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

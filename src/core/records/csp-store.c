/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-store"

#include "config.h"

#include <inttypes.h>

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

static gboolean
is_postgresql (CspStore *self)
{
  return csp_database_get_engine (self->database) == CSP_ENGINE_POSTGRESQL;
}

static void
bind_column (CspStatement *stmt, int index, CspRecord *record, const CspColumn *column)
{
  if (csp_record_is_null (record, column->name))
    {
      csp_statement_bind_null (stmt, index);
      return;
    }
  switch (column->kind)
    {
    case CSP_COLUMN_INT:
    case CSP_COLUMN_REF:
      csp_statement_bind_int64 (stmt, index, csp_record_get_int (record, column->name));
      break;
    case CSP_COLUMN_BOOL:
      /* An INTEGER column of 0 and 1 on both engines. */
      csp_statement_bind_int64 (stmt, index, csp_record_get_bool (record, column->name) ? 1 : 0);
      break;
    case CSP_COLUMN_TEXT:
    case CSP_COLUMN_DATE:
    case CSP_COLUMN_MONTH:
    case CSP_COLUMN_CHOICE:
    default:
      csp_statement_bind_text (stmt, index, csp_record_get_string (record, column->name));
      break;
    }
}

static void
read_column (CspStatement *stmt, int index, CspRecord *record, const CspColumn *column)
{
  if (csp_statement_is_null (stmt, index))
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
      csp_record_set_int (record, column->name, csp_statement_get_int64 (stmt, index));
      break;
    case CSP_COLUMN_BOOL:
      csp_record_set_bool (record, column->name, csp_statement_get_int64 (stmt, index) != 0);
      break;
    case CSP_COLUMN_TEXT:
    case CSP_COLUMN_DATE:
    case CSP_COLUMN_MONTH:
    case CSP_COLUMN_CHOICE:
    default:
      csp_record_set_string (record, column->name, csp_statement_get_text (stmt, index));
      break;
    }
}

/* "id, version, created_at, updated_at, <columns>[, <partner ids>]": the
 * supporting partners come in the same row, as "3,7,12", so that a page
 * of records is one query (a server answers each query over the
 * network). The identifiers are from the static table description. */
static void
append_select_list (CspStore *self, GString *sql, const CspTableInfo *info)
{
  g_string_append (sql, "id, version, created_at, updated_at");
  for (guint i = 0; i < info->n_columns; i++)
    g_string_append_printf (sql, ", %s", info->columns[i].name);
  if (info->partner_table == NULL)
    return;
  /* SQLite 3.40's group_concat takes its order from a subquery. */
  if (csp_database_get_engine (self->database) == CSP_ENGINE_POSTGRESQL)
    g_string_append_printf (sql,
                            ", (SELECT string_agg (CAST (partner_id AS TEXT), ',' ORDER BY "
                            "partner_id) FROM %s WHERE %s = %s.id)",
                            info->partner_table, info->partner_key, info->table);
  else
    g_string_append_printf (sql,
                            ", (SELECT group_concat (partner_id) FROM (SELECT partner_id FROM %s "
                            "WHERE %s = %s.id ORDER BY partner_id))",
                            info->partner_table, info->partner_key, info->table);
}

static void
read_partner_ids (CspStatement *stmt, int column, CspRecord *record)
{
  g_auto (GStrv) words = g_strsplit (
      csp_statement_is_null (stmt, column) ? "" : csp_statement_get_text (stmt, column), ",", -1);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        gint64 id = g_ascii_strtoll (words[i], NULL, 10);
        g_array_append_val (ids, id);
      }
  csp_record_set_partner_ids (record, (const gint64 *) (gpointer) ids->data, ids->len);
}

static CspRecord *
record_from_row (GType type, CspStatement *stmt)
{
  g_autoptr (CspRecord) record = csp_record_new (type);
  const CspTableInfo *info = record_info (record);

  csp_record_set_id (record, csp_statement_get_int64 (stmt, 0));
  csp_record_set_version (record, csp_statement_get_int64 (stmt, 1));
  csp_record_set_times (record, csp_statement_get_text (stmt, 2), csp_statement_get_text (stmt, 3));
  for (guint i = 0; i < info->n_columns; i++)
    read_column (stmt, 4 + (int) i, record, &info->columns[i]);
  if (info->partner_table != NULL)
    read_partner_ids (stmt, 4 + (int) info->n_columns, record);
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
  g_autoptr (CspStatement) stmt = NULL;
  CspStep step;

  g_return_val_if_fail (CSP_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, CSP_TYPE_RECORD), NULL);

  info = csp_record_type_get_info (type);
  append_select_list (self, sql, info);
  g_string_append_printf (sql, " FROM %s WHERE id = ?", info->table);
  stmt = csp_database_prepare_cached (self->database, sql->str, error);
  if (stmt == NULL)
    return NULL;
  csp_statement_bind_int64 (stmt, 1, id);
  step = csp_statement_step (stmt, error);
  if (step == CSP_STEP_FAILED)
    return NULL;
  if (step == CSP_STEP_DONE)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND,
                   _ ("There is no %s with id %" PRId64 " (it may have been deleted)"),
                   _ (info->noun), id);
      return NULL;
    }
  return record_from_row (type, stmt);
}

/* The ids one query of csp_store_get_several() asks for: a few hundred
 * rows a round trip to a server, with a statement the engine keeps. */
#define N_IDS_A_QUERY 128

/**
 * csp_store_get_several:
 * @type: a record type
 * @ids: (array length=n_ids): the records' ids
 *
 * Reads many records with a few queries rather than one each. An id that
 * names no record is left out.
 *
 * Returns: (transfer container) (element-type CspRecord): the records, in
 *   no particular order; %NULL with @error set when the database fails
 */
GPtrArray *
csp_store_get_several (CspStore *self, GType type, const gint64 *ids, guint n_ids, GError **error)
{
  const CspTableInfo *info;
  g_autoptr (GString) sql = g_string_new ("SELECT ");
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (CspStatement) stmt = NULL;

  g_return_val_if_fail (CSP_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, CSP_TYPE_RECORD), NULL);

  /* The table and columns are the record type's own, never from input;
   * the ids are bound. */
  info = csp_record_type_get_info (type);
  append_select_list (self, sql, info);
  g_string_append_printf (sql, " FROM %s WHERE id IN (?", info->table);
  for (guint i = 1; i < N_IDS_A_QUERY; i++)
    g_string_append (sql, ", ?");
  g_string_append_c (sql, ')');
  stmt = csp_database_prepare_cached (self->database, sql->str, error);
  if (stmt == NULL)
    return NULL;
  for (guint first = 0; first < n_ids; first += N_IDS_A_QUERY)
    {
      CspStep step;

      /* The last query's unused places hold NULL, which no id equals. */
      for (guint i = 0; i < N_IDS_A_QUERY; i++)
        if (first + i < n_ids)
          csp_statement_bind_int64 (stmt, (int) i + 1, ids[first + i]);
        else
          csp_statement_bind_null (stmt, (int) i + 1);
      while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
        g_ptr_array_add (records, record_from_row (type, stmt));
      if (step == CSP_STEP_FAILED)
        return NULL;
      csp_statement_reset (stmt);
    }
  return g_steal_pointer (&records);
}

static gboolean
row_exists (CspStore *self, const char *table, gint64 id, gboolean *exists, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM %s WHERE id = ?", table);
  g_autoptr (CspStatement) stmt = csp_database_prepare_cached (self->database, sql, error);
  CspStep step;

  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_int64 (stmt, 1, id);
  step = csp_statement_step (stmt, error);
  *exists = step == CSP_STEP_ROW;
  return step != CSP_STEP_FAILED;
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
                       _ ("%s: there is no record with id %" PRId64), _ (column->label), id);
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
                           _ ("Supporting partners: there is no partner with id %" PRId64), ids[i]);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* Explaining a failed write */

/* The columns of each UNIQUE constraint of a table, from the engine's own
 * catalogue: one row per column, (constraint, column), a constraint's
 * columns together and in order. Expression and partial indexes are
 * left out, and so is the primary key. */
static const char *
unique_columns_sql (CspStore *self)
{
  return csp_database_pick_sql (
      self->database,
      "SELECT il.name, ii.name FROM pragma_index_list(?) AS il, pragma_index_info(il.name) AS ii "
      "WHERE il.\"unique\" = 1 AND il.partial = 0 AND il.origin <> 'pk' "
      "ORDER BY il.seq, ii.seqno",
      "SELECT c.relname, a.attname FROM pg_index AS i "
      "JOIN pg_class AS c ON c.oid = i.indexrelid "
      "CROSS JOIN LATERAL unnest(CAST(i.indkey AS int2[])) WITH ORDINALITY AS k(attnum, position) "
      "JOIN pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
      "WHERE i.indrelid = to_regclass(?) AND i.indisunique AND NOT i.indisprimary "
      "AND i.indexprs IS NULL AND i.indpred IS NULL "
      "ORDER BY c.relname, k.position");
}

/* Whether another row than @record's holds @record's values in all of
 * @columns (a UNIQUE constraint's). A NULL never equals another. */
static gboolean
values_taken (CspStore *self, CspRecord *record, GPtrArray *columns, gboolean *taken,
              GError **error)
{
  const CspTableInfo *info = record_info (record);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (CspStatement) stmt = NULL;
  CspStep step;
  int index = 1;

  *taken = FALSE;
  for (guint i = 0; i < columns->len; i++)
    if (csp_record_is_null (record, ((const CspColumn *) columns->pdata[i])->name))
      return TRUE;

  /* Identifiers from the static table description. */
  g_string_printf (sql, "SELECT 1 FROM %s WHERE id <> ?", info->table);
  for (guint i = 0; i < columns->len; i++)
    g_string_append_printf (sql, " AND %s = ?", ((const CspColumn *) columns->pdata[i])->name);
  stmt = csp_database_prepare (self->database, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_int64 (stmt, index++, csp_record_get_id (record));
  for (guint i = 0; i < columns->len; i++)
    bind_column (stmt, index++, record, columns->pdata[i]);
  step = csp_statement_step (stmt, error);
  *taken = step == CSP_STEP_ROW;
  return step != CSP_STEP_FAILED;
}

/* Each UNIQUE constraint of @info's table, as the array of its columns
 * in order; %NULL stands for a column the record does not hold. */
static GPtrArray *
list_unique_constraints (CspStore *self, const CspTableInfo *info, GError **error)
{
  g_autoptr (CspStatement) stmt =
      csp_database_prepare (self->database, unique_columns_sql (self), error);
  g_autoptr (GPtrArray) constraints =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autofree char *name = NULL;
  GPtrArray *columns = NULL;
  CspStep step;

  if (stmt == NULL)
    return NULL;
  csp_statement_bind_text (stmt, 1, info->table);
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      const char *constraint = csp_statement_get_text (stmt, 0);
      const char *column_name = csp_statement_get_text (stmt, 1);

      if (columns == NULL || g_strcmp0 (constraint, name) != 0)
        {
          g_free (name);
          name = g_strdup (constraint);
          columns = g_ptr_array_new ();
          g_ptr_array_add (constraints, columns);
        }
      g_ptr_array_add (columns, column_name != NULL
                                    ? (gpointer) csp_table_info_find_column (info, column_name)
                                    : NULL);
    }
  if (step == CSP_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&constraints);
}

/* The column that makes @record a duplicate: the last column of the first
 * UNIQUE constraint whose values another row already holds (the month of
 * a metric's monthly figure), or %NULL when none is found. */
static const CspColumn *
find_duplicate_column (CspStore *self, CspRecord *record, GError **error)
{
  g_autoptr (GPtrArray) constraints = list_unique_constraints (self, record_info (record), error);

  if (constraints == NULL)
    return NULL;
  for (guint i = 0; i < constraints->len; i++)
    {
      GPtrArray *columns = g_ptr_array_index (constraints, i);
      gboolean taken = FALSE;

      /* One on a column the record does not hold is not the store's to check. */
      if (g_ptr_array_find (columns, NULL, NULL))
        continue;
      if (!values_taken (self, record, columns, &taken, error))
        return NULL;
      if (taken)
        return g_ptr_array_index (columns, columns->len - 1);
    }
  return NULL;
}

/* Whether what the failed write read or changed can be read afresh. On
 * PostgreSQL a failed statement leaves its transaction refusing every
 * other one until it is rolled back; inside a batch, that is only at its
 * end. */
static gboolean
can_read_after_failure (CspStore *self)
{
  return !(self->in_batch && is_postgresql (self));
}

typedef enum
{
  WRITE_INSERT,
  WRITE_UPDATE,
  WRITE_DELETE,
} WriteKind;

/* The audit log's word for each kind of write. */
static const char *const write_operations[] = {
  [WRITE_INSERT] = "insert",
  [WRITE_UPDATE] = "update",
  [WRITE_DELETE] = "delete",
};

/* Tells what the failed write of @record broke, in the record's terms,
 * from the engine's @write_error (taken). Called once the write is rolled
 * back, so that what it reads to find out is the database without the
 * write, and readable on either engine. */
static void
explain_write_error (CspStore *self, CspRecord *record, WriteKind kind, GError *write_error,
                     GError **error)
{
  g_autoptr (GError) engine_error = write_error;
  const CspTableInfo *info = record_info (record);

  if (engine_error->domain != CSP_DATABASE_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&engine_error));
      return;
    }
  switch (engine_error->code)
    {
    case CSP_DATABASE_ERROR_DUPLICATE:
      if (can_read_after_failure (self))
        {
          const CspColumn *column = NULL;
          gint64 id = csp_record_get_id (record);
          gboolean id_taken = FALSE;

          /* A record brought back with its id (by undo) whose id was given
           * to a new one meanwhile. */
          if (kind == WRITE_INSERT && id != 0 &&
              row_exists (self, info->table, id, &id_taken, NULL) && id_taken)
            {
              g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_DUPLICATE,
                           _ ("Another %s already has the id %" PRId64), _ (info->noun), id);
              return;
            }
          /* What cannot be found out leaves the engine's own words. */
          column = find_duplicate_column (self, record, NULL);
          if (column != NULL)
            {
              g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                           _ ("%s: another %s already has this value"), _ (column->label),
                           _ (info->noun));
              return;
            }
        }
      break;
    case CSP_DATABASE_ERROR_IN_USE:
      if (kind == WRITE_DELETE)
        g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_IN_USE,
                     _ ("This %s is still used by other records, so it cannot be deleted. Retire "
                        "it instead, or first change the records that use it"),
                     _ (info->noun));
      else
        /* The references were checked first: one was deleted since. */
        g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_IN_USE,
                     _ ("The %s refers to a record that someone else has just deleted. Check "
                        "its fields, then save it again"),
                     _ (info->noun));
      return;
    case CSP_DATABASE_ERROR_INVALID:
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("The %s breaks a rule of the database: %s"), _ (info->noun),
                   engine_error->message);
      return;
    default:
      break;
    }
  g_propagate_error (error, g_steal_pointer (&engine_error));
}

/* Writing */

/* Ends a write whose row failed: rolled back, and @write_error (taken)
 * told in the record's terms. Returns %FALSE. */
static gboolean
fail_write (CspStore *self, CspRecord *record, WriteKind kind, GError *write_error, GError **error)
{
  rollback_write (self);
  explain_write_error (self, record, kind, write_error, error);
  return FALSE;
}

/* The record's supporting partners: those of a @new_record are added,
 * those of a stored one replaced. */
static gboolean
write_partner_ids (CspStore *self, CspRecord *record, gboolean new_record, GError **error)
{
  const CspTableInfo *info = record_info (record);
  g_autofree char *insert_sql = NULL;
  g_autoptr (CspStatement) insert_stmt = NULL;
  const gint64 *ids;
  guint n_ids = 0;

  if (info->partner_table == NULL)
    return TRUE;
  if (!new_record)
    {
      g_autofree char *delete_sql =
          g_strdup_printf ("DELETE FROM %s WHERE %s = ?", info->partner_table, info->partner_key);
      g_autoptr (CspStatement) delete_stmt =
          csp_database_prepare_cached (self->database, delete_sql, error);

      if (delete_stmt == NULL)
        return FALSE;
      csp_statement_bind_int64 (delete_stmt, 1, csp_record_get_id (record));
      if (!csp_statement_run (delete_stmt, error))
        return FALSE;
    }

  ids = csp_record_get_partner_ids (record, &n_ids);
  if (n_ids == 0)
    return TRUE;
  /* A partner named twice is linked once. */
  insert_sql = g_strdup_printf ("INSERT INTO %s (%s, partner_id, created_at, updated_at) "
                                "VALUES (?, ?, %s, %s) ON CONFLICT DO NOTHING",
                                info->partner_table, info->partner_key,
                                csp_database_get_now_sql (self->database),
                                csp_database_get_now_sql (self->database));
  insert_stmt = csp_database_prepare_cached (self->database, insert_sql, error);
  if (insert_stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      csp_statement_reset (insert_stmt);
      csp_statement_bind_int64 (insert_stmt, 1, csp_record_get_id (record));
      csp_statement_bind_int64 (insert_stmt, 2, ids[i]);
      if (!csp_statement_run (insert_stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Removes the record's full-text row. */
static gboolean
delete_search_row (CspStore *self, const CspTableInfo *info, gint64 id, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE rowid = ?", info->fts_table);
  g_autoptr (CspStatement) stmt = csp_database_prepare_cached (self->database, sql, error);

  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_int64 (stmt, 1, id);
  return csp_statement_run (stmt, error);
}

/* Adds the record's full-text row, mirroring its searched columns. */
static gboolean
insert_search_row (CspStore *self, const CspTableInfo *info, CspRecord *record, GError **error)
{
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (GString) placeholders = g_string_new ("?");
  g_autoptr (CspStatement) stmt = NULL;
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
  csp_statement_bind_int64 (stmt, index++, csp_record_get_id (record));
  for (guint i = 0; i < info->n_columns; i++)
    if (info->columns[i].flags & CSP_COLUMN_SEARCHED)
      bind_column (stmt, index++, record, &info->columns[i]);
  return csp_statement_run (stmt, error);
}

/* Keeps the full-text row of row @id in step: replaced by @record's, or
 * removed when @record is %NULL. A row is removed first even for a new
 * record, as rows deleted behind the store's back leave theirs behind. */
static gboolean
write_search_index (CspStore *self, const CspTableInfo *info, gint64 id, CspRecord *record,
                    GError **error)
{
  /* SQLite's FTS5 tables are fed here. PostgreSQL's schema searches a
   * tsvector column of the row itself, which the server generates from
   * the searched columns: there is nothing to write. */
  if (info->fts_table == NULL || is_postgresql (self))
    return TRUE;
  return delete_search_row (self, info, id, error) &&
         (record == NULL || insert_search_row (self, info, record, error));
}

/**
 * csp_store_rebuild_search_index:
 *
 * Fills SQLite's full-text tables again from their records' searched
 * columns, as the writes above keep them, after rows came in behind the
 * store (a copy of a database). What they held goes first. On PostgreSQL
 * the server generates the search column: there is nothing to do.
 */
gboolean
csp_store_rebuild_search_index (CspStore *self, GError **error)
{
  guint n_types = 0;
  const GType *types = csp_record_list_types (&n_types);

  g_return_val_if_fail (CSP_IS_STORE (self), FALSE);

  if (is_postgresql (self))
    return TRUE;
  for (guint t = 0; t < n_types; t++)
    {
      const CspTableInfo *info = csp_record_type_get_info (types[t]);
      g_autoptr (GString) columns = g_string_new (NULL);
      g_autofree char *clear = NULL;
      g_autofree char *fill = NULL;

      if (info->fts_table == NULL)
        continue;
      for (guint i = 0; i < info->n_columns; i++)
        if (info->columns[i].flags & CSP_COLUMN_SEARCHED)
          g_string_append_printf (columns, ", %s", info->columns[i].name);
      /* Identifiers from the static table descriptions, never values. */
      clear = g_strdup_printf ("DELETE FROM %s", info->fts_table);
      fill = g_strdup_printf ("INSERT INTO %s (rowid%s) SELECT id%s FROM %s", info->fts_table,
                              columns->str, columns->str, info->table);
      if (!csp_database_exec (self->database, clear, error) ||
          !csp_database_exec (self->database, fill, error))
        return FALSE;
    }
  return TRUE;
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

/* Who and when come from the engine, not from this computer: on
 * PostgreSQL the role the server let in and its clock, so that an entry
 * cannot be told apart from another client's by a wrong clock or name.
 * SQLite is a file with no users, so there the name is this computer's
 * account, bound as a value: the same user who can write the file. */
#define AUDIT_INSERT                                                                               \
  "INSERT INTO audit_log (user_name, table_name, row_id, operation, changes, created_at, "         \
  "updated_at) VALUES ("

static gboolean
write_audit (CspStore *self, const CspTableInfo *info, const char *operation, gint64 row_id,
             const char *changes, GError **error)
{
  g_autoptr (CspStatement) stmt = csp_database_prepare_cached (
      self->database,
      csp_database_pick_sql (
          self->database, AUDIT_INSERT "?, ?, ?, ?, ?, " CSP_SQLITE_NOW ", " CSP_SQLITE_NOW ")",
          AUDIT_INSERT "session_user, ?, ?, ?, ?, " CSP_POSTGRESQL_NOW ", " CSP_POSTGRESQL_NOW ")"),
      error);
  int index = 1;

  if (stmt == NULL)
    return FALSE;
  if (!is_postgresql (self))
    csp_statement_bind_text (stmt, index++, g_get_user_name ());
  csp_statement_bind_text (stmt, index++, info->table);
  csp_statement_bind_int64 (stmt, index++, row_id);
  csp_statement_bind_text (stmt, index++, operation);
  csp_statement_bind_text (stmt, index++, changes);
  return csp_statement_run (stmt, error);
}

/* What a write of @record's row changes besides the row, in the same
 * transaction: its supporting partners (which go with a deleted row by
 * themselves), its full-text row, and the audit entry of what @changes. */
static gboolean
write_alongside (CspStore *self, CspRecord *record, WriteKind kind, const char *changes,
                 GError **error)
{
  const CspTableInfo *info = record_info (record);
  gint64 id = csp_record_get_id (record);
  CspRecord *kept = kind == WRITE_DELETE ? NULL : record;

  return (kept == NULL || write_partner_ids (self, kept, kind == WRITE_INSERT, error)) &&
         write_search_index (self, info, id, kept, error) &&
         write_audit (self, info, write_operations[kind], id, changes, error);
}

/* On PostgreSQL a row given its id does not move the table's id
 * sequence on, which would hand that id out again later: it is moved
 * past it here (never back). SQLite takes the next id from the largest
 * in the table. */
static gboolean
advance_id_sequence (CspStore *self, const CspTableInfo *info, gint64 id, GError **error)
{
  g_autofree char *sql = NULL;
  g_autoptr (CspStatement) stmt = NULL;

  if (!is_postgresql (self))
    return TRUE;
  /* Identifiers from the static table description. */
  sql = g_strdup_printf ("SELECT setval(pg_get_serial_sequence('%s', 'id'), "
                         "GREATEST(nextval(pg_get_serial_sequence('%s', 'id')), ?))",
                         info->table, info->table);
  stmt = csp_database_prepare_cached (self->database, sql, error);
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_int64 (stmt, 1, id);
  return csp_statement_run (stmt, error);
}

/* Stores @record's row; sets its id (unless it has one) and its times. */
static gboolean
insert_row (CspStore *self, CspRecord *record, GError **error)
{
  const CspTableInfo *info = record_info (record);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *changes = NULL;
  gboolean explicit_id = csp_record_get_id (record) != 0;
  int index = 1;

  g_string_printf (sql, "INSERT INTO %s (created_at, updated_at, version%s", info->table,
                   explicit_id ? ", id" : "");
  for (guint i = 0; i < info->n_columns; i++)
    g_string_append_printf (sql, ", %s", info->columns[i].name);
  g_string_append_printf (sql, ") VALUES (%s, %s, 1", csp_database_get_now_sql (self->database),
                          csp_database_get_now_sql (self->database));
  if (explicit_id)
    g_string_append (sql, ", ?");
  for (guint i = 0; i < info->n_columns; i++)
    g_string_append (sql, ", ?");
  g_string_append (sql, ") RETURNING id, created_at, updated_at");

  stmt = csp_database_prepare_cached (self->database, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  if (explicit_id)
    csp_statement_bind_int64 (stmt, index++, csp_record_get_id (record));
  for (guint i = 0; i < info->n_columns; i++)
    bind_column (stmt, index++, record, &info->columns[i]);
  if (csp_statement_step (stmt, error) != CSP_STEP_ROW)
    return FALSE;
  csp_record_set_id (record, csp_statement_get_int64 (stmt, 0));
  csp_record_set_times (record, csp_statement_get_text (stmt, 1), csp_statement_get_text (stmt, 2));
  if (!csp_statement_run (stmt, error))
    return FALSE;

  changes = describe_change (NULL, record);
  return (!explicit_id || advance_id_sequence (self, info, csp_record_get_id (record), error)) &&
         write_alongside (self, record, WRITE_INSERT, changes, error);
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
  g_autoptr (GError) write_error = NULL;
  g_autofree char *created_at = NULL;
  g_autofree char *updated_at = NULL;
  gint64 id;

  g_return_val_if_fail (CSP_IS_STORE (self), FALSE);
  g_return_val_if_fail (CSP_IS_RECORD (record), FALSE);

  if (!csp_record_validate (record, error) || !begin_write (self, error))
    return FALSE;
  if (!check_references (self, record, error))
    {
      rollback_write (self);
      return FALSE;
    }
  /* The insert sets these; a write that fails gives them back. */
  id = csp_record_get_id (record);
  created_at = g_strdup (csp_record_get_created_at (record));
  updated_at = g_strdup (csp_record_get_updated_at (record));
  if (!insert_row (self, record, &write_error))
    {
      csp_record_set_id (record, id);
      csp_record_set_times (record, created_at, updated_at);
      return fail_write (self, record, WRITE_INSERT, g_steal_pointer (&write_error), error);
    }
  if (!commit_write (self, error))
    {
      csp_record_set_id (record, id);
      csp_record_set_times (record, created_at, updated_at);
      return FALSE;
    }
  csp_record_set_version (record, 1);
  return TRUE;
}

/* Someone else saved the record since @record was read. */
static void
set_conflict_error (const CspTableInfo *info, GError **error)
{
  g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT,
               _ ("Someone else changed this %s after you opened it. Reload it to see their "
                  "changes, then make yours again"),
               _ (info->noun));
}

/* Fetches the stored row and refuses to go on if it changed meanwhile.
 * The write checks the version again, as on PostgreSQL another client
 * may save between this read and the write. */
static CspRecord *
get_unchanged (CspStore *self, CspRecord *record, GError **error)
{
  g_autoptr (CspRecord) stored =
      csp_store_get (self, G_OBJECT_TYPE (record), csp_record_get_id (record), error);

  if (stored == NULL)
    return NULL;
  if (csp_record_get_version (stored) != csp_record_get_version (record))
    {
      set_conflict_error (record_info (record), error);
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

/* Writes @record over its stored row, if that is still the version it
 * was read as; *@updated_at gets the row's new time. */
static gboolean
update_row (CspStore *self, CspRecord *record, CspRecord *stored, char **updated_at, GError **error)
{
  const CspTableInfo *info = record_info (record);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *changes = describe_change (stored, record);
  CspStep step;
  int index = 1;

  g_string_printf (sql, "UPDATE %s SET updated_at = %s, version = version + 1", info->table,
                   csp_database_get_now_sql (self->database));
  for (guint i = 0; i < info->n_columns; i++)
    g_string_append_printf (sql, ", %s = ?", info->columns[i].name);
  g_string_append (sql, " WHERE id = ? AND version = ? RETURNING updated_at");

  stmt = csp_database_prepare_cached (self->database, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < info->n_columns; i++)
    bind_column (stmt, index++, record, &info->columns[i]);
  csp_statement_bind_int64 (stmt, index++, csp_record_get_id (record));
  csp_statement_bind_int64 (stmt, index++, csp_record_get_version (record));
  step = csp_statement_step (stmt, error);
  if (step == CSP_STEP_FAILED)
    return FALSE;
  if (step == CSP_STEP_DONE)
    {
      /* No row of that version: someone saved it since it was read. */
      set_conflict_error (info, error);
      return FALSE;
    }
  *updated_at = g_strdup (csp_statement_get_text (stmt, 0));
  if (!csp_statement_run (stmt, error))
    return FALSE;

  return write_alongside (self, record, WRITE_UPDATE, changes, error);
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
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (GError) write_error = NULL;
  g_autofree char *updated_at = NULL;

  g_return_val_if_fail (CSP_IS_STORE (self), FALSE);
  g_return_val_if_fail (CSP_IS_RECORD (record), FALSE);
  g_return_val_if_fail (csp_record_get_id (record) > 0, FALSE);

  if (refuse_append_only (record_info (record), error) || !csp_record_validate (record, error) ||
      !begin_write (self, error))
    return FALSE;
  stored = get_unchanged (self, record, error);
  if (stored == NULL || !check_references (self, record, error))
    {
      rollback_write (self);
      return FALSE;
    }
  if (!update_row (self, record, stored, &updated_at, &write_error))
    return fail_write (self, record, WRITE_UPDATE, g_steal_pointer (&write_error), error);
  if (!commit_write (self, error))
    return FALSE;
  csp_record_set_version (record, csp_record_get_version (record) + 1);
  csp_record_set_times (record, csp_record_get_created_at (stored), updated_at);
  return TRUE;
}

static gboolean
delete_row (CspStore *self, CspRecord *stored, GError **error)
{
  const CspTableInfo *info = record_info (stored);
  g_autofree char *sql =
      g_strdup_printf ("DELETE FROM %s WHERE id = ? AND version = ?", info->table);
  g_autoptr (CspStatement) stmt = csp_database_prepare_cached (self->database, sql, error);
  g_autofree char *changes = describe_change (stored, NULL);

  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_int64 (stmt, 1, csp_record_get_id (stored));
  csp_statement_bind_int64 (stmt, 2, csp_record_get_version (stored));
  if (!csp_statement_run (stmt, error))
    {
      /* Removing a row can break a rule only through the rows that point
       * at it, and SQLite reports a reference that forbids it (ON DELETE
       * RESTRICT) as a rule broken, not as a reference. */
      if (error != NULL && g_error_matches (*error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID))
        (*error)->code = CSP_DATABASE_ERROR_IN_USE;
      return FALSE;
    }
  if (csp_statement_get_changes (stmt) == 0)
    {
      /* No row of that version: someone saved it since it was read. */
      set_conflict_error (info, error);
      return FALSE;
    }
  return write_alongside (self, stored, WRITE_DELETE, changes, error);
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
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (GError) write_error = NULL;

  g_return_val_if_fail (CSP_IS_STORE (self), FALSE);
  g_return_val_if_fail (CSP_IS_RECORD (record), FALSE);
  g_return_val_if_fail (csp_record_get_id (record) > 0, FALSE);

  if (!begin_write (self, error))
    return FALSE;
  stored = get_unchanged (self, record, error);
  if (stored == NULL)
    {
      rollback_write (self);
      return FALSE;
    }
  if (!delete_row (self, stored, &write_error))
    return fail_write (self, stored, WRITE_DELETE, g_steal_pointer (&write_error), error);
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
  g_autoptr (CspStatement) stmt = NULL;
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean limited = query != NULL && query->limit > 0;
  gboolean offset = query != NULL && query->offset > 0;
  CspStep step;
  int index;

  g_return_val_if_fail (CSP_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, CSP_TYPE_RECORD), NULL);

  info = csp_record_type_get_info (type);
  query_sql = csp_query_sql_new (self->database, info, query, error);
  if (query_sql == NULL)
    return NULL;
  append_select_list (self, sql, info);
  g_string_append_printf (sql, " FROM %s%s%s", info->table, csp_query_sql_get_where (query_sql),
                          csp_query_sql_get_order (query_sql));
  if (limited)
    g_string_append (sql, " LIMIT ?");
  if (offset)
    /* SQLite takes an OFFSET only after a LIMIT, whose "none" is -1 there
     * and an error on PostgreSQL. */
    g_string_append (
        sql, limited ? " OFFSET ?"
                     : csp_database_pick_sql (self->database, " LIMIT -1 OFFSET ?", " OFFSET ?"));
  stmt = csp_database_prepare (self->database, sql->str, error);
  if (stmt == NULL)
    return NULL;
  csp_query_sql_bind (query_sql, stmt);
  index = (int) csp_query_sql_get_n_values (query_sql);
  if (limited)
    csp_statement_bind_int64 (stmt, ++index, query->limit);
  if (offset)
    csp_statement_bind_int64 (stmt, ++index, query->offset);

  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      g_ptr_array_add (records, record_from_row (type, stmt));
    }
  if (step == CSP_STEP_FAILED)
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
  g_autoptr (CspStatement) stmt = NULL;
  CspQuery filters;

  g_return_val_if_fail (CSP_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_type_is_a (type, CSP_TYPE_RECORD), FALSE);

  info = csp_record_type_get_info (type);
  if (query != NULL)
    {
      filters = *query;
      filters.sort_column = NULL;
    }
  query_sql = csp_query_sql_new (self->database, info, query != NULL ? &filters : NULL, error);
  if (query_sql == NULL)
    return FALSE;
  sql = g_strdup_printf ("SELECT count(*) FROM %s%s", info->table,
                         csp_query_sql_get_where (query_sql));
  stmt = csp_database_prepare (self->database, sql, error);
  if (stmt == NULL)
    return FALSE;
  csp_query_sql_bind (query_sql, stmt);
  if (csp_statement_step (stmt, error) != CSP_STEP_ROW)
    return FALSE;
  *count = (guint) csp_statement_get_int64 (stmt, 0);
  return TRUE;
}

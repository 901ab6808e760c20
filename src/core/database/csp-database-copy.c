/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-database"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-database-copy.h"
#include "csp-store.h"

/* A whole database from one engine to the other: every table, id and
 * audit entry, as it is. Values travel as text, which both engines turn
 * back into the column's type. */

/* The columns a row is written with: generated ones (PostgreSQL's search
 * vectors) and SQLite's hidden ones are the engine's own. */
static GPtrArray *
list_columns (CspDatabase *database, const char *table, GError **error)
{
  g_autoptr (GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (CspStatement) stmt = csp_database_prepare (
      database,
      csp_database_pick_sql (
          database, "SELECT name FROM pragma_table_xinfo (?) WHERE hidden = 0 ORDER BY cid",
          "SELECT column_name FROM information_schema.columns "
          "WHERE table_schema = current_schema () AND table_name = ? "
          "AND is_generated = 'NEVER' ORDER BY ordinal_position"),
      error);
  CspStep step;

  if (stmt == NULL)
    return NULL;
  csp_statement_bind_text (stmt, 1, table);
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    g_ptr_array_add (columns, g_strdup (csp_statement_get_text (stmt, 0)));
  if (step == CSP_STEP_FAILED)
    return NULL;
  return g_steal_pointer (&columns);
}

static gboolean
check_empty (CspDatabase *target, GError **error)
{
  const char *const *tables = csp_database_list_tables ();

  for (guint i = 0; tables[i] != NULL; i++)
    {
      gint64 count = 0;

      if (!csp_database_count_rows (target, tables[i], &count, error))
        return FALSE;
      if (count > 0)
        {
          g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                       _ ("The database %s already holds records (%s), so nothing was copied "
                          "into it. Copy into a new file or an empty server database"),
                       csp_database_get_location (target), tables[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* The highest id @table ever gave: its highest row, or a record deleted
 * since, which the audit log still names (and would name again, under
 * another record's history, were its id given twice). */
static gboolean
read_highest_id (CspDatabase *target, const char *table, gint64 *highest, GError **error)
{
  g_autofree char *sql = NULL;
  g_autoptr (CspStatement) stmt = NULL;

  /* The table name comes from the schema's fixed list. */
  sql = g_strdup_printf ("SELECT coalesce (max (id), 0), (SELECT coalesce (max (row_id), 0) "
                         "FROM audit_log WHERE table_name = ?) FROM %s",
                         table);
  stmt = csp_database_prepare (target, sql, error);
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_text (stmt, 1, table);
  if (csp_statement_step (stmt, error) != CSP_STEP_ROW)
    return FALSE;
  *highest = MAX (csp_statement_get_int64 (stmt, 0), csp_statement_get_int64 (stmt, 1));
  return csp_statement_run (stmt, error);
}

/* SQLite's AUTOINCREMENT counter: the row of sqlite_sequence that
 * copying the table's rows made, or a new one for a table left empty
 * (never for a table without AUTOINCREMENT, which has no counter). */
static gboolean
set_sqlite_sequence (CspDatabase *target, const char *table, gint64 highest, GError **error)
{
  g_autoptr (CspStatement) update = NULL;
  g_autoptr (CspStatement) insert = NULL;

  update =
      csp_database_prepare (target, "UPDATE sqlite_sequence SET seq = ? WHERE name = ?", error);
  if (update == NULL)
    return FALSE;
  csp_statement_bind_int64 (update, 1, highest);
  csp_statement_bind_text (update, 2, table);
  if (!csp_statement_run (update, error))
    return FALSE;
  if (csp_statement_get_changes (update) > 0)
    return TRUE;
  insert = csp_database_prepare (target,
                                 "INSERT INTO sqlite_sequence (name, seq) SELECT name, ? "
                                 "FROM sqlite_master WHERE type = 'table' AND name = ? "
                                 "AND sql LIKE '%AUTOINCREMENT%'",
                                 error);
  if (insert == NULL)
    return FALSE;
  csp_statement_bind_int64 (insert, 1, highest);
  csp_statement_bind_text (insert, 2, table);
  return csp_statement_run (insert, error);
}

/* Ids given by hand leave the engine's counter behind (PostgreSQL's
 * identity sequence) or at the highest row copied (SQLite's): each goes
 * on from the highest id the table ever gave, so that no id is given
 * twice. (A table without an identity column has no sequence on
 * PostgreSQL: setval of NULL is NULL.) */
static gboolean
advance_ids (CspDatabase *target, const char *table, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  gint64 highest = 0;

  if (!read_highest_id (target, table, &highest, error))
    return FALSE;
  if (csp_database_get_engine (target) == CSP_ENGINE_SQLITE)
    return highest == 0 || set_sqlite_sequence (target, table, highest, error);
  stmt = csp_database_prepare (
      target, "SELECT setval (pg_get_serial_sequence (?, 'id'), CAST (? AS BIGINT), false)", error);
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_text (stmt, 1, table);
  csp_statement_bind_int64 (stmt, 2, highest + 1);
  return csp_statement_run (stmt, error);
}

/* The table's rows in id order, with the source's column names: the
 * column lists are identifiers from the schemas, never from values. */
static gboolean
copy_table (CspDatabase *source, CspDatabase *target, const char *table, gint64 *n_rows,
            gboolean *has_id, GError **error)
{
  g_autoptr (GPtrArray) columns = list_columns (target, table, error);
  g_autoptr (GString) select = g_string_new ("SELECT ");
  g_autoptr (GString) insert = NULL;
  g_autoptr (CspStatement) reader = NULL;
  g_autoptr (CspStatement) writer = NULL;
  CspStep step;

  if (columns == NULL)
    return FALSE;
  insert = g_string_new (NULL);
  g_string_printf (insert, "INSERT INTO %s (", table);
  for (guint i = 0; i < columns->len; i++)
    {
      g_string_append_printf (select, "%s%s", i > 0 ? ", " : "", (const char *) columns->pdata[i]);
      g_string_append_printf (insert, "%s%s", i > 0 ? ", " : "", (const char *) columns->pdata[i]);
    }
  g_string_append_printf (select, " FROM %s ORDER BY 1, 2", table);
  g_string_append (insert, ") VALUES (");
  for (guint i = 0; i < columns->len; i++)
    g_string_append (insert, i > 0 ? ", ?" : "?");
  g_string_append (insert, ")");

  reader = csp_database_prepare (source, select->str, error);
  writer = reader != NULL ? csp_database_prepare (target, insert->str, error) : NULL;
  if (writer == NULL)
    return FALSE;
  while ((step = csp_statement_step (reader, error)) == CSP_STEP_ROW)
    {
      csp_statement_reset (writer);
      for (guint i = 0; i < columns->len; i++)
        csp_statement_bind_text (writer, (int) i + 1, csp_statement_get_text (reader, (int) i));
      if (!csp_statement_run (writer, error))
        return FALSE;
      ++*n_rows;
    }
  if (step == CSP_STEP_FAILED)
    return FALSE;
  *has_id = g_ptr_array_find_with_equal_func (columns, "id", g_str_equal, NULL);
  return TRUE;
}

/**
 * csp_database_copy:
 * @source: the database to copy
 * @target: an empty CSP Engage database, on either engine
 * @progress: (nullable): told the table being copied
 *
 * Copies every table of @source into @target, ids and audit entries as
 * they are, in one transaction on @target: a copy is whole or not at all.
 * A @target that holds any record is refused. Each table of @target goes
 * on giving ids after the highest that @source ever gave (deleted records
 * included, which its audit log still names), and the search index of an
 * SQLite @target is rebuilt from the copied rows.
 */
gboolean
csp_database_copy (CspDatabase *source, CspDatabase *target, CspCopyProgress progress,
                   gpointer user_data, GError **error)
{
  const char *const *tables = csp_database_list_tables ();
  g_autoptr (GPtrArray) with_ids = g_ptr_array_new ();
  g_autoptr (CspStore) store = NULL;

  g_return_val_if_fail (CSP_IS_DATABASE (source), FALSE);
  g_return_val_if_fail (CSP_IS_DATABASE (target), FALSE);
  g_return_val_if_fail (source != target, FALSE);

  if (!csp_database_begin (target, error))
    return FALSE;
  if (!check_empty (target, error))
    {
      csp_database_rollback (target);
      return FALSE;
    }
  for (guint i = 0; tables[i] != NULL; i++)
    {
      gint64 n_rows = 0;
      gboolean has_id = FALSE;

      if (progress != NULL)
        progress (tables[i], user_data);
      if (!copy_table (source, target, tables[i], &n_rows, &has_id, error))
        {
          csp_database_rollback (target);
          return FALSE;
        }
      if (has_id)
        g_ptr_array_add (with_ids, (gpointer) tables[i]);
    }
  /* Once every table is in, the audit log (the last of them) among them:
   * the ids of deleted records count too. */
  for (guint i = 0; i < with_ids->len; i++)
    if (!advance_ids (target, g_ptr_array_index (with_ids, i), error))
      {
        csp_database_rollback (target);
        return FALSE;
      }
  /* SQLite's full-text tables are the engine's own, not among the
   * copied tables: the store fills them again from the copied rows. */
  store = csp_store_new (target);
  if (!csp_store_rebuild_search_index (store, error))
    {
      csp_database_rollback (target);
      return FALSE;
    }
  return csp_database_commit (target, error);
}

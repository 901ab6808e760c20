/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-database"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-database-copy.h"

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

/* Ids given by hand leave PostgreSQL's identity sequences behind; each
 * goes on from the highest id, so that no id is given twice. (A table
 * without an identity column has no sequence: setval of NULL is NULL.) */
static gboolean
advance_ids (CspDatabase *target, const char *table, GError **error)
{
  g_autofree char *sql = NULL;
  g_autoptr (CspStatement) stmt = NULL;

  if (csp_database_get_engine (target) != CSP_ENGINE_POSTGRESQL)
    return TRUE;
  /* The table name comes from the schema's fixed list. */
  sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence (?, 'id'), "
                         "(SELECT coalesce (max (id), 0) + 1 FROM %s), false)",
                         table);
  stmt = csp_database_prepare (target, sql, error);
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_text (stmt, 1, table);
  return csp_statement_run (stmt, error);
}

/* The table's rows in id order, with the source's column names: the
 * column lists are identifiers from the schemas, never from values. */
static gboolean
copy_table (CspDatabase *source, CspDatabase *target, const char *table, gint64 *n_rows,
            GError **error)
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
  return !g_ptr_array_find_with_equal_func (columns, "id", g_str_equal, NULL) ||
         advance_ids (target, table, error);
}

/**
 * csp_database_copy:
 * @source: the database to copy
 * @target: an empty CSP Engage database, on either engine
 * @progress: (nullable): told the table being copied
 *
 * Copies every table of @source into @target, ids and audit entries as
 * they are, in one transaction on @target: a copy is whole or not at all.
 * A @target that holds any record is refused. The search index of an
 * SQLite @target is rebuilt from the copied rows.
 */
gboolean
csp_database_copy (CspDatabase *source, CspDatabase *target, CspCopyProgress progress,
                   gpointer user_data, GError **error)
{
  const char *const *tables = csp_database_list_tables ();

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

      if (progress != NULL)
        progress (tables[i], user_data);
      if (!copy_table (source, target, tables[i], &n_rows, error))
        {
          csp_database_rollback (target);
          return FALSE;
        }
    }
  return csp_database_commit (target, error);
}

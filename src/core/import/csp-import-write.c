/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "csp-audit-log.h"
#include "csp-import-private.h"

/* Writing what the check staged (csp-import-stage.c), set-based: the
 * names to be made first, through the store; then the new records in
 * one INSERT … SELECT each for the rows, their supporting partners and
 * (on SQLite) the search index, under ids taken as one block; then each
 * changed record through the store, which checks its version and audits
 * it; last the import's one audit entry. On a server the table is locked
 * against other writers first (SHARE ROW EXCLUSIVE: readers go on), so
 * that no import or edit can add a record with a staged row's natural key
 * between the check and the write. SQL text is built only from the
 * static table description. */

static gboolean
is_postgresql (CspImport *self)
{
  return csp_database_get_engine (self->database) == CSP_ENGINE_POSTGRESQL;
}

static gboolean exec_printf (CspImport *self, GError **error, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

/* Runs SQL built from identifiers of the table description only. */
static gboolean
exec_printf (CspImport *self, GError **error, const char *format, ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return csp_database_exec (self->database, sql, error);
}

static void
written_clear (CspImportWritten *written)
{
  written->first_id = 0;
  written->n_added = 0;
  g_ptr_array_set_size (written->before, 0);
  g_ptr_array_set_size (written->after, 0);
}

/* Names to be made */

static char *
placeholder_text (Unknown *unknown)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, PLACEHOLDER_BASE + unknown->index);
}

/* Makes the rows the check's unknown names are to become, and points the
 * staged rows at them in place of their placeholders. */
static gboolean
make_unknowns (CspImport *self, GError **error)
{
  static const char *const columns[] = { "placeholder", "id", NULL };
  CspLoad *load;
  guint n_made = 0;

  /* Priorities are made at the end of their plan. */
  g_clear_pointer (&self->lookup, csp_import_lookup_free);
  self->lookup = csp_import_lookup_new (self->database, error);
  if (self->lookup == NULL)
    return FALSE;
  for (guint i = 0; i < self->unknowns->len; i++)
    {
      Unknown *unknown = g_ptr_array_index (self->unknowns, i);

      if (unknown->public.resolution == CSP_IMPORT_RESOLVE_CREATE &&
          !csp_import_create_unknown (self, unknown, error))
        return FALSE;
    }
  if (!csp_database_exec (self->database,
                          "CREATE TEMP TABLE IF NOT EXISTS import_made "
                          "(placeholder TEXT PRIMARY KEY, id TEXT NOT NULL)",
                          error) ||
      !csp_database_exec (self->database, "DELETE FROM import_made", error))
    return FALSE;
  load = csp_database_load_begin (self->database, "import_made", columns, error);
  if (load == NULL)
    return FALSE;
  for (guint i = 0; i < self->all_unknowns->len; i++)
    {
      Unknown *unknown = g_ptr_array_index (self->all_unknowns, i);
      g_autofree char *placeholder = NULL;
      g_autofree char *id = NULL;

      if (unknown->public.resolution != CSP_IMPORT_RESOLVE_CREATE || unknown->public.id <= 0)
        continue;
      placeholder = placeholder_text (unknown);
      id = g_strdup_printf ("%" G_GINT64_FORMAT, unknown->public.id);
      if (!csp_load_add_row (load, (const char *const[]){ placeholder, id }, error))
        {
          csp_load_end (load, NULL);
          return FALSE;
        }
      n_made++;
    }
  if (!csp_load_end (load, error))
    return FALSE;
  if (n_made == 0)
    return TRUE;

  for (guint c = 0; c < self->info->n_columns; c++)
    {
      const char *column = self->info->columns[c].name;
      const char *stage = csp_import_stage_get_table (self->stage);

      if (self->info->columns[c].kind == CSP_COLUMN_REF &&
          !exec_printf (self, error,
                        "UPDATE %s SET %s = (SELECT m.id FROM import_made m WHERE m.placeholder = "
                        "%s.%s) WHERE %s IN (SELECT placeholder FROM import_made)",
                        stage, column, stage, column, column))
        return FALSE;
    }
  return self->info->partner_table == NULL ||
         csp_database_exec (self->database,
                            "UPDATE import_stage_partner SET partner_id = (SELECT m.id FROM "
                            "import_made m WHERE m.placeholder = import_stage_partner.partner_id) "
                            "WHERE partner_id IN (SELECT placeholder FROM import_made)",
                            error);
}

/* The id a staged value stands for: a placeholder becomes the row made. */
static gint64
staged_id (CspImport *self, const char *text)
{
  gint64 id = g_ascii_strtoll (text, NULL, 10);

  if (!csp_import_is_placeholder (id))
    return id;
  return ((Unknown *) g_ptr_array_index (self->all_unknowns, id - PLACEHOLDER_BASE))->public.id;
}

/* New records */

/* Takes @n ids in one block, the first in *@first. A file's AUTOINCREMENT
 * gives the next after the highest ever given; a server's sequence is
 * moved on past the block at once. */
static gboolean
reserve_ids (CspImport *self, guint n, gint64 *first, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  gint64 value;

  if (is_postgresql (self))
    {
      stmt = csp_database_prepare (self->database,
                                   "SELECT setval(pg_get_serial_sequence(?, 'id'), "
                                   "nextval(pg_get_serial_sequence(?, 'id')) + ? - 1)",
                                   error);
      if (stmt == NULL)
        return FALSE;
      csp_statement_bind_text (stmt, 1, self->info->table);
      csp_statement_bind_text (stmt, 2, self->info->table);
      csp_statement_bind_int64 (stmt, 3, n);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf (
          "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = ?), 0), "
          "coalesce((SELECT max(id) FROM %s), 0)) + ?",
          self->info->table);

      stmt = csp_database_prepare (self->database, sql, error);
      if (stmt == NULL)
        return FALSE;
      csp_statement_bind_text (stmt, 1, self->info->table);
      csp_statement_bind_int64 (stmt, 2, n);
    }
  if (csp_statement_step (stmt, error) != CSP_STEP_ROW)
    return FALSE;
  value = csp_statement_get_int64 (stmt, 0);
  *first = value - n + 1;
  return csp_statement_run (stmt, error);
}

static gboolean
run_with_first_id (CspImport *self, const char *sql, gint64 first, GError **error)
{
  g_autoptr (CspStatement) stmt = csp_database_prepare (self->database, sql, error);

  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_int64 (stmt, 1, first);
  return csp_statement_run (stmt, error);
}

/* The staged column as its table's type. */
static void
append_staged_value (GString *sql, const CspColumn *column, const char *prefix)
{
  if (column->kind == CSP_COLUMN_INT || column->kind == CSP_COLUMN_REF ||
      column->kind == CSP_COLUMN_BOOL)
    g_string_append_printf (sql, ", CAST (%s%s AS BIGINT)", prefix, column->name);
  else
    g_string_append_printf (sql, ", %s%s", prefix, column->name);
}

/* On a server, the rows inserted in bulk are announced to the desktops
 * watching once per table, not once per row (migration 0004). */
static gboolean
set_quiet (CspImport *self, gboolean quiet, GError **error)
{
  if (!is_postgresql (self))
    return TRUE;
  return csp_database_exec (
      self->database,
      quiet ? "SET LOCAL csp.bulk_write = 'on'" : "SET LOCAL csp.bulk_write = 'off'", error);
}

static gboolean
announce (CspImport *self, const char *table, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *message = NULL;

  if (!is_postgresql (self))
    return TRUE;
  stmt = csp_database_prepare (self->database, "SELECT pg_notify ('csp_engage', ?)", error);
  if (stmt == NULL)
    return FALSE;
  message = g_strconcat (table, " 0", NULL);
  csp_statement_bind_text (stmt, 1, message);
  return csp_statement_run (stmt, error);
}

static gboolean
insert_rows (CspImport *self, gint64 first, GError **error)
{
  const CspTableInfo *info = self->info;
  const char *stage = csp_import_stage_get_table (self->stage);
  g_autoptr (GString) sql = g_string_new (NULL);

  g_string_printf (sql, "INSERT INTO %s (id, created_at, updated_at, version", info->table);
  for (guint c = 0; c < info->n_columns; c++)
    g_string_append_printf (sql, ", %s", info->columns[c].name);
  g_string_append_printf (sql, ") SELECT CAST (? AS BIGINT) + k - 1, %s, %s, 1",
                          csp_database_get_now_sql (self->database),
                          csp_database_get_now_sql (self->database));
  for (guint c = 0; c < info->n_columns; c++)
    append_staged_value (sql, &info->columns[c], "");
  g_string_append_printf (sql, " FROM %s WHERE k IS NOT NULL ORDER BY n", stage);
  if (!run_with_first_id (self, sql->str, first, error))
    return FALSE;

  if (info->partner_table != NULL)
    {
      g_string_printf (sql,
                       "INSERT INTO %s (%s, partner_id, created_at, updated_at) "
                       "SELECT CAST (? AS BIGINT) + s.k - 1, CAST (p.partner_id AS BIGINT), %s, %s "
                       "FROM import_stage_partner p JOIN %s s ON s.n = p.n WHERE TRUE "
                       "ON CONFLICT DO NOTHING",
                       info->partner_table, info->partner_key,
                       csp_database_get_now_sql (self->database),
                       csp_database_get_now_sql (self->database), stage);
      if (!run_with_first_id (self, sql->str, first, error))
        return FALSE;
    }

  /* PostgreSQL's rows carry their own generated search column. */
  if (info->fts_table != NULL && !is_postgresql (self))
    {
      g_autoptr (GString) columns = g_string_new (NULL);

      for (guint c = 0; c < info->n_columns; c++)
        if (info->columns[c].flags & CSP_COLUMN_SEARCHED)
          g_string_append_printf (columns, ", %s", info->columns[c].name);
      g_string_printf (sql,
                       "INSERT INTO %s (rowid%s) SELECT CAST (? AS BIGINT) + k - 1%s FROM %s "
                       "WHERE k IS NOT NULL",
                       info->fts_table, columns->str, columns->str, stage);
      if (!run_with_first_id (self, sql->str, first, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
insert_new (CspImport *self, gint64 first, GError **error)
{
  gboolean ok = set_quiet (self, TRUE, error) && insert_rows (self, first, error);

  /* The transaction is rolled back when this failed. */
  return ok && set_quiet (self, FALSE, error) && announce (self, self->info->table, error) &&
         (self->info->partner_table == NULL || announce (self, self->info->partner_table, error));
}

/* Changed records */

static void
set_staged_value (CspImport *self, CspRecord *record, const CspColumn *column, const char *text)
{
  if (text == NULL)
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
      csp_record_set_int (record, column->name, g_ascii_strtoll (text, NULL, 10));
      break;
    case CSP_COLUMN_REF:
      csp_record_set_int (record, column->name, staged_id (self, text));
      break;
    case CSP_COLUMN_BOOL:
      csp_record_set_bool (record, column->name, g_str_equal (text, "1"));
      break;
    case CSP_COLUMN_TEXT:
    case CSP_COLUMN_DATE:
    case CSP_COLUMN_MONTH:
    case CSP_COLUMN_CHOICE:
    default:
      csp_record_set_string (record, column->name, text);
      break;
    }
}

static void
set_staged_partners (CspImport *self, CspRecord *record, const char *text)
{
  g_auto (GStrv) words = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      {
        gint64 id = staged_id (self, words[i]);
        g_array_append_val (ids, id);
      }
  csp_record_set_partner_ids (record, (const gint64 *) (gpointer) ids->data, ids->len);
}

/* Each staged change through the store, over the version the check read. */
static gboolean
update_changed (CspImport *self, GCancellable *cancellable, GError **error)
{
  const CspTableInfo *info = self->info;
  g_autoptr (GString) sql = g_string_new ("SELECT existing_id, existing_version, partner_ids");
  g_autoptr (CspStatement) stmt = NULL;
  CspStep step;

  for (guint c = 0; c < info->n_columns; c++)
    g_string_append_printf (sql, ", %s", info->columns[c].name);
  g_string_append_printf (sql, " FROM %s WHERE k IS NULL ORDER BY n",
                          csp_import_stage_get_table (self->stage));
  stmt = csp_database_prepare (self->database, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      g_autoptr (CspRecord) stored = NULL;
      g_autoptr (CspRecord) record = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      stored =
          csp_store_get (self->store, self->record_type, csp_statement_get_int64 (stmt, 0), error);
      if (stored == NULL)
        return FALSE;
      record = csp_record_copy (stored);
      for (guint c = 0; c < info->n_columns; c++)
        set_staged_value (self, record, &info->columns[c],
                          csp_statement_is_null (stmt, 3 + (int) c)
                              ? NULL
                              : csp_statement_get_text (stmt, 3 + (int) c));
      if (info->partner_table != NULL)
        set_staged_partners (self, record, csp_statement_get_text (stmt, 2));
      /* Someone who saved the record since the check wins. */
      csp_record_set_version (record, csp_statement_get_int64 (stmt, 1));
      if (!csp_store_update (self->store, record, error))
        return FALSE;
      g_ptr_array_add (self->written.before, g_steal_pointer (&stored));
      g_ptr_array_add (self->written.after, g_steal_pointer (&record));
    }
  return step == CSP_STEP_DONE;
}

/* The audit entry */

static JsonNode *
describe_import (CspImport *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *sha256 = csp_csv_reader_get_sha256 (self->reader);
  g_autofree char *mapping = csp_import_mapping_to_json (self->mapping);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "import");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, self->display_name);
  json_builder_set_member_name (builder, "sha256");
  json_builder_add_string_value (builder, sha256);
  json_builder_set_member_name (builder, "mapping");
  json_builder_add_value (builder, json_from_string (mapping, NULL));
  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, self->summary.n_rows);
  json_builder_set_member_name (builder, "rejected");
  json_builder_add_int_value (builder, self->summary.n_rejected);
  json_builder_set_member_name (builder, "inserted");
  json_builder_add_int_value (builder, self->summary.n_inserted);
  json_builder_set_member_name (builder, "updated");
  json_builder_add_int_value (builder, self->summary.n_updated);
  json_builder_set_member_name (builder, "unchanged");
  json_builder_add_int_value (builder, self->summary.n_unchanged);
  json_builder_set_member_name (builder, "created");
  json_builder_add_int_value (builder, self->summary.n_created);
  json_builder_end_object (builder);
  /* The ids added are one block: [first, last]. */
  json_builder_set_member_name (builder, "ids");
  json_builder_begin_array (builder);
  if (self->written.n_added > 0)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, self->written.first_id);
      json_builder_add_int_value (builder, self->written.first_id + self->written.n_added - 1);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
audit_import (CspImport *self, GError **error)
{
  g_autoptr (JsonNode) root = describe_import (self);
  g_autofree char *changes = json_to_string (root, FALSE);

  return csp_audit_log_add_bulk (self->database, self->info->table, "insert", changes, error);
}

/* Writes what the check staged; the caller holds the transaction. */
static gboolean
write_staged (CspImport *self, double from, CspImportProgressFunc progress, gpointer user_data,
              GCancellable *cancellable, GError **error)
{
  guint n_new = csp_import_stage_get_n_new (self->stage);
  double last = -1.0;

  self->summary.n_created = 0;
  self->summary.n_updated = 0;
  if (!make_unknowns (self, error))
    return FALSE;
  if (n_new > 0)
    {
      if (!reserve_ids (self, n_new, &self->written.first_id, error) ||
          !insert_new (self, self->written.first_id, error))
        return FALSE;
      self->written.n_added = n_new;
    }
  csp_import_report_progress (from + (1.0 - from) * 0.8, &last, progress, user_data);
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !update_changed (self, cancellable, error))
    return FALSE;
  self->summary.n_inserted = n_new;
  self->summary.n_updated = self->written.after->len;
  if ((n_new > 0 || self->summary.n_created > 0) && !audit_import (self, error))
    return FALSE;
  csp_import_report_progress (1.0, &last, progress, user_data);
  /* A cancel that came while writing still leaves nothing written. */
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* On a server, other writers of the table wait until this commits; on a
 * file, the transaction already holds the write lock. */
static gboolean
lock_table (CspImport *self, GError **error)
{
  return !is_postgresql (self) ||
         exec_printf (self, error, "LOCK TABLE %s IN SHARE ROW EXCLUSIVE MODE", self->info->table);
}

/**
 * csp_import_write:
 * @flags: %CSP_IMPORT_SKIP_INVALID to write the valid rows when some are
 *   rejected, %CSP_IMPORT_DRY_RUN to roll everything back at the end
 * @progress: (nullable) (scope call): told how far the import is
 *
 * Writes the file's records in one transaction. The check runs first, in
 * the same transaction, unless csp_import_check() ran since the last
 * change and the database is as it saw it: its staged records are then
 * written as they are, set-based. New records are audited as one entry
 * for the import (the file, its SHA-256, the mapping, the counts and the
 * ids added); each record changed has its own entry, as an edit has. Without
 * %CSP_IMPORT_SKIP_INVALID nothing is written if any row is rejected.
 *
 * Returns: %FALSE if nothing was written: rows were rejected
 *   (%CSP_IMPORT_ERROR_REJECTED; the problems list them), or as
 *   csp_import_check() fails, or cancelled
 */
gboolean
csp_import_write (CspImport *self, CspImportFlags flags, CspImportProgressFunc progress,
                  gpointer user_data, GCancellable *cancellable, GError **error)
{
  g_autofree char *state = NULL;
  double from = 0.0;
  gboolean ok;

  g_return_val_if_fail (CSP_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (self->reader != NULL, FALSE);

  written_clear (&self->written);
  g_ptr_array_set_size (self->made, 0);
  csp_import_set_temp_on_disk (self, TRUE);
  if (!csp_store_begin_batch (self->store, error))
    return FALSE;
  /* Inside the transaction, nothing can change between check and write. */
  if (!lock_table (self, error) || (state = csp_import_database_state (self, error)) == NULL)
    {
      csp_store_rollback_batch (self->store);
      return FALSE;
    }
  if (!self->checked || self->stage == NULL || g_strcmp0 (state, self->checked_state) != 0)
    {
      g_debug ("Checking “%s” again: %s", self->display_name,
               self->checked ? "the database changed since the check" : "not checked yet");
      self->checked = FALSE;
      ok = csp_import_run_pass (self, 0.0, 0.5, progress, user_data, cancellable, error);
      csp_import_clear_pass (self);
      if (!ok)
        {
          csp_store_rollback_batch (self->store);
          return FALSE;
        }
      self->checked = TRUE;
      from = 0.5;
    }
  if (self->summary.n_rejected > 0 && !(flags & CSP_IMPORT_SKIP_INVALID))
    {
      csp_store_rollback_batch (self->store);
      g_set_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_REJECTED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s”: %u row was rejected, so nothing was imported",
                                "“%s”: %u rows were rejected, so nothing was imported",
                                self->summary.n_rejected),
                   self->display_name, self->summary.n_rejected);
      return FALSE;
    }

  ok = write_staged (self, from, progress, user_data, cancellable, error);
  csp_import_clear_pass (self);
  if (!ok || (flags & CSP_IMPORT_DRY_RUN))
    csp_store_rollback_batch (self->store);
  else
    ok = csp_store_commit_batch (self->store, error);
  if (!ok || (flags & CSP_IMPORT_DRY_RUN))
    {
      csp_import_forget_created (self);
      written_clear (&self->written);
      g_ptr_array_set_size (self->made, 0);
    }
  /* What the database holds now differs from what was checked. */
  self->checked = FALSE;
  /* The staging is done with: everyday edits keep their journals in memory. */
  csp_import_set_temp_on_disk (self, FALSE);
  return ok;
}

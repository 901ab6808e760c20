/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-import-private.h"

/* Setting up a pass */

int
csp_import_find_target (CspImport *self, const char *name)
{
  for (guint i = 0; i < self->n_targets; i++)
    if (g_str_equal (self->targets[i].name, name))
      return (int) i;
  return -1;
}

static gboolean
set_up_pass (CspImport *self, GError **error)
{
  const char *const *headers = csp_csv_reader_get_headers (self->reader);

  csp_import_clear_pass (self);
  /* The second pass reads the file the first found in order. */
  if (!csp_import_mapping_check (self->mapping, headers, error) ||
      (!self->second_pass && !csp_import_check_date_order (self, error)))
    return FALSE;

  self->values = g_new0 (GValue, self->n_targets);
  self->given = g_new0 (gboolean, self->n_targets);
  self->target_column = g_new (int, self->n_targets);
  self->column_target = g_new (int, self->info->n_columns);
  for (guint i = 0; i < self->n_targets; i++)
    self->target_column[i] = -1;
  for (guint i = 0; i < self->info->n_columns; i++)
    self->column_target[i] = -1;
  for (guint c = 0; headers[c] != NULL; c++)
    {
      const char *target = csp_import_mapping_get_target (self->mapping, headers[c]);
      int index = target != NULL ? csp_import_find_target (self, target) : -1;
      if (index >= 0)
        self->target_column[index] = (int) c;
    }
  for (guint t = 0; t < self->n_targets; t++)
    {
      const char *column = self->targets[t].column;

      if (column == NULL || self->targets[t].kind == CSP_IMPORT_TARGET_METRIC_VALUE)
        continue;
      for (guint c = 0; c < self->info->n_columns; c++)
        if (g_str_equal (self->info->columns[c].name, column) && self->column_target[c] < 0)
          self->column_target[c] = (int) t;
    }

  self->lookup = csp_import_lookup_new (self->database, error);
  if (self->lookup == NULL)
    return FALSE;
  self->resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return csp_import_keys_open (self, error);
}

void
csp_import_clear_pass (CspImport *self)
{
  if (self->values != NULL)
    for (guint i = 0; i < self->n_targets; i++)
      if (G_IS_VALUE (&self->values[i]))
        g_value_unset (&self->values[i]);
  g_clear_pointer (&self->values, g_free);
  g_clear_pointer (&self->given, g_free);
  g_clear_pointer (&self->target_column, g_free);
  g_clear_pointer (&self->column_target, g_free);
  g_clear_pointer (&self->lookup, csp_import_lookup_free);
  g_clear_pointer (&self->resolved, g_hash_table_unref);
  /* A pass that stopped midway: the keys it loaded are not used. */
  if (self->keys != NULL)
    csp_load_end (g_steal_pointer (&self->keys), NULL);
  g_clear_pointer (&self->seen_keys, g_hash_table_unref);
  g_clear_error (&self->fatal);
}

void
csp_import_report_progress (double fraction, double *last, CspImportProgressFunc progress,
                            gpointer user_data)
{
  if (progress != NULL && (fraction - *last >= 0.01 || fraction >= 1.0))
    {
      *last = fraction;
      progress (fraction, user_data);
    }
}

/* One pass over the file: reads and checks every row, staging the
 * records that writing would add or change (csp-import-stage.c). */
static gboolean
run_one_pass (CspImport *self, double progress_from, double progress_to,
              CspImportProgressFunc progress, gpointer user_data, GCancellable *cancellable,
              GError **error)
{
  guint skip = 0;
  double last = -1.0;

  if (!set_up_pass (self, error) || !csp_import_stage_open (self, error))
    return FALSE;

  g_array_set_size (self->problems, 0);
  g_ptr_array_set_size (self->unknowns, 0);
  for (guint i = 0; i < self->all_unknowns->len; i++)
    ((Unknown *) g_ptr_array_index (self->all_unknowns, i))->seen = FALSE;
  memset (&self->summary, 0, sizeof self->summary);
  self->n_total_rows = 0;
  csp_import_months_clear (self);

  csp_csv_reader_rewind (self->reader);
  skip = csp_import_mapping_get_skip_rows (self->mapping);
  for (;;)
    {
      gboolean has_row = FALSE;
      Row row = { 0 };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!csp_csv_reader_read_row (self->reader, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      if (skip > 0)
        {
          skip--;
          continue;
        }

      row.line = csp_csv_reader_get_line (self->reader);
      self->summary.n_rows++;
      if (csp_import_reject_bad_bytes (self, &row))
        continue;

      csp_import_clear_values (self);
      if (!(csp_import_months_apply (self)     ? csp_import_months_add_row (self, &row)
            : self->kind == CSP_IMPORT_METRICS ? csp_import_process_metric_row (self, &row)
                                               : csp_import_process_record_row (self, &row)))
        {
          g_propagate_error (error, g_steal_pointer (&self->fatal));
          return FALSE;
        }
      if (!csp_import_stage_row (self, &row, error))
        return FALSE;
      csp_import_report_progress (progress_from + (progress_to - progress_from) *
                                                      csp_csv_reader_get_fraction (self->reader),
                                  &last, progress, user_data);
    }
  if (csp_import_months_apply (self) && !csp_import_months_finish (self, error))
    return FALSE;
  if (!csp_import_stage_close (self, error))
    return FALSE;
  csp_import_report_progress (progress_to, &last, progress, user_data);
  return TRUE;
}

/* Reads and checks every row, staging the records that writing would add
 * or change. The first pass looks up no natural key; when the file's
 * keys (as it loaded them) match stored records or repeat, a second pass
 * looks up those rows and rejects the repeats, so that a file of new
 * records costs no query per row. */
gboolean
csp_import_run_pass (CspImport *self, double progress_from, double progress_to,
                     CspImportProgressFunc progress, gpointer user_data, GCancellable *cancellable,
                     GError **error)
{
  double middle = progress_from + (progress_to - progress_from) * 0.9;
  gboolean again = FALSE;
  gboolean ok;

  csp_import_keys_clear (self);
  ok = run_one_pass (self, progress_from, middle, progress, user_data, cancellable, error) &&
       csp_import_keys_close (self, &again, error);
  if (ok && again)
    {
      g_debug ("“%s”: %s stored records, %u keys repeat: checking the rows again",
               self->display_name, self->any_stored ? "matches" : "matches no",
               g_hash_table_size (self->repeated));
      self->second_pass = TRUE;
      ok = run_one_pass (self, middle, progress_to, progress, user_data, cancellable, error);
    }
  else if (ok)
    {
      double last = -1.0;
      csp_import_report_progress (progress_to, &last, progress, user_data);
    }
  csp_import_keys_clear (self);
  return ok;
}

/* Counts what writing the record would do, and keeps it for staging
 * unless it leaves the stored record as it is. */
void
csp_import_predict (CspImport *self, Row *row, CspRecord *record, CspRecord *stored)
{
  if (row->rejected)
    return;
  if (stored == NULL)
    self->summary.n_inserted++;
  else if (csp_record_same_values (record, stored))
    {
      self->summary.n_unchanged++;
      return;
    }
  else
    self->summary.n_updated++;
  g_ptr_array_add (self->pending, g_object_ref (record));
  g_ptr_array_add (self->pending_stored, stored != NULL ? g_object_ref (stored) : NULL);
}

/* What identifies the database's contents, as text to compare. SQLite:
 * commits of other connections move data_version, changes of this one
 * total_changes(). PostgreSQL: the snapshot names every transaction that
 * has ended (committed or not) and every one still running, so an equal
 * snapshot sees the same data; any write since, here or elsewhere, moves
 * it. */
char *
csp_import_database_state (CspImport *self, GError **error)
{
  g_autoptr (CspStatement) stmt = csp_database_prepare (
      self->database,
      csp_database_pick_sql (self->database,
                             "SELECT CAST(data_version AS TEXT) || '/' || "
                             "CAST(total_changes() AS TEXT) FROM pragma_data_version",
                             "SELECT CAST(count(*) AS TEXT) FROM audit_log"),
      error);
  g_autofree char *state = NULL;
  CspStep step;

  if (stmt == NULL)
    return NULL;
  step = csp_statement_step (stmt, error);
  if (step == CSP_STEP_FAILED)
    return NULL;
  /* A query of one row always has it. */
  g_assert (step == CSP_STEP_ROW);
  state = g_strdup (csp_statement_get_text (stmt, 0));
  if (!csp_statement_run (stmt, error))
    return NULL;
  return g_steal_pointer (&state);
}

/* Where a file's connection keeps temporary tables and statement
 * journals: in memory, as it does for the savepoints of everyday edits
 * (csp-sqlite-backend.c), or in temporary files, so that an import's
 * staging and its INSERTs of a million rows do not take memory in
 * proportion. Changing it drops the temporary tables, so the staging is
 * on files from a check to its write. SQLite changes it outside a
 * transaction only. */
void
csp_import_set_temp_on_disk (CspImport *self, gboolean on_disk)
{
  g_autoptr (GError) error = NULL;

  if (csp_database_get_engine (self->database) != CSP_ENGINE_SQLITE)
    return;
  /* Inside a caller's transaction it stays as it is: that costs memory,
   * never the import. */
  if (!csp_database_exec (self->database,
                          on_disk ? "PRAGMA temp_store = FILE" : "PRAGMA temp_store = MEMORY",
                          &error))
    g_debug ("Temporary tables stay where they are: %s", error->message);
}

/**
 * csp_import_check:
 * @progress: (nullable) (scope call): told how far the check is
 *
 * Reads and validates every row without writing anything: afterwards
 * csp_import_get_problems() lists each problem of each rejected row,
 * csp_import_get_unknowns() the names that match nothing, and the summary
 * how many rows there are, how many were rejected, and how many records a
 * write would add, update and leave unchanged.
 *
 * Returns: %FALSE if the check could not run: the file is malformed
 *   (%CSP_CSV_ERROR), the mapping lacks a field every record needs
 *   (%CSP_IMPORT_ERROR_MAPPING), it was cancelled, or the database failed.
 *   Rejected rows are not a failure.
 */
gboolean
csp_import_check (CspImport *self, CspImportProgressFunc progress, gpointer user_data,
                  GCancellable *cancellable, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (CSP_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (self->reader != NULL, FALSE);

  self->checked = FALSE;
  g_clear_pointer (&self->checked_state, g_free);
  /* One transaction, so that the check reads one state of the database
   * and its staging is written once. */
  csp_import_set_temp_on_disk (self, TRUE);
  if (!csp_database_begin (self->database, error))
    return FALSE;
  ok = csp_import_run_pass (self, 0.0, 1.0, progress, user_data, cancellable, error);
  csp_import_clear_pass (self);
  if (!ok)
    csp_database_rollback (self->database);
  else
    ok = csp_database_commit (self->database, error) &&
         (self->checked_state = csp_import_database_state (self, error)) != NULL;
  self->checked = ok;
  return ok;
}

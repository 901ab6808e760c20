/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-import-private.h"

/* One import of one CSV file, in the steps an assistant takes: open (the
 * encoding and separator are detected and the columns mapped by name),
 * preview, adjust the mapping, check (every row is read and validated and
 * the names that match nothing are listed), decide about those names, and
 * write. Check and write can run in a thread (the _async variants) and
 * report progress; a GCancellable stops them, and a stopped write leaves
 * the database as it was.
 *
 * Records go through the store, so an imported record meets every rule a
 * typed one does, and is audited and indexed for search the same way. The
 * write is one transaction: all rows or none, or with
 * CSP_IMPORT_SKIP_INVALID all valid rows.
 *
 * Each kind has a natural key, so that importing a file again updates what
 * it imported before instead of adding it twice:
 *   activities  title + start date + lead partner
 *   actions     the plan (of the priority) + reference
 *   metrics     the metric (channel + kind) + month
 * A row whose key matches a stored record updates it, or leaves it alone
 * if nothing differs; fields the file has no column for keep their values.
 * Two rows of one file with the same key are a mistake in the file: the
 * second is rejected.
 *
 * Nothing is lost or garbled without a word: a row holding bytes that are
 * not UTF-8 (in a file that otherwise is) is rejected by line and
 * character, a value longer than its field's limit by line and column,
 * and the columns the mapping leaves out are listed
 * (csp_import_get_column_notes()). */

G_DEFINE_FINAL_TYPE (CspImport, csp_import, G_TYPE_OBJECT)

static void
unknown_free (Unknown *unknown)
{
  g_free (unknown->public.name);
  g_free (unknown->public.context);
  g_free (unknown->key);
  g_free (unknown);
}

static void
problem_clear (CspImportProblem *problem)
{
  g_free (problem->column);
  g_free (problem->message);
}

static void
column_note_clear (CspImportColumnNote *note)
{
  g_free (note->header);
  g_free (note->message);
}

static void
unref_nullable (gpointer record)
{
  if (record != NULL)
    g_object_unref (record);
}

static void
csp_import_finalize (GObject *object)
{
  CspImport *self = CSP_IMPORT (object);

  csp_import_clear_pass (self);
  csp_import_keys_clear (self);
  g_clear_object (&self->store);
  g_clear_object (&self->database);
  g_clear_object (&self->reader);
  g_clear_object (&self->mapping);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_object (&self->file);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->unknowns, g_ptr_array_unref);
  g_clear_pointer (&self->unknown_by_key, g_hash_table_unref);
  g_clear_pointer (&self->all_unknowns, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_array_unref);
  g_clear_pointer (&self->column_notes, g_array_unref);
  g_clear_pointer (&self->months, g_ptr_array_unref);
  g_clear_pointer (&self->month_by_key, g_hash_table_unref);
  g_clear_pointer (&self->first_date, g_free);
  g_clear_pointer (&self->last_date, g_free);
  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_clear_pointer (&self->pending_stored, g_ptr_array_unref);
  g_clear_pointer (&self->stage, csp_import_stage_free);
  g_clear_pointer (&self->made, g_ptr_array_unref);
  g_clear_pointer (&self->written.before, g_ptr_array_unref);
  g_clear_pointer (&self->written.after, g_ptr_array_unref);
  g_clear_pointer (&self->checked_state, g_free);

  G_OBJECT_CLASS (csp_import_parent_class)->finalize (object);
}

static void
csp_import_class_init (CspImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csp_import_finalize;
}

static void
csp_import_init (CspImport *self)
{
  self->all_unknowns = g_ptr_array_new_with_free_func ((GDestroyNotify) unknown_free);
  self->unknown_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->unknowns = g_ptr_array_new ();
  self->problems = g_array_new (FALSE, TRUE, sizeof (CspImportProblem));
  g_array_set_clear_func (self->problems, (GDestroyNotify) problem_clear);
  self->column_notes = g_array_new (FALSE, TRUE, sizeof (CspImportColumnNote));
  g_array_set_clear_func (self->column_notes, (GDestroyNotify) column_note_clear);
  self->pending = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending_stored = g_ptr_array_new_with_free_func (unref_nullable);
  self->made = g_ptr_array_new_with_free_func (g_object_unref);
  self->written.before = g_ptr_array_new_with_free_func (g_object_unref);
  self->written.after = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * csp_import_new:
 * @kind: what the file holds
 *
 * Returns: (transfer full): an import into @store, with no file yet
 */
CspImport *
csp_import_new (CspStore *store, CspImportKind kind)
{
  CspImport *self;

  g_return_val_if_fail (CSP_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < CSP_IMPORT_N_KINDS, NULL);

  self = g_object_new (CSP_TYPE_IMPORT, NULL);
  self->store = g_object_ref (store);
  self->database = g_object_ref (csp_store_get_database (store));
  self->kind = kind;
  self->record_type = csp_import_kind_get_record_type (kind);
  self->info = csp_record_type_get_info (self->record_type);
  self->targets = csp_import_kind_get_targets (kind, &self->n_targets);
  g_assert (self->info->n_columns <= 64);
  return self;
}

CspImportKind
csp_import_get_kind (CspImport *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT (self), CSP_IMPORT_ACTIVITIES);
  return self->kind;
}

/**
 * csp_import_invalidate:
 *
 * Forgets the last check, e.g. after the database changed: the next write
 * checks again.
 */
void
csp_import_invalidate (CspImport *self)
{
  g_return_if_fail (CSP_IS_IMPORT (self));
  self->checked = FALSE;
}

static gboolean
load_reader (CspImport *self, GError **error)
{
  char separator = self->mapping != NULL ? csp_import_mapping_get_separator (self->mapping) : 0;
  g_autoptr (CspCsvReader) reader =
      self->file != NULL
          ? csp_csv_reader_new_for_file (self->file, separator, NULL, error)
          : csp_csv_reader_new (self->contents, self->display_name, separator, error);

  if (reader == NULL)
    return FALSE;
  g_set_object (&self->reader, reader);
  if (self->mapping == NULL)
    {
      self->mapping = csp_import_mapping_new (self->kind);
      csp_import_guess_unmapped (self);
    }
  self->checked = FALSE;
  return TRUE;
}

/**
 * csp_import_open_bytes:
 * @contents: the file's bytes
 * @display_name: how messages name the file
 *
 * Reads the file's header, detecting its encoding and separator. Unless a
 * mapping was set, the columns are mapped by their names and values
 * (csp_import_guess_unmapped()).
 *
 * Returns: %FALSE with %CSP_CSV_ERROR if the file cannot be read as CSV
 */
gboolean
csp_import_open_bytes (CspImport *self, GBytes *contents, const char *display_name, GError **error)
{
  g_return_val_if_fail (CSP_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);

  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_object (&self->file);
  g_free (self->display_name);
  self->contents = g_bytes_ref (contents);
  self->display_name = g_strdup (display_name);
  return load_reader (self, error);
}

/**
 * csp_import_open:
 *
 * As csp_import_open_bytes(), reading @file in chunks as the rows are
 * read (csp_csv_reader_new_for_file()), so that a file of a million rows
 * takes no more memory than a small one.
 */
gboolean
csp_import_open (CspImport *self, GFile *file, GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (CSP_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_set_object (&self->file, file);
  g_free (self->display_name);
  self->display_name = g_file_get_parse_name (file);
  return load_reader (self, error);
}

/**
 * csp_import_get_reader:
 *
 * Returns: (transfer none) (nullable): the open file: its encoding,
 *   separator and column names
 */
CspCsvReader *
csp_import_get_reader (CspImport *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT (self), NULL);
  return self->reader;
}

static void
preview_row_free (CspImportPreviewRow *row)
{
  g_strfreev (row->fields);
  g_free (row->problem);
  g_free (row);
}

/**
 * csp_import_preview:
 * @max_rows: how many rows at most
 *
 * The first data rows as they are in the file (rows the mapping skips
 * included), for a person to see what each column holds, with the line
 * each starts on. A row with more or fewer values than the header names
 * columns is among them, with its problem: it does not stop the rows
 * after it.
 *
 * Returns: (transfer full) (element-type CspImportPreviewRow): the rows,
 *   or %NULL with @error set if the file is malformed before @max_rows rows
 */
GPtrArray *
csp_import_preview (CspImport *self, guint max_rows, GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) preview_row_free);
  gboolean has_row = FALSE;
  guint n_columns;

  g_return_val_if_fail (CSP_IS_IMPORT (self), NULL);
  g_return_val_if_fail (self->reader != NULL, NULL);

  n_columns = csp_csv_reader_get_n_columns (self->reader);
  csp_csv_reader_rewind (self->reader);
  while (rows->len < max_rows)
    {
      CspImportPreviewRow *row;

      if (!csp_csv_reader_read_row (self->reader, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      row = g_new0 (CspImportPreviewRow, 1);
      row->line = csp_csv_reader_get_line (self->reader);
      row->problem = g_strdup (csp_csv_reader_get_row_problem (self->reader));
      row->fields = g_new0 (char *, n_columns + 1);
      for (guint i = 0; i < n_columns; i++)
        row->fields[i] = g_strdup (csp_csv_reader_get_field (self->reader, i));
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

/**
 * csp_import_get_mapping:
 *
 * The mapping in use: guessed from the columns' names and values when the
 * file was opened, unless one was set. Changes to it count from the next check;
 * call csp_import_invalidate() after changing it.
 *
 * Returns: (transfer none) (nullable): the mapping
 */
CspImportMapping *
csp_import_get_mapping (CspImport *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT (self), NULL);
  return self->mapping;
}

/**
 * csp_import_set_mapping:
 * @mapping: of the import's kind, e.g. one saved for the file's source
 *
 * Uses @mapping from now on. If it names the separator of its source, an
 * open file is read again with that separator.
 *
 * Returns: %FALSE if the file cannot be read with the mapping's separator
 */
gboolean
csp_import_set_mapping (CspImport *self, CspImportMapping *mapping, GError **error)
{
  g_return_val_if_fail (CSP_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (mapping), FALSE);
  g_return_val_if_fail (csp_import_mapping_get_kind (mapping) == self->kind, FALSE);

  g_set_object (&self->mapping, mapping);
  self->checked = FALSE;
  if (self->reader != NULL && csp_import_mapping_get_separator (mapping) != 0 &&
      csp_import_mapping_get_separator (mapping) != csp_csv_reader_get_separator (self->reader))
    return load_reader (self, error);
  return TRUE;
}

/**
 * csp_import_set_create_unknown:
 *
 * Whether partners, channels and priorities the file names but the
 * database lacks start out to be made (%CSP_IMPORT_RESOLVE_CREATE) rather
 * than undecided.
 */
void
csp_import_set_create_unknown (CspImport *self, gboolean create_unknown)
{
  g_return_if_fail (CSP_IS_IMPORT (self));

  self->create_unknown = create_unknown;
  for (guint i = 0; i < self->all_unknowns->len; i++)
    {
      Unknown *unknown = g_ptr_array_index (self->all_unknowns, i);
      if (create_unknown && unknown->public.resolution == CSP_IMPORT_RESOLVE_NONE)
        unknown->public.resolution = CSP_IMPORT_RESOLVE_CREATE;
    }
  self->checked = FALSE;
}

/**
 * csp_import_get_unknowns:
 *
 * Returns: (transfer none) (element-type CspImportUnknown): the names the
 *   last check found no row for, in the order the file first names them
 */
GPtrArray *
csp_import_get_unknowns (CspImport *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT (self), NULL);
  return self->unknowns;
}

/**
 * csp_import_resolve:
 * @unknown: one of csp_import_get_unknowns()
 * @id: for %CSP_IMPORT_RESOLVE_MAP, the existing row the name stands for
 *
 * Decides what to do about a name. A partner or channel name mapped to an
 * existing one is also remembered in the mapping
 * (csp_import_mapping_set_alias()), so that when the mapping is saved the
 * next file from the same source needs no decision. (Priorities change
 * from plan to plan, so they are not remembered.)
 */
void
csp_import_resolve (CspImport *self, CspImportUnknown *unknown, CspImportResolution resolution,
                    gint64 id)
{
  Unknown *internal = (Unknown *) unknown;

  g_return_if_fail (CSP_IS_IMPORT (self));
  g_return_if_fail (unknown != NULL);
  g_return_if_fail (g_ptr_array_find (self->all_unknowns, internal, NULL));
  g_return_if_fail (resolution != CSP_IMPORT_RESOLVE_MAP || id > 0);

  unknown->resolution = resolution;
  unknown->id = resolution == CSP_IMPORT_RESOLVE_MAP ? id : 0;
  if (g_str_equal (unknown->table, "partner") || g_str_equal (unknown->table, "channel"))
    csp_import_mapping_set_alias (self->mapping, unknown->table, unknown->name,
                                  resolution == CSP_IMPORT_RESOLVE_MAP ? id : 0);
  self->checked = FALSE;
}

/**
 * csp_import_get_problems:
 * @n_problems: (out): how many
 *
 * Returns: (transfer none) (array length=n_problems): every problem of the
 *   rejected rows, in the order of the file
 */
const CspImportProblem *
csp_import_get_problems (CspImport *self, guint *n_problems)
{
  g_return_val_if_fail (CSP_IS_IMPORT (self), NULL);
  g_return_val_if_fail (n_problems != NULL, NULL);

  *n_problems = self->problems->len;
  return (const CspImportProblem *) (gpointer) self->problems->data;
}

/**
 * csp_import_get_summary:
 *
 * Returns: (transfer none): the counts of the last check or write
 */
const CspImportSummary *
csp_import_get_summary (CspImport *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT (self), NULL);
  return &self->summary;
}

/**
 * csp_import_remember:
 * @history: the session's history
 *
 * Makes the last write one step of @history's undo: undoing it removes
 * the records it added (and the partners, channels, priorities and
 * metrics it made for the file's names) and restores those it changed,
 * unless a colleague has changed one of them since. Nothing happens when
 * the last write wrote nothing (or was a dry run).
 */
void
csp_import_remember (CspImport *self, CspHistory *history)
{
  g_return_if_fail (CSP_IS_IMPORT (self));
  g_return_if_fail (CSP_IS_HISTORY (history));

  if (self->written.n_added == 0 && self->made->len == 0 && self->written.after->len == 0)
    return;
  csp_history_push_import (history, self->display_name, self->record_type, self->written.first_id,
                           self->written.n_added, self->made, self->written.before,
                           self->written.after);
}

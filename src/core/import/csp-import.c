/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-import-lookup.h"
#include "csp-import-value.h"
#include "csp-import.h"
#include "csp-records.h"

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

typedef struct _Unknown Unknown;

struct _Unknown
{
  CspImportUnknown public; /* first, so that a pointer to it is one to this */
  char *key;
  gint64 scope; /* the plan of a priority, the channel of a metric; 0 if unknown */
  Unknown *parent;
  const char *kind; /* of a metric */
  guint index;
  gboolean seen;
};

/* Ids that stand for rows still to be made, while checking. */
#define PLACEHOLDER_BASE (G_GINT64_CONSTANT (1) << 60)

typedef struct
{
  guint line;
  gboolean rejected;
  guint64 bad_columns;
} Row;

struct _CspImport
{
  GObject parent_instance;

  CspStore *store;
  CspDatabase *database;
  CspImportKind kind;
  GType record_type;
  const CspTableInfo *info;
  const CspImportTarget *targets;
  guint n_targets;

  GBytes *contents;
  char *display_name;
  CspCsvReader *reader;
  CspImportMapping *mapping;
  gboolean create_unknown;

  /* Set up for each pass */
  int *target_column; /* per target: the CSV column, or -1 */
  GValue *values;     /* per target: the value read from the current row */
  gboolean *given;    /* per target: whether the row (or a default) gives it */
  int *column_target; /* per record column: the target that fills it, or -1 */
  CspImportLookup *lookup;
  CspStatement *find_stmt;
  GHashTable *seen_keys; /* natural key -> first line */
  gboolean writing;
  GError *fatal;

  GPtrArray *all_unknowns; /* Unknown *, owned */
  GHashTable *unknown_by_key;
  GPtrArray *unknowns; /* those the last check met */
  GArray *problems;
  GArray *column_notes;
  GHashTable *rejected_lines;
  GHashTable *unchanged_lines; /* line -> records the row holds as stored */
  CspImportSummary summary;
  gboolean checked;
  char *checked_state; /* the database as the last check saw it */
};

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
clear_pass (CspImport *self)
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
  g_clear_pointer (&self->find_stmt, csp_statement_free);
  g_clear_pointer (&self->seen_keys, g_hash_table_unref);
  g_clear_error (&self->fatal);
}

static void
csp_import_finalize (GObject *object)
{
  CspImport *self = CSP_IMPORT (object);

  clear_pass (self);
  g_clear_object (&self->store);
  g_clear_object (&self->database);
  g_clear_object (&self->reader);
  g_clear_object (&self->mapping);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->unknowns, g_ptr_array_unref);
  g_clear_pointer (&self->unknown_by_key, g_hash_table_unref);
  g_clear_pointer (&self->all_unknowns, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_array_unref);
  g_clear_pointer (&self->column_notes, g_array_unref);
  g_clear_pointer (&self->rejected_lines, g_hash_table_unref);
  g_clear_pointer (&self->unchanged_lines, g_hash_table_unref);
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
  self->rejected_lines = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->unchanged_lines = g_hash_table_new (g_direct_hash, g_direct_equal);
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
      csp_csv_reader_new (self->contents, self->display_name, separator, error);

  if (reader == NULL)
    return FALSE;
  g_set_object (&self->reader, reader);
  if (self->mapping == NULL)
    self->mapping =
        csp_import_mapping_new_guessed (self->kind, csp_csv_reader_get_headers (self->reader));
  self->checked = FALSE;
  return TRUE;
}

/**
 * csp_import_open_bytes:
 * @contents: the file's bytes
 * @display_name: how messages name the file
 *
 * Reads the file's header, detecting its encoding and separator. Unless a
 * mapping was set, the columns are mapped by their names.
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
  g_free (self->display_name);
  self->contents = g_bytes_ref (contents);
  self->display_name = g_strdup (display_name);
  return load_reader (self, error);
}

/**
 * csp_import_open:
 *
 * csp_import_open_bytes() with the contents of @file.
 */
gboolean
csp_import_open (CspImport *self, GFile *file, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GBytes) contents = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CSP_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_size (info) > CSP_CSV_MAX_SIZE)
    {
      g_autofree char *size = g_format_size ((guint64) g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (CSP_CSV_MAX_SIZE);

      g_set_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_TOO_LARGE,
                   _ ("“%s” is too large to import (%s; the limit is %s)"), name, size, limit);
      return FALSE;
    }
  contents = g_file_load_bytes (file, cancellable, NULL, error);
  return contents != NULL && csp_import_open_bytes (self, contents, name, error);
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

/**
 * csp_import_preview:
 * @max_rows: how many rows at most
 *
 * The first data rows as they are in the file (rows the mapping skips
 * included), for a person to see what each column holds.
 *
 * Returns: (transfer full) (element-type GStrv): the rows, or %NULL with
 *   @error set if the file is malformed before @max_rows rows
 */
GPtrArray *
csp_import_preview (CspImport *self, guint max_rows, GError **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gboolean has_row = FALSE;
  guint n_columns;

  g_return_val_if_fail (CSP_IS_IMPORT (self), NULL);
  g_return_val_if_fail (self->reader != NULL, NULL);

  n_columns = csp_csv_reader_get_n_columns (self->reader);
  csp_csv_reader_rewind (self->reader);
  while (rows->len < max_rows)
    {
      char **fields;

      if (!csp_csv_reader_read_row (self->reader, &has_row, error))
        return NULL;
      if (!has_row)
        break;
      fields = g_new0 (char *, n_columns + 1);
      for (guint i = 0; i < n_columns; i++)
        fields[i] = g_strdup (csp_csv_reader_get_field (self->reader, i));
      g_ptr_array_add (rows, fields);
    }
  return g_steal_pointer (&rows);
}

/**
 * csp_import_get_mapping:
 *
 * The mapping in use: guessed from the column names when the file was
 * opened, unless one was set. Changes to it count from the next check;
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

/* Columns not imported */

/* A header as messages name it: whole, unless a file made it absurdly long. */
static char *
dup_header (const char *header)
{
  if (header == NULL)
    return NULL;
  return strlen (header) <= 200 ? g_strdup (header) : csp_text_dup_excerpt (header);
}

static void
add_column_note (CspImport *self, guint first, guint last, const char *message)
{
  const char *const *headers = csp_csv_reader_get_headers (self->reader);
  int original = csp_csv_reader_get_duplicate_of (self->reader, first);
  CspImportColumnNote note = {
    first + 1,
    last + 1,
    /* A repeated name as the file writes it, not as made unique. */
    dup_header (headers[original >= 0 ? (guint) original : first]),
    g_strdup (message),
  };

  g_array_append_val (self->column_notes, note);
}

/* The field the column fills, or NULL when it is ignored. */
static const CspImportTarget *
column_target (CspImport *self, guint column)
{
  const char *name = csp_import_mapping_get_target (
      self->mapping, csp_csv_reader_get_headers (self->reader)[column]);

  return name != NULL ? csp_import_kind_find_target (self->kind, name) : NULL;
}

/* Notes for a run of ignored columns: each on its own when they are
 * few, else one for them all, so that a file of 10,000 columns has a
 * report a person can read. */
static void
note_ignored (CspImport *self, guint first, guint end)
{
  const char *const *headers = csp_csv_reader_get_headers (self->reader);
  g_autofree char *message = NULL;
  g_autofree char *first_header = NULL;
  g_autofree char *last_header = NULL;

  if (end - first < 3)
    {
      for (guint c = first; c < end; c++)
        add_column_note (self, c, c, _ ("not imported: no field is filled from this column"));
      return;
    }
  first_header = csp_text_dup_excerpt (headers[first]);
  last_header = csp_text_dup_excerpt (headers[end - 1]);
  message = g_strdup_printf (_ ("not imported: no field is filled from these %u columns, “%s” "
                                "to “%s”"),
                             end - first, first_header, last_header);
  add_column_note (self, first, end - 1, message);
}

/**
 * csp_import_get_column_notes:
 * @n_notes: (out): how many
 *
 * The columns of the file that the mapping leaves out: those no field is
 * filled from, and a second column of a name, as when a file has two
 * "Title" columns (the first is the one mapped). Nothing in a file is
 * left out without a word: a report of an import lists these beside the
 * rejected rows. Runs of many ignored columns are one note. They follow
 * the mapping as it is now.
 *
 * Returns: (transfer none) (array length=n_notes): the notes, in the
 *   order of the columns, valid until the next call
 */
const CspImportColumnNote *
csp_import_get_column_notes (CspImport *self, guint *n_notes)
{
  guint n_columns, run = 0;
  gboolean single_value;

  g_return_val_if_fail (CSP_IS_IMPORT (self), NULL);
  g_return_val_if_fail (n_notes != NULL, NULL);

  g_array_set_size (self->column_notes, 0);
  n_columns = self->reader != NULL ? csp_csv_reader_get_n_columns (self->reader) : 0;
  /* Figures come from one Value column, or from a column per metric, not both. */
  single_value = self->kind == CSP_IMPORT_METRICS && self->mapping != NULL &&
                 csp_import_mapping_get_default (self->mapping, "value") != NULL;
  for (guint c = 0; c < n_columns && self->kind == CSP_IMPORT_METRICS; c++)
    {
      const CspImportTarget *target = column_target (self, c);
      single_value = single_value || (target != NULL && g_str_equal (target->name, "value"));
    }
  for (guint c = 0; c < n_columns; c++)
    {
      int original = csp_csv_reader_get_duplicate_of (self->reader, c);
      const CspImportTarget *target = column_target (self, c);
      const CspImportTarget *original_target;
      g_autofree char *message = NULL;

      if (target != NULL && single_value && target->kind == CSP_IMPORT_TARGET_METRIC_VALUE)
        {
          note_ignored (self, run, c);
          run = c + 1;
          message = g_strdup_printf (_ ("not imported: the figures are read from the column "
                                        "that fills %s, so not from a column per metric"),
                                     _ (csp_import_kind_find_target (self->kind, "value")->label));
          add_column_note (self, c, c, message);
          continue;
        }
      if (target != NULL)
        {
          note_ignored (self, run, c);
          run = c + 1;
          continue;
        }
      if (original < 0)
        continue;
      /* A repeated name stands on its own: it may be a mistake in the file. */
      note_ignored (self, run, c);
      run = c + 1;
      original_target = column_target (self, (guint) original);
      if (original_target != NULL)
        message = g_strdup_printf (_ ("not imported: column %d has the same name, and fills %s"),
                                   original + 1, _ (original_target->label));
      else
        message = g_strdup_printf (_ ("not imported: no field is filled from this column "
                                      "(column %d has the same name)"),
                                   original + 1);
      add_column_note (self, c, c, message);
    }
  note_ignored (self, run, n_columns);

  *n_notes = self->column_notes->len;
  return (const CspImportColumnNote *) (gpointer) self->column_notes->data;
}

/* Problems */

static const char *
header_of_target (CspImport *self, int target)
{
  if (target < 0 || self->target_column[target] < 0)
    return NULL;
  return csp_csv_reader_get_headers (self->reader)[self->target_column[target]];
}

static void
add_problem (CspImport *self, Row *row, const char *header, const char *message)
{
  CspImportProblem problem = { row->line, dup_header (header), g_strdup (message) };

  g_array_append_val (self->problems, problem);
  if (!row->rejected)
    {
      row->rejected = TRUE;
      g_hash_table_add (self->rejected_lines, GUINT_TO_POINTER (row->line));
      self->summary.n_rejected++;
    }
}

static void field_problem (CspImport *self, Row *row, int target, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

/* A problem of a field: "Lead partner: there is no partner called “X”". */
static void
field_problem (CspImport *self, Row *row, int target, const char *format, ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: a field's name, then what is wrong with its value */
  message = g_strdup_printf (_ ("%s: %s"), _ (self->targets[target].label), detail);
  add_problem (self, row, header_of_target (self, target), message);
}

/* Setting up a pass */

static int
find_target (CspImport *self, const char *name)
{
  for (guint i = 0; i < self->n_targets; i++)
    if (g_str_equal (self->targets[i].name, name))
      return (int) i;
  return -1;
}

static const char *const find_sql[CSP_IMPORT_N_KINDS] = {
  /* The unary + keeps SQLite from searching by lead partner, which most
   * rows share, rather than by start date. The cast gives PostgreSQL the
   * type of a lead partner bound as NULL. */
  [CSP_IMPORT_ACTIVITIES] = "SELECT id FROM activity WHERE title = ? AND start_date = ? "
                            "AND +lead_partner_id IS NOT DISTINCT FROM CAST(? AS BIGINT) "
                            "ORDER BY id LIMIT 2",
  [CSP_IMPORT_METRICS] = "SELECT id FROM metric_value WHERE metric_id = ? AND month = ? "
                         "ORDER BY id LIMIT 2",
  [CSP_IMPORT_ACTIONS] = "SELECT a.id FROM action a JOIN priority p ON p.id = a.priority_id "
                         "WHERE p.plan_id = ? AND a.ref = ? ORDER BY a.id LIMIT 2",
};

static gboolean
set_up_pass (CspImport *self, gboolean writing, GError **error)
{
  const char *const *headers = csp_csv_reader_get_headers (self->reader);

  clear_pass (self);
  if (!csp_import_mapping_check (self->mapping, headers, error))
    return FALSE;

  self->writing = writing;
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
      int index = target != NULL ? find_target (self, target) : -1;
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
  self->find_stmt = csp_database_prepare (self->database, find_sql[self->kind], error);
  if (self->find_stmt == NULL)
    return FALSE;
  self->seen_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return TRUE;
}

/* Reading the cells of a row */

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The text of a field in the current row: its column's cell, or the
 * mapping's value for it where the cell is empty or there is no column.
 * %NULL when the file says nothing about the field. */
static const char *
cell (CspImport *self, int target)
{
  const char *text = NULL;
  const char *fallback;

  if (target < 0)
    return NULL;
  if (self->target_column[target] >= 0)
    text = csp_csv_reader_get_field (self->reader, (guint) self->target_column[target]);
  if (text == NULL || is_blank (text))
    {
      fallback = csp_import_mapping_get_default (self->mapping, self->targets[target].name);
      if (fallback != NULL)
        return fallback;
    }
  return text;
}

static gboolean
decimal_comma (CspImport *self)
{
  return csp_csv_reader_get_separator (self->reader) == ';';
}

/* Unknown names */

static const char *
static_table (const char *table)
{
  static const char *const tables[] = { "partner", "channel", "priority", "metric" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_str_equal (tables[i], table))
      return tables[i];
  g_assert_not_reached ();
}

static Unknown *
note_unknown (CspImport *self, Row *row, const char *table, gint64 scope, Unknown *parent,
              const char *name, const char *kind)
{
  g_autofree char *folded = csp_import_fold_name (kind != NULL ? kind : name);
  g_autofree char *key = NULL;
  Unknown *unknown;

  if (parent != NULL)
    key = g_strdup_printf ("%s\x1fu%u\x1f%s", table, parent->index, folded);
  else
    key = g_strdup_printf ("%s\x1f%" G_GINT64_FORMAT "\x1f%s", table, scope, folded);
  unknown = g_hash_table_lookup (self->unknown_by_key, key);
  if (unknown == NULL)
    {
      unknown = g_new0 (Unknown, 1);
      unknown->public.table = static_table (table);
      unknown->public.name = g_strdup (name);
      unknown->public.resolution = g_str_equal (table, "metric") || self->create_unknown
                                       ? CSP_IMPORT_RESOLVE_CREATE
                                       : CSP_IMPORT_RESOLVE_NONE;
      if (g_str_equal (table, "priority") && scope > 0)
        unknown->public.context =
            g_strdup (csp_import_lookup_get_name (self->lookup, "plan", scope));
      else if (g_str_equal (table, "metric"))
        unknown->public.context =
            g_strdup (parent != NULL ? parent->public.name
                                     : csp_import_lookup_get_name (self->lookup, "channel", scope));
      unknown->key = g_steal_pointer (&key);
      unknown->scope = scope;
      unknown->parent = parent;
      unknown->kind = kind;
      unknown->index = self->all_unknowns->len;
      g_ptr_array_add (self->all_unknowns, unknown);
      g_hash_table_insert (self->unknown_by_key, unknown->key, unknown);
    }
  if (!self->writing)
    {
      if (!unknown->seen)
        {
          unknown->seen = TRUE;
          unknown->public.first_line = row->line;
          unknown->public.n_rows = 0;
          g_ptr_array_add (self->unknowns, unknown);
        }
      unknown->public.n_rows++;
    }
  return unknown;
}

static const char *
guess_channel_kind (const char *name)
{
  static const char *const social[] = {
    "facebook", "twitter",  "x",       "instagram", "linkedin", "youtube",
    "tiktok",   "nextdoor", "threads", "mastodon",  "bluesky",  NULL,
  };
  g_autofree char *folded = csp_import_fold_name (name);

  for (guint i = 0; social[i] != NULL; i++)
    if (g_str_equal (folded, social[i]) || g_str_has_prefix (folded, social[i]))
      return "social_media";
  if (strstr (folded, "website") != NULL || strstr (folded, "web site") != NULL)
    return "website";
  if (strstr (folded, "newsletter") != NULL)
    return "newsletter";
  if (strstr (folded, "magazine") != NULL)
    return "magazine";
  if (strstr (folded, "email") != NULL || strstr (folded, "e-mail") != NULL)
    return "email";
  return "other";
}

static const char *
metric_kind_label (CspImport *self, const char *kind)
{
  g_autofree char *name = g_strconcat ("value:", kind, NULL);
  const CspImportTarget *target = csp_import_kind_find_target (CSP_IMPORT_METRICS, name);

  return target != NULL ? _ (target->label) : kind;
}

/* Makes the row an unknown name stands for, when the write first needs it. */
static gboolean
create_unknown (CspImport *self, Unknown *unknown, GError **error)
{
  const char *table = unknown->public.table;
  g_autoptr (CspRecord) record = NULL;

  if (unknown->public.id > 0)
    return TRUE;
  g_assert (unknown->public.resolution == CSP_IMPORT_RESOLVE_CREATE);

  if (g_str_equal (table, "partner"))
    {
      record = csp_record_new (CSP_TYPE_PARTNER);
      csp_record_set_string (record, "name", unknown->public.name);
      csp_record_set_string (record, "kind", "other");
    }
  else if (g_str_equal (table, "channel"))
    {
      record = csp_record_new (CSP_TYPE_CHANNEL);
      csp_record_set_string (record, "name", unknown->public.name);
      csp_record_set_string (record, "kind", guess_channel_kind (unknown->public.name));
    }
  else if (g_str_equal (table, "priority"))
    {
      record = csp_record_new (CSP_TYPE_PRIORITY);
      csp_record_set_int (record, "plan_id", unknown->scope);
      csp_record_set_int (record, "position",
                          csp_import_lookup_next_position (self->lookup, unknown->scope));
      csp_record_set_string (record, "title", unknown->public.name);
    }
  else
    {
      gint64 channel_id = unknown->scope;

      if (unknown->parent != NULL)
        {
          if (!create_unknown (self, unknown->parent, error))
            return FALSE;
          channel_id = unknown->parent->public.id;
        }
      record = csp_record_new (CSP_TYPE_METRIC);
      csp_record_set_int (record, "channel_id", channel_id);
      csp_record_set_string (record, "name", unknown->public.name);
      csp_record_set_string (record, "kind", unknown->kind);
    }
  if (!csp_store_insert (self->store, record, error))
    {
      g_prefix_error (error, _ ("Could not add the %s “%s”: "),
                      _ (csp_record_type_get_info (G_OBJECT_TYPE (record))->noun),
                      unknown->public.name);
      return FALSE;
    }
  unknown->public.id = csp_record_get_id (record);
  self->summary.n_created++;
  return TRUE;
}

/* Writing only follows a check that found the row valid in the same
 * transaction: a failure now stops the import, naming the row. */
static void
stop_at_row (CspImport *self, Row *row, const GError *error)
{
  g_set_error (&self->fatal, error->domain, error->code,
               _ ("“%s”, line %u: %s. Nothing was imported"), self->display_name, row->line,
               error->message);
}

/* The id an unknown name stands for in this pass. */
static gboolean
unknown_id (CspImport *self, Row *row, Unknown *unknown, gint64 *id)
{
  g_autoptr (GError) error = NULL;

  if (unknown->public.resolution == CSP_IMPORT_RESOLVE_MAP)
    {
      *id = unknown->public.id;
      return TRUE;
    }
  if (!self->writing)
    {
      *id = PLACEHOLDER_BASE + unknown->index;
      return TRUE;
    }
  if (!create_unknown (self, unknown, &error))
    {
      stop_at_row (self, row, error);
      return FALSE;
    }
  *id = unknown->public.id;
  return TRUE;
}

static gboolean
is_placeholder (gint64 id)
{
  return id >= PLACEHOLDER_BASE;
}

/* Resolving names */

/* Whether @name could name a row of @table: no longer than its names may
 * be. A longer one can match nothing, and must not be made. */
static gboolean
name_fits (CspImport *self, Row *row, int target, const char *table, const char *name)
{
  const CspTableInfo *info = csp_record_type_get_info (csp_record_type_from_table (table));
  const CspColumn *column = csp_table_info_find_column (
      info, g_str_equal (table, "action") ? "ref" : csp_table_info_get_name_column (info));
  glong n_chars = g_utf8_strlen (name, -1);
  g_autofree char *shown = NULL;

  if ((gulong) n_chars <= column->max_length)
    return TRUE;
  shown = csp_text_dup_excerpt (name);
  field_problem (
      self, row, target,
      g_dngettext (GETTEXT_PACKAGE, "“%s” is too long to name a %s (%lu character; at most %u)",
                   "“%s” is too long to name a %s (%lu characters; at most %u)", (gulong) n_chars),
      shown, _ (info->noun), (gulong) n_chars, column->max_length);
  return FALSE;
}

/* The id of the row of @table that @name in the field @target means.
 * Adds the row's problem and returns FALSE when there is none to use. */
static gboolean
resolve_name (CspImport *self, Row *row, int target, const char *table, gint64 scope,
              const char *name, gint64 *id, Unknown **out_unknown)
{
  gint64 alias = 0;
  gint64 found;
  Unknown *unknown;

  if (out_unknown != NULL)
    *out_unknown = NULL;
  if (!name_fits (self, row, target, table, name))
    return FALSE;
  alias = csp_import_mapping_get_alias (self->mapping, table, name);
  if (alias > 0 && csp_import_lookup_exists (self->lookup, table, alias))
    {
      *id = alias;
      return TRUE;
    }
  found = csp_import_lookup_find (self->lookup, table, scope, name);
  if (found > 0)
    {
      *id = found;
      return TRUE;
    }
  if (found == CSP_IMPORT_LOOKUP_AMBIGUOUS)
    {
      if (g_str_equal (table, "priority") || g_str_equal (table, "action"))
        field_problem (self, row, target,
                       _ ("“%s” is in more than one plan: add a Plan column, or give the plan "
                          "for all rows"),
                       name);
      else
        field_problem (self, row, target, _ ("more than one %s is called “%s”"),
                       _ (csp_record_type_get_info (csp_record_type_from_table (table))->noun),
                       name);
      return FALSE;
    }
  if (g_str_equal (table, "plan"))
    {
      field_problem (self, row, target, _ ("there is no plan called “%s”"), name);
      return FALSE;
    }
  if (g_str_equal (table, "action"))
    {
      if (scope > 0)
        field_problem (self, row, target, _ ("there is no action “%s” in “%s”"), name,
                       csp_import_lookup_get_name (self->lookup, "plan", scope));
      else
        field_problem (self, row, target, _ ("there is no action “%s”"), name);
      return FALSE;
    }

  unknown = note_unknown (self, row, table, scope, NULL, name, NULL);
  if (out_unknown != NULL)
    *out_unknown = unknown;
  switch (unknown->public.resolution)
    {
    case CSP_IMPORT_RESOLVE_MAP:
      return unknown_id (self, row, unknown, id);
    case CSP_IMPORT_RESOLVE_CREATE:
      if (g_str_equal (table, "priority") && scope <= 0)
        {
          field_problem (self, row, target,
                         _ ("there is no priority called “%s”, and a new one needs its plan: add "
                            "a Plan column, or give the plan for all rows"),
                         name);
          return FALSE;
        }
      return unknown_id (self, row, unknown, id);
    case CSP_IMPORT_RESOLVE_NONE:
    default:
      field_problem (self, row, target, _ ("there is no %s called “%s”"),
                     _ (csp_record_type_get_info (csp_record_type_from_table (table))->noun), name);
      return FALSE;
    }
}

/* Building records */

static void
clear_values (CspImport *self)
{
  for (guint i = 0; i < self->n_targets; i++)
    {
      if (G_IS_VALUE (&self->values[i]))
        g_value_unset (&self->values[i]);
      self->given[i] = FALSE;
    }
}

/* Reads the row's plain values (text, numbers, dates, choices) into
 * self->values; a cell that cannot be read is the row's problem. */
static void
read_column_values (CspImport *self, Row *row)
{
  for (guint t = 0; t < self->n_targets; t++)
    {
      const CspImportTarget *target = &self->targets[t];
      const CspColumn *column;
      g_autoptr (GError) error = NULL;
      const char *text;

      if (target->kind != CSP_IMPORT_TARGET_COLUMN)
        continue;
      text = cell (self, (int) t);
      if (text == NULL)
        continue;
      column = csp_import_target_get_column (self->kind, target);
      /* Text over its limit is refused before it is copied anywhere: a
       * cell may hold megabytes. */
      if (column->kind == CSP_COLUMN_TEXT && !is_blank (text) &&
          !csp_column_check_text (column, csp_import_unneutralize (text), &error))
        {
          add_problem (self, row, header_of_target (self, (int) t), error->message);
          for (guint c = 0; c < self->info->n_columns; c++)
            if (self->column_target[c] == (int) t)
              row->bad_columns |= G_GUINT64_CONSTANT (1) << c;
          continue;
        }
      if (!csp_import_parse_for_column (column, text, decimal_comma (self), &self->values[t],
                                        &error))
        {
          field_problem (self, row, (int) t, "%s", error->message);
          for (guint c = 0; c < self->info->n_columns; c++)
            if (self->column_target[c] == (int) t)
              row->bad_columns |= G_GUINT64_CONSTANT (1) << c;
          continue;
        }
      self->given[t] = TRUE;
    }
}

static const char *
value_string (CspImport *self, int target)
{
  if (target < 0 || !G_VALUE_HOLDS_STRING (&self->values[target]))
    return NULL;
  return g_value_get_string (&self->values[target]);
}

static void
set_int_value (CspImport *self, int target, gint64 id)
{
  if (G_IS_VALUE (&self->values[target]))
    g_value_unset (&self->values[target]);
  if (id != 0)
    g_value_set_int64 (g_value_init (&self->values[target], G_TYPE_INT64), id);
  self->given[target] = TRUE;
}

static gint64
value_int (CspImport *self, int target)
{
  if (target < 0 || !G_VALUE_HOLDS_INT64 (&self->values[target]))
    return 0;
  return g_value_get_int64 (&self->values[target]);
}

/* Resolves the row's references by name (plan first: priorities and
 * actions are looked up within it) into self->values. Supporting
 * partners go into @partner_ids. */
static void
read_references (CspImport *self, Row *row, GArray *partner_ids, gboolean *partners_given,
                 gint64 *plan_id, Unknown **priority_unknown)
{
  gboolean plan_failed = FALSE;

  *plan_id = 0;
  *partners_given = FALSE;
  *priority_unknown = NULL;
  for (guint t = 0; t < self->n_targets; t++)
    {
      const CspImportTarget *target = &self->targets[t];
      g_autofree char *name = NULL;
      const char *text;
      gboolean in_plan;
      gint64 scope = 0, id = 0;
      Unknown *unknown = NULL;

      if (target->kind != CSP_IMPORT_TARGET_REF && target->kind != CSP_IMPORT_TARGET_PLAN &&
          target->kind != CSP_IMPORT_TARGET_PARTNERS)
        continue;
      if (self->kind == CSP_IMPORT_METRICS)
        continue;
      text = cell (self, (int) t);
      if (text == NULL)
        continue;
      if (target->kind == CSP_IMPORT_TARGET_PARTNERS)
        {
          g_autoptr (GPtrArray) names = csp_import_split_names (text);

          *partners_given = TRUE;
          for (guint i = 0; i < names->len; i++)
            if (resolve_name (self, row, (int) t, "partner", 0, g_ptr_array_index (names, i), &id,
                              NULL))
              g_array_append_val (partner_ids, id);
          continue;
        }
      if (is_blank (text))
        {
          if (target->kind == CSP_IMPORT_TARGET_REF)
            set_int_value (self, (int) t, 0);
          continue;
        }
      name = g_strstrip (g_strdup (text));
      if (target->kind == CSP_IMPORT_TARGET_PLAN)
        {
          if (resolve_name (self, row, (int) t, "plan", 0, name, &id, NULL))
            *plan_id = id;
          else
            plan_failed = TRUE;
          continue;
        }

      in_plan =
          g_str_equal (target->ref_table, "priority") || g_str_equal (target->ref_table, "action");
      if (in_plan && plan_failed)
        continue;
      if (in_plan)
        scope = *plan_id;
      if (g_str_equal (target->ref_table, "action") && scope == 0)
        {
          /* Without a plan, an activity's action is looked for in the plan
           * of its priority. */
          gint64 priority = value_int (self, find_target (self, "priority"));
          if (priority > 0 && !is_placeholder (priority))
            scope = csp_import_lookup_priority_plan (self->lookup, priority);
        }
      if (!resolve_name (self, row, (int) t, target->ref_table, scope, name, &id, &unknown))
        {
          for (guint c = 0; c < self->info->n_columns; c++)
            if (self->column_target[c] == (int) t)
              row->bad_columns |= G_GUINT64_CONSTANT (1) << c;
          continue;
        }
      if (g_str_equal (target->ref_table, "priority"))
        *priority_unknown = unknown;
      set_int_value (self, (int) t, id);
    }
}

static CspRecord *
new_record (CspImport *self)
{
  CspRecord *record = csp_record_new (self->record_type);

  /* What the database would default to. */
  if (self->kind == CSP_IMPORT_ACTIONS)
    csp_record_set_int (record, "percent_complete", 0);
  return record;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The stored record with the key bound to find_stmt, if any: 0 none, -1
 * several. */
static gboolean
find_existing (CspImport *self, gint64 *existing_id, GError **error)
{
  CspStep step = csp_statement_step (self->find_stmt, error);

  *existing_id = 0;
  if (step == CSP_STEP_ROW)
    {
      *existing_id = csp_statement_get_int64 (self->find_stmt, 0);
      step = csp_statement_step (self->find_stmt, error);
      if (step == CSP_STEP_ROW)
        *existing_id = -1;
    }
  csp_statement_reset (self->find_stmt);
  return step != CSP_STEP_FAILED;
}

/* Validates every field not already found wrong, each problem naming its
 * column. */
static void
validate_record (CspImport *self, Row *row, CspRecord *record, const int *column_target_override)
{
  for (guint c = 0; c < self->info->n_columns; c++)
    {
      g_autoptr (GError) error = NULL;
      int target;

      if (row->bad_columns & (G_GUINT64_CONSTANT (1) << c))
        continue;
      if (csp_record_validate_column (record, self->info->columns[c].name, &error))
        continue;
      target = column_target_override != NULL && column_target_override[c] >= 0
                   ? column_target_override[c]
                   : self->column_target[c];
      add_problem (self, row, header_of_target (self, target), error->message);
    }
}

/* Notes the row's natural key; a second row with the same key is
 * rejected. */
static void
check_duplicate (CspImport *self, Row *row, char *key, int target)
{
  gpointer first = NULL;

  if (g_hash_table_lookup_extended (self->seen_keys, key, NULL, &first))
    {
      guint line = GPOINTER_TO_UINT (first);
      g_autofree char *message = NULL;

      switch (self->kind)
        {
        case CSP_IMPORT_ACTIVITIES:
          message = g_strdup_printf (_ ("line %u has the same title, start date and lead "
                                        "partner: each activity is imported once"),
                                     line);
          break;
        case CSP_IMPORT_METRICS:
          message = g_strdup_printf (_ ("line %u has the same metric and month: each monthly "
                                        "figure is imported once"),
                                     line);
          break;
        case CSP_IMPORT_ACTIONS:
        default:
          message = g_strdup_printf (_ ("line %u has the same reference in the same plan: each "
                                        "action is imported once"),
                                     line);
          break;
        }
      add_problem (self, row, header_of_target (self, target), message);
      g_free (key);
      return;
    }
  g_hash_table_insert (self->seen_keys, key, GUINT_TO_POINTER (row->line));
}

/* While checking, counts what writing the record would do; returns
 * whether it would leave the stored record as it is. */
static gboolean
predict (CspImport *self, Row *row, CspRecord *record, CspRecord *stored)
{
  if (row->rejected)
    return FALSE;
  if (stored == NULL)
    self->summary.n_inserted++;
  else if (csp_record_same_values (record, stored))
    {
      self->summary.n_unchanged++;
      return TRUE;
    }
  else
    self->summary.n_updated++;
  return FALSE;
}

/* Stores @record (new, or @stored changed) unless nothing changed. */
static gboolean
store_record (CspImport *self, Row *row, CspRecord *record, CspRecord *stored)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (stored != NULL && csp_record_same_values (record, stored))
    {
      self->summary.n_unchanged++;
      return TRUE;
    }
  ok = stored != NULL ? csp_store_update (self->store, record, &error)
                      : csp_store_insert (self->store, record, &error);
  if (!ok)
    {
      stop_at_row (self, row, error);
      return FALSE;
    }
  if (stored != NULL)
    self->summary.n_updated++;
  else
    self->summary.n_inserted++;
  return TRUE;
}

/* The stored record of @existing_id, and a copy to change; %NULL when new. */
static gboolean
load_existing (CspImport *self, Row *row, gint64 existing_id, int key_target, CspRecord **stored,
               CspRecord **record)
{
  g_autoptr (GError) error = NULL;

  *stored = NULL;
  if (existing_id < 0)
    {
      add_problem (self, row, header_of_target (self, key_target),
                   _ ("more than one stored record has the same key, so the row cannot tell "
                      "which one to update"));
      return FALSE;
    }
  if (existing_id == 0)
    {
      *record = new_record (self);
      return TRUE;
    }
  *stored = csp_store_get (self->store, self->record_type, existing_id, &error);
  if (*stored == NULL)
    {
      g_propagate_error (&self->fatal, g_steal_pointer (&error));
      return FALSE;
    }
  *record = csp_record_copy (*stored);
  return TRUE;
}

static void
apply_values (CspImport *self, CspRecord *record, GArray *partner_ids, gboolean partners_given)
{
  for (guint t = 0; t < self->n_targets; t++)
    {
      const CspImportTarget *target = &self->targets[t];
      const CspColumn *column;

      if (!self->given[t] || target->column == NULL ||
          (target->kind != CSP_IMPORT_TARGET_COLUMN && target->kind != CSP_IMPORT_TARGET_REF))
        continue;
      column = csp_table_info_find_column (self->info, target->column);
      if (column == NULL)
        continue;
      /* An empty yes/no cell leaves the record's answer (or its default). */
      if (column->kind == CSP_COLUMN_BOOL && !G_IS_VALUE (&self->values[t]))
        continue;
      csp_record_set_value (record, target->column, &self->values[t]);
    }
  if (partners_given)
    {
      g_array_sort (partner_ids, compare_ids);
      csp_record_set_partner_ids (record, (const gint64 *) (gpointer) partner_ids->data,
                                  partner_ids->len);
    }
}

/* A row of activities or actions: one record. */
static gboolean
process_record_row (CspImport *self, Row *row)
{
  g_autoptr (GArray) partner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (CspRecord) record = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *key = NULL;
  gboolean partners_given = FALSE;
  gint64 plan_id = 0, existing_id = 0;
  Unknown *priority_unknown = NULL;
  int key_target;

  read_column_values (self, row);
  read_references (self, row, partner_ids, &partners_given, &plan_id, &priority_unknown);

  if (self->kind == CSP_IMPORT_ACTIVITIES)
    {
      const char *title = value_string (self, find_target (self, "title"));
      const char *start = value_string (self, find_target (self, "start_date"));
      gint64 lead = value_int (self, find_target (self, "lead_partner"));

      key_target = find_target (self, "title");
      if (title != NULL && start != NULL && !row->rejected)
        {
          key = g_strdup_printf ("%s\x1f%s\x1f%" G_GINT64_FORMAT, title, start, lead);
          if (!is_placeholder (lead))
            {
              csp_statement_bind_text (self->find_stmt, 1, title);
              csp_statement_bind_text (self->find_stmt, 2, start);
              if (lead > 0)
                csp_statement_bind_int64 (self->find_stmt, 3, lead);
              else
                csp_statement_bind_null (self->find_stmt, 3);
              if (!find_existing (self, &existing_id, &error))
                goto fatal;
            }
        }
    }
  else
    {
      const char *ref = value_string (self, find_target (self, "ref"));
      gint64 priority = value_int (self, find_target (self, "priority"));
      gint64 scope = plan_id;

      key_target = find_target (self, "ref");
      if (priority_unknown != NULL &&
          priority_unknown->public.resolution == CSP_IMPORT_RESOLVE_CREATE)
        scope = priority_unknown->scope;
      else if (priority > 0)
        scope = csp_import_lookup_priority_plan (self->lookup, priority);
      if (ref != NULL && scope > 0 && !row->rejected)
        {
          key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", scope, ref);
          csp_statement_bind_int64 (self->find_stmt, 1, scope);
          csp_statement_bind_text (self->find_stmt, 2, ref);
          if (!find_existing (self, &existing_id, &error))
            goto fatal;
        }
    }

  if (!load_existing (self, row, existing_id, key_target, &stored, &record))
    return self->fatal == NULL;
  apply_values (self, record, partner_ids, partners_given);
  /* Writing follows a check of the same rows in the same state. */
  if (!self->writing)
    {
      validate_record (self, row, record, NULL);
      if (key != NULL)
        check_duplicate (self, row, g_steal_pointer (&key), key_target);
    }

  if (self->writing && !row->rejected)
    store_record (self, row, record, stored);
  else if (!self->writing && predict (self, row, record, stored))
    g_hash_table_insert (self->unchanged_lines, GUINT_TO_POINTER (row->line), GUINT_TO_POINTER (1));
  return self->fatal == NULL;

fatal:
  g_propagate_error (&self->fatal, g_steal_pointer (&error));
  return FALSE;
}

static const char *const *
metric_kinds (void)
{
  return csp_table_info_find_column (csp_record_type_get_info (CSP_TYPE_METRIC), "kind")->choices;
}

/* The metric of the channel a figure belongs to: by kind, else by name. */
static gboolean
resolve_metric (CspImport *self, Row *row, gint64 channel_id, Unknown *channel_unknown,
                int kind_target, const char *kind, int name_target, const char *name,
                gint64 *metric_id)
{
  g_autofree char *trimmed = name != NULL ? g_strstrip (g_strdup (name)) : NULL;
  Unknown *unknown;

  if (trimmed != NULL && *trimmed != '\0' && !name_fits (self, row, name_target, "metric", trimmed))
    return FALSE;
  if (kind == NULL && trimmed != NULL && *trimmed != '\0')
    {
      if (channel_unknown == NULL)
        {
          gint64 found = csp_import_lookup_find (self->lookup, "metric", channel_id, trimmed);
          if (found > 0)
            {
              *metric_id = found;
              return TRUE;
            }
        }
      /* A name that is a kind ("Reach") says which metric it is. */
      kind = csp_import_match_choice (metric_kinds (), trimmed);
      if (kind == NULL)
        {
          field_problem (self, row, name_target,
                         _ ("“%s” has no metric called “%s”: add a Kind column, so that it can "
                            "be made"),
                         channel_unknown != NULL
                             ? channel_unknown->public.name
                             : csp_import_lookup_get_name (self->lookup, "channel", channel_id),
                         trimmed);
          return FALSE;
        }
    }
  if (kind == NULL)
    {
      field_problem (self, row, name_target >= 0 ? name_target : kind_target,
                     _ ("a value is required"));
      return FALSE;
    }
  if (channel_unknown == NULL)
    {
      gint64 found = csp_import_lookup_metric_by_kind (self->lookup, channel_id, kind);
      if (found > 0)
        {
          *metric_id = found;
          return TRUE;
        }
    }
  unknown = note_unknown (
      self, row, "metric", channel_unknown != NULL ? 0 : channel_id, channel_unknown,
      trimmed != NULL && *trimmed != '\0' ? trimmed : metric_kind_label (self, kind), kind);
  if (unknown->public.resolution == CSP_IMPORT_RESOLVE_NONE)
    {
      field_problem (self, row, kind_target >= 0 ? kind_target : name_target,
                     _ ("there is no metric “%s”"), unknown->public.name);
      return FALSE;
    }
  return unknown_id (self, row, unknown, metric_id);
}

typedef struct
{
  gint64 metric_id;
  gint64 value;
  int value_target;
} Figure;

/* A row of monthly figures: one figure, or one per metric column. */
static gboolean
process_metric_row (CspImport *self, Row *row)
{
  int month_target = find_target (self, "month");
  int channel_target = find_target (self, "channel");
  int value_target = find_target (self, "value");
  int note_target = find_target (self, "note");
  int kind_target = find_target (self, "kind");
  int metric_target = find_target (self, "metric");
  g_autoptr (GArray) figures = g_array_new (FALSE, FALSE, sizeof (Figure));
  const char *month, *text;
  gint64 channel_id = 0;
  Unknown *channel_unknown = NULL;
  gboolean channel_ok = FALSE;
  guint n_unchanged = 0;

  read_column_values (self, row);
  month = value_string (self, month_target);
  if (month == NULL && self->given[month_target])
    field_problem (self, row, month_target, _ ("a value is required"));

  text = cell (self, channel_target);
  if (text == NULL || is_blank (text))
    field_problem (self, row, channel_target, _ ("a value is required"));
  else
    {
      g_autofree char *name = g_strstrip (g_strdup (text));
      channel_ok = resolve_name (self, row, channel_target, "channel", 0, name, &channel_id,
                                 &channel_unknown);
      /* A channel still to be made has no metrics yet. */
      if (channel_unknown != NULL &&
          channel_unknown->public.resolution != CSP_IMPORT_RESOLVE_CREATE)
        channel_unknown = NULL;
    }

  if (self->target_column[value_target] >= 0 ||
      csp_import_mapping_get_default (self->mapping, "value") != NULL)
    {
      const char *kind_text = cell (self, kind_target);
      const char *kind = NULL;
      Figure figure = { 0, value_int (self, value_target), value_target };

      text = cell (self, value_target);
      if (text == NULL || is_blank (text))
        field_problem (self, row, value_target, _ ("a value is required"));
      if (kind_text != NULL && !is_blank (kind_text))
        {
          g_autoptr (GError) error = NULL;
          g_autofree char *trimmed = g_strstrip (g_strdup (kind_text));

          if (!csp_import_parse_choice (metric_kinds (), trimmed, &kind, &error))
            {
              field_problem (self, row, kind_target, "%s", error->message);
              channel_ok = FALSE;
            }
        }
      if (channel_ok &&
          resolve_metric (self, row, channel_id, channel_unknown, kind_target, kind, metric_target,
                          cell (self, metric_target), &figure.metric_id))
        g_array_append_val (figures, figure);
    }
  else
    for (guint t = 0; t < self->n_targets; t++)
      {
        const CspImportTarget *target = &self->targets[t];
        g_autoptr (GError) error = NULL;
        Figure figure = { 0, 0, (int) t };

        if (target->kind != CSP_IMPORT_TARGET_METRIC_VALUE || self->target_column[t] < 0)
          continue;
        text = csp_csv_reader_get_field (self->reader, (guint) self->target_column[t]);
        if (is_blank (text))
          continue;
        if (!csp_import_parse_int (text, decimal_comma (self), &figure.value, &error))
          {
            field_problem (self, row, (int) t, "%s", error->message);
            continue;
          }
        if (channel_ok && resolve_metric (self, row, channel_id, channel_unknown, (int) t,
                                          target->column, (int) t, NULL, &figure.metric_id))
          g_array_append_val (figures, figure);
      }

  for (guint i = 0; i < figures->len && month != NULL && !row->rejected; i++)
    {
      Figure *figure = &g_array_index (figures, Figure, i);
      g_autoptr (CspRecord) stored = NULL;
      g_autoptr (CspRecord) record = NULL;
      g_autoptr (GError) error = NULL;
      int override[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };
      gint64 existing_id = 0;

      g_assert (self->info->n_columns <= G_N_ELEMENTS (override));
      if (!is_placeholder (figure->metric_id))
        {
          csp_statement_bind_int64 (self->find_stmt, 1, figure->metric_id);
          csp_statement_bind_text (self->find_stmt, 2, month);
          if (!find_existing (self, &existing_id, &error))
            {
              g_propagate_error (&self->fatal, g_steal_pointer (&error));
              break;
            }
        }
      if (!load_existing (self, row, existing_id, month_target, &stored, &record))
        break;
      csp_record_set_int (record, "metric_id", figure->metric_id);
      csp_record_set_string (record, "month", month);
      if (figure->value_target != value_target || self->given[value_target])
        csp_record_set_int (record, "value", figure->value);
      if (self->given[note_target])
        csp_record_set_value (record, "note", &self->values[note_target]);
      for (guint c = 0; c < self->info->n_columns; c++)
        {
          const char *name = self->info->columns[c].name;
          if (g_str_equal (name, "value"))
            override[c] = figure->value_target;
          else if (g_str_equal (name, "metric_id"))
            override[c] = self->target_column[kind_target] >= 0 ? kind_target : metric_target;
        }
      validate_record (self, row, record, override);
      check_duplicate (self, row,
                       g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s", figure->metric_id, month),
                       figure->value_target);
      if (self->writing && !row->rejected && !store_record (self, row, record, stored))
        break;
      if (!self->writing && predict (self, row, record, stored))
        n_unchanged++;
    }
  if (!self->writing && !row->rejected && n_unchanged > 0 && n_unchanged == figures->len)
    g_hash_table_insert (self->unchanged_lines, GUINT_TO_POINTER (row->line),
                         GUINT_TO_POINTER (n_unchanged));

  return self->fatal == NULL;
}

/* Passes */

/* A row with bytes that are not UTF-8 (in a file that otherwise is) is
 * rejected, naming each: its text cannot be known. */
static gboolean
reject_bad_bytes (CspImport *self, Row *row)
{
  guint n = 0;
  const CspCsvBadByte *bad = csp_csv_reader_get_row_bad_bytes (self->reader, &n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *message = NULL;

      if (bad[i].line == row->line)
        message = g_strdup_printf (_ ("character %u: the byte 0x%02X is not UTF-8 text, as the "
                                      "rest of the file is. Correct it, or save the file again "
                                      "as “CSV UTF-8”"),
                                   bad[i].column, bad[i].byte);
      else
        message = g_strdup_printf (_ ("line %u, character %u: the byte 0x%02X is not UTF-8 text, "
                                      "as the rest of the file is. Correct it, or save the file "
                                      "again as “CSV UTF-8”"),
                                   bad[i].line, bad[i].column, bad[i].byte);
      add_problem (self, row, NULL, message);
    }
  return n > 0;
}

static void
report_progress (double fraction, double *last, CspImportProgressFunc progress, gpointer user_data)
{
  if (progress != NULL && (fraction - *last >= 0.01 || fraction >= 1.0))
    {
      *last = fraction;
      progress (fraction, user_data);
    }
}

/* Reads every row: checking, or writing what checking found valid. The
 * caller holds the transaction while writing. */
static gboolean
run_pass (CspImport *self, gboolean writing, double progress_from, double progress_to,
          CspImportProgressFunc progress, gpointer user_data, GCancellable *cancellable,
          GError **error)
{
  guint skip = 0;
  double last = -1.0;

  if (!set_up_pass (self, writing, error))
    return FALSE;

  if (!writing)
    {
      g_array_set_size (self->problems, 0);
      g_hash_table_remove_all (self->rejected_lines);
      g_hash_table_remove_all (self->unchanged_lines);
      g_ptr_array_set_size (self->unknowns, 0);
      for (guint i = 0; i < self->all_unknowns->len; i++)
        ((Unknown *) g_ptr_array_index (self->all_unknowns, i))->seen = FALSE;
      memset (&self->summary, 0, sizeof self->summary);
    }
  else
    {
      self->summary.n_inserted = 0;
      self->summary.n_updated = 0;
      self->summary.n_unchanged = 0;
      self->summary.n_created = 0;
    }

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
      if (!writing)
        {
          self->summary.n_rows++;
          if (reject_bad_bytes (self, &row))
            continue;
        }
      else if (g_hash_table_contains (self->rejected_lines, GUINT_TO_POINTER (row.line)))
        continue;
      else if (g_hash_table_contains (self->unchanged_lines, GUINT_TO_POINTER (row.line)))
        {
          /* The check, in this transaction or with nothing written since,
           * found it as stored. */
          self->summary.n_unchanged += GPOINTER_TO_UINT (
              g_hash_table_lookup (self->unchanged_lines, GUINT_TO_POINTER (row.line)));
          continue;
        }
      else
        row.rejected = FALSE;

      clear_values (self);
      if (!(self->kind == CSP_IMPORT_METRICS ? process_metric_row (self, &row)
                                             : process_record_row (self, &row)))
        {
          g_propagate_error (error, g_steal_pointer (&self->fatal));
          return FALSE;
        }
      /* The check accepted this row, so only a change of the database
       * since could reject it now. */
      if (writing && row.rejected)
        {
          const CspImportProblem *problem =
              &g_array_index (self->problems, CspImportProblem, self->problems->len - 1);
          g_set_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_REJECTED,
                       _ ("“%s”, line %u: %s. Nothing was imported"), self->display_name,
                       problem->line, problem->message);
          return FALSE;
        }
      report_progress (progress_from + (progress_to - progress_from) *
                                           csp_csv_reader_get_fraction (self->reader),
                       &last, progress, user_data);
    }
  report_progress (progress_to, &last, progress, user_data);
  return TRUE;
}

/* What identifies the database's contents, as text to compare. SQLite:
 * commits of other connections move data_version, changes of this one
 * total_changes(). PostgreSQL: the snapshot names every transaction that
 * has ended (committed or not) and every one still running, so an equal
 * snapshot sees the same data; any write since, here or elsewhere, moves
 * it. */
static char *
database_state (CspImport *self, GError **error)
{
  g_autoptr (CspStatement) stmt = csp_database_prepare (
      self->database,
      csp_database_pick_sql (self->database,
                             "SELECT CAST(data_version AS TEXT) || '/' || "
                             "CAST(total_changes() AS TEXT) FROM pragma_data_version",
                             "SELECT CAST(pg_current_snapshot() AS TEXT)"),
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
  ok = run_pass (self, FALSE, 0.0, 1.0, progress, user_data, cancellable, error) &&
       (self->checked_state = database_state (self, error)) != NULL;
  clear_pass (self);
  self->checked = ok;
  return ok;
}

/* Created rows are gone after a rollback. */
static void
forget_created (CspImport *self)
{
  for (guint i = 0; i < self->all_unknowns->len; i++)
    {
      Unknown *unknown = g_ptr_array_index (self->all_unknowns, i);
      if (unknown->public.resolution == CSP_IMPORT_RESOLVE_CREATE)
        unknown->public.id = 0;
    }
}

/**
 * csp_import_write:
 * @flags: %CSP_IMPORT_SKIP_INVALID to write the valid rows when some are
 *   rejected, %CSP_IMPORT_DRY_RUN to roll everything back at the end
 * @progress: (nullable) (scope call): told how far the import is
 *
 * Writes the file's records in one transaction. The check runs first, in
 * the same transaction, unless csp_import_check() ran since the last
 * change and the database is as it saw it. Without
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

  if (!csp_store_begin_batch (self->store, error))
    return FALSE;
  /* Inside the transaction, nothing can change between check and write. */
  state = database_state (self, error);
  if (state == NULL)
    {
      csp_store_rollback_batch (self->store);
      return FALSE;
    }
  if (!self->checked || g_strcmp0 (state, self->checked_state) != 0)
    {
      self->checked = FALSE;
      ok = run_pass (self, FALSE, 0.0, 0.5, progress, user_data, cancellable, error);
      clear_pass (self);
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

  ok = run_pass (self, TRUE, from, 1.0, progress, user_data, cancellable, error);
  clear_pass (self);
  if (!ok || (flags & CSP_IMPORT_DRY_RUN))
    {
      csp_store_rollback_batch (self->store);
      forget_created (self);
    }
  else if (!csp_store_commit_batch (self->store, error))
    {
      forget_created (self);
      ok = FALSE;
    }
  /* What the database holds now differs from what was checked. */
  self->checked = FALSE;
  return ok;
}

/* Threads */

typedef struct
{
  CspImportFlags flags;
  CspImportProgressFunc progress;
  gpointer user_data;
} JobData;

static void
check_thread_cb (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  JobData *data = task_data;
  GError *error = NULL;

  if (csp_import_check (source, data->progress, data->user_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
write_thread_cb (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  JobData *data = task_data;
  GError *error = NULL;

  if (csp_import_write (source, data->flags, data->progress, data->user_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_in_thread (CspImport *self, GTaskThreadFunc func, gpointer tag, CspImportFlags flags,
               CspImportProgressFunc progress, gpointer user_data, GCancellable *cancellable,
               GAsyncReadyCallback callback, gpointer callback_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, callback_data);
  JobData *data = g_new0 (JobData, 1);

  data->flags = flags;
  data->progress = progress;
  data->user_data = user_data;
  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, data, g_free);
  g_task_run_in_thread (task, func);
}

/**
 * csp_import_check_async:
 * @progress: (nullable): called in the worker thread; forward it to the
 *   main loop (g_main_context_invoke()) to show it
 *
 * Runs csp_import_check() in a thread. Neither the import nor its
 * database may be used meanwhile.
 */
void
csp_import_check_async (CspImport *self, CspImportProgressFunc progress, gpointer user_data,
                        GCancellable *cancellable, GAsyncReadyCallback callback,
                        gpointer callback_data)
{
  g_return_if_fail (CSP_IS_IMPORT (self));
  run_in_thread (self, check_thread_cb, csp_import_check_async, CSP_IMPORT_FLAGS_NONE, progress,
                 user_data, cancellable, callback, callback_data);
}

gboolean
csp_import_check_finish (CspImport *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * csp_import_write_async:
 * @progress: (nullable): called in the worker thread
 *
 * Runs csp_import_write() in a thread. Neither the import nor its
 * database may be used meanwhile.
 */
void
csp_import_write_async (CspImport *self, CspImportFlags flags, CspImportProgressFunc progress,
                        gpointer user_data, GCancellable *cancellable, GAsyncReadyCallback callback,
                        gpointer callback_data)
{
  g_return_if_fail (CSP_IS_IMPORT (self));
  run_in_thread (self, write_thread_cb, csp_import_write_async, flags, progress, user_data,
                 cancellable, callback, callback_data);
}

gboolean
csp_import_write_finish (CspImport *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

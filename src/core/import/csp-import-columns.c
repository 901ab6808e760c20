/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-import-private.h"

static void
add_column_note (CspImport *self, guint first, guint last, const char *message)
{
  const char *const *headers = csp_csv_reader_get_headers (self->reader);
  int original = csp_csv_reader_get_duplicate_of (self->reader, first);
  CspImportColumnNote note = {
    first + 1,
    last + 1,
    /* A repeated name as the file writes it, not as made unique. */
    csp_import_dup_header (headers[original >= 0 ? (guint) original : first]),
    g_strdup (message),
  };

  g_array_append_val (self->column_notes, note);
}

/* The field the column fills, or NULL when it is ignored. */
const CspImportTarget *
csp_import_column_target (CspImport *self, guint column)
{
  const char *name = csp_import_mapping_get_target (
      self->mapping, csp_csv_reader_get_headers (self->reader)[column]);

  return name != NULL ? csp_import_kind_find_target (self->kind, name) : NULL;
}

/* The most columns of a run that a note names one by one, as a
 * platform's export has them; a longer run is named by its ends. */
#define MAX_NAMED 12

/* Notes for a run of ignored columns: each on its own when they are
 * few, else one for them all, so that a file of 10,000 columns has a
 * report a person can read. */
static void
note_ignored (CspImport *self, guint first, guint end)
{
  const char *const *headers = csp_csv_reader_get_headers (self->reader);
  g_autoptr (GString) names = g_string_new (NULL);
  g_autofree char *message = NULL;
  g_autofree char *first_header = NULL;
  g_autofree char *last_header = NULL;

  if (end - first < 3)
    {
      for (guint c = first; c < end; c++)
        add_column_note (self, c, c, _ ("not imported: no field is filled from this column"));
      return;
    }
  if (end - first <= MAX_NAMED)
    {
      for (guint c = first; c < end; c++)
        {
          g_autofree char *header = csp_text_dup_excerpt (headers[c]);

          /* TRANSLATORS: a column's name in a list of them */
          g_string_append_printf (names, c > first ? _ (", “%s”") : _ ("“%s”"), header);
        }
      message = g_strdup_printf (_ ("not imported: no field is filled from these %u columns: %s"),
                                 end - first, names->str);
      add_column_note (self, first, end - 1, message);
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
      const CspImportTarget *target = csp_import_column_target (self, c);
      single_value = single_value || (target != NULL && g_str_equal (target->name, "value"));
    }
  for (guint c = 0; c < n_columns; c++)
    {
      int original = csp_csv_reader_get_duplicate_of (self->reader, c);
      const CspImportTarget *target = csp_import_column_target (self, c);
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
      original_target = csp_import_column_target (self, (guint) original);
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

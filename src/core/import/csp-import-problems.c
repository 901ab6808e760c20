/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-import-private.h"

/* Columns not imported */

/* A header as messages name it: whole, unless a file made it absurdly long. */
char *
csp_import_dup_header (const char *header)
{
  if (header == NULL)
    return NULL;
  return strlen (header) <= 200 ? g_strdup (header) : csp_text_dup_excerpt (header);
}

/* Problems */

const char *
csp_import_header_of_target (CspImport *self, int target)
{
  if (target < 0 || self->target_column[target] < 0)
    return NULL;
  return csp_csv_reader_get_headers (self->reader)[self->target_column[target]];
}

void
csp_import_add_problem (CspImport *self, Row *row, const char *header, const char *message)
{
  CspImportProblem problem = { row->line, csp_import_dup_header (header), g_strdup (message) };

  g_array_append_val (self->problems, problem);
  if (!row->rejected)
    {
      row->rejected = TRUE;
      self->summary.n_rejected++;
    }
}

/* A problem of a field: "Lead partner: there is no partner called “X”". */
void
csp_import_field_problem (CspImport *self, Row *row, int target, const char *format, ...)
{
  g_autofree char *detail = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: a field's name, then what is wrong with its value */
  message = g_strdup_printf (_ ("%s: %s"), _ (self->targets[target].label), detail);
  csp_import_add_problem (self, row, csp_import_header_of_target (self, target), message);
}

/* Passes */

/* A row with bytes that are not UTF-8 (in a file that otherwise is) is
 * rejected, naming each: its text cannot be known. */
gboolean
csp_import_reject_bad_bytes (CspImport *self, Row *row)
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
      csp_import_add_problem (self, row, NULL, message);
    }
  return n > 0;
}

/* A row with more or fewer values than the header names columns, or with
 * a quote out of place, is rejected as a whole: which value belongs to
 * which column cannot be known (a number like 1,200 without quotes shifts
 * every value after it). */
gboolean
csp_import_reject_unreadable (CspImport *self, Row *row)
{
  const char *problem = csp_csv_reader_get_row_problem (self->reader);

  /* A month's figures are made of rows that could be read. */
  if (problem == NULL || self->month != NULL)
    return FALSE;
  csp_import_add_problem (self, row, NULL, problem);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-export-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-export-csv.h"
#include "csp-file-writer.h"

/* CSV as RFC 4180 has it: comma separated, CRLF line ends, a header row,
 * and a value in double quotes (quotes doubled) when it holds a comma,
 * quote or line break. Values that begin or end with a space, or hold a
 * semicolon, are quoted too, so that no reader trims them or splits them.
 *
 * A value a spreadsheet would take for a formula (one beginning with =, +,
 * -, @, a tab or a carriage return) is written with a "'" in front, as
 * OWASP advises against CSV injection; the importer takes it off again. */

#define FLUSH_SIZE (64 * 1024)

/**
 * csp_export_csv_append_field:
 * @line: where the field goes
 * @text: the value
 *
 * Appends one field, quoted as needed and neutralised against formula
 * injection; no separator.
 */
void
csp_export_csv_append_field (GString *line, const char *text)
{
  gsize length;
  gboolean quote;

  g_return_if_fail (line != NULL);
  g_return_if_fail (text != NULL);

  length = strlen (text);
  quote = strpbrk (text, ",\"\r\n;") != NULL ||
          (length > 0 && (g_ascii_isspace (text[0]) || g_ascii_isspace (text[length - 1])));
  if (quote)
    g_string_append_c (line, '"');
  if (csp_export_needs_neutralizing (text))
    g_string_append_c (line, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  if (quote)
    g_string_append_c (line, '"');
}

/* Where the CSV text goes: a stream, or a file being written. */
typedef gboolean (*WriteFunc) (gpointer sink, const char *data, gsize size,
                               GCancellable *cancellable, GError **error);

static gboolean
write_stream (gpointer sink, const char *data, gsize size, GCancellable *cancellable,
              GError **error)
{
  return g_output_stream_write_all (sink, data, size, NULL, cancellable, error);
}

static gboolean
write_file (gpointer sink, const char *data, gsize size, GCancellable *cancellable, GError **error)
{
  return !g_cancellable_set_error_if_cancelled (cancellable, error) &&
         csp_file_writer_write (sink, data, size, error);
}

static gboolean
flush (GString *buffer, WriteFunc write, gpointer sink, GCancellable *cancellable, GError **error)
{
  gboolean ok = write (sink, buffer->str, buffer->len, cancellable, error);

  g_string_truncate (buffer, 0);
  return ok;
}

static gboolean
write_table (CspExportTable *table, WriteFunc write, gpointer sink, CspExportCsvFlags flags,
             GCancellable *cancellable, GError **error)
{
  g_autoptr (GString) buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  guint n_columns = csp_export_table_get_n_columns (table);
  gboolean has_row = FALSE;

  if (!(flags & CSP_EXPORT_CSV_NO_BOM))
    g_string_append (buffer, "\xef\xbb\xbf");
  for (guint i = 0; i < n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (buffer, ',');
      csp_export_csv_append_field (buffer, csp_export_table_get_header (table, i));
    }
  g_string_append (buffer, "\r\n");

  for (;;)
    {
      if (!csp_export_table_next (table, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      for (guint i = 0; i < n_columns; i++)
        {
          if (i > 0)
            g_string_append_c (buffer, ',');
          csp_export_csv_append_field (buffer, csp_export_table_get_cell (table, i)->text);
        }
      g_string_append (buffer, "\r\n");
      if (buffer->len >= FLUSH_SIZE && !flush (buffer, write, sink, cancellable, error))
        return FALSE;
    }
  return flush (buffer, write, sink, cancellable, error);
}

/**
 * csp_export_csv_write_table:
 *
 * Writes @table's header and every row to @stream.
 */
gboolean
csp_export_csv_write_table (CspExportTable *table, GOutputStream *stream, CspExportCsvFlags flags,
                            GCancellable *cancellable, GError **error)
{
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  return write_table (table, write_stream, stream, flags, cancellable, error);
}

/**
 * csp_export_csv:
 * @file: the file to write; an existing one is replaced only once the new
 *   one is complete
 *
 * Writes the records of @kind to @file, with the columns an import of
 * @kind reads.
 */
gboolean
csp_export_csv (CspDatabase *database, CspImportKind kind, GFile *file, CspExportCsvFlags flags,
                GCancellable *cancellable, GError **error)
{
  g_autoptr (CspExportTable) table = NULL;

  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  table = csp_export_table_new (database, kind, NULL, error);
  return table != NULL && csp_export_csv_table (table, file, flags, cancellable, error);
}

/**
 * csp_export_csv_table:
 * @table: a table before its first row
 * @file: the file to write, on this computer; an existing one is replaced
 *   only once the new one is complete, and a symbolic link is refused
 *
 * Writes the table's rows to @file as CSV, through a #CspFileWriter.
 *
 * Returns: whether it was written; a #GFileError naming the file if not
 */
gboolean
csp_export_csv_table (CspExportTable *table, GFile *file, CspExportCsvFlags flags,
                      GCancellable *cancellable, GError **error)
{
  g_autoptr (CspFileWriter) writer = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("Could not write “%s”: only files on this computer can be written"), name);
      return FALSE;
    }
  writer = csp_file_writer_new (path, CSP_FILE_WRITER_NONE, error);
  return writer != NULL && write_table (table, write_file, writer, flags, cancellable, error) &&
         csp_file_writer_commit (writer, error);
}

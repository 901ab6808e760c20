/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-export-xlsx"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "csp-export-xlsx.h"
#include "csp-file-writer.h"

/* Every list as a sheet of an Excel workbook, written with libxlsxwriter
 * in its constant-memory mode (row after row, so a long list costs little
 * memory). Cells are typed: dates are dates (shown dd/mm/yyyy), months
 * dates of their first day (shown as "Jun 2021"), numbers numbers, yes/no
 * booleans, the rest text. Each sheet has a bold header row that stays in
 * view (frozen) with a filter, and columns as wide as their contents.
 *
 * Text is always a string cell, never a formula; a text that a
 * spreadsheet could read as one (=, +, -, @, tab or carriage return
 * first) also gets the Text number format, so that editing the cell does
 * not turn it into a formula either. */

/* Excel's longest text in a cell, in characters. */
#define MAX_CELL_CHARS 32767
#define MIN_WIDTH 8
#define MAX_WIDTH 60

typedef struct
{
  lxw_format *header;
  lxw_format *date;
  lxw_format *month;
  lxw_format *text;
} Formats;

static gboolean
check (lxw_error result, const char *path, GError **error)
{
  if (result == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _ ("Could not write “%s”: %s"), path,
               lxw_strerror (result));
  return FALSE;
}

/* A sheet name Excel accepts: at most 31 characters, none of []:*?/\ */
static char *
sheet_name (const char *title)
{
  g_autofree char *clean = g_strdup (title);
  const char *end;

  g_strdelimit (clean, "[]:*?/\\", '-');
  if (g_utf8_strlen (clean, -1) <= 31)
    return g_steal_pointer (&clean);
  end = g_utf8_offset_to_pointer (clean, 31);
  return g_strndup (clean, (gsize) (end - clean));
}

static guint
display_width (const CspExportCell *cell)
{
  const char *newline;
  glong length;

  switch (cell->type)
    {
    case CSP_EXPORT_CELL_DATE:
      return 10;
    case CSP_EXPORT_CELL_MONTH:
      return 8;
    case CSP_EXPORT_CELL_BOOL:
      return 5;
    case CSP_EXPORT_CELL_EMPTY:
      return 0;
    case CSP_EXPORT_CELL_NUMBER:
    case CSP_EXPORT_CELL_TEXT:
    default:
      newline = strchr (cell->text, '\n');
      length = newline != NULL ? g_utf8_strlen (cell->text, newline - cell->text)
                               : g_utf8_strlen (cell->text, -1);
      return (guint) MIN (length, MAX_WIDTH);
    }
}

static lxw_error
write_cell (lxw_worksheet *sheet, lxw_row_t row, lxw_col_t col, const CspExportCell *cell,
            Formats *formats)
{
  lxw_datetime when = { 0 };
  const char *text = cell->text;
  g_autofree char *shortened = NULL;

  switch (cell->type)
    {
    case CSP_EXPORT_CELL_EMPTY:
      return LXW_NO_ERROR;
    case CSP_EXPORT_CELL_NUMBER:
      return worksheet_write_number (sheet, row, col, (double) cell->number, NULL);
    case CSP_EXPORT_CELL_BOOL:
      return worksheet_write_boolean (sheet, row, col, cell->number != 0, NULL);
    case CSP_EXPORT_CELL_DATE:
    case CSP_EXPORT_CELL_MONTH:
      if (sscanf (text, "%4d-%2d-%2d", &when.year, &when.month, &when.day) >=
          (cell->type == CSP_EXPORT_CELL_DATE ? 3 : 2))
        {
          if (cell->type == CSP_EXPORT_CELL_MONTH)
            when.day = 1;
          return worksheet_write_datetime (sheet, row, col, &when,
                                           cell->type == CSP_EXPORT_CELL_DATE ? formats->date
                                                                              : formats->month);
        }
      /* Not a date after all: keep it as it is. */
      return worksheet_write_string (sheet, row, col, text, formats->text);
    case CSP_EXPORT_CELL_TEXT:
    default:
      if (g_utf8_strlen (text, -1) > MAX_CELL_CHARS)
        text = shortened =
            g_strndup (text, (gsize) (g_utf8_offset_to_pointer (text, MAX_CELL_CHARS) - text));
      return worksheet_write_string (sheet, row, col, text,
                                     csp_export_needs_neutralizing (text) ? formats->text : NULL);
    }
}

static gboolean
write_sheet (lxw_workbook *workbook, CspExportTable *table, Formats *formats, const char *path,
             GCancellable *cancellable, GError **error)
{
  g_autofree char *name = sheet_name (csp_export_table_get_title (table));
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, name);
  guint n_columns = csp_export_table_get_n_columns (table);
  g_autofree guint *widths = g_new0 (guint, n_columns);
  lxw_row_t row = 0;
  gboolean has_row = FALSE;

  if (sheet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _ ("Could not write “%s”: cannot add the sheet “%s”"), path, name);
      return FALSE;
    }
  for (guint i = 0; i < n_columns; i++)
    {
      const char *header = csp_export_table_get_header (table, i);

      widths[i] = (guint) MIN (g_utf8_strlen (header, -1) + 2, MAX_WIDTH);
      if (!check (worksheet_write_string (sheet, 0, (lxw_col_t) i, header, formats->header), path,
                  error))
        return FALSE;
    }
  for (;;)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !csp_export_table_next (table, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      if (row + 1 >= LXW_ROW_MAX)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _ ("Could not write “%s”: the list “%s” has more rows than a sheet holds"),
                       path, name);
          return FALSE;
        }
      row++;
      for (guint i = 0; i < n_columns; i++)
        {
          const CspExportCell *cell = csp_export_table_get_cell (table, i);

          widths[i] = MAX (widths[i], display_width (cell) + 1);
          if (!check (write_cell (sheet, row, (lxw_col_t) i, cell, formats), path, error))
            return FALSE;
        }
    }
  for (guint i = 0; i < n_columns; i++)
    worksheet_set_column (sheet, (lxw_col_t) i, (lxw_col_t) i, MAX (widths[i], MIN_WIDTH), NULL);
  worksheet_freeze_panes (sheet, 1, 0);
  if (n_columns > 0)
    worksheet_autofilter (sheet, 0, 0, row, (lxw_col_t) (n_columns - 1));
  return TRUE;
}

static CspExportTable *
open_table (CspDatabase *database, guint index, GError **error)
{
  guint n_types = 0;
  const GType *types = csp_export_list_other_types (&n_types);

  if (index < CSP_IMPORT_N_KINDS)
    return csp_export_table_new (database, (CspImportKind) index, NULL, error);
  return csp_export_table_new_for_type (database, types[index - CSP_IMPORT_N_KINDS], error);
}

/* A workbook written through a #CspFileWriter: libxlsxwriter writes by
 * name, so it is given the temporary file's, and the finished workbook
 * replaces the target only once complete. */
typedef struct
{
  lxw_workbook *workbook;
  CspFileWriter *writer;
  Formats formats;
} Workbook;

static gboolean
workbook_open (Workbook *book, const char *path, GError **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };

  book->writer = csp_file_writer_new (path, CSP_FILE_WRITER_NONE, error);
  if (book->writer == NULL)
    return FALSE;
  book->workbook = workbook_new_opt (csp_file_writer_get_temporary_path (book->writer), &options);
  if (book->workbook == NULL)
    {
      csp_file_writer_fail (book->writer, _ ("the workbook could not be started"), error);
      g_clear_pointer (&book->writer, csp_file_writer_free);
      return FALSE;
    }
  book->formats.header = workbook_add_format (book->workbook);
  format_set_bold (book->formats.header);
  format_set_bottom (book->formats.header, LXW_BORDER_THIN);
  book->formats.date = workbook_add_format (book->workbook);
  format_set_num_format (book->formats.date, "dd/mm/yyyy");
  book->formats.month = workbook_add_format (book->workbook);
  format_set_num_format (book->formats.month, "mmm yyyy");
  book->formats.text = workbook_add_format (book->workbook);
  format_set_num_format (book->formats.text, "@");
  return TRUE;
}

/* Finishes the workbook and puts it in place if @ok, else throws it away. */
static gboolean
workbook_finish (Workbook *book, gboolean ok, GError **error)
{
  g_autoptr (CspFileWriter) writer = g_steal_pointer (&book->writer);
  lxw_error result;

  /* A workbook that failed is dropped without being written out. */
  if (!ok)
    {
      lxw_workbook_free (g_steal_pointer (&book->workbook));
      return FALSE;
    }
  result = workbook_close (g_steal_pointer (&book->workbook));
  if (result != LXW_NO_ERROR)
    {
      csp_file_writer_fail (writer, lxw_strerror (result), error);
      return FALSE;
    }
  return csp_file_writer_commit (writer, error);
}

/**
 * csp_export_xlsx:
 * @path: the workbook to write; an existing file is replaced only once the
 *   new one is complete
 * @progress: (nullable) (scope call): told how far the export is
 *
 * Writes every list to @path as a sheet: activities, the action plan and
 * the monthly figures (with the columns an import reads), then partners,
 * channels, plans, priorities, metrics, progress updates, risks and
 * meetings.
 */
gboolean
csp_export_xlsx (CspDatabase *database, const char *path, CspExportProgressFunc progress,
                 gpointer user_data, GCancellable *cancellable, GError **error)
{
  Workbook book = { 0 };
  guint n_other = 0;
  guint n_tables;
  gboolean ok = TRUE;

  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csp_export_list_other_types (&n_other);
  n_tables = CSP_IMPORT_N_KINDS + n_other;
  if (!workbook_open (&book, path, error))
    return FALSE;
  for (guint i = 0; i < n_tables && ok; i++)
    {
      g_autoptr (CspExportTable) table = open_table (database, i, error);

      ok = table != NULL &&
           write_sheet (book.workbook, table, &book.formats, path, cancellable, error);
      if (ok && progress != NULL)
        progress ((double) (i + 1) / n_tables, user_data);
    }
  return workbook_finish (&book, ok, error);
}

/**
 * csp_export_xlsx_table:
 * @table: a table before its first row
 * @path: the workbook to write; an existing file is replaced only once the
 *   new one is complete
 *
 * Writes one list to @path, as a workbook of one sheet.
 */
gboolean
csp_export_xlsx_table (CspExportTable *table, const char *path, GCancellable *cancellable,
                       GError **error)
{
  Workbook book = { 0 };

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!workbook_open (&book, path, error))
    return FALSE;
  return workbook_finish (
      &book, write_sheet (book.workbook, table, &book.formats, path, cancellable, error), error);
}

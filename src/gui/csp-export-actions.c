/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-export-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <xlsxwriter.h>

#include "csp-activities-page.h"
#include "csp-export-actions.h"
#include "csp-export-csv.h"
#include "csp-export-xlsx.h"
#include "csp-query-model.h"
#include "csp-records.h"

/* Export from the window: the activities the list shows (its filters and
 * search, all pages of it), as CSV or XLSX by the file's extension, and
 * every list as one workbook.
 *
 * The core's export table reads a whole table; it has no filter and does
 * not say which record a row is. So the rows are walked beside the ids of
 * the same table in the same order, and only those the query matches are
 * written; the title of each row is compared so that a change of the
 * core's order fails loudly rather than exporting the wrong rows. */

/* Must match the order of csp_export_table_new() for activities. */
#define ACTIVITY_ORDER "start_date, id"

typedef struct
{
  CspExportTable *table;
  sqlite3_stmt *ids;
  GHashTable *wanted; /* gint64 * id, the query's rows */
  CspDatabase *database;
} FilteredRows;

static void
filtered_rows_clear (FilteredRows *rows)
{
  g_clear_pointer (&rows->table, csp_export_table_free);
  g_clear_pointer (&rows->ids, sqlite3_finalize);
  g_clear_pointer (&rows->wanted, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FilteredRows, filtered_rows_clear)

static gboolean
filtered_rows_start (FilteredRows *rows, CspStore *store, const CspQuery *query, GError **error)
{
  CspQuery all = *query;
  g_autoptr (GPtrArray) records = NULL;
  const CspTableInfo *info = csp_record_type_get_info (CSP_TYPE_ACTIVITY);
  g_autofree char *sql = NULL;

  /* Every matching row, not the page the list happens to hold. */
  all.offset = 0;
  all.limit = 0;
  records = csp_store_list (store, CSP_TYPE_ACTIVITY, &all, error);
  if (records == NULL)
    return FALSE;
  rows->wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < records->len; i++)
    {
      gint64 id = csp_record_get_id (g_ptr_array_index (records, i));
      g_hash_table_add (rows->wanted, g_memdup2 (&id, sizeof id));
    }
  rows->database = csp_store_get_database (store);
  rows->table = csp_export_table_new (rows->database, CSP_IMPORT_ACTIVITIES, error);
  if (rows->table == NULL)
    return FALSE;
  /* The table name comes from the static table description. */
  sql = g_strdup_printf ("SELECT id, title FROM %s ORDER BY " ACTIVITY_ORDER, info->table);
  rows->ids = csp_database_prepare (rows->database, sql, error);
  return rows->ids != NULL;
}

/* Moves to the next row the query matches. */
static gboolean
filtered_rows_next (FilteredRows *rows, gboolean *has_row, GError **error)
{
  for (;;)
    {
      gboolean has_id = FALSE;
      gint64 id;
      const char *title;

      if (!csp_export_table_next (rows->table, has_row, error) ||
          !csp_database_step_row (rows->database, rows->ids, &has_id, error))
        return FALSE;
      if (!*has_row || !has_id)
        {
          *has_row = FALSE;
          return TRUE;
        }
      id = sqlite3_column_int64 (rows->ids, 0);
      title = (const char *) sqlite3_column_text (rows->ids, 1);
      if (g_strcmp0 (title != NULL ? title : "",
                     csp_export_table_get_cell (rows->table, 0)->text) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _ ("The activities could not be matched to the list’s filter; "
                          "nothing was exported"));
          return FALSE;
        }
      if (g_hash_table_contains (rows->wanted, &id))
        return TRUE;
    }
}

static gboolean
write_csv (FilteredRows *rows, GFile *file, GError **error)
{
  g_autoptr (GFileOutputStream) stream = NULL;
  g_autoptr (GString) line = g_string_new ("\xef\xbb\xbf");
  guint n_columns = csp_export_table_get_n_columns (rows->table);
  gboolean has_row = FALSE;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  for (guint i = 0; i < n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (line, ',');
      csp_export_csv_append_field (line, csp_export_table_get_header (rows->table, i));
    }
  g_string_append (line, "\r\n");
  for (;;)
    {
      if (!filtered_rows_next (rows, &has_row, error))
        return FALSE;
      if (!has_row)
        break;
      for (guint i = 0; i < n_columns; i++)
        {
          if (i > 0)
            g_string_append_c (line, ',');
          csp_export_csv_append_field (line, csp_export_table_get_cell (rows->table, i)->text);
        }
      g_string_append (line, "\r\n");
      if (line->len > 64 * 1024)
        {
          if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), line->str, line->len, NULL,
                                          NULL, error))
            return FALSE;
          g_string_truncate (line, 0);
        }
    }
  return g_output_stream_write_all (G_OUTPUT_STREAM (stream), line->str, line->len, NULL, NULL,
                                    error) &&
         g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static gboolean
xlsx_check (lxw_error result, const char *path, GError **error)
{
  if (result == LXW_NO_ERROR)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Could not write “%s”: %s"), path,
               lxw_strerror (result));
  return FALSE;
}

static gboolean
write_xlsx_cell (lxw_worksheet *sheet, lxw_row_t row, lxw_col_t col, const CspExportCell *cell,
                 lxw_format *date_format, const char *path, GError **error)
{
  switch (cell->type)
    {
    case CSP_EXPORT_CELL_EMPTY:
      return TRUE;
    case CSP_EXPORT_CELL_NUMBER:
      return xlsx_check (worksheet_write_number (sheet, row, col, (double) cell->number, NULL),
                         path, error);
    case CSP_EXPORT_CELL_BOOL:
      return xlsx_check (worksheet_write_boolean (sheet, row, col, (int) cell->number, NULL), path,
                         error);
    case CSP_EXPORT_CELL_DATE:
      {
        int y = 0, m = 0, d = 0;

        if (sscanf (cell->text, "%4d-%2d-%2d", &y, &m, &d) == 3)
          {
            lxw_datetime date = { y, m, d, 0, 0, 0 };
            return xlsx_check (worksheet_write_datetime (sheet, row, col, &date, date_format), path,
                               error);
          }
      }
      G_GNUC_FALLTHROUGH;
    case CSP_EXPORT_CELL_TEXT:
    case CSP_EXPORT_CELL_MONTH:
    default:
      /* A string cell, never a formula, whatever the text starts with. */
      return xlsx_check (worksheet_write_string (sheet, row, col, cell->text, NULL), path, error);
    }
}

static gboolean
write_xlsx (FilteredRows *rows, const char *path, GError **error)
{
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet;
  lxw_format *bold, *date_format;
  guint n_columns = csp_export_table_get_n_columns (rows->table);
  gboolean has_row = FALSE, ok = TRUE;
  lxw_row_t row = 0;

  if (workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Could not write “%s”"), path);
      return FALSE;
    }
  sheet = workbook_add_worksheet (workbook, _ ("Activities"));
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  date_format = workbook_add_format (workbook);
  format_set_num_format (date_format, "dd/mm/yyyy");
  for (guint i = 0; ok && i < n_columns; i++)
    ok = xlsx_check (worksheet_write_string (sheet, 0, (lxw_col_t) i,
                                             csp_export_table_get_header (rows->table, i), bold),
                     path, error);
  while (ok)
    {
      if (!filtered_rows_next (rows, &has_row, error))
        {
          ok = FALSE;
          break;
        }
      if (!has_row)
        break;
      row++;
      for (guint i = 0; ok && i < n_columns; i++)
        ok = write_xlsx_cell (sheet, row, (lxw_col_t) i, csp_export_table_get_cell (rows->table, i),
                              date_format, path, error);
    }
  if (ok)
    {
      worksheet_set_column (sheet, 0, (lxw_col_t) MAX (n_columns, 1) - 1, 16, NULL);
      worksheet_freeze_panes (sheet, 1, 0);
    }
  if (!xlsx_check (workbook_close (workbook), path, ok ? error : NULL))
    ok = FALSE;
  return ok;
}

/**
 * csp_export_activities_write:
 * @query: the list's query; its offset and limit are ignored
 * @file: a ".xlsx" file gets a workbook, any other a CSV file
 *
 * Writes the activities @query matches, with the columns an import reads.
 *
 * Returns: %FALSE with @error set if the file could not be written
 */
gboolean
csp_export_activities_write (CspStore *store, const CspQuery *query, GFile *file, GError **error)
{
  g_auto (FilteredRows) rows = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;
  CspQuery none = { 0 };

  g_return_val_if_fail (CSP_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!filtered_rows_start (&rows, store, query != NULL ? query : &none, error))
    return FALSE;
  path = g_file_get_path (file);
  lower = path != NULL ? g_ascii_strdown (path, -1) : NULL;
  if (lower != NULL && g_str_has_suffix (lower, ".xlsx"))
    return write_xlsx (&rows, path, error);
  return write_csv (&rows, file, error);
}

/**
 * csp_export_get_page_query:
 * @activities_page: a #CspActivitiesPage
 *
 * Returns: (transfer none) (nullable): the query of the page's list
 */
const CspQuery *
csp_export_get_page_query (GtkWidget *activities_page)
{
  GtkColumnView *view;
  GtkSelectionModel *selection;
  GListModel *model;

  g_return_val_if_fail (CSP_IS_ACTIVITIES_PAGE (activities_page), NULL);

  view = csp_activities_page_get_column_view (CSP_ACTIVITIES_PAGE (activities_page));
  selection = gtk_column_view_get_model (view);
  if (!GTK_IS_SINGLE_SELECTION (selection))
    return NULL;
  model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));
  return CSP_IS_QUERY_MODEL (model) ? csp_query_model_get_query (CSP_QUERY_MODEL (model)) : NULL;
}

static AdwToastOverlay *
find_toast_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *overlay = find_toast_overlay (child);
      if (overlay != NULL)
        return overlay;
    }
  return NULL;
}

static void
report (GtkWindow *parent, const char *heading, const GError *error, GFile *file)
{
  AdwToastOverlay *overlay = parent != NULL ? find_toast_overlay (GTK_WIDGET (parent)) : NULL;

  if (error == NULL && overlay != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf (_ ("Exported to “%s”"), name);
      adw_toast_overlay_add_toast (overlay, adw_toast_new (message));
      return;
    }
  {
    GtkWidget *dialog =
        adw_message_dialog_new (parent, heading, error != NULL ? error->message : NULL);
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

typedef struct
{
  CspContext *context;
  CspQuery *query; /* NULL for the workbook */
  GtkWindow *parent;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->context);
  g_clear_pointer (&data->query, csp_query_free);
  g_clear_weak_pointer (&data->parent);
  g_free (data);
}

static void
save_response_cb (GtkNativeDialog *dialog, int response, SaveData *data)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    {
      CspStore *store = csp_context_get_store (data->context);

      if (data->query != NULL)
        ok = csp_export_activities_write (store, data->query, file, &error);
      else
        {
          g_autofree char *path = g_file_get_path (file);

          ok = path != NULL &&
               csp_export_xlsx (csp_store_get_database (store), path, NULL, NULL, NULL, &error);
          if (!ok && error == NULL)
            g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _ ("Only local files can be written"));
        }
      report (data->parent, _ ("Export Failed"), ok ? NULL : error, file);
    }
  save_data_free (data);
  g_object_unref (dialog);
}

static void
show_save_dialog (GtkWindow *parent, const char *title, const char *name, gboolean with_csv,
                  SaveData *data)
{
  GtkFileChooserNative *dialog = gtk_file_chooser_native_new (
      title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  g_autoptr (GtkFileFilter) xlsx = gtk_file_filter_new ();

  if (with_csv)
    {
      g_autoptr (GtkFileFilter) csv = gtk_file_filter_new ();

      gtk_file_filter_set_name (csv, _ ("CSV files"));
      gtk_file_filter_add_suffix (csv, "csv");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
    }
  gtk_file_filter_set_name (xlsx, _ ("Excel workbooks"));
  gtk_file_filter_add_suffix (xlsx, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), xlsx);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_set_weak_pointer (&data->parent, parent);
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/**
 * csp_export_activities_to_file:
 * @query: (nullable): the rows to export, as the list filters them
 *
 * Asks where to save, then writes the activities @query matches: a
 * workbook if the name ends in ".xlsx", else CSV.
 */
void
csp_export_activities_to_file (GtkWindow *parent, CspContext *context, const CspQuery *query)
{
  SaveData *data;
  CspQuery none = { 0 };

  g_return_if_fail (CSP_IS_CONTEXT (context));

  data = g_new0 (SaveData, 1);
  data->context = g_object_ref (context);
  data->query = csp_query_copy (query != NULL ? query : &none);
  show_save_dialog (parent, _ ("Export Activities"), _ ("Activities.csv"), TRUE, data);
}

/**
 * csp_export_workbook_to_file:
 *
 * Asks where to save, then writes every list as a sheet of one workbook.
 */
void
csp_export_workbook_to_file (GtkWindow *parent, CspContext *context)
{
  SaveData *data;

  g_return_if_fail (CSP_IS_CONTEXT (context));

  data = g_new0 (SaveData, 1);
  data->context = g_object_ref (context);
  show_save_dialog (parent, _ ("Export Workbook"), _ ("CSP Engage.xlsx"), FALSE, data);
}

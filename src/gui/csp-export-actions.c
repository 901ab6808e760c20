/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-export-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-export-actions.h"
#include "csp-export-csv.h"
#include "csp-export-xlsx.h"
#include "csp-gui.h"
#include "csp-records.h"

/* Export from the window: the list the page shows (for activities, with
 * the list's filters and search, all pages of it, in its order), as CSV or
 * XLSX by the file's extension, and every list as one workbook. */

/**
 * csp_export_table_to_file:
 * @table: a table before its first row
 * @file: a ".xlsx" file gets a workbook of one sheet, any other a CSV file
 *
 * Returns: %FALSE with @error set if the file could not be written
 */
gboolean
csp_export_table_to_file (CspExportTable *table, GFile *file, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  lower = path != NULL ? g_ascii_strdown (path, -1) : NULL;
  if (lower != NULL && g_str_has_suffix (lower, ".xlsx"))
    return csp_export_xlsx_table (table, path, NULL, error);
  return csp_export_csv_table (table, file, CSP_EXPORT_CSV_FLAGS_NONE, NULL, error);
}

/**
 * csp_export_save:
 * @parent: (nullable): the window the export was asked for in
 * @table: (nullable): the list to write, before its first row; %NULL for
 *   every list, as one workbook
 * @file: where to write: XLSX when its name ends in .xlsx, else CSV (a
 *   workbook is always XLSX)
 *
 * Writes the export, and says how it went: when written, in a toast in
 * @parent; when not, in a dialog that says why and waits to be read.
 *
 * Returns: whether it was written
 */
gboolean
csp_export_save (GtkWindow *parent, CspContext *context, CspExportTable *table, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gboolean ok;

  g_return_val_if_fail (CSP_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (table != NULL)
    ok = csp_export_table_to_file (table, file, &error);
  else
    {
      g_autofree char *path = g_file_get_path (file);
      CspStore *store = csp_context_get_store (context);

      ok = path != NULL &&
           csp_export_xlsx (csp_store_get_database (store), path, NULL, NULL, NULL, &error);
      if (!ok && error == NULL)
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     _ ("Only local files can be written"));
    }
  name = g_file_get_basename (file);
  message = g_strdup_printf (_ ("Exported to “%s”"), name);
  csp_gui_report (parent, ok ? NULL : error, _ ("Export Failed"), message);
  return ok;
}

typedef struct
{
  CspContext *context;
  CspExportTable *table; /* NULL for the workbook */
  GtkWindow *parent;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->context);
  g_clear_pointer (&data->table, csp_export_table_free);
  g_clear_weak_pointer (&data->parent);
  g_free (data);
}

static void
save_response_cb (GtkNativeDialog *dialog, int response, SaveData *data)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    csp_export_save (data->parent, data->context, data->table, file);
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
 * csp_export_list_to_file:
 * @table: (transfer full): the list, before its first row
 *
 * Asks where to write @table, as CSV or XLSX, and writes it there.
 */
void
csp_export_list_to_file (GtkWindow *parent, CspContext *context, CspExportTable *table)
{
  SaveData *data;
  g_autofree char *name = NULL;

  g_return_if_fail (CSP_IS_CONTEXT (context));
  g_return_if_fail (table != NULL);

  data = g_new0 (SaveData, 1);
  data->context = g_object_ref (context);
  data->table = table;
  name = g_strdup_printf ("%s.csv", csp_export_table_get_title (table));
  show_save_dialog (parent, _ ("Export List"), name, TRUE, data);
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

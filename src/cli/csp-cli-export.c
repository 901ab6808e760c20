/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-cli.h"
#include "csp-export-csv.h"
#include "csp-export-xlsx.h"

int
csp_cli_export_csv (const char *database_path, int argc, char **argv)
{
  gboolean no_bom = FALSE;
  const GOptionEntry entries[] = {
    { "no-bom", 0, 0, G_OPTION_ARG_NONE, &no_bom,
      N_ ("Leave out the byte order mark that tells Excel the file is UTF-8"), NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("LIST FILE"));
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspExportTable) table = NULL;
  g_autoptr (GFile) file = NULL;
  GError *error = NULL;
  CspImportKind kind;
  GType record_type = G_TYPE_INVALID;
  int status = CSP_CLI_EXIT_OK;

  g_option_context_set_summary (
      context, _ ("Write a list to a CSV file (RFC 4180, UTF-8). LIST is activities, metrics "
                  "(the monthly figures), actions or meetings, which import-csv reads back, or "
                  "partners, channels, plans, priorities, channel-metrics, progress-updates, "
                  "risks or chart-events."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!csp_cli_parse_command (context, &argc, &argv, 2, &status))
    return status;
  if (!csp_import_kind_from_string (argv[1], &kind) &&
      !csp_export_list_from_name (argv[1], &record_type))
    {
      g_autofree char *message = g_strdup_printf (
          _ ("“%s” is not a list to export: use activities, metrics, actions, meetings, "
             "partners, channels, plans, priorities, channel-metrics, progress-updates, risks "
             "or chart-events"),
          argv[1]);
      return csp_cli_usage_error (context, message);
    }

  database = csp_cli_open_database_read_only (database_path, &error);
  if (database == NULL)
    return csp_cli_fail (error);
  table = record_type != G_TYPE_INVALID
              ? csp_export_table_new_for_type (database, record_type, &error)
              : csp_export_table_new (database, kind, NULL, &error);
  file = g_file_new_for_commandline_arg (argv[2]);
  if (table == NULL ||
      !csp_export_csv_table (
          table, file, no_bom ? CSP_EXPORT_CSV_NO_BOM : CSP_EXPORT_CSV_FLAGS_NONE, NULL, &error))
    return csp_cli_fail (error);
  g_print (_ ("Exported %s to %s\n"), argv[1], argv[2]);
  return CSP_CLI_EXIT_OK;
}

int
csp_cli_export_xlsx (const char *database_path, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("FILE"));
  g_autoptr (CspDatabase) database = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;

  g_option_context_set_summary (context, _ ("Write every list to an Excel workbook, one sheet "
                                            "each, with dates as dates and numbers as numbers."));
  if (!csp_cli_parse_command (context, &argc, &argv, 1, &status))
    return status;

  database = csp_cli_open_database_read_only (database_path, &error);
  if (database == NULL || !csp_export_xlsx (database, argv[1], NULL, NULL, NULL, &error))
    return csp_cli_fail (error);
  g_print (_ ("Exported every list to %s\n"), argv[1]);
  return CSP_CLI_EXIT_OK;
}

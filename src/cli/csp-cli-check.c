/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-maintenance.h"
#include "csp-cli.h"

int
csp_cli_check (const char *database_path, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspCheckReport) report = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;

  g_option_context_set_summary (context, _ ("Check the database: the engine's integrity check "
                                            "(SQLite's quick_check), the engine and schema "
                                            "versions and the rows in each table."));
  if (!csp_cli_parse_command (context, &argc, &argv, 0, &status))
    return status;

  database = csp_cli_open_database_read_only (database_path, &error);
  if (database == NULL)
    return csp_cli_fail (error);
  report = csp_database_check (database, &error);
  if (report == NULL)
    return csp_cli_fail (error);

  g_print (_ ("Database: %s\n"), csp_database_get_location (database));
  g_print (_ ("Engine: %s\n"), report->engine_version);
  g_print (_ ("Schema version: %d (this program knows up to %d)\n"), report->schema_version,
           csp_database_get_latest_schema_version (csp_database_get_engine (database)));
  g_print (_ ("Integrity: %s\n"), report->ok ? _ ("ok") : _ ("PROBLEMS FOUND"));
  for (guint i = 0; i < report->problems->len; i++)
    g_print ("  %s\n", (const char *) g_ptr_array_index (report->problems, i));
  g_print (_ ("Rows:\n"));
  for (guint i = 0; i < report->table_names->len; i++)
    {
      gint64 count = g_array_index (report->row_counts, gint64, i);
      g_autofree char *count_text =
          count >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, count) : g_strdup (_ ("unreadable"));

      g_print ("  %-18s %10s\n", (const char *) g_ptr_array_index (report->table_names, i),
               count_text);
    }
  if (!report->ok)
    {
      g_printerr (_ ("csp-engage-cli: %s is damaged; restore it from a backup\n"),
                  csp_database_get_location (database));
      return CSP_CLI_EXIT_FAILED;
    }
  return CSP_CLI_EXIT_OK;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-cli.h"
#include "csp-database-copy.h"

static void
progress_cb (const char *table, gpointer user_data)
{
  g_printerr (_ ("Copying %s…\n"), table);
}

int
csp_cli_copy (const char *database_path, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (CspDatabase) source = NULL;
  g_autoptr (CspDatabase) target = NULL;
  g_autofree char *to = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to,
      N_ ("The new database: a file, or an empty database on a server "
          "(postgresql://… or service=NAME)"),
      N_ ("TARGET") },
    G_OPTION_ENTRY_NULL,
  };

  g_option_context_set_summary (
      context, _ ("Copy the whole database, every record, id and audit entry, into TARGET: "
                  "from a file to a team server or back. TARGET must be new or empty; the "
                  "copy is made in one transaction, so it is whole or not at all."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!csp_cli_parse_command (context, &argc, &argv, 0, &status))
    return status;
  if (to == NULL)
    return csp_cli_usage_error (context, _ ("say where to copy to with --to TARGET"));

  source = csp_cli_open_database_read_only (database_path, &error);
  if (source == NULL)
    return csp_cli_fail (error);
  target = csp_cli_open_database (to, TRUE, &error);
  if (target == NULL || !csp_database_copy (source, target, progress_cb, NULL, &error))
    return csp_cli_fail (error);
  g_print (_ ("Copied %s to %s\n"), csp_database_get_location (source),
           csp_database_get_location (target));
  return CSP_CLI_EXIT_OK;
}

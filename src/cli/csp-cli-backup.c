/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-maintenance.h"
#include "csp-cli.h"

int
csp_cli_backup (const char *database_path, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("FILE"));
  g_autoptr (CspDatabase) database = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;

  g_option_context_set_summary (context, _ ("Copy the database to FILE while it may be in use. "
                                            "The copy is verified before it replaces FILE."));
  if (!csp_cli_parse_command (context, &argc, &argv, 1, &status))
    return status;

  database = csp_cli_open_database_read_only (database_path, &error);
  if (database == NULL || !csp_database_backup (database, argv[1], &error))
    return csp_cli_fail (error);
  g_print (_ ("Backed up %s to %s\n"), csp_database_get_location (database), argv[1]);
  return CSP_CLI_EXIT_OK;
}

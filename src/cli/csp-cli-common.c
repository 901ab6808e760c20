/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-cli.h"

int
csp_cli_fail (GError *error)
{
  g_printerr ("csp-engage-cli: %s\n", error->message);
  g_error_free (error);
  return CSP_CLI_EXIT_FAILED;
}

int
csp_cli_usage_error (GOptionContext *context, const char *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("csp-engage-cli: %s\n\n%s", message, help);
  return CSP_CLI_EXIT_USAGE;
}

/* Opens the database the command line names: a file or a server. Only
 * `init` may bring a new one into being: for any other command a missing
 * file is a mistyped path (or an empty server database the wrong one),
 * and creating a database there would hide the mistake. */
CspDatabase *
csp_cli_open_database (const char *explicit_location, gboolean create, GError **error)
{
  g_autofree char *location = csp_database_resolve_location (explicit_location, error);

  if (location == NULL)
    return NULL;
  return csp_database_open_full (location,
                                 create ? CSP_DATABASE_OPEN_CREATE : CSP_DATABASE_OPEN_NONE,
                                 CSP_DATABASE_BUSY_TIMEOUT_MS, error);
}

/**
 * csp_cli_open_database_read_only:
 *
 * Opens the database the command line names only to read it, for the
 * commands that change nothing (check, stats, export-csv, export-xlsx,
 * report, chart, backup): they work on a read-only file or folder, on
 * read-only media, and while another program writes, and never modify the
 * database, damaged or not.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
CspDatabase *
csp_cli_open_database_read_only (const char *explicit_location, GError **error)
{
  g_autofree char *location = csp_database_resolve_location (explicit_location, error);

  if (location == NULL)
    return NULL;
  return csp_database_open_full (location, CSP_DATABASE_OPEN_READ_ONLY,
                                 CSP_DATABASE_BUSY_TIMEOUT_MS, error);
}

/* Parses a command's own options; leaves its positional arguments in argv. */
gboolean
csp_cli_parse_command (GOptionContext *context, int *argc, char ***argv, int n_positional,
                       int *status)
{
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = csp_cli_usage_error (context, error->message);
      return FALSE;
    }
  if (*argc - 1 != n_positional)
    {
      *status = csp_cli_usage_error (context, *argc - 1 < n_positional ? _ ("missing argument")
                                                                       : _ ("too many arguments"));
      return FALSE;
    }
  return TRUE;
}

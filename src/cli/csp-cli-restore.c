/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "csp-cli.h"
#include "csp-database-restore.h"

/* Asks on the terminal; without one, only --yes confirms. */
static gboolean
confirm (const char *location, const char *backup)
{
  char answer[16] = "";

  if (!isatty (STDIN_FILENO))
    return FALSE;
  g_print (_ ("Replace %s with the backup %s? The database as it is now is kept in its "
              "backups folder. [y/N] "),
           location, backup);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  /* TRANSLATORS: the first letter of the answer "yes" to the question above */
  return g_ascii_tolower (answer[0]) == g_ascii_tolower (*C_ ("answer", "y"));
}

int
csp_cli_restore (const char *database_path, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("FILE"));
  g_autofree char *location = NULL;
  g_autofree char *kept = NULL;
  const char *shown;
  gboolean yes = FALSE;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_ ("Replace the database without asking"), NULL },
    G_OPTION_ENTRY_NULL,
  };

  g_option_context_set_summary (
      context, _ ("Put the backup FILE in place of the database, once a copy of it has passed "
                  "its check. The database it replaces is kept in the “backups” folder beside "
                  "it. Close CSP Engage on that database first. On a team server, FILE goes "
                  "into an empty database only; a server’s own backups are its "
                  "administrator’s."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!csp_cli_parse_command (context, &argc, &argv, 1, &status))
    return status;

  location = csp_database_resolve_location (database_path, &error);
  if (location == NULL)
    return csp_cli_fail (error);
  /* A server's address may hold a password. */
  shown = csp_database_location_is_server (location) ? _ ("the team server’s database") : location;
  if (!yes && !confirm (shown, argv[1]))
    {
      g_printerr (_ ("csp-engage-cli: nothing was restored: confirm with --yes to replace %s\n"),
                  shown);
      return CSP_CLI_EXIT_FAILED;
    }
  if (!csp_database_restore (location, argv[1], &kept, &error))
    return csp_cli_fail (error);
  g_print (_ ("Restored %s from %s\n"), shown, argv[1]);
  if (kept != NULL)
    g_print (_ ("The database it replaced is kept as %s\n"), kept);
  return CSP_CLI_EXIT_OK;
}

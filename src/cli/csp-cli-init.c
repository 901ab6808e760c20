/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-sample.h"
#include "csp-cli.h"

int
csp_cli_init (const char *database_path, int argc, char **argv)
{
  gboolean with_sample = FALSE;
  const GOptionEntry entries[] = {
    { "sample", 0, 0, G_OPTION_ARG_NONE, &with_sample,
      N_ ("Fill the new database with the sample partnership"), NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspStore) store = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;

  g_option_context_set_summary (context,
                                _ ("Create the database, or bring its schema up to date."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!csp_cli_parse_command (context, &argc, &argv, 0, &status))
    return status;

  database = csp_cli_open_database (database_path, TRUE, &error);
  if (database == NULL)
    return csp_cli_fail (error);
  if (with_sample)
    {
      store = csp_store_new (database);
      if (!csp_sample_load (store, &error))
        return csp_cli_fail (error);
    }
  g_print (_ ("%s is ready (schema version %d)%s\n"), csp_database_get_location (database),
           csp_database_get_schema_version (database),
           with_sample ? _ (", with the sample partnership") : "");
  return CSP_CLI_EXIT_OK;
}

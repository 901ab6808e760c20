/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-stats.h"
#include "csp-cli.h"

int
csp_cli_stats (const char *database_path, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (GArray) years = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;

  g_option_context_set_summary (context, _ ("Engagement activities per financial year: how many, "
                                            "how they were delivered, participants and reach."));
  if (!csp_cli_parse_command (context, &argc, &argv, 0, &status))
    return status;

  database = csp_cli_open_database_read_only (database_path, &error);
  if (database == NULL)
    return csp_cli_fail (error);
  years = csp_stats_by_financial_year (database, &error);
  if (years == NULL)
    return csp_cli_fail (error);

  g_print ("%-9s %10s %8s %10s %8s %13s %12s\n", _ ("Year"), _ ("Activities"), _ ("Online"),
           _ ("In person"), _ ("Hybrid"), _ ("Participants"), _ ("Reach"));
  for (guint i = 0; i < years->len; i++)
    {
      const CspYearStats *year = &g_array_index (years, CspYearStats, i);
      g_autofree char *label =
          g_strdup_printf ("%d-%02d", year->year_start, (year->year_start + 1) % 100);

      g_print ("%-9s %10" G_GINT64_FORMAT " %8" G_GINT64_FORMAT " %10" G_GINT64_FORMAT
               " %8" G_GINT64_FORMAT " %13" G_GINT64_FORMAT " %12" G_GINT64_FORMAT "\n",
               label, year->activities, year->online, year->in_person, year->hybrid,
               year->participants, year->reach);
    }
  if (years->len == 0)
    g_print (_ ("No activities recorded yet.\n"));
  return CSP_CLI_EXIT_OK;
}

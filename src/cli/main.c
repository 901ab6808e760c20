/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "csp-cli-server.h"
#include "csp-cli.h"

/* csp-engage-cli: the core and render code without a display, one command
 * a run. Each command lives in its own csp-cli-NAME.c. */
typedef struct
{
  const char *name;
  const char *arguments;
  const char *summary;
  CspCliCommandFunc run;
} Command;

static const Command commands[] = {
  { "init", "[--sample]", N_ ("Create the database (optionally with the sample partnership)"),
    csp_cli_init },
  { "check", "", N_ ("Check integrity, schema version and row counts"), csp_cli_check },
  { "backup", "FILE", N_ ("Write a verified copy of the database to FILE"), csp_cli_backup },
  { "restore", "[--yes] FILE",
    N_ ("Replace the database with the backup FILE, keeping the one it replaces"),
    csp_cli_restore },
  { "copy", "--to TARGET",
    N_ ("Copy the whole database into a new file or an empty server database"), csp_cli_copy },
  { "stats", "", N_ ("Activities, participants and reach per financial year"), csp_cli_stats },
  { "chart", "KIND [--table] -o FILE",
    N_ ("Draw a standard chart into a PNG, SVG or PDF file, or its figures into a CSV file"),
    csp_cli_chart },
  { "report", "[--id N] -o FILE.pdf|FILE.docx|FILE.odt",
    N_ ("Write a committee report to a PDF, Word or OpenDocument Text file"), csp_cli_report },
  /* The same command: its first argument says which. */
  { "report", "new [--meeting ID]", N_ ("Start a committee report from the section templates"),
    csp_cli_report },
  { "report", "duplicate ID", N_ ("Copy a committee report for the next meeting"), csp_cli_report },
  { "report", "list", N_ ("List the committee reports, newest meeting first"), csp_cli_report },
  { "import-csv", "activities|metrics|actions|meetings FILE",
    N_ ("Import records from a CSV file, all or nothing"), csp_cli_import_csv },
  { "export-csv", "LIST FILE",
    N_ ("Write a list (activities, risks, chart-events …) to a CSV file"), csp_cli_export_csv },
  { "export-xlsx", "FILE", N_ ("Write every list to an Excel workbook"), csp_cli_export_xlsx },
  { "meetings", "[--kind KIND]", N_ ("List the meetings, newest first"), csp_cli_meetings },
  { "server", "COMMAND", N_ ("A team server’s roles and users (“server --help” lists them)"),
    csp_cli_server },
};

static char *
describe_commands (void)
{
  GString *text = g_string_new (_ ("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *call = g_strdup_printf ("%s %s", commands[i].name, commands[i].arguments);
      g_string_append_printf (text, "\n  %-18s %s", call, _ (commands[i].summary));
    }
  g_string_append_printf (text, "\n\n%s",
                          _ ("Run “csp-engage-cli COMMAND --help” for a "
                             "command’s options. The database is --database, "
                             "else $CSP_ENGAGE_DB, else the default in the "
                             "user’s data folder."));
  return g_string_free (text, FALSE);
}

int
main (int argc, char **argv)
{
  g_autofree char *database_path = NULL;
  gboolean show_version = FALSE;
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database_path,
      N_ ("The database to use: a file, or a team server as a postgresql:// URI or "
          "service=NAME"),
      N_ ("DATABASE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, N_ ("Show the version and exit"), NULL },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("COMMAND [ARGUMENTS…]"));
  g_autoptr (GError) error = NULL;
  g_autofree char *description = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  description = describe_commands ();
  g_option_context_set_summary (context, _ ("Manage a CSP Engage database from the command line."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Stop at the command, so that its own options are left for it. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return csp_cli_usage_error (context, error->message);
  if (show_version)
    {
      g_print ("csp-engage-cli %s\n", PACKAGE_VERSION);
      return CSP_CLI_EXIT_OK;
    }
  if (argc < 2)
    return csp_cli_usage_error (context, _ ("no command given"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *program = g_strdup_printf ("csp-engage-cli %s", commands[i].name);
        g_set_prgname (program);
        return commands[i].run (database_path, argc - 1, argv + 1);
      }
  {
    g_autofree char *message = g_strdup_printf (_ ("unknown command “%s”"), argv[1]);
    return csp_cli_usage_error (context, message);
  }
}

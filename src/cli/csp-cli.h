/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"

G_BEGIN_DECLS

/* Exit status of csp-engage-cli: 0 success, 1 a failure (said on stderr),
 * 2 a command line that could not be used. */
enum
{
  CSP_CLI_EXIT_OK = 0,
  CSP_CLI_EXIT_FAILED = 1,
  CSP_CLI_EXIT_USAGE = 2,
};

/* A command: its options and arguments in argv (argv[0] is its name), the
 * database named with --database (or NULL). */
typedef int (*CspCliCommandFunc) (const char *database_path, int argc, char **argv);

int csp_cli_fail (GError *error);
int csp_cli_usage_error (GOptionContext *context, const char *message);
CspDatabase *csp_cli_open_database (const char *explicit_location, gboolean create, GError **error);
CspDatabase *csp_cli_open_database_read_only (const char *explicit_location, GError **error);
gboolean csp_cli_parse_command (GOptionContext *context, int *argc, char ***argv, int n_positional,
                                int *status);

int csp_cli_init (const char *database_path, int argc, char **argv);
int csp_cli_check (const char *database_path, int argc, char **argv);
int csp_cli_copy (const char *database_path, int argc, char **argv);
int csp_cli_backup (const char *database_path, int argc, char **argv);
int csp_cli_restore (const char *database_path, int argc, char **argv);
int csp_cli_stats (const char *database_path, int argc, char **argv);
int csp_cli_chart (const char *database_path, int argc, char **argv);
int csp_cli_report (const char *database_path, int argc, char **argv);
int csp_cli_import_csv (const char *database_path, int argc, char **argv);
int csp_cli_export_csv (const char *database_path, int argc, char **argv);
int csp_cli_export_xlsx (const char *database_path, int argc, char **argv);
int csp_cli_meetings (const char *database_path, int argc, char **argv);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "csp-server-roles.h"
#include "csp-cli-server.h"
#include "csp-cli.h"

/* `server`: the roles of a team server and its users. The server keeps
 * and enforces them (csp-server-roles.c); this only says what happened. */

typedef int (*ServerCommandFunc) (const char *database_path, int argc, char **argv);

/* Opens the database for a server command: a file is refused before it
 * is opened (or created), since roles are a server's. */
static CspDatabase *
open_server (const char *database_path, GError **error)
{
  g_autofree char *location = csp_database_resolve_location (database_path, error);

  if (location == NULL)
    return NULL;
  if (!csp_database_location_is_server (location))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("“%s” is a database file on this computer, not a team server: users and "
                      "their roles are kept by a PostgreSQL server. Give one with --database "
                      "postgresql://… or service=NAME"),
                   location);
      return NULL;
    }
  return csp_cli_open_database (location, FALSE, error);
}

static int
parse_role (GOptionContext *context, const char *text, CspServerRole *role)
{
  g_autofree char *message = NULL;

  if (text == NULL)
    return csp_cli_usage_error (context, _ ("give the role: --role viewer|editor|admin"));
  if (csp_server_role_from_string (text, role))
    return CSP_CLI_EXIT_OK;
  message = g_strdup_printf (_ ("unknown role “%s”: choose viewer, editor or admin"), text);
  return csp_cli_usage_error (context, message);
}

static const char *
describe_role (CspServerRole role, gboolean partner_scoped)
{
  switch (role)
    {
    case CSP_SERVER_ROLE_VIEWER:
      return partner_scoped ? _ ("viewer of one partner’s activities and actions")
                            : _ ("viewer: reads everything");
    case CSP_SERVER_ROLE_EDITOR:
      return _ ("editor: also changes activities, actions, progress updates, figures, reports and "
                "import mappings");
    case CSP_SERVER_ROLE_ADMIN:
      return _ ("admin: also changes partners, priorities, plans, meetings, channels, metrics, "
                "settings, section templates and risks, and manages users");
    case CSP_SERVER_ROLE_NONE:
    default:
      return _ ("no role");
    }
}

static int
server_init (const char *database_path, int argc, char **argv)
{
  static const struct
  {
    CspServerRole role;
    gboolean partner_scoped;
  } groups[] = { { CSP_SERVER_ROLE_VIEWER, FALSE },
                 { CSP_SERVER_ROLE_VIEWER, TRUE },
                 { CSP_SERVER_ROLE_EDITOR, FALSE },
                 { CSP_SERVER_ROLE_ADMIN, FALSE } };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (CspDatabase) database = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;

  g_option_context_set_summary (
      context, _ ("Create the database’s roles on the server (viewer, partner viewer, editor, "
                  "admin) and give them their rights and row-level security, in one "
                  "transaction. Run it as the owner of the database, with the right to create "
                  "roles; again after an upgrade of CSP Engage."));
  if (!csp_cli_parse_command (context, &argc, &argv, 0, &status))
    return status;

  database = open_server (database_path, &error);
  if (database == NULL || !csp_server_roles_init (database, &error))
    return csp_cli_fail (error);

  g_print (_ ("The roles of %s are ready:\n"), csp_database_get_location (database));
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      g_autofree char *group =
          csp_server_roles_get_group (database, groups[i].role, groups[i].partner_scoped, &error);

      if (group == NULL)
        return csp_cli_fail (error);
      g_print ("  %-32s %s\n", group, describe_role (groups[i].role, groups[i].partner_scoped));
    }
  g_print (_ ("Add people with “csp-engage-cli server add-user NAME --role "
              "viewer|editor|admin”.\n"));
  return CSP_CLI_EXIT_OK;
}

/* The first line of @text, without its line end. */
static char *
first_line (const char *text)
{
  return g_strndup (text, strcspn (text, "\r\n"));
}

/* From the terminal, without echo, asked twice. */
static char *
ask_password (const char *name, GError **error)
{
  struct termios saved, quiet;
  char first[1024] = "", second[1024] = "";
  gboolean read_both;

  if (tcgetattr (STDIN_FILENO, &saved) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Could not ask for a password"));
      return NULL;
    }
  quiet = saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
  g_printerr (_ ("Password for %s: "), name);
  read_both = fgets (first, sizeof first, stdin) != NULL;
  g_printerr (_ ("\nThe same password again: "));
  read_both = read_both && fgets (second, sizeof second, stdin) != NULL;
  g_printerr ("\n");
  tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);

  if (!read_both || strcspn (first, "\r\n") != strcspn (second, "\r\n") ||
      strncmp (first, second, strcspn (first, "\r\n")) != 0)
    {
      memset (first, 0, sizeof first);
      memset (second, 0, sizeof second);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _ ("The two passwords are not the same; nothing was changed"));
      return NULL;
    }
  {
    char *password = first_line (first);

    memset (first, 0, sizeof first);
    memset (second, 0, sizeof second);
    return password;
  }
}

/* The new user's password: the first line of a file, of standard input
 * ("-", asked for when it is a terminal), or of an environment variable. */
static char *
read_password (const char *name, const char *file, const char *variable, GError **error)
{
  g_autofree char *contents = NULL;
  char *password;

  if (variable != NULL)
    {
      const char *value = g_getenv (variable);

      if (value == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _ ("The environment variable %s, which was to hold the password, is not "
                          "set"),
                       variable);
          return NULL;
        }
      return first_line (value);
    }
  if (g_str_equal (file, "-") && isatty (STDIN_FILENO))
    return ask_password (name, error);
  if (g_str_equal (file, "-"))
    {
      char line[1024] = "";

      if (fgets (line, sizeof line, stdin) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("No password on standard input"));
          return NULL;
        }
      password = first_line (line);
      memset (line, 0, sizeof line);
      return password;
    }
  if (!g_file_get_contents (file, &contents, NULL, error))
    return NULL;
  password = first_line (contents);
  memset (contents, 0, strlen (contents));
  return password;
}

static void
free_password (char *password)
{
  if (password != NULL)
    memset (password, 0, strlen (password));
  g_free (password);
}

/* The partner named on the command line (0 for none), and its name. */
static gboolean
find_partner (CspDatabase *database, const char *partner, gint64 *partner_id, char **name,
              GError **error)
{
  *partner_id = 0;
  if (partner == NULL)
    return TRUE;
  *partner_id = csp_server_roles_find_partner (database, partner, name, error);
  return *partner_id != 0;
}

static void
print_role (CspDatabase *database, const char *name, CspServerRole role, const char *partner)
{
  if (partner != NULL)
    g_print (_ ("“%s” is a viewer of %s, limited to the activities and actions that %s leads or "
                "supports.\n"),
             name, csp_database_get_location (database), partner);
  else
    g_print (_ ("“%s” is %s of %s.\n"), name,
             role == CSP_SERVER_ROLE_ADMIN    ? _ ("an admin")
             : role == CSP_SERVER_ROLE_EDITOR ? _ ("an editor")
                                              : _ ("a viewer"),
             csp_database_get_location (database));
}

static int
server_add_user (const char *database_path, int argc, char **argv)
{
  g_autofree char *role_text = NULL;
  g_autofree char *partner = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *password_variable = NULL;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_ ("The user’s role"),
      N_ ("viewer|editor|admin") },
    { "partner", 0, 0, G_OPTION_ARG_STRING, &partner,
      N_ ("Let a viewer see only the activities and actions this partner leads or supports"),
      N_ ("PARTNER-ID-OR-NAME") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_ ("Take the password from the first line of FILE (“-”: standard input, asked for on a "
          "terminal)"),
      N_ ("FILE") },
    { "password-env", 0, 0, G_OPTION_ARG_STRING, &password_variable,
      N_ ("Take the password from the environment variable VARIABLE"), N_ ("VARIABLE") },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("NAME"));
  g_autoptr (CspDatabase) database = NULL;
  CspServerRole role = CSP_SERVER_ROLE_NONE;
  gint64 partner_id = 0;
  g_autofree char *partner_name = NULL;
  char *password = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;
  gboolean ok;

  g_option_context_set_summary (
      context, _ ("Add a user to the server, with a role in this database. Without "
                  "--password-file or --password-env the user has no password, for a server "
                  "that signs people in otherwise (Kerberos/GSSAPI, peer, certificates). The "
                  "password goes to the server only as its SCRAM-SHA-256 verifier."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!csp_cli_parse_command (context, &argc, &argv, 1, &status))
    return status;
  if ((status = parse_role (context, role_text, &role)) != CSP_CLI_EXIT_OK)
    return status;
  if (partner != NULL && role != CSP_SERVER_ROLE_VIEWER)
    return csp_cli_usage_error (context, _ ("--partner is for viewers only"));
  if (password_file != NULL && password_variable != NULL)
    return csp_cli_usage_error (context, _ ("give --password-file or --password-env, not both"));

  database = open_server (database_path, &error);
  if (database == NULL || !find_partner (database, partner, &partner_id, &partner_name, &error))
    return csp_cli_fail (error);
  if (password_file != NULL || password_variable != NULL)
    {
      password = read_password (argv[1], password_file, password_variable, &error);
      if (password == NULL)
        return csp_cli_fail (error);
    }
  ok = csp_server_roles_add_user (database, argv[1], role, partner_id, password, &error);
  free_password (password);
  if (!ok)
    return csp_cli_fail (error);

  print_role (database, argv[1], role, partner_name);
  if (password_file == NULL && password_variable == NULL)
    g_print (_ ("“%s” has no password: the server must sign them in otherwise (Kerberos/GSSAPI, "
                "peer or certificate).\n"),
             argv[1]);
  return CSP_CLI_EXIT_OK;
}

static int
server_set_role (const char *database_path, int argc, char **argv)
{
  g_autofree char *partner = NULL;
  const GOptionEntry entries[] = {
    { "partner", 0, 0, G_OPTION_ARG_STRING, &partner,
      N_ ("Let a viewer see only the activities and actions this partner leads or supports"),
      N_ ("PARTNER-ID-OR-NAME") },
    G_OPTION_ENTRY_NULL,
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("NAME viewer|editor|admin"));
  g_autoptr (CspDatabase) database = NULL;
  CspServerRole role = CSP_SERVER_ROLE_NONE;
  gint64 partner_id = 0;
  g_autofree char *partner_name = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;

  g_option_context_set_summary (context, _ ("Give a user of the server a role in this database, in "
                                            "place of the one they had here. A viewer without "
                                            "--partner sees every partner’s records."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!csp_cli_parse_command (context, &argc, &argv, 2, &status))
    return status;
  if ((status = parse_role (context, argv[2], &role)) != CSP_CLI_EXIT_OK)
    return status;
  if (partner != NULL && role != CSP_SERVER_ROLE_VIEWER)
    return csp_cli_usage_error (context, _ ("--partner is for viewers only"));

  database = open_server (database_path, &error);
  if (database == NULL || !find_partner (database, partner, &partner_id, &partner_name, &error) ||
      !csp_server_roles_set_role (database, argv[1], role, partner_id, &error))
    return csp_cli_fail (error);
  print_role (database, argv[1], role, partner_name);
  return CSP_CLI_EXIT_OK;
}

static int
server_remove_user (const char *database_path, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("NAME"));
  g_autoptr (CspDatabase) database = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;

  g_option_context_set_summary (context,
                                _ ("Take away a user’s role in this database. A login that "
                                   "“server add-user” made, and that has no other role on the "
                                   "server, goes too."));
  if (!csp_cli_parse_command (context, &argc, &argv, 1, &status))
    return status;

  database = open_server (database_path, &error);
  if (database == NULL || !csp_server_roles_remove_user (database, argv[1], &error))
    return csp_cli_fail (error);
  g_print (_ ("“%s” no longer has a role in %s.\n"), argv[1], csp_database_get_location (database));
  return CSP_CLI_EXIT_OK;
}

static int
server_list_users (const char *database_path, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (GPtrArray) users = NULL;
  GError *error = NULL;
  int status = CSP_CLI_EXIT_OK;

  g_option_context_set_summary (context, _ ("List the users with a role in this database."));
  if (!csp_cli_parse_command (context, &argc, &argv, 0, &status))
    return status;

  database = open_server (database_path, &error);
  if (database == NULL)
    return csp_cli_fail (error);
  users = csp_server_roles_list_users (database, &error);
  if (users == NULL)
    return csp_cli_fail (error);

  g_print ("%-24s %-8s %s\n", _ ("USER"), _ ("ROLE"), _ ("PARTNER"));
  for (guint i = 0; i < users->len; i++)
    {
      CspServerUser *user = g_ptr_array_index (users, i);
      const char *partner = user->partner_name != NULL ? user->partner_name : "";

      if (user->partner_scoped && user->partner_id == 0)
        partner = _ ("(no partner set: sees no activities or actions)");
      g_print ("%-24s %-8s %s%s\n", user->name, csp_server_role_to_string (user->role), partner,
               user->can_login ? "" : _ (" (cannot log in)"));
    }
  return CSP_CLI_EXIT_OK;
}

static const struct
{
  const char *name;
  const char *arguments;
  const char *summary;
  ServerCommandFunc run;
} server_commands[] = {
  { "init", "", N_ ("Create the database’s roles, rights and row-level security"), server_init },
  { "add-user", "NAME --role viewer|editor|admin [--partner PARTNER]",
    N_ ("Add a user with a role in this database"), server_add_user },
  { "set-role", "NAME viewer|editor|admin [--partner PARTNER]", N_ ("Change a user’s role"),
    server_set_role },
  { "remove-user", "NAME", N_ ("Take away a user’s role"), server_remove_user },
  { "list-users", "", N_ ("List the users and their roles"), server_list_users },
};

static int
server_usage (const char *message)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (message != NULL)
    g_string_append_printf (text, "csp-engage-cli: %s\n\n", message);
  g_string_append (text, _ ("Usage:\n  csp-engage-cli --database postgresql://… server "
                            "COMMAND [ARGUMENTS…]\n\nCommands:"));
  for (guint i = 0; i < G_N_ELEMENTS (server_commands); i++)
    g_string_append_printf (text, "\n  %s%s%s\n      %s", server_commands[i].name,
                            *server_commands[i].arguments != '\0' ? " " : "",
                            server_commands[i].arguments, _ (server_commands[i].summary));
  g_string_append_printf (text, "\n\n%s",
                          _ ("Run “csp-engage-cli server COMMAND --help” for a command’s "
                             "options."));
  g_string_append (text, "\n");
  if (message != NULL)
    {
      g_printerr ("%s", text->str);
      return CSP_CLI_EXIT_USAGE;
    }
  g_print ("%s", text->str);
  return CSP_CLI_EXIT_OK;
}

int
csp_cli_server (const char *database_path, int argc, char **argv)
{
  if (argc < 2)
    return server_usage (_ ("no server command given"));
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    return server_usage (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (server_commands); i++)
    if (g_str_equal (argv[1], server_commands[i].name))
      {
        g_autofree char *program =
            g_strdup_printf ("csp-engage-cli server %s", server_commands[i].name);
        g_set_prgname (program);
        return server_commands[i].run (database_path, argc - 1, argv + 1);
      }
  {
    g_autofree char *message = g_strdup_printf (_ ("unknown server command “%s”"), argv[1]);
    return server_usage (message);
  }
}

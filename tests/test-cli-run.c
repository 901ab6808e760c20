/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-cli-run"

#include "config.h"

#include <sys/wait.h>

#include "test-cli-run.h"

/**
 * test_cli_run:
 * @run: where the outcome goes; cleared with test_cli_run_clear()
 * @folder: (nullable): the folder to run in, or %NULL for the test's own
 * @env: (nullable): the whole environment, or %NULL for the test's own
 * @args: the arguments after the program's name, %NULL-terminated
 *
 * Runs csp-engage-cli, the program named by $CSP_CLI, and waits for it.
 * It must exit, not crash, so a crash (or no $CSP_CLI) is fatal.
 */
void
test_cli_run (TestCliRun *run, const char *folder, char **env, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  const char *cli = g_getenv ("CSP_CLI");
  int wait_status = 0;

  g_return_if_fail (run != NULL);
  g_return_if_fail (args != NULL);

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("set CSP_CLI to the csp-engage-cli program (meson test does)");
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (folder, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                &run->err, &wait_status, &error);
  g_assert_no_error (error);
  line = g_strjoinv (" ", (char **) args);
  if (!WIFEXITED (wait_status))
    g_error ("csp-engage-cli %s did not exit normally (wait status %d); stderr:\n%s", line,
             wait_status, run->err);
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("csp-engage-cli %s: exit status %d", line, run->status);
}

/**
 * test_cli_run_clear:
 * @run: a run
 *
 * Frees what @run kept, for it to be used again or dropped.
 */
void
test_cli_run_clear (TestCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/**
 * test_cli_environ_at_home:
 * @home: the folder the program is to take as its home
 * @data: its XDG_DATA_HOME, where its default database would go
 *
 * This process's environment for a run of the program that must not touch
 * the real home: no CSP_ENGAGE_DB, messages in English, and libpq still
 * finding the password and service files of the real home, so that a run
 * on a server can log in.
 *
 * Returns: (transfer full): the environment
 */
char **
test_cli_environ_at_home (const char *home, const char *data)
{
  const struct
  {
    const char *variable;
    const char *name;
  } server_files[] = { { "PGPASSFILE", ".pgpass" }, { "PGSERVICEFILE", ".pg_service.conf" } };
  char **env = g_get_environ ();

  env = g_environ_unsetenv (env, "CSP_ENGAGE_DB");
  for (guint i = 0; i < G_N_ELEMENTS (server_files); i++)
    {
      g_autofree char *path = g_build_filename (g_get_home_dir (), server_files[i].name, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        env = g_environ_setenv (env, server_files[i].variable, path, FALSE);
    }
  env = g_environ_setenv (env, "HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  return g_environ_unsetenv (env, "LANGUAGE");
}

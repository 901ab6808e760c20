/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-engine"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "test-engine.h"
#include "test-tools.h"

#define SERVER_PREFIX "postgresql:///"

/**
 * test_engine_is_postgresql:
 *
 * Returns: %TRUE when this run's databases are on a PostgreSQL server
 */
gboolean
test_engine_is_postgresql (void)
{
  return g_strcmp0 (g_getenv ("CSP_TEST_ENGINE"), "postgresql") == 0;
}

/**
 * test_engine_skip_unless_available:
 *
 * A PostgreSQL run with no server to run on is skipped whole, as when a
 * developer runs `meson test` without one; in CI, which starts a server,
 * it fails (tests/test-tools.h).
 */
void
test_engine_skip_unless_available (void)
{
  if (test_engine_is_postgresql () && g_getenv ("PGHOST") == NULL && g_getenv ("PGPORT") == NULL)
    test_tools_missing_for_all ("no PostgreSQL server (PGHOST/PGPORT unset)");
}

/**
 * test_engine_skip_unless_file:
 * @why: what the test does that only a database file has (its pages,
 *   its folder, the file itself)
 *
 * On a server run, skips the test case, which must return next.
 *
 * Returns: %TRUE when skipped
 */
gboolean
test_engine_skip_unless_file (const char *why)
{
  if (!test_engine_is_postgresql ())
    return FALSE;
  g_test_skip (why);
  return TRUE;
}

static void
run_client (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *errors = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &errors, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s %s", argv[0], error->message, errors != NULL ? errors : "");
}

/**
 * test_engine_new_location:
 * @folder: the test's temporary folder, where a file goes
 * @name: the file's name, such as "csp-engage.db"
 *
 * A new, empty database for one test: the file @folder/@name, or on the
 * server a new database of its own (created with createdb) that
 * test_engine_drop_location() removes.
 *
 * Returns: (transfer full): what to give csp_database_open()
 */
char *
test_engine_new_location (const char *folder, const char *name)
{
  static guint counter;
  g_autofree char *database = NULL;

  if (!test_engine_is_postgresql ())
    return g_build_filename (folder, name, NULL);

  database = g_strdup_printf ("csp_test_%d_%u", (int) getpid (), g_atomic_int_add (&counter, 1));
  run_client ((const char *const[]){ "createdb", database, NULL });
  return g_strconcat (SERVER_PREFIX, database, NULL);
}

/**
 * test_engine_drop_location:
 * @location: (nullable): from test_engine_new_location()
 *
 * Removes a server database, even with connections still open on it. A
 * file goes with its test's folder.
 */
void
test_engine_drop_location (const char *location)
{
  if (location == NULL || !g_str_has_prefix (location, SERVER_PREFIX))
    return;
  run_client ((const char *const[]){ "dropdb", "--if-exists", "--force",
                                     location + strlen (SERVER_PREFIX), NULL });
}

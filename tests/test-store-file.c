/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-file"

#include "config.h"

#include "test-engine.h"
#include "test-folder.h"
#include "test-store-file.h"

/**
 * test_store_file_open_location:
 * @location: a database file or server database, as csp_database_open() takes
 *
 * A test cannot go on without its database, so a failure to open it fails
 * the test.
 *
 * Returns: (transfer full): a store on the database at @location
 */
CspStore *
test_store_file_open_location (const char *location)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = NULL;

  g_return_val_if_fail (location != NULL, NULL);

  database = csp_database_open (location, &error);
  g_assert_no_error (error);
  return csp_store_new (database);
}

/**
 * test_store_file_open:
 * @folder: the folder to make the database file "test.db" in
 *
 * Always an SQLite file, whatever the engine of the run: for the tests
 * that run on SQLite only (the GUI's), which remove it with @folder.
 *
 * Returns: (transfer full): a store on a new, empty database in @folder
 */
CspStore *
test_store_file_open (const char *folder)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (folder != NULL, NULL);

  path = g_build_filename (folder, "test.db", NULL);
  return test_store_file_open_location (path);
}

/**
 * test_store_file_set_up:
 * @file: the fixture's part to fill in
 * @prefix: the start of the folder's name, such as "csp-history"
 *
 * Makes a new folder "@prefix-XXXXXX" and a store on a new, empty
 * database of the run's engine: the file "test.db" in the folder, or a
 * new server database. test_store_file_tear_down() undoes it.
 */
void
test_store_file_set_up (TestStoreFile *file, const char *prefix)
{
  g_return_if_fail (file != NULL);

  file->folder = test_folder_new (prefix);
  file->location = test_engine_new_location (file->folder, "test.db");
  file->store = test_store_file_open_location (file->location);
}

/**
 * test_store_file_tear_down:
 *
 * Drops @file's store, its server database if it has one, and its folder
 * with everything in it.
 */
void
test_store_file_tear_down (TestStoreFile *file)
{
  g_return_if_fail (file != NULL);

  g_clear_object (&file->store);
  test_store_file_remove (g_steal_pointer (&file->folder), g_steal_pointer (&file->location));
}

/**
 * test_store_file_remove:
 * @folder: (transfer full): a test's folder, from test_folder_new()
 * @location: (transfer full): the database made for it by
 *   test_engine_new_location(), open no more
 *
 * Drops the database if it is a server's, and removes @folder with
 * everything in it.
 */
void
test_store_file_remove (char *folder, char *location)
{
  g_return_if_fail (folder != NULL);
  g_return_if_fail (location != NULL);

  test_engine_drop_location (location);
  test_folder_remove (folder);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_free (folder);
  g_free (location);
}

/**
 * test_store_file_wait_for_lock:
 * @location: the database another thread is writing to
 *
 * Returns once another connection is waiting for a lock that a
 * transaction of the test holds, so that the test may then end that
 * transaction and see what the waiting write does. A server tells which
 * of its connections wait; SQLite does not, so on a file this waits a
 * while for the other thread to reach the file's lock (its busy timeout
 * is far longer).
 */
void
test_store_file_wait_for_lock (const char *location)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) observer = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;

  g_return_if_fail (location != NULL);

  if (!test_engine_is_postgresql ())
    {
      g_usleep (300 * G_TIME_SPAN_MILLISECOND);
      return;
    }
  observer = csp_database_open (location, &error);
  g_assert_no_error (error);
  for (;;)
    {
      gint64 waiting = 0;

      g_assert_true (csp_database_query_int (observer,
                                             "SELECT count(*) FROM pg_stat_activity "
                                             "WHERE datname = current_database () "
                                             "AND wait_event_type = 'Lock'",
                                             &waiting, &error));
      g_assert_no_error (error);
      if (waiting > 0)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("no connection to %s came to wait for a lock", location);
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
}

/**
 * test_store_file_audit_user:
 *
 * Who the audit log names for this connection: on a server the role it
 * let in, on a file this computer's account.
 *
 * Returns: (transfer full): the user name
 */
char *
test_store_file_audit_user (CspDatabase *database)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = NULL;

  if (csp_database_get_engine (database) != CSP_ENGINE_POSTGRESQL)
    return g_strdup (g_get_user_name ());
  stmt = csp_database_prepare (database, "SELECT CAST (session_user AS TEXT)", &error);
  g_assert_no_error (error);
  g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_ROW);
  return g_strdup (csp_statement_get_text (stmt, 0));
}

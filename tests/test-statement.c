/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-statement"

#include "config.h"

#include <string.h>

#include "csp-database.h"
#include "test-engine.h"
#include "test-folder.h"

/* The CspDatabase facade as every part of the program uses it, on the
 * engine of this run: statements, values, errors read from codes,
 * transactions, and the change signal between two connections. */

typedef struct
{
  char *folder;
  char *location;
  CspDatabase *database;
} Fixture;

static CspDatabase *
open_ok (const char *location)
{
  g_autoptr (GError) error = NULL;
  CspDatabase *database = csp_database_open (location, &error);

  g_assert_no_error (error);
  return database;
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  fixture->folder = test_folder_new ("csp-statement");
  fixture->location = test_engine_new_location (fixture->folder, "csp-engage.db");
  fixture->database = open_ok (fixture->location);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->database);
  test_engine_drop_location (fixture->location);
  test_folder_remove (fixture->folder);
  g_clear_pointer (&fixture->location, g_free);
  g_clear_pointer (&fixture->folder, g_free);
}

static gint64
insert_meeting (CspDatabase *database, const char *title, const char *held_on)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = csp_database_prepare (
      database,
      "INSERT INTO meeting (kind, title, held_on, created_at, updated_at) "
      "VALUES ('rag', ?, ?, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z') RETURNING id",
      &error);
  gint64 id;

  g_assert_no_error (error);
  csp_statement_bind_text (stmt, 1, title);
  csp_statement_bind_text (stmt, 2, held_on);
  g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_ROW);
  g_assert_no_error (error);
  id = csp_statement_get_int64 (stmt, 0);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_DONE);
  g_assert_cmpint (csp_statement_get_changes (stmt), ==, 1);
  return id;
}

static gint64
count_meetings (CspDatabase *database)
{
  g_autoptr (GError) error = NULL;
  gint64 count = -1;

  g_assert_true (csp_database_count_rows (database, "meeting", &count, &error));
  g_assert_no_error (error);
  return count;
}

/* Values of every kind go in and come out as they were, NULL included,
 * and the columns are named. */
static void
test_values (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = csp_database_prepare (
      fixture->database,
      "SELECT CAST (? AS BIGINT) AS whole, CAST (? AS DOUBLE PRECISION) AS fraction, "
      "CAST (? AS TEXT) AS words, CAST (? AS TEXT) AS absent, 2 > 1 AS truth",
      &error);

  g_assert_no_error (error);
  csp_statement_bind_int64 (stmt, 1, G_GINT64_CONSTANT (9007199254740993));
  csp_statement_bind_double (stmt, 2, 0.125);
  csp_statement_bind_text (stmt, 3, "Café Zoë – naïve ‘?’");
  csp_statement_bind_null (stmt, 4);
  g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_ROW);
  g_assert_no_error (error);
  g_assert_cmpint (csp_statement_get_n_columns (stmt), ==, 5);
  g_assert_cmpstr (csp_statement_get_column_name (stmt, 2), ==, "words");
  g_assert_cmpint (csp_statement_get_int64 (stmt, 0), ==, G_GINT64_CONSTANT (9007199254740993));
  g_assert_cmpfloat (csp_statement_get_double (stmt, 1), ==, 0.125);
  g_assert_cmpstr (csp_statement_get_text (stmt, 2), ==, "Café Zoë – naïve ‘?’");
  g_assert_true (csp_statement_is_null (stmt, 3));
  g_assert_null (csp_statement_get_text (stmt, 3));
  g_assert_false (csp_statement_is_null (stmt, 2));
  g_assert_cmpint (csp_statement_get_int64 (stmt, 4), ==, 1);
  g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_DONE);
  g_assert_cmpint (csp_statement_get_changes (stmt), ==, 0);

  /* A question mark inside quoted text is text, not a value to bind. */
  {
    g_autoptr (CspStatement) quoted =
        csp_database_prepare (fixture->database, "SELECT 'why?', CAST (? AS TEXT)", &error);
    g_assert_no_error (error);
    csp_statement_bind_text (quoted, 1, "because");
    g_assert_cmpint (csp_statement_step (quoted, &error), ==, CSP_STEP_ROW);
    g_assert_cmpstr (csp_statement_get_text (quoted, 0), ==, "why?");
    g_assert_cmpstr (csp_statement_get_text (quoted, 1), ==, "because");
  }
}

/* A statement runs again after a reset with new values; rows changed are
 * counted per statement. */
static void
test_reset_and_changes (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) rename = NULL;

  insert_meeting (fixture->database, "RAG 1", "2021-05-01");
  insert_meeting (fixture->database, "RAG 2", "2021-06-01");
  insert_meeting (fixture->database, "Committee", "2021-07-05");

  rename = csp_database_prepare (fixture->database,
                                 "UPDATE meeting SET notes = ? WHERE held_on < ?", &error);
  g_assert_no_error (error);
  csp_statement_bind_text (rename, 1, "minuted");
  csp_statement_bind_text (rename, 2, "2021-07-01");
  g_assert_true (csp_statement_run (rename, &error));
  g_assert_cmpint (csp_statement_get_changes (rename), ==, 2);
  csp_statement_reset (rename);
  csp_statement_bind_text (rename, 2, "2021-05-15");
  g_assert_true (csp_statement_run (rename, &error));
  g_assert_no_error (error);
  g_assert_cmpint (csp_statement_get_changes (rename), ==, 1);
}

/* Failures are told apart by the engine's codes, not its words. */
static void
test_errors_by_code (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  gint64 meeting = insert_meeting (fixture->database, "RAG", "2021-05-01");
  g_autoptr (CspStatement) plan = NULL;

  g_assert_false (csp_database_exec (
      fixture->database,
      "INSERT INTO partner (name, kind, created_at, updated_at) VALUES ('Police', 'police', "
      "'2026-01-01', '2026-01-01'); INSERT INTO partner (name, kind, created_at, updated_at) "
      "VALUES ('Police', 'police', '2026-01-01', '2026-01-01')",
      &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_DUPLICATE);
  g_clear_error (&error);

  g_assert_false (csp_database_exec (fixture->database,
                                     "INSERT INTO plan (title, year_start, status, "
                                     "reviewed_meeting_id, created_at, updated_at) VALUES ('P', "
                                     "2021, 'draft', 999999, '2026-01-01', '2026-01-01')",
                                     &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_IN_USE);
  g_clear_error (&error);

  g_assert_false (csp_database_exec (fixture->database,
                                     "INSERT INTO action_update (action_id, update_date, author, "
                                     "status, percent_complete, commentary, created_at, "
                                     "updated_at) VALUES (1, '2021-01-01', 'x', 'open', 101, "
                                     "'x', '2026-01-01', '2026-01-01')",
                                     &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* A meeting a plan was reviewed at cannot go. */
  plan = csp_database_prepare (fixture->database,
                               "INSERT INTO plan (title, year_start, status, reviewed_meeting_id, "
                               "created_at, updated_at) VALUES ('P', 2021, 'draft', ?, "
                               "'2026-01-01', '2026-01-01')",
                               &error);
  csp_statement_bind_int64 (plan, 1, meeting);
  g_assert_true (csp_statement_run (plan, &error));
  g_assert_no_error (error);
  g_assert_false (csp_database_exec (fixture->database, "DELETE FROM meeting", &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_cmpint (count_meetings (fixture->database), ==, 1);

  /* A statement that does not parse fails when prepared or first run. */
  {
    g_autoptr (CspStatement) bad =
        csp_database_prepare (fixture->database, "SELECT FROM nowhere", &error);
    if (bad != NULL)
      g_assert_cmpint (csp_statement_step (bad, &error), ==, CSP_STEP_FAILED);
    g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED);
  }
}

/* The history of the engine itself refuses changes: the audit log and
 * progress updates are append-only for every connection. */
static void
test_append_only (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_database_exec (
      fixture->database,
      "INSERT INTO audit_log (user_name, table_name, row_id, operation, changes, created_at, "
      "updated_at) VALUES ('someone', 'partner', 1, 'insert', '{}', '2026-01-01', '2026-01-01')",
      &error));
  g_assert_no_error (error);
  g_assert_false (
      csp_database_exec (fixture->database, "UPDATE audit_log SET user_name = 'nobody'", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (csp_database_exec (fixture->database, "DELETE FROM audit_log", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
}

/* Savepoints inside a transaction keep or drop their own work only. */
static void
test_transactions (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_database_begin (fixture->database, &error));
  insert_meeting (fixture->database, "Outer", "2021-01-01");
  g_assert_true (csp_database_begin (fixture->database, &error));
  insert_meeting (fixture->database, "Inner", "2021-01-02");
  csp_database_rollback (fixture->database);
  g_assert_true (csp_database_in_transaction (fixture->database));
  g_assert_true (csp_database_commit (fixture->database, &error));
  g_assert_no_error (error);
  g_assert_false (csp_database_in_transaction (fixture->database));

  {
    g_autoptr (CspDatabase) other = open_ok (fixture->location);
    g_assert_cmpint (count_meetings (other), ==, 1);
  }

  /* A failed statement inside a savepoint leaves the transaction usable
   * once the savepoint is rolled back (PostgreSQL aborts it otherwise). */
  g_assert_true (csp_database_begin (fixture->database, &error));
  insert_meeting (fixture->database, "Kept", "2021-02-01");
  g_assert_true (csp_database_begin (fixture->database, &error));
  g_assert_false (csp_database_exec (fixture->database, "INSERT INTO nowhere VALUES (1)", NULL));
  csp_database_rollback (fixture->database);
  insert_meeting (fixture->database, "Also kept", "2021-02-02");
  g_assert_true (csp_database_commit (fixture->database, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_meetings (fixture->database), ==, 3);
}

typedef struct
{
  GPtrArray *tables;
  GArray *ids;
} Changes;

static void
changed_cb (CspDatabase *database, const char *table, gint64 id, Changes *changes)
{
  g_ptr_array_add (changes->tables, g_strdup (table));
  g_array_append_val (changes->ids, id);
}

static gboolean
seen_meeting (Changes *changes, gint64 id)
{
  for (guint i = 0; i < changes->tables->len; i++)
    if (g_str_equal (g_ptr_array_index (changes->tables, i), "meeting") &&
        g_array_index (changes->ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Another connection's commit is signalled, naming the table (and the row
 * where the engine can tell); this connection's own changes are not. How
 * soon is the machine's: the wait only gives up on a hang. */
static void
test_changed_signal (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) colleague = open_ok (fixture->location);
  Changes changes = { g_ptr_array_new_with_free_func (g_free),
                      g_array_new (FALSE, FALSE, sizeof (gint64)) };
  gboolean timed_out = FALSE;
  gint64 own, theirs;
  guint timeout;
  gint64 started;

  g_assert_true (csp_database_watch_changes (fixture->database, &error));
  g_assert_no_error (error);
  g_signal_connect (fixture->database, "changed", G_CALLBACK (changed_cb), &changes);

  /* The store writes an audit entry with every change; so does this. */
  own = insert_meeting (fixture->database, "Ours", "2021-01-01");
  g_assert_true (csp_database_exec (
      fixture->database,
      "INSERT INTO audit_log (user_name, table_name, row_id, operation, changes, created_at, "
      "updated_at) SELECT 'us', 'meeting', max (id), 'insert', '{}', '2026', '2026' FROM meeting",
      &error));
  theirs = insert_meeting (colleague, "Theirs", "2021-01-02");
  {
    g_autoptr (CspStatement) audit = csp_database_prepare (
        colleague,
        "INSERT INTO audit_log (user_name, table_name, row_id, operation, changes, created_at, "
        "updated_at) VALUES ('them', 'meeting', ?, 'insert', '{}', '2026', '2026')",
        &error);
    csp_statement_bind_int64 (audit, 1, theirs);
    g_assert_true (csp_statement_run (audit, &error));
  }

  started = g_get_monotonic_time ();
  timeout = g_timeout_add_seconds (60, timeout_cb, &timed_out);
  while (!seen_meeting (&changes, theirs) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_true (seen_meeting (&changes, theirs));
  g_test_message ("signalled after %.0f ms", (g_get_monotonic_time () - started) / 1000.0);
  g_assert_false (seen_meeting (&changes, own));

  g_ptr_array_unref (changes.tables);
  g_array_unref (changes.ids);
}

/* A database written by a newer CSP Engage is refused, whole and as it
 * is: nothing is migrated down or written. */
static void
test_refuses_newer (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) again = NULL;
  CspEngine engine = csp_database_get_engine (fixture->database);
  int latest = csp_database_get_latest_schema_version (engine);
  g_autofree char *mark =
      g_strdup_printf (engine == CSP_ENGINE_POSTGRESQL ? "UPDATE csp_engage SET schema_version = %d"
                                                       : "PRAGMA user_version = %d",
                       latest + 1);

  insert_meeting (fixture->database, "RAG", "2021-05-01");
  g_assert_true (csp_database_exec (fixture->database, mark, &error));
  g_clear_object (&fixture->database);

  again = csp_database_open (fixture->location, &error);
  g_assert_null (again);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_TOO_NEW);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "newer version of CSP Engage"));

  /* Still the newer schema, with its record: marked back, it opens. */
  if (engine == CSP_ENGINE_SQLITE)
    return;
  {
    g_autofree char *name = g_path_get_basename (fixture->location);
    const char *argv[] = { "psql", "-Atc",
                           "SELECT schema_version, (SELECT count (*) FROM meeting) "
                           "FROM csp_engage",
                           name, NULL };
    g_autofree char *out = NULL;
    g_autofree char *expected = g_strdup_printf ("%d|1\n", latest + 1);

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                                 NULL, NULL, &error));
    g_assert_cmpstr (out, ==, expected);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/statement/values", test_values);
  ADD ("/statement/reset-and-changes", test_reset_and_changes);
  ADD ("/statement/errors-by-code", test_errors_by_code);
  ADD ("/statement/append-only", test_append_only);
  ADD ("/statement/transactions", test_transactions);
  ADD ("/statement/changed-signal", test_changed_signal);
  ADD ("/statement/refuses-newer", test_refuses_newer);
#undef ADD

  return g_test_run ();
}

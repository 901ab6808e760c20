/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-roles"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "csp-database.h"
#include "csp-history.h"
#include "csp-records.h"
#include "csp-sample.h"
#include "csp-server-roles.h"
#include "csp-store.h"
#include "test-cli-run.h"
#include "test-engine.h"
#include "test-folder.h"

/* Roles on a team server, as the server enforces them: each test makes a
 * server database with the sample partnership, sets its roles up with
 * "csp-engage-cli server init" as the owner, adds people with passwords
 * and connects as each of them, through the application's facade and
 * through plain psql. Roles belong to the whole server: every one this
 * makes is named after the test's own database and dropped afterwards. */

#define POLICE "Hertfordshire Constabulary"
#define POLICE_ID 2
#define FIRE_ID 3

typedef struct
{
  char *dir;
  char *location; /* the owner's */
  char *name;     /* the database's, which every role's name starts with */
  CspDatabase *database;
  CspStore *store;
  char **env;
} Fixture;

static void
run_psql_as_owner (const char *database, const char *sql)
{
  const char *argv[] = { "psql", "-X",     "-q", "-v", "ON_ERROR_STOP=1",
                         "-d",   database, "-c", sql,  NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *errors = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &errors, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("psql: %s %s", error->message, errors != NULL ? errors : "");
}

/* Roles named after a test database that no longer exists: left by a
 * run that stopped half-way. */
#define DROP_LEFTOVER_ROLES                                                                        \
  "DO $$ DECLARE r TEXT; BEGIN "                                                                   \
  "FOR r IN SELECT rolname FROM pg_roles WHERE rolname ~ '^csp_test_[0-9]+_[0-9]+_' "              \
  "AND NOT EXISTS (SELECT 1 FROM pg_database "                                                     \
  "WHERE datname = substring (rolname FROM '^(csp_test_[0-9]+_[0-9]+)_')) LOOP "                   \
  "BEGIN EXECUTE format ('DROP ROLE %I', r); EXCEPTION WHEN OTHERS THEN NULL; END; "               \
  "END LOOP; END $$"

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *home = NULL;
  g_autofree char *data = NULL;
  g_auto (TestCliRun) run = { 0 };

  fixture->dir = test_folder_new ("csp-test-roles");
  fixture->location = test_engine_new_location (fixture->dir, "csp-engage.db");
  g_assert_true (g_str_has_prefix (fixture->location, "postgresql:///"));
  fixture->name = g_path_get_basename (fixture->location);
  home = g_build_filename (fixture->dir, "home", NULL);
  data = g_build_filename (fixture->dir, "data", NULL);
  g_assert_cmpint (g_mkdir (home, 0700), ==, 0);
  fixture->env = test_cli_environ_at_home (home, data);

  fixture->database = csp_database_open (fixture->location, &error);
  g_assert_no_error (error);
  fixture->store = csp_store_new (fixture->database);
  g_assert_true (csp_sample_load (fixture->store, &error));
  g_assert_no_error (error);

  test_cli_run (&run, fixture->dir, fixture->env,
                (const char *const[]){ "--database", fixture->location, "server", "init", NULL });
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *drop = g_strdup_printf ("DO $$ DECLARE r TEXT; BEGIN "
                                           "FOR r IN SELECT rolname FROM pg_roles "
                                           "WHERE starts_with (rolname, '%s_') LOOP "
                                           "EXECUTE format ('DROP ROLE %%I', r); END LOOP; END $$",
                                           fixture->name);

  g_clear_object (&fixture->store);
  g_clear_object (&fixture->database);
  /* The database first: its grants and policies hold on to the roles. */
  test_engine_drop_location (fixture->location);
  run_psql_as_owner ("postgres", drop);
  test_folder_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->location);
  g_free (fixture->name);
  g_strfreev (fixture->env);
}

/* A login of this test's own, named after its database. */
static char *
user_name (Fixture *fixture, const char *who)
{
  return g_strdup_printf ("%s_%s", fixture->name, who);
}

/* Where @user connects with @password, in the URI for this test only. */
static char *
location_as (Fixture *fixture, const char *user, const char *password)
{
  g_autofree char *escaped_user = g_uri_escape_string (user, NULL, FALSE);
  g_autofree char *escaped_password = g_uri_escape_string (password, NULL, FALSE);

  return g_strdup_printf ("%s?user=%s&password=%s", fixture->location, escaped_user,
                          escaped_password);
}

static CspDatabase *
open_as (Fixture *fixture, const char *user, const char *password)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *location = location_as (fixture, user, password);
  CspDatabase *database = csp_database_open (location, &error);

  g_assert_no_error (error);
  return database;
}

/* csp-engage-cli as @user (the owner when %NULL), with the password in
 * PGPASSWORD, and @variable set to @value if given. */
static void
run_cli_with (Fixture *fixture, TestCliRun *run, const char *user, const char *password,
              const char *variable, const char *value, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) env = g_strdupv (fixture->env);

  if (variable != NULL)
    env = g_environ_setenv (env, variable, value, TRUE);

  g_ptr_array_add (argv, g_strdup ("--database"));
  if (user != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (user, NULL, FALSE);

      g_ptr_array_add (argv, g_strdup_printf ("%s?user=%s", fixture->location, escaped));
      env = g_environ_setenv (env, "PGPASSWORD", password, TRUE);
    }
  else
    g_ptr_array_add (argv, g_strdup (fixture->location));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  test_cli_run_clear (run);
  test_cli_run (run, fixture->dir, env, (const char *const *) argv->pdata);
}

static void
run_cli_as (Fixture *fixture, TestCliRun *run, const char *user, const char *password,
            const char *const *args)
{
  run_cli_with (fixture, run, user, password, NULL, NULL, args);
}

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* Adds @who (as the owner) with @role and @password through the CLI. */
static char *
add_user (Fixture *fixture, const char *who, const char *role, const char *partner,
          const char *password)
{
  g_autofree char *name = user_name (fixture, who);
  g_autofree char *file = g_build_filename (fixture->dir, "password", NULL);
  g_auto (TestCliRun) run = { 0 };

  g_assert_true (g_file_set_contents (file, password, -1, NULL));
  if (partner != NULL)
    run_cli_as (fixture, &run, NULL, NULL,
                ARGS ("server", "add-user", name, "--role", role, "--partner", partner,
                      "--password-file", file));
  else
    run_cli_as (fixture, &run, NULL, NULL,
                ARGS ("server", "add-user", name, "--role", role, "--password-file", file));
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, name));
  /* Never shown again. */
  g_assert_null (strstr (run.out, password));
  return g_steal_pointer (&name);
}

/* Runs @sql in psql as @user; returns what it printed (unaligned, tuples
 * only), or %NULL when it failed, with its message in @errors. */
static char *
psql_as (Fixture *fixture, const char *user, const char *password, const char *sql, char **errors)
{
  const char *argv[] = { "psql", "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql, NULL };
  g_auto (GStrv) env = g_get_environ ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  env = g_environ_setenv (env, "PGUSER", user, TRUE);
  env = g_environ_setenv (env, "PGPASSWORD", password, TRUE);
  env = g_environ_setenv (env, "PGDATABASE", fixture->name, TRUE);
  env = g_environ_unsetenv (env, "PGSERVICE");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (errors != NULL)
    *errors = g_steal_pointer (&err);
  if (!g_spawn_check_wait_status (status, NULL))
    return NULL;
  return g_strchomp (g_steal_pointer (&out));
}

static gint64
psql_count_as (Fixture *fixture, const char *user, const char *password, const char *sql)
{
  g_autofree char *errors = NULL;
  g_autofree char *out = psql_as (fixture, user, password, sql, &errors);

  if (out == NULL)
    g_error ("psql as %s: %s: %s", user, sql, errors);
  return g_ascii_strtoll (out, NULL, 10);
}

static gint64
count (CspDatabase *database, const char *sql)
{
  g_autoptr (GError) error = NULL;
  gint64 value = -1;

  g_assert_true (csp_database_query_int (database, sql, &value, &error));
  g_assert_no_error (error);
  return value;
}

static void
assert_refused (GError *error)
{
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY);
  g_test_message ("refused: %s", error->message);
  g_assert_nonnull (strstr (error->message, "does not let you"));
}

/* The audit log is only ever added to, whoever asks. */
static void
assert_audit_log_fixed (CspDatabase *database)
{
  static const char *const changes[] = {
    "UPDATE audit_log SET user_name = 'someone else'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
  };
  gint64 before = count (database, "SELECT count (*) FROM audit_log");

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (csp_database_exec (database, changes[i], &error));
      assert_refused (error);
    }
  g_assert_cmpint (count (database, "SELECT count (*) FROM audit_log"), ==, before);
}

static void
assert_psql_audit_log_fixed (Fixture *fixture, const char *user, const char *password)
{
  static const char *const changes[] = {
    "UPDATE audit_log SET user_name = 'someone else'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *errors = NULL;
      g_autofree char *out = psql_as (fixture, user, password, changes[i], &errors);

      g_assert_null (out);
      g_assert_nonnull (strstr (errors, "permission denied"));
    }
}

static CspRecord *
get_record (CspStore *store, GType type, gint64 id)
{
  g_autoptr (GError) error = NULL;
  CspRecord *record = csp_store_get (store, type, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  return record;
}

static gint64
first_id (CspDatabase *database, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT min (id) FROM %s", table);

  return count (database, sql);
}

/* server init: the four groups, named after the database, with row-level
 * security on the scoped tables; again, the same; never on a file, and
 * only by the owner. */
static void
test_init (Fixture *fixture, gconstpointer user_data)
{
  static const char *const kinds[] = { "viewer", "partner_viewer", "editor", "admin" };
  g_autofree char *file = g_build_filename (fixture->dir, "team.db", NULL);
  g_autofree char *editor = NULL;
  g_auto (TestCliRun) run = { 0 };
  g_autoptr (GError) error = NULL;

  run_cli_as (fixture, &run, NULL, NULL, ARGS ("server", "init"));
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *group = g_strdup_printf ("%s_%s", fixture->name, kinds[i]);
      g_autofree char *sql =
          g_strdup_printf ("SELECT count (*) FROM pg_roles WHERE rolname = '%s' AND NOT "
                           "rolcanlogin AND has_table_privilege ('%s', 'activity', 'SELECT') "
                           "AND NOT has_table_privilege ('%s', 'audit_log', 'UPDATE') AND NOT "
                           "has_table_privilege ('%s', 'audit_log', 'DELETE') AND NOT "
                           "has_table_privilege ('%s', 'audit_log', 'TRUNCATE')",
                           group, group, group, group, group);

      g_assert_nonnull (strstr (run.out, group));
      g_assert_cmpint (count (fixture->database, sql), ==, 1);
    }
  g_assert_cmpint (count (fixture->database,
                          "SELECT count (*) FROM pg_class WHERE relrowsecurity AND relname IN "
                          "('activity', 'activity_partner', 'action', 'action_partner', "
                          "'action_update', 'audit_log') AND NOT relforcerowsecurity"),
                   ==, 6);

  /* Roles are a server's. */
  run_cli_as (fixture, &run, NULL, NULL, ARGS ("server", "init"));
  {
    g_auto (TestCliRun) on_file = { 0 };
    g_auto (GStrv) env = g_strdupv (fixture->env);

    test_cli_run (&on_file, fixture->dir, env, ARGS ("--database", file, "server", "init"));
    g_assert_cmpint (on_file.status, ==, 1);
    g_assert_nonnull (strstr (on_file.err, "not a team server"));
    g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
  }
  g_assert_true (csp_server_roles_init (fixture->database, &error));
  g_assert_no_error (error);

  /* Only the owner (or a superuser) sets roles up. */
  editor = add_user (fixture, "ed", "editor", NULL, "editor-pw-1");
  run_cli_as (fixture, &run, editor, "editor-pw-1", ARGS ("server", "init"));
  g_assert_cmpint (run.status, ==, 1);
  g_test_message ("%s", run.err);
  g_assert_nonnull (strstr (run.err, "Only the owner"));
}

/* A viewer reads everything and changes nothing. */
static void
test_viewer (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *viewer = add_user (fixture, "vi", "viewer", NULL, "viewer-pw-1");
  g_autoptr (CspDatabase) database = open_as (fixture, viewer, "viewer-pw-1");
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autoptr (CspAccess) access = NULL;
  g_autoptr (CspRecord) activity = NULL;
  g_autoptr (CspRecord) partner = NULL;
  g_autoptr (GError) error = NULL;

  access = csp_server_roles_get_access (database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (access->level, ==, CSP_ACCESS_READ_ONLY);
  g_assert_cmpstr (access->user_name, ==, viewer);
  g_assert_false (access->partner_scoped);
  g_assert_false (access->can_manage_users);
  g_test_message ("%s", access->explanation);
  g_assert_nonnull (strstr (access->explanation, "a viewer"));

  g_assert_cmpint (count (database, "SELECT count (*) FROM activity"), ==,
                   count (fixture->database, "SELECT count (*) FROM activity"));
  g_assert_cmpint (count (database, "SELECT count (*) FROM audit_log"), ==,
                   count (fixture->database, "SELECT count (*) FROM audit_log"));

  activity = get_record (store, CSP_TYPE_ACTIVITY, first_id (database, "activity"));
  csp_record_set_string (activity, "title", "A viewer's title");
  g_assert_false (csp_store_update (store, activity, &error));
  assert_refused (error);
  g_clear_error (&error);

  partner = get_record (store, CSP_TYPE_PARTNER, POLICE_ID);
  csp_record_set_string (partner, "notes", "A viewer's notes");
  g_assert_false (csp_store_update (store, partner, &error));
  assert_refused (error);
  g_clear_error (&error);

  assert_audit_log_fixed (database);
  g_assert_false (csp_database_exec (database,
                                     "INSERT INTO audit_log (user_name, table_name, row_id, "
                                     "operation, changes, created_at, updated_at) VALUES "
                                     "('x', 'activity', 1, 'insert', '{}', '', '')",
                                     &error));
  assert_refused (error);
  assert_psql_audit_log_fixed (fixture, viewer, "viewer-pw-1");

  /* The command line lists the reports, and says why it adds none. */
  {
    g_auto (TestCliRun) run = { 0 };

    run_cli_as (fixture, &run, viewer, "viewer-pw-1", ARGS ("report", "list"));
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Community Safety Partnership Community Engagement"));
    run_cli_as (fixture, &run, viewer, "viewer-pw-1", ARGS ("report", "new"));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Committee reports cannot be changed"));
    g_assert_nonnull (strstr (run.err, "a viewer"));
    run_cli_as (fixture, &run, viewer, "viewer-pw-1", ARGS ("report", "duplicate", "1"));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "a viewer"));
    g_assert_cmpint (count (fixture->database, "SELECT count (*) FROM committee_report"), ==, 1);
  }
}

/* An editor changes activities, actions and reports, adds progress
 * updates, and undoes a delete; not partners, progress updates already
 * made, or users. */
static void
test_editor (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *editor = add_user (fixture, "ed", "editor", NULL, "Rédacteur-ß-2");
  g_autoptr (CspDatabase) database = open_as (fixture, editor, "Rédacteur-ß-2");
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autoptr (CspHistory) history = csp_history_new (store);
  g_autoptr (CspAccess) access = NULL;
  g_autoptr (CspRecord) activity = NULL;
  g_autoptr (CspRecord) again = NULL;
  g_autoptr (CspRecord) partner = NULL;
  g_autoptr (CspRecord) update = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (TestCliRun) run = { 0 };
  gint64 id = first_id (database, "activity");
  g_autofree char *audited = NULL;

  access = csp_server_roles_get_access (database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (access->level, ==, CSP_ACCESS_EDITOR);
  g_assert_false (access->can_manage_users);
  g_test_message ("%s", access->explanation);

  activity = get_record (store, CSP_TYPE_ACTIVITY, id);
  csp_record_set_string (activity, "title", "An editor's title");
  g_assert_true (csp_history_update (history, activity, &error));
  g_assert_no_error (error);
  audited = g_strdup_printf ("SELECT count (*) FROM audit_log WHERE table_name = 'activity' AND "
                             "row_id = %" G_GINT64_FORMAT " AND user_name = '%s'",
                             id, editor);
  g_assert_cmpint (count (fixture->database, audited), ==, 1);

  update = g_object_new (CSP_TYPE_ACTION_UPDATE, NULL);
  csp_record_set_int (update, "action_id", first_id (database, "action"));
  csp_record_set_string (update, "update_date", "2021-06-30");
  csp_record_set_string (update, "author", "An editor");
  csp_record_set_string (update, "status", "in_progress");
  csp_record_set_int (update, "percent_complete", 50);
  csp_record_set_string (update, "commentary", "Halfway");
  g_assert_true (csp_store_insert (store, update, &error));
  g_assert_no_error (error);
  g_assert_false (
      csp_database_exec (database, "UPDATE action_update SET commentary = 'Rewritten'", &error));
  assert_refused (error);
  g_clear_error (&error);

  /* Deleted and undone: the same id again, the sequence moved past it. */
  g_assert_true (csp_history_delete (history, activity, &error));
  g_assert_no_error (error);
  g_assert_true (csp_history_undo (history, &error));
  g_assert_no_error (error);
  again = get_record (store, CSP_TYPE_ACTIVITY, id);
  g_assert_cmpstr (csp_record_get_string (again, "title"), ==, "An editor's title");

  partner = get_record (store, CSP_TYPE_PARTNER, POLICE_ID);
  csp_record_set_string (partner, "notes", "An editor's notes");
  g_assert_false (csp_store_update (store, partner, &error));
  assert_refused (error);

  assert_audit_log_fixed (database);
  assert_psql_audit_log_fixed (fixture, editor, "Rédacteur-ß-2");

  /* Reports are an editor's: copied, sections and all. */
  run_cli_as (fixture, &run, editor, "Rédacteur-ß-2", ARGS ("report", "duplicate", "1"));
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "with 13 sections"));

  /* Users are the admins'. */
  run_cli_as (fixture, &run, editor, "Rédacteur-ß-2", ARGS ("server", "list-users"));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "not an admin"));
  run_cli_as (fixture, &run, editor, "Rédacteur-ß-2", ARGS ("server", "set-role", editor, "admin"));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "not an admin"));
}

/* An admin changes partners too, and manages users. */
static void
test_admin (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *admin = add_user (fixture, "ad", "admin", NULL, "admin-pw-3");
  g_autofree char *newcomer = user_name (fixture, "new");
  g_autoptr (CspDatabase) database = open_as (fixture, admin, "admin-pw-3");
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autoptr (CspAccess) access = NULL;
  g_autoptr (CspRecord) partner = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (TestCliRun) run = { 0 };

  access = csp_server_roles_get_access (database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (access->level, ==, CSP_ACCESS_ADMIN);
  g_assert_true (access->can_manage_users);
  g_test_message ("%s", access->explanation);

  partner = get_record (store, CSP_TYPE_PARTNER, POLICE_ID);
  csp_record_set_string (partner, "notes", "An admin's notes");
  g_assert_true (csp_store_update (store, partner, &error));
  g_assert_no_error (error);

  /* A session that only reads changes nothing, whatever the role. */
  {
    g_autoptr (CspDatabase) reading = open_as (fixture, admin, "admin-pw-3");
    g_autoptr (CspAccess) reading_access = NULL;

    g_assert_true (csp_database_exec (reading, "SET default_transaction_read_only = on", &error));
    reading_access = csp_server_roles_get_access (reading, &error);
    g_assert_no_error (error);
    g_assert_cmpint (reading_access->level, ==, CSP_ACCESS_READ_ONLY);
    g_assert_false (reading_access->can_manage_users);
    g_test_message ("%s", reading_access->explanation);
  }

  assert_audit_log_fixed (database);
  assert_psql_audit_log_fixed (fixture, admin, "admin-pw-3");

  /* An admin adds a user (who can log in), gives them another role, and
   * sees them listed; the owner's audit log has who did it. */
  run_cli_with (fixture, &run, admin, "admin-pw-3", "CSP_TEST_NEW_PASSWORD", "newcomer-pw-4",
                ARGS ("server", "add-user", newcomer, "--role", "editor", "--password-env",
                      "CSP_TEST_NEW_PASSWORD"));
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (
      psql_count_as (fixture, newcomer, "newcomer-pw-4", "SELECT count (*) FROM activity"), ==,
      count (fixture->database, "SELECT count (*) FROM activity"));
  run_cli_as (fixture, &run, admin, "admin-pw-3",
              ARGS ("server", "set-role", newcomer, "viewer", "--partner", "HFRS"));
  g_assert_cmpint (run.status, ==, 0);
  run_cli_as (fixture, &run, admin, "admin-pw-3", ARGS ("server", "list-users"));
  g_assert_cmpint (run.status, ==, 0);
  g_test_message ("%s", run.out);
  {
    g_autofree char *line = g_strdup_printf ("\n%-24s %-8s %s\n", newcomer, "viewer",
                                             "Hertfordshire Fire and Rescue Service");
    g_autofree char *admin_line = g_strdup_printf ("\n%-24s %-8s \n", admin, "admin");

    g_assert_nonnull (strstr (run.out, line));
    g_assert_nonnull (strstr (run.out, admin_line));
  }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM audit_log WHERE table_name = "
                                            "'server_user' AND user_name = '%s'",
                                            admin);
    g_assert_cmpint (count (fixture->database, sql), ==, 2);
  }

  /* Gone with remove-user, login and all. */
  run_cli_as (fixture, &run, admin, "admin-pw-3", ARGS ("server", "remove-user", newcomer));
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *sql =
        g_strdup_printf ("SELECT count (*) FROM pg_roles WHERE rolname = '%s'", newcomer);
    g_assert_cmpint (count (fixture->database, sql), ==, 0);
  }
}

/* The ids of a partner's activities (led or supported), as the owner
 * reads them. */
#define ACTIVITIES_OF                                                                              \
  "SELECT id FROM activity WHERE lead_partner_id = %d UNION "                                      \
  "SELECT activity_id FROM activity_partner WHERE partner_id = %d"
#define ACTIONS_OF                                                                                 \
  "SELECT id FROM action WHERE lead_partner_id = %d UNION "                                        \
  "SELECT action_id FROM action_partner WHERE partner_id = %d"

/* Counts with @sql (taken), as the owner. */
static gint64
owner_count_sql (Fixture *fixture, char *sql)
{
  gint64 value = count (fixture->database, sql);

  g_free (sql);
  return value;
}

/* @format has the partner's id twice, as ACTIVITIES_OF and ACTIONS_OF. */
#define owner_count(fixture, format, partner)                                                      \
  owner_count_sql ((fixture), g_strdup_printf ((format), (partner), (partner)))

/* What one partner-scoped viewer sees, through the application and
 * through psql. */
static void
assert_scoped (Fixture *fixture, const char *user, const char *password, int partner)
{
  g_autoptr (CspDatabase) database = open_as (fixture, user, password);
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autoptr (CspAccess) access = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GError) error = NULL;
  gint64 n_activities =
      owner_count (fixture, "SELECT count (*) FROM (" ACTIVITIES_OF ") AS a", partner);
  gint64 n_actions = owner_count (fixture, "SELECT count (*) FROM (" ACTIONS_OF ") AS a", partner);
  gint64 n_updates = owner_count (
      fixture, "SELECT count (*) FROM action_update WHERE action_id IN (" ACTIONS_OF ")", partner);
  gint64 hidden_activity = owner_count (
      fixture, "SELECT min (id) FROM activity WHERE id NOT IN (" ACTIVITIES_OF ")", partner);
  guint n = 0;

  /* Some rows are others' alone, or this proves nothing. */
  g_assert_cmpint (n_activities, >, 0);
  g_assert_cmpint (n_activities, <, count (fixture->database, "SELECT count (*) FROM activity"));
  g_assert_cmpint (n_actions, <, count (fixture->database, "SELECT count (*) FROM action"));
  g_assert_cmpint (hidden_activity, >, 0);

  access = csp_server_roles_get_access (database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (access->level, ==, CSP_ACCESS_READ_ONLY);
  g_assert_true (access->partner_scoped);
  g_assert_cmpint (access->partner_id, ==, partner);
  g_assert_nonnull (access->partner_name);
  g_test_message ("%s", access->explanation);
  g_assert_nonnull (strstr (access->explanation, access->partner_name));

  /* The application's lists and counts. */
  g_assert_true (csp_store_count (store, CSP_TYPE_ACTIVITY, &(CspQuery){ 0 }, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, n_activities);
  g_assert_true (csp_store_count (store, CSP_TYPE_ACTION, &(CspQuery){ 0 }, &n, &error));
  g_assert_cmpint (n, ==, n_actions);
  g_assert_true (csp_store_count (store, CSP_TYPE_ACTION_UPDATE, &(CspQuery){ 0 }, &n, &error));
  g_assert_cmpint (n, ==, n_updates);
  activities = csp_store_list (store, CSP_TYPE_ACTIVITY, &(CspQuery){ 0 }, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < activities->len; i++)
    {
      CspRecord *activity = g_ptr_array_index (activities, i);
      gboolean theirs = csp_record_get_int (activity, "lead_partner_id") == partner;
      guint n_ids = 0;
      const gint64 *ids = csp_record_get_partner_ids (activity, &n_ids);

      for (guint j = 0; j < n_ids; j++)
        theirs = theirs || ids[j] == partner;
      g_assert_true (theirs);
    }
  g_assert_null (csp_store_get (store, CSP_TYPE_ACTIVITY, hidden_activity, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Plain psql, as that user. */
  g_assert_cmpint (psql_count_as (fixture, user, password, "SELECT count (*) FROM activity"), ==,
                   n_activities);
  g_assert_cmpint (psql_count_as (fixture, user, password, "SELECT count (*) FROM action"), ==,
                   n_actions);
  g_assert_cmpint (psql_count_as (fixture, user, password, "SELECT count (*) FROM action_update"),
                   ==, n_updates);
  {
    g_autofree char *sql = g_strdup_printf (
        "SELECT count (*) FROM activity_partner WHERE activity_id NOT IN (" ACTIVITIES_OF ")",
        partner, partner);
    g_assert_cmpint (psql_count_as (fixture, user, password, sql), ==, 0);
  }
  {
    g_autofree char *sql =
        g_strdup_printf ("SELECT count (*) FROM audit_log WHERE table_name = 'activity' AND "
                         "row_id = %" G_GINT64_FORMAT,
                         hidden_activity);
    g_assert_cmpint (count (fixture->database, sql), >, 0);
    g_assert_cmpint (psql_count_as (fixture, user, password, sql), ==, 0);
    g_assert_cmpint (count (database, sql), ==, 0);
  }
  g_assert_cmpint (psql_count_as (fixture, user, password,
                                  "SELECT count (*) FROM audit_log WHERE table_name IN "
                                  "('server_user', 'activity_partner', 'action_partner')"),
                   ==, 0);
  {
    g_autofree char *errors = NULL;
    g_autofree char *out =
        psql_as (fixture, user, password, "SELECT count (*) FROM server_user", &errors);
    g_assert_null (out);
    g_assert_nonnull (strstr (errors, "permission denied"));
  }
  assert_audit_log_fixed (database);
  assert_psql_audit_log_fixed (fixture, user, password);
}

/* A police analyst sees only what the police lead or support; another
 * partner's analyst only what theirs do. */
static void
test_partner_scope (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *analyst = add_user (fixture, "pc", "viewer", POLICE, "analyst-pw-5");
  g_autofree char *fire = add_user (fixture, "fire", "viewer", "3", "fire-pw-6");
  g_autofree char *viewer = add_user (fixture, "all", "viewer", NULL, "viewer-pw-7");

  assert_scoped (fixture, analyst, "analyst-pw-5", POLICE_ID);
  assert_scoped (fixture, fire, "fire-pw-6", FIRE_ID);

  /* An unscoped viewer sees every row. */
  g_assert_cmpint (psql_count_as (fixture, viewer, "viewer-pw-7", "SELECT count (*) FROM activity"),
                   ==, count (fixture->database, "SELECT count (*) FROM activity"));
}

/* A role changed by an admin holds at the user's next statement, on a
 * connection already open; mistakes get their own messages. */
static void
test_set_role (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *user = add_user (fixture, "sam", "viewer", NULL, "sam-pw-8");
  g_autoptr (CspDatabase) database = open_as (fixture, user, "sam-pw-8");
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autoptr (CspRecord) activity = NULL;
  g_autoptr (CspAccess) access = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (TestCliRun) run = { 0 };
  g_autofree char *stranger = user_name (fixture, "nobody");

  activity = get_record (store, CSP_TYPE_ACTIVITY, first_id (database, "activity"));
  csp_record_set_string (activity, "title", "Sam's title");
  g_assert_false (csp_store_update (store, activity, &error));
  assert_refused (error);
  g_clear_error (&error);

  run_cli_as (fixture, &run, NULL, NULL, ARGS ("server", "set-role", user, "editor"));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "an editor"));
  access = csp_server_roles_get_access (database, &error);
  g_assert_cmpint (access->level, ==, CSP_ACCESS_EDITOR);
  g_clear_pointer (&access, csp_access_free);
  g_assert_true (csp_store_update (store, activity, &error));
  g_assert_no_error (error);

  run_cli_as (fixture, &run, NULL, NULL,
              ARGS ("server", "set-role", user, "viewer", "--partner", POLICE));
  g_assert_cmpint (run.status, ==, 0);
  access = csp_server_roles_get_access (database, &error);
  g_assert_cmpint (access->level, ==, CSP_ACCESS_READ_ONLY);
  g_assert_true (access->partner_scoped);
  g_assert_cmpint (access->partner_id, ==, POLICE_ID);
  csp_record_set_string (activity, "title", "Sam's second title");
  g_assert_false (csp_store_update (store, activity, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Mistakes. */
  run_cli_as (fixture, &run, NULL, NULL, ARGS ("server", "set-role", stranger, "editor"));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "There is no user"));
  run_cli_as (fixture, &run, NULL, NULL, ARGS ("server", "set-role", user, "boss"));
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "unknown role “boss”"));
  run_cli_as (fixture, &run, NULL, NULL,
              ARGS ("server", "set-role", user, "editor", "--partner", POLICE));
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "for viewers only"));
  run_cli_as (fixture, &run, NULL, NULL,
              ARGS ("server", "set-role", user, "viewer", "--partner", "Nobody"));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "No partner “Nobody”"));
  run_cli_as (fixture, &run, NULL, NULL, ARGS ("server", "add-user", user, "--role", "viewer"));
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "already"));
  {
    g_autoptr (CspStatement) stmt =
        csp_database_prepare (fixture->database, "SELECT current_user", NULL);
    g_autofree char *owner = NULL;

    g_assert_cmpint (csp_statement_step (stmt, NULL), ==, CSP_STEP_ROW);
    owner = g_strdup (csp_statement_get_text (stmt, 0));
    run_cli_as (fixture, &run, NULL, NULL, ARGS ("server", "set-role", owner, "viewer"));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "may do everything"));
  }
  {
    g_autofree char *group = g_strdup_printf ("%s_admin", fixture->name);

    run_cli_as (fixture, &run, NULL, NULL, ARGS ("server", "set-role", group, "viewer"));
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "group role"));
  }
}

/* A file has no users: whoever may write it may change everything. */
static void
test_file (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "desk.db", NULL);
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspAccess) access = NULL;
  g_autoptr (GError) error = NULL;

  database = csp_database_open (path, &error);
  g_assert_no_error (error);
  access = csp_server_roles_get_access (database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (access->level, ==, CSP_ACCESS_ADMIN);
  g_assert_false (access->partner_scoped);
  g_assert_cmpstr (access->user_name, ==, g_get_user_name ());

  g_assert_false (csp_server_roles_init (database, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "not a team server"));
  g_clear_error (&error);

  /* Made read-only while open: the file says so. */
  g_clear_pointer (&access, csp_access_free);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  access = csp_server_roles_get_access (database, &error);
  g_assert_no_error (error);
  g_assert_cmpint (access->level, ==, CSP_ACCESS_READ_ONLY);
  g_test_message ("%s", access->explanation);
  g_assert_nonnull (strstr (access->explanation, "read-only"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();
  if (!test_engine_is_postgresql ())
    {
      g_print ("1..0 # SKIP roles are a PostgreSQL server's (CSP_TEST_ENGINE=postgresql)\n");
      return 0;
    }
  run_psql_as_owner ("postgres", DROP_LEFTOVER_ROLES);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/roles/init", test_init);
  ADD ("/roles/viewer", test_viewer);
  ADD ("/roles/editor", test_editor);
  ADD ("/roles/admin", test_admin);
  ADD ("/roles/partner-scope", test_partner_scope);
  ADD ("/roles/set-role", test_set_role);
  ADD ("/roles/file", test_file);
#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-maintenance"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csp-database.h"
#include "csp-maintenance.h"
#include "csp-records.h"
#include "csp-sample.h"
#include "csp-stats.h"
#include "csp-store.h"
#include "test-engine.h"
#include "test-folder.h"
#include "test-store-calls.h"
#include "test-store-file.h"

typedef struct
{
  char *dir;
  char *location; /* a file in dir, or a server database of the test's own */
  CspDatabase *database;
  CspStore *store;
} Fixture;

static void
fixture_open (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;

  fixture->database = csp_database_open (fixture->location, &error);
  g_assert_no_error (error);
  fixture->store = csp_store_new (fixture->database);
}

static void
fixture_close (Fixture *fixture)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->database);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  fixture->dir = test_folder_new ("csp-test-maintenance");
  fixture->location = test_engine_new_location (fixture->dir, "csp-engage.db");
  fixture_open (fixture);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  fixture_close (fixture);
  test_store_file_remove (g_steal_pointer (&fixture->dir), g_steal_pointer (&fixture->location));
}

static gint64
add_partner (Fixture *fixture, const char *name)
{
  g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);

  csp_record_set_string (partner, "name", name);
  csp_record_set_string (partner, "kind", "other");
  csp_record_set_string (partner, "notes", "Kept in the backup");
  test_store_insert_ok (fixture->store, partner);
  return csp_record_get_id (partner);
}

static void
add_activity (Fixture *fixture, const char *title, const char *date, const char *mode,
              const char *status, gint64 participants, gint64 reach)
{
  g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);

  csp_record_set_string (activity, "title", title);
  csp_record_set_string (activity, "start_date", date);
  csp_record_set_string (activity, "format", "event");
  csp_record_set_string (activity, "mode", mode);
  csp_record_set_string (activity, "status", status);
  if (participants >= 0)
    csp_record_set_int (activity, "participants", participants);
  if (reach >= 0)
    csp_record_set_int (activity, "reach", reach);
  test_store_insert_ok (fixture->store, activity);
}

static CspCheckReport *
check_ok (CspDatabase *database)
{
  g_autoptr (GError) error = NULL;
  CspCheckReport *report = csp_database_check (database, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

static gint64
report_count (CspCheckReport *report, const char *table)
{
  for (guint i = 0; i < report->table_names->len; i++)
    if (g_str_equal (g_ptr_array_index (report->table_names, i), table))
      return g_array_index (report->row_counts, gint64, i);
  g_error ("the check does not count table %s", table);
}

static void
assert_same_counts (CspCheckReport *a, CspCheckReport *b)
{
  g_assert_cmpuint (a->table_names->len, ==, b->table_names->len);
  for (guint i = 0; i < a->table_names->len; i++)
    {
      const char *table = g_ptr_array_index (a->table_names, i);
      g_assert_cmpstr (table, ==, g_ptr_array_index (b->table_names, i));
      if (g_array_index (a->row_counts, gint64, i) != g_array_index (b->row_counts, gint64, i))
        g_error ("table %s has %" G_GINT64_FORMAT " rows, then %" G_GINT64_FORMAT, table,
                 g_array_index (a->row_counts, gint64, i),
                 g_array_index (b->row_counts, gint64, i));
    }
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, size);
}

/* No half-written copy, journal or temporary file is left in @dir besides
 * the names in @allowed. */
static void
assert_only_files (const char *dir, const char *const *allowed)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (!g_strv_contains (allowed, name))
      g_error ("%s was left in %s", name, dir);
}

static void
damage_page (const char *path, gint64 page)
{
  guint8 garbage[4096];
  int fd;

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) (0x5A ^ (i * 13));
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, (page - 1) * 4096), ==, sizeof garbage);
  close (fd);
}

/* Several hundred pages, mostly partner rows; the database stays open. */
static void
fill (Fixture *fixture, guint n_partners)
{
  g_autoptr (GError) error = NULL;

  csp_database_begin (fixture->database, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_partners; i++)
    {
      g_autofree char *name = g_strdup_printf ("Partner %04u with a long name to fill pages %s", i,
                                               "..........................................");
      add_partner (fixture, name);
    }
  csp_database_commit (fixture->database, &error);
  g_assert_no_error (error);
}

/* Check */

static void
test_check_healthy (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspCheckReport) report = NULL;
  const char *const *tables = csp_database_list_tables ();

  add_partner (fixture, "Council");
  add_partner (fixture, "Police");
  add_partner (fixture, "Fire");
  add_activity (fixture, "Webinar", "2021-01-01", "online", "delivered", 10, 100);
  add_activity (fixture, "Event", "2021-01-02", "in_person", "planned", -1, -1);

  report = check_ok (fixture->database);
  g_assert_true (report->ok);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpint (
      report->schema_version, ==,
      csp_database_get_latest_schema_version (csp_database_get_engine (fixture->database)));
  g_assert_cmpuint (report->table_names->len, ==, g_strv_length ((char **) tables));
  g_assert_cmpuint (report->row_counts->len, ==, report->table_names->len);
  for (guint i = 0; tables[i] != NULL; i++)
    g_assert_cmpstr (g_ptr_array_index (report->table_names, i), ==, tables[i]);
  g_assert_cmpint (report_count (report, "partner"), ==, 3);
  g_assert_cmpint (report_count (report, "activity"), ==, 2);
  g_assert_cmpint (report_count (report, "audit_log"), ==, 5);
  g_assert_cmpint (report_count (report, "action"), ==, 0);
}

static void
test_check_damaged (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspCheckReport) report = NULL;
  g_autoptr (GError) error = NULL;
  struct stat st;

  if (test_engine_skip_unless_file (
          "damages a page of an SQLite file; a server checks its own pages"))
    return;
  fill (fixture, 600);
  fixture_close (fixture);
  g_assert_no_errno (g_stat (fixture->location, &st));
  damage_page (fixture->location, st.st_size / 4096 / 2);

  fixture->database = csp_database_open (fixture->location, &error);
  if (fixture->database == NULL)
    {
      g_test_message ("the damage was found on opening");
      g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT);
      return;
    }
  report = csp_database_check (fixture->database, &error);
  if (report == NULL)
    {
      g_test_message ("the check failed: %s", error->message);
      g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, fixture->location));
      return;
    }
  /* A report, then, and one that says what is wrong. */
  g_assert_no_error (error);
  g_assert_false (report->ok);
  g_assert_cmpuint (report->problems->len, >, 0);
  g_test_message ("the check found: %s", (const char *) g_ptr_array_index (report->problems, 0));
}

/* Backup */

static void
test_backup_round_trip (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autoptr (CspDatabase) copy = NULL;
  g_autoptr (CspStore) copy_store = NULL;
  g_autoptr (CspCheckReport) original_report = NULL;
  g_autoptr (CspCheckReport) copy_report = NULL;
  g_autoptr (GPtrArray) originals = NULL;
  g_autoptr (GPtrArray) copies = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *header = NULL;
  gboolean rollback_journal;
  gsize size = 0;
  struct stat st;

  fill (fixture, 50);
  add_activity (fixture, "Webinar", "2021-01-01", "online", "delivered", 10, 100);

  /* The database is open and its last writes are still in its WAL. */
  g_assert_true (csp_database_backup (fixture->database, backup, &error));
  g_assert_no_error (error);

  /* One self-contained file, only for its owner, nothing left beside it. */
  assert_only_files (fixture->dir, (const char *const[]){ "csp-engage.db", "csp-engage.db-wal",
                                                          "csp-engage.db-shm", "backup.db", NULL });
  g_assert_no_errno (g_stat (backup, &st));
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (backup, &header, &size, NULL));
  g_assert_cmpuint (size, >=, 100);
  g_assert_cmpmem (header + 68, 4, "CSPE", 4);
  /* A rollback-journal file (bytes 18 and 19 are 1), so it needs no -wal.
   * A server's copy is made table by table into a new SQLite file, which
   * is left in WAL mode until csp-maintenance.c says otherwise. */
  rollback_journal = header[18] == 1 && header[19] == 1;
  if (!test_engine_is_postgresql ())
    {
      g_assert_cmpint (header[18], ==, 1);
      g_assert_cmpint (header[19], ==, 1);
    }

  /* A file at the latest SQLite schema, whatever the engine backed up. */
  copy = csp_database_open (backup, &error);
  g_assert_no_error (error);
  g_assert_cmpint (csp_database_get_schema_version (copy), ==,
                   csp_database_get_latest_schema_version (CSP_ENGINE_SQLITE));
  original_report = check_ok (fixture->database);
  copy_report = check_ok (copy);
  g_assert_true (copy_report->ok);
  assert_same_counts (original_report, copy_report);

  copy_store = csp_store_new (copy);
  originals = test_store_list (fixture->store, CSP_TYPE_PARTNER, NULL);
  copies = csp_store_list (copy_store, CSP_TYPE_PARTNER, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (copies->len, ==, originals->len);
  for (guint i = 0; i < originals->len; i++)
    {
      g_assert_cmpint (csp_record_get_id (copies->pdata[i]), ==,
                       csp_record_get_id (originals->pdata[i]));
      g_assert_cmpstr (csp_record_get_string (copies->pdata[i], "name"), ==,
                       csp_record_get_string (originals->pdata[i], "name"));
      g_assert_cmpint (csp_record_get_version (copies->pdata[i]), ==,
                       csp_record_get_version (originals->pdata[i]));
    }
  if (!rollback_journal)
    g_test_incomplete ("a server's backup is an SQLite file left in WAL mode, which needs -wal "
                       "and -shm files beside it to be opened");
}

static void
test_backup_replaces (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autoptr (CspDatabase) copy = NULL;
  g_autoptr (CspCheckReport) report = NULL;
  g_autoptr (GError) error = NULL;

  add_partner (fixture, "First");
  g_assert_true (csp_database_backup (fixture->database, backup, &error));
  add_partner (fixture, "Second");
  g_assert_true (csp_database_backup (fixture->database, backup, &error));
  g_assert_no_error (error);

  copy = csp_database_open (backup, &error);
  g_assert_no_error (error);
  report = check_ok (copy);
  g_assert_cmpint (report_count (report, "partner"), ==, 2);

  /* Over a file that is not a database at all, too. */
  g_clear_object (&copy);
  g_assert_true (g_file_set_contents (backup, "old notes", -1, NULL));
  g_assert_true (csp_database_backup (fixture->database, backup, &error));
  g_assert_no_error (error);
  copy = csp_database_open (backup, &error);
  g_assert_no_error (error);
}

static void
test_backup_failure_keeps_old (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  struct stat st;

  if (test_engine_skip_unless_file (
          "damages a page of an SQLite file; a server checks its own pages"))
    return;
  fill (fixture, 600);
  g_assert_true (csp_database_backup (fixture->database, backup, &error));
  g_assert_no_error (error);
  before = file_checksum (backup);

  /* The database gets damaged; a new backup of it must not replace the
   * good one. */
  fixture_close (fixture);
  g_assert_no_errno (g_stat (fixture->location, &st));
  damage_page (fixture->location, st.st_size / 4096 / 2);
  fixture->database = csp_database_open (fixture->location, &error);
  g_assert_no_error (error);

  g_assert_false (csp_database_backup (fixture->database, backup, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == CSP_DATABASE_ERROR);
  after = file_checksum (backup);
  g_assert_cmpstr (after, ==, before);
  assert_only_files (fixture->dir, (const char *const[]){ "csp-engage.db", "csp-engage.db-wal",
                                                          "csp-engage.db-shm", "backup.db", NULL });
}

static void
test_backup_read_only_folder (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "archive", NULL);
  g_autofree char *backup = g_build_filename (folder, "backup.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  g_assert_no_errno (g_mkdir (folder, 0700));
  add_partner (fixture, "First");
  g_assert_true (csp_database_backup (fixture->database, backup, &error));
  g_assert_no_error (error);
  before = file_checksum (backup);
  add_partner (fixture, "Second");

  g_assert_no_errno (g_chmod (folder, 0555));
  ok = csp_database_backup (fixture->database, backup, &error);
  g_chmod (folder, 0700);
  if (ok && geteuid () == 0)
    {
      /* Root writes where a person could not; the copy is then complete. */
      g_test_message ("running as root: the read-only folder did not stop the backup");
      return;
    }
  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, folder));
  after = file_checksum (backup);
  g_assert_cmpstr (after, ==, before);
  assert_only_files (folder, (const char *const[]){ "backup.db", NULL });
}

static void
test_backup_missing_folder (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "no-such-folder", NULL);
  g_autofree char *backup = g_build_filename (folder, "backup.db", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (csp_database_backup (fixture->database, backup, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == CSP_DATABASE_ERROR);
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

/* Backing up onto the database itself must not lose what is saved next. */
static void
test_backup_onto_itself (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_strdup (csp_database_get_location (fixture->database));
  g_autoptr (CspCheckReport) report = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  if (test_engine_skip_unless_file ("backs a database file up onto itself; a server is no file"))
    return;
  add_partner (fixture, "Before the backup");
  ok = csp_database_backup (fixture->database, path, &error);
  g_test_message ("backup onto itself: %s", ok ? "done" : error->message);
  g_clear_error (&error);
  add_partner (fixture, "After the backup");
  fixture_close (fixture);

  fixture_open (fixture);
  report = check_ok (fixture->database);
  g_assert_true (report->ok);
  g_assert_cmpint (report_count (report, "partner"), ==, 2);
}

/* Read-only */

static CspDatabase *
open_read_only (Fixture *fixture, GError **error)
{
  return csp_database_open_full (fixture->location, CSP_DATABASE_OPEN_READ_ONLY, 200, error);
}

/* What the read-only commands do (check, stats, backup) works read-only,
 * on a file or a server, and nothing can be written through it. */
static void
test_read_only_reads (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autoptr (CspDatabase) reader = NULL;
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspCheckReport) report = NULL;
  g_autoptr (CspDatabase) copy = NULL;
  g_autoptr (CspCheckReport) copy_report = NULL;
  g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (GArray) years = NULL;
  g_autoptr (GError) error = NULL;

  add_partner (fixture, "Council");
  add_activity (fixture, "Webinar", "2021-01-01", "online", "delivered", 10, 100);
  reader = open_read_only (fixture, &error);
  g_assert_no_error (error);

  report = check_ok (reader);
  g_assert_true (report->ok);
  g_assert_cmpint (report_count (report, "partner"), ==, 1);
  years = csp_stats_by_financial_year (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, ==, 1);
  g_assert_true (csp_database_backup (reader, backup, &error));
  g_assert_no_error (error);
  copy = csp_database_open (backup, &error);
  g_assert_no_error (error);
  copy_report = check_ok (copy);
  assert_same_counts (report, copy_report);

  store = csp_store_new (reader);
  csp_record_set_string (partner, "name", "Not to be written");
  csp_record_set_string (partner, "kind", "police");
  g_assert_false (csp_store_insert (store, partner, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (csp_database_in_transaction (reader));
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_PARTNER, NULL), ==, 1);
}

/* Another connection holds a write transaction: a reader reads what was
 * committed without waiting for it, then what it commits. */
static void
test_read_only_while_writing (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) reader = NULL;
  g_autoptr (CspStore) reader_store = NULL;
  g_autoptr (GError) error = NULL;
  guint n = 0;

  add_partner (fixture, "Council");
  g_assert_true (csp_database_begin (fixture->database, &error));
  g_assert_no_error (error);
  add_partner (fixture, "Uncommitted");

  reader = open_read_only (fixture, &error);
  g_assert_no_error (error);
  reader_store = csp_store_new (reader);
  g_assert_true (csp_store_count (reader_store, CSP_TYPE_PARTNER, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  g_assert_true (csp_database_commit (fixture->database, &error));
  g_assert_no_error (error);
  g_assert_true (csp_store_count (reader_store, CSP_TYPE_PARTNER, NULL, &n, &error));
  g_assert_cmpuint (n, ==, 2);
}

/* Bringing an older schema up to date writes: read-only, it is refused
 * with a message saying what to do, and the database is left as it was. */
static void
test_read_only_older_schema (Fixture *fixture, gconstpointer user_data)
{
  CspEngine engine = csp_database_get_engine (fixture->database);
  int older = csp_database_get_latest_schema_version (engine) - 1;
  g_autofree char *sql = NULL;
  g_autofree char *before = NULL;
  g_autoptr (CspDatabase) reader = NULL;
  g_autoptr (GError) error = NULL;

  if (older < 1)
    {
      g_test_skip ("this engine has one schema version only");
      return;
    }
  sql = g_strdup_printf (engine == CSP_ENGINE_SQLITE ? "PRAGMA user_version = %d"
                                                     : "UPDATE csp_engage SET schema_version = %d",
                         older);
  g_assert_true (csp_database_exec (fixture->database, sql, &error));
  g_assert_no_error (error);
  fixture_close (fixture);
  if (engine == CSP_ENGINE_SQLITE)
    before = file_checksum (fixture->location);

  reader = open_read_only (fixture, &error);
  g_assert_null (reader);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "older version"));
  if (engine == CSP_ENGINE_SQLITE)
    {
      g_autofree char *after = file_checksum (fixture->location);
      g_assert_cmpstr (after, ==, before);
      assert_only_files (fixture->dir, (const char *const[]){ "csp-engage.db", NULL });
    }
}

/* A backup to a symbolic link is refused; the file the link points to is
 * never touched. */
static void
test_backup_symlink (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *victim = g_build_filename (fixture->dir, "victim.txt", NULL);
  g_autofree char *link = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;

  add_partner (fixture, "Council");
  g_assert_true (g_file_set_contents (victim, "the minutes", -1, NULL));
  before = file_checksum (victim);
  g_assert_no_errno (symlink ("victim.txt", link));
  g_assert_false (csp_database_backup (fixture->database, link, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == CSP_DATABASE_ERROR);
  g_assert_nonnull (strstr (error->message, link));
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  after = file_checksum (victim);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
}

/* Sample partnership */

static void
load_sample (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_sample_load (fixture->store, &error));
  g_assert_no_error (error);
}

static void
test_sample_load (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GPtrArray) plans = NULL;
  g_autoptr (GPtrArray) priorities = NULL;
  g_autoptr (GPtrArray) updates = NULL;
  g_autoptr (GPtrArray) reports = NULL;
  g_autoptr (GPtrArray) sections = NULL;
  g_autoptr (GPtrArray) first_month = NULL;
  g_autoptr (GHashTable) updated_actions =
      g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (CspCheckReport) report = NULL;
  g_autoptr (GError) error = NULL;
  CspQuery period = { .from_date = "2020-04-01", .to_date = "2021-06-30" };
  CspQuery webinar = { .text = "webinar" };
  CspQuery by_month = { .sort_column = "month", .limit = 1 };
  gint64 plan_id = 0;
  guint n_activities, n_actions = 0;
  gboolean is_empty = FALSE;

  g_assert_true (csp_store_is_empty (fixture->store, &is_empty, &error));
  g_assert_true (is_empty);
  load_sample (fixture);
  g_assert_true (csp_store_is_empty (fixture->store, &is_empty, &error));
  g_assert_false (is_empty);

  /* About 60 activities, all between April 2020 and June 2021 */
  n_activities = test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL);
  g_assert_cmpuint (n_activities, >=, 50);
  g_assert_cmpuint (n_activities, <=, 75);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, &period), ==,
                    n_activities);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, &webinar), >, 0);

  /* The 2021-22 plan: about 20 actions, each with its history */
  plans = test_store_list (fixture->store, CSP_TYPE_PLAN, NULL);
  for (guint i = 0; i < plans->len; i++)
    if (strstr (csp_record_get_string (plans->pdata[i], "title"), "2021-22") != NULL)
      plan_id = csp_record_get_id (plans->pdata[i]);
  g_assert_cmpint (plan_id, >, 0);
  updates = test_store_list (fixture->store, CSP_TYPE_ACTION_UPDATE, NULL);
  for (guint i = 0; i < updates->len; i++)
    {
      gint64 *action_id = g_new (gint64, 1);
      *action_id = csp_record_get_int (updates->pdata[i], "action_id");
      g_hash_table_add (updated_actions, action_id);
    }
  priorities = test_store_list (fixture->store, CSP_TYPE_PRIORITY, NULL);
  for (guint i = 0; i < priorities->len; i++)
    {
      CspQuery under = { .priority_id = csp_record_get_id (priorities->pdata[i]) };
      g_autoptr (GPtrArray) actions = NULL;

      if (csp_record_get_int (priorities->pdata[i], "plan_id") != plan_id)
        continue;
      actions = test_store_list (fixture->store, CSP_TYPE_ACTION, &under);
      for (guint j = 0; j < actions->len; j++)
        {
          gint64 id = csp_record_get_id (actions->pdata[j]);
          if (!g_hash_table_contains (updated_actions, &id))
            g_error ("action %s has no progress update",
                     csp_record_get_string (actions->pdata[j], "ref"));
        }
      n_actions += actions->len;
    }
  g_assert_cmpuint (n_actions, >=, 15);
  g_assert_cmpuint (n_actions, <=, 25);

  /* Monthly figures from April 2019 */
  first_month = test_store_list (fixture->store, CSP_TYPE_METRIC_VALUE, &by_month);
  g_assert_cmpuint (first_month->len, ==, 1);
  g_assert_cmpstr (csp_record_get_string (first_month->pdata[0], "month"), ==, "2019-04");

  /* One committee report of 13 sections in the council's format */
  reports = test_store_list (fixture->store, CSP_TYPE_COMMITTEE_REPORT, NULL);
  g_assert_cmpuint (reports->len, ==, 1);
  sections = test_store_list (fixture->store, CSP_TYPE_REPORT_SECTION,
                              &(CspQuery){ .sort_column = "position" });
  g_assert_cmpuint (sections->len, ==, 13);
  {
    g_autoptr (GPtrArray) headings = g_ptr_array_new ();
    for (guint i = 0; i < sections->len; i++)
      {
        g_assert_cmpint (csp_record_get_int (sections->pdata[i], "report_id"), ==,
                         csp_record_get_id (reports->pdata[0]));
        g_ptr_array_add (headings,
                         (gpointer) csp_record_get_string (sections->pdata[i], "heading"));
      }
    g_ptr_array_add (headings, NULL);
    g_assert_cmpstr (headings->pdata[0], ==, "Executive Summary");
    g_assert_cmpstr (headings->pdata[12], ==, "Equality and Diversity");
    g_assert_true (g_strv_contains ((const char *const *) headings->pdata, "Explanation"));
  }

  /* Every sample row went in through the store and passes the check. */
  report = check_ok (fixture->database);
  g_assert_true (report->ok);
  g_assert_cmpint (report_count (report, "settings"), ==, 1);
  g_assert_cmpint (report_count (report, "audit_log"), >, (gint64) n_activities);
}

static void
test_sample_twice (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspCheckReport) before = NULL;
  g_autoptr (CspCheckReport) after = NULL;
  g_autoptr (GError) error = NULL;

  load_sample (fixture);
  before = check_ok (fixture->database);
  g_assert_false (csp_sample_load (fixture->store, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  after = check_ok (fixture->database);
  assert_same_counts (before, after);
}

static void
test_sample_not_empty (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspCheckReport) report = NULL;
  g_autoptr (GError) error = NULL;
  gboolean is_empty = TRUE;

  add_partner (fixture, "Our own partner");
  g_assert_true (csp_store_is_empty (fixture->store, &is_empty, &error));
  g_assert_false (is_empty);
  g_assert_false (csp_sample_load (fixture->store, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);

  report = check_ok (fixture->database);
  g_assert_cmpint (report_count (report, "partner"), ==, 1);
  g_assert_cmpint (report_count (report, "activity"), ==, 0);
  g_assert_cmpint (report_count (report, "settings"), ==, 0);
  /* ...and the connection is not left inside a transaction. */
  g_assert_false (csp_database_in_transaction (fixture->database));
}

/* Figures per financial year */

static const CspYearStats *
find_year (GArray *years, int year_start)
{
  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, CspYearStats, i).year_start == year_start)
      return &g_array_index (years, CspYearStats, i);
  g_error ("no figures for the year starting in %d", year_start);
}

static void
test_stats_financial_years (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GArray) years = NULL;
  g_autoptr (CspRecord) settings = csp_record_new (CSP_TYPE_SETTINGS);
  g_autoptr (GError) error = NULL;
  const CspYearStats *year;

  add_activity (fixture, "Last day of 2020-21", "2021-03-31", "online", "delivered", 10, 100);
  add_activity (fixture, "First day of 2021-22", "2021-04-01", "in_person", "delivered", 5, -1);
  add_activity (fixture, "Cancelled", "2021-04-02", "hybrid", "cancelled", 1000, 1000);
  add_activity (fixture, "First day of 2020-21", "2020-04-01", "hybrid", "planned", -1, 50);

  /* No settings yet: the year starts in April. */
  years = csp_stats_by_financial_year (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, ==, 2);
  year = &g_array_index (years, CspYearStats, 0);
  g_assert_cmpint (year->year_start, ==, 2020);
  g_assert_cmpint (year->activities, ==, 2);
  g_assert_cmpint (year->online, ==, 1);
  g_assert_cmpint (year->in_person, ==, 0);
  g_assert_cmpint (year->hybrid, ==, 1);
  g_assert_cmpint (year->participants, ==, 10);
  g_assert_cmpint (year->reach, ==, 150);
  year = &g_array_index (years, CspYearStats, 1);
  g_assert_cmpint (year->year_start, ==, 2021);
  g_assert_cmpint (year->activities, ==, 1);
  g_assert_cmpint (year->in_person, ==, 1);
  g_assert_cmpint (year->participants, ==, 5);
  g_assert_cmpint (year->reach, ==, 0);
  g_clear_pointer (&years, g_array_unref);

  /* A partnership whose year is the calendar year */
  csp_record_set_id (settings, 1);
  csp_record_set_string (settings, "council_name", "Example Council");
  csp_record_set_string (settings, "partnership_name", "Example CSP");
  csp_record_set_string (settings, "short_name", "ECSP");
  csp_record_set_int (settings, "financial_year_start_month", 1);
  test_store_insert_ok (fixture->store, settings);
  years = csp_stats_by_financial_year (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, ==, 2);
  g_assert_cmpint (find_year (years, 2020)->activities, ==, 1);
  g_assert_cmpint (find_year (years, 2021)->activities, ==, 2);
}

static void
test_stats_sample (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GArray) years = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GError) error = NULL;
  gint64 total = 0, not_cancelled = 0;

  load_sample (fixture);
  years = csp_stats_by_financial_year (fixture->database, &error);
  g_assert_no_error (error);
  find_year (years, 2020);
  find_year (years, 2021);
  for (guint i = 0; i < years->len; i++)
    {
      const CspYearStats *year = &g_array_index (years, CspYearStats, i);
      g_assert_cmpint (year->online + year->in_person + year->hybrid, ==, year->activities);
      if (i > 0)
        g_assert_cmpint (year->year_start, >,
                         g_array_index (years, CspYearStats, i - 1).year_start);
      total += year->activities;
    }
  activities = test_store_list (fixture->store, CSP_TYPE_ACTIVITY, NULL);
  for (guint i = 0; i < activities->len; i++)
    if (!g_str_equal (csp_record_get_string (activities->pdata[i], "status"), "cancelled"))
      not_cancelled++;
  g_assert_cmpint (total, ==, not_cancelled);
}

static void
test_stats_damaged (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GArray) years = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *outcome = g_strnfill (900, 'o');
  gint64 root_page;

  if (test_engine_skip_unless_file (
          "damages a page of an SQLite file; a server checks its own pages"))
    return;
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);
      csp_record_set_string (activity, "title", "Street briefing");
      csp_record_set_string (activity, "start_date", "2021-01-01");
      csp_record_set_string (activity, "format", "street_briefing");
      csp_record_set_string (activity, "mode", "in_person");
      csp_record_set_string (activity, "status", "delivered");
      csp_record_set_string (activity, "outcome", outcome);
      test_store_insert_ok (fixture->store, activity);
    }
  g_assert_true (csp_database_query_int (
      fixture->database, "SELECT rootpage FROM sqlite_schema WHERE name = 'activity'", &root_page,
      &error));
  fixture_close (fixture);
  damage_page (fixture->location, root_page);
  fixture_open (fixture);

  years = csp_stats_by_financial_year (fixture->database, &error);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT);
  g_assert_null (years);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/maintenance/check/healthy", test_check_healthy);
  ADD ("/maintenance/check/damaged", test_check_damaged);
  ADD ("/maintenance/backup/round-trip", test_backup_round_trip);
  ADD ("/maintenance/backup/replaces", test_backup_replaces);
  ADD ("/maintenance/backup/failure-keeps-old", test_backup_failure_keeps_old);
  ADD ("/maintenance/backup/read-only-folder", test_backup_read_only_folder);
  ADD ("/maintenance/backup/missing-folder", test_backup_missing_folder);
  ADD ("/maintenance/backup/onto-itself", test_backup_onto_itself);
  ADD ("/maintenance/backup/symlink", test_backup_symlink);
  ADD ("/maintenance/read-only/reads", test_read_only_reads);
  ADD ("/maintenance/read-only/while-writing", test_read_only_while_writing);
  ADD ("/maintenance/read-only/older-schema", test_read_only_older_schema);
  ADD ("/maintenance/sample/load", test_sample_load);
  ADD ("/maintenance/sample/twice", test_sample_twice);
  ADD ("/maintenance/sample/not-empty", test_sample_not_empty);
  ADD ("/stats/financial-years", test_stats_financial_years);
  ADD ("/stats/sample", test_stats_sample);
  ADD ("/stats/damaged", test_stats_damaged);
#undef ADD

  return g_test_run ();
}

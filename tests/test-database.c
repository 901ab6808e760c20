/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-database"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
/* The SQLite backend's own tests: files of "another program" are made
 * with the plain sqlite3 API. */
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csp-database.h"
#include "csp-maintenance.h"
#include "csp-records.h"
#include "csp-sqlite-backend.h"
#include "csp-store.h"
#include "test-folder.h"

/* Every test gets a folder of its own with one database path in it. */
typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  fixture->dir = test_folder_new ("csp-test-database");
  fixture->path = g_build_filename (fixture->dir, "csp-engage.db", NULL);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  test_folder_remove (fixture->dir);
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* What a person would compare to know a file was left alone. */
typedef struct
{
  char *checksum;
  gsize size;
  struct timespec mtime;
  mode_t mode;
} FileState;

static void
file_state_read (const char *path, FileState *state)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  struct stat st;

  g_assert_no_errno (g_stat (path, &st));
  g_file_get_contents (path, &contents, &state->size, &error);
  g_assert_no_error (error);
  state->checksum =
      g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, state->size);
  state->mtime = st.st_mtim;
  state->mode = st.st_mode;
}

static void
assert_no_side_files (const char *path)
{
  const char *suffixes[] = { "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      if (g_file_test (side, G_FILE_TEST_EXISTS))
        g_error ("%s was left behind", side);
    }
}

/* The file has the same bytes, time and mode as in @before, and nothing
 * was left beside it. */
static void
assert_file_unchanged (const char *path, FileState *before)
{
  FileState after = { 0 };

  file_state_read (path, &after);
  g_assert_cmpuint (after.size, ==, before->size);
  g_assert_cmpstr (after.checksum, ==, before->checksum);
  g_assert_cmpint (after.mtime.tv_sec, ==, before->mtime.tv_sec);
  g_assert_cmpint (after.mtime.tv_nsec, ==, before->mtime.tv_nsec);
  g_assert_cmpuint (after.mode, ==, before->mode);
  assert_no_side_files (path);
  g_free (after.checksum);
  g_clear_pointer (&before->checksum, g_free);
}

/* A connection of "another program", made with the plain sqlite3 API. */
static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);

  if (rc != SQLITE_OK)
    g_error ("sqlite3_open_v2 %s: %s", path, sqlite3_errstr (rc));
  return db;
}

static void
raw_exec (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
raw_exec_file (const char *path, const char *sql)
{
  sqlite3 *db = raw_open (path);

  raw_exec (db, sql);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static gint64
query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static CspDatabase *
open_ok (const char *path)
{
  g_autoptr (GError) error = NULL;
  CspDatabase *database = csp_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (CSP_IS_DATABASE (database));
  return database;
}

static gint64
insert_partner (CspDatabase *database, const char *name, const char *notes)
{
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (GError) error = NULL;

  csp_record_set_string (partner, "name", name);
  csp_record_set_string (partner, "kind", "voluntary");
  csp_record_set_string (partner, "notes", notes);
  csp_store_insert (store, partner, &error);
  g_assert_no_error (error);
  return csp_record_get_id (partner);
}

static guint
count_partners (CspDatabase *database)
{
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autoptr (GError) error = NULL;
  guint count = 0;

  csp_store_count (store, CSP_TYPE_PARTNER, NULL, &count, &error);
  g_assert_no_error (error);
  return count;
}

/* A closed database of several hundred pages, mostly partner rows. */
static void
make_big_database (const char *path)
{
  g_autoptr (CspDatabase) database = open_ok (path);
  g_autofree char *notes = g_strnfill (600, 'x');
  g_autoptr (GError) error = NULL;

  csp_database_begin (database, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("Partner %03u", i);
      insert_partner (database, name, notes);
    }
  csp_database_commit (database, &error);
  g_assert_no_error (error);
}

static void
assert_error_names_file (const GError *error, const char *path)
{
  g_assert_nonnull (error);
  if (strstr (error->message, path) == NULL)
    g_error ("“%s” does not name %s", error->message, path);
}

/* Opening a file that must be refused: the error, naming @names, and
 * the file untouched. */
static void
assert_open_refused_naming (const char *path, CspDatabaseError code, const char *names)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = NULL;
  FileState before = { 0 };

  file_state_read (path, &before);
  database = csp_database_open_full (path, CSP_DATABASE_OPEN_CREATE, 200, &error);
  g_assert_null (database);
  g_assert_error (error, CSP_DATABASE_ERROR, (int) code);
  assert_error_names_file (error, names);
  assert_file_unchanged (path, &before);
}

static void
assert_open_refused (const char *path, CspDatabaseError code)
{
  assert_open_refused_naming (path, code, path);
}

static void
test_open_new (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);
  sqlite3 *db = raw_open (fixture->path);
  const char *const *tables = csp_database_list_tables ();
  g_autofree char *journal_mode = query_text (db, "PRAGMA journal_mode");
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *header = NULL;
  gsize header_size = 0;
  struct stat st;

  g_assert_cmpint (csp_database_get_latest_schema_version (CSP_ENGINE_SQLITE), >=, 1);
  g_assert_cmpint (csp_database_get_schema_version (database), ==,
                   csp_database_get_latest_schema_version (CSP_ENGINE_SQLITE));
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==,
                   csp_database_get_latest_schema_version (CSP_ENGINE_SQLITE));
  g_assert_cmpstr (csp_database_get_location (database), ==, fixture->path);

  g_assert_nonnull (tables);
  g_assert_cmpuint (g_strv_length ((char **) tables), >=, 18);
  for (guint i = 0; tables[i] != NULL; i++)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean has_created = FALSE, has_updated = FALSE, has_version = FALSE;
      guint n_columns = 0;

      g_assert_cmpint (
          sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info (?)", -1, &stmt, NULL), ==,
          SQLITE_OK);
      sqlite3_bind_text (stmt, 1, tables[i], -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (stmt, 0);
          has_created |= g_str_equal (column, "created_at");
          has_updated |= g_str_equal (column, "updated_at");
          has_version |= g_str_equal (column, "version");
          n_columns++;
        }
      sqlite3_finalize (stmt);
      if (n_columns == 0)
        g_error ("table %s does not exist", tables[i]);
      if (!has_created || !has_updated || !has_version)
        g_error ("table %s lacks created_at, updated_at or version", tables[i]);
    }

  g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, CSP_DATABASE_APPLICATION_ID);
  g_assert_cmpstr (journal_mode, ==, "wal");
  /* What each of the app's connections is set to. */
  {
    gint64 value = -1;

    g_assert_true (csp_database_query_int (database, "PRAGMA foreign_keys", &value, NULL));
    g_assert_cmpint (value, ==, 1);
    g_assert_true (csp_database_query_int (database, "PRAGMA synchronous", &value, NULL));
    g_assert_cmpint (value, ==, 2);
    g_assert_true (csp_database_query_int (database, "PRAGMA trusted_schema", &value, NULL));
    g_assert_cmpint (value, ==, 0);
  }
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  /* Defensive: not even SQL on the app's own connection may rewrite the
   * schema's text behind SQLite's back. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (csp_database_exec (database,
                                       "PRAGMA writable_schema = ON; "
                                       "UPDATE sqlite_schema SET sql = sql WHERE name = 'partner'",
                                       &error));
    g_assert_nonnull (error);
  }

  /* Only its owner may read what the partnership records. */
  g_assert_no_errno (g_stat (fixture->path, &st));
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  if (g_stat (wal, &st) == 0)
    g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  /* The header itself says "CSPE", for any tool that looks at the file. */
  g_clear_object (&database);
  assert_no_side_files (fixture->path);
  g_file_get_contents (fixture->path, &header, &header_size, NULL);
  g_assert_cmpuint (header_size, >=, 100);
  g_assert_cmpmem (header, 16, "SQLite format 3", 16);
  g_assert_cmpmem (header + 68, 4, "CSPE", 4);
}

static void
test_open_reopen (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspRecord) partner = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id = insert_partner (database, "Hertfordshire Constabulary", "Neighbourhood team");

  g_clear_object (&database);
  database = open_ok (fixture->path);
  g_assert_cmpint (csp_database_get_schema_version (database), ==,
                   csp_database_get_latest_schema_version (CSP_ENGINE_SQLITE));
  g_assert_cmpuint (count_partners (database), ==, 1);
  store = csp_store_new (database);
  partner = csp_store_get (store, CSP_TYPE_PARTNER, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csp_record_get_string (partner, "name"), ==, "Hertfordshire Constabulary");
  g_assert_cmpstr (csp_record_get_string (partner, "notes"), ==, "Neighbourhood team");

  /* A third open, with another connection still open, sees the same. */
  {
    g_autoptr (CspDatabase) second = open_ok (fixture->path);
    g_assert_cmpuint (count_partners (second), ==, 1);
  }
}

static void
test_open_zero_length (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = NULL;

  g_assert_true (
      g_file_set_contents_full (fixture->path, "", 0, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  database = open_ok (fixture->path);
  g_assert_cmpint (csp_database_get_schema_version (database), ==,
                   csp_database_get_latest_schema_version (CSP_ENGINE_SQLITE));
  {
    sqlite3 *db = raw_open (fixture->path);
    g_assert_cmpint (query_int (db, "PRAGMA application_id"), ==, CSP_DATABASE_APPLICATION_ID);
    g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  }
  g_assert_cmpuint (count_partners (database), ==, 0);
}

static void
test_open_not_sqlite (Fixture *fixture, gconstpointer user_data)
{
  const char *text = "Minutes of the partners' weekly meeting\n1. Apologies\n2. Actions\n"
                     "This is a plain text file that happens to be long enough to have a "
                     "100-byte header, but it is not a database.\n";

  g_assert_true (
      g_file_set_contents_full (fixture->path, text, -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  assert_open_refused (fixture->path, CSP_DATABASE_ERROR_NOT_SQLITE);

  /* Shorter than a header, too. */
  g_assert_true (
      g_file_set_contents_full (fixture->path, "hello", -1, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  assert_open_refused (fixture->path, CSP_DATABASE_ERROR_NOT_SQLITE);
}

static void
test_open_not_ours (Fixture *fixture, gconstpointer user_data)
{
  raw_exec_file (fixture->path, "CREATE TABLE contacts (name TEXT, phone TEXT);"
                                "INSERT INTO contacts VALUES ('Ann', '01707 357000');");
  g_chmod (fixture->path, 0600);
  assert_open_refused (fixture->path, CSP_DATABASE_ERROR_NOT_OURS);
}

static void
test_open_not_ours_wal (Fixture *fixture, gconstpointer user_data)
{
  /* Another program's database in WAL mode, with an application id. */
  raw_exec_file (fixture->path, "PRAGMA journal_mode = WAL; PRAGMA application_id = 1234;"
                                "CREATE TABLE notes (body TEXT);"
                                "INSERT INTO notes VALUES ('keep me');");
  g_chmod (fixture->path, 0600);
  assert_open_refused (fixture->path, CSP_DATABASE_ERROR_NOT_OURS);
}

static void
test_open_too_new (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);
  g_autofree char *sql = g_strdup_printf (
      "PRAGMA user_version = %d", csp_database_get_latest_schema_version (CSP_ENGINE_SQLITE) + 1);

  insert_partner (database, "Fire and Rescue", NULL);
  g_clear_object (&database);
  raw_exec_file (fixture->path, sql);
  assert_no_side_files (fixture->path);

  assert_open_refused (fixture->path, CSP_DATABASE_ERROR_TOO_NEW);
}

/* user_version is a signed number: a negative one is no version of ours.
 * Opened in a child, since it crashes until fixed; the child gets the file
 * from the parent, which removes it whatever happens to the child. */
static void
test_open_negative_version (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gboolean passed;

  if (g_test_subprocess ())
    {
      g_autoptr (CspDatabase) database = NULL;
      FileState before = { 0 };

      path = g_strdup (g_getenv ("CSP_TEST_NEGATIVE_DB"));
      g_assert_nonnull (path);
      file_state_read (path, &before);
      database = csp_database_open (path, &error);
      g_assert_null (database);
      g_assert_nonnull (error);
      g_assert_true (g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT) ||
                     g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_OURS));
      assert_error_names_file (error, path);
      assert_file_unchanged (path, &before);
      return;
    }

  dir = test_folder_new ("csp-test-database");
  path = g_build_filename (dir, "csp-engage.db", NULL);
  g_object_unref (open_ok (path));
  raw_exec_file (path, "PRAGMA user_version = -1");
  g_setenv ("CSP_TEST_NEGATIVE_DB", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("CSP_TEST_NEGATIVE_DB");
  passed = g_test_trap_has_passed ();
  test_folder_remove (dir);
  g_assert_true (passed);
}

static void
test_open_truncated (Fixture *fixture, gconstpointer user_data)
{
  struct stat st;

  make_big_database (fixture->path);
  g_assert_no_errno (g_stat (fixture->path, &st));
  g_assert_cmpint (st.st_size, >=, 100 * 4096);
  g_assert_no_errno (truncate (fixture->path, st.st_size / 2));

  assert_open_refused (fixture->path, CSP_DATABASE_ERROR_CORRUPT);
}

/* Overwrites page @page (counting from 1) with bytes no b-tree page has. */
static void
damage_page (const char *path, gint64 page, guint page_size)
{
  g_autofree guint8 *garbage = g_malloc (page_size);
  int fd;

  for (guint i = 0; i < page_size; i++)
    garbage[i] = (guint8) (0xA5 ^ (i * 7));
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, page_size, (page - 1) * page_size), ==, page_size);
  close (fd);
}

static gint64
root_page_of (const char *path, const char *table)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = ?", -1, &stmt, NULL),
      ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return page;
}

static void
test_open_damaged (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspStore) store = NULL;
  g_autoptr (GPtrArray) partners = NULL;
  g_autoptr (GError) error = NULL;
  struct stat st;

  make_big_database (fixture->path);
  g_assert_no_errno (g_stat (fixture->path, &st));
  /* The partner table's own page, so that listing partners meets it. */
  damage_page (fixture->path, root_page_of (fixture->path, "partner"), 4096);

  database = csp_database_open_full (fixture->path, CSP_DATABASE_OPEN_CREATE, 200, &error);
  if (database != NULL)
    {
      /* The header and schema are intact; the damage shows on first use. */
      store = csp_store_new (database);
      partners = csp_store_list (store, CSP_TYPE_PARTNER, NULL, &error);
      g_assert_null (partners);
    }
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT);
  assert_error_names_file (error, fixture->path);
}

static void
test_open_read_only_file (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);

  insert_partner (database, "Probation Service", NULL);
  g_clear_object (&database);
  g_assert_no_errno (g_chmod (fixture->path, 0444));

  assert_open_refused (fixture->path, CSP_DATABASE_ERROR_READ_ONLY);
}

static void
test_open_read_only_folder (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_no_errno (g_chmod (fixture->dir, 0555));
  database = csp_database_open (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, fixture->dir));
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* An existing database there is refused too: its journal needs the folder. */
  g_assert_no_errno (g_chmod (fixture->dir, 0700));
  database = open_ok (fixture->path);
  g_clear_object (&database);
  g_assert_no_errno (g_chmod (fixture->dir, 0555));
  assert_open_refused_naming (fixture->path, CSP_DATABASE_ERROR_READ_ONLY, fixture->dir);
}

static void
test_open_locked_new_file (Fixture *fixture, gconstpointer user_data)
{
  sqlite3 *other = raw_open (fixture->path);
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (GError) error = NULL;
  gint64 start;

  /* Another program has just created the file and is writing to it. */
  raw_exec (other, "BEGIN EXCLUSIVE");
  start = g_get_monotonic_time ();
  database = csp_database_open_full (fixture->path, CSP_DATABASE_OPEN_CREATE, 100, &error);
  g_assert_null (database);
  /* The wait for the lock ends, in the busy error, having waited (at
   * least) the busy timeout asked for; how much longer is the machine's. */
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_LOCKED);
  assert_error_names_file (error, fixture->path);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 100 * 1000);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Once it has finished, the file is ours to set up. */
  raw_exec (other, "COMMIT");
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
  database = open_ok (fixture->path);
  g_assert_cmpint (csp_database_get_schema_version (database), ==,
                   csp_database_get_latest_schema_version (CSP_ENGINE_SQLITE));
}

static void
test_open_locked_wal (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (GError) error = NULL;
  sqlite3 *other;

  insert_partner (database, "Council", NULL);
  g_clear_object (&database);

  other = raw_open (fixture->path);
  raw_exec (other, "BEGIN IMMEDIATE");

  database = csp_database_open_full (fixture->path, CSP_DATABASE_OPEN_CREATE, 100, &error);
  if (database == NULL)
    {
      g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_LOCKED);
      assert_error_names_file (error, fixture->path);
      g_clear_error (&error);
    }
  else
    {
      /* Readers are not blocked in WAL mode, but writing must wait. */
      store = csp_store_new (database);
      csp_record_set_string (partner, "name", "Police");
      csp_record_set_string (partner, "kind", "police");
      g_assert_false (csp_store_insert (store, partner, &error));
      g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_LOCKED);
      assert_error_names_file (error, fixture->path);
      g_clear_error (&error);
      g_assert_cmpuint (count_partners (database), ==, 1);
      g_clear_object (&store);
      g_clear_object (&database);
    }

  raw_exec (other, "ROLLBACK");
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
  database = open_ok (fixture->path);
  g_assert_cmpuint (count_partners (database), ==, 1);
}

/* Two copies of CSP Engage on one file: one saves while the other writes. */
static void
test_open_locked_by_other_instance (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) writer = open_ok (fixture->path);
  g_autoptr (CspDatabase) other =
      csp_database_open_full (fixture->path, CSP_DATABASE_OPEN_CREATE, 100, NULL);
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (other);
  insert_partner (writer, "Council", NULL);
  csp_database_begin (writer, &error);
  g_assert_no_error (error);
  insert_partner (writer, "Uncommitted", NULL);

  /* The other can still read what was committed... */
  g_assert_cmpuint (count_partners (other), ==, 1);
  /* ...but cannot write until the writer is done. */
  store = csp_store_new (other);
  csp_record_set_string (partner, "name", "Police");
  csp_record_set_string (partner, "kind", "police");
  g_assert_false (csp_store_insert (store, partner, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_LOCKED);
  g_clear_error (&error);

  csp_database_commit (writer, &error);
  g_assert_no_error (error);
  csp_store_insert (store, partner, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_partners (writer), ==, 3);
}

/* Read-only (CSP_DATABASE_OPEN_READ_ONLY) */

static CspDatabase *
open_read_only (const char *path, GError **error)
{
  return csp_database_open_full (path, CSP_DATABASE_OPEN_READ_ONLY, 200, error);
}

/* Reads what a read-only command reads, and tries what it must not do. */
static void
read_and_refuse_writes (CspDatabase *database, guint n_partners)
{
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (CspCheckReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (count_partners (database), ==, n_partners);
  g_assert_cmpint (csp_database_get_schema_version (database), ==,
                   csp_database_get_latest_schema_version (CSP_ENGINE_SQLITE));
  report = csp_database_check (database, &error);
  g_assert_no_error (error);
  g_assert_true (report->ok);

  csp_record_set_string (partner, "name", "Not to be written");
  csp_record_set_string (partner, "kind", "police");
  g_assert_false (csp_store_insert (store, partner, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY);
  assert_error_names_file (error, csp_database_get_location (database));
  g_clear_error (&error);
  g_assert_false (csp_database_exec (database, "PRAGMA user_version = 1", &error));
  g_assert_nonnull (error);
}

/* A database nobody has open: read, and left exactly as it was, with no
 * -wal or -shm beside it. */
static void
test_read_only_unchanged (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (GError) error = NULL;
  FileState before = { 0 };

  make_big_database (fixture->path);
  assert_no_side_files (fixture->path);
  file_state_read (fixture->path, &before);
  database = open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  read_and_refuse_writes (database, 400);
  g_clear_object (&database);
  assert_file_unchanged (fixture->path, &before);
}

/* A file without write permission, as on read-only media. */
static void
test_read_only_file (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);
  FileState before = { 0 };
  g_autoptr (GError) error = NULL;

  insert_partner (database, "Probation Service", NULL);
  g_clear_object (&database);
  g_assert_no_errno (g_chmod (fixture->path, 0444));
  file_state_read (fixture->path, &before);

  database = open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  read_and_refuse_writes (database, 1);
  g_clear_object (&database);
  assert_file_unchanged (fixture->path, &before);
}

/* A folder without write permission, where no -wal or -shm can be made. */
static void
test_read_only_folder (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);
  FileState before = { 0 };
  g_autoptr (GError) error = NULL;

  insert_partner (database, "Fire and Rescue", NULL);
  insert_partner (database, "Health", NULL);
  g_clear_object (&database);
  file_state_read (fixture->path, &before);
  g_assert_no_errno (g_chmod (fixture->dir, 0555));

  database = open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  read_and_refuse_writes (database, 2);
  g_clear_object (&database);
  g_assert_no_errno (g_chmod (fixture->dir, 0700));
  assert_file_unchanged (fixture->path, &before);
}

/* Another program holds a write transaction: a reader reads what was
 * committed, without waiting, then what it commits; it leaves that
 * program's log and index alone. */
static void
test_read_only_while_writing (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);
  g_autoptr (CspDatabase) reader = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *other;
  gint64 start;

  insert_partner (database, "Council", NULL);
  g_clear_object (&database);
  other = raw_open (fixture->path);
  raw_exec (other, "BEGIN IMMEDIATE; INSERT INTO partner (name, kind, created_at, updated_at) "
                   "VALUES ('Police', 'police', '2021-07-05', '2021-07-05')");

  start = g_get_monotonic_time ();
  reader = open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_partners (reader), ==, 1);
  g_test_message ("read in %" G_GINT64_FORMAT " ms while another program wrote",
                  (g_get_monotonic_time () - start) / 1000);
  raw_exec (other, "COMMIT");
  g_assert_cmpuint (count_partners (reader), ==, 2);
  g_clear_object (&reader);

  /* The writer's files are still there for it, and it goes on. */
  raw_exec (other, "INSERT INTO partner (name, kind, created_at, updated_at) "
                   "VALUES ('Health', 'health', '2021-07-05', '2021-07-05')");
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM partner"), ==, 3);
  g_assert_cmpint (sqlite3_close (other), ==, SQLITE_OK);
  assert_no_side_files (fixture->path);
}

/* Bringing an older schema up to date writes, so read-only it is refused
 * with a message saying what to do, and the file is left as it was. */
static void
test_read_only_older_schema (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);
  g_autofree char *sql = g_strdup_printf (
      "PRAGMA user_version = %d", csp_database_get_latest_schema_version (CSP_ENGINE_SQLITE) - 1);
  g_autoptr (GError) error = NULL;
  FileState before = { 0 };

  g_clear_object (&database);
  raw_exec_file (fixture->path, sql);
  file_state_read (fixture->path, &before);
  database = open_read_only (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_READ_ONLY);
  assert_error_names_file (error, fixture->path);
  g_assert_nonnull (strstr (error->message, "older version"));
  assert_file_unchanged (fixture->path, &before);
}

/* Read-only never makes a database: not where none is, nor in an empty
 * file. */
static void
test_read_only_never_creates (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (GError) error = NULL;
  FileState before = { 0 };

  database = open_read_only (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (
      g_file_set_contents_full (fixture->path, "", 0, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  file_state_read (fixture->path, &before);
  database = open_read_only (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "csp-engage-cli init"));
  assert_file_unchanged (fixture->path, &before);
}

/* A file of another program, or a damaged one, is refused read-only as
 * otherwise, and never touched. */
static void
test_read_only_refusals (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (GError) error = NULL;
  FileState before = { 0 };
  struct stat st;

  raw_exec_file (fixture->path, "PRAGMA journal_mode = WAL; CREATE TABLE contacts (name TEXT);");
  file_state_read (fixture->path, &before);
  database = open_read_only (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_OURS);
  assert_file_unchanged (fixture->path, &before);
  g_clear_error (&error);

  g_assert_no_errno (g_unlink (fixture->path));
  make_big_database (fixture->path);
  g_assert_no_errno (g_stat (fixture->path, &st));
  g_assert_no_errno (truncate (fixture->path, st.st_size / 2));
  file_state_read (fixture->path, &before);
  database = open_read_only (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT);
  assert_file_unchanged (fixture->path, &before);
}

/* Overwrites @length bytes of @path at @offset. */
static void
poke (const char *path, goffset offset, const void *bytes, gsize length)
{
  int fd = g_open (path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, bytes, length, offset), ==, (gssize) length);
  close (fd);
}

/* Header bytes 28-31 (the page count) and 92-95 (which says whether it is
 * valid) changed: SQLite would quietly rewrite them on the next write. The
 * check, read-only, reports it and changes nothing. */
static void
test_check_header_damage (Fixture *fixture, gconstpointer user_data)
{
  const guint8 count[4] = { 0x00, 0x00, 0x10, 0x00 };
  const guint8 valid_for[4] = { 0x7f, 0x00, 0x00, 0x01 };
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspCheckReport) report = NULL;
  g_autoptr (GError) error = NULL;
  FileState before = { 0 };

  make_big_database (fixture->path);
  poke (fixture->path, 28, count, sizeof count);
  poke (fixture->path, 92, valid_for, sizeof valid_for);
  file_state_read (fixture->path, &before);

  database = open_read_only (fixture->path, &error);
  g_assert_no_error (error);
  report = csp_database_check (database, &error);
  g_assert_no_error (error);
  g_assert_false (report->ok);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report->problems, 0), "header"));
  g_clear_object (&database);
  assert_file_unchanged (fixture->path, &before);

  /* The count alone, marked valid, but not what the file holds: refused
   * as damaged, or found so by the check, and left as it is. */
  g_clear_pointer (&report, csp_check_report_free);
  {
    guint8 header[100];
    int fd = g_open (fixture->path, O_RDONLY, 0);

    g_assert_cmpint (read (fd, header, sizeof header), ==, sizeof header);
    close (fd);
    poke (fixture->path, 92, header + 24, 4);
    poke (fixture->path, 28, (const guint8[]){ 0, 0, 0, 3 }, 4);
  }
  file_state_read (fixture->path, &before);
  database = open_read_only (fixture->path, &error);
  if (database != NULL)
    report = csp_database_check (database, &error);
  if (report != NULL)
    g_assert_false (report->ok);
  else
    g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT);
  g_clear_object (&database);
  assert_file_unchanged (fixture->path, &before);
}

/* A full disk, as SQLite's page limit makes one: the message says so and
 * names the file. */
static void
test_disk_full (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);
  g_autoptr (CspStore) store = csp_store_new (database);
  g_autofree char *notes = g_strnfill (2000, 'n');
  g_autoptr (GError) error = NULL;
  gint64 pages = 0;
  guint n_saved = 1;

  insert_partner (database, "Council", NULL);
  g_assert_true (csp_database_query_int (database, "PRAGMA page_count", &pages, &error));
  g_assert_no_error (error);
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);
    gint64 limit = 0;

    g_assert_true (csp_database_query_int (database, sql, &limit, &error));
    g_assert_no_error (error);
    g_assert_cmpint (limit, ==, pages);
  }
  for (guint i = 0; i < 100 && error == NULL; i++)
    {
      g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);
      g_autofree char *name = g_strdup_printf ("Partner %u", i);

      csp_record_set_string (partner, "name", name);
      csp_record_set_string (partner, "kind", "voluntary");
      csp_record_set_string (partner, "notes", notes);
      if (csp_store_insert (store, partner, &error))
        n_saved++;
    }
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FULL);
  assert_error_names_file (error, fixture->path);
  g_assert_nonnull (strstr (error->message, "full"));
  g_assert_false (csp_database_in_transaction (database));
  /* The one that did not fit is not there at all. */
  g_assert_cmpuint (count_partners (database), ==, n_saved);
}

static void
test_open_missing_folder (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "no-such-folder", NULL);
  g_autofree char *path = g_build_filename (folder, "csp-engage.db", NULL);
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (GError) error = NULL;

  database = csp_database_open (path, &error);
  g_assert_null (database);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, folder));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

static void
test_open_empty_path (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (GError) error = NULL;

  database = csp_database_open ("", &error);
  g_assert_null (database);
  g_assert_nonnull (error);
  g_assert_true (error->domain == CSP_DATABASE_ERROR);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_open_directory (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_no_errno (g_mkdir (fixture->path, 0700));
  database = csp_database_open (fixture->path, &error);
  g_assert_null (database);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_SQLITE);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_DIR));
}

static void
test_resolve_path (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *explicit_path = NULL;
  g_autofree char *from_env = NULL;
  g_autofree char *by_default = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *folder = NULL;
  struct stat st;

  g_setenv ("CSP_ENGAGE_DB", "/srv/from-env.db", TRUE);
  explicit_path = csp_database_resolve_location ("/srv/explicit.db", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (explicit_path, ==, "/srv/explicit.db");
  from_env = csp_database_resolve_location (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (from_env, ==, "/srv/from-env.db");
  g_clear_pointer (&from_env, g_free);
  from_env = csp_database_resolve_location ("", &error);
  g_assert_cmpstr (from_env, ==, "/srv/from-env.db");

  /* main() pointed the user data folder at a scratch folder. */
  g_unsetenv ("CSP_ENGAGE_DB");
  folder = g_build_filename (g_get_user_data_dir (), "csp-engage", NULL);
  expected = g_build_filename (folder, "csp-engage.db", NULL);
  by_default = csp_database_resolve_location (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (by_default, ==, expected);
  g_assert_no_errno (g_stat (folder, &st));
  g_assert_true (S_ISDIR (st.st_mode));
  g_assert_cmpuint (st.st_mode & 0777, ==, 0700);
}

static void
test_transaction_nested (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);
  g_autoptr (GError) error = NULL;

  /* begin, begin, rollback inner, commit outer keeps the outer work */
  g_assert_true (csp_database_begin (database, &error));
  insert_partner (database, "Outer", NULL);
  g_assert_true (csp_database_begin (database, &error));
  insert_partner (database, "Inner", NULL);
  g_assert_cmpuint (count_partners (database), ==, 2);
  csp_database_rollback (database);
  g_assert_cmpuint (count_partners (database), ==, 1);
  g_assert_true (csp_database_commit (database, &error));
  g_assert_no_error (error);

  /* A new connection sees exactly the outer work. */
  {
    g_autoptr (CspDatabase) other = open_ok (fixture->path);
    g_autoptr (CspStore) store = csp_store_new (other);
    g_autoptr (GPtrArray) partners = csp_store_list (store, CSP_TYPE_PARTNER, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (partners->len, ==, 1);
    g_assert_cmpstr (csp_record_get_string (partners->pdata[0], "name"), ==, "Outer");
  }

  /* begin, begin, commit inner, rollback outer keeps nothing */
  g_assert_true (csp_database_begin (database, &error));
  insert_partner (database, "Second outer", NULL);
  g_assert_true (csp_database_begin (database, &error));
  insert_partner (database, "Second inner", NULL);
  g_assert_true (csp_database_commit (database, &error));
  csp_database_rollback (database);
  g_assert_cmpuint (count_partners (database), ==, 1);

  /* Three deep, the middle level rolled back. */
  g_assert_true (csp_database_begin (database, &error));
  insert_partner (database, "A", NULL);
  g_assert_true (csp_database_begin (database, &error));
  insert_partner (database, "B", NULL);
  g_assert_true (csp_database_begin (database, &error));
  insert_partner (database, "C", NULL);
  g_assert_true (csp_database_commit (database, &error));
  csp_database_rollback (database);
  g_assert_true (csp_database_commit (database, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_partners (database), ==, 2);

  /* After all that the connection is back outside any transaction. */
  g_assert_false (csp_database_in_transaction (database));
  g_assert_true (csp_database_exec (database, "BEGIN; COMMIT", &error));
}

static void
test_transaction_rollback_precondition (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);

  g_test_expect_message ("csp-database", G_LOG_LEVEL_CRITICAL, "*transaction_depth > 0*");
  csp_database_rollback (database);
  g_test_assert_expected_messages ();
}

/* A cached statement is the same one each time, comes back reset and
 * unbound, and holds no read snapshot once released: another connection's
 * commit is seen by the next use. */
static void
test_cached_statement (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);
  g_autoptr (CspDatabase) other = open_ok (fixture->path);
  const char *sql = "SELECT count(*) FROM partner WHERE name <> ?";
  CspStatement *first;
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (CspStatement) stmt = csp_database_prepare_cached (database, sql, &error);
    g_assert_no_error (error);
    first = stmt;
    csp_statement_bind_text (stmt, 1, "nobody");
    g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_ROW);
    g_assert_cmpint (csp_statement_get_int64 (stmt, 0), ==, 0);
  }
  insert_partner (other, "Written meanwhile", NULL);
  {
    g_autoptr (CspStatement) stmt = csp_database_prepare_cached (database, sql, &error);
    g_assert_no_error (error);
    g_assert_true (stmt == first);
    /* Unbound: NULL compares as unknown, so nothing is counted. */
    g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_ROW);
    g_assert_cmpint (csp_statement_get_int64 (stmt, 0), ==, 0);
    csp_statement_reset (stmt);
    csp_statement_bind_text (stmt, 1, "nobody");
    g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_ROW);
    g_assert_cmpint (csp_statement_get_int64 (stmt, 0), ==, 1);

    /* Handed out once at a time. */
    g_test_expect_message ("csp-database", G_LOG_LEVEL_CRITICAL, "*in_use*");
    g_assert_null (csp_database_prepare_cached (database, sql, NULL));
    g_test_assert_expected_messages ();
  }
  g_assert_no_error (error);

  /* A statement that does not parse is an error, not a cache entry. */
  g_assert_null (csp_database_prepare_cached (database, "SELECT FROM nowhere", &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED);
}

static void
test_count_rows (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspDatabase) database = open_ok (fixture->path);
  g_autoptr (GError) error = NULL;
  gint64 count = -1;

  insert_partner (database, "One", NULL);
  insert_partner (database, "Two", NULL);
  g_assert_true (csp_database_count_rows (database, "partner", &count, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 2);
  /* Each insert left one audit entry. */
  g_assert_true (csp_database_count_rows (database, "audit_log", &count, &error));
  g_assert_cmpint (count, ==, 2);

  /* Only tables of the schema may be named: the name goes into SQL. */
  g_test_expect_message ("csp-database", G_LOG_LEVEL_CRITICAL, "*is_known_table*");
  g_assert_false (
      csp_database_count_rows (database, "partner; DROP TABLE partner", &count, &error));
  g_test_assert_expected_messages ();
}

/* SQLite's write-ahead log needs memory shared between the programs that
 * use a file, which a network file system cannot give: such a file is
 * refused, and the decision is by the mount's file system type. */
static void
test_network_filesystems (void)
{
  const char *const network[] = { "cifs", "smb3", "smbfs", "nfs", "nfs4", "fuse.sshfs", "9p" };
  const char *const local[] = { "ext4",    "xfs",  "btrfs", "tmpfs",
                                "overlay", "vfat", "zfs",   "fuse.portal" };

  for (guint i = 0; i < G_N_ELEMENTS (network); i++)
    if (!csp_sqlite_filesystem_is_network (network[i]))
      g_error ("%s should count as a network file system", network[i]);
  for (guint i = 0; i < G_N_ELEMENTS (local); i++)
    if (csp_sqlite_filesystem_is_network (local[i]))
      g_error ("%s should count as local", local[i]);
}

int
main (int argc, char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The default database lives in the user data folder: a scratch one,
   * set before anything asks GLib for it. */
  if (!g_test_subprocess ())
    {
      data_home = test_folder_new ("csp-test-data-home");
      g_setenv ("XDG_DATA_HOME", data_home, TRUE);
    }

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/database/open/new", test_open_new);
  ADD ("/database/open/reopen", test_open_reopen);
  ADD ("/database/open/zero-length", test_open_zero_length);
  ADD ("/database/open/not-sqlite", test_open_not_sqlite);
  ADD ("/database/open/not-ours", test_open_not_ours);
  ADD ("/database/open/not-ours-wal", test_open_not_ours_wal);
  ADD ("/database/open/too-new", test_open_too_new);
  g_test_add_func ("/database/open/negative-version", test_open_negative_version);
  g_test_add_func ("/database/open/network-filesystems", test_network_filesystems);
  ADD ("/database/open/truncated", test_open_truncated);
  ADD ("/database/open/damaged", test_open_damaged);
  ADD ("/database/open/read-only-file", test_open_read_only_file);
  ADD ("/database/open/read-only-folder", test_open_read_only_folder);
  ADD ("/database/open/locked-new-file", test_open_locked_new_file);
  ADD ("/database/open/locked-wal", test_open_locked_wal);
  ADD ("/database/open/locked-by-other-instance", test_open_locked_by_other_instance);
  ADD ("/database/open/missing-folder", test_open_missing_folder);
  ADD ("/database/open/empty-path", test_open_empty_path);
  ADD ("/database/open/directory", test_open_directory);
  ADD ("/database/resolve-path", test_resolve_path);
  ADD ("/database/transaction/nested", test_transaction_nested);
  ADD ("/database/statement/cached", test_cached_statement);
  ADD ("/database/transaction/rollback-precondition", test_transaction_rollback_precondition);
  ADD ("/database/count-rows", test_count_rows);
  ADD ("/database/read-only/unchanged", test_read_only_unchanged);
  ADD ("/database/read-only/file", test_read_only_file);
  ADD ("/database/read-only/folder", test_read_only_folder);
  ADD ("/database/read-only/while-writing", test_read_only_while_writing);
  ADD ("/database/read-only/older-schema", test_read_only_older_schema);
  ADD ("/database/read-only/never-creates", test_read_only_never_creates);
  ADD ("/database/read-only/refusals", test_read_only_refusals);
  ADD ("/database/check/header-damage", test_check_header_damage);
  ADD ("/database/disk-full", test_disk_full);
#undef ADD

  status = g_test_run ();
  if (data_home != NULL)
    test_folder_remove (data_home);
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-backups"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csp-backup-rotation.h"
#include "csp-backups.h"
#include "csp-database-restore.h"
#include "csp-maintenance.h"
#include "csp-records.h"
#include "csp-store.h"
#include "test-engine.h"
#include "test-folder.h"
#include "test-store-file.h"

/* The automatic backups (the rotation's choice, the backup of the day)
 * and restoring a backup, onto a file or into a server database. */

/* A store on a database of the run's engine, "test.db" in a folder of
 * the test's own when on a file. */
typedef TestStoreFile Fixture;

static void
fixture_open (Fixture *fixture)
{
  fixture->store = test_store_file_open_location (fixture->location);
}

static void
fixture_close (Fixture *fixture)
{
  g_clear_object (&fixture->store);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  test_store_file_set_up (fixture, "csp-test-backups");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  test_store_file_tear_down (fixture);
}

static void
add_partner (CspStore *store, const char *name)
{
  g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (GError) error = NULL;

  csp_record_set_string (partner, "name", name);
  csp_record_set_string (partner, "kind", "other");
  g_assert_true (csp_store_insert (store, partner, &error));
  g_assert_no_error (error);
}

static gint64
count_partners (const char *location)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = csp_database_open (location, &error);
  gint64 count = -1;

  g_assert_no_error (error);
  g_assert_true (csp_database_count_rows (database, "partner", &count, &error));
  g_assert_no_error (error);
  return count;
}

static void
assert_private (const char *path)
{
  struct stat st;

  g_assert_no_errno (g_stat (path, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
backup_to (Fixture *fixture, const char *path)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_database_backup (csp_store_get_database (fixture->store), path, &error));
  g_assert_no_error (error);
}

/* Garbage over the first page's tree, past the header: the schema
 * cannot be read. */
static void
damage (const char *path)
{
  guint8 garbage[3000];
  int fd;

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) (0x5A ^ (i * 13));
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, sizeof garbage, 100), ==, sizeof garbage);
  close (fd);
}

static GDate *
date_new (int year, int month, int day)
{
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Returns: (transfer full): the names in @folder, sorted */
static char **
list_folder (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* Rotation: names alone */

static void
test_rotation_names (void)
{
  g_autoptr (GDate) date = date_new (2024, 5, 6);
  g_autofree char *name = csp_backup_rotation_name ("csp-engage", date);
  GDate parsed;
  const char *const not_ours[] = {
    "csp-engage-2024-05-6.db",      "csp-engage-2024-13-01.db",          "csp-engage-2024-02-30.db",
    "csp-engage-2024-05-06.db-wal", "csp-engage-replaced-2024-05-06.db", "other-2024-05-06.db",
    "csp-engage-x2024-05-06.db",    "csp-engage-2024-05-06-1.db",
  };

  g_assert_cmpstr (name, ==, "csp-engage-2024-05-06.db");
  g_assert_true (csp_backup_rotation_parse ("csp-engage", name, &parsed));
  g_assert_cmpint (g_date_compare (&parsed, date), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (not_ours); i++)
    g_assert_false (csp_backup_rotation_parse ("csp-engage", not_ours[i], &parsed));
  /* Another database's backups in the same folder are not this one's. */
  g_assert_false (csp_backup_rotation_parse ("csp", name, &parsed));
}

/* Names of a backup each day from @first for @days days, newest last. */
static GPtrArray *
daily_names (const char *stem, const GDate *first, guint days)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  GDate date = *first;

  for (guint i = 0; i < days; i++)
    {
      g_ptr_array_add (names, csp_backup_rotation_name (stem, &date));
      g_date_add_days (&date, 1);
    }
  return names;
}

static gboolean
name_in (GPtrArray *names, const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;
  return FALSE;
}

static void
test_rotation_daily_and_weekly (void)
{
  /* Monday 1 April 2024 to Sunday 5 May 2024: five whole weeks. */
  g_autoptr (GDate) first = date_new (2024, 4, 1);
  g_autoptr (GPtrArray) names = daily_names ("csp-engage", first, 35);
  g_autoptr (GPtrArray) expired = NULL;
  const char *const kept[] = {
    /* the last 7 days */
    "csp-engage-2024-04-29.db", "csp-engage-2024-04-30.db", "csp-engage-2024-05-01.db",
    "csp-engage-2024-05-02.db", "csp-engage-2024-05-03.db", "csp-engage-2024-05-04.db",
    "csp-engage-2024-05-05.db",
    /* the newest of each of the 3 weeks before: 4 weeks with this one */
    "csp-engage-2024-04-28.db", "csp-engage-2024-04-21.db", "csp-engage-2024-04-14.db"
  };

  g_ptr_array_add (names, g_strdup ("csp-engage-replaced-2024-04-02-101500.db"));
  g_ptr_array_add (names, g_strdup ("notes.txt"));
  g_ptr_array_add (names, NULL);
  expired = csp_backup_rotation_expired ("csp-engage", (const char *const *) names->pdata);

  g_assert_cmpuint (expired->len, ==, 35 - G_N_ELEMENTS (kept));
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_false (name_in (expired, kept[i]));
  g_assert_true (name_in (expired, "csp-engage-2024-04-01.db"));
  g_assert_true (name_in (expired, "csp-engage-2024-04-13.db"));
  g_assert_false (name_in (expired, "csp-engage-replaced-2024-04-02-101500.db"));
  g_assert_false (name_in (expired, "notes.txt"));
}

/* Days without a backup (the office shut) are not counted: the last 7
 * backups are kept however far apart, and weeks without one are skipped. */
static void
test_rotation_gaps (void)
{
  const char *const names[] = {
    "db-2024-01-02.db",
    "db-2024-01-09.db",
    "db-2024-01-16.db",
    "db-2024-01-23.db",
    "db-2024-02-20.db",
    "db-2024-02-27.db",
    "db-2024-03-05.db",
    "db-2024-03-12.db",
    "db-2024-03-13.db",
    "db-2024-03-14.db",
    NULL,
  };
  g_autoptr (GPtrArray) expired = csp_backup_rotation_expired ("db", names);

  /* The 7 newest reach back to 01-23; the 4 newest weeks (3 of March's
   * backups share one) are among them. */
  g_assert_cmpuint (expired->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (expired, 0), ==, "db-2024-01-16.db");
  g_assert_cmpstr (g_ptr_array_index (expired, 1), ==, "db-2024-01-09.db");
  g_assert_cmpstr (g_ptr_array_index (expired, 2), ==, "db-2024-01-02.db");
}

static void
test_rotation_few (void)
{
  const char *const names[] = { "db-2024-01-02.db", "db-2023-12-25.db", NULL };
  const char *const none[] = { NULL };
  g_autoptr (GPtrArray) expired = csp_backup_rotation_expired ("db", names);
  g_autoptr (GPtrArray) nothing = csp_backup_rotation_expired ("db", none);

  g_assert_cmpuint (expired->len, ==, 0);
  g_assert_cmpuint (nothing->len, ==, 0);
}

/* Rotation: the files */

static void
test_rotation_prune (void)
{
  g_autofree char *dir = test_folder_new ("csp-test-rotation");
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  g_autoptr (GDate) first = date_new (2024, 4, 1);
  g_autoptr (GPtrArray) names = daily_names ("csp-engage", first, 35);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) left = NULL;

  g_ptr_array_add (names, g_strdup ("csp-engage-replaced-2024-04-02-101500.db"));
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_assert_true (g_file_set_contents (path, "x", 1, &error));
      g_assert_no_error (error);
    }
  g_assert_true (csp_backup_rotation_prune (dir, "csp-engage", &error));
  g_assert_no_error (error);
  left = list_folder (dir);
  g_assert_cmpuint (g_strv_length (left), ==, 7 + 3 + 1);
  g_assert_true (
      g_strv_contains ((const char *const *) left, "csp-engage-replaced-2024-04-02-101500.db"));
  g_assert_true (g_strv_contains ((const char *const *) left, "csp-engage-2024-04-14.db"));
  g_assert_false (g_strv_contains ((const char *const *) left, "csp-engage-2024-04-13.db"));

  /* Nothing to prune where there is no folder yet. */
  g_assert_true (csp_backup_rotation_prune (missing, "csp-engage", &error));
  g_assert_no_error (error);
  test_folder_remove (dir);
}

/* The backup of the day */

/* Opening the database on a day: the application's first step. */
static gboolean
open_on (Fixture *fixture, const GDate *day, char **made)
{
  g_autoptr (GError) error = NULL;
  gboolean ok;

  fixture_close (fixture);
  fixture_open (fixture);
  ok = csp_backups_keep_daily (fixture->location, day, made, &error);
  g_assert_no_error (error);
  return ok;
}

static void
test_daily_once_a_day (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GDate) day = date_new (2024, 5, 6);
  g_autofree char *folder = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *next_day = NULL;
  g_autofree char *expected = NULL;
  g_auto (GStrv) names = NULL;

  if (test_engine_is_postgresql ())
    {
      /* A server's backups are its administrator's: none is made here. */
      g_assert_true (open_on (fixture, day, &first));
      g_assert_null (first);
      return;
    }
  folder = csp_backups_get_folder (fixture->location);
  expected = g_build_filename (fixture->folder, "backups", "test-2024-05-06.db", NULL);
  add_partner (fixture->store, "Before the backup");
  g_assert_true (open_on (fixture, day, &first));
  g_assert_cmpstr (first, ==, expected);
  assert_private (first);
  g_assert_cmpint (count_partners (first), ==, 1);

  /* Opened again the same day: the morning's backup stays as it was. */
  add_partner (fixture->store, "After the backup");
  g_assert_true (open_on (fixture, day, &second));
  g_assert_null (second);
  g_assert_cmpint (count_partners (first), ==, 1);

  g_date_add_days (day, 1);
  g_assert_true (open_on (fixture, day, &next_day));
  g_assert_nonnull (next_day);
  g_assert_cmpint (count_partners (next_day), ==, 2);
  names = list_folder (folder);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
}

/* Forty days of opening: the rotation keeps 7 daily and 4 weekly. */
static void
test_daily_rotates (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GDate) day = date_new (2024, 4, 1);
  g_autofree char *folder = NULL;
  g_auto (GStrv) names = NULL;

  if (test_engine_skip_unless_file ("a server database gets no automatic backup"))
    return;
  folder = csp_backups_get_folder (fixture->location);
  for (guint i = 0; i < 35; i++)
    {
      g_autofree char *made = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_true (csp_backups_keep_daily (fixture->location, day, &made, &error));
      g_assert_no_error (error);
      g_assert_nonnull (made);
      g_date_add_days (day, 1);
    }
  names = list_folder (folder);
  g_assert_cmpuint (g_strv_length (names), ==, 7 + 3);
  g_assert_cmpstr (names[0], ==, "test-2024-04-14.db");
  g_assert_cmpstr (names[9], ==, "test-2024-05-05.db");
}

/* Restore */

static void
test_restore_file (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *backup = g_build_filename (fixture->folder, "backup.db", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *folder = NULL;
  g_autoptr (GError) error = NULL;

  if (test_engine_skip_unless_file (
          "a server database is never replaced (see /backups/restore/server)"))
    return;
  folder = csp_backups_get_folder (fixture->location);
  add_partner (fixture->store, "In the backup");
  backup_to (fixture, backup);
  add_partner (fixture->store, "Added since");
  fixture_close (fixture);

  g_assert_true (csp_database_restore (fixture->location, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_partners (fixture->location), ==, 1);
  assert_private (fixture->location);

  /* What it replaced is kept among the backups, private too. */
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, folder));
  g_assert_cmpint (count_partners (kept), ==, 2);
  assert_private (kept);
  /* The backup itself is as it was. */
  g_assert_cmpint (count_partners (backup), ==, 1);
}

static void
test_restore_damaged (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *backup = g_build_filename (fixture->folder, "backup.db", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *kept_bytes = NULL;
  g_autofree char *damaged_bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) damaged = NULL;
  gsize kept_length = 0, damaged_length = 0;

  if (test_engine_skip_unless_file ("damages an SQLite file"))
    return;
  add_partner (fixture->store, "In the backup");
  backup_to (fixture, backup);
  fixture_close (fixture);
  damage (fixture->location);
  damaged = csp_database_open (fixture->location, &error);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (fixture->location, &damaged_bytes, &damaged_length, NULL));

  g_assert_true (csp_database_restore (fixture->location, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_partners (fixture->location), ==, 1);
  /* The damaged file is kept aside, byte for byte. */
  g_assert_true (g_file_get_contents (kept, &kept_bytes, &kept_length, NULL));
  g_assert_cmpmem (kept_bytes, kept_length, damaged_bytes, damaged_length);
  assert_private (kept);
}

/* What cannot be restored leaves the database as it was. */
static void
test_restore_refused (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *bad = g_build_filename (fixture->folder, "damaged-backup.db", NULL);
  g_autofree char *text = g_build_filename (fixture->folder, "notes.txt", NULL);
  g_autofree char *missing = g_build_filename (fixture->folder, "missing.db", NULL);
  g_autofree char *folder = NULL;
  g_autofree char *kept = NULL;
  g_autoptr (GError) error = NULL;

  if (test_engine_skip_unless_file ("a server database is never replaced"))
    return;
  folder = csp_backups_get_folder (fixture->location);
  add_partner (fixture->store, "Still here");
  backup_to (fixture, bad);
  damage (bad);
  g_assert_true (g_file_set_contents (text, "Not a database", -1, NULL));

  g_assert_false (csp_database_restore (fixture->location, fixture->location, &kept, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (csp_database_restore (fixture->location, bad, &kept, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, bad));
  g_clear_error (&error);
  g_assert_false (csp_database_restore (fixture->location, text, &kept, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_SQLITE);
  g_assert_nonnull (strstr (error->message, text));
  g_clear_error (&error);
  g_assert_false (csp_database_restore (fixture->location, missing, &kept, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);
  g_assert_null (kept);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  fixture_close (fixture);
  g_assert_cmpint (count_partners (fixture->location), ==, 1);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  {
    g_auto (GStrv) names = list_folder (fixture->folder);
    /* No temporary copy is left beside the database. */
    for (guint i = 0; names[i] != NULL; i++)
      g_assert_false (g_str_has_prefix (names[i], ".csp-engage-"));
  }
}

static void
test_restore_in_use (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *backup = g_build_filename (fixture->folder, "backup.db", NULL);
  g_autoptr (GError) error = NULL;

  if (test_engine_skip_unless_file ("a server database is never replaced"))
    return;
  add_partner (fixture->store, "Still here");
  backup_to (fixture, backup);
  add_partner (fixture->store, "And this");
  /* The fixture's connection is another program's, for the restore. */
  g_assert_false (csp_database_restore (fixture->location, backup, NULL, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_LOCKED);
  fixture_close (fixture);
  g_assert_cmpint (count_partners (fixture->location), ==, 2);
}

/* Onto a server: into an empty database, never over one that has records. */
static void
test_restore_server (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *backup = g_build_filename (fixture->folder, "backup.db", NULL);
  g_autofree char *empty = NULL;
  g_autofree char *kept = NULL;
  g_autoptr (GError) error = NULL;

  add_partner (fixture->store, "In the backup");
  backup_to (fixture, backup);
  add_partner (fixture->store, "Added since");
  if (!test_engine_is_postgresql ())
    {
      g_test_skip ("restoring into a server database");
      return;
    }
  g_assert_false (csp_database_restore (fixture->location, backup, &kept, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_partners (fixture->location), ==, 2);

  empty = test_engine_new_location (fixture->folder, "empty.db");
  g_assert_true (csp_database_restore (empty, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_null (kept);
  g_assert_cmpint (count_partners (empty), ==, 1);
  test_engine_drop_location (empty);
}

/* The newest backup that passes its check, for a damaged database. */
static void
test_newest_good (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GDate) day = date_new (2024, 5, 6);
  g_autofree char *folder = NULL;
  g_autofree char *newest = NULL;
  g_autofree char *found = NULL;
  g_autofree char *expected = NULL;
  g_autoptr (GError) error = NULL;

  if (test_engine_skip_unless_file ("a server database has no backups folder"))
    {
      g_assert_null (csp_backups_find_newest_good (fixture->location));
      return;
    }
  folder = csp_backups_get_folder (fixture->location);
  g_assert_null (csp_backups_find_newest_good (fixture->location));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *made = NULL;
      g_autofree char *name = g_strdup_printf ("Partner %u", i);

      add_partner (fixture->store, name);
      g_assert_true (csp_backups_keep_daily (fixture->location, day, &made, &error));
      g_assert_no_error (error);
      g_date_add_days (day, 1);
      g_free (newest);
      newest = g_steal_pointer (&made);
    }
  damage (newest);
  found = csp_backups_find_newest_good (fixture->location);
  expected = g_build_filename (folder, "test-2024-05-07.db", NULL);
  g_assert_cmpstr (found, ==, expected);
  g_assert_true (csp_database_restore_check (found, &error));
  g_assert_no_error (error);
  g_assert_false (csp_database_restore_check (newest, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

  g_test_add_func ("/backups/rotation/names", test_rotation_names);
  g_test_add_func ("/backups/rotation/daily-and-weekly", test_rotation_daily_and_weekly);
  g_test_add_func ("/backups/rotation/gaps", test_rotation_gaps);
  g_test_add_func ("/backups/rotation/few", test_rotation_few);
  g_test_add_func ("/backups/rotation/prune", test_rotation_prune);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backups/daily/once-a-day", test_daily_once_a_day);
  ADD ("/backups/daily/rotates", test_daily_rotates);
  ADD ("/backups/restore/file", test_restore_file);
  ADD ("/backups/restore/damaged", test_restore_damaged);
  ADD ("/backups/restore/refused", test_restore_refused);
  ADD ("/backups/restore/in-use", test_restore_in_use);
  ADD ("/backups/restore/server", test_restore_server);
  ADD ("/backups/newest-good", test_newest_good);
#undef ADD

  return g_test_run ();
}

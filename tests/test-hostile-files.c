/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-hostile-files"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "csp-database.h"
#include "csp-file-writer.h"
#include "csp-maintenance.h"
#include "test-cli-run.h"
#include "test-engine.h"
#include "test-folder.h"

/* csp-engage-cli against what an unlucky or hostile user hands it, each
 * run bounded in time:
 *
 * - a corpus of damaged database files, made here from the sample, each
 *   through check, stats, report and export-csv: no crash, no hang, and
 *   the file's SHA-256 the same afterwards, with nothing left beside it;
 * - kill -9 at random moments during exports and backups: the target is
 *   the old file or a complete new one, and no temporary file outlives
 *   the next run;
 * - a full disk (a small tmpfs in a mount namespace of its own), where
 *   the database is and where the files go. */

/* A run that takes longer than this has hung. */
#define RUN_TIMEOUT_S 60
#define PAGE_SIZE 4096
#define OLD_CONTENTS "the file that was there before\n"

typedef struct
{
  char *dir;
  char *db; /* the sample partnership, on the run's engine */
  char **env;
} Fixture;

#define ARGS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *home = NULL;
  g_autofree char *data = NULL;

  fixture->dir = test_folder_new ("csp-test-hostile");
  home = g_build_filename (fixture->dir, "home", NULL);
  data = g_build_filename (fixture->dir, "data", NULL);
  g_assert_no_errno (g_mkdir (home, 0700));
  fixture->env = test_cli_environ_at_home (home, data);
  fixture->db = test_engine_new_location (fixture->dir, "sample.db");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  test_engine_drop_location (fixture->db);
  test_folder_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_strfreev (fixture->env);
}

static char *
in_dir (Fixture *fixture, const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static char *
make_folder (Fixture *fixture, const char *name)
{
  char *path = in_dir (fixture, name);

  g_assert_no_errno (g_mkdir (path, 0700));
  return path;
}

/* How a bounded run ended. */
typedef struct
{
  GPid pid;
  int wait_status;
  gboolean timed_out;
  char *err;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static GPid
spawn_cli (Fixture *fixture, const char *const *args, const char *err_path)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  const char *cli = g_getenv ("CSP_CLI");
  int out_fd, err_fd;
  GPid pid = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  out_fd = g_open ("/dev/null", O_WRONLY | O_CLOEXEC, 0);
  err_fd = g_open (err_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert_cmpint (out_fd, >=, 0);
  g_assert_cmpint (err_fd, >=, 0);
  g_spawn_async_with_fds (fixture->dir, (char **) argv->pdata, fixture->env,
                          G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, -1, out_fd, err_fd, &error);
  g_assert_no_error (error);
  close (out_fd);
  close (err_fd);
  return pid;
}

/* Waits for @pid until @deadline (monotonic time), then kills it. */
static void
wait_until (GPid pid, gint64 deadline, Outcome *outcome)
{
  outcome->pid = pid;
  for (;;)
    {
      pid_t done = waitpid (pid, &outcome->wait_status, WNOHANG);

      g_assert_cmpint (done, >=, 0);
      if (done == pid)
        return;
      if (g_get_monotonic_time () >= deadline)
        {
          outcome->timed_out = TRUE;
          kill (pid, SIGKILL);
          g_assert_cmpint (waitpid (pid, &outcome->wait_status, 0), ==, pid);
          return;
        }
      g_usleep (2000);
    }
}

/* Runs csp-engage-cli with @args, for at most RUN_TIMEOUT_S. */
static void
run_bounded (Fixture *fixture, const char *const *args, Outcome *outcome)
{
  g_autofree char *err_path = in_dir (fixture, "stderr.txt");

  wait_until (spawn_cli (fixture, args, err_path),
              g_get_monotonic_time () + RUN_TIMEOUT_S * G_USEC_PER_SEC, outcome);
  g_assert_true (g_file_get_contents (err_path, &outcome->err, NULL, NULL));
}

static char *
describe (const char *const *args)
{
  return g_strjoinv (" ", (char **) args);
}

/* It ended by itself, with 0 (done) or 1 (a failure it explained). */
static void
assert_exited (const Outcome *outcome, const char *const *args)
{
  g_autofree char *line = describe (args);

  if (outcome->timed_out)
    g_error ("csp-engage-cli %s did not finish within %d s", line, RUN_TIMEOUT_S);
  if (!WIFEXITED (outcome->wait_status))
    g_error ("csp-engage-cli %s crashed (wait status %d):\n%s", line, outcome->wait_status,
             outcome->err);
  if (WEXITSTATUS (outcome->wait_status) > 1)
    g_error ("csp-engage-cli %s exited %d:\n%s", line, WEXITSTATUS (outcome->wait_status),
             outcome->err);
  if (WEXITSTATUS (outcome->wait_status) == 1 && outcome->err[0] == '\0')
    g_error ("csp-engage-cli %s failed without a word", line);
}

static void
assert_ok (Fixture *fixture, const char *const *args)
{
  g_auto (Outcome) outcome = { 0 };

  run_bounded (fixture, args, &outcome);
  assert_exited (&outcome, args);
  if (WEXITSTATUS (outcome.wait_status) != 0)
    {
      g_autofree char *line = describe (args);
      g_error ("csp-engage-cli %s failed:\n%s", line, outcome.err);
    }
}

static void
init_sample (Fixture *fixture, const char *db)
{
  assert_ok (fixture, ARGS ("--database", db, "init", "--sample"));
}

static char *
read_all (const char *path, gsize *size)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, size, NULL));
  return contents;
}

/* The bytes and time of change of a file. */
static char *
fingerprint (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  gsize size = 0;
  struct stat st;

  contents = read_all (path, &size);
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, size);
  g_assert_no_errno (g_lstat (path, &st));
  return g_strdup_printf ("%s %" G_GSIZE_FORMAT " %ld.%09ld", sum, size, (long) st.st_mtim.tv_sec,
                          (long) st.st_mtim.tv_nsec);
}

/* Nothing in @dir but @names (NULL-terminated). */
static void
assert_only_files (const char *dir, const char *const *names)
{
  g_autoptr (GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (!g_strv_contains (names, name))
      g_error ("%s was left in %s", name, dir);
}

static void
empty_folder (const char *dir)
{
  g_autoptr (GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      test_folder_remove (path);
    }
}

/* The damaged-file corpus */

typedef struct
{
  const char *name;
  void (*damage) (const char *path, gsize size, GRand *rand);
} Damage;

static void
poke (const char *path, goffset offset, const void *bytes, gsize length)
{
  int fd = g_open (path, O_WRONLY, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, bytes, length, offset), ==, (gssize) length);
  close (fd);
}

static void
poke_be32 (const char *path, goffset offset, guint32 value)
{
  guint32 be = GUINT32_TO_BE (value);

  poke (path, offset, &be, 4);
}

static void
flip (const char *path, goffset offset, gsize length)
{
  g_autofree guint8 *bytes = g_malloc (length);
  int fd = g_open (path, O_RDWR, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pread (fd, bytes, length, offset), ==, (gssize) length);
  for (gsize i = 0; i < length; i++)
    bytes[i] ^= 0xFF;
  g_assert_cmpint (pwrite (fd, bytes, length, offset), ==, (gssize) length);
  close (fd);
}

static void
fill_page (const char *path, guint64 page, GRand *rand)
{
  guint8 bytes[PAGE_SIZE];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = rand != NULL ? (guint8) g_rand_int_range (rand, 0, 256) : 0;
  poke (path, (goffset) (page - 1) * PAGE_SIZE, bytes, sizeof bytes);
}

static guint64
random_page (gsize size, GRand *rand)
{
  return (guint64) g_rand_int_range (rand, 2, (gint32) (size / PAGE_SIZE) + 1);
}

static void
truncated_half (const char *path, gsize size, GRand *rand)
{
  g_assert_no_errno (truncate (path, (off_t) (size / PAGE_SIZE / 2 * PAGE_SIZE)));
}

static void
truncated_odd (const char *path, gsize size, GRand *rand)
{
  g_assert_no_errno (truncate (path, (off_t) size - 1000));
}

static void
truncated_header (const char *path, gsize size, GRand *rand)
{
  g_assert_no_errno (truncate (path, 100));
}

static void
truncated_one_page (const char *path, gsize size, GRand *rand)
{
  g_assert_no_errno (truncate (path, PAGE_SIZE));
}

static void
header_28 (const char *path, gsize size, GRand *rand)
{
  flip (path, 28, 4);
}

static void
header_92 (const char *path, gsize size, GRand *rand)
{
  flip (path, 92, 4);
}

/* The case that check once "repaired": a page count and its validity
 * both changed. */
static void
header_28_and_92 (const char *path, gsize size, GRand *rand)
{
  poke_be32 (path, 28, (guint32) (size / PAGE_SIZE) + 7);
  poke_be32 (path, 92, g_rand_int (rand));
}

static void
header_count_small_valid (const char *path, gsize size, GRand *rand)
{
  g_autofree char *contents = read_all (path, NULL);

  poke (path, 92, contents + 24, 4);
  poke_be32 (path, 28, 2);
}

static void
legacy_journal (const char *path, gsize size, GRand *rand)
{
  poke (path, 18, (const guint8[]){ 1, 1 }, 2);
}

static void
newer_format (const char *path, gsize size, GRand *rand)
{
  poke (path, 18, (const guint8[]){ 3, 3 }, 2);
}

static void
page_size_1024 (const char *path, gsize size, GRand *rand)
{
  poke (path, 16, (const guint8[]){ 0x04, 0x00 }, 2);
}

static void
page_size_8192 (const char *path, gsize size, GRand *rand)
{
  poke (path, 16, (const guint8[]){ 0x20, 0x00 }, 2);
}

static void
page_size_65536 (const char *path, gsize size, GRand *rand)
{
  poke (path, 16, (const guint8[]){ 0x00, 0x01 }, 2);
}

static void
page_size_invalid (const char *path, gsize size, GRand *rand)
{
  poke (path, 16, (const guint8[]){ 0x03, 0x00 }, 2);
}

static void
reserved_space (const char *path, gsize size, GRand *rand)
{
  poke (path, 20, (const guint8[]){ 200 }, 1);
}

static void
payload_fractions (const char *path, gsize size, GRand *rand)
{
  poke (path, 21, (const guint8[]){ 1, 2, 3 }, 3);
}

static void
text_encoding (const char *path, gsize size, GRand *rand)
{
  poke_be32 (path, 56, 2);
}

static void
freelist_beyond_end (const char *path, gsize size, GRand *rand)
{
  poke_be32 (path, 32, (guint32) (size / PAGE_SIZE) * 3);
  poke_be32 (path, 36, 9);
}

static void
schema_cookie (const char *path, gsize size, GRand *rand)
{
  poke_be32 (path, 40, g_rand_int (rand));
}

static void
user_version_huge (const char *path, gsize size, GRand *rand)
{
  poke_be32 (path, 60, 0x7FFFFFFF);
}

static void
user_version_negative (const char *path, gsize size, GRand *rand)
{
  poke_be32 (path, 60, 0xFFFFFFFF);
}

static void
application_id (const char *path, gsize size, GRand *rand)
{
  poke_be32 (path, 68, 0x12345678);
}

static void
zero_page_1 (const char *path, gsize size, GRand *rand)
{
  fill_page (path, 1, NULL);
}

static void
zero_page_2 (const char *path, gsize size, GRand *rand)
{
  fill_page (path, 2, NULL);
}

static void
zero_middle_pages (const char *path, gsize size, GRand *rand)
{
  for (guint64 page = size / PAGE_SIZE / 2; page < size / PAGE_SIZE / 2 + 3; page++)
    fill_page (path, page, NULL);
}

static void
zero_last_page (const char *path, gsize size, GRand *rand)
{
  fill_page (path, size / PAGE_SIZE, NULL);
}

static void
random_pages_3 (const char *path, gsize size, GRand *rand)
{
  for (guint i = 0; i < 3; i++)
    fill_page (path, random_page (size, rand), rand);
}

static void
random_pages_12 (const char *path, gsize size, GRand *rand)
{
  for (guint i = 0; i < 12; i++)
    fill_page (path, random_page (size, rand), rand);
}

static void
schema_page_body (const char *path, gsize size, GRand *rand)
{
  guint8 bytes[PAGE_SIZE - 100];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  poke (path, 100, bytes, sizeof bytes);
}

static void
bit_flips (const char *path, gsize size, GRand *rand)
{
  for (guint i = 0; i < 300; i++)
    {
      goffset offset = g_rand_int_range (rand, 100, (gint32) size);
      guint8 byte = 0;
      int fd = g_open (path, O_RDWR, 0);

      g_assert_cmpint (pread (fd, &byte, 1, offset), ==, 1);
      byte ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
      g_assert_cmpint (pwrite (fd, &byte, 1, offset), ==, 1);
      close (fd);
    }
}

static void
garbage_appended (const char *path, gsize size, GRand *rand)
{
  guint8 bytes[10000];
  int fd = g_open (path, O_WRONLY | O_APPEND, 0);

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_assert_cmpint (write (fd, bytes, sizeof bytes), ==, sizeof bytes);
  close (fd);
}

static const Damage corpus[] = {
  { "truncated-half", truncated_half },
  { "truncated-odd", truncated_odd },
  { "truncated-header", truncated_header },
  { "truncated-one-page", truncated_one_page },
  { "header-bytes-28-31", header_28 },
  { "header-bytes-92-95", header_92 },
  { "header-bytes-28-31-and-92-95", header_28_and_92 },
  { "header-count-small-valid", header_count_small_valid },
  { "legacy-journal", legacy_journal },
  { "newer-format", newer_format },
  { "page-size-1024", page_size_1024 },
  { "page-size-8192", page_size_8192 },
  { "page-size-65536", page_size_65536 },
  { "page-size-invalid", page_size_invalid },
  { "reserved-space", reserved_space },
  { "payload-fractions", payload_fractions },
  { "text-encoding", text_encoding },
  { "freelist-beyond-end", freelist_beyond_end },
  { "schema-cookie", schema_cookie },
  { "user-version-huge", user_version_huge },
  { "user-version-negative", user_version_negative },
  { "application-id", application_id },
  { "zero-page-1", zero_page_1 },
  { "zero-page-2", zero_page_2 },
  { "zero-middle-pages", zero_middle_pages },
  { "zero-last-page", zero_last_page },
  { "random-pages-3", random_pages_3 },
  { "random-pages-12", random_pages_12 },
  { "schema-page-body", schema_page_body },
  { "bit-flips", bit_flips },
  { "garbage-appended", garbage_appended },
};

/* Each damaged file through check, stats, report and export-csv: every
 * run ends by itself (0, or 1 with a message), in bounded time, and the
 * file's SHA-256 and time of change are the same afterwards, with no
 * -wal, -shm or -journal left beside it. */
static void
test_damaged_corpus (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *sample = in_dir (fixture, "sample-file.db");
  g_autofree char *folder = make_folder (fixture, "damaged");
  g_autofree char *out = make_folder (fixture, "out");
  g_autofree char *db = g_build_filename (folder, "csp-engage.db", NULL);
  g_autofree char *pdf = g_build_filename (out, "report.pdf", NULL);
  g_autofree char *csv = g_build_filename (out, "activities.csv", NULL);
  g_autofree char *pristine = NULL;
  gsize size = 0;
  guint n_failed = 0;

  if (test_engine_is_postgresql ())
    {
      g_test_skip ("damaged files; a server checks its own pages");
      return;
    }
  init_sample (fixture, sample);
  pristine = read_all (sample, &size);
  g_assert_cmpuint (size % PAGE_SIZE, ==, 0);
  g_assert_cmpuint (size / PAGE_SIZE, >=, 20);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      const char *const *commands[] = {
        ARGS ("--database", db, "check"),
        ARGS ("--database", db, "stats"),
        ARGS ("--database", db, "report", "-o", pdf),
        ARGS ("--database", db, "export-csv", "activities", csv),
      };
      g_autoptr (GRand) rand = g_rand_new_with_seed (4242 + i);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      GString *outcomes = g_string_new (NULL);

      empty_folder (folder);
      empty_folder (out);
      g_assert_true (g_file_set_contents_full (db, pristine, (gssize) size,
                                               G_FILE_SET_CONTENTS_NONE, 0600, NULL));
      corpus[i].damage (db, size, rand);
      before = fingerprint (db);
      for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
        {
          g_auto (Outcome) outcome = { 0 };

          run_bounded (fixture, commands[c], &outcome);
          assert_exited (&outcome, commands[c]);
          n_failed += WEXITSTATUS (outcome.wait_status) != 0;
          g_string_append_printf (outcomes, " %s=%d", commands[c][2],
                                  WEXITSTATUS (outcome.wait_status));
          after = fingerprint (db);
          if (!g_str_equal (after, before))
            g_error ("%s: %s changed the file", corpus[i].name, commands[c][2]);
          g_clear_pointer (&after, g_free);
          assert_only_files (folder, (const char *const[]){ "csp-engage.db", NULL });
          assert_only_files (out, (const char *const[]){ "report.pdf", "activities.csv", NULL });
        }
      g_test_message ("%s:%s", corpus[i].name, outcomes->str);
      g_string_free (outcomes, TRUE);
    }
  /* The damage was noticed, not just survived. */
  g_assert_cmpuint (n_failed, >, G_N_ELEMENTS (corpus));
}

/* kill -9 during exports */

typedef gboolean (*IsWhole) (const char *contents, gsize size, gpointer data);

static gboolean
same_as (const char *contents, gsize size, gpointer data)
{
  GBytes *reference = data;

  return size == g_bytes_get_size (reference) &&
         memcmp (contents, g_bytes_get_data (reference, NULL), size) == 0;
}

/* A zip file with its end of central directory: a whole workbook. */
static gboolean
is_zip (const char *contents, gsize size, gpointer data)
{
  return size > 22 && memcmp (contents, "PK\x03\x04", 4) == 0 &&
         memcmp (contents + size - 22, "PK\x05\x06", 4) == 0;
}

static gboolean
is_pdf (const char *contents, gsize size, gpointer data)
{
  return size > 1000 && g_str_has_prefix (contents, "%PDF-") &&
         g_strstr_len (contents + size - MIN (size, 32), -1, "%%EOF") != NULL;
}

/* An SQLite file of ours that passes its check. */
static gboolean
is_backup (const char *contents, gsize size, gpointer data)
{
  const char *path = data;
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspCheckReport) report = NULL;

  if (size < 100 || memcmp (contents, "SQLite format 3", 16) != 0)
    return FALSE;
  database = csp_database_open_full (path, CSP_DATABASE_OPEN_READ_ONLY, 1000, NULL);
  report = database != NULL ? csp_database_check (database, NULL) : NULL;
  return report != NULL && report->ok;
}

/* Beside @target in @dir, at most recognisable temporary files of runs
 * that were killed (@killed, their process ids), which a later run
 * removes. */
static void
assert_only_target (const char *dir, const char *target, GArray *killed)
{
  g_autoptr (GDir) folder = g_dir_open (dir, 0, NULL);
  g_autofree char *base = g_path_get_basename (target);
  const char *name;

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      gboolean of_killed = FALSE;

      if (g_str_equal (name, base))
        continue;
      for (guint i = 0; killed != NULL && i < killed->len; i++)
        {
          g_autofree char *prefix =
              g_strdup_printf (".csp-engage-%d-", (int) g_array_index (killed, GPid, i));
          of_killed |= g_str_has_prefix (name, prefix);
        }
      if (!of_killed || !csp_file_writer_is_temporary_name (name))
        g_error ("%s was left in %s", name, dir);
    }
}

static void
kill_during (Fixture *fixture, const char *const *args, const char *target, guint n_kills,
             IsWhole is_whole, gpointer data)
{
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *err_path = in_dir (fixture, "stderr.txt");
  g_autoptr (GArray) killed = g_array_new (FALSE, FALSE, sizeof (GPid));
  gint64 start, duration;
  guint n_old = 0, n_new = 0;

  /* One whole run, to know how long one takes. */
  g_assert_true (g_file_set_contents (target, OLD_CONTENTS, -1, NULL));
  start = g_get_monotonic_time ();
  assert_ok (fixture, args);
  duration = g_get_monotonic_time () - start;
  {
    g_autofree char *contents = NULL;
    gsize size = 0;

    contents = read_all (target, &size);
    g_assert_true (is_whole (contents, size, data));
  }
  g_assert_true (g_file_set_contents (target, OLD_CONTENTS, -1, NULL));

  for (guint i = 0; i < n_kills; i++)
    {
      g_auto (Outcome) outcome = { 0 };
      g_autofree char *contents = NULL;
      gsize size = 0;
      GPid pid = spawn_cli (fixture, args, err_path);

      g_usleep (g_test_rand_int_range (0, (gint32) MAX (duration * 6 / 5, 1000)));
      kill (pid, SIGKILL);
      g_array_append_val (killed, pid);
      wait_until (pid, g_get_monotonic_time () + RUN_TIMEOUT_S * G_USEC_PER_SEC, &outcome);
      g_assert_false (outcome.timed_out);
      g_assert_true (WIFSIGNALED (outcome.wait_status) ||
                     (WIFEXITED (outcome.wait_status) && WEXITSTATUS (outcome.wait_status) == 0));

      contents = read_all (target, &size);
      if (g_str_equal (contents, OLD_CONTENTS))
        n_old++;
      else if (is_whole (contents, size, data))
        {
          n_new++;
          /* Back to the old file, so the next kill can tell them apart. */
          g_assert_true (g_file_set_contents (target, OLD_CONTENTS, -1, NULL));
        }
      else
        g_error ("kill %u left %s neither old nor whole (%" G_GSIZE_FORMAT " bytes)", i, target,
                 size);
      assert_only_target (dir, target, killed);
    }
  g_test_message ("%s: %u kills left the old file, %u a whole new one", args[2], n_old, n_new);

  /* What a killed run left goes with the next run. */
  assert_ok (fixture, args);
  assert_only_target (dir, target, NULL);
}

static void
test_kill_during_export (Fixture *fixture, gconstpointer user_data)
{
  /* Each target in a folder of its own, to see what is left beside it. */
  g_autofree char *csv_dir = make_folder (fixture, "csv");
  g_autofree char *xlsx_dir = make_folder (fixture, "xlsx");
  g_autofree char *pdf_dir = make_folder (fixture, "pdf");
  g_autofree char *backup_dir = make_folder (fixture, "backup");
  g_autofree char *csv = g_build_filename (csv_dir, "activities.csv", NULL);
  g_autofree char *xlsx = g_build_filename (xlsx_dir, "lists.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (pdf_dir, "report.pdf", NULL);
  g_autofree char *backup = g_build_filename (backup_dir, "backup.db", NULL);
  g_autoptr (GBytes) reference = NULL;

  init_sample (fixture, fixture->db);
  /* The CSV of a database that does not change is the same every time. */
  assert_ok (fixture, ARGS ("--database", fixture->db, "export-csv", "activities", csv));
  {
    gsize size = 0;
    char *contents = read_all (csv, &size);
    reference = g_bytes_new_take (contents, size);
  }

  kill_during (fixture, ARGS ("--database", fixture->db, "export-csv", "activities", csv), csv, 16,
               same_as, reference);
  kill_during (fixture, ARGS ("--database", fixture->db, "export-xlsx", xlsx), xlsx, 8, is_zip,
               NULL);
  kill_during (fixture, ARGS ("--database", fixture->db, "report", "-o", pdf), pdf, 8, is_pdf,
               NULL);
  kill_during (fixture, ARGS ("--database", fixture->db, "backup", backup), backup, 8, is_backup,
               backup);

  /* A reader killed while it had the database open leaves its -wal and
   * -shm; the next reader, finding no one else using them, removes them. */
  if (!test_engine_is_postgresql ())
    {
      const char *const suffixes[] = { "-wal", "-shm", "-journal" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *side = g_strconcat (fixture->db, suffixes[i], NULL);
          if (g_file_test (side, G_FILE_TEST_EXISTS))
            g_error ("%s was left beside the database", side);
        }
    }
}

/* A full disk */

/* Runs the commands of the full-disk test in a mount namespace of its
 * own, on a small tmpfs at $1 that it fills: $2 the sample database, $3
 * csp-engage-cli, $4 the folder for what each run said. */
static const char full_disk_script[] =
    "set -u\n"
    "mnt=$1 db=$2 cli=$3 out=$4\n"
    "mount -t tmpfs -o size=8m tmpfs \"$mnt\" || exit 77\n"
    "run () { name=$1; shift; \"$cli\" \"$@\" >/dev/null 2>\"$out/$name.err\"; "
    "echo $? >\"$out/$name.status\"; }\n"
    /* The database on the full disk, only read. */
    "cp \"$db\" \"$mnt/csp-engage.db\"\n"
    "sha256sum <\"$mnt/csp-engage.db\" >\"$out/before.sha\"\n"
    "dd if=/dev/zero of=\"$mnt/filler\" bs=4096 2>/dev/null\n"
    "run check --database \"$mnt/csp-engage.db\" check\n"
    "run stats --database \"$mnt/csp-engage.db\" stats\n"
    "run read-export-csv --database \"$mnt/csp-engage.db\" export-csv activities "
    "\"$out/activities.csv\"\n"
    "run read-report --database \"$mnt/csp-engage.db\" report -o \"$out/report.pdf\"\n"
    "sha256sum <\"$mnt/csp-engage.db\" >\"$out/after.sha\"\n"
    "ls -A \"$mnt\" >\"$out/db-folder.txt\"\n"
    /* Files written to the full disk. */
    "rm \"$mnt/csp-engage.db\"\n"
    "dd if=/dev/zero of=\"$mnt/more-filler\" bs=4096 2>/dev/null\n"
    "run export-csv --database \"$db\" export-csv activities \"$mnt/activities.csv\"\n"
    "run export-xlsx --database \"$db\" export-xlsx \"$mnt/lists.xlsx\"\n"
    "run report --database \"$db\" report -o \"$mnt/report.pdf\"\n"
    "run chart --database \"$db\" chart reach-trend -o \"$mnt/reach.png\"\n"
    "run backup --database \"$db\" backup \"$mnt/backup.db\"\n"
    "ls -A \"$mnt\" >\"$out/out-folder.txt\"\n"
    "exit 0\n";

static char *
result (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    g_error ("the full-disk script left no %s", name);
  return g_strchomp (contents);
}

/* Where the database is on a full disk, what only reads works and leaves
 * nothing (no -wal or -shm) beside it; a file that cannot be written on a
 * full disk is named, with "the disk is full", and nothing is left. */
static void
test_full_disk (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *sample = in_dir (fixture, "sample-file.db");
  g_autofree char *mnt = make_folder (fixture, "full");
  g_autofree char *out = make_folder (fixture, "said");
  const char *const writers[] = { "export-csv", "export-xlsx", "report", "chart", "backup" };
  const char *const files[] = { "activities.csv", "lists.xlsx", "report.pdf", "reach.png",
                                "backup.db" };
  const char *argv[] = {
    "unshare", "-rm", "sh", "-c", full_disk_script, "sh", mnt, sample, g_getenv ("CSP_CLI"),
    out,       NULL,
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *errors = NULL;
  int status = 0;

  if (test_engine_is_postgresql ())
    {
      g_test_skip ("a database file on a full disk; the server's disk is the server's");
      return;
    }
  init_sample (fixture, sample);
  g_spawn_sync (fixture->dir, (char **) argv, fixture->env, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                &errors, &status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_autofree char *why = g_strdup_printf (
          "no mount namespace for a small full disk (unshare -rm: %s)", g_strstrip (errors));
      g_test_skip (why);
      return;
    }

  {
    g_autofree char *before = result (out, "before.sha");
    g_autofree char *after = result (out, "after.sha");
    g_autofree char *listing = result (out, "db-folder.txt");

    g_assert_cmpstr (after, ==, before);
    g_assert_cmpstr (listing, ==, "csp-engage.db\nfiller");
  }
  for (guint i = 0; i < 4; i++)
    {
      const char *const readers[] = { "check", "stats", "read-export-csv", "read-report" };
      g_autofree char *status_name = g_strdup_printf ("%s.status", readers[i]);
      g_autofree char *err_name = g_strdup_printf ("%s.err", readers[i]);
      g_autofree char *code = result (out, status_name);
      g_autofree char *said = result (out, err_name);

      if (!g_str_equal (code, "0"))
        g_error ("%s of a database on a full disk failed:\n%s", readers[i], said);
    }
  for (guint i = 0; i < G_N_ELEMENTS (writers); i++)
    {
      g_autofree char *status_name = g_strdup_printf ("%s.status", writers[i]);
      g_autofree char *err_name = g_strdup_printf ("%s.err", writers[i]);
      g_autofree char *code = result (out, status_name);
      g_autofree char *said = result (out, err_name);
      g_autofree char *file = g_build_filename (mnt, files[i], NULL);

      g_test_message ("%s: %s", writers[i], said);
      g_assert_cmpstr (code, ==, "1");
      if (strstr (said, file) == NULL || strstr (said, "disk is full") == NULL)
        g_error ("%s on a full disk said “%s”, not that the disk holding %s is full", writers[i],
                 said, file);
    }
  {
    g_autofree char *listing = result (out, "out-folder.txt");
    g_assert_cmpstr (listing, ==, "filler\nmore-filler");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/hostile/damaged-corpus", test_damaged_corpus);
  ADD ("/hostile/kill-during-export", test_kill_during_export);
  ADD ("/hostile/full-disk", test_full_disk);
#undef ADD

  return g_test_run ();
}

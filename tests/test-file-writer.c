/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-file-writer"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "csp-file-writer.h"
#include "test-folder.h"

/* The one way every file is written: a temporary file in the target's
 * folder, renamed over the target once complete; never through a link,
 * never leaving a temporary file behind. */

#define OLD_CONTENTS "the file that was there before\n"
#define CHUNK_SIZE (64 * 1024)
/* The child of the kill test writes this many chunks per file. */
#define N_CHUNKS 64

typedef struct
{
  char *dir;
  char *path; /* dir/out.txt */
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  fixture->dir = test_folder_new ("csp-test-file-writer");
  fixture->path = g_build_filename (fixture->dir, "out.txt", NULL);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  test_folder_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
read_text (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
write_old (const char *path, mode_t mode)
{
  g_assert_true (g_file_set_contents (path, OLD_CONTENTS, -1, NULL));
  g_assert_no_errno (g_chmod (path, mode));
}

/* Nothing in @dir but the files named in @names (NULL-terminated). */
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

/* The bytes, time of change and mode of a file, to tell it was left alone. */
static char *
fingerprint (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  gsize size = 0;
  struct stat st;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, size);
  g_assert_no_errno (g_lstat (path, &st));
  return g_strdup_printf ("%s %ld.%09ld %o", sum, (long) st.st_mtim.tv_sec,
                          (long) st.st_mtim.tv_nsec, (unsigned) st.st_mode);
}

static void
test_new_file (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  mode_t old_mask = umask (022);
  struct stat st;

  g_assert_true (
      csp_file_writer_set_contents (fixture->path, "hello\n", 6, CSP_FILE_WRITER_NONE, &error));
  umask (old_mask);
  g_assert_no_error (error);
  contents = read_text (fixture->path);
  g_assert_cmpstr (contents, ==, "hello\n");
  /* A document gets the mode any program's new file gets. */
  g_assert_no_errno (g_stat (fixture->path, &st));
  g_assert_cmpuint (st.st_mode & 0777, ==, 0644);
  assert_only_files (fixture->dir, (const char *const[]){ "out.txt", NULL });
}

static void
test_replace_keeps_mode (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "other-name.txt", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *through_link = NULL;
  g_autoptr (GError) error = NULL;
  struct stat st;

  write_old (fixture->path, 0640);
  g_assert_no_errno (link (fixture->path, other));
  g_assert_true (
      csp_file_writer_set_contents (fixture->path, "new\n", 4, CSP_FILE_WRITER_NONE, &error));
  g_assert_no_error (error);
  contents = read_text (fixture->path);
  g_assert_cmpstr (contents, ==, "new\n");
  g_assert_no_errno (g_stat (fixture->path, &st));
  g_assert_cmpuint (st.st_mode & 0777, ==, 0640);
  /* The file is replaced, not rewritten: another name for the old file
   * still has the old contents. */
  through_link = read_text (other);
  g_assert_cmpstr (through_link, ==, OLD_CONTENTS);
  assert_only_files (fixture->dir, (const char *const[]){ "out.txt", "other-name.txt", NULL });
}

static void
test_private (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  struct stat st;

  write_old (fixture->path, 0644);
  g_assert_true (
      csp_file_writer_set_contents (fixture->path, "secret\n", 7, CSP_FILE_WRITER_PRIVATE, &error));
  g_assert_no_error (error);
  g_assert_no_errno (g_stat (fixture->path, &st));
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
}

/* `ln -s victim.txt out.txt`, then writing out.txt: refused with a
 * message, and the victim is never touched; a link to nowhere is refused
 * too, and nothing appears where it points. */
static void
test_symlink (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *victim = g_build_filename (fixture->dir, "victim.txt", NULL);
  g_autofree char *nowhere = g_build_filename (fixture->dir, "nowhere.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CspFileWriter) writer = NULL;

  write_old (victim, 0644);
  before = fingerprint (victim);
  g_assert_no_errno (symlink ("victim.txt", fixture->path));

  writer = csp_file_writer_new (fixture->path, CSP_FILE_WRITER_NONE, &error);
  g_assert_null (writer);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  g_assert_nonnull (strstr (error->message, "victim.txt"));
  g_clear_error (&error);
  after = fingerprint (victim);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_SYMLINK));

  /* A link that points nowhere yet. */
  g_assert_no_errno (g_unlink (fixture->path));
  g_assert_no_errno (symlink ("nowhere.txt", fixture->path));
  g_assert_false (
      csp_file_writer_set_contents (fixture->path, "x", 1, CSP_FILE_WRITER_NONE, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
  assert_only_files (fixture->dir, (const char *const[]){ "out.txt", "victim.txt", NULL });
}

/* A link put in place while the file is being written is refused at the
 * last step, and its target left alone. */
static void
test_symlink_meanwhile (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *victim = g_build_filename (fixture->dir, "victim.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CspFileWriter) writer = NULL;

  write_old (victim, 0644);
  before = fingerprint (victim);
  writer = csp_file_writer_new (fixture->path, CSP_FILE_WRITER_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (csp_file_writer_write (writer, "new", 3, &error));
  g_assert_no_errno (symlink ("victim.txt", fixture->path));
  g_assert_false (csp_file_writer_commit (writer, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP);
  after = fingerprint (victim);
  g_assert_cmpstr (after, ==, before);
  assert_only_files (fixture->dir, (const char *const[]){ "out.txt", "victim.txt", NULL });
}

static void
test_not_a_file (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "folder.csv", NULL);
  g_autoptr (GError) error = NULL;
  struct stat st;

  g_assert_no_errno (g_mkdir (folder, 0700));
  g_assert_false (csp_file_writer_set_contents (folder, "x", 1, CSP_FILE_WRITER_NONE, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  /* A device is never replaced by a file, even where it could be. */
  g_assert_false (csp_file_writer_set_contents ("/dev/null", "x", 1, CSP_FILE_WRITER_NONE, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_nonnull (strstr (error->message, "/dev/null"));
  g_assert_no_errno (g_stat ("/dev/null", &st));
  g_assert_true (S_ISCHR (st.st_mode));
  assert_only_files (fixture->dir, (const char *const[]){ "folder.csv", NULL });
}

static void
test_missing_folder (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "no-such-folder", "out.csv", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (csp_file_writer_set_contents (path, "x", 1, CSP_FILE_WRITER_NONE, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "folder does not exist"));
}

/* A folder this user may not write: tried as an ordinary user, since root
 * may write anywhere (as root, the folder is lent to "nobody" for a child
 * that becomes nobody). */
static void
test_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;

      path = g_strdup (g_getenv ("CSP_TEST_LOCKED_PATH"));
      if (geteuid () == 0)
        g_assert_true (setgid (65534) == 0 && setuid (65534) == 0);
      g_assert_false (csp_file_writer_set_contents (path, "x", 1, CSP_FILE_WRITER_NONE, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "permission denied"));
      return;
    }

  dir = test_folder_new ("csp-test-file-writer");
  folder = g_build_filename (dir, "locked", NULL);
  path = g_build_filename (folder, "out.txt", NULL);
  g_assert_no_errno (g_mkdir (folder, 0700));
  write_old (path, 0644);
  before = fingerprint (path);
  g_assert_no_errno (g_chmod (folder, 0555));
  if (geteuid () == 0)
    {
      g_assert_no_errno (g_chmod (dir, 0755));
      g_assert_no_errno (chown (folder, 65534, 65534));
      g_assert_no_errno (chown (path, 65534, 65534));
    }
  g_setenv ("CSP_TEST_LOCKED_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("CSP_TEST_LOCKED_PATH");
  after = fingerprint (path);
  assert_only_files (folder, (const char *const[]){ "out.txt", NULL });
  test_folder_remove (dir);
  g_test_trap_assert_passed ();
  g_assert_cmpstr (after, ==, before);
}

/* A full disk, as /dev/full is: the message says so and names the file;
 * the old file stays, and nothing is left beside it. */
static void
test_disk_full (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspFileWriter) writer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *chunk = g_malloc0 (CHUNK_SIZE);
  int full;

  full = g_open ("/dev/full", O_WRONLY | O_CLOEXEC, 0);
  g_assert_cmpint (full, >=, 0);
  write_old (fixture->path, 0644);
  writer = csp_file_writer_new (fixture->path, CSP_FILE_WRITER_NONE, &error);
  g_assert_no_error (error);
  /* Whatever the writer writes from now on goes to /dev/full. */
  g_assert_cmpint (dup3 (full, csp_file_writer_get_fd (writer), O_CLOEXEC), >=, 0);
  close (full);

  g_assert_false (csp_file_writer_write (writer, chunk, CHUNK_SIZE, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);
  /* Every later step fails the same way. */
  g_assert_false (csp_file_writer_write (writer, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  g_clear_error (&error);
  g_assert_false (csp_file_writer_commit (writer, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  g_assert_nonnull (strstr (error->message, fixture->path));

  contents = read_text (fixture->path);
  g_assert_cmpstr (contents, ==, OLD_CONTENTS);
  assert_only_files (fixture->dir, (const char *const[]){ "out.txt", NULL });
}

/* A library that fails without saying why (libxlsxwriter): the message
 * names the file and gives the library's reason. */
static void
test_library_failure (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspFileWriter) writer = NULL;
  g_autoptr (GError) error = NULL;

  writer = csp_file_writer_new (fixture->path, CSP_FILE_WRITER_NONE, &error);
  g_assert_no_error (error);
  csp_file_writer_fail (writer, "zip error", &error);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, fixture->path));
  g_assert_nonnull (strstr (error->message, "zip error"));
  g_clear_error (&error);
  g_assert_false (csp_file_writer_commit (writer, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  assert_only_files (fixture->dir, (const char *const[]){ NULL });
}

static void
test_abort (Fixture *fixture, gconstpointer user_data)
{
  const CspFileWriterFlags flags[] = { CSP_FILE_WRITER_NONE, CSP_FILE_WRITER_NAMED };

  write_old (fixture->path, 0644);
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_autoptr (CspFileWriter) writer = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *contents = NULL;

      writer = csp_file_writer_new (fixture->path, flags[i], &error);
      g_assert_no_error (error);
      g_assert_true (csp_file_writer_write (writer, "half a fi", 9, &error));
      if (flags[i] & CSP_FILE_WRITER_NAMED)
        {
          /* As SQLite leaves its journal beside what it writes. */
          g_autofree char *journal =
              g_strconcat (csp_file_writer_get_temporary_path (writer), "-journal", NULL);
          g_assert_true (g_file_set_contents (journal, "journal", -1, NULL));
        }
      csp_file_writer_abort (writer);
      contents = read_text (fixture->path);
      g_assert_cmpstr (contents, ==, OLD_CONTENTS);
      assert_only_files (fixture->dir, (const char *const[]){ "out.txt", NULL });
    }
}

/* A temporary file with a name in the folder, for libraries that need
 * one: ours by its name, which a finished file never has. */
static void
test_named (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspFileWriter) writer = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  const char *temporary;

  writer = csp_file_writer_new (fixture->path, CSP_FILE_WRITER_NAMED, &error);
  g_assert_no_error (error);
  temporary = csp_file_writer_get_temporary_path (writer);
  folder = g_path_get_dirname (temporary);
  name = g_path_get_basename (temporary);
  g_assert_cmpstr (folder, ==, fixture->dir);
  g_assert_true (csp_file_writer_is_temporary_name (name));
  g_assert_true (name[0] == '.');
  /* A library writes it by name. */
  g_assert_true (g_file_set_contents (temporary, "by name\n", -1, NULL));
  g_assert_true (csp_file_writer_commit (writer, &error));
  g_assert_no_error (error);
  contents = read_text (fixture->path);
  g_assert_cmpstr (contents, ==, "by name\n");
  assert_only_files (fixture->dir, (const char *const[]){ "out.txt", NULL });
}

static void
test_temporary_names (void)
{
  const char *const ours[] = {
    ".csp-engage-1234-AbC09z.tmp",
    ".csp-engage-1-aaaaaa.tmp-journal",
    ".csp-engage-99999-ZZZZZZ.tmp-wal",
    ".csp-engage-42-x1y2z3.tmp-shm",
  };
  const char *const others[] = {
    "report.pdf",
    ".csp-engage-1234-AbC09z.tmp.pdf",
    ".csp-engage-backup.db",
    ".csp-engage--AbC09z.tmp",
    ".csp-engage-12-AbC0.tmp",
    ".csp-engage-12-AbC0-9.tmp",
    "csp-engage-1234-AbC09z.tmp",
    ".goutputstream-ABC123",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ours); i++)
    g_assert_true (csp_file_writer_is_temporary_name (ours[i]));
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_false (csp_file_writer_is_temporary_name (others[i]));
}

/* The id of a process that has finished. */
static GPid
dead_pid (void)
{
  const char *argv[] = { "true", NULL };
  g_autoptr (GError) error = NULL;
  GPid pid = 0;
  int status = 0;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid,
                                &error));
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return pid;
}

/* Temporary files whose program was killed are removed by the next
 * writer in that folder; those of a running program, and files that
 * merely look alike, are left. */
static void
test_stale (Fixture *fixture, gconstpointer user_data)
{
  GPid dead = dead_pid ();
  g_autofree char *stale = g_strdup_printf (".csp-engage-%d-AbCdEf.tmp", (int) dead);
  g_autofree char *stale_journal = g_strdup_printf ("%s-journal", stale);
  g_autofree char *running = g_strdup_printf (".csp-engage-%d-AbCdEf.tmp", (int) getppid ());
  const char *const names[] = { stale, stale_journal, running, ".csp-engage-notes.tmp" };
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, names[i], NULL);
      g_assert_true (g_file_set_contents (path, "partial", -1, NULL));
    }
  g_assert_true (
      csp_file_writer_set_contents (fixture->path, "new\n", 4, CSP_FILE_WRITER_NONE, &error));
  g_assert_no_error (error);
  assert_only_files (fixture->dir,
                     (const char *const[]){ "out.txt", running, ".csp-engage-notes.tmp", NULL });
}

/* The child of the kill test: writes @path again and again, each time
 * N_CHUNKS chunks of one letter, the next letter each time. */
static int
write_forever (const char *path, CspFileWriterFlags flags)
{
  g_autofree char *chunk = g_malloc (CHUNK_SIZE);

  for (guint round = 0;; round++)
    {
      g_autoptr (CspFileWriter) writer = NULL;
      g_autoptr (GError) error = NULL;

      memset (chunk, 'a' + (round % 26), CHUNK_SIZE);
      writer = csp_file_writer_new (path, flags, &error);
      for (guint i = 0; writer != NULL && i < N_CHUNKS; i++)
        if (!csp_file_writer_write (writer, chunk, CHUNK_SIZE, &error))
          break;
      if (writer == NULL || error != NULL || !csp_file_writer_commit (writer, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
    }
}

/* The file is what it was, or one whole new version: N_CHUNKS chunks of
 * one letter. */
static void
assert_whole (const char *path)
{
  g_autofree char *contents = NULL;
  gsize size = 0;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  if (g_str_equal (contents, OLD_CONTENTS))
    return;
  g_assert_cmpuint (size, ==, (gsize) N_CHUNKS * CHUNK_SIZE);
  for (gsize i = 1; i < size; i++)
    if (contents[i] != contents[0])
      g_error ("%s mixes two versions at byte %" G_GSIZE_FORMAT, path, i);
}

/* Beside the file, at most temporary files of writers that were killed
 * (@killed, their process ids): recognisably ours. One without a name has
 * a name only for the moment between linking it into the folder and
 * renaming it over the file, so a kill seldom leaves it. */
static void
assert_only_ours (const char *dir, GArray *killed, gboolean named)
{
  g_autoptr (GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (folder)) != NULL)
    {
      gboolean of_killed = FALSE;

      if (g_str_equal (name, "out.txt"))
        continue;
      for (guint i = 0; i < killed->len; i++)
        {
          g_autofree char *prefix =
              g_strdup_printf (".csp-engage-%d-", (int) g_array_index (killed, GPid, i));
          of_killed |= g_str_has_prefix (name, prefix);
        }
      if (!of_killed || !csp_file_writer_is_temporary_name (name))
        g_error ("%s was left in %s", name, dir);
      g_test_message ("a %s temporary file was left: %s", named ? "named" : "just named", name);
    }
}

/* kill -9 at random moments while files are written: each time the file
 * is the old one or a whole new one. A temporary file without a name
 * leaves nothing behind; one with a name is recognisably ours, and the
 * next writer in the folder removes it. */
static void
test_kill (Fixture *fixture, gconstpointer user_data)
{
  const CspFileWriterFlags flags = GPOINTER_TO_UINT (user_data);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *flags_text = g_strdup_printf ("%u", flags);
  const char *argv[] = { self, "--write-forever", fixture->path, flags_text, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) killed = g_array_new (FALSE, FALSE, sizeof (GPid));

  g_assert_nonnull (self);
  write_old (fixture->path, 0644);
  for (guint i = 0; i < 24; i++)
    {
      GPid pid = 0;
      int status = 0;

      g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL,
                                    NULL, &pid, &error));
      g_assert_no_error (error);
      g_usleep (g_test_rand_int_range (0, 150000));
      g_assert_no_errno (kill (pid, SIGKILL));
      g_array_append_val (killed, pid);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      if (!WIFSIGNALED (status))
        g_error ("the writer stopped by itself (wait status %d)", status);
      assert_whole (fixture->path);
      assert_only_ours (fixture->dir, killed, flags & CSP_FILE_WRITER_NAMED);
    }
  /* What a killed writer left is gone once the next file is written. */
  g_assert_true (csp_file_writer_set_contents (fixture->path, OLD_CONTENTS, strlen (OLD_CONTENTS),
                                               CSP_FILE_WRITER_NONE, &error));
  g_assert_no_error (error);
  assert_only_files (fixture->dir, (const char *const[]){ "out.txt", NULL });
}

int
main (int argc, char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--write-forever"))
    return write_forever (argv[2], (CspFileWriterFlags) g_ascii_strtoull (argv[3], NULL, 10));

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/file-writer/new-file", test_new_file);
  ADD ("/file-writer/replace-keeps-mode", test_replace_keeps_mode);
  ADD ("/file-writer/private", test_private);
  ADD ("/file-writer/symlink", test_symlink);
  ADD ("/file-writer/symlink-meanwhile", test_symlink_meanwhile);
  ADD ("/file-writer/not-a-file", test_not_a_file);
  ADD ("/file-writer/missing-folder", test_missing_folder);
  ADD ("/file-writer/disk-full", test_disk_full);
  ADD ("/file-writer/library-failure", test_library_failure);
  ADD ("/file-writer/abort", test_abort);
  ADD ("/file-writer/named", test_named);
  ADD ("/file-writer/stale", test_stale);
#undef ADD
  g_test_add_func ("/file-writer/read-only-folder", test_read_only_folder);
  g_test_add_func ("/file-writer/temporary-names", test_temporary_names);
  g_test_add ("/file-writer/kill/unnamed", Fixture, GUINT_TO_POINTER (CSP_FILE_WRITER_NONE),
              fixture_set_up, test_kill, fixture_tear_down);
  g_test_add ("/file-writer/kill/named", Fixture, GUINT_TO_POINTER (CSP_FILE_WRITER_NAMED),
              fixture_set_up, test_kill, fixture_tear_down);
  return g_test_run ();
}

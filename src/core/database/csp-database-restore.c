/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-database-restore"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csp-backups.h"
#include "csp-database-copy.h"
#include "csp-database-restore.h"
#include "csp-file-writer.h"
#include "csp-maintenance.h"

/* A backup put back. The backup itself is only read: its bytes are copied
 * into a new file, which is opened there (an older schema brought up to
 * date) and checked; only a copy that passes replaces the database, and
 * the database it replaces is kept in the backups folder first. A team
 * server's database is never replaced: a backup goes into an empty one. */

#define CHUNK_SIZE (64 * 1024)

static gboolean
is_same_file (const char *a, const char *b)
{
  struct stat st_a, st_b;

  return g_stat (a, &st_a) == 0 && g_stat (b, &st_b) == 0 && st_a.st_dev == st_b.st_dev &&
         st_a.st_ino == st_b.st_ino;
}

static gboolean
has_side_file (const char *path, const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);
  struct stat st;

  return g_lstat (side, &st) == 0 && st.st_size > 0;
}

/* @source's bytes into @writer's file, which it then has in full. */
static gboolean
copy_bytes (const char *source, CspFileWriter *writer, GError **error)
{
  g_autofree char *buffer = g_malloc (CHUNK_SIZE);
  int fd = g_open (source, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok = TRUE;

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _ ("Could not read “%s”: %s"), source, g_strerror (saved_errno));
      return FALSE;
    }
  while (ok)
    {
      gssize n = read (fd, buffer, CHUNK_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _ ("Could not read “%s”: %s"), source, g_strerror (saved_errno));
          ok = FALSE;
        }
      else if (n == 0)
        break;
      else
        ok = csp_file_writer_write (writer, buffer, (gsize) n, error);
    }
  close (fd);
  return ok;
}

/* Why @backup cannot be restored, from what opening or checking its copy
 * said (whose message names the copy, not the backup). */
static void
explain (const char *backup, GError *cause, GError **error)
{
  switch (cause->code)
    {
    case CSP_DATABASE_ERROR_NOT_SQLITE:
      g_set_error (error, CSP_DATABASE_ERROR, cause->code,
                   _ ("“%s” is not a CSP Engage backup: it is not a database at all"), backup);
      break;
    case CSP_DATABASE_ERROR_NOT_OURS:
      g_set_error (error, CSP_DATABASE_ERROR, cause->code,
                   _ ("“%s” is not a CSP Engage backup: it is another program’s database"), backup);
      break;
    case CSP_DATABASE_ERROR_TOO_NEW:
      g_set_error (error, CSP_DATABASE_ERROR, cause->code,
                   _ ("“%s” was written by a newer version of CSP Engage; restore it with "
                      "that version"),
                   backup);
      break;
    case CSP_DATABASE_ERROR_CORRUPT:
      g_set_error (error, CSP_DATABASE_ERROR, cause->code,
                   _ ("The backup “%s” is damaged, so it was not restored. Choose an older "
                      "backup"),
                   backup);
      break;
    case CSP_DATABASE_ERROR_FULL:
      g_set_error (error, CSP_DATABASE_ERROR, cause->code,
                   _ ("The disk is full: there is no room to restore “%s”"), backup);
      break;
    default:
      g_set_error (error, CSP_DATABASE_ERROR, cause->code, _ ("Could not restore “%s”: %s"), backup,
                   cause->message);
      break;
    }
  g_error_free (cause);
}

/* @backup, copied into @writer's file and opened there, its schema
 * brought up to date, and checked.
 *
 * Returns: (transfer full): the copy, open */
static CspDatabase *
stage (const char *backup, CspFileWriter *writer, GError **error)
{
  g_autoptr (CspDatabase) copy = NULL;
  g_autoptr (CspCheckReport) report = NULL;
  GError *cause = NULL;

  /* Pages still in a log beside it would be missing from the copy. */
  if (has_side_file (backup, "-wal"))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_LOCKED,
                   _ ("“%s” is in use, or was not closed properly: restore a backup of it "
                      "(“csp-engage-cli backup”) instead"),
                   backup);
      return NULL;
    }
  if (!copy_bytes (backup, writer, &cause))
    {
      csp_maintenance_propagate_file_error (error, cause);
      return NULL;
    }
  copy = csp_database_open_full (csp_file_writer_get_temporary_path (writer),
                                 CSP_DATABASE_OPEN_NONE, CSP_DATABASE_BUSY_TIMEOUT_MS, &cause);
  if (copy != NULL)
    report = csp_database_check (copy, &cause);
  if (report != NULL && !report->ok)
    cause = g_error_new_literal (CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT, "");
  if (cause != NULL)
    {
      explain (backup, cause, error);
      return NULL;
    }
  return g_steal_pointer (&copy);
}

/* A copy of @backup in a temporary folder of its own, for a check or for
 * copying into a server. */
typedef struct
{
  char *folder;
  CspFileWriter *writer;
  CspDatabase *database;
} Staging;

static void
staging_clear (Staging *staging)
{
  g_clear_object (&staging->database);
  g_clear_pointer (&staging->writer, csp_file_writer_free);
  if (staging->folder != NULL)
    g_rmdir (staging->folder);
  g_clear_pointer (&staging->folder, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Staging, staging_clear)

static gboolean
stage_apart (Staging *staging, const char *backup, GError **error)
{
  g_autofree char *path = NULL;
  GError *file_error = NULL;

  staging->folder = g_dir_make_tmp ("csp-engage-restore-XXXXXX", &file_error);
  if (staging->folder == NULL)
    {
      csp_maintenance_propagate_file_error (error, file_error);
      return FALSE;
    }
  path = g_build_filename (staging->folder, "restore.db", NULL);
  staging->writer =
      csp_file_writer_new (path, CSP_FILE_WRITER_PRIVATE | CSP_FILE_WRITER_NAMED, &file_error);
  if (staging->writer == NULL)
    {
      csp_maintenance_propagate_file_error (error, file_error);
      return FALSE;
    }
  staging->database = stage (backup, staging->writer, error);
  return staging->database != NULL;
}

/**
 * csp_database_restore_check:
 * @backup: a backup file, only read
 *
 * Whether @backup could be restored: a CSP Engage database, not newer than
 * this version, that passes its check once brought up to date.
 *
 * Returns: %FALSE with @error saying why not
 */
gboolean
csp_database_restore_check (const char *backup, GError **error)
{
  g_auto (Staging) staging = { NULL, NULL, NULL };

  g_return_val_if_fail (backup != NULL, FALSE);
  return stage_apart (&staging, backup, error);
}

/* @from's bytes into a new file @to, mode 0600. */
static gboolean
copy_file (const char *from, const char *to, GError **error)
{
  g_autoptr (CspFileWriter) writer = NULL;
  GError *file_error = NULL;

  writer = csp_file_writer_new (to, CSP_FILE_WRITER_PRIVATE, &file_error);
  if (writer == NULL || !copy_bytes (from, writer, &file_error) ||
      !csp_file_writer_commit (writer, &file_error))
    {
      csp_maintenance_propagate_file_error (error, file_error);
      return FALSE;
    }
  return TRUE;
}

/* The database @location as it is, into the backups folder: a sound one
 * once every connection to it is closed (its log folded back in); a
 * damaged one as it lies, with its log. Another program's database, or
 * one in use, is left alone.
 *
 * Returns: (transfer full): where it is kept, or %NULL with @error set */
static char *
keep_replaced (const char *location, GError **error)
{
  g_autoptr (CspDatabase) current = NULL;
  g_autoptr (GError) open_error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *wal = g_strconcat (location, "-wal", NULL);
  g_autofree char *kept_wal = NULL;
  gboolean damaged;

  current = csp_database_open_full (location, CSP_DATABASE_OPEN_NONE, CSP_DATABASE_BUSY_TIMEOUT_MS,
                                    &open_error);
  damaged = g_error_matches (open_error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT);
  if (current == NULL && !damaged)
    {
      g_propagate_error (error, g_steal_pointer (&open_error));
      return NULL;
    }
  g_clear_object (&current);
  /* The last connection to close removes the log: one still there is
   * another program's. */
  if (!damaged && g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_LOCKED,
                   _ ("“%s” is open in another program (CSP Engage or csp-engage-cli): close it "
                      "there, then restore"),
                   location);
      return NULL;
    }
  kept = csp_backups_new_replaced_path (location, error);
  if (kept == NULL || !copy_file (location, kept, error))
    return NULL;
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *shm = g_strconcat (location, "-shm", NULL);

      kept_wal = g_strconcat (kept, "-wal", NULL);
      if (!copy_file (wal, kept_wal, error))
        return NULL;
      /* The damaged file's log must not be read into the restored one. */
      g_unlink (wal);
      g_unlink (shm);
    }
  return g_steal_pointer (&kept);
}

static gboolean
restore_file (const char *location, const char *backup, char **kept, GError **error)
{
  g_autoptr (CspFileWriter) writer = NULL;
  g_autoptr (CspDatabase) staged = NULL;
  g_autofree char *replaced = NULL;
  GError *file_error = NULL;

  if (is_same_file (location, backup))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("“%s” is the database itself; choose a backup to restore"), backup);
      return FALSE;
    }
  writer =
      csp_file_writer_new (location, CSP_FILE_WRITER_PRIVATE | CSP_FILE_WRITER_NAMED, &file_error);
  if (writer == NULL)
    {
      csp_maintenance_propagate_file_error (error, file_error);
      return FALSE;
    }
  staged = stage (backup, writer, error);
  if (staged == NULL)
    return FALSE;
  /* Closed, the copy folds its log back in and is one file again. */
  g_clear_object (&staged);
  if (g_file_test (location, G_FILE_TEST_EXISTS))
    {
      replaced = keep_replaced (location, error);
      if (replaced == NULL)
        return FALSE;
    }
  if (!csp_file_writer_commit (writer, &file_error))
    {
      csp_maintenance_propagate_file_error (error, file_error);
      return FALSE;
    }
  if (kept != NULL)
    *kept = g_steal_pointer (&replaced);
  return TRUE;
}

static gboolean
restore_server (const char *location, const char *backup, GError **error)
{
  g_auto (Staging) staging = { NULL, NULL, NULL };
  g_autoptr (CspDatabase) target = NULL;

  if (!stage_apart (&staging, backup, error))
    return FALSE;
  /* An empty server database is given the schema; one that holds records
   * is refused by the copy, which changes nothing then. */
  target = csp_database_open (location, error);
  return target != NULL && csp_database_copy (staging.database, target, NULL, NULL, error);
}

/**
 * csp_database_restore:
 * @location: the database: a file, replaced whole (it must not be open,
 *   here or in another program), or a server database, which must be
 *   empty or newly initialised
 * @backup: the backup to restore, only read
 * @kept: (out) (optional) (transfer full): where the file it replaced is
 *   kept (in the backups folder, mode 0600), or %NULL when nothing was
 *   replaced
 *
 * Puts @backup in place of the database, once a copy of it has passed
 * csp_database_restore_check(). A database file is replaced in one step
 * and, damaged or not, kept first; one that is not a CSP Engage database,
 * or that is in use, is left alone. Nothing on a server is ever replaced.
 *
 * Returns: %FALSE with @error set if nothing was restored
 */
gboolean
csp_database_restore (const char *location, const char *backup, char **kept, GError **error)
{
  g_return_val_if_fail (location != NULL, FALSE);
  g_return_val_if_fail (backup != NULL, FALSE);

  if (kept != NULL)
    *kept = NULL;
  if (csp_database_location_is_server (location))
    return restore_server (location, backup, error);
  return restore_file (location, backup, kept, error);
}

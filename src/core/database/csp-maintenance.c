/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-maintenance"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csp-maintenance.h"

void
csp_check_report_free (CspCheckReport *report)
{
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->table_names, g_ptr_array_unref);
  g_clear_pointer (&report->row_counts, g_array_unref);
  g_free (report);
}

/**
 * csp_database_check:
 *
 * Runs SQLite's quick_check and counts the rows of every table.
 *
 * Returns: (transfer full): the findings, or %NULL if the check could not run
 */
CspCheckReport *
csp_database_check (CspDatabase *self, GError **error)
{
  g_autoptr (CspCheckReport) report = g_new0 (CspCheckReport, 1);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  const char *const *tables = csp_database_list_tables ();
  gboolean has_row = FALSE, ok;

  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  report->table_names = g_ptr_array_new ();
  report->row_counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  report->schema_version = csp_database_get_schema_version (self);

  stmt = csp_database_prepare (self, "PRAGMA quick_check", error);
  if (stmt == NULL)
    return NULL;
  while ((ok = csp_database_step_row (self, stmt, &has_row, error)) && has_row)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (report->problems, g_strdup (line));
    }
  if (!ok)
    return NULL;
  report->ok = report->problems->len == 0;

  for (guint i = 0; tables[i] != NULL; i++)
    {
      gint64 count = 0;

      g_autoptr (GError) count_error = NULL;

      /* In a damaged file a table may not be countable; what quick_check
       * found is then the news, so the count is given as -1. */
      if (!csp_database_count_rows (self, tables[i], &count, &count_error))
        {
          if (report->ok)
            {
              g_propagate_error (error, g_steal_pointer (&count_error));
              return NULL;
            }
          count = -1;
        }
      g_ptr_array_add (report->table_names, (gpointer) tables[i]);
      g_array_append_val (report->row_counts, count);
    }
  return g_steal_pointer (&report);
}

static gboolean
copy_pages (CspDatabase *self, sqlite3 *destination_db, GError **error)
{
  sqlite3_backup *backup =
      sqlite3_backup_init (destination_db, "main", csp_database_get_handle (self), "main");
  int rc;

  if (backup == NULL)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("Could not start the backup: %s"), sqlite3_errmsg (destination_db));
      return FALSE;
    }
  /* Copy in steps so that other programs' writes are not held up long. */
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (50);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, CSP_DATABASE_ERROR,
                   rc == SQLITE_FULL ? CSP_DATABASE_ERROR_FULL : CSP_DATABASE_ERROR_FAILED,
                   _ ("The backup could not be written: %s"), sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

static gboolean
verify_copy (sqlite3 *destination_db, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  ok =
      sqlite3_prepare_v2 (destination_db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW &&
      g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);
  if (!ok)
    g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT,
                 _ ("The backup failed its integrity check, so it was not kept"));
  return ok;
}

static gboolean
sync_path (const char *path, int flags)
{
  int fd = g_open (path, flags | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static gboolean
is_same_file (const char *a, const char *b)
{
  struct stat st_a, st_b;

  return g_stat (a, &st_a) == 0 && g_stat (b, &st_b) == 0 && st_a.st_dev == st_b.st_dev &&
         st_a.st_ino == st_b.st_ino;
}

/**
 * csp_database_backup:
 * @destination: the backup file; replaced only once a complete, verified
 *   copy is ready beside it
 *
 * Copies the database with SQLite's online backup, so it may be in use.
 */
gboolean
csp_database_backup (CspDatabase *self, const char *destination, GError **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *temporary = NULL;
  sqlite3 *destination_db = NULL;
  gboolean ok;
  int fd;

  g_return_val_if_fail (CSP_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (is_same_file (csp_database_get_path (self), destination))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("“%s” is the database itself; choose another file for the backup"),
                   destination);
      return FALSE;
    }
  folder = g_path_get_dirname (destination);
  temporary = g_build_filename (folder, ".csp-engage-backup-XXXXXX", NULL);
  fd = g_mkstemp_full (temporary, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_set_error (error, CSP_DATABASE_ERROR,
                   saved_errno == ENOSPC ? CSP_DATABASE_ERROR_FULL : CSP_DATABASE_ERROR_FAILED,
                   _ ("Could not write a backup in “%s”: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  ok = sqlite3_open_v2 (temporary, &destination_db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK;
  if (!ok)
    g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                 _ ("Could not write a backup in “%s”: %s"), folder,
                 sqlite3_errmsg (destination_db));
  ok = ok && copy_pages (self, destination_db, error) && verify_copy (destination_db, error);
  /* A backup is one self-contained file: fold any journal back into it. */
  if (ok &&
      sqlite3_exec (destination_db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("Could not finish the backup: %s"), sqlite3_errmsg (destination_db));
      ok = FALSE;
    }
  sqlite3_close (destination_db);

  if (ok && !sync_path (temporary, O_RDONLY))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("Could not write the backup to disk"));
      ok = FALSE;
    }
  if (ok && g_rename (temporary, destination) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED,
                   _ ("Could not put the backup at “%s”: %s"), destination,
                   g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    {
      g_autofree char *journal = g_strconcat (temporary, "-journal", NULL);
      g_unlink (journal);
      g_unlink (temporary);
      return FALSE;
    }
  sync_path (folder, O_RDONLY | O_DIRECTORY);
  return TRUE;
}

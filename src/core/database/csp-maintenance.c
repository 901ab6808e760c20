/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-maintenance"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "csp-database-backend.h"
#include "csp-database-copy.h"
#include "csp-file-writer.h"
#include "csp-maintenance.h"

void
csp_check_report_free (CspCheckReport *report)
{
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->table_names, g_ptr_array_unref);
  g_clear_pointer (&report->row_counts, g_array_unref);
  g_clear_pointer (&report->engine_version, g_free);
  g_free (report);
}

/**
 * csp_database_check:
 *
 * Runs the engine's own check (SQLite's quick_check) and counts the rows
 * of every table.
 *
 * Returns: (transfer full): the findings, or %NULL if the check could not run
 */
CspCheckReport *
csp_database_check (CspDatabase *self, GError **error)
{
  g_autoptr (CspCheckReport) report = g_new0 (CspCheckReport, 1);
  const char *const *tables = csp_database_list_tables ();

  g_return_val_if_fail (CSP_IS_DATABASE (self), NULL);

  report->problems = g_ptr_array_new_with_free_func (g_free);
  report->table_names = g_ptr_array_new ();
  report->row_counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  report->schema_version = csp_database_get_schema_version (self);

  report->engine_version = csp_database_get_engine_version (self);
  if (!csp_database_get_backend (self)->check_integrity (csp_database_get_connection (self),
                                                         report->problems, error))
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

/* A server's database as a new SQLite file, table by table, checked by
 * SQLite and against the server's row counts. */
static gboolean
copy_to_file (CspDatabase *self, const char *path, GError **error)
{
  g_autoptr (CspDatabase) copy = csp_database_open (path, error);
  g_autoptr (CspCheckReport) report = NULL;
  const char *const *tables = csp_database_list_tables ();

  if (copy == NULL || !csp_database_copy (self, copy, NULL, NULL, error))
    return FALSE;
  report = csp_database_check (copy, error);
  if (report == NULL)
    return FALSE;
  for (guint i = 0; tables[i] != NULL; i++)
    {
      gint64 count = 0;

      if (!csp_database_count_rows (self, tables[i], &count, error))
        return FALSE;
      if (!report->ok || g_array_index (report->row_counts, gint64, i) != count)
        {
          g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT,
                       _ ("The backup failed its check (%s), so it was not kept"), tables[i]);
          return FALSE;
        }
    }
  /* A backup is one self-contained file: fold the journal back into it. */
  return csp_database_exec (copy, "PRAGMA journal_mode = DELETE", error);
}

static gboolean
is_same_file (const char *a, const char *b)
{
  struct stat st_a, st_b;

  return g_stat (a, &st_a) == 0 && g_stat (b, &st_b) == 0 && st_a.st_dev == st_b.st_dev &&
         st_a.st_ino == st_b.st_ino;
}

/**
 * csp_maintenance_propagate_file_error:
 * @file_error: (transfer full): a failure to write a file (a backup, a
 *   restored database), whose message names the file
 *
 * Gives @file_error to @error as a %CSP_DATABASE_ERROR, its message kept.
 */
void
csp_maintenance_propagate_file_error (GError **error, GError *file_error)
{
  CspDatabaseError code = CSP_DATABASE_ERROR_FAILED;

  if (g_error_matches (file_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
    code = CSP_DATABASE_ERROR_FULL;
  else if (g_error_matches (file_error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
           g_error_matches (file_error, G_FILE_ERROR, G_FILE_ERROR_PERM) ||
           g_error_matches (file_error, G_FILE_ERROR, G_FILE_ERROR_ROFS))
    code = CSP_DATABASE_ERROR_READ_ONLY;
  g_set_error_literal (error, CSP_DATABASE_ERROR, code, file_error->message);
  g_error_free (file_error);
}

/**
 * csp_database_backup:
 * @destination: the backup file; replaced only once a complete, verified
 *   copy is ready beside it. A symbolic link there is refused.
 *
 * Copies the database, which may be in use (and may be open read-only),
 * into a self-contained SQLite file, mode 0600, through a #CspFileWriter:
 * a file's page by page, a server's table by table (a team's offline
 * copy).
 */
gboolean
csp_database_backup (CspDatabase *self, const char *destination, GError **error)
{
  g_autoptr (CspFileWriter) writer = NULL;
  GError *file_error = NULL;
  const char *temporary;
  gboolean ok;

  g_return_val_if_fail (CSP_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (is_same_file (csp_database_get_location (self), destination))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("“%s” is the database itself; choose another file for the backup"),
                   destination);
      return FALSE;
    }
  /* SQLite keeps a journal beside the copy it writes: it needs a name. */
  writer = csp_file_writer_new (destination, CSP_FILE_WRITER_PRIVATE | CSP_FILE_WRITER_NAMED,
                                &file_error);
  if (writer == NULL)
    {
      csp_maintenance_propagate_file_error (error, file_error);
      return FALSE;
    }
  temporary = csp_file_writer_get_temporary_path (writer);
  if (csp_database_get_backend (self)->backup != NULL)
    ok = csp_database_get_backend (self)->backup (self, csp_database_get_connection (self),
                                                  temporary, error);
  else
    ok = copy_to_file (self, temporary, error);
  if (!ok)
    {
      /* The engine's message names the temporary file, if any: say which
       * file could not be written, and that the disk is full if it is. */
      if (error != NULL && *error != NULL &&
          g_error_matches (*error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FULL))
        {
          g_clear_error (error);
          g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FULL,
                       _ ("Could not write the backup “%s”: the disk is full"), destination);
        }
      else
        g_prefix_error (error, _ ("Could not write the backup “%s”: "), destination);
      return FALSE;
    }
  if (!csp_file_writer_commit (writer, &file_error))
    {
      csp_maintenance_propagate_file_error (error, file_error);
      return FALSE;
    }
  return TRUE;
}

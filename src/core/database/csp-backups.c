/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-backups"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "csp-backup-rotation.h"
#include "csp-backups.h"
#include "csp-database-restore.h"
#include "csp-maintenance.h"

/* A database file's automatic backups live in the folder "backups" beside
 * it (for the default database, in the user's data folder), named after
 * it: "csp-engage-2024-05-06.db" for the day, and
 * "csp-engage-replaced-2024-05-06-093000.db" for a database a restore
 * replaced. A team server's database has none: its backups are its
 * administrator's, made by the server's own tools. */

#define FOLDER_NAME "backups"

/**
 * csp_backups_get_folder:
 * @location: a database file
 *
 * Returns: (transfer full): the folder of its backups
 */
char *
csp_backups_get_folder (const char *location)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (location != NULL, NULL);

  folder = g_path_get_dirname (location);
  return g_build_filename (folder, FOLDER_NAME, NULL);
}

/**
 * csp_backups_get_stem:
 * @location: a database file
 *
 * Returns: (transfer full): its name without ".db", which its backups'
 *   names start with
 */
char *
csp_backups_get_stem (const char *location)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (location != NULL, NULL);

  name = g_path_get_basename (location);
  if (g_str_has_suffix (name, ".db") && strlen (name) > 3)
    name[strlen (name) - 3] = '\0';
  return g_steal_pointer (&name);
}

static gboolean
make_folder (const char *folder, GError **error)
{
  if (g_mkdir_with_parents (folder, 0700) == 0)
    return TRUE;
  {
    int saved_errno = errno;

    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 _ ("Could not make the backups folder “%s”: %s"), folder,
                 g_strerror (saved_errno));
    return FALSE;
  }
}

/**
 * csp_backups_keep_daily:
 * @location: the database: a file, or a server (which gets none)
 * @today: the day the backup is for
 * @made: (out) (optional) (transfer full): the backup made, or %NULL when
 *   @today's was already there or the database is on a server
 *
 * The backup of the day, on the first open of each day: a verified copy
 * of the database through its own read-only connection (so it may run in
 * a thread of its own while the database is in use), then the rotation,
 * which keeps the last 7 daily and 4 weekly copies.
 *
 * Returns: %FALSE with @error set if no backup could be made
 */
gboolean
csp_backups_keep_daily (const char *location, const GDate *today, char **made, GError **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr (CspDatabase) database = NULL;

  g_return_val_if_fail (location != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (made != NULL)
    *made = NULL;
  if (csp_database_location_is_server (location))
    return TRUE;

  folder = csp_backups_get_folder (location);
  stem = csp_backups_get_stem (location);
  name = csp_backup_rotation_name (stem, today);
  path = g_build_filename (folder, name, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (!make_folder (folder, error))
    return FALSE;
  database = csp_database_open_full (location, CSP_DATABASE_OPEN_READ_ONLY,
                                     CSP_DATABASE_BUSY_TIMEOUT_MS, error);
  if (database == NULL || !csp_database_backup (database, path, error) ||
      !csp_backup_rotation_prune (folder, stem, error))
    return FALSE;
  if (made != NULL)
    *made = g_steal_pointer (&path);
  return TRUE;
}

static int
compare_names_newest_first (gconstpointer a, gconstpointer b)
{
  return -g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/**
 * csp_backups_find_newest_good:
 * @location: a database file
 *
 * Looks for the newest automatic backup of @location that passes its
 * check (csp_database_restore_check()), for a database that is damaged.
 *
 * Returns: (transfer full) (nullable): the backup, or %NULL if there is none
 */
char *
csp_backups_find_newest_good (const char *location)
{
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (location != NULL, NULL);

  if (csp_database_location_is_server (location))
    return NULL;
  folder = csp_backups_get_folder (location);
  stem = csp_backups_get_stem (location);
  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      GDate date;

      if (csp_backup_rotation_parse (stem, name, &date))
        g_ptr_array_add (names, g_strdup (name));
    }
  /* Same stem and form: the names sort as their dates. */
  g_ptr_array_sort (names, compare_names_newest_first);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      g_autoptr (GError) error = NULL;

      if (csp_database_restore_check (path, &error))
        return g_steal_pointer (&path);
      g_debug ("Not offering %s: %s", path, error->message);
    }
  return NULL;
}

/**
 * csp_backups_new_replaced_path:
 * @location: a database file about to be replaced by a restore
 *
 * Makes the backups folder if need be, and picks a name there, not yet
 * taken, for the database as it was.
 *
 * Returns: (transfer full): the path, or %NULL with @error set
 */
char *
csp_backups_new_replaced_path (const char *location, GError **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *stem = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");

  g_return_val_if_fail (location != NULL, NULL);

  folder = csp_backups_get_folder (location);
  stem = csp_backups_get_stem (location);
  if (!make_folder (folder, error))
    return NULL;
  for (guint n = 1;; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-replaced-%s.db", stem, stamp)
                                     : g_strdup_printf ("%s-replaced-%s-%u.db", stem, stamp, n);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
    }
}

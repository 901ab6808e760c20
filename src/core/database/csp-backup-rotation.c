/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-backup-rotation"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "csp-backup-rotation.h"

/* The automatic backups of one database are "STEM-YYYY-MM-DD.db", one a
 * day. Only names of exactly that form take part: a copy kept by hand or
 * a database replaced by a restore is never removed by the rotation. */

#define DATE_LENGTH 10 /* YYYY-MM-DD */
#define EXTENSION ".db"

/**
 * csp_backup_rotation_name:
 * @stem: the database's name without ".db", e.g. "csp-engage"
 *
 * Returns: (transfer full): the file name of @date's automatic backup
 */
char *
csp_backup_rotation_name (const char *stem, const GDate *date)
{
  g_return_val_if_fail (stem != NULL, NULL);
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%s-%04u-%02u-%02u" EXTENSION, stem, (guint) g_date_get_year (date),
                          (guint) g_date_get_month (date), (guint) g_date_get_day (date));
}

static gboolean
read_number (const char *text, guint digits, guint *value)
{
  *value = 0;
  for (guint i = 0; i < digits; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (guint) g_ascii_digit_value (text[i]);
    }
  return TRUE;
}

/**
 * csp_backup_rotation_parse:
 * @name: a file name
 * @date: (out caller-allocates): the day of the backup
 *
 * Returns: whether @name is an automatic backup of @stem's database
 */
gboolean
csp_backup_rotation_parse (const char *stem, const char *name, GDate *date)
{
  gsize stem_length;
  const char *rest;
  guint year, month, day;

  g_return_val_if_fail (stem != NULL && name != NULL && date != NULL, FALSE);

  stem_length = strlen (stem);
  if (strncmp (name, stem, stem_length) != 0 || name[stem_length] != '-')
    return FALSE;
  rest = name + stem_length + 1;
  if (strlen (rest) != DATE_LENGTH + strlen (EXTENSION) || rest[4] != '-' || rest[7] != '-' ||
      !g_str_equal (rest + DATE_LENGTH, EXTENSION) || !read_number (rest, 4, &year) ||
      !read_number (rest + 5, 2, &month) || !read_number (rest + 8, 2, &day) ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

typedef struct
{
  const char *name;
  guint32 day;  /* Julian day */
  guint32 week; /* the Julian day of its week's Monday */
} Dated;

static int
compare_newest_first (gconstpointer a, gconstpointer b)
{
  const Dated *x = a, *y = b;

  return x->day < y->day ? 1 : x->day > y->day ? -1 : 0;
}

/**
 * csp_backup_rotation_expired:
 * @stem: the database's name without ".db"
 * @names: (array zero-terminated=1): the files in the backups folder
 *
 * The rotation itself, on names alone: which of @stem's automatic backups
 * are no longer kept.
 *
 * Returns: (transfer container) (element-type utf8): the names to remove,
 *   each pointing into @names
 */
GPtrArray *
csp_backup_rotation_expired (const char *stem, const char *const *names)
{
  g_autoptr (GArray) dated = g_array_new (FALSE, FALSE, sizeof (Dated));
  GPtrArray *expired = g_ptr_array_new ();
  guint32 last_week = 0;
  guint weeks = 0;

  g_return_val_if_fail (stem != NULL && names != NULL, expired);

  for (guint i = 0; names[i] != NULL; i++)
    {
      GDate date;
      Dated entry = { names[i], 0, 0 };

      if (!csp_backup_rotation_parse (stem, names[i], &date))
        continue;
      entry.day = g_date_get_julian (&date);
      entry.week = entry.day - (g_date_get_weekday (&date) - G_DATE_MONDAY);
      g_array_append_val (dated, entry);
    }
  g_array_sort (dated, compare_newest_first);

  /* One backup a day, so the days' newest are simply the newest. */
  for (guint i = 0; i < dated->len; i++)
    {
      const Dated *entry = &g_array_index (dated, Dated, i);
      gboolean keep = i < CSP_BACKUP_ROTATION_DAYS;

      if (weeks < CSP_BACKUP_ROTATION_WEEKS && (weeks == 0 || entry->week != last_week))
        {
          keep = TRUE;
          weeks++;
          last_week = entry->week;
        }
      if (!keep)
        g_ptr_array_add (expired, (gpointer) entry->name);
    }
  return expired;
}

/**
 * csp_backup_rotation_prune:
 * @folder: the backups folder; a missing one holds nothing to remove
 *
 * Removes @stem's automatic backups in @folder that the rotation no
 * longer keeps.
 *
 * Returns: %FALSE with a #GFileError naming the file that could not be
 *   removed or the folder that could not be read
 */
gboolean
csp_backup_rotation_prune (const char *folder, const char *stem, GError **error)
{
  g_autoptr (GDir) dir = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) expired = NULL;
  g_autoptr (GError) dir_error = NULL;
  const char *name;

  g_return_val_if_fail (folder != NULL && stem != NULL, FALSE);

  dir = g_dir_open (folder, 0, &dir_error);
  if (dir == NULL)
    {
      if (g_error_matches (dir_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&dir_error));
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);

  expired = csp_backup_rotation_expired (stem, (const char *const *) names->pdata);
  for (guint i = 0; i < expired->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (expired, i), NULL);

      if (g_remove (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _ ("Could not remove the old backup “%s”: %s"), path,
                       g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}

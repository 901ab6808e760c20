/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-folder"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "test-folder.h"

/**
 * test_folder_new:
 * @prefix: the start of the folder's name, such as "csp-test-store"
 *
 * Makes a new folder "@prefix-XXXXXX" in the temporary folder. A test
 * cannot go on without it, so a failure is fatal.
 *
 * Returns: (transfer full): the new folder's path
 */
char *
test_folder_new (const char *prefix)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *template = NULL;
  char *path;

  g_return_val_if_fail (prefix != NULL, NULL);

  template = g_strconcat (prefix, "-XXXXXX", NULL);
  path = g_dir_make_tmp (template, &error);
  if (path == NULL)
    g_error ("Could not make a temporary folder %s: %s", template, error->message);
  return path;
}

/**
 * test_folder_remove:
 * @path: a folder (or file) to remove
 *
 * Removes @path and, for a folder, everything in it. Symbolic links are
 * removed, never followed. Nothing happens when @path does not exist.
 */
void
test_folder_remove (const char *path)
{
  GStatBuf st;
  GDir *dir;
  const char *name;

  g_return_if_fail (path != NULL);

  if (g_lstat (path, &st) != 0)
    return;
  if (!S_ISDIR (st.st_mode))
    {
      g_remove (path);
      return;
    }
  /* Give back what a test took away (a read-only folder, say), so that the
   * folder can be emptied. */
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      test_folder_remove (child);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (path);
}

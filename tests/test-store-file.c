/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-file"

#include "config.h"

#include "test-folder.h"
#include "test-store-file.h"

/**
 * test_store_file_open:
 * @folder: the folder to make the database file "test.db" in
 *
 * A test cannot go on without its database, so a failure to open it fails
 * the test.
 *
 * Returns: (transfer full): a store on a new, empty database in @folder
 */
CspStore *
test_store_file_open (const char *folder)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr (CspDatabase) database = NULL;

  g_return_val_if_fail (folder != NULL, NULL);

  path = g_build_filename (folder, "test.db", NULL);
  database = csp_database_open (path, &error);
  g_assert_no_error (error);
  return csp_store_new (database);
}

/**
 * test_store_file_set_up:
 * @file: the fixture's part to fill in
 * @prefix: the start of the folder's name, such as "csp-history"
 *
 * Makes a new folder "@prefix-XXXXXX" with a store on a new, empty
 * database in it. test_store_file_tear_down() undoes it.
 */
void
test_store_file_set_up (TestStoreFile *file, const char *prefix)
{
  g_return_if_fail (file != NULL);

  file->folder = test_folder_new (prefix);
  file->store = test_store_file_open (file->folder);
}

/**
 * test_store_file_tear_down:
 *
 * Drops @file's store and removes its folder with everything in it.
 */
void
test_store_file_tear_down (TestStoreFile *file)
{
  g_return_if_fail (file != NULL);

  g_clear_object (&file->store);
  test_folder_remove (file->folder);
  g_clear_pointer (&file->folder, g_free);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-store.h"

G_BEGIN_DECLS

/* A store on a new, empty database in a temporary folder of a test's own,
 * on the engine of the run (tests/test-engine.h): a file in the folder,
 * or a database of its own on the PostgreSQL server. */

typedef struct
{
  char *folder;
  char *location;
  CspStore *store;
} TestStoreFile;

CspStore *test_store_file_open (const char *folder);
CspStore *test_store_file_open_location (const char *location);
void test_store_file_set_up (TestStoreFile *file, const char *prefix);
void test_store_file_tear_down (TestStoreFile *file);
void test_store_file_remove (char *folder, char *location);
void test_store_file_wait_for_lock (const char *location);

char *test_store_file_audit_user (CspDatabase *database);

G_END_DECLS

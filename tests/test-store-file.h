/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-store.h"

G_BEGIN_DECLS

/* A store on a new, empty database file in a temporary folder of a test's
 * own, for the fixtures of the tests that need a real database file. */

typedef struct
{
  char *folder;
  CspStore *store;
} TestStoreFile;

CspStore *test_store_file_open (const char *folder);
void test_store_file_set_up (TestStoreFile *file, const char *prefix);
void test_store_file_tear_down (TestStoreFile *file);

G_END_DECLS

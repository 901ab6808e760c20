/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A temporary folder of a test's own, and its removal with everything the
 * test left in it. Shared by the tests, fixtures and benchmarks. */

char *test_folder_new (const char *prefix);
void test_folder_remove (const char *path);

G_END_DECLS

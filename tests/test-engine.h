/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The engine a test program runs on. The suites run twice: on SQLite
 * files, and with CSP_TEST_ENGINE=postgresql on the PostgreSQL server
 * that the test run started (found through libpq's PGHOST, PGPORT,
 * PGUSER and PGPASSWORD). */
gboolean test_engine_is_postgresql (void);
void test_engine_skip_unless_available (void);
gboolean test_engine_skip_unless_file (const char *why);
char *test_engine_new_location (const char *folder, const char *name);
void test_engine_drop_location (const char *location);

G_END_DECLS

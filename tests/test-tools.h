/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a test needs from outside the program: a tool (poppler's, LibreOffice,
 * python3, clang-format), /dev/full, a display or a PostgreSQL server. On a
 * developer's machine a test without it is skipped, saying what is missing;
 * in CI (the environment variable CI set, as build-aux/setup's test run
 * sets it, having installed every tool) it fails instead, so that no check
 * passes there without having run. */

gboolean test_tools_required (void);
void test_tools_missing (const char *what);
G_GNUC_NORETURN void test_tools_missing_for_all (const char *what);

G_END_DECLS

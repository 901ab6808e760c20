/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-tools"

#include "config.h"

#include <stdlib.h>

#include "test-tools.h"

/**
 * test_tools_required:
 *
 * Returns: %TRUE in CI, where every tool a test needs is installed
 */
gboolean
test_tools_required (void)
{
  const char *ci = g_getenv ("CI");

  return ci != NULL && *ci != '\0' && g_strcmp0 (ci, "0") != 0 && g_strcmp0 (ci, "false") != 0;
}

/**
 * test_tools_missing:
 * @what: what the test needs and lacks, e.g. "pdftotext is not installed
 *   (poppler-utils)"
 *
 * Ends the test case that is running, which must return next: skipped on a
 * developer's machine, failed in CI.
 */
void
test_tools_missing (const char *what)
{
  if (test_tools_required ())
    g_test_fail_printf ("%s, and CI must run every test", what);
  else
    g_test_skip (what);
}

/**
 * test_tools_missing_for_all:
 * @what: what every test of the program needs and lacks
 *
 * Ends the whole test program, before g_test_run(), in TAP: skipped (a
 * plan of no tests with a reason) on a developer's machine, failed in CI.
 */
void
test_tools_missing_for_all (const char *what)
{
  if (test_tools_required ())
    {
      g_print ("Bail out! %s, and CI must run every test\n", what);
      exit (1);
    }
  g_print ("1..0 # SKIP %s\n", what);
  exit (0);
}

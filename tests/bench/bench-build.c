/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-build"

#include "config.h"

#include "bench-build.h"

/**
 * bench_build_print:
 *
 * Prints the build type, optimization level and sanitizers this program
 * was built with (meson passes them in), and a warning when that is not
 * the optimized build that is installed.
 */
void
bench_build_print (void)
{
  gboolean sanitized = g_strcmp0 (BENCH_SANITIZE, "none") != 0;
  gboolean optimized =
      g_strcmp0 (BENCH_OPTIMIZATION, "2") == 0 || g_strcmp0 (BENCH_OPTIMIZATION, "3") == 0;

  g_print ("Build: %s (optimization %s, sanitizers %s)\n", BENCH_BUILDTYPE, BENCH_OPTIMIZATION,
           BENCH_SANITIZE);
  if (!optimized || sanitized)
    g_print ("Not the optimized build that is installed: for figures worth comparing,\n"
             "  meson setup build-release -Dbuildtype=release\n"
             "  meson test -C build-release --benchmark\n");
  g_print ("\n");
}

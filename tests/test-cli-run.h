/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* csp-engage-cli (its path in $CSP_CLI) run as a person would, with what
 * it printed and how it exited kept for the test to check. Shared by the
 * tests of the command-line program. */

typedef struct
{
  int status; /* the exit status */
  char *out;
  char *err;
} TestCliRun;

char **test_cli_environ_at_home (const char *home, const char *data);
void test_cli_run (TestCliRun *run, const char *folder, char **env, const char *const *args);
void test_cli_run_clear (TestCliRun *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TestCliRun, test_cli_run_clear)

G_END_DECLS

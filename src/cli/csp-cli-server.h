/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* `csp-engage-cli server COMMAND`: a team server's roles and users. */
int csp_cli_server (const char *database_path, int argc, char **argv);

G_END_DECLS

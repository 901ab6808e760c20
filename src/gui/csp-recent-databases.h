/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void csp_recent_databases_add_file (GSettings *settings, const char *path);
void csp_recent_databases_note_server (GSettings *settings);
char *csp_recent_databases_get_start_file (GSettings *settings);
gboolean csp_recent_databases_last_was_server (GSettings *settings);
void csp_recent_databases_fill_menu (GMenu *menu, GSettings *settings, const char *open_location);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean csp_database_restore_check (const char *backup, GError **error);
gboolean csp_database_restore (const char *location, const char *backup, char **kept,
                               GError **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *csp_backups_get_folder (const char *location);
char *csp_backups_get_stem (const char *location);
gboolean csp_backups_keep_daily (const char *location, const GDate *today, char **made,
                                 GError **error);
char *csp_backups_find_newest_good (const char *location);
char *csp_backups_new_replaced_path (const char *location, GError **error);

G_END_DECLS

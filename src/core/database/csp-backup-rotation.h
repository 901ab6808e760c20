/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which automatic backups are kept: the newest of each of the last 7 days
 * that have one, and the newest of each of the last 4 weeks (Monday to
 * Sunday) that have one. */
#define CSP_BACKUP_ROTATION_DAYS 7
#define CSP_BACKUP_ROTATION_WEEKS 4

char *csp_backup_rotation_name (const char *stem, const GDate *date);
gboolean csp_backup_rotation_parse (const char *stem, const char *name, GDate *date);
GPtrArray *csp_backup_rotation_expired (const char *stem, const char *const *names);
gboolean csp_backup_rotation_prune (const char *folder, const char *stem, GError **error);

G_END_DECLS

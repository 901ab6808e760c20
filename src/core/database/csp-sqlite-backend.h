/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean csp_sqlite_filesystem_is_network (const char *fs_type);

G_END_DECLS

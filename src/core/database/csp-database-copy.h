/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"

G_BEGIN_DECLS

typedef void (*CspCopyProgress) (const char *table, gpointer user_data);

gboolean csp_database_copy (CspDatabase *source, CspDatabase *target, CspCopyProgress progress,
                            gpointer user_data, GError **error);

G_END_DECLS

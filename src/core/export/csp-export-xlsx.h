/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "csp-export.h"

G_BEGIN_DECLS

typedef void (*CspExportProgressFunc) (double fraction, gpointer user_data);

gboolean csp_export_xlsx (CspDatabase *database, const char *path, CspExportProgressFunc progress,
                          gpointer user_data, GCancellable *cancellable, GError **error);
gboolean csp_export_xlsx_table (CspExportTable *table, const char *path, GCancellable *cancellable,
                                GError **error);

G_END_DECLS

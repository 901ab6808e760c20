/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "csp-export.h"

G_BEGIN_DECLS

/**
 * CspExportCsvFlags:
 * @CSP_EXPORT_CSV_FLAGS_NONE: UTF-8 with a byte order mark, which tells
 *   Excel the file is UTF-8 (without it Excel reads "£" as "Â£")
 * @CSP_EXPORT_CSV_NO_BOM: plain UTF-8
 */
typedef enum
{
  CSP_EXPORT_CSV_FLAGS_NONE = 0,
  CSP_EXPORT_CSV_NO_BOM = 1 << 0,
} CspExportCsvFlags;

void csp_export_csv_append_field (GString *line, const char *text);
gboolean csp_export_csv_write_table (CspExportTable *table, GOutputStream *stream,
                                     CspExportCsvFlags flags, GCancellable *cancellable,
                                     GError **error);
gboolean csp_export_csv (CspDatabase *database, CspImportKind kind, GFile *file,
                         CspExportCsvFlags flags, GCancellable *cancellable, GError **error);
gboolean csp_export_csv_table (CspExportTable *table, GFile *file, CspExportCsvFlags flags,
                               GCancellable *cancellable, GError **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-import-mapping.h"

G_BEGIN_DECLS

/* Which CSV column fills which field, values for fields the file has no
 * column for, rows to pass over after the header (a platform's export may
 * describe its columns in a second row), and names in the file that stand
 * for existing partners, channels or priorities. Saved by name per kind
 * of import in the import_mapping table (migration 0002) as JSON:
 *
 *   { "columns": { "Date": "month", "Lifetime Total Likes": "value:followers" },
 *     "defaults": { "channel": "Facebook" },
 *     "skip_rows": 1, "separator": ",",
 *     "period": "day", "date_order": "month-first",
 *     "aliases": { "partner": { "whbc": 3 } } }
 *
 * "period" (what each row of monthly figures covers) is written unless
 * it is "month", "date_order" once it is decided.
 *
 * Alias names are kept folded (csp_import_fold_name()). */
struct _CspImportMapping
{
  GObject parent_instance;

  CspImportKind kind;
  char *name;
  GHashTable *columns;  /* header -> target name */
  GHashTable *defaults; /* target name -> text */
  GHashTable *aliases;  /* "table\x1ffolded name" -> gint64 * */
  guint skip_rows;
  char separator;
  CspImportPeriod period;
  CspDateOrder date_order;
};

gboolean csp_import_mapping_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS

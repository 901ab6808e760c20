/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"

G_BEGIN_DECLS

/**
 * CspCheckReport:
 * @ok: quick_check found nothing wrong
 * @problems: (element-type utf8): what quick_check reported, if anything
 * @schema_version: the file's schema version
 * @table_names: (element-type utf8): every table, in schema order
 * @row_counts: (element-type gint64): rows of each table, in the same order;
 *   -1 where damage kept a table from being counted
 */
typedef struct
{
  gboolean ok;
  GPtrArray *problems;
  int schema_version;
  GPtrArray *table_names;
  GArray *row_counts;
} CspCheckReport;

void csp_check_report_free (CspCheckReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspCheckReport, csp_check_report_free)

CspCheckReport *csp_database_check (CspDatabase *self, GError **error);
gboolean csp_database_backup (CspDatabase *self, const char *destination, GError **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"

G_BEGIN_DECLS

/**
 * CspCheckReport:
 * @ok: the engine's check found nothing wrong
 * @problems: (element-type utf8): what that check reported, if anything
 * @engine_version: the engine, e.g. "PostgreSQL 15.18"
 * @schema_version: the database's schema version
 * @table_names: (element-type utf8): every table, in schema order
 * @row_counts: (element-type gint64): rows of each table, in the same order;
 *   -1 where damage kept a table from being counted
 */
typedef struct
{
  gboolean ok;
  GPtrArray *problems;
  char *engine_version;
  int schema_version;
  GPtrArray *table_names;
  GArray *row_counts;
} CspCheckReport;

void csp_check_report_free (CspCheckReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspCheckReport, csp_check_report_free)

CspCheckReport *csp_database_check (CspDatabase *self, GError **error);
gboolean csp_database_backup (CspDatabase *self, const char *destination, GError **error);
void csp_maintenance_propagate_file_error (GError **error, GError *file_error);

G_END_DECLS

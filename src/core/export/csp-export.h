/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"
#include "csp-import-target.h"
#include "csp-store.h"

G_BEGIN_DECLS

/**
 * CspExportCellType:
 * @CSP_EXPORT_CELL_EMPTY: no value
 * @CSP_EXPORT_CELL_TEXT: text, choice words and names of referenced rows
 * @CSP_EXPORT_CELL_NUMBER: a whole number
 * @CSP_EXPORT_CELL_DATE: a date; the text is YYYY-MM-DD
 * @CSP_EXPORT_CELL_MONTH: a month; the text is YYYY-MM
 * @CSP_EXPORT_CELL_BOOL: yes or no; the number is 1 or 0
 */
typedef enum
{
  CSP_EXPORT_CELL_EMPTY,
  CSP_EXPORT_CELL_TEXT,
  CSP_EXPORT_CELL_NUMBER,
  CSP_EXPORT_CELL_DATE,
  CSP_EXPORT_CELL_MONTH,
  CSP_EXPORT_CELL_BOOL,
} CspExportCellType;

/**
 * CspExportCell:
 * @type: what the cell holds
 * @text: the value as a CSV file writes it ("" when empty)
 * @number: the value of a number, or 1/0 for yes/no
 */
typedef struct
{
  CspExportCellType type;
  const char *text;
  gint64 number;
} CspExportCell;

/* One list as rows of typed cells, for the CSV and XLSX writers. */
typedef struct _CspExportTable CspExportTable;

CspExportTable *csp_export_table_new (CspDatabase *database, CspImportKind kind,
                                      const CspQuery *query, GError **error);
CspExportTable *csp_export_table_new_for_type (CspDatabase *database, GType record_type,
                                               GError **error);
void csp_export_table_free (CspExportTable *self);

const char *csp_export_table_get_title (CspExportTable *self);
guint csp_export_table_get_n_columns (CspExportTable *self);
const char *csp_export_table_get_header (CspExportTable *self, guint column);
CspExportCellType csp_export_table_get_column_type (CspExportTable *self, guint column);
gboolean csp_export_table_next (CspExportTable *self, gboolean *has_row, GError **error);
const CspExportCell *csp_export_table_get_cell (CspExportTable *self, guint column);

const GType *csp_export_list_other_types (guint *n_types);
gboolean csp_export_list_from_name (const char *name, GType *record_type);
gboolean csp_export_needs_neutralizing (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspExportTable, csp_export_table_free)

G_END_DECLS

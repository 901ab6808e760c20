/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "csp-csv-reader.h"
#include "csp-history.h"
#include "csp-import-mapping.h"
#include "csp-import-target.h"
#include "csp-store.h"

G_BEGIN_DECLS

/**
 * CspImportFlags:
 * @CSP_IMPORT_FLAGS_NONE: all or nothing: nothing is written if any row is
 *   rejected
 * @CSP_IMPORT_SKIP_INVALID: write the valid rows; the rest are reported
 * @CSP_IMPORT_DRY_RUN: do everything, then roll it back: the summary says
 *   what an import would do
 */
typedef enum
{
  CSP_IMPORT_FLAGS_NONE = 0,
  CSP_IMPORT_SKIP_INVALID = 1 << 0,
  CSP_IMPORT_DRY_RUN = 1 << 1,
} CspImportFlags;

/**
 * CspImportProblem:
 * @line: the line of the file on which the rejected row starts (1-based,
 *   counting the header)
 * @column: (nullable): the column's header, or %NULL when the value came
 *   from the mapping or the problem is the row as a whole
 * @message: what is wrong, naming the field
 */
typedef struct
{
  guint line;
  char *column;
  char *message;
} CspImportProblem;

/**
 * CspImportPreviewRow:
 * @line: the line of the file on which the row starts
 * @fields: (array zero-terminated=1): its values, one per column of the
 *   header ("" where the row has none)
 * @problem: (nullable): why the row will be rejected whatever the mapping,
 *   e.g. it has more values than the header names columns; %NULL when it
 *   can be read
 *
 * A row of the file as csp_import_preview() shows it.
 */
typedef struct
{
  guint line;
  char **fields;
  char *problem;
} CspImportPreviewRow;

/**
 * CspImportColumnNote:
 * @first: the first column it is about, from 1, as a spreadsheet counts
 * @last: the last column it is about: @first when it is about one
 * @header: the first column's name in the header row (the start of it, if
 *   very long)
 * @message: what becomes of the column, and why
 *
 * Columns of the file that are not imported.
 */
typedef struct
{
  guint first;
  guint last;
  char *header;
  char *message;
} CspImportColumnNote;

/**
 * CspImportResolution:
 * @CSP_IMPORT_RESOLVE_NONE: undecided: rows that name it are rejected
 * @CSP_IMPORT_RESOLVE_CREATE: a new row is made with that name
 * @CSP_IMPORT_RESOLVE_MAP: the name stands for an existing row, @id
 */
typedef enum
{
  CSP_IMPORT_RESOLVE_NONE,
  CSP_IMPORT_RESOLVE_CREATE,
  CSP_IMPORT_RESOLVE_MAP,
} CspImportResolution;

/**
 * CspImportUnknown:
 * @table: "partner", "channel", "priority" or "metric"
 * @name: the name as the file first writes it
 * @context: (nullable): where it belongs: the plan of a priority, the
 *   channel of a metric
 * @first_line: the first line that names it
 * @n_rows: how many rows name it
 * @resolution: what the import does about it
 * @id: for %CSP_IMPORT_RESOLVE_MAP the existing row; after a write, the row
 *   that was made
 *
 * A name in the file that matches no row of @table. Metrics of a known
 * kind are made as needed (they start as %CSP_IMPORT_RESOLVE_CREATE).
 * Read-only: change the resolution with csp_import_resolve().
 */
typedef struct
{
  const char *table;
  char *name;
  char *context;
  guint first_line;
  guint n_rows;
  CspImportResolution resolution;
  gint64 id;
} CspImportUnknown;

/**
 * CspImportMonthInfo:
 * @month: YYYY-MM
 * @label: the month as a person reads it: "June 2021"
 * @series: the channel (and the metric, in a file of one Value column) the
 *   figures are of, as the file names them: "Facebook", "Facebook, reach"
 * @first_line: the first line of the file with a figure of the month
 * @n_rows: the rows of the file it is made of
 * @first_date: the first of their dates, YYYY-MM-DD
 * @last_date: the last of them
 * @partial: whether the file's rows cover only part of the month: it is
 *   the file's first month and begins after its first day, or its last and
 *   ends before its last day
 * @covered: (nullable): for a partial month, the days the rows cover:
 *   "3–30 Jun 2021"
 * @note: (nullable): what the figures' note says of it: that it is
 *   partial, and which days it covers
 * @rejected_line: a line of the month that was rejected, so that the
 *   month is not imported; 0 if none
 * @kept_stored: the month is partial, and a figure of it stored for the
 *   whole month is kept rather than replaced by the file's part of it
 *
 * A month of a file of weekly or daily figures (#CspImportPeriod), as
 * one series of the file (a channel's metrics) has it.
 */
typedef struct
{
  char *month;
  char *label;
  char *series;
  guint first_line;
  guint n_rows;
  char *first_date;
  char *last_date;
  gboolean partial;
  char *covered;
  char *note;
  guint rejected_line;
  gboolean kept_stored;
} CspImportMonthInfo;

/**
 * CspDateStyle:
 * @CSP_DATE_STYLE_NONE: no column of dates
 * @CSP_DATE_STYLE_UNAMBIGUOUS: dates that read one way only: 2021-06-01,
 *   20210601, Jun 01, 2021
 * @CSP_DATE_STYLE_DAY_FIRST: in numbers, day first (a first number over 12)
 * @CSP_DATE_STYLE_MONTH_FIRST: in numbers, month first (a second one over 12)
 * @CSP_DATE_STYLE_AMBIGUOUS: in numbers, and every one could be either
 *
 * How a file writes its dates.
 */
typedef enum
{
  CSP_DATE_STYLE_NONE,
  CSP_DATE_STYLE_UNAMBIGUOUS,
  CSP_DATE_STYLE_DAY_FIRST,
  CSP_DATE_STYLE_MONTH_FIRST,
  CSP_DATE_STYLE_AMBIGUOUS,
} CspDateStyle;

/**
 * CspImportLayout:
 * @n_comment_lines: comment lines ("# ...") above the header, passed over
 * @description_row: whether the row under the header describes the
 *   columns rather than holding data
 * @date_header: (nullable): the column of the rows' dates
 * @date_style: how they are written
 * @example_date: (nullable): one of them, as the file writes it
 * @has_period: whether the dates say what each row covers
 * @period: what each row covers, if they do
 *
 * What the first rows of a file say of its layout (csp_import_detect_layout()).
 */
typedef struct
{
  guint n_comment_lines;
  gboolean description_row;
  const char *date_header;
  CspDateStyle date_style;
  char *example_date;
  gboolean has_period;
  CspImportPeriod period;
} CspImportLayout;

void csp_import_layout_clear (CspImportLayout *layout);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CspImportLayout, csp_import_layout_clear)

/**
 * CspImportSummary:
 * @n_rows: data rows in the file (those the mapping skips not counted)
 * @n_rejected: rows rejected
 * @n_inserted: records added
 * @n_updated: existing records changed
 * @n_unchanged: existing records the file holds as they are
 * @n_created: partners, channels, priorities and metrics made for the
 *   file's names
 *
 * Records can outnumber rows: a row of a platform's export with a column
 * per metric holds one figure of each.
 */
typedef struct
{
  guint n_rows;
  guint n_rejected;
  guint n_inserted;
  guint n_updated;
  guint n_unchanged;
  guint n_created;
} CspImportSummary;

/**
 * CspImportProgressFunc:
 * @fraction: from 0 to 1
 *
 * Called from the thread the job runs in, at most about a hundred times.
 */
typedef void (*CspImportProgressFunc) (double fraction, gpointer user_data);

#define CSP_TYPE_IMPORT (csp_import_get_type ())
G_DECLARE_FINAL_TYPE (CspImport, csp_import, CSP, IMPORT, GObject)

CspImport *csp_import_new (CspStore *store, CspImportKind kind);
CspImportKind csp_import_get_kind (CspImport *self);

gboolean csp_import_open (CspImport *self, GFile *file, GCancellable *cancellable, GError **error);
gboolean csp_import_open_bytes (CspImport *self, GBytes *contents, const char *display_name,
                                GError **error);
CspCsvReader *csp_import_get_reader (CspImport *self);
GPtrArray *csp_import_preview (CspImport *self, guint max_rows, GError **error);

CspImportMapping *csp_import_get_mapping (CspImport *self);
gboolean csp_import_set_mapping (CspImport *self, CspImportMapping *mapping, GError **error);
void csp_import_guess_unmapped (CspImport *self);
void csp_import_detect_layout (CspImport *self, CspImportLayout *layout);
void csp_import_guess_layout (CspImport *self);
void csp_import_guess_period (CspImport *self);
void csp_import_set_create_unknown (CspImport *self, gboolean create_unknown);
void csp_import_invalidate (CspImport *self);

gboolean csp_import_check (CspImport *self, CspImportProgressFunc progress, gpointer user_data,
                           GCancellable *cancellable, GError **error);
GPtrArray *csp_import_get_unknowns (CspImport *self);
void csp_import_resolve (CspImport *self, CspImportUnknown *unknown, CspImportResolution resolution,
                         gint64 id);
const CspImportProblem *csp_import_get_problems (CspImport *self, guint *n_problems);
const CspImportColumnNote *csp_import_get_column_notes (CspImport *self, guint *n_notes);
const CspImportSummary *csp_import_get_summary (CspImport *self);
const CspImportMonthInfo *const *csp_import_get_months (CspImport *self, guint *n_months);

gboolean csp_import_write (CspImport *self, CspImportFlags flags, CspImportProgressFunc progress,
                           gpointer user_data, GCancellable *cancellable, GError **error);
void csp_import_remember (CspImport *self, CspHistory *history);

void csp_import_check_async (CspImport *self, CspImportProgressFunc progress, gpointer user_data,
                             GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer callback_data);
gboolean csp_import_check_finish (CspImport *self, GAsyncResult *result, GError **error);
void csp_import_write_async (CspImport *self, CspImportFlags flags, CspImportProgressFunc progress,
                             gpointer user_data, GCancellable *cancellable,
                             GAsyncReadyCallback callback, gpointer callback_data);
gboolean csp_import_write_finish (CspImport *self, GAsyncResult *result, GError **error);

G_END_DECLS

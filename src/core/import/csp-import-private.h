/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the files of one import share: the import's state and the steps
 * of a pass over its rows. Only src/core/import includes this. */

#include <glib/gi18n-lib.h>

#include "csp-import-lookup.h"
#include "csp-import-value.h"
#include "csp-import.h"
#include "csp-records.h"

G_BEGIN_DECLS

typedef struct _Unknown Unknown;

struct _Unknown
{
  CspImportUnknown public; /* first, so that a pointer to it is one to this */
  char *key;
  gint64 scope; /* the plan of a priority, the channel of a metric; 0 if unknown */
  Unknown *parent;
  const char *kind; /* of a metric */
  guint index;
  gboolean seen;
};

/* Ids that stand for rows still to be made, while checking. */
#define PLACEHOLDER_BASE (G_GINT64_CONSTANT (1) << 60)

/* A month of weekly or daily figures (csp-import-months.c). */
typedef struct _CspImportMonth CspImportMonth;

/* The staging tables of a check (csp-import-stage.c). */
typedef struct _CspImportStage CspImportStage;

/* What the last write did, for undo (csp_import_remember()). */
typedef struct
{
  gint64 first_id; /* the records added hold the ids first_id .. first_id + n_added - 1 */
  guint n_added;
  GPtrArray *before; /* the records changed, as they were */
  GPtrArray *after;  /* and as the write left them */
} CspImportWritten;

typedef struct
{
  guint line;
  gboolean rejected;
  guint64 bad_columns;
} Row;

struct _CspImport
{
  GObject parent_instance;

  CspStore *store;
  CspDatabase *database;
  CspImportKind kind;
  GType record_type;
  const CspTableInfo *info;
  const CspImportTarget *targets;
  guint n_targets;

  GBytes *contents; /* the file's bytes, or */
  GFile *file;      /* the file, read in chunks */
  char *display_name;
  CspCsvReader *reader;
  CspImportMapping *mapping;
  gboolean create_unknown;

  /* Set up for each pass */
  int *target_column; /* per target: the CSV column, or -1 */
  GValue *values;     /* per target: the value read from the current row */
  gboolean *given;    /* per target: whether the row (or a default) gives it */
  int *column_target; /* per record column: the target that fills it, or -1 */
  CspImportLookup *lookup;
  GHashTable *resolved; /* "table\x1fscope\x1fname" -> gint64 * id, of the names found */
  /* Natural keys (csp-import-keys.c). The first pass over the file looks
   * nothing up: it loads each row's key into import_keys, and two queries
   * over that table find whether some rows match a stored record and the
   * keys the file holds twice. Only when there are some does a second
   * pass look those rows up, a window of lines at a time, and reject the
   * repeats. */
  gboolean second_pass;
  CspLoad *keys;              /* first pass: the rows' keys on their way */
  gboolean any_stored;        /* some row's key is a stored record's */
  GHashTable *repeated;       /* second pass: the keys the file holds more than once */
  GHashTable *seen_keys;      /* second pass: natural key -> first line, for those keys */
  guint window_first;         /* second pass: the lines whose stored keys are read, */
  guint window_end;           /* first to end - 1, */
  GHashTable *window_ids;     /* their natural keys -> gint64 * stored id, -1 for several */
  GHashTable *window_records; /* gint64 * id -> the stored CspRecord * */
  GError *fatal;

  GPtrArray *all_unknowns; /* Unknown *, owned */
  GHashTable *unknown_by_key;
  GPtrArray *unknowns; /* those the last check met */
  GArray *problems;
  GArray *column_notes;
  /* Weekly and daily figures made monthly (csp-import-months.c) */
  GPtrArray *months;        /* CspImportMonth *, the pass's, in the order of the file */
  GHashTable *month_by_key; /* series and month -> CspImportMonth * in months */
  char *first_date;         /* the first and last dates of the rows read */
  char *last_date;
  guint n_total_rows;        /* rows of the platform's totals, passed over */
  CspImportMonth *month;     /* while a month's figures are checked, that month */
  GPtrArray *pending;        /* the current row's records to stage */
  GPtrArray *pending_stored; /* each one's stored record, or NULL */
  CspImportStage *stage;
  GPtrArray *made; /* records the last write made for unknown names */
  CspImportWritten written;
  CspImportSummary summary;
  gboolean checked;
  char *checked_state; /* the database as the last check saw it */
};

/* csp-import-columns.c */
const CspImportTarget *csp_import_column_target (CspImport *self, guint column);

/* csp-import-problems.c */
char *csp_import_dup_header (const char *header);
const char *csp_import_header_of_target (CspImport *self, int target);
void csp_import_add_problem (CspImport *self, Row *row, const char *header, const char *message);
void csp_import_field_problem (CspImport *self, Row *row, int target, const char *format, ...)
    G_GNUC_PRINTF (4, 5);
gboolean csp_import_reject_bad_bytes (CspImport *self, Row *row);
gboolean csp_import_reject_unreadable (CspImport *self, Row *row);

/* csp-import-unknowns.c */
Unknown *csp_import_note_unknown (CspImport *self, Row *row, const char *table, gint64 scope,
                                  Unknown *parent, const char *name, const char *kind);
const char *csp_import_metric_kind_label (CspImport *self, const char *kind);
gboolean csp_import_create_unknown (CspImport *self, Unknown *unknown, GError **error);
gint64 csp_import_unknown_id (Unknown *unknown);
gboolean csp_import_is_placeholder (gint64 id);
void csp_import_forget_created (CspImport *self);

/* csp-import-resolve.c */
gboolean csp_import_resolve_name (CspImport *self, Row *row, int target, const char *table,
                                  gint64 scope, const char *name, gint64 *id,
                                  Unknown **out_unknown);
void csp_import_read_references (CspImport *self, Row *row, GArray *partner_ids,
                                 gboolean *partners_given, gint64 *plan_id,
                                 Unknown **priority_unknown);
const char *const *csp_import_metric_kinds (void);
gboolean csp_import_resolve_metric (CspImport *self, Row *row, gint64 channel_id,
                                    Unknown *channel_unknown, int kind_target, const char *kind,
                                    int name_target, const char *name, gint64 *metric_id);

/* csp-import-rows.c */
gboolean csp_import_is_blank (const char *text);
const char *csp_import_cell (CspImport *self, int target);
void csp_import_clear_values (CspImport *self);
void csp_import_set_int_value (CspImport *self, int target, gint64 id);
gint64 csp_import_value_int (CspImport *self, int target);
CspRecord *csp_import_new_record (CspImport *self);
gboolean csp_import_process_record_row (CspImport *self, Row *row);
gboolean csp_import_process_metric_row (CspImport *self, Row *row);

/* csp-import-layout.c */
gboolean csp_import_check_date_order (CspImport *self, GError **error);

/* csp-import-months.c */
void csp_import_months_clear (CspImport *self);
gboolean csp_import_months_apply (CspImport *self);
gboolean csp_import_months_add_row (CspImport *self, Row *row);
gboolean csp_import_months_finish (CspImport *self, GError **error);
const char *csp_import_field (CspImport *self, guint column);
const char *csp_import_months_note (CspImport *self);
gboolean csp_import_months_keep_stored (CspImport *self, CspRecord *stored);
const char *csp_import_partial_month_prefix (void);

/* csp-import-keys.c */
gboolean csp_import_keys_open (CspImport *self, GError **error);
gboolean csp_import_keys_close (CspImport *self, gboolean *again, GError **error);
void csp_import_keys_clear (CspImport *self);
gboolean csp_import_find_existing (CspImport *self, Row *row, const char *a, const char *b,
                                   const char *c, gint64 *existing_id);
gboolean csp_import_note_key (CspImport *self, Row *row, int target, const char *a, const char *b,
                              const char *c);
gboolean csp_import_load_existing (CspImport *self, Row *row, gint64 existing_id, int key_target,
                                   CspRecord **stored, CspRecord **record);

/* csp-import-pass.c */
int csp_import_find_target (CspImport *self, const char *name);
void csp_import_clear_pass (CspImport *self);
gboolean csp_import_run_pass (CspImport *self, double progress_from, double progress_to,
                              CspImportProgressFunc progress, gpointer user_data,
                              GCancellable *cancellable, GError **error);
void csp_import_predict (CspImport *self, Row *row, CspRecord *record, CspRecord *stored);
char *csp_import_database_state (CspImport *self, GError **error);
void csp_import_set_temp_on_disk (CspImport *self, gboolean on_disk);
void csp_import_report_progress (double fraction, double *last, CspImportProgressFunc progress,
                                 gpointer user_data);

/* csp-import-stage.c */
void csp_import_stage_free (CspImportStage *stage);
const char *csp_import_stage_get_table (CspImportStage *stage);
guint csp_import_stage_get_n_new (CspImportStage *stage);
gboolean csp_import_stage_open (CspImport *self, GError **error);
gboolean csp_import_stage_row (CspImport *self, Row *row, GError **error);
gboolean csp_import_stage_close (CspImport *self, GError **error);

G_END_DECLS

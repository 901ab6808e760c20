/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CspColumnKind:
 * @CSP_COLUMN_TEXT: free text
 * @CSP_COLUMN_INT: a whole number
 * @CSP_COLUMN_BOOL: yes or no
 * @CSP_COLUMN_DATE: an ISO date, YYYY-MM-DD
 * @CSP_COLUMN_MONTH: an ISO month, YYYY-MM
 * @CSP_COLUMN_REF: the id of a row of another table; 0 means none
 * @CSP_COLUMN_CHOICE: one of a fixed list of words
 */
typedef enum
{
  CSP_COLUMN_TEXT,
  CSP_COLUMN_INT,
  CSP_COLUMN_BOOL,
  CSP_COLUMN_DATE,
  CSP_COLUMN_MONTH,
  CSP_COLUMN_REF,
  CSP_COLUMN_CHOICE,
} CspColumnKind;

typedef enum
{
  CSP_COLUMN_REQUIRED = 1 << 0,
  CSP_COLUMN_RANGE = 1 << 1,
  CSP_COLUMN_SEARCHED = 1 << 2,
  CSP_COLUMN_DEFAULT_TRUE = 1 << 3,
  CSP_COLUMN_MULTILINE = 1 << 4,
  CSP_COLUMN_TIME_OF_DAY = 1 << 5,
  CSP_COLUMN_MONTH_OF_YEAR = 1 << 6,
} CspColumnFlags;

/**
 * CspColumn:
 * @name: the SQL column; the GObject property is the same with '-' for '_'
 * @label: the field's name as a person knows it, for messages (N_() marked)
 * @kind: what it holds
 * @flags: %CSP_COLUMN_REQUIRED, %CSP_COLUMN_RANGE (@min..@max applies),
 *   %CSP_COLUMN_SEARCHED (copied into the table's full-text index),
 *   %CSP_COLUMN_DEFAULT_TRUE (a yes/no that a new record starts as yes),
 *   %CSP_COLUMN_MULTILINE (text of paragraphs rather than a line),
 *   %CSP_COLUMN_TIME_OF_DAY (text that is a time of day, HH:MM),
 *   %CSP_COLUMN_MONTH_OF_YEAR (a whole number that is a month of the
 *   year, 1 for January to 12, chosen by its name)
 * @ref_table: for %CSP_COLUMN_REF, the table it points into
 * @ref_kind: (nullable): for %CSP_COLUMN_REF into a table with a "kind"
 *   column, the only kind of row it may point at: a committee report's
 *   meeting is a committee
 * @ref_fills: (nullable) (array zero-terminated=1): for %CSP_COLUMN_REF,
 *   pairs of this record's column and the referenced row's column it
 *   takes its value from when the reference is chosen
 *   (csp_record_set_ref()): a report's committee and meeting date follow
 *   the meeting chosen, so no one keeps them in step by hand
 * @choices: for %CSP_COLUMN_CHOICE, the NULL-terminated allowed words
 * @not_before: for dates, a column of the same record it may not precede
 * @min: lowest allowed value with %CSP_COLUMN_RANGE
 * @max: highest allowed value with %CSP_COLUMN_RANGE
 * @max_length: for %CSP_COLUMN_TEXT, the most characters (not bytes) it may
 *   hold: as many as its use needs, so that no value can swamp a list, a
 *   form or the committee report. Every text column has one; the store,
 *   the forms and the import all hold to it (csp_column_check_text()).
 */
typedef struct
{
  const char *name;
  const char *label;
  CspColumnKind kind;
  CspColumnFlags flags;
  const char *ref_table;
  const char *ref_kind;
  const char *const *ref_fills;
  const char *const *choices;
  const char *not_before;
  gint64 min;
  gint64 max;
  guint max_length;
} CspColumn;

/**
 * CspFigureColumn:
 * @label: its name as a person knows it (N_() marked)
 * @sql: how it is worked out from the row's columns, an SQL expression of
 *   the schema's own column names that both engines read alike, e.g.
 *   "likelihood * impact"
 *
 * A whole number worked out from a row's columns, not stored: exports
 * write it beside the columns.
 */
typedef struct
{
  const char *label;
  const char *sql;
} CspFigureColumn;

#define CSP_TYPE_RECORD (csp_record_get_type ())
G_DECLARE_DERIVABLE_TYPE (CspRecord, csp_record, CSP, RECORD, GObject)

/**
 * CspTableInfo:
 * @table: the SQL table
 * @noun: what one row is called, for messages (N_() marked)
 * @columns: the table's columns besides id, created_at, updated_at, version
 * @n_columns: how many
 * @date_column: (nullable): the column list queries filter by date on
 * @partner_table: (nullable): the link table of supporting partners
 * @partner_key: the link table's column that points back at this table
 * @partners_label: (nullable): what the linked partners are to this
 *   record (N_() marked); "Supporting partners" when %NULL
 * @fts_table: (nullable): the full-text index of %CSP_COLUMN_SEARCHED columns
 * @append_only: rows may be added but never changed or deleted on their own
 * @owned_tables: (nullable) (array zero-terminated=1): tables whose rows
 *   belong to a row of this one and are deleted with it
 * @owned_key: the owned tables' reference column that points here
 * @figures: (nullable): what is worked out from the columns
 * @n_figures: how many
 * @dated_choices: rows are told apart by their date as much as by their
 *   name (a committee meets under one title): a list to choose one from
 *   shows both, newest first (csp_ref_choices_list_for_column())
 *
 * What the generic store needs to know of one table. Every name in it is a
 * fixed identifier of our schema, never input, so SQL may be built from it.
 */
typedef struct
{
  const char *table;
  const char *noun;
  const CspColumn *columns;
  guint n_columns;
  const char *date_column;
  const char *partner_table;
  const char *partner_key;
  const char *partners_label;
  const char *fts_table;
  gboolean append_only;
  const char *const *owned_tables;
  const char *owned_key;
  const CspFigureColumn *figures;
  guint n_figures;
  gboolean dated_choices;
} CspTableInfo;

struct _CspRecordClass
{
  GObjectClass parent_class;

  const CspTableInfo *info;
  GParamSpec **column_pspecs; /* per column of @info, for setting without a lookup by name */
};

/* Defines a record type whose columns and rules are @info; the type's
 * header declares it with G_DECLARE_FINAL_TYPE (..., CspRecord). */
#define CSP_DEFINE_RECORD_TYPE(TypeName, type_name, info_ptr)                                      \
  struct _##TypeName                                                                               \
  {                                                                                                \
    CspRecord parent_instance;                                                                     \
  };                                                                                               \
  G_DEFINE_FINAL_TYPE (TypeName, type_name, CSP_TYPE_RECORD)                                       \
  static void type_name##_class_init (TypeName##Class *klass)                                      \
  {                                                                                                \
    csp_record_class_install_info (CSP_RECORD_CLASS (klass), (info_ptr));                          \
  }                                                                                                \
  static void type_name##_init (TypeName *self)                                                    \
  {                                                                                                \
  }

void csp_record_class_install_info (CspRecordClass *klass, const CspTableInfo *info);
const CspTableInfo *csp_record_type_get_info (GType type);
const CspColumn *csp_table_info_find_column (const CspTableInfo *info, const char *name);
gboolean csp_column_check_text (const CspColumn *column, const char *text, GError **error);
char *csp_text_dup_excerpt (const char *text);

gint64 csp_record_get_id (CspRecord *self);
void csp_record_set_id (CspRecord *self, gint64 id);
gint64 csp_record_get_version (CspRecord *self);
void csp_record_set_version (CspRecord *self, gint64 version);
const char *csp_record_get_created_at (CspRecord *self);
const char *csp_record_get_updated_at (CspRecord *self);
void csp_record_set_times (CspRecord *self, const char *created_at, const char *updated_at);

const GValue *csp_record_get_value (CspRecord *self, const char *column);
void csp_record_set_value (CspRecord *self, const char *column, const GValue *value);
const char *csp_record_get_string (CspRecord *self, const char *column);
void csp_record_set_string (CspRecord *self, const char *column, const char *value);
gint64 csp_record_get_int (CspRecord *self, const char *column);
void csp_record_set_int (CspRecord *self, const char *column, gint64 value);
gboolean csp_record_get_bool (CspRecord *self, const char *column);
void csp_record_set_bool (CspRecord *self, const char *column, gboolean value);
gboolean csp_record_is_null (CspRecord *self, const char *column);
void csp_record_set_null (CspRecord *self, const char *column);

const gint64 *csp_record_get_partner_ids (CspRecord *self, guint *n_ids);
void csp_record_set_partner_ids (CspRecord *self, const gint64 *ids, guint n_ids);
gboolean csp_record_set_ref (CspRecord *self, const char *column, CspRecord *referenced,
                             GError **error);

gboolean csp_record_validate_column (CspRecord *self, const char *column, GError **error);
gboolean csp_record_validate (CspRecord *self, GError **error);

CspRecord *csp_record_new (GType type);
CspRecord *csp_record_copy (CspRecord *self);
gboolean csp_record_same_values (CspRecord *self, CspRecord *other);
gboolean csp_record_same_partners (CspRecord *self, CspRecord *other);
char *csp_record_dup_display_name (CspRecord *self);
const char *csp_table_info_get_name_column (const CspTableInfo *info);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-record.h"

G_BEGIN_DECLS

#define CSP_IMPORT_ERROR (csp_import_error_quark ())

/**
 * CspImportError:
 * @CSP_IMPORT_ERROR_VALUE: a value cannot be read as its field's kind
 * @CSP_IMPORT_ERROR_MAPPING: the column mapping cannot be used (a field
 *   every record needs has no column, a default is invalid ...)
 * @CSP_IMPORT_ERROR_REJECTED: rows were rejected, so nothing was written
 * @CSP_IMPORT_ERROR_NOT_FOUND: no saved mapping of that name
 * @CSP_IMPORT_ERROR_DATE_ORDER: the file's dates could be day first or
 *   month first, and it matters: the mapping must say which
 */
typedef enum
{
  CSP_IMPORT_ERROR_VALUE,
  CSP_IMPORT_ERROR_MAPPING,
  CSP_IMPORT_ERROR_REJECTED,
  CSP_IMPORT_ERROR_NOT_FOUND,
  CSP_IMPORT_ERROR_DATE_ORDER,
} CspImportError;

/**
 * CspImportKind:
 * @CSP_IMPORT_ACTIVITIES: engagement activities
 * @CSP_IMPORT_METRICS: monthly figures of a channel's metrics
 * @CSP_IMPORT_ACTIONS: items of an action plan
 * @CSP_IMPORT_MEETINGS: the partnership's meetings
 *
 * What a CSV file holds; also what an export writes.
 */
typedef enum
{
  CSP_IMPORT_ACTIVITIES,
  CSP_IMPORT_METRICS,
  CSP_IMPORT_ACTIONS,
  CSP_IMPORT_MEETINGS,
} CspImportKind;

#define CSP_IMPORT_N_KINDS 4

/**
 * CspImportTargetKind:
 * @CSP_IMPORT_TARGET_COLUMN: a column of the record, read as its #CspColumnKind
 * @CSP_IMPORT_TARGET_REF: a reference to another row, by its name
 * @CSP_IMPORT_TARGET_PARTNERS: supporting partners, names separated by ";"
 * @CSP_IMPORT_TARGET_PLAN: the action plan, by title, that priorities and
 *   action references are looked up in
 * @CSP_IMPORT_TARGET_METRIC: a metric of the channel, by name or kind
 * @CSP_IMPORT_TARGET_METRIC_KIND: the kind of the metric (followers, reach ...)
 * @CSP_IMPORT_TARGET_METRIC_VALUE: one metric's value in a file with a column
 *   per metric, as social media platforms export them
 */
typedef enum
{
  CSP_IMPORT_TARGET_COLUMN,
  CSP_IMPORT_TARGET_REF,
  CSP_IMPORT_TARGET_PARTNERS,
  CSP_IMPORT_TARGET_PLAN,
  CSP_IMPORT_TARGET_METRIC,
  CSP_IMPORT_TARGET_METRIC_KIND,
  CSP_IMPORT_TARGET_METRIC_VALUE,
} CspImportTargetKind;

/**
 * CspImportTarget:
 * @name: how mappings refer to it, e.g. "start_date", "lead_partner",
 *   "value:reach"
 * @label: the field's name as a person knows it (N_() marked); also the
 *   header an export writes
 * @kind: what it fills
 * @column: (nullable): the record column it fills, for %CSP_IMPORT_TARGET_COLUMN
 *   and %CSP_IMPORT_TARGET_REF; for %CSP_IMPORT_TARGET_METRIC_VALUE the metric kind
 * @ref_table: (nullable): for %CSP_IMPORT_TARGET_REF, the table it names a row of
 * @required: a new record cannot be made without it
 * @exported: whether an export writes it (the wide metric values are not)
 * @synonyms: (nullable): other header names it is recognised by, lower case
 *
 * A field a CSV column can be mapped to.
 */
typedef struct
{
  const char *name;
  const char *label;
  CspImportTargetKind kind;
  const char *column;
  const char *ref_table;
  gboolean required;
  gboolean exported;
  const char *const *synonyms;
} CspImportTarget;

GQuark csp_import_error_quark (void);

const char *csp_import_kind_to_string (CspImportKind kind);
gboolean csp_import_kind_from_string (const char *text, CspImportKind *kind);
const char *csp_import_kind_get_label (CspImportKind kind);
GType csp_import_kind_get_record_type (CspImportKind kind);
gboolean csp_import_kind_from_record_type (GType record_type, CspImportKind *kind);

const CspImportTarget *csp_import_kind_get_targets (CspImportKind kind, guint *n_targets);
const CspImportTarget *csp_import_kind_find_target (CspImportKind kind, const char *name);
const CspColumn *csp_import_target_get_column (CspImportKind kind, const CspImportTarget *target);

G_END_DECLS

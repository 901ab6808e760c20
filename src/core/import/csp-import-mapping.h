/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"
#include "csp-import-target.h"
#include "csp-import-value.h"

G_BEGIN_DECLS

/**
 * CspImportPeriod:
 * @CSP_IMPORT_PERIOD_MONTH: each row holds a month's figures
 * @CSP_IMPORT_PERIOD_WEEK: each row holds a week's, dated by its first day
 * @CSP_IMPORT_PERIOD_DAY: each row holds a day's
 *
 * What each row of a file of metrics' figures covers. Weekly and daily
 * figures are imported as monthly ones: a month's figure of a flow
 * (reach, page views ...) is the sum of its rows, of a stock (followers,
 * subscribers) the value of its latest row (csp_metric_kind_is_stock()).
 */
typedef enum
{
  CSP_IMPORT_PERIOD_MONTH,
  CSP_IMPORT_PERIOD_WEEK,
  CSP_IMPORT_PERIOD_DAY,
} CspImportPeriod;

const char *csp_import_period_to_string (CspImportPeriod period);
gboolean csp_import_period_from_string (const char *text, CspImportPeriod *period);
const char *csp_date_order_to_string (CspDateOrder order);
gboolean csp_date_order_from_string (const char *text, CspDateOrder *order);

#define CSP_TYPE_IMPORT_MAPPING (csp_import_mapping_get_type ())
G_DECLARE_FINAL_TYPE (CspImportMapping, csp_import_mapping, CSP, IMPORT_MAPPING, GObject)

CspImportMapping *csp_import_mapping_new (CspImportKind kind);
CspImportMapping *csp_import_mapping_new_guessed (CspImportKind kind, const char *const *headers);
CspImportMapping *csp_import_mapping_new_from_json (CspImportKind kind, const char *json,
                                                    GError **error);
CspImportMapping *csp_import_mapping_copy (CspImportMapping *self);
char *csp_import_mapping_to_json (CspImportMapping *self);

CspImportKind csp_import_mapping_get_kind (CspImportMapping *self);
const char *csp_import_mapping_get_name (CspImportMapping *self);

const char *csp_import_mapping_get_target (CspImportMapping *self, const char *header);
gboolean csp_import_mapping_set_target (CspImportMapping *self, const char *header,
                                        const char *target);
const char *csp_import_mapping_find_header (CspImportMapping *self, const char *target);
gboolean csp_import_mapping_set_layout (CspImportMapping *self, gboolean wide,
                                        const char *const *headers);
void csp_import_mapping_guess_unmapped (CspImportMapping *self, const char *const *headers);

const char *csp_import_mapping_get_default (CspImportMapping *self, const char *target);
gboolean csp_import_mapping_set_default (CspImportMapping *self, const char *target,
                                         const char *value);

guint csp_import_mapping_get_skip_rows (CspImportMapping *self);
void csp_import_mapping_set_skip_rows (CspImportMapping *self, guint skip_rows);
char csp_import_mapping_get_separator (CspImportMapping *self);
void csp_import_mapping_set_separator (CspImportMapping *self, char separator);
CspImportPeriod csp_import_mapping_get_period (CspImportMapping *self);
void csp_import_mapping_set_period (CspImportMapping *self, CspImportPeriod period);
CspDateOrder csp_import_mapping_get_date_order (CspImportMapping *self);
void csp_import_mapping_set_date_order (CspImportMapping *self, CspDateOrder order);

gint64 csp_import_mapping_get_alias (CspImportMapping *self, const char *table, const char *name);
void csp_import_mapping_set_alias (CspImportMapping *self, const char *table, const char *name,
                                   gint64 id);

GPtrArray *csp_import_mapping_list_missing (CspImportMapping *self, const char *const *headers);
gboolean csp_import_mapping_check (CspImportMapping *self, const char *const *headers,
                                   GError **error);

gboolean csp_import_mapping_save (CspImportMapping *self, CspDatabase *database, const char *name,
                                  GError **error);
CspImportMapping *csp_import_mapping_load (CspDatabase *database, CspImportKind kind,
                                           const char *name, GError **error);
GStrv csp_import_mapping_list_saved (CspDatabase *database, CspImportKind kind, GError **error);
gboolean csp_import_mapping_delete_saved (CspDatabase *database, CspImportKind kind,
                                          const char *name, GError **error);

G_END_DECLS

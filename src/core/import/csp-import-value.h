/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-import-target.h"

G_BEGIN_DECLS

/* Readers of the values people type into spreadsheets. Each returns the
 * value in the form the records hold it, or fails with
 * %CSP_IMPORT_ERROR_VALUE and a message that says what was expected (the
 * caller puts the field's name in front). */

/**
 * CspDateOrder:
 * @CSP_DATE_ORDER_UNDECIDED: not known: read day first, as in the UK
 * @CSP_DATE_ORDER_DAY_FIRST: 06/01/2021 is 6 January 2021
 * @CSP_DATE_ORDER_MONTH_FIRST: 06/01/2021 is 1 June 2021, as US platforms write it
 *
 * How a file writes dates in numbers only.
 */
typedef enum
{
  CSP_DATE_ORDER_UNDECIDED,
  CSP_DATE_ORDER_DAY_FIRST,
  CSP_DATE_ORDER_MONTH_FIRST,
} CspDateOrder;

gboolean csp_import_parse_date (const char *text, char **iso_date, GError **error);
gboolean csp_import_parse_date_in_order (const char *text, CspDateOrder order, char **iso_date,
                                         GError **error);
gboolean csp_import_numeric_date_parts (const char *text, guint *first, guint *second);
gboolean csp_import_parse_month (const char *text, char **iso_month, GError **error);
gboolean csp_import_parse_month_in_order (const char *text, CspDateOrder order, char **iso_month,
                                          GError **error);
gboolean csp_import_parse_int (const char *text, gboolean decimal_comma, gint64 *value,
                               GError **error);
gboolean csp_import_parse_bool (const char *text, gboolean *value, GError **error);
const char *csp_import_match_choice (const char *const *choices, const char *text);
gboolean csp_import_parse_choice (const char *const *choices, const char *text, const char **word,
                                  GError **error);

gboolean csp_import_parse_for_column (const CspColumn *column, const char *text,
                                      gboolean decimal_comma, CspDateOrder date_order,
                                      GValue *value, GError **error);

char *csp_import_fold_name (const char *text);
char *csp_import_fold_header (const char *text);
GPtrArray *csp_import_split_names (const char *text);
const char *csp_import_unneutralize (const char *text);

G_END_DECLS

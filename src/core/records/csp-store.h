/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"
#include "csp-record.h"

G_BEGIN_DECLS

/**
 * CspQuery:
 * @from_date: (nullable): earliest date (inclusive) of the type's date column
 * @to_date: (nullable): latest date (inclusive)
 * @partner_id: lead or supporting partner, 0 for any
 * @priority_id: 0 for any
 * @plan_id: the plan whose records (its priorities, their actions), 0 for any
 * @status: (nullable): a status word
 * @format: (nullable): a format word
 * @mode: (nullable): a mode word
 * @text: (nullable): what to search for: words (each also as the start of
 *   a longer one), "quoted phrases", OR between alternatives, -word to
 *   leave out (see csp-search-query.c)
 * @ref_column: (nullable): a reference column of the type, e.g. "action_id"
 * @ref_id: with @ref_column, the id it must hold
 * @sort_column: (nullable): a column of the type, "id", "created_at" or
 *   "updated_at"; the date column (else id) when %NULL
 * @descending: sort from highest to lowest
 * @offset: rows to skip
 * @limit: rows at most, 0 for all
 *
 * A list query. Filters a type has no column for are refused.
 */
typedef struct
{
  const char *from_date;
  const char *to_date;
  gint64 partner_id;
  gint64 priority_id;
  gint64 plan_id;
  const char *status;
  const char *format;
  const char *mode;
  const char *text;
  const char *ref_column;
  gint64 ref_id;
  const char *sort_column;
  gboolean descending;
  guint offset;
  guint limit;
} CspQuery;

#define CSP_TYPE_STORE (csp_store_get_type ())
G_DECLARE_FINAL_TYPE (CspStore, csp_store, CSP, STORE, GObject)

CspStore *csp_store_new (CspDatabase *database);
CspDatabase *csp_store_get_database (CspStore *self);
gboolean csp_store_rebuild_search_index (CspStore *self, GError **error);

gboolean csp_store_begin_batch (CspStore *self, GError **error);
gboolean csp_store_commit_batch (CspStore *self, GError **error);
void csp_store_rollback_batch (CspStore *self);

gboolean csp_store_insert (CspStore *self, CspRecord *record, GError **error);
gboolean csp_store_update (CspStore *self, CspRecord *record, GError **error);
gboolean csp_store_delete (CspStore *self, CspRecord *record, GError **error);
gboolean csp_store_withdraw (CspStore *self, CspRecord *record, GError **error);
CspRecord *csp_store_get (CspStore *self, GType type, gint64 id, GError **error);
GPtrArray *csp_store_get_several (CspStore *self, GType type, const gint64 *ids, guint n_ids,
                                  GError **error);
GPtrArray *csp_store_list (CspStore *self, GType type, const CspQuery *query, GError **error);
gboolean csp_store_count (CspStore *self, GType type, const CspQuery *query, guint *count,
                          GError **error);

G_END_DECLS

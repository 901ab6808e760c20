/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-store.h"

G_BEGIN_DECLS

typedef struct _CspQuerySql CspQuerySql;

CspQuerySql *csp_query_sql_new (CspDatabase *database, const CspTableInfo *info,
                                const CspQuery *query, GError **error);
void csp_query_sql_free (CspQuerySql *self);
const char *csp_query_sql_get_where (const CspQuerySql *self);
const char *csp_query_sql_get_order (const CspQuerySql *self);
guint csp_query_sql_get_n_values (const CspQuerySql *self);
void csp_query_sql_bind (const CspQuerySql *self, CspStatement *stmt);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspQuerySql, csp_query_sql_free)

G_END_DECLS

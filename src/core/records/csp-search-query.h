/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _CspSearchQuery CspSearchQuery;

CspSearchQuery *csp_search_query_new (const char *text);
void csp_search_query_free (CspSearchQuery *self);
gboolean csp_search_query_is_empty (const CspSearchQuery *self);
char *csp_search_query_to_fts5 (const CspSearchQuery *self, gboolean *exclude);
char *csp_search_query_to_tsquery (const CspSearchQuery *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspSearchQuery, csp_search_query_free)

G_END_DECLS

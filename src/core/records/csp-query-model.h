/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "csp-store.h"

G_BEGIN_DECLS

#define CSP_TYPE_QUERY_MODEL (csp_query_model_get_type ())
G_DECLARE_FINAL_TYPE (CspQueryModel, csp_query_model, CSP, QUERY_MODEL, GObject)

CspQueryModel *csp_query_model_new (CspStore *store, GType record_type);
void csp_query_model_set_query (CspQueryModel *self, const CspQuery *query);
const CspQuery *csp_query_model_get_query (CspQueryModel *self);
gboolean csp_query_model_reload (CspQueryModel *self, GError **error);

CspQuery *csp_query_copy (const CspQuery *query);
void csp_query_free (CspQuery *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspQuery, csp_query_free)

G_END_DECLS

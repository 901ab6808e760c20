/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "csp-history.h"
#include "csp-server-roles.h"

G_BEGIN_DECLS

#define CSP_TYPE_CONTEXT (csp_context_get_type ())
G_DECLARE_FINAL_TYPE (CspContext, csp_context, CSP, CONTEXT, GObject)

CspContext *csp_context_new (CspStore *store);
CspContext *csp_context_open (const char *location, gboolean with_sample, GError **error);
CspStore *csp_context_get_store (CspContext *self);
CspHistory *csp_context_get_history (CspContext *self);
GSettings *csp_context_get_settings (CspContext *self);
gboolean csp_context_watch_changes (CspContext *self, GError **error);
const CspAccess *csp_context_get_access (CspContext *self);
gboolean csp_context_may_change (CspContext *self, GType record_type);
void csp_context_refresh_access (CspContext *self);

G_END_DECLS

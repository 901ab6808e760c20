/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "csp-history.h"

G_BEGIN_DECLS

#define CSP_TYPE_CONTEXT (csp_context_get_type ())
G_DECLARE_FINAL_TYPE (CspContext, csp_context, CSP, CONTEXT, GObject)

CspContext *csp_context_new (CspStore *store);
CspStore *csp_context_get_store (CspContext *self);
CspHistory *csp_context_get_history (CspContext *self);
GSettings *csp_context_get_settings (CspContext *self);
gboolean csp_context_watch_changes (CspContext *self, GError **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-store.h"

G_BEGIN_DECLS

#define CSP_TYPE_HISTORY (csp_history_get_type ())
G_DECLARE_FINAL_TYPE (CspHistory, csp_history, CSP, HISTORY, GObject)

CspHistory *csp_history_new (CspStore *store);
CspStore *csp_history_get_store (CspHistory *self);

gboolean csp_history_insert (CspHistory *self, CspRecord *record, GError **error);
gboolean csp_history_update (CspHistory *self, CspRecord *record, GError **error);
gboolean csp_history_delete (CspHistory *self, CspRecord *record, GError **error);

void csp_history_push_import (CspHistory *self, const char *file_name, GType type, gint64 first_id,
                              guint n_added, GPtrArray *made, GPtrArray *before, GPtrArray *after);

gboolean csp_history_begin_group (CspHistory *self, const char *undo_text, const char *redo_text,
                                  GError **error);
gboolean csp_history_end_group (CspHistory *self, gboolean keep, GError **error);

gboolean csp_history_can_undo (CspHistory *self);
gboolean csp_history_can_redo (CspHistory *self);
char *csp_history_describe_undo (CspHistory *self);
char *csp_history_describe_redo (CspHistory *self);
gboolean csp_history_undo (CspHistory *self, GError **error);
gboolean csp_history_redo (CspHistory *self, GError **error);

G_END_DECLS

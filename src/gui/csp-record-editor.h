/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-record-form.h"

G_BEGIN_DECLS

#define CSP_TYPE_RECORD_EDITOR (csp_record_editor_get_type ())
G_DECLARE_FINAL_TYPE (CspRecordEditor, csp_record_editor, CSP, RECORD_EDITOR, AdwBin)

CspRecordEditor *csp_record_editor_new (CspContext *context, GType record_type,
                                        const CspFormGroup *groups, guint n_groups);
void csp_record_editor_set_empty_text (CspRecordEditor *self, const char *title,
                                       const char *description);
void csp_record_editor_hide_duplicate (CspRecordEditor *self);
void csp_record_editor_set_closable (CspRecordEditor *self);
void csp_record_editor_show (CspRecordEditor *self, CspRecord *record);
CspRecordForm *csp_record_editor_get_form (CspRecordEditor *self);
gboolean csp_record_editor_get_modified (CspRecordEditor *self);
void csp_record_editor_reload_choices (CspRecordEditor *self);
gint64 csp_record_editor_follow_store (CspRecordEditor *self);
void csp_record_editor_serve_list (CspRecordEditor *self, GtkWidget *list);

G_END_DECLS

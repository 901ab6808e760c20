/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-context.h"
#include "csp-import.h"

G_BEGIN_DECLS

#define CSP_TYPE_IMPORT_ASSISTANT (csp_import_assistant_get_type ())
G_DECLARE_FINAL_TYPE (CspImportAssistant, csp_import_assistant, CSP, IMPORT_ASSISTANT, AdwWindow)

CspImportAssistant *csp_import_assistant_new (GtkWindow *parent, CspContext *context);
gboolean csp_import_assistant_set_file (CspImportAssistant *self, const char *path,
                                        CspImportKind kind, GError **error);
CspImport *csp_import_assistant_get_import (CspImportAssistant *self);
const char *csp_import_assistant_get_step (CspImportAssistant *self);
gboolean csp_import_assistant_is_busy (CspImportAssistant *self);
GtkButton *csp_import_assistant_get_next_button (CspImportAssistant *self);
GtkButton *csp_import_assistant_get_back_button (CspImportAssistant *self);
GtkButton *csp_import_assistant_get_cancel_button (CspImportAssistant *self);
GtkProgressBar *csp_import_assistant_get_progress_bar (CspImportAssistant *self);
GtkSwitch *csp_import_assistant_get_skip_switch (CspImportAssistant *self);
GtkListBox *csp_import_assistant_get_column_list (CspImportAssistant *self);
GtkListBox *csp_import_assistant_get_unknown_list (CspImportAssistant *self);
GtkListBox *csp_import_assistant_get_problem_list (CspImportAssistant *self);
GtkColumnView *csp_import_assistant_get_preview (CspImportAssistant *self);
AdwEntryRow *csp_import_assistant_get_mapping_name_row (CspImportAssistant *self);

G_END_DECLS

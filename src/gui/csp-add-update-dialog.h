/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-context.h"
#include "csp-record-form.h"

G_BEGIN_DECLS

#define CSP_TYPE_ADD_UPDATE_DIALOG (csp_add_update_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CspAddUpdateDialog, csp_add_update_dialog, CSP, ADD_UPDATE_DIALOG, AdwWindow)

CspAddUpdateDialog *csp_add_update_dialog_new (CspContext *context, CspRecord *action);
CspRecordForm *csp_add_update_dialog_get_form (CspAddUpdateDialog *self);

G_END_DECLS

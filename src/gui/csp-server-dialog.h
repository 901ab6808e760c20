/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-database.h"

G_BEGIN_DECLS

#define CSP_TYPE_SERVER_DIALOG (csp_server_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CspServerDialog, csp_server_dialog, CSP, SERVER_DIALOG, AdwWindow)

CspServerDialog *csp_server_dialog_new (GtkWindow *parent, GSettings *settings);
void csp_server_dialog_choose_recent (CspServerDialog *self, guint index);

G_END_DECLS

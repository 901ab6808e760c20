/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "csp-records.h"

G_BEGIN_DECLS

#define CSP_TYPE_ACTION_ROW (csp_action_row_get_type ())
G_DECLARE_FINAL_TYPE (CspActionRow, csp_action_row, CSP, ACTION_ROW, GtkListBoxRow)

CspActionRow *csp_action_row_new (CspRecord *action, const char *lead, const char *stale_since);
CspRecord *csp_action_row_get_action (CspActionRow *self);

G_END_DECLS

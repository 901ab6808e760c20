/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-context.h"
#include "csp-records.h"

G_BEGIN_DECLS

#define CSP_TYPE_CHANGE_LOG_WINDOW (csp_change_log_window_get_type ())
G_DECLARE_FINAL_TYPE (CspChangeLogWindow, csp_change_log_window, CSP, CHANGE_LOG_WINDOW, AdwWindow)

CspChangeLogWindow *csp_change_log_window_new_for_record (GtkWindow *parent, CspContext *context,
                                                          CspRecord *record);
CspChangeLogWindow *csp_change_log_window_new (GtkWindow *parent, CspContext *context);
guint csp_change_log_window_get_n_entries (CspChangeLogWindow *self);

G_END_DECLS

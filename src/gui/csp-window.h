/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-context.h"

G_BEGIN_DECLS

#define CSP_TYPE_WINDOW (csp_window_get_type ())
G_DECLARE_FINAL_TYPE (CspWindow, csp_window, CSP, WINDOW, AdwApplicationWindow)

CspWindow *csp_window_new (GtkApplication *application, CspContext *context);
CspWindow *csp_window_new_for_error (GtkApplication *application, const GError *error);
CspContext *csp_window_get_context (CspWindow *self);
GtkWidget *csp_window_get_page (CspWindow *self, const char *name);
void csp_window_show_page (CspWindow *self, const char *name);

G_END_DECLS

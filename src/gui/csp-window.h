/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-store.h"

G_BEGIN_DECLS

#define CSP_TYPE_WINDOW (csp_window_get_type ())
G_DECLARE_FINAL_TYPE (CspWindow, csp_window, CSP, WINDOW, AdwApplicationWindow)

CspWindow *csp_window_new (GtkApplication *application, CspStore *store);
CspWindow *csp_window_new_for_error (GtkApplication *application, const GError *error);
CspStore *csp_window_get_store (CspWindow *self);

G_END_DECLS

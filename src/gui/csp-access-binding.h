/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "csp-context.h"

G_BEGIN_DECLS

void csp_access_bind_action (GtkWidget *widget, const char *action_name, CspContext *context,
                             GType record_type);

G_END_DECLS

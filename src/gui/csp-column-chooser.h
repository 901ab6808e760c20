/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void csp_column_chooser_set_column_id (GtkColumnViewColumn *column, const char *id);
void csp_column_chooser_attach (GtkColumnView *view, GSettings *settings, const char *key);

G_END_DECLS

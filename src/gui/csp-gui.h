/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void csp_gui_init (void);
GSettings *csp_gui_settings_new (void);
void csp_gui_report (GtkWindow *parent, const GError *error, const char *failed, const char *done);
gboolean csp_gui_read_date_entry (GtkEntry *entry, char **iso);

G_END_DECLS

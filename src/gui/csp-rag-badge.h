/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void csp_rag_badge_show (GtkLabel *badge, const char *rag);

G_END_DECLS

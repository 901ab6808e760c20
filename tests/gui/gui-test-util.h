/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-store.h"

G_BEGIN_DECLS

/* What the GUI tests share: a sample database in a folder of its own, the
 * main loop, frames and screenshots, and the accessible-name check. */

CspStore *open_sample_store (const char *folder);

void run_main_loop (guint iterations);
void wait_for_frame (GtkWidget *widget);
GdkTexture *render_widget (GtkWidget *widget);
void save_screenshot (GtkWidget *widget, const char *name);

void collect_unnamed (GtkWidget *widget, GString *unnamed);

G_END_DECLS

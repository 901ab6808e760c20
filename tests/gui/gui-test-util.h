/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-context.h"
#include "csp-store.h"

G_BEGIN_DECLS

/* What the GUI tests share: a sample database in a folder of its own, the
 * main loop, frames and screenshots, and the accessible-name check. */

/* What every GUI test's fixture starts from: the sample partnership in a
 * database of its own and a context on it. The window each test makes on
 * the context is its own. */
typedef struct
{
  char *folder;
  char *location; /* the database: a file in the folder, or on the run's server */
  CspStore *store;
  CspContext *context;
} GuiFixture;

gboolean gui_test_init (int *argc, char ***argv);
void gui_fixture_set_up (GuiFixture *gui);
void gui_fixture_tear_down (GuiFixture *gui);

typedef gboolean (*GuiTestCondition) (gconstpointer data);

void wait_until (GuiTestCondition condition, gconstpointer data, const char *what);
void settle (void);
gboolean is_shown (gconstpointer widget);
void run_main_loop (guint iterations);
void present_window (GtkWindow *window);
void wait_for_frame (GtkWidget *widget);
void resize_window (GtkWindow *window, int width, int height);
GdkTexture *render_widget (GtkWidget *widget);
void save_screenshot (GtkWidget *widget, const char *name);

GtkWidget *find_first (GtkWidget *root, GType type);
void activate_action (gpointer widget, const char *action);
void form_type_into (gpointer form, const char *column, const char *text);
void form_choose (gpointer form, const char *column, const char *label);

typedef gboolean (*GuiWidgetMatch) (GtkWidget *widget, gconstpointer data);

GtkWidget *find_widget (GtkWidget *root, GuiWidgetMatch match, gconstpointer data);
gboolean is_button_labelled (GtkWidget *widget, gconstpointer label);
gboolean is_button_for_action (GtkWidget *widget, gconstpointer action);
gboolean has_tooltip (GtkWidget *widget, gconstpointer tooltip);
GtkWindow *find_shown_window (GType type);
void collect_text (GtkWidget *widget, GString *text);
void collect_unnamed (GtkWidget *widget, GString *unnamed);
void collect_cut_labels (GtkWidget *widget, GString *cut);

G_END_DECLS

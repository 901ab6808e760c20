/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CSP_TYPE_CHOICE_ROW (csp_choice_row_get_type ())
G_DECLARE_FINAL_TYPE (CspChoiceRow, csp_choice_row, CSP, CHOICE_ROW, AdwActionRow)

GtkWidget *csp_choice_row_new (void);
void csp_choice_row_set_model (CspChoiceRow *self, GListModel *model);
GListModel *csp_choice_row_get_model (CspChoiceRow *self);
void csp_choice_row_set_selected (CspChoiceRow *self, guint position);
guint csp_choice_row_get_selected (CspChoiceRow *self);
void csp_choice_row_popup (CspChoiceRow *self);
GtkWidget *csp_choice_row_get_search_entry (CspChoiceRow *self);
GtkListView *csp_choice_row_get_list (CspChoiceRow *self);

G_END_DECLS

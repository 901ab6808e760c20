/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CSP_TYPE_ROW_SLOT (csp_row_slot_get_type ())
G_DECLARE_FINAL_TYPE (CspRowSlot, csp_row_slot, CSP, ROW_SLOT, GObject)

gpointer csp_row_slot_get_item (CspRowSlot *self);

#define CSP_TYPE_ROW_SLOT_MODEL (csp_row_slot_model_get_type ())
G_DECLARE_FINAL_TYPE (CspRowSlotModel, csp_row_slot_model, CSP, ROW_SLOT_MODEL, GObject)

CspRowSlotModel *csp_row_slot_model_new (GListModel *rows);
gpointer csp_row_slot_model_get_row (CspRowSlotModel *self, guint position);

G_END_DECLS

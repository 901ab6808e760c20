/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-row-slot-model"

#include "config.h"

#include "csp-row-slot-model.h"

/* A list model that shows another one through slots: the item at a
 * position is the same CspRowSlot object before and after the rows change,
 * and the slot then says its row changed ("item" notifies).
 *
 * GTK 4.8's list views keep 200 row widgets whatever their height, and
 * told that rows were replaced, they look through every added row for the
 * removed ones and build new widgets for the rest. A reload of an SQL query
 * is all new record objects, so without slots every search or sort
 * destroyed 200 rows of cells and built them again (about 90 ms, and as
 * much again to lay them out), and could read the whole list to look for
 * them. Through slots the view is told only that rows were added or removed
 * at the end; its widgets stay and only their text changes.
 *
 * Slots exist only while someone holds them (the views hold those they
 * show), and a slot reads its row from the model the first time it is
 * asked, so looking at many positions reads nothing. */

struct _CspRowSlot
{
  GObject parent_instance;

  CspRowSlotModel *model; /* not owned; NULL once the slot's row is gone */
  guint position;
  GObject *item; /* the row, read on first use */
};

struct _CspRowSlotModel
{
  GObject parent_instance;

  GListModel *rows;
  GHashTable *slots; /* position -> CspRowSlot, not owned: a slot leaves when finalized */
};

enum
{
  PROP_ITEM = 1,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CspRowSlot, csp_row_slot, G_TYPE_OBJECT)

static void csp_row_slot_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CspRowSlotModel, csp_row_slot_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      csp_row_slot_model_list_model_init))

/* Slots */

static void
csp_row_slot_finalize (GObject *object)
{
  CspRowSlot *self = CSP_ROW_SLOT (object);

  if (self->model != NULL &&
      g_hash_table_lookup (self->model->slots, GUINT_TO_POINTER (self->position)) == self)
    g_hash_table_remove (self->model->slots, GUINT_TO_POINTER (self->position));
  g_clear_object (&self->item);

  G_OBJECT_CLASS (csp_row_slot_parent_class)->finalize (object);
}

static void
csp_row_slot_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspRowSlot *self = CSP_ROW_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, csp_row_slot_get_item (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_row_slot_class_init (CspRowSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = csp_row_slot_finalize;
  object_class->get_property = csp_row_slot_get_property;

  properties[PROP_ITEM] =
      g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csp_row_slot_init (CspRowSlot *self)
{
}

/**
 * csp_row_slot_get_item:
 *
 * Returns: (transfer none) (nullable): the row now at the slot's position,
 *   or %NULL once the row is gone from the model
 */
gpointer
csp_row_slot_get_item (CspRowSlot *self)
{
  g_return_val_if_fail (CSP_IS_ROW_SLOT (self), NULL);

  if (self->item == NULL && self->model != NULL)
    self->item = g_list_model_get_item (self->model->rows, self->position);
  return self->item;
}

/* The model */

static GType
csp_row_slot_model_get_item_type (GListModel *list)
{
  return CSP_TYPE_ROW_SLOT;
}

static guint
csp_row_slot_model_get_n_items (GListModel *list)
{
  return g_list_model_get_n_items (CSP_ROW_SLOT_MODEL (list)->rows);
}

static gpointer
csp_row_slot_model_get_item (GListModel *list, guint position)
{
  CspRowSlotModel *self = CSP_ROW_SLOT_MODEL (list);
  CspRowSlot *slot;

  if (position >= g_list_model_get_n_items (self->rows))
    return NULL;
  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);
  slot = g_object_new (CSP_TYPE_ROW_SLOT, NULL);
  slot->model = self;
  slot->position = position;
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
  return slot;
}

static void
csp_row_slot_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = csp_row_slot_model_get_item_type;
  iface->get_n_items = csp_row_slot_model_get_n_items;
  iface->get_item = csp_row_slot_model_get_item;
}

/* Positions that stay keep their slot objects, which forget their rows and
 * say so; slots of removed rows are cut loose; those after the change
 * move. Views are told only of the rows added or removed at the end: the
 * slots before it are the same objects as before. */
static void
rows_changed_cb (GListModel *rows, guint position, guint removed, guint added,
                 CspRowSlotModel *self)
{
  g_autoptr (GHashTable) moved = g_hash_table_new (NULL, NULL);
  g_autoptr (GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  guint kept = MIN (removed, added);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CspRowSlot *slot = value;

      if (slot->position >= position && slot->position < position + kept)
        {
          g_clear_object (&slot->item);
          g_ptr_array_add (changed, g_object_ref (slot));
        }
      else if (slot->position >= position && slot->position < position + removed)
        {
          slot->model = NULL;
          g_clear_object (&slot->item);
          continue;
        }
      else if (slot->position >= position + removed)
        slot->position = slot->position - removed + added;
      g_hash_table_insert (moved, GUINT_TO_POINTER (slot->position), slot);
    }
  g_hash_table_steal_all (self->slots);
  g_hash_table_iter_init (&iter, moved);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (self->slots, key, value);

  if (removed != added)
    g_list_model_items_changed (G_LIST_MODEL (self), position + kept, removed - kept, added - kept);
  for (guint i = 0; i < changed->len; i++)
    g_object_notify_by_pspec (g_ptr_array_index (changed, i), properties[PROP_ITEM]);
}

static void
csp_row_slot_model_finalize (GObject *object)
{
  CspRowSlotModel *self = CSP_ROW_SLOT_MODEL (object);
  GHashTableIter iter;
  gpointer value;

  /* Views may outlive the model with slots in hand. */
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((CspRowSlot *) value)->model = NULL;
  g_clear_pointer (&self->slots, g_hash_table_unref);
  g_signal_handlers_disconnect_by_func (self->rows, rows_changed_cb, self);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (csp_row_slot_model_parent_class)->finalize (object);
}

static void
csp_row_slot_model_class_init (CspRowSlotModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csp_row_slot_model_finalize;
}

static void
csp_row_slot_model_init (CspRowSlotModel *self)
{
  self->slots = g_hash_table_new (NULL, NULL);
}

/**
 * csp_row_slot_model_new:
 * @rows: the model shown
 *
 * Returns: (transfer full): a model of one #CspRowSlot per row of @rows
 */
CspRowSlotModel *
csp_row_slot_model_new (GListModel *rows)
{
  CspRowSlotModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (rows), NULL);

  self = g_object_new (CSP_TYPE_ROW_SLOT_MODEL, NULL);
  self->rows = g_object_ref (rows);
  g_signal_connect (rows, "items-changed", G_CALLBACK (rows_changed_cb), self);
  return self;
}

/**
 * csp_row_slot_model_get_row:
 *
 * Returns: (transfer full) (nullable): the row at @position itself, not its slot
 */
gpointer
csp_row_slot_model_get_row (CspRowSlotModel *self, guint position)
{
  g_return_val_if_fail (CSP_IS_ROW_SLOT_MODEL (self), NULL);
  return g_list_model_get_item (self->rows, position);
}

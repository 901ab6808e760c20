/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-row-slot-model"

#include "config.h"

#include "csp-row-slot-model.h"

/* CspRowSlotModel over a plain list of strings: the slots a view holds stay
 * the same objects when the rows change, say so, and follow their rows;
 * the view is told only of rows added or removed at the end. No display
 * is needed. */

typedef struct
{
  GListStore *rows;
  CspRowSlotModel *slots;
  guint position; /* the last items-changed the slots emitted */
  guint removed;
  guint added;
  guint n_signals;
} Fixture;

static void
items_changed_cb (GListModel *model, guint position, guint removed, guint added, Fixture *fixture)
{
  fixture->position = position;
  fixture->removed = removed;
  fixture->added = added;
  fixture->n_signals++;
}

static void
set_rows (Fixture *fixture, const char *const *words)
{
  g_autoptr (GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (objects, gtk_string_object_new (words[i]));
  g_list_store_splice (fixture->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)),
                       objects->pdata, objects->len);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  static const char *const words[] = { "alpha", "beta", "gamma", "delta", NULL };

  fixture->rows = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  set_rows (fixture, words);
  fixture->slots = csp_row_slot_model_new (G_LIST_MODEL (fixture->rows));
  g_signal_connect (fixture->slots, "items-changed", G_CALLBACK (items_changed_cb), fixture);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->slots);
  g_clear_object (&fixture->rows);
}

static const char *
slot_text (CspRowSlot *slot)
{
  GtkStringObject *row = csp_row_slot_get_item (slot);

  return row != NULL ? gtk_string_object_get_string (row) : NULL;
}

static void
notified_cb (CspRowSlot *slot, GParamSpec *pspec, guint *n_notified)
{
  (*n_notified)++;
}

/* Replacing every row keeps the slots and tells of the shorter end only. */
static void
test_slots_stay (Fixture *fixture, gconstpointer data)
{
  static const char *const fewer[] = { "one", "two", "three", NULL };
  g_autoptr (CspRowSlot) first = g_list_model_get_item (G_LIST_MODEL (fixture->slots), 0);
  g_autoptr (CspRowSlot) last = g_list_model_get_item (G_LIST_MODEL (fixture->slots), 3);
  guint n_notified = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (fixture->slots)) == CSP_TYPE_ROW_SLOT);
  g_assert_cmpstr (slot_text (first), ==, "alpha");
  g_assert_cmpstr (slot_text (last), ==, "delta");
  g_signal_connect (first, "notify::item", G_CALLBACK (notified_cb), &n_notified);

  set_rows (fixture, fewer);
  /* The view hears that one row went, at the end. */
  g_assert_cmpuint (fixture->n_signals, ==, 1);
  g_assert_cmpuint (fixture->position, ==, 3);
  g_assert_cmpuint (fixture->removed, ==, 1);
  g_assert_cmpuint (fixture->added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->slots)), ==, 3);

  /* The first slot is the same object, now showing the new first row. */
  {
    g_autoptr (CspRowSlot) again = g_list_model_get_item (G_LIST_MODEL (fixture->slots), 0);
    g_assert_true (again == first);
  }
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpstr (slot_text (first), ==, "one");
  /* The last row's slot is cut loose: it holds nothing any more. */
  g_assert_null (slot_text (last));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (fixture->slots), 3));
}

/* Rows added before a slot move it along with its row. */
static void
test_slots_move (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRowSlot) gamma = g_list_model_get_item (G_LIST_MODEL (fixture->slots), 2);
  g_autoptr (GtkStringObject) zeta = gtk_string_object_new ("zeta");

  g_list_store_insert (fixture->rows, 0, zeta);
  g_assert_cmpuint (fixture->position, ==, 0);
  g_assert_cmpuint (fixture->added, ==, 1);
  g_assert_cmpstr (slot_text (gamma), ==, "gamma");
  {
    g_autoptr (CspRowSlot) at_three = g_list_model_get_item (G_LIST_MODEL (fixture->slots), 3);
    g_assert_true (at_three == gamma);
  }
}

/* A slot nobody holds is gone; the row itself is always at hand. */
static void
test_slots_released (Fixture *fixture, gconstpointer data)
{
  CspRowSlot *slot = g_list_model_get_item (G_LIST_MODEL (fixture->slots), 1);
  g_autoptr (GtkStringObject) row = NULL;

  g_object_add_weak_pointer (G_OBJECT (slot), (gpointer *) &slot);
  g_object_unref (slot);
  g_assert_null (slot);
  row = csp_row_slot_model_get_row (fixture->slots, 1);
  g_assert_cmpstr (gtk_string_object_get_string (row), ==, "beta");
  g_assert_null (csp_row_slot_model_get_row (fixture->slots, 4));
}

/* Slots outlive their model safely. */
static void
test_slots_outlive_model (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRowSlot) slot = g_list_model_get_item (G_LIST_MODEL (fixture->slots), 0);

  g_assert_cmpstr (slot_text (slot), ==, "alpha");
  g_clear_object (&fixture->slots);
  g_assert_cmpstr (slot_text (slot), ==, "alpha");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/row-slot-model/slots-stay", test_slots_stay);
  ADD ("/row-slot-model/slots-move", test_slots_move);
  ADD ("/row-slot-model/slots-released", test_slots_released);
  ADD ("/row-slot-model/slots-outlive-model", test_slots_outlive_model);
#undef ADD
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-history.h"
#include "csp-records.h"

/* The session's undo and redo. Every change a person makes goes through
 * here, which does it in the store and remembers the record as it was
 * before and after, so that it can be reversed, and done again, later.
 * Undo and redo are changes like any other: they check versions (so they
 * never overwrite someone else's later save) and are audited. */

typedef enum
{
  CHANGE_INSERT,
  CHANGE_UPDATE,
  CHANGE_DELETE,
} ChangeKind;

typedef struct
{
  ChangeKind kind;
  CspRecord *before; /* NULL for an insert */
  CspRecord *after;  /* NULL for a delete */
  GPtrArray *owned;  /* rows deleted with @before: restored with it */
} Change;

struct _CspHistory
{
  GObject parent_instance;

  CspStore *store;
  GPtrArray *undo_stack; /* of Change, most recent last */
  GPtrArray *redo_stack;
};

G_DEFINE_FINAL_TYPE (CspHistory, csp_history, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
change_free (Change *change)
{
  g_clear_object (&change->before);
  g_clear_object (&change->after);
  g_clear_pointer (&change->owned, g_ptr_array_unref);
  g_free (change);
}

static void
csp_history_finalize (GObject *object)
{
  CspHistory *self = CSP_HISTORY (object);

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (csp_history_parent_class)->finalize (object);
}

static void
csp_history_class_init (CspHistoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csp_history_finalize;

  /**
   * CspHistory::changed:
   * @record_type: the type of record that changed
   *
   * Emitted after every change, undo and redo, so views can reload.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_GTYPE);
}

static void
csp_history_init (CspHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
}

/**
 * csp_history_new:
 *
 * Returns: (transfer full): an empty history of changes to @store
 */
CspHistory *
csp_history_new (CspStore *store)
{
  CspHistory *self;

  g_return_val_if_fail (CSP_IS_STORE (store), NULL);

  self = g_object_new (CSP_TYPE_HISTORY, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * csp_history_get_store:
 *
 * Returns: (transfer none): the store changed through this history
 */
CspStore *
csp_history_get_store (CspHistory *self)
{
  g_return_val_if_fail (CSP_IS_HISTORY (self), NULL);
  return self->store;
}

static void
push (CspHistory *self, ChangeKind kind, CspRecord *before, CspRecord *after, GPtrArray *owned)
{
  Change *change = g_new0 (Change, 1);
  GType type = G_OBJECT_TYPE (before != NULL ? before : after);

  change->kind = kind;
  change->before = before != NULL ? csp_record_copy (before) : NULL;
  change->after = after != NULL ? csp_record_copy (after) : NULL;
  change->owned = owned != NULL ? g_ptr_array_ref (owned) : NULL;
  g_ptr_array_add (self->undo_stack, change);
  g_ptr_array_set_size (self->redo_stack, 0);
  g_signal_emit (self, signals[CHANGED], 0, type);
}

/**
 * csp_history_insert:
 * @record: a new record; stored, with its id set, on success
 */
gboolean
csp_history_insert (CspHistory *self, CspRecord *record, GError **error)
{
  g_return_val_if_fail (CSP_IS_HISTORY (self), FALSE);

  if (!csp_store_insert (self->store, record, error))
    return FALSE;
  push (self, CHANGE_INSERT, NULL, record, NULL);
  return TRUE;
}

/**
 * csp_history_update:
 * @record: a stored record with changed values, as read (its version)
 */
gboolean
csp_history_update (CspHistory *self, CspRecord *record, GError **error)
{
  g_autoptr (CspRecord) before = NULL;

  g_return_val_if_fail (CSP_IS_HISTORY (self), FALSE);

  before = csp_store_get (self->store, G_OBJECT_TYPE (record), csp_record_get_id (record), error);
  if (before == NULL || !csp_store_update (self->store, record, error))
    return FALSE;
  push (self, CHANGE_UPDATE, before, record, NULL);
  return TRUE;
}

/* The rows that belong to @record and would go with it. */
static GPtrArray *
list_owned (CspHistory *self, CspRecord *record, GError **error)
{
  const CspTableInfo *info = CSP_RECORD_GET_CLASS (record)->info;
  CspQuery query = { .ref_column = info->owned_key, .ref_id = csp_record_get_id (record) };

  if (info->owned_table == NULL)
    return g_ptr_array_new_with_free_func (g_object_unref);
  return csp_store_list (self->store, csp_record_type_from_table (info->owned_table), &query,
                         error);
}

static gboolean
delete_with_owned (CspHistory *self, CspRecord *record,
                   gboolean (*delete_func) (CspStore *, CspRecord *, GError **), GPtrArray **owned,
                   GError **error)
{
  CspDatabase *database = csp_store_get_database (self->store);

  if (!csp_database_begin (database, error))
    return FALSE;
  *owned = list_owned (self, record, error);
  if (*owned == NULL || !delete_func (self->store, record, error))
    {
      g_clear_pointer (owned, g_ptr_array_unref);
      csp_database_rollback (database);
      return FALSE;
    }
  return csp_database_commit (database, error);
}

/**
 * csp_history_delete:
 * @record: a stored record, as read (its version)
 *
 * Deletes @record, and what belongs to it, so that undo brings both back.
 */
gboolean
csp_history_delete (CspHistory *self, CspRecord *record, GError **error)
{
  g_autoptr (GPtrArray) owned = NULL;
  g_autoptr (CspRecord) before = NULL;

  g_return_val_if_fail (CSP_IS_HISTORY (self), FALSE);

  before = csp_store_get (self->store, G_OBJECT_TYPE (record), csp_record_get_id (record), error);
  if (before == NULL || !delete_with_owned (self, record, csp_store_delete, &owned, error))
    return FALSE;
  push (self, CHANGE_DELETE, before, NULL, owned);
  return TRUE;
}

gboolean
csp_history_can_undo (CspHistory *self)
{
  g_return_val_if_fail (CSP_IS_HISTORY (self), FALSE);
  return self->undo_stack->len > 0;
}

gboolean
csp_history_can_redo (CspHistory *self)
{
  g_return_val_if_fail (CSP_IS_HISTORY (self), FALSE);
  return self->redo_stack->len > 0;
}

static char *
describe (Change *change, gboolean undo)
{
  CspRecord *record = change->after != NULL ? change->after : change->before;
  const char *noun = _ (CSP_RECORD_GET_CLASS (record)->info->noun);

  switch (change->kind)
    {
    case CHANGE_INSERT:
      return g_strdup_printf (undo ? _ ("Undo adding the %s") : _ ("Redo adding the %s"), noun);
    case CHANGE_UPDATE:
      return g_strdup_printf (undo ? _ ("Undo changes to the %s") : _ ("Redo changes to the %s"),
                              noun);
    case CHANGE_DELETE:
    default:
      return g_strdup_printf (undo ? _ ("Undo deleting the %s") : _ ("Redo deleting the %s"), noun);
    }
}

/**
 * csp_history_describe_undo:
 *
 * Returns: (transfer full) (nullable): what undo would do, for a menu or tooltip
 */
char *
csp_history_describe_undo (CspHistory *self)
{
  g_return_val_if_fail (CSP_IS_HISTORY (self), NULL);
  if (self->undo_stack->len == 0)
    return NULL;
  return describe (g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1), TRUE);
}

/**
 * csp_history_describe_redo:
 *
 * Returns: (transfer full) (nullable): what redo would do
 */
char *
csp_history_describe_redo (CspHistory *self)
{
  g_return_val_if_fail (CSP_IS_HISTORY (self), NULL);
  if (self->redo_stack->len == 0)
    return NULL;
  return describe (g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1), FALSE);
}

/* The stored row, provided it still holds what @expected holds: else
 * someone changed it since, and reversing our change would undo theirs. */
static CspRecord *
get_unchanged_since (CspHistory *self, CspRecord *expected, GError **error)
{
  g_autoptr (CspRecord) current =
      csp_store_get (self->store, G_OBJECT_TYPE (expected), csp_record_get_id (expected), error);

  if (current == NULL)
    return NULL;
  if (!csp_record_same_values (current, expected))
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT,
                   _ ("Someone else changed this %s since (at %s), so it was left as they saved "
                      "it"),
                   _ (CSP_RECORD_GET_CLASS (current)->info->noun),
                   csp_record_get_updated_at (current));
      return NULL;
    }
  return g_steal_pointer (&current);
}

/* Makes the stored row hold @values again, if it still holds @expected. */
static gboolean
restore_values (CspHistory *self, CspRecord *values, CspRecord *expected, GError **error)
{
  g_autoptr (CspRecord) current = get_unchanged_since (self, expected, error);
  g_autoptr (CspRecord) copy = NULL;

  if (current == NULL)
    return FALSE;
  copy = csp_record_copy (values);
  csp_record_set_version (copy, csp_record_get_version (current));
  return csp_store_update (self->store, copy, error);
}

/* Brings back a deleted record with its id, and what belonged to it. */
static gboolean
reinsert (CspHistory *self, CspRecord *record, GPtrArray *owned, GError **error)
{
  CspDatabase *database = csp_store_get_database (self->store);
  g_autoptr (CspRecord) copy = csp_record_copy (record);

  if (!csp_database_begin (database, error))
    return FALSE;
  if (!csp_store_insert (self->store, copy, error))
    {
      csp_database_rollback (database);
      return FALSE;
    }
  for (guint i = 0; owned != NULL && i < owned->len; i++)
    {
      g_autoptr (CspRecord) child = csp_record_copy (g_ptr_array_index (owned, i));
      if (!csp_store_insert (self->store, child, error))
        {
          csp_database_rollback (database);
          return FALSE;
        }
    }
  return csp_database_commit (database, error);
}

static gboolean
remove_again (CspHistory *self, CspRecord *record, GPtrArray **owned, GError **error)
{
  g_autoptr (CspRecord) current = get_unchanged_since (self, record, error);
  g_autoptr (GPtrArray) now_owned = NULL;

  /* Undoing an addition may take back a row of an append-only history. */
  if (current == NULL || !delete_with_owned (self, current, csp_store_withdraw, &now_owned, error))
    return FALSE;
  if (owned != NULL)
    {
      g_clear_pointer (owned, g_ptr_array_unref);
      *owned = g_steal_pointer (&now_owned);
    }
  return TRUE;
}

static gboolean
reverse (CspHistory *self, Change *change, GError **error)
{
  switch (change->kind)
    {
    case CHANGE_INSERT:
      return remove_again (self, change->after, NULL, error);
    case CHANGE_UPDATE:
      return restore_values (self, change->before, change->after, error);
    case CHANGE_DELETE:
    default:
      return reinsert (self, change->before, change->owned, error);
    }
}

static gboolean
replay (CspHistory *self, Change *change, GError **error)
{
  switch (change->kind)
    {
    case CHANGE_INSERT:
      return reinsert (self, change->after, NULL, error);
    case CHANGE_UPDATE:
      return restore_values (self, change->after, change->before, error);
    case CHANGE_DELETE:
    default:
      return remove_again (self, change->before, &change->owned, error);
    }
}

/* Moves the last change of @from to @to once @step has done it. */
static gboolean
step (CspHistory *self, GPtrArray *from, GPtrArray *to,
      gboolean (*step_func) (CspHistory *, Change *, GError **), GError **error)
{
  Change *change;
  CspRecord *record;

  if (from->len == 0)
    return TRUE;
  change = g_ptr_array_index (from, from->len - 1);
  if (!step_func (self, change, error))
    return FALSE;
  record = change->after != NULL ? change->after : change->before;
  g_ptr_array_add (to, g_ptr_array_steal_index (from, from->len - 1));
  g_signal_emit (self, signals[CHANGED], 0, G_OBJECT_TYPE (record));
  return TRUE;
}

/**
 * csp_history_undo:
 *
 * Reverses the most recent change. If the record changed since (someone
 * else saved it), nothing is done and %CSP_DATABASE_ERROR_CONFLICT is set.
 */
gboolean
csp_history_undo (CspHistory *self, GError **error)
{
  g_return_val_if_fail (CSP_IS_HISTORY (self), FALSE);
  return step (self, self->undo_stack, self->redo_stack, reverse, error);
}

/**
 * csp_history_redo:
 *
 * Does again the most recently undone change.
 */
gboolean
csp_history_redo (CspHistory *self, GError **error)
{
  g_return_val_if_fail (CSP_IS_HISTORY (self), FALSE);
  return step (self, self->redo_stack, self->undo_stack, replay, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-history"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "csp-audit-log.h"
#include "csp-history.h"
#include "csp-records.h"

/* The session's undo and redo. Every change a person makes goes through
 * here, which does it in the store and remembers the record as it was
 * before and after, so that it can be reversed, and done again, later.
 * Undo and redo are changes like any other: they check versions (so they
 * never overwrite someone else's later save) and are audited.
 *
 * A step of undo is one change, or a group of them that a person made as
 * one (moving a report's section, duplicating a report): a group is one
 * transaction, and is undone and redone whole. */

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

/* The records an import added, as one block of ids (see
 * csp-import-write.c); its changes are first the records it made for
 * the file's names (@n_made inserts), then those it changed. */
typedef struct
{
  char *file_name;
  GType type;
  gint64 first_id;
  guint n_added;
  guint n_made;
  GHashTable *versions; /* id -> version, of those this history changed since */
} Added;

/* What one undo or redo does: its changes, in the order they were made. */
typedef struct
{
  char *undo_text; /* NULL: described by its one change */
  char *redo_text;
  GPtrArray *changes;
  Added *added; /* an import's; NULL for any other step */
} Step;

struct _CspHistory
{
  GObject parent_instance;

  CspStore *store;
  GPtrArray *undo_stack; /* of Step, most recent last */
  GPtrArray *redo_stack;
  Step *group; /* the group being made, if any */
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

static Step *
step_new (const char *undo_text, const char *redo_text)
{
  Step *step = g_new0 (Step, 1);

  step->undo_text = g_strdup (undo_text);
  step->redo_text = g_strdup (redo_text);
  step->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  return step;
}

static void
step_free (Step *step)
{
  g_free (step->undo_text);
  g_free (step->redo_text);
  g_ptr_array_unref (step->changes);
  if (step->added != NULL)
    {
      g_free (step->added->file_name);
      g_hash_table_unref (step->added->versions);
    }
  g_free (step->added);
  g_free (step);
}

static void
csp_history_finalize (GObject *object)
{
  CspHistory *self = CSP_HISTORY (object);

  g_return_if_fail (self->group == NULL);
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
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
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

/* Types whose records @step changed, each once, in order. */
static GArray *
changed_types (Step *step)
{
  GArray *types = g_array_new (FALSE, FALSE, sizeof (GType));

  if (step->added != NULL)
    g_array_append_val (types, step->added->type);
  for (guint i = 0; i < step->changes->len; i++)
    {
      Change *change = g_ptr_array_index (step->changes, i);
      GType type = G_OBJECT_TYPE (change->after != NULL ? change->after : change->before);
      gboolean seen = FALSE;

      for (guint j = 0; j < types->len && !seen; j++)
        seen = g_array_index (types, GType, j) == type;
      if (!seen)
        g_array_append_val (types, type);
    }
  return types;
}

static void
emit_changed (CspHistory *self, Step *step)
{
  g_autoptr (GArray) types = changed_types (step);

  for (guint i = 0; i < types->len; i++)
    g_signal_emit (self, signals[CHANGED], 0, g_array_index (types, GType, i));
}

/* A new step of undo; redo no longer applies. */
static void
push_step (CspHistory *self, Step *step)
{
  g_ptr_array_add (self->undo_stack, step);
  g_ptr_array_set_size (self->redo_stack, 0);
  emit_changed (self, step);
}

/* A record an earlier import added, changed since through this history
 * (an edit, a later import or an undo of one): not a colleague's change,
 * so undoing that import expects its new version. */
static void
note_own_version (CspHistory *self, CspRecord *record)
{
  gint64 id = csp_record_get_id (record);

  for (guint i = 0; i < self->undo_stack->len; i++)
    {
      Added *added = ((Step *) g_ptr_array_index (self->undo_stack, i))->added;

      if (added != NULL && added->type == G_OBJECT_TYPE (record) && id >= added->first_id &&
          id < added->first_id + added->n_added)
        g_hash_table_insert (added->versions, g_memdup2 (&id, sizeof id),
                             GINT_TO_POINTER ((int) csp_record_get_version (record)));
    }
}

static void
push (CspHistory *self, ChangeKind kind, CspRecord *before, CspRecord *after, GPtrArray *owned)
{
  Change *change = g_new0 (Change, 1);

  change->kind = kind;
  change->before = before != NULL ? csp_record_copy (before) : NULL;
  change->after = after != NULL ? csp_record_copy (after) : NULL;
  change->owned = owned != NULL ? g_ptr_array_ref (owned) : NULL;
  if (kind == CHANGE_UPDATE)
    note_own_version (self, after);
  if (self->group != NULL)
    {
      g_ptr_array_add (self->group->changes, change);
      return;
    }
  {
    Step *step = step_new (NULL, NULL);

    g_ptr_array_add (step->changes, change);
    push_step (self, step);
  }
}

/**
 * csp_history_begin_group:
 * @undo_text: what undoing the group is called, e.g. "Undo moving the section"
 * @redo_text: what redoing it is called
 *
 * Starts a group: the changes made until csp_history_end_group() are one
 * transaction and one step of undo. Views are told of them at the end.
 */
gboolean
csp_history_begin_group (CspHistory *self, const char *undo_text, const char *redo_text,
                         GError **error)
{
  g_return_val_if_fail (CSP_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->group == NULL, FALSE);
  g_return_val_if_fail (undo_text != NULL && redo_text != NULL, FALSE);

  if (!csp_database_begin (csp_store_get_database (self->store), error))
    return FALSE;
  self->group = step_new (undo_text, redo_text);
  return TRUE;
}

/**
 * csp_history_end_group:
 * @keep: whether the group's changes all went through
 *
 * With @keep, commits the group's changes as one step of undo; without it
 * (a change failed), rolls them all back, leaving no step. Either way the
 * group is over.
 *
 * Returns: whether the changes were kept; %FALSE with @error set when the
 *   commit failed (and everything was rolled back), or without when @keep
 *   was %FALSE
 */
gboolean
csp_history_end_group (CspHistory *self, gboolean keep, GError **error)
{
  CspDatabase *database;
  Step *group;

  g_return_val_if_fail (CSP_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (self->group != NULL, FALSE);

  database = csp_store_get_database (self->store);
  group = g_steal_pointer (&self->group);
  if (!keep)
    csp_database_rollback (database);
  if (!keep || !csp_database_commit (database, error))
    {
      emit_changed (self, group);
      step_free (group);
      return FALSE;
    }
  if (group->changes->len == 0)
    step_free (group);
  else
    push_step (self, group);
  return TRUE;
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

/**
 * csp_history_push_import:
 * @file_name: the imported file, as messages name it
 * @type: the type of the records the import added
 * @first_id: the first of the ids it added, one block
 * @n_added: how many records it added
 * @made: (element-type CspRecord): the records it made for the file's
 *   names, in the order made
 * @before: (element-type CspRecord): the records it changed, as they were
 * @after: (element-type CspRecord): the same records as it left them
 *
 * Remembers a committed import as one step of undo (csp_import_remember()
 * calls this). Undoing it removes what it added and made, and restores
 * what it changed, in one transaction; if a colleague has changed or
 * deleted any of those records since, it names the record and changes
 * nothing. An undone import is not redone: importing the file again is.
 */
void
csp_history_push_import (CspHistory *self, const char *file_name, GType type, gint64 first_id,
                         guint n_added, GPtrArray *made, GPtrArray *before, GPtrArray *after)
{
  g_autofree char *undo_text = NULL;
  Step *step;

  g_return_if_fail (CSP_IS_HISTORY (self));
  g_return_if_fail (self->group == NULL);
  g_return_if_fail (file_name != NULL && made != NULL && before != NULL && after != NULL);
  g_return_if_fail (before->len == after->len);

  undo_text = g_strdup_printf (_ ("Undo importing “%s”"), file_name);
  step = step_new (undo_text, undo_text);
  step->added = g_new0 (Added, 1);
  step->added->file_name = g_strdup (file_name);
  step->added->type = type;
  step->added->first_id = first_id;
  step->added->n_added = n_added;
  step->added->n_made = made->len;
  step->added->versions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < made->len; i++)
    {
      Change *change = g_new0 (Change, 1);

      change->kind = CHANGE_INSERT;
      change->after = csp_record_copy (g_ptr_array_index (made, i));
      g_ptr_array_add (step->changes, change);
    }
  for (guint i = 0; i < after->len; i++)
    {
      Change *change = g_new0 (Change, 1);

      note_own_version (self, g_ptr_array_index (after, i));
      change->kind = CHANGE_UPDATE;
      change->before = csp_record_copy (g_ptr_array_index (before, i));
      change->after = csp_record_copy (g_ptr_array_index (after, i));
      g_ptr_array_add (step->changes, change);
    }
  push_step (self, step);
}

/* The rows that belong to @record and would go with it, table by table. */
static GPtrArray *
list_owned (CspHistory *self, CspRecord *record, GError **error)
{
  const CspTableInfo *info = CSP_RECORD_GET_CLASS (record)->info;
  CspQuery query = { .ref_column = info->owned_key, .ref_id = csp_record_get_id (record) };
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; info->owned_tables != NULL && info->owned_tables[i] != NULL; i++)
    {
      g_autoptr (GPtrArray) rows = csp_store_list (
          self->store, csp_record_type_from_table (info->owned_tables[i]), &query, error);

      if (rows == NULL)
        return NULL;
      for (guint j = 0; j < rows->len; j++)
        g_ptr_array_add (owned, g_object_ref (g_ptr_array_index (rows, j)));
    }
  return g_steal_pointer (&owned);
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
describe (Step *step, gboolean undo)
{
  Change *change;
  CspRecord *record;
  const char *noun;

  if (step->undo_text != NULL)
    return g_strdup (undo ? step->undo_text : step->redo_text);
  change = g_ptr_array_index (step->changes, 0);
  record = change->after != NULL ? change->after : change->before;
  noun = _ (CSP_RECORD_GET_CLASS (record)->info->noun);
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

/* Ids given anew */

/* A record brought back (by undo of a delete, or redo of an addition)
 * whose id a colleague's record has taken meanwhile gets a new id: two
 * records never share one, and theirs is never overwritten. What this
 * history holds of the record, and of the records that point at it, then
 * follows it to its new id. */
typedef struct
{
  const char *table;
  gint64 old_id;
  gint64 new_id;
} Renumbering;

static gint64
find_new_id (GArray *renumbered, const char *table, gint64 old_id)
{
  for (guint i = 0; renumbered != NULL && i < renumbered->len; i++)
    {
      const Renumbering *r = &g_array_index (renumbered, Renumbering, i);

      if (r->old_id == old_id && g_str_equal (r->table, table))
        return r->new_id;
    }
  return 0;
}

/* Points @record, and its references, at the new ids. */
static void
renumber_record (CspRecord *record, GArray *renumbered)
{
  const CspTableInfo *info = CSP_RECORD_GET_CLASS (record)->info;
  gint64 new_id;

  if (renumbered == NULL || renumbered->len == 0)
    return;
  if ((new_id = find_new_id (renumbered, info->table, csp_record_get_id (record))) != 0)
    csp_record_set_id (record, new_id);
  for (guint i = 0; i < info->n_columns; i++)
    {
      const CspColumn *column = &info->columns[i];

      if (column->kind != CSP_COLUMN_REF || csp_record_is_null (record, column->name))
        continue;
      new_id =
          find_new_id (renumbered, column->ref_table, csp_record_get_int (record, column->name));
      if (new_id != 0)
        csp_record_set_int (record, column->name, new_id);
    }
  if (info->partner_table != NULL)
    {
      guint n_ids = 0;
      const gint64 *ids = csp_record_get_partner_ids (record, &n_ids);
      g_autofree gint64 *new_ids = g_memdup2 (ids, n_ids * sizeof (gint64));

      for (guint i = 0; i < n_ids; i++)
        if ((new_id = find_new_id (renumbered, "partner", new_ids[i])) != 0)
          new_ids[i] = new_id;
      csp_record_set_partner_ids (record, new_ids, n_ids);
    }
}

/* A copy of @record to write with, pointing at the ids given anew so far
 * in this undo or redo; the history's own copy changes only once that is
 * committed. */
static CspRecord *
renumbered_copy (CspRecord *record, GArray *renumbered)
{
  CspRecord *copy = csp_record_copy (record);

  renumber_record (copy, renumbered);
  return copy;
}

static void
renumber_change (Change *change, GArray *renumbered)
{
  if (change->before != NULL)
    renumber_record (change->before, renumbered);
  if (change->after != NULL)
    renumber_record (change->after, renumbered);
  for (guint i = 0; change->owned != NULL && i < change->owned->len; i++)
    renumber_record (g_ptr_array_index (change->owned, i), renumbered);
}

static void
renumber_steps (GPtrArray *steps, GArray *renumbered)
{
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = g_ptr_array_index (steps, i);

      for (guint j = 0; j < step->changes->len; j++)
        renumber_change (g_ptr_array_index (step->changes, j), renumbered);
    }
}

/* Undoing and redoing */

static const char *
noun_of (CspRecord *record)
{
  return _ (CSP_RECORD_GET_CLASS (record)->info->noun);
}

/* Reversing or replaying our change over someone else's later one would
 * undo theirs: it is refused instead, and this says so. */
static void
set_changed_since_error (CspRecord *record, gboolean forward, GError **error)
{
  g_autofree char *name = csp_record_dup_display_name (record);

  g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT,
               forward ? _ ("Someone else has changed this %s, “%s”, since it was undone, so it "
                            "cannot be redone without losing their work. It was left as they "
                            "saved it")
                       : _ ("Someone else has changed this %s, “%s”, since, so your change "
                            "cannot be undone without losing their work. It was left as they "
                            "saved it"),
               noun_of (record), name);
}

/* The stored row, provided it still holds what @expected holds: else
 * someone changed or deleted it since, and reversing our change would
 * undo theirs. */
static CspRecord *
get_unchanged_since (CspHistory *self, CspRecord *expected, gboolean forward, GError **error)
{
  g_autoptr (GError) get_error = NULL;
  g_autoptr (CspRecord) current = csp_store_get (self->store, G_OBJECT_TYPE (expected),
                                                 csp_record_get_id (expected), &get_error);

  if (current == NULL)
    {
      g_autofree char *name = csp_record_dup_display_name (expected);

      if (g_error_matches (get_error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND))
        g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT,
                     forward ? _ ("Someone else has deleted this %s, “%s”, since it was undone, "
                                  "so it cannot be redone")
                             : _ ("Someone else has deleted this %s, “%s”, since, so your change "
                                  "cannot be undone"),
                     noun_of (expected), name);
      else
        g_propagate_error (error, g_steal_pointer (&get_error));
      return NULL;
    }
  if (!csp_record_same_values (current, expected))
    {
      set_changed_since_error (current, forward, error);
      return NULL;
    }
  return g_steal_pointer (&current);
}

/* Makes the stored row hold @values again, if it still holds @expected. */
static gboolean
restore_values (CspHistory *self, CspRecord *values, CspRecord *expected, gboolean forward,
                GArray *renumbered, GError **error)
{
  g_autoptr (CspRecord) wanted = renumbered_copy (expected, renumbered);
  g_autoptr (CspRecord) copy = renumbered_copy (values, renumbered);
  g_autoptr (CspRecord) current = get_unchanged_since (self, wanted, forward, error);
  g_autoptr (GError) update_error = NULL;

  if (current == NULL)
    return FALSE;
  /* The store saves only over the version just read, so a colleague who
   * saves in between (a server does not lock what was read) still wins. */
  csp_record_set_version (copy, csp_record_get_version (current));
  if (csp_store_update (self->store, copy, &update_error))
    {
      note_own_version (self, copy);
      return TRUE;
    }
  if (g_error_matches (update_error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT))
    set_changed_since_error (copy, forward, error);
  else
    g_propagate_error (error, g_steal_pointer (&update_error));
  return FALSE;
}

/* Whether a row of @record's type holds @id. */
static gboolean
id_taken (CspHistory *self, CspRecord *record, gint64 id, gboolean *taken, GError **error)
{
  g_autoptr (GError) get_error = NULL;
  g_autoptr (CspRecord) found = csp_store_get (self->store, G_OBJECT_TYPE (record), id, &get_error);

  *taken = found != NULL;
  if (found != NULL ||
      g_error_matches (get_error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&get_error));
  return FALSE;
}

/* Stores @record under its old id, or under a new one (noted in
 * @renumbered) if a colleague's record has taken that meanwhile. */
static gboolean
insert_again (CspHistory *self, CspRecord *record, GArray *renumbered, GError **error)
{
  g_autoptr (GError) insert_error = NULL;
  gint64 old_id = csp_record_get_id (record);
  gboolean taken = FALSE;

  if (csp_store_insert (self->store, record, &insert_error))
    return TRUE;
  /* The store's own savepoint has undone the failed insert. */
  if (old_id == 0 ||
      !g_error_matches (insert_error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_DUPLICATE) ||
      !id_taken (self, record, old_id, &taken, NULL) || !taken)
    {
      g_propagate_error (error, g_steal_pointer (&insert_error));
      return FALSE;
    }
  csp_record_set_id (record, 0);
  if (!csp_store_insert (self->store, record, error))
    {
      csp_record_set_id (record, old_id);
      return FALSE;
    }
  {
    Renumbering r = { CSP_RECORD_GET_CLASS (record)->info->table, old_id,
                      csp_record_get_id (record) };

    g_debug ("The %s %" G_GINT64_FORMAT " was brought back as %" G_GINT64_FORMAT
             ": its id was taken",
             r.table, r.old_id, r.new_id);
    g_array_append_val (renumbered, r);
  }
  return TRUE;
}

/* Brings back a deleted record with its id, and what belonged to it,
 * pointing at the record wherever it now is. */
static gboolean
reinsert (CspHistory *self, CspRecord *record, GPtrArray *owned, GArray *renumbered, GError **error)
{
  CspDatabase *database = csp_store_get_database (self->store);
  g_autoptr (CspRecord) copy = renumbered_copy (record, renumbered);

  if (!csp_database_begin (database, error))
    return FALSE;
  if (!insert_again (self, copy, renumbered, error))
    {
      csp_database_rollback (database);
      return FALSE;
    }
  for (guint i = 0; owned != NULL && i < owned->len; i++)
    {
      g_autoptr (CspRecord) child = renumbered_copy (g_ptr_array_index (owned, i), renumbered);

      if (!insert_again (self, child, renumbered, error))
        {
          csp_database_rollback (database);
          return FALSE;
        }
    }
  return csp_database_commit (database, error);
}

static gboolean
remove_again (CspHistory *self, CspRecord *record, gboolean forward, GPtrArray **owned,
              GArray *renumbered, GError **error)
{
  g_autoptr (CspRecord) wanted = renumbered_copy (record, renumbered);
  g_autoptr (CspRecord) current = get_unchanged_since (self, wanted, forward, error);
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
reverse (CspHistory *self, Change *change, GArray *renumbered, GError **error)
{
  switch (change->kind)
    {
    case CHANGE_INSERT:
      return remove_again (self, change->after, FALSE, NULL, renumbered, error);
    case CHANGE_UPDATE:
      return restore_values (self, change->before, change->after, FALSE, renumbered, error);
    case CHANGE_DELETE:
    default:
      return reinsert (self, change->before, change->owned, renumbered, error);
    }
}

static gboolean
replay (CspHistory *self, Change *change, GArray *renumbered, GError **error)
{
  switch (change->kind)
    {
    case CHANGE_INSERT:
      return reinsert (self, change->after, NULL, renumbered, error);
    case CHANGE_UPDATE:
      return restore_values (self, change->after, change->before, TRUE, renumbered, error);
    case CHANGE_DELETE:
    default:
      return remove_again (self, change->before, TRUE, &change->owned, renumbered, error);
    }
}

/* How messages name a record: by its name, else its id. */
static char *
record_name (CspRecord *record)
{
  const CspTableInfo *info = CSP_RECORD_GET_CLASS (record)->info;
  const char *name_column = csp_table_info_get_name_column (info);
  const CspColumn *column =
      name_column != NULL ? csp_table_info_find_column (info, name_column) : NULL;

  if (column != NULL && column->kind == CSP_COLUMN_TEXT &&
      !csp_record_is_null (record, name_column))
    return g_strdup_printf ("“%s”", csp_record_get_string (record, name_column));
  return g_strdup_printf (_ ("the %s with id %" PRId64), noun_of (record),
                          csp_record_get_id (record));
}

static gboolean
reverse_naming (CspHistory *self, Change *change, GArray *renumbered, GError **error)
{
  g_autofree char *name = NULL;

  if (reverse (self, change, renumbered, error))
    return TRUE;
  name = record_name (change->after);
  /* TRANSLATORS: a record's name, then why the import cannot be undone */
  g_prefix_error (error, _ ("%s: "), name);
  return FALSE;
}

/* The first record of the block that is not as the import left it (a
 * colleague changed it, so its version moved on, or deleted it): its
 * name in *@culprit, or %NULL when all are. */
static gboolean
find_changed_since (CspHistory *self, Added *added, char **culprit, GError **error)
{
  const CspTableInfo *info = csp_record_type_get_info (added->type);
  g_autofree char *sql = g_strdup_printf (
      "SELECT id, version FROM %s WHERE id BETWEEN ? AND ? ORDER BY id", info->table);
  g_autoptr (CspStatement) stmt =
      csp_database_prepare (csp_store_get_database (self->store), sql, error);
  gint64 expected = added->first_id, last = added->first_id + added->n_added - 1;
  CspStep step;

  *culprit = NULL;
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_int64 (stmt, 1, added->first_id);
  csp_statement_bind_int64 (stmt, 2, last);
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    {
      gint64 id = csp_statement_get_int64 (stmt, 0);
      g_autoptr (CspRecord) record = NULL;
      g_autofree char *name = NULL;

      gpointer own = NULL;

      if (id != expected)
        break;
      expected++;
      if (!g_hash_table_lookup_extended (added->versions, &id, NULL, &own))
        own = GINT_TO_POINTER (1);
      if (csp_statement_get_int64 (stmt, 1) == GPOINTER_TO_INT (own))
        continue;
      record = csp_store_get (self->store, added->type, id, error);
      if (record == NULL)
        return FALSE;
      name = record_name (record);
      *culprit = g_strdup_printf (_ ("Someone else has changed %s since the import, so it cannot "
                                     "be undone without losing their work. Nothing was changed"),
                                  name);
      return TRUE;
    }
  if (step == CSP_STEP_FAILED)
    return FALSE;
  if (expected <= last)
    *culprit = g_strdup_printf (_ ("Someone else has deleted the %s with id %" PRId64
                                   " since the import, so it cannot be undone. Nothing was "
                                   "changed"),
                                _ (info->noun), expected);
  return TRUE;
}

static gboolean
run_on_block (CspDatabase *database, const char *sql, Added *added, GError **error)
{
  g_autoptr (CspStatement) stmt = csp_database_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_int64 (stmt, 1, added->first_id);
  csp_statement_bind_int64 (stmt, 2, added->first_id + added->n_added - 1);
  return csp_statement_run (stmt, error);
}

/* Removes the block of records the import added, with their supporting
 * partners and search rows, audited as one entry. */
static gboolean
remove_added (CspHistory *self, Added *added, GError **error)
{
  const CspTableInfo *info = csp_record_type_get_info (added->type);
  CspDatabase *database = csp_store_get_database (self->store);
  g_autofree char *culprit = NULL;
  g_autofree char *delete_sql = NULL;
  g_autofree char *changes = NULL;
  g_autoptr (GError) delete_error = NULL;

  if (added->n_added == 0)
    return TRUE;
  if (!find_changed_since (self, added, &culprit, error))
    return FALSE;
  if (culprit != NULL)
    {
      g_set_error_literal (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT, culprit);
      return FALSE;
    }
  if (info->fts_table != NULL && csp_database_get_engine (database) == CSP_ENGINE_SQLITE)
    {
      g_autofree char *fts_sql =
          g_strdup_printf ("DELETE FROM %s WHERE rowid BETWEEN ? AND ?", info->fts_table);

      if (!run_on_block (database, fts_sql, added, error))
        return FALSE;
    }
  /* Supporting partners go with their records (ON DELETE CASCADE). */
  delete_sql = g_strdup_printf ("DELETE FROM %s WHERE id BETWEEN ? AND ?", info->table);
  if (!run_on_block (database, delete_sql, added, &delete_error))
    {
      if (g_error_matches (delete_error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_IN_USE) ||
          g_error_matches (delete_error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID))
        g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_IN_USE,
                     _ ("Records added by the import are now used by other records, so it cannot "
                        "be undone. Nothing was changed"));
      else
        g_propagate_error (error, g_steal_pointer (&delete_error));
      return FALSE;
    }
  changes = g_strdup_printf ("{\"import_undone\":{\"ids\":[[%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                             "]]}}",
                             added->first_id, added->first_id + added->n_added - 1);
  return csp_audit_log_add_bulk (database, info->table, "delete", changes, error);
}

/* Undoes an import in one transaction: what it changed restored, what it
 * added removed, then what it made for the file's names. */
static gboolean
undo_import (CspHistory *self, Step *step, GArray *renumbered, GError **error)
{
  CspDatabase *database = csp_store_get_database (self->store);
  guint n = step->changes->len, n_made = step->added->n_made;
  gboolean ok = TRUE;

  if (!csp_database_begin (database, error))
    return FALSE;
  for (guint i = n; i > n_made && ok; i--)
    ok = reverse_naming (self, g_ptr_array_index (step->changes, i - 1), renumbered, error);
  ok = ok && remove_added (self, step->added, error);
  for (guint i = n_made; i > 0 && ok; i--)
    ok = reverse_naming (self, g_ptr_array_index (step->changes, i - 1), renumbered, error);
  if (!ok)
    {
      csp_database_rollback (database);
      return FALSE;
    }
  return csp_database_commit (database, error);
}

/* Undoes (@forward FALSE, last change first) or redoes the step's changes,
 * all in one transaction. Ids given anew are added to @renumbered. */
static gboolean
run_step (CspHistory *self, Step *step, gboolean forward, GArray *renumbered, GError **error)
{
  CspDatabase *database = csp_store_get_database (self->store);
  guint n = step->changes->len;

  if (step->added != NULL)
    return undo_import (self, step, renumbered, error);
  if (!csp_database_begin (database, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      Change *change = g_ptr_array_index (step->changes, forward ? i : n - 1 - i);

      if (!(forward ? replay (self, change, renumbered, error)
                    : reverse (self, change, renumbered, error)))
        {
          csp_database_rollback (database);
          return FALSE;
        }
    }
  return csp_database_commit (database, error);
}

/* Moves the last step of @from to @to once it is undone or redone. */
static gboolean
move_step (CspHistory *self, GPtrArray *from, GPtrArray *to, gboolean forward, GError **error)
{
  g_autoptr (GArray) renumbered = g_array_new (FALSE, FALSE, sizeof (Renumbering));
  Step *step;

  g_return_val_if_fail (self->group == NULL, FALSE);

  if (from->len == 0)
    return TRUE;
  step = g_ptr_array_index (from, from->len - 1);
  if (!run_step (self, step, forward, renumbered, error))
    return FALSE;
  /* A record brought back under a new id is the one that the step, and
   * the steps of @from made before it, knew by its old id; the steps of
   * @to were made once it was gone, when that id may be a colleague's. */
  renumber_steps (from, renumbered);
  step = g_ptr_array_steal_index (from, from->len - 1);
  /* An undone import is not redone (csp_history_push_import()). The
   * history says it changed once it is as it will stay. */
  if (step->added == NULL)
    g_ptr_array_add (to, step);
  emit_changed (self, step);
  if (step->added != NULL)
    step_free (step);
  return TRUE;
}

/**
 * csp_history_undo:
 *
 * Reverses the most recent change. If a record changed since (someone
 * else saved or deleted it), nothing is done and
 * %CSP_DATABASE_ERROR_CONFLICT is set. A deleted record whose id a
 * colleague's new record has taken meanwhile comes back with a new id.
 */
gboolean
csp_history_undo (CspHistory *self, GError **error)
{
  g_return_val_if_fail (CSP_IS_HISTORY (self), FALSE);
  return move_step (self, self->undo_stack, self->redo_stack, FALSE, error);
}

/**
 * csp_history_redo:
 *
 * Does again the most recently undone change, on the same terms as
 * csp_history_undo().
 */
gboolean
csp_history_redo (CspHistory *self, GError **error)
{
  g_return_val_if_fail (CSP_IS_HISTORY (self), FALSE);
  return move_step (self, self->redo_stack, self->undo_stack, TRUE, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-record"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-choices.h"
#include "csp-database.h"
#include "csp-dates.h"
#include "csp-record.h"

/* A record is one row: its columns are GObject properties, so lists and
 * forms can bind to them, and the store reads and writes them generically
 * from the type's CspTableInfo. A column holding SQL NULL keeps an unset
 * GValue. */
typedef struct
{
  gint64 id;
  gint64 version;
  char *created_at;
  char *updated_at;
  GValue *values;
  GArray *partner_ids;
} CspRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CspRecord, csp_record, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_BASE_PROPS
};

static GParamSpec *base_properties[N_BASE_PROPS];

static const CspTableInfo *
get_info (CspRecord *self)
{
  return CSP_RECORD_GET_CLASS (self)->info;
}

static guint
column_index (CspRecord *self, const char *name)
{
  const CspTableInfo *info = get_info (self);

  /* Most callers pass the description's own string. */
  for (guint i = 0; i < info->n_columns; i++)
    if (info->columns[i].name == name)
      return i;
  for (guint i = 0; i < info->n_columns; i++)
    if (strcmp (info->columns[i].name, name) == 0)
      return i;
  g_error ("Table %s has no column %s", info->table, name);
}

static GType
column_gtype (const CspColumn *column)
{
  switch (column->kind)
    {
    case CSP_COLUMN_INT:
    case CSP_COLUMN_REF:
      return G_TYPE_INT64;
    case CSP_COLUMN_BOOL:
      return G_TYPE_BOOLEAN;
    case CSP_COLUMN_TEXT:
    case CSP_COLUMN_DATE:
    case CSP_COLUMN_MONTH:
    case CSP_COLUMN_CHOICE:
    default:
      return G_TYPE_STRING;
    }
}

static void
csp_record_constructed (GObject *object)
{
  CspRecord *self = CSP_RECORD (object);
  CspRecordPrivate *priv = csp_record_get_instance_private (self);
  const CspTableInfo *info = get_info (self);

  G_OBJECT_CLASS (csp_record_parent_class)->constructed (object);

  /* Only here is the final class known; instance_init sees the base. */
  priv->values = g_new0 (GValue, info->n_columns);
  for (guint i = 0; i < info->n_columns; i++)
    if (info->columns[i].kind == CSP_COLUMN_BOOL)
      g_value_set_boolean (g_value_init (&priv->values[i], G_TYPE_BOOLEAN),
                           (info->columns[i].flags & CSP_COLUMN_DEFAULT_TRUE) != 0);
  if (info->partner_table != NULL)
    priv->partner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
csp_record_finalize (GObject *object)
{
  CspRecord *self = CSP_RECORD (object);
  CspRecordPrivate *priv = csp_record_get_instance_private (self);
  const CspTableInfo *info = get_info (self);

  for (guint i = 0; priv->values != NULL && i < info->n_columns; i++)
    if (G_IS_VALUE (&priv->values[i]))
      g_value_unset (&priv->values[i]);
  g_clear_pointer (&priv->values, g_free);
  g_clear_pointer (&priv->partner_ids, g_array_unref);
  g_clear_pointer (&priv->created_at, g_free);
  g_clear_pointer (&priv->updated_at, g_free);

  G_OBJECT_CLASS (csp_record_parent_class)->finalize (object);
}

static void
csp_record_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspRecord *self = CSP_RECORD (object);
  CspRecordPrivate *priv = csp_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      break;
    case PROP_VERSION:
      g_value_set_int64 (value, priv->version);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, priv->created_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, priv->updated_at);
      break;
    default:
      {
        const GValue *stored = &priv->values[prop_id - N_BASE_PROPS];
        if (G_IS_VALUE (stored))
          g_value_copy (stored, value);
      }
      break;
    }
}

static void
csp_record_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CspRecord *self = CSP_RECORD (object);
  CspRecordPrivate *priv = csp_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      priv->id = g_value_get_int64 (value);
      break;
    case PROP_VERSION:
      priv->version = g_value_get_int64 (value);
      break;
    case PROP_CREATED_AT:
    case PROP_UPDATED_AT:
      g_assert_not_reached ();
    default:
      {
        GValue *stored = &priv->values[prop_id - N_BASE_PROPS];
        if (G_IS_VALUE (stored))
          g_value_unset (stored);
        g_value_init (stored, G_VALUE_TYPE (value));
        g_value_copy (value, stored);
      }
      break;
    }
}

static void
csp_record_class_init (CspRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = csp_record_constructed;
  object_class->finalize = csp_record_finalize;
  object_class->get_property = csp_record_get_property;
  object_class->set_property = csp_record_set_property;

  base_properties[PROP_ID] =
      g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  base_properties[PROP_VERSION] =
      g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  base_properties[PROP_CREATED_AT] = g_param_spec_string (
      "created-at", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  base_properties[PROP_UPDATED_AT] = g_param_spec_string (
      "updated-at", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_BASE_PROPS, base_properties);
}

static void
csp_record_init (CspRecord *self)
{
}

/**
 * csp_record_class_install_info:
 * @info: (transfer none): static description of the type's table
 *
 * Called from a record type's class_init: installs one property per column.
 */
void
csp_record_class_install_info (CspRecordClass *klass, const CspTableInfo *info)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  /* GObject does not inherit these: each class answers for its own. */
  object_class->get_property = csp_record_get_property;
  object_class->set_property = csp_record_set_property;
  klass->info = info;
  klass->column_pspecs = g_new0 (GParamSpec *, info->n_columns);
  for (guint i = 0; i < info->n_columns; i++)
    {
      const CspColumn *column = &info->columns[i];
      g_autofree char *name = g_strdelimit (g_strdup (column->name), "_", '-');
      const char *property = g_intern_string (name);
      GParamSpec *pspec;

      switch (column_gtype (column))
        {
        case G_TYPE_INT64:
          pspec = g_param_spec_int64 (property, NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
          break;
        case G_TYPE_BOOLEAN:
          pspec = g_param_spec_boolean (property, NULL, NULL, FALSE, flags);
          break;
        default:
          pspec = g_param_spec_string (property, NULL, NULL, NULL, flags);
          break;
        }
      g_object_class_install_property (object_class, N_BASE_PROPS + i, pspec);
      klass->column_pspecs[i] = pspec;
      /* A text without a limit would be one that a hostile or careless
       * value could make as long as memory allows. */
      g_assert (column->kind != CSP_COLUMN_TEXT || column->max_length > 0);
    }
}

/**
 * csp_record_type_get_info:
 * @type: a subtype of #CspRecord
 *
 * Returns: (transfer none): the type's table description
 */
const CspTableInfo *
csp_record_type_get_info (GType type)
{
  CspRecordClass *klass;

  g_return_val_if_fail (g_type_is_a (type, CSP_TYPE_RECORD), NULL);

  klass = g_type_class_ref (type);
  g_type_class_unref (klass); /* Record classes are never unloaded. */
  return klass->info;
}

/**
 * csp_table_info_find_column:
 *
 * Returns: (transfer none) (nullable): the column called @name, if any
 */
const CspColumn *
csp_table_info_find_column (const CspTableInfo *info, const char *name)
{
  for (guint i = 0; i < info->n_columns; i++)
    if (strcmp (info->columns[i].name, name) == 0)
      return &info->columns[i];
  return NULL;
}

/**
 * csp_record_new:
 * @type: a subtype of #CspRecord
 *
 * Returns: (transfer full): an empty record, not yet stored
 */
CspRecord *
csp_record_new (GType type)
{
  g_return_val_if_fail (g_type_is_a (type, CSP_TYPE_RECORD), NULL);
  return g_object_new (type, NULL);
}

/**
 * csp_record_copy:
 *
 * Returns: (transfer full): a record with the same id, version and values
 */
CspRecord *
csp_record_copy (CspRecord *self)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);
  CspRecord *copy = csp_record_new (G_OBJECT_TYPE (self));
  CspRecordPrivate *copy_priv = csp_record_get_instance_private (copy);
  const CspTableInfo *info = get_info (self);

  copy_priv->id = priv->id;
  copy_priv->version = priv->version;
  csp_record_set_times (copy, priv->created_at, priv->updated_at);
  for (guint i = 0; i < info->n_columns; i++)
    csp_record_set_value (copy, info->columns[i].name, &priv->values[i]);
  if (priv->partner_ids != NULL)
    csp_record_set_partner_ids (copy, (const gint64 *) (gpointer) priv->partner_ids->data,
                                priv->partner_ids->len);
  return copy;
}

/**
 * csp_table_info_get_name_column:
 *
 * Returns: (nullable): the column that names a row: "name", else "title"
 */
const char *
csp_table_info_get_name_column (const CspTableInfo *info)
{
  if (csp_table_info_find_column (info, "name") != NULL)
    return "name";
  if (csp_table_info_find_column (info, "title") != NULL)
    return "title";
  if (csp_table_info_find_column (info, "heading") != NULL)
    return "heading";
  return NULL;
}

/**
 * csp_record_dup_display_name:
 *
 * Returns: (transfer full): what a person calls this record in a list:
 *   its name or title, after its reference ("1.2 Street briefings") if any
 */
char *
csp_record_dup_display_name (CspRecord *self)
{
  const CspTableInfo *info;
  const char *name_column, *name = NULL;

  g_return_val_if_fail (CSP_IS_RECORD (self), NULL);

  info = get_info (self);
  name_column = csp_table_info_get_name_column (info);
  if (name_column != NULL)
    name = csp_record_get_string (self, name_column);
  if (name == NULL)
    return g_strdup_printf ("%s %" G_GINT64_FORMAT, _ (info->noun), csp_record_get_id (self));
  if (csp_table_info_find_column (info, "ref") != NULL && !csp_record_is_null (self, "ref"))
    return g_strdup_printf ("%s %s", csp_record_get_string (self, "ref"), name);
  return g_strdup (name);
}

/**
 * csp_record_same_values:
 *
 * Returns: whether both hold the same values and supporting partners (ids,
 *   versions and times aside)
 */
gboolean
csp_record_same_values (CspRecord *self, CspRecord *other)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);
  CspRecordPrivate *other_priv = csp_record_get_instance_private (other);
  const CspTableInfo *info = get_info (self);

  g_return_val_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (other), FALSE);

  for (guint i = 0; i < info->n_columns; i++)
    {
      const GValue *a = &priv->values[i], *b = &other_priv->values[i];
      const char *name = info->columns[i].name;

      if (csp_record_is_null (self, name) != csp_record_is_null (other, name))
        return FALSE;
      if (csp_record_is_null (self, name))
        continue;
      if (G_VALUE_HOLDS_STRING (a) ? g_strcmp0 (g_value_get_string (a), g_value_get_string (b)) != 0
          : G_VALUE_HOLDS_INT64 (a) ? g_value_get_int64 (a) != g_value_get_int64 (b)
                                    : g_value_get_boolean (a) != g_value_get_boolean (b))
        return FALSE;
    }
  return csp_record_same_partners (self, other);
}

static gint
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The ids in order, each once: as the store links them. */
static GArray *
sorted_ids (GArray *ids)
{
  GArray *sorted = g_array_copy (ids);
  guint kept = 0;

  g_array_sort (sorted, compare_ids);
  for (guint i = 0; i < sorted->len; i++)
    if (kept == 0 || g_array_index (sorted, gint64, i) != g_array_index (sorted, gint64, kept - 1))
      g_array_index (sorted, gint64, kept++) = g_array_index (sorted, gint64, i);
  g_array_set_size (sorted, kept);
  return sorted;
}

/**
 * csp_record_same_partners:
 *
 * Returns: whether both have the same supporting partners, in whatever
 *   order and however often named (or neither type has any)
 */
gboolean
csp_record_same_partners (CspRecord *self, CspRecord *other)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);
  CspRecordPrivate *other_priv = csp_record_get_instance_private (other);
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GArray) other_ids = NULL;

  if (priv->partner_ids == NULL || other_priv->partner_ids == NULL)
    return priv->partner_ids == other_priv->partner_ids;
  ids = sorted_ids (priv->partner_ids);
  other_ids = sorted_ids (other_priv->partner_ids);
  return ids->len == other_ids->len &&
         (ids->len == 0 || memcmp (ids->data, other_ids->data, ids->len * sizeof (gint64)) == 0);
}

gint64
csp_record_get_id (CspRecord *self)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);

  g_return_val_if_fail (CSP_IS_RECORD (self), 0);
  return priv->id;
}

void
csp_record_set_id (CspRecord *self, gint64 id)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);

  g_return_if_fail (CSP_IS_RECORD (self));
  if (priv->id != id)
    {
      priv->id = id;
      g_object_notify_by_pspec (G_OBJECT (self), base_properties[PROP_ID]);
    }
}

gint64
csp_record_get_version (CspRecord *self)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);

  g_return_val_if_fail (CSP_IS_RECORD (self), 0);
  return priv->version;
}

void
csp_record_set_version (CspRecord *self, gint64 version)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);

  g_return_if_fail (CSP_IS_RECORD (self));
  if (priv->version != version)
    {
      priv->version = version;
      g_object_notify_by_pspec (G_OBJECT (self), base_properties[PROP_VERSION]);
    }
}

const char *
csp_record_get_created_at (CspRecord *self)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);

  g_return_val_if_fail (CSP_IS_RECORD (self), NULL);
  return priv->created_at;
}

const char *
csp_record_get_updated_at (CspRecord *self)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);

  g_return_val_if_fail (CSP_IS_RECORD (self), NULL);
  return priv->updated_at;
}

/**
 * csp_record_set_times:
 *
 * Set by the store from the row; not a field anyone edits.
 */
void
csp_record_set_times (CspRecord *self, const char *created_at, const char *updated_at)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);

  g_return_if_fail (CSP_IS_RECORD (self));
  if (g_strcmp0 (priv->created_at, created_at) != 0)
    {
      g_free (priv->created_at);
      priv->created_at = g_strdup (created_at);
      g_object_notify_by_pspec (G_OBJECT (self), base_properties[PROP_CREATED_AT]);
    }
  if (g_strcmp0 (priv->updated_at, updated_at) != 0)
    {
      g_free (priv->updated_at);
      priv->updated_at = g_strdup (updated_at);
      g_object_notify_by_pspec (G_OBJECT (self), base_properties[PROP_UPDATED_AT]);
    }
}

/**
 * csp_record_get_value:
 *
 * Returns: (transfer none): the column's value; unset (G_IS_VALUE() false) for NULL
 */
const GValue *
csp_record_get_value (CspRecord *self, const char *column)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);

  g_return_val_if_fail (CSP_IS_RECORD (self), NULL);
  return &priv->values[column_index (self, column)];
}

/**
 * csp_record_set_value:
 * @value: the new value of the column's type, or an unset #GValue for NULL
 */
void
csp_record_set_value (CspRecord *self, const char *column, const GValue *value)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);
  guint index;
  GParamSpec *pspec;
  GValue *stored;

  g_return_if_fail (CSP_IS_RECORD (self));

  if (!G_IS_VALUE (value))
    {
      csp_record_set_null (self, column);
      return;
    }
  index = column_index (self, column);
  pspec = CSP_RECORD_GET_CLASS (self)->column_pspecs[index];
  /* A value of another type is converted as GObject converts it. */
  if (G_VALUE_TYPE (value) != G_PARAM_SPEC_VALUE_TYPE (pspec))
    {
      g_object_set_property (G_OBJECT (self), g_param_spec_get_name (pspec), value);
      return;
    }
  /* As csp_record_set_property() would, without finding the property by
   * name on every call: an import sets millions. */
  stored = &priv->values[index];
  if (G_IS_VALUE (stored))
    g_value_unset (stored);
  g_value_init (stored, G_VALUE_TYPE (value));
  g_value_copy (value, stored);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

const char *
csp_record_get_string (CspRecord *self, const char *column)
{
  const GValue *value = csp_record_get_value (self, column);

  g_return_val_if_fail (!G_IS_VALUE (value) || G_VALUE_HOLDS_STRING (value), NULL);
  return G_IS_VALUE (value) ? g_value_get_string (value) : NULL;
}

void
csp_record_set_string (CspRecord *self, const char *column, const char *value)
{
  g_auto (GValue) gvalue = G_VALUE_INIT;

  if (value == NULL)
    {
      csp_record_set_null (self, column);
      return;
    }
  g_value_set_string (g_value_init (&gvalue, G_TYPE_STRING), value);
  csp_record_set_value (self, column, &gvalue);
}

gint64
csp_record_get_int (CspRecord *self, const char *column)
{
  const GValue *value = csp_record_get_value (self, column);

  g_return_val_if_fail (!G_IS_VALUE (value) || G_VALUE_HOLDS_INT64 (value), 0);
  return G_IS_VALUE (value) ? g_value_get_int64 (value) : 0;
}

void
csp_record_set_int (CspRecord *self, const char *column, gint64 value)
{
  g_auto (GValue) gvalue = G_VALUE_INIT;

  g_value_set_int64 (g_value_init (&gvalue, G_TYPE_INT64), value);
  csp_record_set_value (self, column, &gvalue);
}

gboolean
csp_record_get_bool (CspRecord *self, const char *column)
{
  const GValue *value = csp_record_get_value (self, column);

  g_return_val_if_fail (G_VALUE_HOLDS_BOOLEAN (value), FALSE);
  return g_value_get_boolean (value);
}

void
csp_record_set_bool (CspRecord *self, const char *column, gboolean value)
{
  g_auto (GValue) gvalue = G_VALUE_INIT;

  g_value_set_boolean (g_value_init (&gvalue, G_TYPE_BOOLEAN), value);
  csp_record_set_value (self, column, &gvalue);
}

/**
 * csp_record_is_null:
 *
 * Returns: whether the column holds no value (a reference of 0 counts as none)
 */
gboolean
csp_record_is_null (CspRecord *self, const char *column)
{
  const GValue *value = csp_record_get_value (self, column);

  if (!G_IS_VALUE (value))
    return TRUE;
  if (G_VALUE_HOLDS_STRING (value))
    return g_value_get_string (value) == NULL;
  if (get_info (self)->columns[column_index (self, column)].kind == CSP_COLUMN_REF)
    return g_value_get_int64 (value) == 0;
  return FALSE;
}

void
csp_record_set_null (CspRecord *self, const char *column)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);
  guint index = column_index (self, column);
  const CspColumn *info_column = &get_info (self)->columns[index];
  GValue *stored = &priv->values[index];

  g_return_if_fail (info_column->kind != CSP_COLUMN_BOOL);

  if (!G_IS_VALUE (stored))
    return;
  g_value_unset (stored);
  g_object_notify_by_pspec (G_OBJECT (self), CSP_RECORD_GET_CLASS (self)->column_pspecs[index]);
}

/**
 * csp_record_get_partner_ids:
 * @n_ids: (out): how many
 *
 * Returns: (transfer none) (array length=n_ids): the supporting partners
 */
const gint64 *
csp_record_get_partner_ids (CspRecord *self, guint *n_ids)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);

  g_return_val_if_fail (CSP_IS_RECORD (self), NULL);
  g_return_val_if_fail (priv->partner_ids != NULL, NULL);

  *n_ids = priv->partner_ids->len;
  return (const gint64 *) (gpointer) priv->partner_ids->data;
}

void
csp_record_set_partner_ids (CspRecord *self, const gint64 *ids, guint n_ids)
{
  CspRecordPrivate *priv = csp_record_get_instance_private (self);

  g_return_if_fail (CSP_IS_RECORD (self));
  g_return_if_fail (priv->partner_ids != NULL);

  g_array_set_size (priv->partner_ids, 0);
  g_array_append_vals (priv->partner_ids, ids, n_ids);
}

static gboolean invalid (GError **error, const CspColumn *column, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

/**
 * csp_record_set_ref:
 * @column: a %CSP_COLUMN_REF column of @self
 * @referenced: (nullable): a stored record of the column's table, or
 *   %NULL for none
 *
 * Points @column at @referenced, and gives @self the values the
 * reference fills (#CspColumn.ref_fills): a committee report takes its
 * committee and meeting date from the meeting chosen. With %NULL only the
 * reference goes; what it filled stays as it was.
 *
 * Returns: whether it was set; %FALSE with %CSP_DATABASE_ERROR_INVALID,
 *   naming the field, when @referenced is not of the kind the column
 *   points at (#CspColumn.ref_kind), and @self is unchanged
 */
gboolean
csp_record_set_ref (CspRecord *self, const char *column, CspRecord *referenced, GError **error)
{
  const CspColumn *ref;

  g_return_val_if_fail (CSP_IS_RECORD (self), FALSE);
  ref = csp_table_info_find_column (get_info (self), column);
  g_return_val_if_fail (ref != NULL && ref->kind == CSP_COLUMN_REF, FALSE);
  g_return_val_if_fail (referenced == NULL ||
                            (CSP_IS_RECORD (referenced) &&
                             g_str_equal (get_info (referenced)->table, ref->ref_table)),
                        FALSE);

  if (referenced == NULL)
    {
      csp_record_set_null (self, column);
      return TRUE;
    }
  if (ref->ref_kind != NULL &&
      g_strcmp0 (csp_record_get_string (referenced, "kind"), ref->ref_kind) != 0)
    {
      g_autofree char *name = csp_record_dup_display_name (referenced);

      return invalid (error, ref, _ ("“%s” (id %" PRId64 ") is of the kind “%s”, not “%s”"), name,
                      csp_record_get_id (referenced),
                      csp_choice_label (csp_record_get_string (referenced, "kind")),
                      csp_choice_label (ref->ref_kind));
    }
  csp_record_set_int (self, column, csp_record_get_id (referenced));
  for (guint i = 0; ref->ref_fills != NULL && ref->ref_fills[i] != NULL; i += 2)
    csp_record_set_value (self, ref->ref_fills[i],
                          csp_record_get_value (referenced, ref->ref_fills[i + 1]));
  return TRUE;
}

/* Strictly YYYY-MM-DD (or YYYY-MM): digits where digits belong, so that
 * dates stored as text also sort and compare as dates. */
static gboolean
parse_date (const char *text, gboolean month_only)
{
  const char *pattern = month_only ? "dddd-dd" : "dddd-dd-dd";
  guint year, month, day = 1;

  if (strlen (text) != strlen (pattern))
    return FALSE;
  for (guint i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != pattern[i])
      return FALSE;
  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  if (!month_only)
    day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  return year >= 1900 && g_date_valid_dmy (day, month, year);
}

/* A time of day as HH:MM, 24-hour, the way it is stored and sorts. */
static gboolean
parse_time_of_day (const char *text)
{
  if (strlen (text) != 5 || text[2] != ':' || !g_ascii_isdigit (text[0]) ||
      !g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  return g_ascii_strtoull (text, NULL, 10) < 24 && g_ascii_strtoull (text + 3, NULL, 10) < 60;
}

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Values quoted in messages are cut short: a message must stay readable
 * whatever was typed or imported. */
#define EXCERPT_CHARS 40

/**
 * csp_text_dup_excerpt:
 * @text: (nullable): a value, perhaps very long, perhaps not even UTF-8
 *
 * Returns: (transfer full): @text to quote in a message: valid UTF-8, its
 *   first 40 characters and "…" if it is longer
 */
char *
csp_text_dup_excerpt (const char *text)
{
  g_autofree char *valid = NULL;
  const char *end;
  gsize length;

  if (text == NULL)
    return g_strdup ("");
  /* Only the start is ever shown, so only the start is made valid. */
  length = strnlen (text, EXCERPT_CHARS * 4 + 4);
  valid = g_utf8_make_valid (text, (gssize) length);
  if ((gsize) g_utf8_strlen (valid, -1) <= EXCERPT_CHARS && text[length] == '\0')
    return g_steal_pointer (&valid);
  end = g_utf8_offset_to_pointer (valid, MIN (EXCERPT_CHARS, g_utf8_strlen (valid, -1)));
  return g_strdup_printf ("%.*s…", (int) (end - valid), valid);
}

static gboolean
invalid (GError **error, const CspColumn *column, const char *format, ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  /* TRANSLATORS: a field's name, then what is wrong with its value */
  g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID, _ ("%s: %s"),
               _ (column->label), problem);
  return FALSE;
}

/**
 * csp_column_check_text:
 * @column: a column holding text (of any kind stored as text)
 * @text: a value for it
 *
 * Checks what every text must be whatever its column: UTF-8, and for
 * %CSP_COLUMN_TEXT no more than the column's @max_length characters.
 * Characters are counted, not bytes: "Zoë" is three.
 *
 * Returns: %FALSE with %CSP_DATABASE_ERROR_INVALID naming the field
 */
gboolean
csp_column_check_text (const CspColumn *column, const char *text, GError **error)
{
  const char *end = NULL;
  glong n_chars;

  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_utf8_validate (text, -1, &end))
    return invalid (error, column, _ ("not valid text (it is not UTF-8)"));
  /* No more bytes than the limit is no more characters: not counted. */
  if (column->kind != CSP_COLUMN_TEXT || column->max_length == 0 ||
      (gulong) (end - text) <= column->max_length)
    return TRUE;
  n_chars = g_utf8_strlen (text, -1);
  if ((gulong) n_chars <= column->max_length)
    return TRUE;
  return invalid (error, column,
                  g_dngettext (GETTEXT_PACKAGE, "too long (%lu character; at most %u)",
                               "too long (%lu characters; at most %u)", (gulong) n_chars),
                  (gulong) n_chars, column->max_length);
}

/**
 * csp_record_validate_column:
 *
 * Checks one field on its own and against the fields it is ordered after,
 * without the database: forms call it as the person types.
 */
gboolean
csp_record_validate_column (CspRecord *self, const char *name, GError **error)
{
  const CspTableInfo *info;
  const CspColumn *column;
  const char *text;

  g_return_val_if_fail (CSP_IS_RECORD (self), FALSE);

  info = get_info (self);
  column = &info->columns[column_index (self, name)];

  if (csp_record_is_null (self, name) ||
      (column_gtype (column) == G_TYPE_STRING && is_blank (csp_record_get_string (self, name))))
    {
      if (column->flags & CSP_COLUMN_REQUIRED)
        return invalid (error, column, _ ("a value is required"));
      return TRUE;
    }

  if (column_gtype (column) == G_TYPE_STRING &&
      !csp_column_check_text (column, csp_record_get_string (self, name), error))
    return FALSE;

  switch (column->kind)
    {
    case CSP_COLUMN_INT:
      {
        gint64 value = csp_record_get_int (self, name);
        if ((column->flags & CSP_COLUMN_RANGE) && value < column->min)
          return invalid (error, column,
                          column->min == 0 ? _ ("cannot be negative")
                                           : _ ("must be at least %" PRId64),
                          column->min);
        if ((column->flags & CSP_COLUMN_RANGE) && value > column->max)
          return invalid (error, column, _ ("must be at most %" PRId64), column->max);
      }
      break;
    case CSP_COLUMN_DATE:
    case CSP_COLUMN_MONTH:
      text = csp_record_get_string (self, name);
      if (!parse_date (text, column->kind == CSP_COLUMN_MONTH))
        {
          g_autofree char *excerpt = csp_text_dup_excerpt (text);
          return invalid (error, column,
                          column->kind == CSP_COLUMN_MONTH
                              ? _ ("“%s” is not a month (expected YYYY-MM)")
                              : _ ("“%s” is not a real date (expected YYYY-MM-DD)"),
                          excerpt);
        }
      if (column->not_before != NULL && !csp_record_is_null (self, column->not_before))
        {
          const char *earliest = csp_record_get_string (self, column->not_before);
          const CspColumn *other = csp_table_info_find_column (info, column->not_before);
          g_autofree char *other_label = g_utf8_strdown (_ (other->label), -1);
          /* Days quoted as people read them; a month is plain enough. */
          g_autofree char *shown = column->kind == CSP_COLUMN_MONTH
                                       ? g_strdup (text)
                                       : csp_date_format_range (text, NULL);
          g_autofree char *shown_earliest = column->kind == CSP_COLUMN_MONTH
                                                ? g_strdup (earliest)
                                                : csp_date_format_range (earliest, NULL);

          if (parse_date (earliest, column->kind == CSP_COLUMN_MONTH) &&
              strcmp (text, earliest) < 0)
            return invalid (error, column, _ ("%s is before the %s (%s)"), shown, other_label,
                            shown_earliest);
        }
      break;
    case CSP_COLUMN_CHOICE:
      text = csp_record_get_string (self, name);
      if (!g_strv_contains (column->choices, text))
        {
          g_autofree char *excerpt = csp_text_dup_excerpt (text);
          return invalid (error, column, _ ("“%s” is not one of the allowed values"), excerpt);
        }
      break;
    case CSP_COLUMN_REF:
      if (csp_record_get_int (self, name) < 0)
        return invalid (error, column, _ ("not a valid record"));
      break;
    case CSP_COLUMN_TEXT:
      text = csp_record_get_string (self, name);
      if ((column->flags & CSP_COLUMN_TIME_OF_DAY) && !parse_time_of_day (text))
        {
          g_autofree char *excerpt = csp_text_dup_excerpt (text);
          return invalid (error, column,
                          _ ("“%s” is not a time of day (expected HH:MM, e.g. 14:30)"), excerpt);
        }
      break;
    case CSP_COLUMN_BOOL:
    default:
      break;
    }
  return TRUE;
}

/**
 * csp_record_validate:
 *
 * Checks every field; the first problem found is reported. References to
 * other rows are checked by the store, which can see them.
 */
gboolean
csp_record_validate (CspRecord *self, GError **error)
{
  const CspTableInfo *info;

  g_return_val_if_fail (CSP_IS_RECORD (self), FALSE);

  info = get_info (self);
  for (guint i = 0; i < info->n_columns; i++)
    if (!csp_record_validate_column (self, info->columns[i].name, error))
      return FALSE;
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import-mapping"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-import-mapping-private.h"
#include "csp-import-mapping.h"
#include "csp-import-value.h"
#include "csp-records.h"

/* A mapping: what fills each field of an import. Its JSON form is
 * csp-import-mapping-json.c's; its saved copies in the database
 * csp-import-mapping-saved.c's. */

/* As the JSON writes them, by enum value. */
static const char *const period_words[] = { "month", "week", "day", NULL };
static const char *const date_order_words[] = { "undecided", "day-first", "month-first", NULL };

G_DEFINE_FINAL_TYPE (CspImportMapping, csp_import_mapping, G_TYPE_OBJECT)

static void
csp_import_mapping_finalize (GObject *object)
{
  CspImportMapping *self = CSP_IMPORT_MAPPING (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->columns, g_hash_table_unref);
  g_clear_pointer (&self->defaults, g_hash_table_unref);
  g_clear_pointer (&self->aliases, g_hash_table_unref);

  G_OBJECT_CLASS (csp_import_mapping_parent_class)->finalize (object);
}

static void
csp_import_mapping_class_init (CspImportMappingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csp_import_mapping_finalize;
}

static void
csp_import_mapping_init (CspImportMapping *self)
{
  self->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->defaults = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * csp_import_mapping_new:
 *
 * Returns: (transfer full): an empty mapping: every column ignored
 */
CspImportMapping *
csp_import_mapping_new (CspImportKind kind)
{
  CspImportMapping *self;

  g_return_val_if_fail (kind < CSP_IMPORT_N_KINDS, NULL);

  self = g_object_new (CSP_TYPE_IMPORT_MAPPING, NULL);
  self->kind = kind;
  return self;
}

CspImportKind
csp_import_mapping_get_kind (CspImportMapping *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), CSP_IMPORT_ACTIVITIES);
  return self->kind;
}

/**
 * csp_import_mapping_get_name:
 *
 * Returns: (transfer none) (nullable): the name it was saved or loaded under
 */
const char *
csp_import_mapping_get_name (CspImportMapping *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), NULL);
  return self->name;
}

/**
 * csp_import_mapping_get_target:
 *
 * Returns: (transfer none) (nullable): the field @header fills, or %NULL
 *   when the column is ignored
 */
const char *
csp_import_mapping_get_target (CspImportMapping *self, const char *header)
{
  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), NULL);
  g_return_val_if_fail (header != NULL, NULL);

  return g_hash_table_lookup (self->columns, header);
}

/**
 * csp_import_mapping_find_header:
 *
 * Returns: (transfer none) (nullable): the column that fills @target
 */
const char *
csp_import_mapping_find_header (CspImportMapping *self, const char *target)
{
  GHashTableIter iter;
  gpointer header, mapped;

  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  g_hash_table_iter_init (&iter, self->columns);
  while (g_hash_table_iter_next (&iter, &header, &mapped))
    if (g_str_equal (mapped, target))
      return header;
  return NULL;
}

/**
 * csp_import_mapping_set_layout:
 * @wide: %TRUE when each column holds one metric's figures (as the
 *   platforms' exports do), %FALSE when one Value column holds every figure
 * @headers: the file's column names
 *
 * Makes the mapping of a metrics file one layout: the columns mapped the
 * other way are ignored.
 *
 * Returns: whether some column holds figures in that layout
 */
gboolean
csp_import_mapping_set_layout (CspImportMapping *self, gboolean wide, const char *const *headers)
{
  gboolean has_figures = FALSE;

  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (self->kind == CSP_IMPORT_METRICS, FALSE);

  for (guint c = 0; headers[c] != NULL; c++)
    {
      const char *target = csp_import_mapping_get_target (self, headers[c]);
      gboolean per_metric = target != NULL && g_str_has_prefix (target, "value:");

      if (target == NULL || (!per_metric && !g_str_equal (target, "value")))
        continue;
      if (per_metric == wide)
        has_figures = TRUE;
      else
        csp_import_mapping_set_target (self, headers[c], NULL);
    }
  return has_figures;
}

/**
 * csp_import_mapping_set_target:
 * @target: (nullable): a field of the mapping's kind, or %NULL to ignore
 *   the column
 *
 * Maps @header to @target. A field is filled from one column only: a
 * column that filled @target before is ignored from now on.
 *
 * Returns: %FALSE if @target is no field of the kind
 */
gboolean
csp_import_mapping_set_target (CspImportMapping *self, const char *header, const char *target)
{
  const char *previous;

  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (header != NULL, FALSE);

  if (target == NULL)
    {
      g_hash_table_remove (self->columns, header);
      return TRUE;
    }
  if (csp_import_kind_find_target (self->kind, target) == NULL)
    return FALSE;
  previous = csp_import_mapping_find_header (self, target);
  if (previous != NULL)
    g_hash_table_remove (self->columns, previous);
  g_hash_table_insert (self->columns, g_strdup (header), g_strdup (target));
  return TRUE;
}

static gboolean
header_matches (const char *folded_header, const char *candidate)
{
  g_autofree char *folded = csp_import_fold_header (candidate);

  return *folded != '\0' && g_str_equal (folded_header, folded);
}

/* Level 0 matches a field's own name or label, level 1 a synonym. */
static const CspImportTarget *
guess_target (CspImportMapping *self, const char *header, guint level)
{
  g_autofree char *folded = csp_import_fold_header (header);
  guint n_targets = 0;
  const CspImportTarget *targets = csp_import_kind_get_targets (self->kind, &n_targets);

  for (guint i = 0; i < n_targets; i++)
    {
      const CspImportTarget *target = &targets[i];

      if (csp_import_mapping_find_header (self, target->name) != NULL)
        continue;
      if (level == 0 &&
          (header_matches (folded, target->name) || header_matches (folded, target->label) ||
           header_matches (folded, _ (target->label))))
        return target;
      for (guint j = 0; level == 1 && target->synonyms != NULL && target->synonyms[j] != NULL; j++)
        if (header_matches (folded, target->synonyms[j]))
          return target;
    }
  return NULL;
}

/**
 * csp_import_mapping_guess_unmapped:
 *
 * Maps each column of @headers that is not mapped yet to the field its
 * name suggests, if any field not yet filled has that name, label or a
 * usual synonym of it ("Date", "Attendees", "Page likes" ...).
 */
void
csp_import_mapping_guess_unmapped (CspImportMapping *self, const char *const *headers)
{
  g_return_if_fail (CSP_IS_IMPORT_MAPPING (self));
  g_return_if_fail (headers != NULL);

  for (guint level = 0; level < 2; level++)
    for (guint i = 0; headers[i] != NULL; i++)
      {
        const CspImportTarget *target;

        if (g_hash_table_contains (self->columns, headers[i]))
          continue;
        target = guess_target (self, headers[i], level);
        if (target != NULL)
          g_hash_table_insert (self->columns, g_strdup (headers[i]), g_strdup (target->name));
      }
}

/**
 * csp_import_mapping_new_guessed:
 * @headers: the file's column names
 *
 * Returns: (transfer full): the mapping the column names suggest
 */
CspImportMapping *
csp_import_mapping_new_guessed (CspImportKind kind, const char *const *headers)
{
  CspImportMapping *self = csp_import_mapping_new (kind);

  csp_import_mapping_guess_unmapped (self, headers);
  return self;
}

/**
 * csp_import_mapping_get_default:
 *
 * Returns: (transfer none) (nullable): the value @target takes where the
 *   file has no column for it, or an empty cell
 */
const char *
csp_import_mapping_get_default (CspImportMapping *self, const char *target)
{
  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), NULL);
  g_return_val_if_fail (target != NULL, NULL);

  return g_hash_table_lookup (self->defaults, target);
}

/**
 * csp_import_mapping_set_default:
 * @value: (nullable): as it would be written in the file; %NULL for none
 *
 * Returns: %FALSE if @target is no field of the kind
 */
gboolean
csp_import_mapping_set_default (CspImportMapping *self, const char *target, const char *value)
{
  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  if (csp_import_kind_find_target (self->kind, target) == NULL)
    return FALSE;
  if (value == NULL || *value == '\0')
    g_hash_table_remove (self->defaults, target);
  else
    g_hash_table_insert (self->defaults, g_strdup (target), g_strdup (value));
  return TRUE;
}

guint
csp_import_mapping_get_skip_rows (CspImportMapping *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), 0);
  return self->skip_rows;
}

/**
 * csp_import_mapping_set_skip_rows:
 *
 * How many rows after the header are not data (e.g. a row describing the
 * columns, as social media platforms add).
 */
void
csp_import_mapping_set_skip_rows (CspImportMapping *self, guint skip_rows)
{
  g_return_if_fail (CSP_IS_IMPORT_MAPPING (self));
  self->skip_rows = skip_rows;
}

/**
 * csp_import_mapping_get_separator:
 *
 * Returns: the separator the source always uses, or 0 to detect it
 */
char
csp_import_mapping_get_separator (CspImportMapping *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), 0);
  return self->separator;
}

void
csp_import_mapping_set_separator (CspImportMapping *self, char separator)
{
  g_return_if_fail (CSP_IS_IMPORT_MAPPING (self));
  g_return_if_fail (separator == 0 || separator == ',' || separator == ';' || separator == '\t');
  self->separator = separator;
}

/**
 * csp_import_mapping_get_period:
 *
 * Returns: what each row of a file of metrics' figures covers: a month,
 *   or a week or a day, whose figures are made monthly (csp-import-months.c)
 */
CspImportPeriod
csp_import_mapping_get_period (CspImportMapping *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), CSP_IMPORT_PERIOD_MONTH);
  return self->period;
}

void
csp_import_mapping_set_period (CspImportMapping *self, CspImportPeriod period)
{
  g_return_if_fail (CSP_IS_IMPORT_MAPPING (self));
  g_return_if_fail (period <= CSP_IMPORT_PERIOD_DAY);
  self->period = period;
}

/**
 * csp_import_period_to_string:
 *
 * Returns: "month", "week" or "day", as the CLI and saved mappings write it
 */
const char *
csp_import_period_to_string (CspImportPeriod period)
{
  g_return_val_if_fail (period <= CSP_IMPORT_PERIOD_DAY, NULL);
  return period_words[period];
}

/* The index of @text in @words, as an enum's value. */
static gboolean
find_word (const char *const *words, const char *text, guint *index)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_strcmp0 (text, words[i]) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
csp_import_period_from_string (const char *text, CspImportPeriod *period)
{
  guint index = 0;

  if (!find_word (period_words, text, &index))
    return FALSE;
  *period = (CspImportPeriod) index;
  return TRUE;
}

/**
 * csp_import_mapping_get_date_order:
 *
 * Returns: how the source writes dates in numbers only, once a person or
 *   the file's own dates decided it
 */
CspDateOrder
csp_import_mapping_get_date_order (CspImportMapping *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), CSP_DATE_ORDER_UNDECIDED);
  return self->date_order;
}

void
csp_import_mapping_set_date_order (CspImportMapping *self, CspDateOrder order)
{
  g_return_if_fail (CSP_IS_IMPORT_MAPPING (self));
  g_return_if_fail (order <= CSP_DATE_ORDER_MONTH_FIRST);
  self->date_order = order;
}

/**
 * csp_date_order_to_string:
 *
 * Returns: "undecided", "day-first" or "month-first", as the CLI and
 *   saved mappings write it
 */
const char *
csp_date_order_to_string (CspDateOrder order)
{
  g_return_val_if_fail (order <= CSP_DATE_ORDER_MONTH_FIRST, NULL);
  return date_order_words[order];
}

gboolean
csp_date_order_from_string (const char *text, CspDateOrder *order)
{
  guint index = 0;

  if (!find_word (date_order_words, text, &index))
    return FALSE;
  *order = (CspDateOrder) index;
  return TRUE;
}

static char *
alias_key (const char *table, const char *name)
{
  g_autofree char *folded = csp_import_fold_name (name);

  return g_strconcat (table, "\x1f", folded, NULL);
}

/**
 * csp_import_mapping_get_alias:
 * @table: "partner", "channel" or "priority"
 *
 * Returns: the id of the row @name in the file stands for, or 0
 */
gint64
csp_import_mapping_get_alias (CspImportMapping *self, const char *table, const char *name)
{
  g_autofree char *key = NULL;
  gint64 *id;

  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), 0);
  g_return_val_if_fail (table != NULL && name != NULL, 0);

  key = alias_key (table, name);
  id = g_hash_table_lookup (self->aliases, key);
  return id != NULL ? *id : 0;
}

/**
 * csp_import_mapping_set_alias:
 * @id: the row @name stands for, or 0 to forget the alias
 *
 * Remembers that @name, as a file of this source writes it, means the row
 * @id of @table, so that the next import needs no question about it.
 */
void
csp_import_mapping_set_alias (CspImportMapping *self, const char *table, const char *name,
                              gint64 id)
{
  g_return_if_fail (CSP_IS_IMPORT_MAPPING (self));
  g_return_if_fail (table != NULL && name != NULL);

  if (id <= 0)
    {
      g_autofree char *key = alias_key (table, name);
      g_hash_table_remove (self->aliases, key);
    }
  else
    g_hash_table_insert (self->aliases, alias_key (table, name), g_memdup2 (&id, sizeof id));
}

/**
 * csp_import_mapping_copy:
 *
 * Returns: (transfer full): a mapping with the same contents
 */
CspImportMapping *
csp_import_mapping_copy (CspImportMapping *self)
{
  g_autofree char *json = NULL;
  CspImportMapping *copy;

  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), NULL);

  json = csp_import_mapping_to_json (self);
  copy = csp_import_mapping_new_from_json (self->kind, json, NULL);
  g_assert (copy != NULL);
  copy->name = g_strdup (self->name);
  return copy;
}

/* Fails with a %CSP_IMPORT_ERROR_MAPPING saying what is wrong. */
gboolean
csp_import_mapping_error (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_MAPPING, format, args);
  va_end (args);
  return FALSE;
}

static const char *const *
metric_kinds (void)
{
  return csp_table_info_find_column (csp_record_type_get_info (CSP_TYPE_METRIC), "kind")->choices;
}

/* Checks a default as if it were a cell of the file. */
static gboolean
check_default (CspImportMapping *self, const CspImportTarget *target, const char *text,
               GError **error)
{
  const CspColumn *column = csp_import_target_get_column (self->kind, target);
  g_auto (GValue) value = G_VALUE_INIT;
  g_autoptr (GError) value_error = NULL;
  const char *word = NULL;
  gint64 number = 0;
  gboolean ok = TRUE;

  if (column != NULL && target->kind == CSP_IMPORT_TARGET_COLUMN)
    ok = csp_import_parse_for_column (column, text, FALSE, self->date_order, &value, &value_error);
  else if (target->kind == CSP_IMPORT_TARGET_METRIC_KIND)
    ok = csp_import_parse_choice (metric_kinds (), text, &word, &value_error);
  else if (target->kind == CSP_IMPORT_TARGET_METRIC_VALUE)
    ok = csp_import_parse_int (text, FALSE, &number, &value_error);
  if (ok)
    return TRUE;
  return csp_import_mapping_error (error,
                                   _ ("The value given for all rows of “%s” cannot be used: %s"),
                                   _ (target->label), value_error->message);
}

static gboolean
is_covered (CspImportMapping *self, GHashTable *present, const char *target)
{
  return g_hash_table_contains (present, target) ||
         csp_import_mapping_get_default (self, target) != NULL;
}

/**
 * csp_import_mapping_list_missing:
 * @headers: the column names of the file it is to read
 *
 * The fields that every new record needs and that neither a column among
 * @headers nor a value for all rows fills, e.g. for a person to be told
 * "Mode needs a column, or a value for every row".
 *
 * Returns: (transfer container) (element-type CspImportTarget): the
 *   fields, in the kind's order; empty when none is missing
 */
GPtrArray *
csp_import_mapping_list_missing (CspImportMapping *self, const char *const *headers)
{
  g_autoptr (GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *missing = g_ptr_array_new ();
  guint n_targets = 0;
  const CspImportTarget *targets;

  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), missing);
  g_return_val_if_fail (headers != NULL, missing);

  for (guint i = 0; headers[i] != NULL; i++)
    {
      const char *target = csp_import_mapping_get_target (self, headers[i]);
      if (target != NULL)
        g_hash_table_add (present, (gpointer) target);
    }
  targets = csp_import_kind_get_targets (self->kind, &n_targets);
  for (guint i = 0; i < n_targets; i++)
    if (targets[i].required && !is_covered (self, present, targets[i].name))
      g_ptr_array_add (missing, (gpointer) &targets[i]);
  return missing;
}

/**
 * csp_import_mapping_check:
 * @headers: the column names of the file it is to read
 *
 * Checks that the mapping can make records of the file: every field a new
 * record needs has a column among @headers or a value for all rows, and
 * those values are valid.
 *
 * Returns: %FALSE with %CSP_IMPORT_ERROR_MAPPING if not
 */
gboolean
csp_import_mapping_check (CspImportMapping *self, const char *const *headers, GError **error)
{
  g_autoptr (GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_targets = 0;
  const CspImportTarget *targets;
  GHashTableIter iter;
  gpointer key, value;
  gboolean wide = FALSE;

  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (headers != NULL, FALSE);

  for (guint i = 0; headers[i] != NULL; i++)
    {
      const char *target = csp_import_mapping_get_target (self, headers[i]);
      if (target != NULL)
        g_hash_table_add (present, (gpointer) target);
      if (g_str_has_prefix (target != NULL ? target : "", "value:"))
        wide = TRUE;
    }

  g_hash_table_iter_init (&iter, self->defaults);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!check_default (self, csp_import_kind_find_target (self->kind, key), value, error))
      return FALSE;

  targets = csp_import_kind_get_targets (self->kind, &n_targets);
  for (guint i = 0; i < n_targets; i++)
    if (targets[i].required && !is_covered (self, present, targets[i].name))
      return csp_import_mapping_error (
          error,
          _ ("No column is chosen for “%s”, which every record needs. "
             "Choose the column that holds it, or give one value for all "
             "rows"),
          _ (targets[i].label));

  if (self->kind == CSP_IMPORT_METRICS)
    {
      gboolean long_form = is_covered (self, present, "value");

      if (!long_form && !wide)
        return csp_import_mapping_error (error,
                                         _ ("No column is chosen for the figures: choose the "
                                            "“Value” column, or a column for each metric"));
      if (long_form && wide)
        return csp_import_mapping_error (
            error, _ ("Choose either one “Value” column with a “Metric” or "
                      "“Kind” column, or a column for each metric, not both"));
      if (long_form && !is_covered (self, present, "metric") && !is_covered (self, present, "kind"))
        return csp_import_mapping_error (error,
                                         _ ("No column is chosen for which metric each figure "
                                            "is: choose the “Metric” or “Kind” column"));
    }
  return TRUE;
}

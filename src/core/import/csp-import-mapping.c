/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import-mapping"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "csp-import-mapping.h"
#include "csp-import-value.h"
#include "csp-records.h"

/* Which CSV column fills which field, values for fields the file has no
 * column for, rows to pass over after the header (a platform's export may
 * describe its columns in a second row), and names in the file that stand
 * for existing partners, channels or priorities. Saved by name per kind
 * of import in the import_mapping table (migration 0002) as JSON:
 *
 *   { "columns": { "Date": "month", "Lifetime Total Likes": "value:followers" },
 *     "defaults": { "channel": "Facebook" },
 *     "skip_rows": 1, "separator": ",",
 *     "period": "day", "date_order": "month-first",
 *     "aliases": { "partner": { "whbc": 3 } } }
 *
 * "period" (what each row of monthly figures covers) is written unless
 * it is "month", "date_order" once it is decided.
 *
 * Alias names are kept folded (csp_import_fold_name()). */
struct _CspImportMapping
{
  GObject parent_instance;

  CspImportKind kind;
  char *name;
  GHashTable *columns;  /* header -> target name */
  GHashTable *defaults; /* target name -> text */
  GHashTable *aliases;  /* "table\x1ffolded name" -> gint64 * */
  guint skip_rows;
  char separator;
  CspImportPeriod period;
  CspDateOrder date_order;
};

/* As the JSON writes them, by enum value. */
static const char *const period_words[] = { "month", "week", "day", NULL };
static const char *const date_order_words[] = { "undecided", "day-first", "month-first", NULL };

G_DEFINE_FINAL_TYPE (CspImportMapping, csp_import_mapping, G_TYPE_OBJECT)

#define MAPPING_FORMAT_VERSION 1

/* A saved mapping is chosen from a list by its name: a line's worth. */
#define MAX_NAME_CHARS 100

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

gboolean
csp_import_period_from_string (const char *text, CspImportPeriod *period)
{
  for (guint i = 0; period_words[i] != NULL; i++)
    if (g_strcmp0 (text, period_words[i]) == 0)
      {
        *period = (CspImportPeriod) i;
        return TRUE;
      }
  return FALSE;
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
  for (guint i = 0; date_order_words[i] != NULL; i++)
    if (g_strcmp0 (text, date_order_words[i]) == 0)
      {
        *order = (CspDateOrder) i;
        return TRUE;
      }
  return FALSE;
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

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The keys of @table, sorted (GLib 2.74 has no g_hash_table_get_keys_as_ptr_array()). */
static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

/* Members in sorted order, so that the same mapping is always the same text. */
static void
add_sorted_members (JsonBuilder *builder, GHashTable *table)
{
  g_autoptr (GPtrArray) keys = sorted_keys (table);

  for (guint i = 0; i < keys->len; i++)
    {
      json_builder_set_member_name (builder, g_ptr_array_index (keys, i));
      json_builder_add_string_value (builder,
                                     g_hash_table_lookup (table, g_ptr_array_index (keys, i)));
    }
}

/**
 * csp_import_mapping_to_json:
 *
 * Returns: (transfer full): the mapping as JSON text
 */
char *
csp_import_mapping_to_json (CspImportMapping *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) keys = NULL;
  const char *open_table = NULL;
  char separator[2] = { 0, 0 };

  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_int_value (builder, MAPPING_FORMAT_VERSION);
  json_builder_set_member_name (builder, "columns");
  json_builder_begin_object (builder);
  add_sorted_members (builder, self->columns);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "defaults");
  json_builder_begin_object (builder);
  add_sorted_members (builder, self->defaults);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "skip_rows");
  json_builder_add_int_value (builder, self->skip_rows);
  if (self->separator != 0)
    {
      separator[0] = self->separator;
      json_builder_set_member_name (builder, "separator");
      json_builder_add_string_value (builder, separator);
    }
  if (self->period != CSP_IMPORT_PERIOD_MONTH)
    {
      json_builder_set_member_name (builder, "period");
      json_builder_add_string_value (builder, csp_import_period_to_string (self->period));
    }
  if (self->date_order != CSP_DATE_ORDER_UNDECIDED)
    {
      json_builder_set_member_name (builder, "date_order");
      json_builder_add_string_value (builder, csp_date_order_to_string (self->date_order));
    }

  json_builder_set_member_name (builder, "aliases");
  json_builder_begin_object (builder);
  keys = sorted_keys (self->aliases);
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const char *split = strchr (key, '\x1f');
      g_autofree char *table = g_strndup (key, (gsize) (split - key));

      if (g_strcmp0 (open_table, table) != 0)
        {
          if (open_table != NULL)
            json_builder_end_object (builder);
          json_builder_set_member_name (builder, table);
          json_builder_begin_object (builder);
          open_table = g_intern_string (table);
        }
      json_builder_set_member_name (builder, split + 1);
      json_builder_add_int_value (builder, *(gint64 *) g_hash_table_lookup (self->aliases, key));
    }
  if (open_table != NULL)
    json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, TRUE);
}

static gboolean mapping_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
mapping_error (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    *error = g_error_new_valist (CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_MAPPING, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
read_string_object (CspImportMapping *self, JsonObject *root, const char *member,
                    gboolean targets_are_values, GError **error)
{
  JsonNode *node = json_object_get_member (root, member);
  JsonObject *object;
  g_autoptr (GList) names = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mapping_error (error, _ ("The saved mapping is damaged: “%s” is not an object"), member);
  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (object, l->data);
      const char *text;
      gboolean ok;

      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        return mapping_error (error, _ ("The saved mapping is damaged: “%s” is not text"),
                              (const char *) l->data);
      text = json_node_get_string (value);
      ok = targets_are_values ? csp_import_mapping_set_target (self, l->data, text)
                              : csp_import_mapping_set_default (self, l->data, text);
      if (!ok)
        return mapping_error (error, _ ("The mapping names a field “%s” that %s do not have"),
                              targets_are_values ? text : (const char *) l->data,
                              csp_import_kind_to_string (self->kind));
    }
  return TRUE;
}

static gboolean
read_aliases (CspImportMapping *self, JsonObject *root, GError **error)
{
  JsonNode *node = json_object_get_member (root, "aliases");
  JsonObject *tables;
  g_autoptr (GList) table_names = NULL;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return mapping_error (error, _ ("The saved mapping is damaged: “%s” is not an object"),
                          "aliases");
  tables = json_node_get_object (node);
  table_names = json_object_get_members (tables);
  for (GList *l = table_names; l != NULL; l = l->next)
    {
      JsonNode *table_node = json_object_get_member (tables, l->data);
      JsonObject *names;
      g_autoptr (GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (table_node))
        return mapping_error (error, _ ("The saved mapping is damaged: “%s” is not an object"),
                              (const char *) l->data);
      names = json_node_get_object (table_node);
      members = json_object_get_members (names);
      for (GList *m = members; m != NULL; m = m->next)
        {
          JsonNode *id = json_object_get_member (names, m->data);

          if (!JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_INT64)
            return mapping_error (error, _ ("The saved mapping is damaged: “%s” is not an id"),
                                  (const char *) m->data);
          csp_import_mapping_set_alias (self, l->data, m->data, json_node_get_int (id));
        }
    }
  return TRUE;
}

/* The text @node holds, or "" when it holds none. */
static const char *
string_of (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node)
             : "";
}

/**
 * csp_import_mapping_new_from_json:
 *
 * Returns: (transfer full): the mapping @json describes, or %NULL with
 *   %CSP_IMPORT_ERROR_MAPPING
 */
CspImportMapping *
csp_import_mapping_new_from_json (CspImportKind kind, const char *json, GError **error)
{
  g_autoptr (CspImportMapping) self = csp_import_mapping_new (kind);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) parse_error = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &parse_error))
    {
      mapping_error (error, _ ("The saved mapping is damaged: %s"), parse_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      mapping_error (error, _ ("The saved mapping is damaged: it is not a JSON object"));
      return NULL;
    }
  object = json_node_get_object (root);
  node = json_object_get_member (object, "format");
  if (node != NULL &&
      (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_int (node) > MAPPING_FORMAT_VERSION))
    {
      mapping_error (error, _ ("The saved mapping was made by a newer version of CSP Engage"));
      return NULL;
    }
  if (!read_string_object (self, object, "columns", TRUE, error) ||
      !read_string_object (self, object, "defaults", FALSE, error) ||
      !read_aliases (self, object, error))
    return NULL;

  node = json_object_get_member (object, "skip_rows");
  if (node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 0 || json_node_get_int (node) > 1000)
        {
          mapping_error (error, _ ("The saved mapping is damaged: “%s” is not a small number"),
                         "skip_rows");
          return NULL;
        }
      self->skip_rows = (guint) json_node_get_int (node);
    }
  node = json_object_get_member (object, "separator");
  if (node != NULL)
    {
      const char *separator = string_of (node);

      if (strlen (separator) != 1 || strchr (",;\t", separator[0]) == NULL)
        {
          mapping_error (error, _ ("The saved mapping is damaged: “%s” is not a separator"),
                         "separator");
          return NULL;
        }
      self->separator = separator[0];
    }
  node = json_object_get_member (object, "period");
  if (node != NULL && !csp_import_period_from_string (string_of (node), &self->period))
    {
      mapping_error (error, _ ("The saved mapping is damaged: “%s” is not a period"), "period");
      return NULL;
    }
  node = json_object_get_member (object, "date_order");
  if (node != NULL && !csp_date_order_from_string (string_of (node), &self->date_order))
    {
      mapping_error (error, _ ("The saved mapping is damaged: “%s” is not an order of dates"),
                     "date_order");
      return NULL;
    }
  return g_steal_pointer (&self);
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
  return mapping_error (error, _ ("The value given for all rows of “%s” cannot be used: %s"),
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
      return mapping_error (error,
                            _ ("No column is chosen for “%s”, which every record needs. "
                               "Choose the column that holds it, or give one value for all "
                               "rows"),
                            _ (targets[i].label));

  if (self->kind == CSP_IMPORT_METRICS)
    {
      gboolean long_form = is_covered (self, present, "value");

      if (!long_form && !wide)
        return mapping_error (error, _ ("No column is chosen for the figures: choose the "
                                        "“Value” column, or a column for each metric"));
      if (long_form && wide)
        return mapping_error (error, _ ("Choose either one “Value” column with a “Metric” or "
                                        "“Kind” column, or a column for each metric, not both"));
      if (long_form && !is_covered (self, present, "metric") && !is_covered (self, present, "kind"))
        return mapping_error (error, _ ("No column is chosen for which metric each figure "
                                        "is: choose the “Metric” or “Kind” column"));
    }
  return TRUE;
}

/* Saved mappings are audited like records: each write to import_mapping
 * adds an audit_log row in the same transaction. Who and when come from
 * the engine: on a server, its clock and the login it knows; SQLite has
 * no logins, so there the user is the account running the program. */

/* The time now as ISO 8601 UTC text. */
#define NOW_SQLITE "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
#define NOW_POSTGRESQL "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"

/* The user comes last, as SQLite binds it and PostgreSQL does not. */
#define AUDIT_SQL(now, user)                                                                       \
  "INSERT INTO audit_log (table_name, row_id, operation, changes, created_at, updated_at, "        \
  "user_name) VALUES ('import_mapping', ?, ?, ?, " now ", " now ", " user ")"

/* RETURNING version tells an insert (1) from an update (2 and up). */
#define UPSERT_SQL(now)                                                                            \
  "INSERT INTO import_mapping (name, kind, mapping, created_at, updated_at) "                      \
  "VALUES (?, ?, ?, " now ", " now ") ON CONFLICT (name, kind) DO UPDATE SET "                     \
  "mapping = excluded.mapping, updated_at = excluded.updated_at, "                                 \
  "version = import_mapping.version + 1 RETURNING id, version"

static gboolean
write_audit (CspDatabase *database, gint64 row_id, const char *operation, const char *changes,
             GError **error)
{
  g_autoptr (CspStatement) stmt =
      csp_database_prepare (database,
                            csp_database_pick_sql (database, AUDIT_SQL (NOW_SQLITE, "?"),
                                                   AUDIT_SQL (NOW_POSTGRESQL, "session_user")),
                            error);

  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_int64 (stmt, 1, row_id);
  csp_statement_bind_text (stmt, 2, operation);
  csp_statement_bind_text (stmt, 3, changes);
  if (csp_database_get_engine (database) == CSP_ENGINE_SQLITE)
    csp_statement_bind_text (stmt, 4, g_get_user_name ());
  return csp_statement_run (stmt, error);
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr (JsonNode) root = json_node_init_object (json_node_alloc (), object);

  return json_to_string (root, FALSE);
}

/* What an audit entry of an insert or delete says: every value. */
static char *
describe_row (const char *name, const char *kind, const char *mapping)
{
  g_autoptr (JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "name", name);
  json_object_set_string_member (object, "kind", kind);
  json_object_set_string_member (object, "mapping", mapping);
  return object_to_string (object);
}

/* Of an update: [old, new] of the mapping, if it changed. */
static char *
describe_update (const char *old_mapping, const char *new_mapping)
{
  g_autoptr (JsonObject) object = json_object_new ();

  if (g_strcmp0 (old_mapping, new_mapping) != 0)
    {
      JsonArray *pair = json_array_new ();

      if (old_mapping != NULL)
        json_array_add_string_element (pair, old_mapping);
      else
        json_array_add_null_element (pair);
      json_array_add_string_element (pair, new_mapping);
      json_object_set_array_member (object, "mapping", pair);
    }
  return object_to_string (object);
}

static gboolean
save_row (CspDatabase *database, const char *name, const char *kind, const char *json,
          GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *old = NULL;
  g_autofree char *changes = NULL;
  gint64 id, version;
  CspStep step;

  /* The old value for the audit entry; on a server, locked until the
   * commit so that it is the one replaced. */
  stmt = csp_database_prepare (
      database,
      csp_database_pick_sql (database,
                             "SELECT mapping FROM import_mapping WHERE name = ? AND kind = ?",
                             "SELECT mapping FROM import_mapping WHERE name = ? AND kind = ? "
                             "FOR UPDATE"),
      error);
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_text (stmt, 1, name);
  csp_statement_bind_text (stmt, 2, kind);
  step = csp_statement_step (stmt, error);
  if (step == CSP_STEP_FAILED)
    return FALSE;
  if (step == CSP_STEP_ROW)
    old = g_strdup (csp_statement_get_text (stmt, 0));
  g_clear_pointer (&stmt, csp_statement_free);

  stmt = csp_database_prepare (
      database,
      csp_database_pick_sql (database, UPSERT_SQL (NOW_SQLITE), UPSERT_SQL (NOW_POSTGRESQL)),
      error);
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_text (stmt, 1, name);
  csp_statement_bind_text (stmt, 2, kind);
  csp_statement_bind_text (stmt, 3, json);
  step = csp_statement_step (stmt, error);
  if (step == CSP_STEP_FAILED)
    return FALSE;
  /* An upsert returns its row. */
  g_assert (step == CSP_STEP_ROW);
  id = csp_statement_get_int64 (stmt, 0);
  version = csp_statement_get_int64 (stmt, 1);
  if (!csp_statement_run (stmt, error))
    return FALSE;

  if (version == 1)
    {
      changes = describe_row (name, kind, json);
      return write_audit (database, id, "insert", changes, error);
    }
  changes = describe_update (old, json);
  return write_audit (database, id, "update", changes, error);
}

/**
 * csp_import_mapping_save:
 * @name: what the source is called, e.g. "Facebook monthly export"
 *
 * Saves the mapping under @name for its kind, replacing one of that name,
 * with its audit entry.
 */
gboolean
csp_import_mapping_save (CspImportMapping *self, CspDatabase *database, const char *name,
                         GError **error)
{
  g_autofree char *json = NULL;
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (CSP_IS_IMPORT_MAPPING (self), FALSE);
  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0')
    return mapping_error (error, _ ("A saved mapping needs a name"));
  if (!g_utf8_validate (trimmed, -1, NULL) || g_utf8_strlen (trimmed, -1) > MAX_NAME_CHARS)
    return mapping_error (error, _ ("A saved mapping’s name has at most %u characters"),
                          MAX_NAME_CHARS);

  json = csp_import_mapping_to_json (self);
  if (!csp_database_begin (database, error))
    return FALSE;
  if (!save_row (database, trimmed, csp_import_kind_to_string (self->kind), json, error))
    {
      csp_database_rollback (database);
      return FALSE;
    }
  if (!csp_database_commit (database, error))
    return FALSE;
  g_free (self->name);
  self->name = g_steal_pointer (&trimmed);
  return TRUE;
}

/**
 * csp_import_mapping_list_saved:
 *
 * Returns: (transfer full): the names of the mappings saved for @kind, sorted
 */
GStrv
csp_import_mapping_list_saved (CspDatabase *database, CspImportKind kind, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);

  /* Case-insensitive for ASCII letters, the same order on both engines;
   * names that differ only in case in byte order. */
  stmt = csp_database_prepare (
      database,
      csp_database_pick_sql (database,
                             "SELECT name FROM import_mapping WHERE kind = ? "
                             "ORDER BY name COLLATE NOCASE, name",
                             "SELECT name FROM import_mapping WHERE kind = ? "
                             "ORDER BY lower(name COLLATE \"C\"), name COLLATE \"C\""),
      error);
  if (stmt == NULL)
    return NULL;
  csp_statement_bind_text (stmt, 1, csp_import_kind_to_string (kind));
  while ((step = csp_statement_step (stmt, error)) == CSP_STEP_ROW)
    g_strv_builder_add (names, csp_statement_get_text (stmt, 0));
  if (step == CSP_STEP_FAILED)
    return NULL;
  return g_strv_builder_end (names);
}

/**
 * csp_import_mapping_load:
 *
 * Returns: (transfer full): the mapping saved as @name for @kind, or %NULL
 *   with %CSP_IMPORT_ERROR_NOT_FOUND
 */
CspImportMapping *
csp_import_mapping_load (CspDatabase *database, CspImportKind kind, const char *name,
                         GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *trimmed = NULL;
  CspImportMapping *self;
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  trimmed = g_strstrip (g_strdup (name));
  stmt = csp_database_prepare (
      database, "SELECT mapping FROM import_mapping WHERE name = ? AND kind = ?", error);
  if (stmt == NULL)
    return NULL;
  csp_statement_bind_text (stmt, 1, trimmed);
  csp_statement_bind_text (stmt, 2, csp_import_kind_to_string (kind));
  step = csp_statement_step (stmt, error);
  if (step == CSP_STEP_FAILED)
    return NULL;
  if (step == CSP_STEP_DONE)
    {
      g_auto (GStrv) saved = csp_import_mapping_list_saved (database, kind, NULL);
      g_autofree char *list = saved != NULL ? g_strjoinv (", ", saved) : NULL;

      if (list != NULL && *list != '\0')
        g_set_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_NOT_FOUND,
                     _ ("There is no saved mapping called “%s” for %s (saved: %s)"), trimmed,
                     csp_import_kind_to_string (kind), list);
      else
        g_set_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_NOT_FOUND,
                     _ ("There is no saved mapping called “%s” for %s"), trimmed,
                     csp_import_kind_to_string (kind));
      return NULL;
    }
  self = csp_import_mapping_new_from_json (kind, csp_statement_get_text (stmt, 0), error);
  if (self != NULL)
    self->name = g_steal_pointer (&trimmed);
  return self;
}

static gboolean
delete_row (CspDatabase *database, const char *name, const char *kind, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *mapping = NULL;
  g_autofree char *changes = NULL;
  gint64 id;
  CspStep step;

  stmt = csp_database_prepare (
      database, "DELETE FROM import_mapping WHERE name = ? AND kind = ? RETURNING id, mapping",
      error);
  if (stmt == NULL)
    return FALSE;
  csp_statement_bind_text (stmt, 1, name);
  csp_statement_bind_text (stmt, 2, kind);
  step = csp_statement_step (stmt, error);
  if (step != CSP_STEP_ROW)
    return step == CSP_STEP_DONE;
  /* One row at most: (name, kind) is unique. */
  id = csp_statement_get_int64 (stmt, 0);
  mapping = g_strdup (csp_statement_get_text (stmt, 1));
  if (!csp_statement_run (stmt, error))
    return FALSE;
  changes = describe_row (name, kind, mapping);
  return write_audit (database, id, "delete", changes, error);
}

/**
 * csp_import_mapping_delete_saved:
 *
 * Forgets the mapping saved as @name, with its audit entry; not an error if
 * there is none.
 */
gboolean
csp_import_mapping_delete_saved (CspDatabase *database, CspImportKind kind, const char *name,
                                 GError **error)
{
  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!csp_database_begin (database, error))
    return FALSE;
  if (!delete_row (database, name, csp_import_kind_to_string (kind), error))
    {
      csp_database_rollback (database);
      return FALSE;
    }
  return csp_database_commit (database, error);
}

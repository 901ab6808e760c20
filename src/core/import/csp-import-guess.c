/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-import-private.h"

/* Guessing the mapping from what the columns hold, where their names say
 * nothing: a column "Online/In person" whose values are all "Online",
 * "In person" or "Hybrid" fills Mode, one of partners' names a partner
 * field, one of dates a date that every record needs. The names come
 * first (csp_import_mapping_guess_unmapped()); the values only fill the
 * fields the names left without a column, and decide between fields that
 * the values of one column fit alike.
 *
 * Evidence is strong when every value of the column is one of a fixed
 * set: a choice's words or labels, the partners or channels the database
 * knows, the kinds of metric. A date is weak evidence (which of the
 * dates is it?), so dates fill only a date field every record needs. */

/* Rows read to learn what a column holds. */
#define SAMPLE_ROWS 200
/* Columns looked at: a file of 10,000 columns is mapped by hand or by a
 * saved mapping, not by reading every one of them. */
#define MAX_COLUMNS_GUESSED 500

typedef struct
{
  GPtrArray *values; /* non-blank values, trimmed */
  gboolean several;  /* some value lists several names ("A; B") */
} Sample;

static void
sample_clear (Sample *sample)
{
  g_clear_pointer (&sample->values, g_ptr_array_unref);
}

/* The non-blank values of the first rows of the columns not mapped yet,
 * passing over the rows the mapping skips and those that cannot be read. */
static Sample *
read_samples (CspImport *self, guint n_columns)
{
  const char *const *headers = csp_csv_reader_get_headers (self->reader);
  Sample *samples = g_new0 (Sample, n_columns);
  guint skip = csp_import_mapping_get_skip_rows (self->mapping);
  guint n_rows = 0;
  gboolean has_row = FALSE;

  for (guint c = 0; c < n_columns; c++)
    if (csp_import_mapping_get_target (self->mapping, headers[c]) == NULL)
      samples[c].values = g_ptr_array_new_with_free_func (g_free);

  csp_csv_reader_rewind (self->reader);
  while (n_rows < SAMPLE_ROWS && csp_csv_reader_read_row (self->reader, &has_row, NULL) && has_row)
    {
      if (skip > 0)
        {
          skip--;
          continue;
        }
      if (csp_csv_reader_get_row_problem (self->reader) != NULL)
        continue;
      n_rows++;
      for (guint c = 0; c < n_columns; c++)
        {
          const char *field;

          if (samples[c].values == NULL)
            continue;
          field = csp_csv_reader_get_field (self->reader, c);
          if (csp_import_is_blank (field))
            continue;
          g_ptr_array_add (samples[c].values, g_strstrip (g_strdup (field)));
          if (strchr (field, ';') != NULL || strchr (field, '\n') != NULL)
            samples[c].several = TRUE;
        }
    }
  csp_csv_reader_rewind (self->reader);
  return samples;
}

/* Whether the database (or the mapping's aliases) knows @name as a row
 * of @table. */
static gboolean
is_known_name (CspImport *self, CspImportLookup *lookup, const char *table, const char *name)
{
  return csp_import_mapping_get_alias (self->mapping, table, name) > 0 ||
         csp_import_lookup_find (lookup, table, 0, name) != CSP_IMPORT_LOOKUP_NONE;
}

typedef enum
{
  FIT_NONE,
  FIT_WEAK,   /* every value reads as the field's kind: a date */
  FIT_STRONG, /* every value is one of the field's fixed set */
} Fit;

static Fit
values_fit (CspImport *self, CspImportLookup *lookup, const CspImportTarget *target,
            const Sample *sample)
{
  const CspColumn *column;
  const char *table = target->ref_table;

  switch (target->kind)
    {
    case CSP_IMPORT_TARGET_COLUMN:
      column = csp_import_target_get_column (self->kind, target);
      if (column == NULL)
        return FIT_NONE;
      for (guint i = 0; i < sample->values->len; i++)
        {
          const char *value = g_ptr_array_index (sample->values, i);
          g_autofree char *parsed = NULL;

          if (column->kind == CSP_COLUMN_CHOICE)
            {
              if (csp_import_match_choice (column->choices, value) == NULL)
                return FIT_NONE;
            }
          else if (column->kind == CSP_COLUMN_DATE)
            {
              if (!csp_import_parse_date (value, &parsed, NULL))
                return FIT_NONE;
            }
          else if (column->kind == CSP_COLUMN_MONTH)
            {
              if (!csp_import_parse_month (value, &parsed, NULL))
                return FIT_NONE;
            }
          else
            return FIT_NONE;
        }
      return column->kind == CSP_COLUMN_CHOICE ? FIT_STRONG : FIT_WEAK;

    case CSP_IMPORT_TARGET_REF:
      if (lookup == NULL || table == NULL ||
          !(g_str_equal (table, "partner") || g_str_equal (table, "channel")))
        return FIT_NONE;
      for (guint i = 0; i < sample->values->len; i++)
        if (!is_known_name (self, lookup, table, g_ptr_array_index (sample->values, i)))
          return FIT_NONE;
      return FIT_STRONG;

    case CSP_IMPORT_TARGET_PARTNERS:
      if (lookup == NULL)
        return FIT_NONE;
      for (guint i = 0; i < sample->values->len; i++)
        {
          g_autoptr (GPtrArray) names =
              csp_import_split_names (g_ptr_array_index (sample->values, i));

          for (guint j = 0; j < names->len; j++)
            if (!is_known_name (self, lookup, "partner", g_ptr_array_index (names, j)))
              return FIT_NONE;
        }
      return FIT_STRONG;

    case CSP_IMPORT_TARGET_METRIC_KIND:
      for (guint i = 0; i < sample->values->len; i++)
        if (csp_import_match_choice (csp_import_metric_kinds (),
                                     g_ptr_array_index (sample->values, i)) == NULL)
          return FIT_NONE;
      return FIT_STRONG;

    case CSP_IMPORT_TARGET_PLAN:
    case CSP_IMPORT_TARGET_METRIC:
    case CSP_IMPORT_TARGET_METRIC_VALUE:
    default:
      return FIT_NONE;
    }
}

/* The words of @text, folded, as a set. */
static GHashTable *
words_of (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *word = g_string_new (NULL);

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 0)
        g_hash_table_add (words, g_strdup (word->str));
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  return words;
}

static gboolean
has_all_words (GHashTable *header_words, const char *text)
{
  g_autoptr (GHashTable) words = words_of (text);
  GHashTableIter iter;
  gpointer word;

  if (g_hash_table_size (words) == 0)
    return FALSE;
  g_hash_table_iter_init (&iter, words);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    if (!g_hash_table_contains (header_words, word))
      return FALSE;
  return TRUE;
}

/* Whether the column's name names the field in part: "Delivery (online
 * or in person)" mentions "delivery", a synonym of Mode. */
static gboolean
header_mentions (const char *header, const CspImportTarget *target)
{
  g_autoptr (GHashTable) header_words = words_of (header);

  if (has_all_words (header_words, target->label) ||
      has_all_words (header_words, _ (target->label)))
    return TRUE;
  for (guint i = 0; target->synonyms != NULL && target->synonyms[i] != NULL; i++)
    if (has_all_words (header_words, target->synonyms[i]))
      return TRUE;
  return FALSE;
}

/* Whether @target has a column, or a value for every row. */
static gboolean
is_covered (CspImport *self, const CspImportTarget *target)
{
  return csp_import_mapping_find_header (self->mapping, target->name) != NULL ||
         csp_import_mapping_get_default (self->mapping, target->name) != NULL;
}

static gboolean
is_partner_ref (const CspImportTarget *target)
{
  return target->kind == CSP_IMPORT_TARGET_REF && g_strcmp0 (target->ref_table, "partner") == 0;
}

/* Of the fields the column's values fit, the one it most likely fills:
 * the one its name mentions, else the one every record needs, else the
 * first. Several alike are no guess. */
static const CspImportTarget *
best_target (const char *header, GPtrArray *fitting)
{
  const CspImportTarget *mentioned = NULL, *required = NULL;
  guint n_mentioned = 0, n_required = 0;

  if (fitting->len == 1)
    return g_ptr_array_index (fitting, 0);
  for (guint i = 0; i < fitting->len; i++)
    {
      const CspImportTarget *target = g_ptr_array_index (fitting, i);

      if (header_mentions (header, target))
        {
          mentioned = target;
          n_mentioned++;
        }
      if (target->required)
        {
          required = target;
          n_required++;
        }
    }
  if (n_mentioned == 1)
    return mentioned;
  if (n_required == 1)
    return required;
  return NULL;
}

/**
 * csp_import_guess_unmapped:
 *
 * Maps the columns of the open file that the mapping leaves unmapped:
 * first by their names (csp_import_mapping_guess_unmapped()), then sets
 * what the file's layout shows (csp_import_guess_layout()), then by
 * their values, for the fields still without a column: a column whose
 * values are all among a choice's words or labels fills that choice
 * ("Online", "In person" fill Mode), one of partners' or channels' names
 * a partner or channel field, and one of dates a date field that every
 * record needs. A column whose values fit several fields alike goes to the
 * one its name mentions, or the one every record needs; else it is left
 * alone.
 */
void
csp_import_guess_unmapped (CspImport *self)
{
  const char *const *headers;
  guint n_columns;
  Sample *samples;
  g_autoptr (CspImportLookup) lookup = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (CSP_IS_IMPORT (self));
  g_return_if_fail (self->reader != NULL && self->mapping != NULL);

  headers = csp_csv_reader_get_headers (self->reader);
  csp_import_mapping_guess_unmapped (self->mapping, headers);
  csp_import_guess_layout (self);

  n_columns = MIN (csp_csv_reader_get_n_columns (self->reader), MAX_COLUMNS_GUESSED);
  samples = read_samples (self, n_columns);
  /* Without the names of the database, the choices and dates still guess. */
  lookup = csp_import_lookup_new (self->database, &error);
  if (lookup == NULL)
    g_debug ("No names to guess columns by: %s", error->message);

  for (guint c = 0; c < n_columns; c++)
    {
      g_autoptr (GPtrArray) fitting = g_ptr_array_new ();
      const CspImportTarget *chosen;

      if (samples[c].values == NULL || samples[c].values->len == 0 ||
          csp_import_mapping_get_target (self->mapping, headers[c]) != NULL)
        continue;
      for (guint t = 0; t < self->n_targets; t++)
        {
          const CspImportTarget *target = &self->targets[t];
          Fit fit;

          if (is_covered (self, target))
            continue;
          /* A list of several partners is no lead partner. */
          if (target->kind == CSP_IMPORT_TARGET_REF && samples[c].several)
            continue;
          fit = values_fit (self, lookup, target, &samples[c]);
          if (fit == FIT_STRONG || (fit == FIT_WEAK && target->required))
            g_ptr_array_add (fitting, (gpointer) target);
        }
      /* One partner per row is the lead rather than the supporting ones. */
      if (fitting->len == 2 && is_partner_ref (g_ptr_array_index (fitting, 0)) &&
          ((const CspImportTarget *) g_ptr_array_index (fitting, 1))->kind ==
              CSP_IMPORT_TARGET_PARTNERS)
        g_ptr_array_remove_index (fitting, 1);
      if (fitting->len == 0)
        continue;
      chosen = best_target (headers[c], fitting);
      if (chosen != NULL)
        csp_import_mapping_set_target (self->mapping, headers[c], chosen->name);
    }

  for (guint c = 0; c < n_columns; c++)
    sample_clear (&samples[c]);
  g_free (samples);
  self->checked = FALSE;
}

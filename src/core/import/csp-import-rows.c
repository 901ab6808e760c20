/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-import-private.h"

/* Reading the cells of a row */

gboolean
csp_import_is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* The text of a field in the current row: its column's csp_import_cell, or the
 * mapping's value for it where the cell is empty or there is no column.
 * %NULL when the file says nothing about the field. */
const char *
csp_import_cell (CspImport *self, int target)
{
  const char *text = NULL;
  const char *fallback;

  if (target < 0)
    return NULL;
  if (self->target_column[target] >= 0)
    text = csp_import_field (self, (guint) self->target_column[target]);
  if (text == NULL || csp_import_is_blank (text))
    {
      fallback = csp_import_mapping_get_default (self->mapping, self->targets[target].name);
      if (fallback != NULL)
        return fallback;
    }
  return text;
}

static gboolean
decimal_comma (CspImport *self)
{
  return csp_csv_reader_get_separator (self->reader) == ';';
}

/* Building records */

void
csp_import_clear_values (CspImport *self)
{
  for (guint i = 0; i < self->n_targets; i++)
    {
      if (G_IS_VALUE (&self->values[i]))
        g_value_unset (&self->values[i]);
      self->given[i] = FALSE;
    }
}

/* Reads the row's plain values (text, numbers, dates, choices) into
 * self->values; a cell that cannot be read is the row's problem. */
static void
read_column_values (CspImport *self, Row *row)
{
  for (guint t = 0; t < self->n_targets; t++)
    {
      const CspImportTarget *target = &self->targets[t];
      const CspColumn *column;
      g_autoptr (GError) error = NULL;
      const char *text;

      if (target->kind != CSP_IMPORT_TARGET_COLUMN)
        continue;
      text = csp_import_cell (self, (int) t);
      if (text == NULL)
        continue;
      column = csp_import_target_get_column (self->kind, target);
      /* Text over its limit is refused before it is copied anywhere: a
       * cell may hold megabytes. */
      if (column->kind == CSP_COLUMN_TEXT && !csp_import_is_blank (text) &&
          !csp_column_check_text (column, csp_import_unneutralize (text), &error))
        {
          csp_import_add_problem (self, row, csp_import_header_of_target (self, (int) t),
                                  error->message);
          for (guint c = 0; c < self->info->n_columns; c++)
            if (self->column_target[c] == (int) t)
              row->bad_columns |= G_GUINT64_CONSTANT (1) << c;
          continue;
        }
      if (!csp_import_parse_for_column (column, text, decimal_comma (self),
                                        csp_import_mapping_get_date_order (self->mapping),
                                        &self->values[t], &error))
        {
          csp_import_field_problem (self, row, (int) t, "%s", error->message);
          for (guint c = 0; c < self->info->n_columns; c++)
            if (self->column_target[c] == (int) t)
              row->bad_columns |= G_GUINT64_CONSTANT (1) << c;
          continue;
        }
      self->given[t] = TRUE;
    }
}

static const char *
value_string (CspImport *self, int target)
{
  if (target < 0 || !G_VALUE_HOLDS_STRING (&self->values[target]))
    return NULL;
  return g_value_get_string (&self->values[target]);
}

void
csp_import_set_int_value (CspImport *self, int target, gint64 id)
{
  if (G_IS_VALUE (&self->values[target]))
    g_value_unset (&self->values[target]);
  if (id != 0)
    g_value_set_int64 (g_value_init (&self->values[target], G_TYPE_INT64), id);
  self->given[target] = TRUE;
}

gint64
csp_import_value_int (CspImport *self, int target)
{
  if (target < 0 || !G_VALUE_HOLDS_INT64 (&self->values[target]))
    return 0;
  return g_value_get_int64 (&self->values[target]);
}

CspRecord *
csp_import_new_record (CspImport *self)
{
  CspRecord *record = csp_record_new (self->record_type);

  /* What the database would default to. */
  if (self->kind == CSP_IMPORT_ACTIONS)
    csp_record_set_int (record, "percent_complete", 0);
  return record;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
apply_values (CspImport *self, CspRecord *record, GArray *partner_ids, gboolean partners_given)
{
  for (guint t = 0; t < self->n_targets; t++)
    {
      const CspImportTarget *target = &self->targets[t];
      const CspColumn *column;

      if (!self->given[t] || target->column == NULL ||
          (target->kind != CSP_IMPORT_TARGET_COLUMN && target->kind != CSP_IMPORT_TARGET_REF))
        continue;
      column = csp_table_info_find_column (self->info, target->column);
      if (column == NULL)
        continue;
      /* An empty yes/no cell leaves the record's answer (or its default). */
      if (column->kind == CSP_COLUMN_BOOL && !G_IS_VALUE (&self->values[t]))
        continue;
      csp_record_set_value (record, target->column, &self->values[t]);
    }
  if (partners_given)
    {
      g_array_sort (partner_ids, compare_ids);
      csp_record_set_partner_ids (record, (const gint64 *) (gpointer) partner_ids->data,
                                  partner_ids->len);
    }
}

/* Validates every field not already found wrong, each problem naming its
 * column. */
static void
validate_record (CspImport *self, Row *row, CspRecord *record, const int *column_target_override)
{
  for (guint c = 0; c < self->info->n_columns; c++)
    {
      g_autoptr (GError) error = NULL;
      int target;

      if (row->bad_columns & (G_GUINT64_CONSTANT (1) << c))
        continue;
      if (csp_record_validate_column (record, self->info->columns[c].name, &error))
        continue;
      target = column_target_override != NULL && column_target_override[c] >= 0
                   ? column_target_override[c]
                   : self->column_target[c];
      csp_import_add_problem (self, row, csp_import_header_of_target (self, target),
                              error->message);
    }
}

/* A row of activities, actions or meetings: one record. */
gboolean
csp_import_process_record_row (CspImport *self, Row *row)
{
  g_autoptr (GArray) partner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (CspRecord) record = NULL;
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;
  g_autofree char *key_c = NULL;
  gboolean has_key = FALSE;
  gboolean partners_given = FALSE;
  gint64 plan_id = 0, existing_id = 0;
  Unknown *priority_unknown = NULL;
  int key_target;

  if (csp_import_reject_unreadable (self, row))
    return TRUE;
  read_column_values (self, row);
  csp_import_read_references (self, row, partner_ids, &partners_given, &plan_id, &priority_unknown);

  if (self->kind == CSP_IMPORT_ACTIVITIES)
    {
      const char *title = value_string (self, csp_import_find_target (self, "title"));
      const char *start = value_string (self, csp_import_find_target (self, "start_date"));
      gint64 lead = csp_import_value_int (self, csp_import_find_target (self, "lead_partner"));

      key_target = csp_import_find_target (self, "title");
      if (title != NULL && start != NULL && !row->rejected)
        {
          key_a = g_strdup (title);
          key_b = g_strdup (start);
          key_c = lead != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, lead) : NULL;
          has_key = TRUE;
          if (!csp_import_is_placeholder (lead) &&
              !csp_import_find_existing (self, row, key_a, key_b, key_c, &existing_id))
            return FALSE;
        }
    }
  else if (self->kind == CSP_IMPORT_MEETINGS)
    {
      const char *title = value_string (self, csp_import_find_target (self, "title"));
      const char *held_on = value_string (self, csp_import_find_target (self, "held_on"));

      key_target = csp_import_find_target (self, "title");
      if (title != NULL && held_on != NULL && !row->rejected)
        {
          key_a = g_strdup (title);
          key_b = g_strdup (held_on);
          has_key = TRUE;
          if (!csp_import_find_existing (self, row, key_a, key_b, NULL, &existing_id))
            return FALSE;
        }
    }
  else
    {
      const char *ref = value_string (self, csp_import_find_target (self, "ref"));
      gint64 priority = csp_import_value_int (self, csp_import_find_target (self, "priority"));
      gint64 scope = plan_id;

      key_target = csp_import_find_target (self, "ref");
      if (priority_unknown != NULL &&
          priority_unknown->public.resolution == CSP_IMPORT_RESOLVE_CREATE)
        scope = priority_unknown->scope;
      else if (priority > 0)
        scope = csp_import_lookup_priority_plan (self->lookup, priority);
      if (ref != NULL && scope > 0 && !row->rejected)
        {
          key_a = g_strdup_printf ("%" G_GINT64_FORMAT, scope);
          key_b = g_strdup (ref);
          has_key = TRUE;
          if (!csp_import_find_existing (self, row, key_a, key_b, NULL, &existing_id))
            return FALSE;
        }
    }

  if (!csp_import_load_existing (self, row, existing_id, key_target, &stored, &record))
    return self->fatal == NULL;
  apply_values (self, record, partner_ids, partners_given);
  validate_record (self, row, record, NULL);
  if (has_key && !csp_import_note_key (self, row, key_target, key_a, key_b, key_c))
    return FALSE;
  csp_import_predict (self, row, record, stored);
  return self->fatal == NULL;
}

typedef struct
{
  gint64 metric_id;
  gint64 value;
  int value_target;
} Figure;

/* Puts what the rows of a month of weekly or daily figures say of it on
 * the note: that it is partial, in place of what an earlier import said
 * of it; what else the note says stays. */
static void
set_months_note (CspRecord *record, const char *months_note)
{
  const char *note = csp_record_get_string (record, "note");
  g_auto (GStrv) lines = g_strsplit (note != NULL ? note : "", "\n", -1);
  g_autoptr (GString) kept = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && !g_str_has_prefix (lines[i], csp_import_partial_month_prefix ()))
      g_string_append_printf (kept, "%s%s", kept->len > 0 ? "\n" : "", lines[i]);
  if (months_note != NULL)
    g_string_append_printf (kept, "%s%s", kept->len > 0 ? "\n" : "", months_note);
  csp_record_set_string (record, "note", kept->len > 0 ? kept->str : NULL);
}

/* A row of monthly figures: one figure, or one per metric column. */
gboolean
csp_import_process_metric_row (CspImport *self, Row *row)
{
  int month_target = csp_import_find_target (self, "month");
  int channel_target = csp_import_find_target (self, "channel");
  int value_target = csp_import_find_target (self, "value");
  int note_target = csp_import_find_target (self, "note");
  int kind_target = csp_import_find_target (self, "kind");
  int metric_target = csp_import_find_target (self, "metric");
  g_autoptr (GArray) figures = g_array_new (FALSE, FALSE, sizeof (Figure));
  const char *month, *text;
  gint64 channel_id = 0;
  Unknown *channel_unknown = NULL;
  gboolean channel_ok = FALSE;

  if (csp_import_reject_unreadable (self, row))
    return TRUE;
  read_column_values (self, row);
  month = value_string (self, month_target);
  if (month == NULL && self->given[month_target])
    csp_import_field_problem (self, row, month_target, _ ("a value is required"));

  text = csp_import_cell (self, channel_target);
  if (text == NULL || csp_import_is_blank (text))
    csp_import_field_problem (self, row, channel_target, _ ("a value is required"));
  else
    {
      g_autofree char *name = g_strstrip (g_strdup (text));
      channel_ok = csp_import_resolve_name (self, row, channel_target, "channel", 0, name,
                                            &channel_id, &channel_unknown);
      /* A channel still to be made has no metrics yet. */
      if (channel_unknown != NULL &&
          channel_unknown->public.resolution != CSP_IMPORT_RESOLVE_CREATE)
        channel_unknown = NULL;
    }

  if (self->target_column[value_target] >= 0 ||
      csp_import_mapping_get_default (self->mapping, "value") != NULL)
    {
      const char *kind_text = csp_import_cell (self, kind_target);
      const char *kind = NULL;
      Figure figure = { 0, csp_import_value_int (self, value_target), value_target };

      text = csp_import_cell (self, value_target);
      if (text == NULL || csp_import_is_blank (text))
        csp_import_field_problem (self, row, value_target, _ ("a value is required"));
      if (kind_text != NULL && !csp_import_is_blank (kind_text))
        {
          g_autoptr (GError) error = NULL;
          g_autofree char *trimmed = g_strstrip (g_strdup (kind_text));

          if (!csp_import_parse_choice (csp_import_metric_kinds (), trimmed, &kind, &error))
            {
              csp_import_field_problem (self, row, kind_target, "%s", error->message);
              channel_ok = FALSE;
            }
        }
      if (channel_ok &&
          csp_import_resolve_metric (self, row, channel_id, channel_unknown, kind_target, kind,
                                     metric_target, csp_import_cell (self, metric_target),
                                     &figure.metric_id))
        g_array_append_val (figures, figure);
    }
  else
    for (guint t = 0; t < self->n_targets; t++)
      {
        const CspImportTarget *target = &self->targets[t];
        g_autoptr (GError) error = NULL;
        Figure figure = { 0, 0, (int) t };

        if (target->kind != CSP_IMPORT_TARGET_METRIC_VALUE || self->target_column[t] < 0)
          continue;
        text = csp_import_field (self, (guint) self->target_column[t]);
        if (csp_import_is_blank (text))
          continue;
        if (!csp_import_parse_int (text, decimal_comma (self), &figure.value, &error))
          {
            csp_import_field_problem (self, row, (int) t, "%s", error->message);
            continue;
          }
        if (channel_ok &&
            csp_import_resolve_metric (self, row, channel_id, channel_unknown, (int) t,
                                       target->column, (int) t, NULL, &figure.metric_id))
          g_array_append_val (figures, figure);
      }

  for (guint i = 0; i < figures->len && month != NULL && !row->rejected; i++)
    {
      Figure *figure = &g_array_index (figures, Figure, i);
      g_autoptr (CspRecord) stored = NULL;
      g_autoptr (CspRecord) record = NULL;
      g_autofree char *metric_text = NULL;
      int override[8] = { -1, -1, -1, -1, -1, -1, -1, -1 };
      gint64 existing_id = 0;

      g_assert (self->info->n_columns <= G_N_ELEMENTS (override));
      metric_text = g_strdup_printf ("%" G_GINT64_FORMAT, figure->metric_id);
      if (!csp_import_is_placeholder (figure->metric_id) &&
          !csp_import_find_existing (self, row, metric_text, month, NULL, &existing_id))
        break;
      if (!csp_import_load_existing (self, row, existing_id, month_target, &stored, &record))
        break;
      if (csp_import_months_keep_stored (self, stored))
        {
          self->summary.n_unchanged++;
          continue;
        }
      csp_record_set_int (record, "metric_id", figure->metric_id);
      csp_record_set_string (record, "month", month);
      if (figure->value_target != value_target || self->given[value_target])
        csp_record_set_int (record, "value", figure->value);
      if (self->given[note_target])
        csp_record_set_value (record, "note", &self->values[note_target]);
      if (self->month != NULL)
        set_months_note (record, csp_import_months_note (self));
      for (guint c = 0; c < self->info->n_columns; c++)
        {
          const char *name = self->info->columns[c].name;
          if (g_str_equal (name, "value"))
            override[c] = figure->value_target;
          else if (g_str_equal (name, "metric_id"))
            override[c] = self->target_column[kind_target] >= 0 ? kind_target : metric_target;
        }
      validate_record (self, row, record, override);
      if (!csp_import_note_key (self, row, figure->value_target, metric_text, month, NULL))
        break;
      csp_import_predict (self, row, record, stored);
    }

  return self->fatal == NULL;
}

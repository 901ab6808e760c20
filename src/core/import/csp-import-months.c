/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-dates.h"
#include "csp-import-private.h"

/* Weekly and daily figures made monthly, as a platform's analytics export
 * gives them: each row of the file is read and its figures added to its
 * month's (a flow's summed, a stock's latest kept: csp_metric_kind_is_stock()),
 * and at the end of the pass each month is one row of monthly figures,
 * checked and staged as a row of a monthly file is. A week counts in the
 * month of its first day.
 *
 * A month is one series of the file: the rows that name the same
 * channel, metric and kind in that month. A month one of whose rows was
 * rejected is not imported: its figure would be short. The first and
 * last months of the file are partial when its rows do not cover them
 * whole; they are imported with a note that says so. */

typedef struct
{
  gint64 value;
  char *date; /* of a stock's value: its latest row's; NULL while the month has none */
  gboolean given;
} Figure;

struct _CspImportMonth
{
  CspImportMonthInfo public; /* first, so that a pointer to it is one to this */
  char **fields;             /* the row of monthly figures: the first row's cells, the
                              * date's and the figures' replaced */
  Figure *figures;           /* per column of the file */
};

static void
month_free (CspImportMonth *month)
{
  guint n_columns = g_strv_length (month->fields);

  for (guint c = 0; c < n_columns; c++)
    g_free (month->figures[c].date);
  g_free (month->figures);
  g_strfreev (month->fields);
  g_free (month->public.month);
  g_free (month->public.label);
  g_free (month->public.series);
  g_free (month->public.covered);
  g_free (month->public.first_date);
  g_free (month->public.last_date);
  g_free (month->public.note);
  g_free (month);
}

static int
compare_by_line (gconstpointer a, gconstpointer b)
{
  const CspImportMonth *x = *(CspImportMonth *const *) a;
  const CspImportMonth *y = *(CspImportMonth *const *) b;

  return (x->public.first_line > y->public.first_line) -
         (x->public.first_line < y->public.first_line);
}

/* Starts a pass: no month yet. */
void
csp_import_months_clear (CspImport *self)
{
  if (self->months == NULL)
    {
      self->months = g_ptr_array_new_with_free_func ((GDestroyNotify) month_free);
      self->month_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  g_ptr_array_set_size (self->months, 0);
  g_hash_table_remove_all (self->month_by_key);
  g_clear_pointer (&self->first_date, g_free);
  g_clear_pointer (&self->last_date, g_free);
}

/* Whether the rows are weeks or days, to be made monthly. */
gboolean
csp_import_months_apply (CspImport *self)
{
  return self->kind == CSP_IMPORT_METRICS &&
         csp_import_mapping_get_period (self->mapping) != CSP_IMPORT_PERIOD_MONTH;
}

/* The kind of the metric @column holds figures of, for the row: its
 * target's, or the row's Kind cell in a file of one Value column. */
static const char *
kind_of_column (CspImport *self, int target)
{
  const char *kind = NULL;
  const char *text;

  if (self->targets[target].kind == CSP_IMPORT_TARGET_METRIC_VALUE)
    return self->targets[target].column;
  text = csp_import_cell (self, csp_import_find_target (self, "kind"));
  if (text != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));
      kind = csp_import_match_choice (csp_import_metric_kinds (), trimmed);
    }
  return kind;
}

/* Whether @text, a date cell, says the row is the platform's total of
 * the period (YouTube Studio's first row), which is no day's figure. */
static gboolean
is_total_row (const char *text)
{
  g_autofree char *folded = csp_import_fold_header (text);

  return g_str_equal (folded, "total") || g_str_equal (folded, "totals") ||
         g_str_equal (folded, "grand total");
}

/* The series the row belongs to, as the file names it: its channel, and
 * its metric and kind where it has them. */
static char *
series_of (CspImport *self)
{
  static const char *const fields[] = { "channel", "metric", "kind" };
  GString *series = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      const char *text = csp_import_cell (self, csp_import_find_target (self, fields[i]));
      g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));

      if (*trimmed != '\0')
        /* TRANSLATORS: between the names of a series: "Facebook, reach" */
        g_string_append_printf (series, "%s%s", series->len > 0 ? _ (", ") : "", trimmed);
    }
  return g_string_free (series, FALSE);
}

static CspImportMonth *
find_month (CspImport *self, Row *row, const char *date)
{
  g_autofree char *month_text = g_strndup (date, 7);
  g_autofree char *series = series_of (self);
  g_autofree char *key = g_strjoin ("\x1f", month_text, series, NULL);
  CspImportMonth *month = g_hash_table_lookup (self->month_by_key, key);
  guint n_columns = csp_csv_reader_get_n_columns (self->reader);
  int month_target = csp_import_find_target (self, "month");

  if (month != NULL)
    return month;
  month = g_new0 (CspImportMonth, 1);
  month->public.label = csp_month_format_long (month_text);
  month->public.month = g_steal_pointer (&month_text);
  month->public.series = g_steal_pointer (&series);
  month->public.first_line = row->line;
  month->public.first_date = g_strdup (date);
  month->public.last_date = g_strdup (date);
  month->fields = g_new0 (char *, n_columns + 1);
  month->figures = g_new0 (Figure, n_columns);
  for (guint c = 0; c < n_columns; c++)
    month->fields[c] = g_strdup (csp_import_field (self, c));
  g_free (month->fields[self->target_column[month_target]]);
  month->fields[self->target_column[month_target]] = g_strdup (month->public.month);
  g_ptr_array_add (self->months, month);
  g_hash_table_insert (self->month_by_key, g_steal_pointer (&key), month);
  return month;
}

static void
keep_extreme (char **kept, const char *date, int sign)
{
  if (*kept == NULL || sign * strcmp (date, *kept) > 0)
    {
      g_free (*kept);
      *kept = g_strdup (date);
    }
}

static void
add_figure (Figure *figure, const char *kind, gint64 value, const char *date)
{
  if (!csp_metric_kind_is_stock (kind))
    figure->value += value;
  /* The latest date's, by date: exports list days newest first too. */
  else if (figure->date == NULL || strcmp (date, figure->date) >= 0)
    {
      figure->value = value;
      g_free (figure->date);
      figure->date = g_strdup (date);
    }
  figure->given = TRUE;
}

/* Reads a week's or a day's row into its month. */
gboolean
csp_import_months_add_row (CspImport *self, Row *row)
{
  int month_target = csp_import_find_target (self, "month");
  const char *text;
  g_autofree char *date = NULL;
  g_autoptr (GError) error = NULL;
  CspImportMonth *month;
  guint n_columns = csp_csv_reader_get_n_columns (self->reader);
  g_autofree gint64 *values = g_new0 (gint64, n_columns);
  g_autofree const char **kinds = g_new0 (const char *, n_columns);
  g_autofree int *column_targets = g_new0 (int, n_columns);

  if (csp_import_reject_unreadable (self, row))
    return TRUE;
  text = csp_import_cell (self, month_target);
  if (text == NULL || csp_import_is_blank (text))
    {
      csp_import_field_problem (self, row, month_target, _ ("a value is required"));
      return TRUE;
    }
  if (is_total_row (text))
    {
      self->summary.n_rows--;
      self->n_total_rows++;
      return TRUE;
    }
  if (!csp_import_parse_date_in_order (text, csp_import_mapping_get_date_order (self->mapping),
                                       &date, &error))
    {
      csp_import_field_problem (self, row, month_target, "%s", error->message);
      return TRUE;
    }

  for (guint t = 0; t < self->n_targets; t++)
    {
      int column = self->target_column[t];
      g_autoptr (GError) value_error = NULL;

      if (column < 0 || (self->targets[t].kind != CSP_IMPORT_TARGET_METRIC_VALUE &&
                         !g_str_equal (self->targets[t].name, "value")))
        continue;
      text = csp_import_field (self, (guint) column);
      if (csp_import_is_blank (text))
        continue;
      column_targets[column] = (int) t;
      kinds[column] = kind_of_column (self, (int) t);
      if (kinds[column] == NULL)
        csp_import_field_problem (self, row, csp_import_find_target (self, "kind"),
                                  _ ("each row of weekly or daily figures needs the metric’s "
                                     "kind, to know whether the month’s figure is their sum or "
                                     "the last of them"));
      else if (!csp_import_parse_int (text, csp_csv_reader_get_separator (self->reader) == ';',
                                      &values[column], &value_error))
        {
          csp_import_field_problem (self, row, (int) t, "%s", value_error->message);
          kinds[column] = NULL;
        }
    }

  month = find_month (self, row, date);
  for (guint c = 0; c < n_columns; c++)
    {
      gint64 sum;

      if (kinds[c] != NULL && !csp_metric_kind_is_stock (kinds[c]) &&
          __builtin_add_overflow (month->figures[c].value, values[c], &sum))
        csp_import_field_problem (self, row, column_targets[c],
                                  _ ("the month’s figures add up to more than can be stored"));
    }
  keep_extreme (&month->public.first_date, date, -1);
  keep_extreme (&month->public.last_date, date, 1);
  month->public.n_rows++;
  if (row->rejected)
    {
      if (month->public.rejected_line == 0)
        month->public.rejected_line = row->line;
      return TRUE;
    }
  keep_extreme (&self->first_date, date, -1);
  keep_extreme (&self->last_date, date, 1);
  for (guint c = 0; c < n_columns; c++)
    if (kinds[c] != NULL)
      add_figure (&month->figures[c], kinds[c], values[c], date);
  return TRUE;
}

/* Says whether the month is partial: the file's first month begins after
 * its first day, its last ends before its last day. */
static void
note_partial (CspImport *self, CspImportMonth *month)
{
  GDate first, last, covered_to;
  gboolean starts_late, ends_early;

  /* Both are dates the rows were read as, so always real days. */
  if (!csp_date_to_gdate (self->first_date, &first) || !csp_date_to_gdate (self->last_date, &last))
    return;
  covered_to = last;

  if (csp_import_mapping_get_period (self->mapping) == CSP_IMPORT_PERIOD_WEEK)
    g_date_add_days (&covered_to, 6);
  starts_late =
      strncmp (month->public.month, self->first_date, 7) == 0 && g_date_get_day (&first) > 1;
  ends_early = strncmp (month->public.month, self->last_date, 7) == 0 &&
               g_date_get_month (&covered_to) == g_date_get_month (&last) &&
               !g_date_is_last_of_month (&covered_to);
  if (!starts_late && !ends_early)
    return;
  month->public.partial = TRUE;
  month->public.covered = csp_date_format_range (month->public.first_date, month->public.last_date);
  /* TRANSLATORS: "Partial month:", then the days, e.g. "3–30 Jun 2021" */
  month->public.note = g_strdup_printf (_ ("%s the file’s figures cover %s only"),
                                        csp_import_partial_month_prefix (), month->public.covered);
}

/* How the note of a partial month's figure begins. */
const char *
csp_import_partial_month_prefix (void)
{
  return _ ("Partial month:");
}

/* Ends a pass: checks and stages each month's figures as a row. */
gboolean
csp_import_months_finish (CspImport *self, GError **error)
{
  g_ptr_array_sort (self->months, compare_by_line);
  for (guint i = 0; i < self->months->len; i++)
    {
      CspImportMonth *month = g_ptr_array_index (self->months, i);
      Row row = { .line = month->public.first_line };
      guint n_columns = g_strv_length (month->fields);
      gboolean ok;

      if (month->public.rejected_line > 0)
        {
          g_autofree char *message = g_strdup_printf (
              _ ("%s is not imported: line %u was rejected, so its figure would be short"),
              month->public.label, month->public.rejected_line);

          csp_import_add_problem (self, &row, NULL, message);
          continue;
        }
      note_partial (self, month);
      for (guint c = 0; c < n_columns; c++)
        if (month->figures[c].given)
          {
            g_free (month->fields[c]);
            month->fields[c] = g_strdup_printf ("%" G_GINT64_FORMAT, month->figures[c].value);
          }

      csp_import_clear_values (self);
      self->month = month;
      ok = csp_import_process_metric_row (self, &row) && csp_import_stage_row (self, &row, error);
      self->month = NULL;
      if (!ok)
        {
          if (self->fatal != NULL)
            g_propagate_error (error, g_steal_pointer (&self->fatal));
          return FALSE;
        }
    }
  return TRUE;
}

/* The current row's value in @column: the file's, or, while a month's
 * figures are checked, the month's. */
const char *
csp_import_field (CspImport *self, guint column)
{
  if (self->month != NULL)
    return self->month->fields[column];
  return csp_csv_reader_get_field (self->reader, column);
}

/* Whether the figure @stored stays as it is: the month being checked is
 * partial, and @stored is of the whole month (its note does not say it is
 * partial), as when a file of the last 28 days is imported after one of
 * the whole of the month before. A partial figure is replaced by the
 * file's, partial or whole. */
gboolean
csp_import_months_keep_stored (CspImport *self, CspRecord *stored)
{
  const char *note;

  if (self->month == NULL || !self->month->public.partial || stored == NULL)
    return FALSE;
  note = csp_record_get_string (stored, "note");
  if (note != NULL && strstr (note, csp_import_partial_month_prefix ()) != NULL)
    return FALSE;
  self->month->public.kept_stored = TRUE;
  return TRUE;
}

/* The note the current row's figures carry because of the rows they are
 * made of, or %NULL. */
const char *
csp_import_months_note (CspImport *self)
{
  return self->month != NULL ? self->month->public.note : NULL;
}

/**
 * csp_import_get_months:
 * @n_months: (out): how many
 *
 * After a check of weekly or daily figures: the months they make, in the
 * order of their first rows in the file.
 *
 * Returns: (array length=n_months) (transfer none) (nullable): the months
 */
const CspImportMonthInfo *const *
csp_import_get_months (CspImport *self, guint *n_months)
{
  g_return_val_if_fail (CSP_IS_IMPORT (self), NULL);
  g_return_val_if_fail (n_months != NULL, NULL);

  *n_months = self->months != NULL ? self->months->len : 0;
  return self->months != NULL ? (const CspImportMonthInfo *const *) self->months->pdata : NULL;
}

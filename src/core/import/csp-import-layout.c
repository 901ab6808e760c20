/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-dates.h"
#include "csp-import-private.h"

/* What the first rows of a file say of its layout, as the platforms'
 * analytics exports vary it: comment lines above the header (the CSV
 * reader passes over them), a row describing the columns under it, how
 * its dates are written, and whether its rows are months, weeks or days.
 * Read from the first rows only, as a person glancing at the file would. */

#define SAMPLE_ROWS 200

/* Whether @text reads as a figure: 1,204 or 3.5% or -12. */
static gboolean
looks_like_figure (const char *text)
{
  g_autoptr (GString) bare = g_string_new (NULL);
  char *end = NULL;

  for (const char *p = text; *p != '\0'; p++)
    if (strchr (" ,%£$", *p) == NULL)
      g_string_append_c (bare, *p);
  if (bare->len == 0)
    return FALSE;
  g_ascii_strtod (bare->str, &end);
  return *end == '\0';
}

static gboolean
looks_like_date (const char *text)
{
  g_autofree char *iso = NULL;

  return csp_import_parse_date_in_order (text, CSP_DATE_ORDER_DAY_FIRST, &iso, NULL) ||
         csp_import_parse_date_in_order (text, CSP_DATE_ORDER_MONTH_FIRST, &iso, NULL);
}

static gboolean
looks_like_data (const char *text)
{
  return looks_like_figure (text) || looks_like_date (text);
}

/* The rows read, each a GStrv of the header's width. */
static GPtrArray *
read_sample (CspImport *self)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint n_columns = csp_csv_reader_get_n_columns (self->reader);
  gboolean has_row = FALSE;

  csp_csv_reader_rewind (self->reader);
  while (rows->len < SAMPLE_ROWS && csp_csv_reader_read_row (self->reader, &has_row, NULL) &&
         has_row)
    {
      char **fields = g_new0 (char *, n_columns + 1);

      for (guint c = 0; c < n_columns; c++)
        fields[c] = g_strstrip (g_strdup (csp_csv_reader_get_field (self->reader, c)));
      g_ptr_array_add (rows, fields);
    }
  csp_csv_reader_rewind (self->reader);
  return rows;
}

/* Whether the first row describes the columns: where the rows after it
 * hold figures or dates, it holds words. */
static gboolean
has_description_row (GPtrArray *rows, guint n_columns)
{
  guint n_data_columns = 0, n_described = 0;

  if (rows->len < 2)
    return FALSE;
  for (guint c = 0; c < n_columns; c++)
    {
      const char *first = ((char **) g_ptr_array_index (rows, 0))[c];
      gboolean data = FALSE, other = FALSE;

      for (guint r = 1; r < rows->len && !other; r++)
        {
          const char *text = ((char **) g_ptr_array_index (rows, r))[c];

          if (*text == '\0')
            continue;
          if (looks_like_data (text))
            data = TRUE;
          else
            other = TRUE;
        }
      if (!data || other)
        continue;
      n_data_columns++;
      if (*first != '\0' && looks_like_data (first))
        return FALSE;
      if (*first != '\0')
        n_described++;
    }
  return n_described > 0 && n_described * 2 >= n_data_columns;
}

/* The column of the rows' dates: the one the mapping reads the month
 * from, else the first whose values are all dates. -1 if none. */
static int
find_date_column (CspImport *self, GPtrArray *rows, guint first_row, guint n_columns)
{
  const char *const *headers = csp_csv_reader_get_headers (self->reader);
  const char *header = self->kind == CSP_IMPORT_METRICS
                           ? csp_import_mapping_find_header (self->mapping, "month")
                           : NULL;

  if (header != NULL)
    {
      for (guint c = 0; c < n_columns; c++)
        if (g_str_equal (headers[c], header))
          return (int) c;
      return -1;
    }
  for (guint c = 0; c < n_columns; c++)
    {
      gboolean dates = FALSE, other = FALSE;

      for (guint r = first_row; r < rows->len && !other; r++)
        {
          const char *text = ((char **) g_ptr_array_index (rows, r))[c];

          if (*text == '\0')
            continue;
          if (looks_like_date (text) && !looks_like_figure (text))
            dates = TRUE;
          else
            other = TRUE;
        }
      if (dates && !other)
        return (int) c;
    }
  return -1;
}

/* How the column's dates written in numbers only order day and month: a
 * first number over 12 is a day, a second one a day; in a file of months
 * the number that is always 1 is the day. */
static CspDateStyle
date_style_of (GPtrArray *rows, guint first_row, int column)
{
  guint n_numeric = 0, n_other = 0;
  gboolean first_over_12 = FALSE, second_over_12 = FALSE;
  gboolean first_always_1 = TRUE, second_always_1 = TRUE;

  for (guint r = first_row; r < rows->len; r++)
    {
      const char *text = ((char **) g_ptr_array_index (rows, r))[column];
      guint first = 0, second = 0;

      if (*text == '\0')
        continue;
      if (!csp_import_numeric_date_parts (text, &first, &second))
        {
          n_other++;
          continue;
        }
      n_numeric++;
      first_over_12 |= first > 12;
      second_over_12 |= second > 12;
      first_always_1 &= first == 1;
      second_always_1 &= second == 1;
    }
  if (n_numeric == 0)
    return n_other > 0 ? CSP_DATE_STYLE_UNAMBIGUOUS : CSP_DATE_STYLE_NONE;
  if (first_over_12 != second_over_12)
    return first_over_12 ? CSP_DATE_STYLE_DAY_FIRST : CSP_DATE_STYLE_MONTH_FIRST;
  if (!first_over_12 && n_numeric > 1 && first_always_1 != second_always_1)
    return first_always_1 ? CSP_DATE_STYLE_DAY_FIRST : CSP_DATE_STYLE_MONTH_FIRST;
  return CSP_DATE_STYLE_AMBIGUOUS;
}

static int
compare_julian (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* What each row covers, from the smallest step between the dates. */
static gboolean
period_of (GPtrArray *rows, guint first_row, int column, CspDateOrder order,
           CspImportPeriod *period)
{
  g_autoptr (GArray) days = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 step = G_MAXUINT32;

  for (guint r = first_row; r < rows->len; r++)
    {
      const char *text = ((char **) g_ptr_array_index (rows, r))[column];
      g_autofree char *iso = NULL;
      GDate date;
      guint32 julian;

      if (!csp_import_parse_date_in_order (text, order, &iso, NULL) ||
          !csp_date_to_gdate (iso, &date))
        continue;
      julian = g_date_get_julian (&date);
      g_array_append_val (days, julian);
    }
  g_array_sort (days, compare_julian);
  for (guint i = 1; i < days->len; i++)
    {
      guint32 gap = g_array_index (days, guint32, i) - g_array_index (days, guint32, i - 1);
      if (gap > 0)
        step = MIN (step, gap);
    }
  if (step == G_MAXUINT32)
    return FALSE;
  *period = step >= 28  ? CSP_IMPORT_PERIOD_MONTH
            : step >= 7 ? CSP_IMPORT_PERIOD_WEEK
                        : CSP_IMPORT_PERIOD_DAY;
  return TRUE;
}

/* The layout of @rows, the file's first; returns the first of them that
 * holds data. */
static guint
detect_in_rows (CspImport *self, GPtrArray *rows, CspImportLayout *layout)
{
  guint n_columns = csp_csv_reader_get_n_columns (self->reader);
  guint first_row;
  int date_column;
  CspDateOrder order;

  memset (layout, 0, sizeof *layout);
  layout->n_comment_lines = csp_csv_reader_get_n_comment_lines (self->reader);
  layout->description_row = has_description_row (rows, n_columns);
  first_row =
      MAX (csp_import_mapping_get_skip_rows (self->mapping), layout->description_row ? 1u : 0u);
  date_column = find_date_column (self, rows, first_row, n_columns);
  if (date_column < 0)
    return first_row;
  layout->date_header = csp_csv_reader_get_headers (self->reader)[date_column];
  layout->date_style = date_style_of (rows, first_row, date_column);
  for (guint r = first_row; r < rows->len && layout->example_date == NULL; r++)
    if (*((char **) g_ptr_array_index (rows, r))[date_column] != '\0')
      layout->example_date = g_strdup (((char **) g_ptr_array_index (rows, r))[date_column]);

  order = csp_import_mapping_get_date_order (self->mapping);
  if (layout->date_style == CSP_DATE_STYLE_DAY_FIRST)
    order = CSP_DATE_ORDER_DAY_FIRST;
  else if (layout->date_style == CSP_DATE_STYLE_MONTH_FIRST)
    order = CSP_DATE_ORDER_MONTH_FIRST;
  layout->has_period = period_of (rows, first_row, date_column, order, &layout->period);
  return first_row;
}

/**
 * csp_import_detect_layout:
 * @layout: (out caller-allocates): what the file's first rows say
 *
 * Reads the layout of the open file from its first rows, as the mapping
 * now maps its columns (the date column is the one the month is read
 * from, for metrics). Changes nothing: csp_import_guess_layout() applies
 * it.
 */
void
csp_import_detect_layout (CspImport *self, CspImportLayout *layout)
{
  g_autoptr (GPtrArray) rows = NULL;

  g_return_if_fail (CSP_IS_IMPORT (self));
  g_return_if_fail (self->reader != NULL && layout != NULL);

  rows = read_sample (self);
  detect_in_rows (self, rows, layout);
}

void
csp_import_layout_clear (CspImportLayout *layout)
{
  g_clear_pointer (&layout->example_date, g_free);
}

/* A column mapped by its name to a stock (YouTube's "Subscribers") that
 * goes below zero holds the stock's daily change: it is mapped to the
 * flow that counts it. */
static void
map_changes (CspImport *self, GPtrArray *rows, guint first_row)
{
  const char *const *headers = csp_csv_reader_get_headers (self->reader);

  for (guint c = 0; headers[c] != NULL; c++)
    {
      const CspImportTarget *target = csp_import_column_target (self, c);
      const char *change;
      g_autofree char *change_target = NULL;
      gboolean negative = FALSE;

      if (target == NULL || target->kind != CSP_IMPORT_TARGET_METRIC_VALUE ||
          (change = csp_metric_kind_get_change (target->column)) == NULL)
        continue;
      for (guint r = first_row; r < rows->len && !negative; r++)
        {
          gint64 value = 0;

          negative = csp_import_parse_int (((char **) g_ptr_array_index (rows, r))[c], FALSE,
                                           &value, NULL) &&
                     value < 0;
        }
      if (!negative)
        continue;
      change_target = g_strconcat ("value:", change, NULL);
      csp_import_mapping_set_target (self->mapping, headers[c], change_target);
    }
}

/**
 * csp_import_guess_layout:
 *
 * Sets what the mapping leaves open from the file's layout
 * (csp_import_detect_layout()): passes over a row describing the columns,
 * reads dates in numbers only in the order the file's dates show, and, for
 * metrics, takes rows as weeks or days when their dates are, and a column
 * of a stock that goes below zero as the stock's change.
 */
void
csp_import_guess_layout (CspImport *self)
{
  g_auto (CspImportLayout) layout = { 0 };
  g_autoptr (GPtrArray) rows = NULL;
  guint first_row;

  g_return_if_fail (CSP_IS_IMPORT (self));

  rows = read_sample (self);
  first_row = detect_in_rows (self, rows, &layout);
  if (self->kind == CSP_IMPORT_METRICS)
    map_changes (self, rows, first_row);
  if (layout.description_row && csp_import_mapping_get_skip_rows (self->mapping) == 0)
    csp_import_mapping_set_skip_rows (self->mapping, 1);
  if (csp_import_mapping_get_date_order (self->mapping) == CSP_DATE_ORDER_UNDECIDED)
    {
      if (layout.date_style == CSP_DATE_STYLE_DAY_FIRST)
        csp_import_mapping_set_date_order (self->mapping, CSP_DATE_ORDER_DAY_FIRST);
      else if (layout.date_style == CSP_DATE_STYLE_MONTH_FIRST)
        csp_import_mapping_set_date_order (self->mapping, CSP_DATE_ORDER_MONTH_FIRST);
    }
  /* Read one way, the dates may be a month apart, read the other a day. */
  if (self->kind == CSP_IMPORT_METRICS && layout.has_period &&
      (layout.date_style != CSP_DATE_STYLE_AMBIGUOUS ||
       csp_import_mapping_get_date_order (self->mapping) != CSP_DATE_ORDER_UNDECIDED))
    csp_import_mapping_set_period (self->mapping, layout.period);
}

/**
 * csp_import_guess_period:
 *
 * Sets what each row of a metrics file covers from the steps between its
 * dates, read in the mapping's order of day and month: once that order is
 * chosen, the dates may turn out a day apart rather than a month. Leaves
 * the period as it is when the dates say nothing of it.
 */
void
csp_import_guess_period (CspImport *self)
{
  g_auto (CspImportLayout) layout = { 0 };

  g_return_if_fail (CSP_IS_IMPORT (self));

  csp_import_detect_layout (self, &layout);
  if (self->kind == CSP_IMPORT_METRICS && layout.has_period)
    csp_import_mapping_set_period (self->mapping, layout.period);
}

/* Before a pass of metrics' figures: their dates say which month they
 * are of, and whether the rows are months or days, so dates written in
 * numbers only where every part could be the day wait for a person to say
 * the order. (Other records read them day first, as in the UK.) */
gboolean
csp_import_check_date_order (CspImport *self, GError **error)
{
  g_auto (CspImportLayout) layout = { 0 };

  if (self->kind != CSP_IMPORT_METRICS ||
      csp_import_mapping_get_date_order (self->mapping) != CSP_DATE_ORDER_UNDECIDED)
    return TRUE;
  csp_import_detect_layout (self, &layout);
  if (layout.date_style != CSP_DATE_STYLE_AMBIGUOUS)
    return TRUE;
  g_set_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_DATE_ORDER,
               _ ("“%s”: the dates in column “%s”, such as “%s”, could be written day first or "
                  "month first. Say which the file uses"),
               self->display_name, layout.date_header, layout.example_date);
  return FALSE;
}

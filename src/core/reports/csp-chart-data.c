/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-data"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "csp-chart-data.h"

/* The numbers behind a chart: categories (months, partners, RAG words) with
 * a key a view can look records up by and a label a person reads, and
 * series of one value per category. A value may be missing (a month no
 * figure was given for), which is NAN and never 0: a missing month is a
 * gap, not a fall. The standard charts' queries live here too, so that
 * the screen, the CLI and the report chart the same figures. */

typedef struct
{
  char *key;
  char *label;
  GArray *values;
} Series;

struct _CspChartData
{
  GObject parent_instance;

  CspChartCategoryKind kind;
  GPtrArray *category_keys;
  GPtrArray *category_labels;
  GPtrArray *category_details; /* NULL where a category has none */
  GHashTable *category_index;
  GPtrArray *series;
  char *note;
};

G_DEFINE_FINAL_TYPE (CspChartData, csp_chart_data, G_TYPE_OBJECT)

static void
series_free (Series *series)
{
  g_free (series->key);
  g_free (series->label);
  g_array_unref (series->values);
  g_free (series);
}

static void
csp_chart_data_finalize (GObject *object)
{
  CspChartData *self = CSP_CHART_DATA (object);

  g_clear_pointer (&self->category_keys, g_ptr_array_unref);
  g_clear_pointer (&self->category_labels, g_ptr_array_unref);
  g_clear_pointer (&self->category_details, g_ptr_array_unref);
  g_clear_pointer (&self->category_index, g_hash_table_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (csp_chart_data_parent_class)->finalize (object);
}

static void
csp_chart_data_class_init (CspChartDataClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = csp_chart_data_finalize;
}

static void
csp_chart_data_init (CspChartData *self)
{
  self->category_keys = g_ptr_array_new_with_free_func (g_free);
  self->category_labels = g_ptr_array_new_with_free_func (g_free);
  self->category_details = g_ptr_array_new_with_free_func (g_free);
  self->category_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
}

/**
 * csp_month_parse:
 * @key: a month as 'YYYY-MM'
 * @index: (out) (optional): the month as CSP_MONTH_INDEX (year, month)
 *
 * Returns: whether @key is a month
 */
gboolean
csp_month_parse (const char *key, int *index)
{
  int year, month;

  g_return_val_if_fail (key != NULL, FALSE);

  for (int i = 0; i < 7; i++)
    if (i == 4 ? key[i] != '-' : !g_ascii_isdigit (key[i]))
      return FALSE;
  if (key[7] != '\0')
    return FALSE;
  year = atoi (key);
  month = atoi (key + 5);
  if (year < 1 || month < 1 || month > 12)
    return FALSE;
  if (index != NULL)
    *index = CSP_MONTH_INDEX (year, month);
  return TRUE;
}

/**
 * csp_month_key:
 *
 * Returns: (transfer full): the month @index as 'YYYY-MM'
 */
char *
csp_month_key (int index)
{
  g_return_val_if_fail (index >= CSP_MONTH_INDEX (1, 1), NULL);
  return g_strdup_printf ("%04d-%02d", CSP_MONTH_YEAR (index), CSP_MONTH_OF_YEAR (index));
}

/**
 * csp_month_label:
 *
 * Returns: (transfer full): the month @index as a person reads it, such as "Apr 2020"
 */
char *
csp_month_label (int index)
{
  g_autoptr (GDateTime) date = NULL;

  g_return_val_if_fail (index >= CSP_MONTH_INDEX (1, 1), NULL);

  date = g_date_time_new_utc (CSP_MONTH_YEAR (index), CSP_MONTH_OF_YEAR (index), 1, 0, 0, 0);
  /* TRANSLATORS: a month on a chart's axis, as strftime() writes it: "Apr 2020" */
  return g_date_time_format (date, _ ("%b %Y"));
}

/**
 * csp_chart_data_new:
 * @kind: what the categories stand for
 *
 * Returns: (transfer full): data with no categories and no series
 */
CspChartData *
csp_chart_data_new (CspChartCategoryKind kind)
{
  CspChartData *self = g_object_new (CSP_TYPE_CHART_DATA, NULL);

  self->kind = kind;
  return self;
}

CspChartCategoryKind
csp_chart_data_get_category_kind (CspChartData *self)
{
  g_return_val_if_fail (CSP_IS_CHART_DATA (self), CSP_CHART_CATEGORY_OTHER);
  return self->kind;
}

/**
 * csp_chart_data_add_category:
 * @key: what the category stands for, unique in the data
 * @label: what a person reads
 *
 * Adds a category at the end; no series has a value for it yet.
 *
 * Returns: the category's index
 */
guint
csp_chart_data_add_category (CspChartData *self, const char *key, const char *label)
{
  guint index;
  const double missing = NAN;

  g_return_val_if_fail (CSP_IS_CHART_DATA (self), 0);
  g_return_val_if_fail (key != NULL && label != NULL, 0);
  g_return_val_if_fail (!g_hash_table_contains (self->category_index, key), 0);

  index = self->category_keys->len;
  g_ptr_array_add (self->category_keys, g_strdup (key));
  g_ptr_array_add (self->category_labels, g_strdup (label));
  g_ptr_array_add (self->category_details, NULL);
  g_hash_table_insert (self->category_index, self->category_keys->pdata[index],
                       GUINT_TO_POINTER (index + 1));
  for (guint i = 0; i < self->series->len; i++)
    g_array_append_val (((Series *) self->series->pdata[i])->values, missing);
  return index;
}

/**
 * csp_chart_data_add_series:
 * @key: what the series stands for (a channel id, a mode word)
 * @label: what a person reads in the legend
 *
 * Adds a series at the end, with no value for any category yet.
 *
 * Returns: the series' index
 */
guint
csp_chart_data_add_series (CspChartData *self, const char *key, const char *label)
{
  Series *series;

  g_return_val_if_fail (CSP_IS_CHART_DATA (self), 0);
  g_return_val_if_fail (key != NULL && label != NULL, 0);

  series = g_new0 (Series, 1);
  series->key = g_strdup (key);
  series->label = g_strdup (label);
  series->values = g_array_sized_new (FALSE, FALSE, sizeof (double), self->category_keys->len);
  for (guint i = 0; i < self->category_keys->len; i++)
    {
      const double missing = NAN;
      g_array_append_val (series->values, missing);
    }
  g_ptr_array_add (self->series, series);
  return self->series->len - 1;
}

static Series *
get_series (CspChartData *self, guint series)
{
  g_assert (series < self->series->len);
  return self->series->pdata[series];
}

/**
 * csp_chart_data_set_value:
 * @value: a finite number
 */
void
csp_chart_data_set_value (CspChartData *self, guint series, guint category, double value)
{
  g_return_if_fail (CSP_IS_CHART_DATA (self));
  g_return_if_fail (isfinite (value));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (category < self->category_keys->len);

  g_array_index (get_series (self, series)->values, double, category) = value;
}

guint
csp_chart_data_get_n_categories (CspChartData *self)
{
  g_return_val_if_fail (CSP_IS_CHART_DATA (self), 0);
  return self->category_keys->len;
}

guint
csp_chart_data_get_n_series (CspChartData *self)
{
  g_return_val_if_fail (CSP_IS_CHART_DATA (self), 0);
  return self->series->len;
}

const char *
csp_chart_data_get_category_key (CspChartData *self, guint category)
{
  g_return_val_if_fail (CSP_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (category < self->category_keys->len, NULL);
  return self->category_keys->pdata[category];
}

const char *
csp_chart_data_get_category_label (CspChartData *self, guint category)
{
  g_return_val_if_fail (CSP_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (category < self->category_labels->len, NULL);
  return self->category_labels->pdata[category];
}

/**
 * csp_chart_data_find_category:
 *
 * Returns: the index of the category with @key, or -1
 */
int
csp_chart_data_find_category (CspChartData *self, const char *key)
{
  g_return_val_if_fail (CSP_IS_CHART_DATA (self), -1);
  g_return_val_if_fail (key != NULL, -1);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->category_index, key)) - 1;
}

/**
 * csp_chart_data_set_category_detail:
 * @detail: (nullable): what stands behind the category, for a person
 *   pointing at it: the titles of the risks in a risk matrix's cell
 */
void
csp_chart_data_set_category_detail (CspChartData *self, guint category, const char *detail)
{
  g_return_if_fail (CSP_IS_CHART_DATA (self));
  g_return_if_fail (category < self->category_details->len);

  g_free (self->category_details->pdata[category]);
  self->category_details->pdata[category] = g_strdup (detail);
}

/**
 * csp_chart_data_get_category_detail:
 *
 * Returns: (nullable): the category's detail, or %NULL when it has none
 */
const char *
csp_chart_data_get_category_detail (CspChartData *self, guint category)
{
  g_return_val_if_fail (CSP_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (category < self->category_details->len, NULL);
  return self->category_details->pdata[category];
}

const char *
csp_chart_data_get_series_key (CspChartData *self, guint series)
{
  g_return_val_if_fail (CSP_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  return get_series (self, series)->key;
}

const char *
csp_chart_data_get_series_label (CspChartData *self, guint series)
{
  g_return_val_if_fail (CSP_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);
  return get_series (self, series)->label;
}

/**
 * csp_chart_data_get_value:
 *
 * Returns: the value, or NAN when the series has none for @category
 */
double
csp_chart_data_get_value (CspChartData *self, guint series, guint category)
{
  g_return_val_if_fail (CSP_IS_CHART_DATA (self), NAN);
  g_return_val_if_fail (series < self->series->len, NAN);
  g_return_val_if_fail (category < self->category_keys->len, NAN);
  return g_array_index (get_series (self, series)->values, double, category);
}

/**
 * csp_chart_data_has_value:
 *
 * Returns: whether the series has a value for @category; a month with no
 *   figure has none
 */
gboolean
csp_chart_data_has_value (CspChartData *self, guint series, guint category)
{
  return !isnan (csp_chart_data_get_value (self, series, category));
}

/**
 * csp_chart_data_get_values:
 * @n_values: (out) (optional): the number of categories
 *
 * Returns: (transfer none) (array length=n_values): the series' values, one
 *   per category, NAN where there is none
 */
const double *
csp_chart_data_get_values (CspChartData *self, guint series, guint *n_values)
{
  Series *s;

  g_return_val_if_fail (CSP_IS_CHART_DATA (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  s = get_series (self, series);
  if (n_values != NULL)
    *n_values = s->values->len;
  return (const double *) (gpointer) s->values->data;
}

/* @total with @value added; either may be missing (NAN), and the sum is
 * missing only when both are. */
static double
add_present (double total, double value)
{
  if (isnan (value))
    return total;
  return isnan (total) ? value : total + value;
}

/**
 * csp_chart_data_get_category_total:
 *
 * Returns: the sum of the series' values for @category, or NAN when no
 *   series has one
 */
double
csp_chart_data_get_category_total (CspChartData *self, guint category)
{
  double total = NAN;

  g_return_val_if_fail (CSP_IS_CHART_DATA (self), NAN);
  g_return_val_if_fail (category < self->category_keys->len, NAN);

  for (guint i = 0; i < self->series->len; i++)
    total = add_present (total, g_array_index (get_series (self, i)->values, double, category));
  return total;
}

/**
 * csp_chart_data_get_series_total:
 *
 * Returns: the sum of the series' values, or NAN when it has none
 */
double
csp_chart_data_get_series_total (CspChartData *self, guint series)
{
  GArray *values;
  double total = NAN;

  g_return_val_if_fail (CSP_IS_CHART_DATA (self), NAN);
  g_return_val_if_fail (series < self->series->len, NAN);

  values = get_series (self, series)->values;
  for (guint j = 0; j < values->len; j++)
    total = add_present (total, g_array_index (values, double, j));
  return total;
}

typedef struct
{
  guint category;
  double remainder;
} Remainder;

static int
compare_remainders (gconstpointer a, gconstpointer b)
{
  const Remainder *first = a, *second = b;

  if (first->remainder != second->remainder)
    return first->remainder > second->remainder ? -1 : 1;
  return first->category < second->category ? -1 : (first->category > second->category);
}

/**
 * csp_chart_data_get_shares:
 * @percents: (out caller-allocates) (array): one whole percentage per category
 *
 * Each category's share of the whole, its total (negative and missing
 * ones counting 0) over the sum of them, in whole percent that add up to
 * 100: each rounded down, then the points left over to the largest
 * remainders (the largest remainder method), so that a table or legend of
 * shares never reads 99% or 101%. All 0 when the whole is 0.
 */
void
csp_chart_data_get_shares (CspChartData *self, int *percents)
{
  guint n;
  double whole = 0;
  int given = 0;
  g_autofree Remainder *remainders = NULL;

  g_return_if_fail (CSP_IS_CHART_DATA (self));
  g_return_if_fail (percents != NULL);

  n = self->category_keys->len;
  remainders = g_new0 (Remainder, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      double total = csp_chart_data_get_category_total (self, i);
      whole += total > 0 ? total : 0;
    }
  for (guint i = 0; i < n; i++)
    {
      double total = csp_chart_data_get_category_total (self, i);
      double exact = whole > 0 && total > 0 ? 100 * total / whole : 0;

      percents[i] = (int) floor (exact);
      given += percents[i];
      remainders[i] = (Remainder){ i, exact - percents[i] };
    }
  if (whole <= 0)
    return;
  qsort (remainders, n, sizeof (Remainder), compare_remainders);
  for (guint i = 0; given < 100 && i < n; i++, given++)
    percents[remainders[i].category]++;
}

/**
 * csp_chart_data_is_empty:
 *
 * Returns: whether there is nothing to draw: no categories, no series, or
 *   no value but 0
 */
gboolean
csp_chart_data_is_empty (CspChartData *self)
{
  g_return_val_if_fail (CSP_IS_CHART_DATA (self), TRUE);

  for (guint i = 0; i < self->series->len; i++)
    {
      GArray *values = get_series (self, i)->values;

      for (guint j = 0; j < values->len; j++)
        {
          double value = g_array_index (values, double, j);

          if (!isnan (value) && value != 0.0)
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * csp_chart_data_set_note:
 * @note: (nullable): what a reader should know of the figures, such as
 *   which action plan they come from
 */
void
csp_chart_data_set_note (CspChartData *self, const char *note)
{
  g_return_if_fail (CSP_IS_CHART_DATA (self));
  g_free (self->note);
  self->note = g_strdup (note);
}

const char *
csp_chart_data_get_note (CspChartData *self)
{
  g_return_val_if_fail (CSP_IS_CHART_DATA (self), NULL);
  return self->note;
}

/* The standard charts' queries. */

typedef struct
{
  int from;
  int to;
  gboolean has_from;
  gboolean has_to;
} Period;

/* A hundred years of months: more is a mistyped date, not a chart. */
#define MAX_MONTHS 1200

static gboolean
check_length (int from, int to, GError **error)
{
  if (to - from < MAX_MONTHS)
    return TRUE;
  g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
               _ ("A chart can show at most %d years; the period from %04d to %04d is longer. "
                  "Choose a shorter period, or look for a mistyped year"),
               MAX_MONTHS / 12, CSP_MONTH_YEAR (from), CSP_MONTH_YEAR (to));
  return FALSE;
}

static gboolean
parse_period (const char *from_month, const char *to_month, Period *period, GError **error)
{
  const char *months[] = { from_month, to_month };
  int *indexes[] = { &period->from, &period->to };

  *period = (Period){ 0 };
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (months[i] != NULL && !csp_month_parse (months[i], indexes[i]))
      {
        g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                     _ ("“%s” is not a month; write it as YYYY-MM, such as 2021-04"), months[i]);
        return FALSE;
      }
  period->has_from = from_month != NULL;
  period->has_to = to_month != NULL;
  if (period->has_from && period->has_to && period->from > period->to)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID,
                   _ ("The period starts (%s) after it ends (%s)"), from_month, to_month);
      return FALSE;
    }
  return !period->has_from || !period->has_to || check_length (period->from, period->to, error);
}

/* Binds the period's first month to ? 1 and 2, and its last to ? 3 and 4,
 * NULL for an open end, as in `(CAST(? AS TEXT) IS NULL OR x >= ?)`: plain
 * `?`, as numbered ones are SQLite's, and the cast, as PostgreSQL cannot
 * type a bare `? IS NULL`. An @end_offset of 1 binds the month after the
 * last instead, for a half-open comparison on ISO date text: from 'YYYY-MM'
 * (which sorts before that month's first day) up to, not including, the
 * month after the last. */
static void
bind_period (CspStatement *stmt, const Period *period, int end_offset)
{
  g_autofree char *from = period->has_from ? csp_month_key (period->from) : NULL;
  g_autofree char *to = period->has_to ? csp_month_key (period->to + end_offset) : NULL;

  csp_statement_bind_text (stmt, 1, from);
  csp_statement_bind_text (stmt, 2, from);
  csp_statement_bind_text (stmt, 3, to);
  csp_statement_bind_text (stmt, 4, to);
}

typedef struct
{
  guint series;
  int month;
  double value;
} MonthValue;

/* Every month of the period becomes a category, those without rows
 * included: as 0 when the values are @counts (no activities is none),
 * and otherwise with no value (no figure is not a figure of 0). An open
 * end of the period closes at the first or last month that has a value. */
static gboolean
fill_months (CspChartData *data, const Period *period, GArray *values, gboolean counts,
             GError **error)
{
  int from = period->from;
  int to = period->to;

  if (!period->has_from || !period->has_to)
    {
      int low = G_MAXINT, high = G_MININT;

      for (guint i = 0; i < values->len; i++)
        {
          const MonthValue *value = &g_array_index (values, MonthValue, i);
          low = MIN (low, value->month);
          high = MAX (high, value->month);
        }
      if (values->len == 0)
        {
          /* Nothing recorded: a closed end alone makes a one-month period. */
          if (!period->has_from && !period->has_to)
            return TRUE;
          low = high = period->has_from ? period->from : period->to;
        }
      if (!period->has_from)
        from = MIN (low, period->has_to ? period->to : low);
      if (!period->has_to)
        to = MAX (high, period->has_from ? period->from : high);
    }
  if (!check_length (from, to, error))
    return FALSE;
  for (int month = from; month <= to; month++)
    {
      g_autofree char *key = csp_month_key (month);
      g_autofree char *label = csp_month_label (month);
      guint category = csp_chart_data_add_category (data, key, label);

      for (guint j = 0; counts && j < csp_chart_data_get_n_series (data); j++)
        csp_chart_data_set_value (data, j, category, 0);
    }
  for (guint i = 0; i < values->len; i++)
    {
      const MonthValue *value = &g_array_index (values, MonthValue, i);

      if (value->month >= from && value->month <= to)
        csp_chart_data_set_value (data, value->series, (guint) (value->month - from), value->value);
    }
  return TRUE;
}

/* A series or category the query always has, by key and translatable label. */
typedef struct
{
  const char *key;
  const char *label;
} KeyLabel;

/* What a chart query works with, from its period to its data. */
typedef struct
{
  Period period;
  CspChartData *data;
  CspStatement *stmt; /* the rows the chart is drawn from */
  GArray *values;     /* of MonthValue, for fill_months() */
} Query;

static void
query_clear (Query *query)
{
  g_clear_object (&query->data);
  g_clear_pointer (&query->stmt, csp_statement_free);
  g_clear_pointer (&query->values, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Query, query_clear)

/* What every chart query begins with: its period read from @from_month
 * and @to_month, and empty data with categories of @kind. */
static gboolean
query_begin (Query *query, const char *from_month, const char *to_month, CspChartCategoryKind kind,
             GError **error)
{
  if (!parse_period (from_month, to_month, &query->period, error))
    return FALSE;
  query->data = csp_chart_data_new (kind);
  query->values = g_array_new (FALSE, FALSE, sizeof (MonthValue));
  return TRUE;
}

/* Prepares the period's rows, @sql with the period bound as bind_period()
 * says. */
static gboolean
query_prepare (Query *query, CspDatabase *database, const char *sql, int end_offset, GError **error)
{
  query->stmt = csp_database_prepare (database, sql, error);
  if (query->stmt == NULL)
    return FALSE;
  bind_period (query->stmt, &query->period, end_offset);
  return TRUE;
}

/* Ends a query once its rows stopped at @step: the data, or %NULL. */
static CspChartData *
query_end (Query *query, CspStep step)
{
  return step == CSP_STEP_FAILED ? NULL : g_steal_pointer (&query->data);
}

/* Ends a month chart's query: its data has every month of the period
 * (fill_months()). */
static CspChartData *
query_end_months (Query *query, CspStep step, gboolean counts, GError **error)
{
  if (step == CSP_STEP_FAILED ||
      !fill_months (query->data, &query->period, query->values, counts, error))
    return NULL;
  return query_end (query, step);
}

/**
 * csp_chart_data_query_reach_trend:
 * @from_month: (nullable): the first month, 'YYYY-MM'; %NULL for the first with figures
 * @to_month: (nullable): the last month; %NULL for the last with figures
 *
 * People reached each month, one series per channel that has a "reach"
 * metric (in the order the channels were added), the sum of its monthly
 * figures. A month without a figure has no value: it is a gap in the
 * line, never a 0.
 *
 * Returns: (transfer full): the data, categories of %CSP_CHART_CATEGORY_MONTH
 *   keyed 'YYYY-MM', series keyed by channel id
 */
CspChartData *
csp_chart_data_query_reach_trend (CspDatabase *database, const char *from_month,
                                  const char *to_month, GError **error)
{
  g_auto (Query) query = { 0 };
  g_autoptr (CspStatement) channels = NULL;
  g_autoptr (GHashTable) series_of_channel = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) channel_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);

  if (!query_begin (&query, from_month, to_month, CSP_CHART_CATEGORY_MONTH, error))
    return NULL;
  channels = csp_database_prepare (database,
                                   "SELECT c.id, c.name FROM channel c"
                                   " WHERE EXISTS (SELECT 1 FROM metric m"
                                   "                WHERE m.channel_id = c.id AND m.kind = 'reach')"
                                   " ORDER BY c.id",
                                   error);
  if (channels == NULL)
    return NULL;
  /* Ids first, so that the hash table's keys point into an array that
   * no longer grows. */
  while ((step = csp_statement_step (channels, error)) == CSP_STEP_ROW)
    {
      gint64 id = csp_statement_get_int64 (channels, 0);
      g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_array_append_val (channel_ids, id);
      csp_chart_data_add_series (query.data, key, csp_statement_get_text (channels, 1));
    }
  if (step == CSP_STEP_FAILED)
    return NULL;
  for (guint i = 0; i < channel_ids->len; i++)
    g_hash_table_insert (series_of_channel, &g_array_index (channel_ids, gint64, i),
                         GUINT_TO_POINTER (i));

  if (!query_prepare (&query, database,
                      "SELECT m.channel_id, v.month, sum(v.value)"
                      "  FROM metric_value v JOIN metric m ON m.id = v.metric_id"
                      " WHERE m.kind = 'reach'"
                      "   AND (CAST(? AS TEXT) IS NULL OR v.month >= ?)"
                      "   AND (CAST(? AS TEXT) IS NULL OR v.month <= ?)"
                      " GROUP BY m.channel_id, v.month"
                      " ORDER BY m.channel_id, v.month",
                      0, error))
    return NULL;
  while ((step = csp_statement_step (query.stmt, error)) == CSP_STEP_ROW)
    {
      gint64 channel_id = csp_statement_get_int64 (query.stmt, 0);
      const char *month = csp_statement_get_text (query.stmt, 1);
      gpointer series;
      MonthValue value = { 0 };

      if (month == NULL ||
          !g_hash_table_lookup_extended (series_of_channel, &channel_id, NULL, &series) ||
          !csp_month_parse (month, &value.month))
        continue;
      value.series = GPOINTER_TO_UINT (series);
      value.value = (double) csp_statement_get_int64 (query.stmt, 2);
      g_array_append_val (query.values, value);
    }
  return query_end_months (&query, step, FALSE, error);
}

/**
 * csp_chart_data_query_activities_by_month:
 * @from_month: (nullable): the first month; %NULL for the first with activities
 * @to_month: (nullable): the last month; %NULL for the last with activities
 *
 * Activities (cancelled ones left out) by the month they start in, one
 * series per mode: online, in person, hybrid; 0 in a month without any.
 *
 * Returns: (transfer full): the data, categories of %CSP_CHART_CATEGORY_MONTH,
 *   series keyed by the mode word
 */
CspChartData *
csp_chart_data_query_activities_by_month (CspDatabase *database, const char *from_month,
                                          const char *to_month, GError **error)
{
  static const KeyLabel modes[] = {
    { "online", N_ ("Online") },
    { "in_person", N_ ("In person") },
    { "hybrid", N_ ("Hybrid") },
  };
  g_auto (Query) query = { 0 };
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);

  if (!query_begin (&query, from_month, to_month, CSP_CHART_CATEGORY_MONTH, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    csp_chart_data_add_series (query.data, modes[i].key, _ (modes[i].label));
  if (!query_prepare (&query, database,
                      "SELECT substr(start_date, 1, 7), mode, count(*) FROM activity"
                      " WHERE status <> 'cancelled'"
                      "   AND (CAST(? AS TEXT) IS NULL OR start_date >= ?)"
                      "   AND (CAST(? AS TEXT) IS NULL OR start_date < ?)"
                      " GROUP BY 1, 2 ORDER BY 1, 2",
                      1, error))
    return NULL;
  while ((step = csp_statement_step (query.stmt, error)) == CSP_STEP_ROW)
    {
      const char *month = csp_statement_get_text (query.stmt, 0);
      const char *mode = csp_statement_get_text (query.stmt, 1);
      MonthValue value = { .series = G_MAXUINT };

      if (month == NULL || !csp_month_parse (month, &value.month))
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
        if (g_strcmp0 (mode, modes[i].key) == 0)
          value.series = i;
      if (value.series == G_MAXUINT)
        continue;
      value.value = (double) csp_statement_get_int64 (query.stmt, 2);
      g_array_append_val (query.values, value);
    }
  return query_end_months (&query, step, TRUE, error);
}

/* Prepares @sql (no parameters) into @stmt and steps to its first row. */
static CspStep
query_first_row (CspDatabase *database, const char *sql, CspStatement **stmt, GError **error)
{
  *stmt = csp_database_prepare (database, sql, error);
  if (*stmt == NULL)
    return CSP_STEP_FAILED;
  return csp_statement_step (*stmt, error);
}

/**
 * csp_chart_data_query_year_start_month:
 * @month: (out): the month the partnership's financial year starts in, 1
 *   to 12; April (4) when the settings do not say
 */
gboolean
csp_chart_data_query_year_start_month (CspDatabase *database, int *month, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  CspStep step;
  gint64 value = 4;

  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (month != NULL, FALSE);

  step =
      query_first_row (database, "SELECT financial_year_start_month FROM settings", &stmt, error);
  if (step == CSP_STEP_FAILED)
    return FALSE;
  if (step == CSP_STEP_ROW)
    value = csp_statement_get_int64 (stmt, 0);
  *month = value >= 1 && value <= 12 ? (int) value : 4;
  return TRUE;
}

/**
 * csp_chart_data_query_last_full_month:
 * @month: (out) (transfer full) (nullable): the month as 'YYYY-MM', or
 *   %NULL when there are no figures
 *
 * Finds the last month that has figures for most channels: more than half
 * of those with any figures. A month where one channel's figure is in
 * early, and the others' are still to come, is not complete enough to end
 * a chart's period.
 */
gboolean
csp_chart_data_query_last_full_month (CspDatabase *database, char **month, GError **error)
{
  g_autoptr (CspStatement) stmt = NULL;
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (month != NULL, FALSE);

  *month = NULL;
  step = query_first_row (database,
                          "SELECT v.month FROM metric_value v JOIN metric m ON m.id = v.metric_id"
                          " GROUP BY v.month"
                          " HAVING 2 * count(DISTINCT m.channel_id) >"
                          "        (SELECT count(DISTINCT m2.channel_id)"
                          "           FROM metric_value v2 JOIN metric m2 ON m2.id = v2.metric_id)"
                          " ORDER BY v.month DESC LIMIT 1",
                          &stmt, error);
  if (step == CSP_STEP_FAILED)
    return FALSE;
  if (step == CSP_STEP_ROW)
    *month = g_strdup (csp_statement_get_text (stmt, 0));
  return TRUE;
}

/**
 * csp_chart_data_query_rag_status:
 * @from_month: (nullable): unused: a plan's RAG statuses are those of today
 * @to_month: (nullable): the plan is the latest one whose financial year
 *   starts by this month; %NULL for the latest plan
 *
 * Actions of one action plan by RAG status: red, amber, green and
 * complete, in that order and always present, then "not set" when some
 * actions have no RAG status. Cancelled actions are left out. The data's
 * note is the plan's title.
 *
 * Returns: (transfer full): the data, one series, categories of
 *   %CSP_CHART_CATEGORY_RAG keyed by the RAG word ("none" when not set)
 */
CspChartData *
csp_chart_data_query_rag_status (CspDatabase *database, const char *from_month,
                                 const char *to_month, GError **error)
{
  static const KeyLabel rags[] = {
    { "red", N_ ("Red") },
    { "amber", N_ ("Amber") },
    { "green", N_ ("Green") },
    { "complete", N_ ("Complete") },
  };
  g_auto (Query) query = { 0 };
  g_autoptr (CspStatement) plan = NULL;
  CspStep step;
  gint64 plan_id;
  int year_start_month = 4;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);

  if (!query_begin (&query, from_month, to_month, CSP_CHART_CATEGORY_RAG, error))
    return NULL;
  csp_chart_data_add_series (query.data, "actions", _ ("Actions"));
  for (guint i = 0; i < G_N_ELEMENTS (rags); i++)
    csp_chart_data_set_value (
        query.data, 0, csp_chart_data_add_category (query.data, rags[i].key, _ (rags[i].label)), 0);

  if (!csp_chart_data_query_year_start_month (database, &year_start_month, error))
    return NULL;
  plan = csp_database_prepare (database,
                               "SELECT id, title FROM plan"
                               " WHERE CAST(? AS BIGINT) IS NULL OR year_start <= ?"
                               " ORDER BY year_start DESC, id DESC LIMIT 1",
                               error);
  if (plan == NULL)
    return NULL;
  if (query.period.has_to)
    {
      /* The financial year the last month falls in, by its first calendar year. */
      int year = CSP_MONTH_YEAR (query.period.to);

      if (CSP_MONTH_OF_YEAR (query.period.to) < year_start_month)
        year--;
      csp_statement_bind_int64 (plan, 1, year);
      csp_statement_bind_int64 (plan, 2, year);
    }
  else
    {
      csp_statement_bind_null (plan, 1);
      csp_statement_bind_null (plan, 2);
    }
  step = csp_statement_step (plan, error);
  if (step == CSP_STEP_FAILED)
    return NULL;
  if (step == CSP_STEP_DONE)
    return query_end (&query, step);
  plan_id = csp_statement_get_int64 (plan, 0);
  csp_chart_data_set_note (query.data, csp_statement_get_text (plan, 1));

  query.stmt = csp_database_prepare (database,
                                     "SELECT coalesce(a.rag, 'none'), count(*)"
                                     "  FROM action a JOIN priority p ON p.id = a.priority_id"
                                     " WHERE p.plan_id = ? AND a.status <> 'cancelled'"
                                     " GROUP BY 1 ORDER BY 1",
                                     error);
  if (query.stmt == NULL)
    return NULL;
  csp_statement_bind_int64 (query.stmt, 1, plan_id);
  while ((step = csp_statement_step (query.stmt, error)) == CSP_STEP_ROW)
    {
      const char *rag = csp_statement_get_text (query.stmt, 0);
      int category = rag != NULL ? csp_chart_data_find_category (query.data, rag) : -1;

      if (g_strcmp0 (rag, "none") == 0)
        category = (int) csp_chart_data_add_category (query.data, "none", _ ("Not set"));
      if (category >= 0)
        csp_chart_data_set_value (query.data, 0, (guint) category,
                                  (double) csp_statement_get_int64 (query.stmt, 1));
    }
  return query_end (&query, step);
}

/* Ties in order of name, byte by byte on both engines (a PostgreSQL
 * server's default collation may be a language's), then of id. */
#define LEAD_PARTNERS_SQL(NAME_ORDER)                                                              \
  "SELECT a.lead_partner_id, p.name, count(*) AS n"                                                \
  "  FROM activity a LEFT JOIN partner p ON p.id = a.lead_partner_id"                              \
  " WHERE a.status <> 'cancelled'"                                                                 \
  "   AND (CAST(? AS TEXT) IS NULL OR a.start_date >= ?)"                                          \
  "   AND (CAST(? AS TEXT) IS NULL OR a.start_date < ?)"                                           \
  " GROUP BY a.lead_partner_id, p.name"                                                            \
  " ORDER BY CASE WHEN a.lead_partner_id IS NULL THEN 1 ELSE 0 END, n DESC, " NAME_ORDER           \
  ", a.lead_partner_id"

static const char lead_partners_sqlite_sql[] = LEAD_PARTNERS_SQL ("p.name");
static const char lead_partners_postgresql_sql[] = LEAD_PARTNERS_SQL ("p.name COLLATE \"C\"");

#undef LEAD_PARTNERS_SQL

/**
 * csp_chart_data_query_lead_partners:
 * @from_month: (nullable): the first month activities start in; %NULL for no limit
 * @to_month: (nullable): the last month; %NULL for no limit
 *
 * Activities (cancelled ones left out) per lead partner, most first; those
 * without a lead partner come last, keyed "none". Partners are labelled by
 * name.
 *
 * Returns: (transfer full): the data, one series, categories of
 *   %CSP_CHART_CATEGORY_PARTNER keyed by partner id
 */
CspChartData *
csp_chart_data_query_lead_partners (CspDatabase *database, const char *from_month,
                                    const char *to_month, GError **error)
{
  g_auto (Query) query = { 0 };
  CspStep step;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);

  if (!query_begin (&query, from_month, to_month, CSP_CHART_CATEGORY_PARTNER, error))
    return NULL;
  csp_chart_data_add_series (query.data, "activities", _ ("Activities"));
  if (!query_prepare (
          &query, database,
          csp_database_pick_sql (database, lead_partners_sqlite_sql, lead_partners_postgresql_sql),
          1, error))
    return NULL;
  while ((step = csp_statement_step (query.stmt, error)) == CSP_STEP_ROW)
    {
      g_autofree char *key = NULL;
      const char *label;
      guint category;

      if (csp_statement_is_null (query.stmt, 0))
        {
          key = g_strdup ("none");
          label = _ ("No lead partner");
        }
      else
        {
          key = g_strdup_printf ("%" G_GINT64_FORMAT, csp_statement_get_int64 (query.stmt, 0));
          label = csp_statement_get_text (query.stmt, 1);
        }
      category = csp_chart_data_add_category (query.data, key, label != NULL ? label : "");
      csp_chart_data_set_value (query.data, 0, category,
                                (double) csp_statement_get_int64 (query.stmt, 2));
    }
  return query_end (&query, step);
}

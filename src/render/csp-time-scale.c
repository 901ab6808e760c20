/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-time-scale"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "csp-chart-data.h"
#include "csp-time-scale.h"

/* Time axes of months, divided into months, quarters or financial years.
 * Quarters and years follow the financial year, which starts in the month
 * the partnership's settings name (April in England). Which groups carry
 * a label goes by their place in the calendar, not by where the axis
 * starts, so that labels stay put while a period is scrolled. */

/**
 * csp_time_unit_get_months:
 *
 * Returns: how many months one @unit holds
 */
guint
csp_time_unit_get_months (CspTimeUnit unit)
{
  switch (unit)
    {
    case CSP_TIME_UNIT_QUARTER:
      return 3;
    case CSP_TIME_UNIT_YEAR:
      return 12;
    case CSP_TIME_UNIT_AUTO:
    case CSP_TIME_UNIT_MONTH:
    default:
      return 1;
    }
}

/**
 * csp_time_unit_get_steps:
 * @n_steps: (out): how many
 *
 * Every how many groups of @unit a label may go, finest first: 1, 3 or 6
 * months; 1 or 2 quarters; 1, 2 or 5 times a power of ten years.
 *
 * Returns: (transfer none) (array length=n_steps): the steps
 */
const guint *
csp_time_unit_get_steps (CspTimeUnit unit, guint *n_steps)
{
  static const guint month_steps[] = { 1, 3, 6 };
  static const guint quarter_steps[] = { 1, 2 };
  static const guint year_steps[] = { 1, 2, 5, 10, 20, 50, 100 };

  switch (unit)
    {
    case CSP_TIME_UNIT_QUARTER:
      *n_steps = G_N_ELEMENTS (quarter_steps);
      return quarter_steps;
    case CSP_TIME_UNIT_YEAR:
      *n_steps = G_N_ELEMENTS (year_steps);
      return year_steps;
    case CSP_TIME_UNIT_AUTO:
    case CSP_TIME_UNIT_MONTH:
    default:
      *n_steps = G_N_ELEMENTS (month_steps);
      return month_steps;
    }
}

/* Months since the start of the financial year: 0 to 11. */
static int
months_into_year (int month, int year_start_month)
{
  return ((CSP_MONTH_OF_YEAR (month) - year_start_month) % 12 + 12) % 12;
}

/**
 * csp_time_financial_year:
 * @month: a month index
 * @year_start_month: the financial year's first month, 1 (January) to 12
 *
 * Returns: the calendar year in which @month's financial year starts:
 *   2020 for March 2021 when years start in April
 */
int
csp_time_financial_year (int month, int year_start_month)
{
  g_return_val_if_fail (year_start_month >= 1 && year_start_month <= 12, 0);

  return CSP_MONTH_YEAR (month - months_into_year (month, year_start_month));
}

/**
 * csp_time_quarter:
 *
 * Returns: the quarter of the financial year @month falls in, 1 to 4
 */
guint
csp_time_quarter (int month, int year_start_month)
{
  g_return_val_if_fail (year_start_month >= 1 && year_start_month <= 12, 0);

  return (guint) months_into_year (month, year_start_month) / 3 + 1;
}

/**
 * csp_time_group_start:
 *
 * Returns: the first month of the month, quarter or financial year that
 *   @month falls in
 */
int
csp_time_group_start (int month, CspTimeUnit unit, int year_start_month)
{
  int into;

  g_return_val_if_fail (year_start_month >= 1 && year_start_month <= 12, month);

  into = months_into_year (month, year_start_month);
  switch (unit)
    {
    case CSP_TIME_UNIT_QUARTER:
      return month - into % 3;
    case CSP_TIME_UNIT_YEAR:
      return month - into;
    case CSP_TIME_UNIT_AUTO:
    case CSP_TIME_UNIT_MONTH:
    default:
      return month;
    }
}

static char *
year_label (int year, int year_start_month)
{
  if (year_start_month == 1)
    return g_strdup_printf ("%d", year);
  /* TRANSLATORS: a financial year from its first to its second calendar
   * year, such as 2020-21 */
  return g_strdup_printf (C_ ("financial year", "%d-%02d"), year, (year + 1) % 100);
}

/**
 * csp_time_label:
 *
 * Returns: (transfer full): the name of the month, quarter or financial
 *   year @month falls in: "Apr 2020", "Q1 2020-21", "2020-21"
 */
char *
csp_time_label (int month, CspTimeUnit unit, int year_start_month)
{
  g_autofree char *year = NULL;

  g_return_val_if_fail (year_start_month >= 1 && year_start_month <= 12, NULL);

  switch (unit)
    {
    case CSP_TIME_UNIT_QUARTER:
      year = year_label (csp_time_financial_year (month, year_start_month), year_start_month);
      /* TRANSLATORS: a quarter of a financial year, such as Q1 2020-21 */
      return g_strdup_printf (_ ("Q%u %s"), csp_time_quarter (month, year_start_month), year);
    case CSP_TIME_UNIT_YEAR:
      return year_label (csp_time_financial_year (month, year_start_month), year_start_month);
    case CSP_TIME_UNIT_AUTO:
    case CSP_TIME_UNIT_MONTH:
    default:
      return csp_month_label (month);
    }
}

/* The group's place in a count that starts with the first group of a
 * financial year, so that every step-th one is labelled the same way
 * whatever the axis' first month. */
static int
group_ordinal (int group_month, CspTimeUnit unit, int year_start_month)
{
  switch (unit)
    {
    case CSP_TIME_UNIT_QUARTER:
      return (group_month - year_start_month + 1 + 1200000) / 3;
    case CSP_TIME_UNIT_YEAR:
      return csp_time_financial_year (group_month, year_start_month);
    case CSP_TIME_UNIT_AUTO:
    case CSP_TIME_UNIT_MONTH:
    default:
      return months_into_year (group_month, year_start_month);
    }
}

/**
 * csp_time_groups:
 * @first_month: the axis' first month
 * @n_months: how many months the axis holds
 * @unit: months, quarters or financial years
 * @step: every how many groups one is labelled
 * @year_start_month: the financial year's first month, 1 to 12
 *
 * The months, quarters or financial years along an axis, the first and
 * last perhaps in part.
 *
 * Returns: (transfer full) (element-type CspTimeGroup): the groups, in order
 */
GArray *
csp_time_groups (int first_month, guint n_months, CspTimeUnit unit, guint step,
                 int year_start_month)
{
  GArray *groups = g_array_new (FALSE, TRUE, sizeof (CspTimeGroup));
  guint length = csp_time_unit_get_months (unit);
  int end = first_month + (int) n_months;

  g_return_val_if_fail (step >= 1, groups);
  g_return_val_if_fail (year_start_month >= 1 && year_start_month <= 12, groups);

  for (int month = csp_time_group_start (first_month, unit, year_start_month); month < end;
       month += (int) length)
    {
      int visible_start = MAX (month, first_month);
      int visible_end = MIN (month + (int) length, end);
      CspTimeGroup group = {
        .month = month,
        .start = (guint) (visible_start - first_month),
        .length = (guint) (visible_end - visible_start),
        .whole = visible_end - visible_start == (int) length,
        .labelled = group_ordinal (month, unit, year_start_month) % (int) step == 0,
      };
      g_array_append_val (groups, group);
    }
  return groups;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart-scale"

#include "config.h"

#include <locale.h>
#include <math.h>

#include "csp-chart-data.h"
#include "csp-scale.h"
#include "csp-time-scale.h"

/* Scales as numbers: value ticks by the 1-2-5 rule, number formats, and
 * time axes by month, quarter and financial year. */

static void
assert_ticks (double low, double high, guint max_ticks, double first, double step, guint count)
{
  CspTicks ticks;

  csp_ticks_for_range (low, high, max_ticks, &ticks);
  g_assert_cmpfloat_with_epsilon (ticks.first, first, 1e-9);
  g_assert_cmpfloat_with_epsilon (ticks.step, step, 1e-9);
  g_assert_cmpuint (ticks.count, ==, count);
}

static void
test_ticks (void)
{
  assert_ticks (0, 61234, 8, 0, 10000, 8);
  assert_ticks (0, 61234, 6, 0, 20000, 5);
  assert_ticks (0, 7, 11, 0, 1, 8);
  assert_ticks (0, 27, 7, 0, 5, 7);
  assert_ticks (0, 0.37, 5, 0, 0.1, 5);
  assert_ticks (-35, 120, 8, -50, 50, 5);
  assert_ticks (1234, 1234, 5, 0, 500, 4);

  /* Every step is 1, 2 or 5 times a power of ten, the ticks enclose the data. */
  for (double high = 1; high < 1e7; high *= 1.37)
    for (guint max_ticks = 2; max_ticks <= 11; max_ticks++)
      {
        CspTicks ticks;
        double mantissa;

        csp_ticks_for_range (0, high, max_ticks, &ticks);
        mantissa = ticks.step / pow (10, floor (log10 (ticks.step) + 1e-9));
        g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 ||
                       fabs (mantissa - 5) < 1e-6);
        g_assert_cmpuint (ticks.count, <=, max_ticks);
        g_assert_cmpfloat (ticks.first, <=, 0);
        g_assert_cmpfloat (csp_ticks_get_last (&ticks), >=, high - 1e-9);
      }
}

static void
test_whole_numbers (void)
{
  CspTicks ticks;

  /* Three activities on an axis of eleven ticks: 0, 1, 2, 3, not halves. */
  csp_ticks_for_whole_numbers (0, 3, 11, &ticks);
  g_assert_cmpfloat (ticks.step, ==, 1);
  g_assert_cmpuint (ticks.count, ==, 4);
  csp_ticks_for_whole_numbers (0, 1, 11, &ticks);
  g_assert_cmpfloat (ticks.step, ==, 1);
  g_assert_cmpuint (ticks.count, ==, 2);
  csp_ticks_for_whole_numbers (0, 0, 6, &ticks);
  g_assert_cmpfloat (ticks.first, ==, 0);
  g_assert_cmpfloat (csp_ticks_get_last (&ticks), ==, 1);
  csp_ticks_for_whole_numbers (0, 27, 7, &ticks);
  g_assert_cmpfloat (ticks.step, ==, 5);
  g_assert_cmpfloat (csp_ticks_get_last (&ticks), ==, 30);
}

static void
assert_formats (char *text, const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_format (void)
{
  assert_formats (csp_format_number (0), "0");
  assert_formats (csp_format_number (999), "999");
  assert_formats (csp_format_number (1000), "1,000");
  assert_formats (csp_format_number (12345), "12,345");
  assert_formats (csp_format_number (1234567), "1,234,567");
  assert_formats (csp_format_number (-61234), "-61,234");
  assert_formats (csp_format_decimal (12345.25, 1), "12,345.3");
  assert_formats (csp_format_decimal (0.05, 2), "0.05");
  assert_formats (csp_format_decimal (-0.25, 1), "-0.3");
  assert_formats (csp_format_decimal (1999.999, 2), "2,000.00");
  assert_formats (csp_format_decimal (42, 0), "42");
}

static void
test_months (void)
{
  int index = 0;

  g_assert_true (csp_month_parse ("2020-04", &index));
  g_assert_cmpint (index, ==, CSP_MONTH_INDEX (2020, 4));
  g_assert_cmpint (CSP_MONTH_YEAR (index), ==, 2020);
  g_assert_cmpint (CSP_MONTH_OF_YEAR (index), ==, 4);
  assert_formats (csp_month_key (index + 9), "2021-01");
  assert_formats (csp_month_label (index), "Apr 2020");
  for (guint i = 0; i < 6; i++)
    {
      const char *bad[] = { "2020-13", "2020-00", "2020-4", "20-04-01", "2020-04-01", "" };
      g_assert_false (csp_month_parse (bad[i], NULL));
    }
}

static void
test_financial_year (void)
{
  int april_2020 = CSP_MONTH_INDEX (2020, 4);
  int march_2021 = CSP_MONTH_INDEX (2021, 3);

  g_assert_cmpint (csp_time_financial_year (april_2020, 4), ==, 2020);
  g_assert_cmpint (csp_time_financial_year (march_2021, 4), ==, 2020);
  g_assert_cmpint (csp_time_financial_year (march_2021, 1), ==, 2021);
  g_assert_cmpint (csp_time_financial_year (CSP_MONTH_INDEX (2021, 6), 7), ==, 2020);
  g_assert_cmpuint (csp_time_quarter (april_2020, 4), ==, 1);
  g_assert_cmpuint (csp_time_quarter (CSP_MONTH_INDEX (2020, 12), 4), ==, 3);
  g_assert_cmpuint (csp_time_quarter (march_2021, 4), ==, 4);
  g_assert_cmpuint (csp_time_quarter (march_2021, 1), ==, 1);
  g_assert_cmpint (csp_time_group_start (CSP_MONTH_INDEX (2020, 8), CSP_TIME_UNIT_QUARTER, 4), ==,
                   CSP_MONTH_INDEX (2020, 7));
  g_assert_cmpint (csp_time_group_start (march_2021, CSP_TIME_UNIT_YEAR, 4), ==, april_2020);
}

static void
test_time_labels (void)
{
  int month = CSP_MONTH_INDEX (2020, 5);

  assert_formats (csp_time_label (month, CSP_TIME_UNIT_MONTH, 4), "May 2020");
  assert_formats (csp_time_label (month, CSP_TIME_UNIT_QUARTER, 4), "Q1 2020-21");
  assert_formats (csp_time_label (CSP_MONTH_INDEX (2021, 2), CSP_TIME_UNIT_QUARTER, 4),
                  "Q4 2020-21");
  assert_formats (csp_time_label (month, CSP_TIME_UNIT_YEAR, 4), "2020-21");
  assert_formats (csp_time_label (CSP_MONTH_INDEX (1999, 6), CSP_TIME_UNIT_YEAR, 4), "1999-00");
  assert_formats (csp_time_label (month, CSP_TIME_UNIT_YEAR, 1), "2020");
  assert_formats (csp_time_label (month, CSP_TIME_UNIT_QUARTER, 1), "Q2 2020");
}

static void
test_time_groups (void)
{
  /* February 2020 to May 2021 by quarters of an April year: Q4 2019-20 in
   * part, four whole quarters, Q1 2021-22 in part. */
  g_autoptr (GArray) groups =
      csp_time_groups (CSP_MONTH_INDEX (2020, 2), 16, CSP_TIME_UNIT_QUARTER, 2, 4);
  const guint starts[] = { 0, 2, 5, 8, 11, 14 };
  const guint lengths[] = { 2, 3, 3, 3, 3, 2 };
  const gboolean labelled[] = { FALSE, TRUE, FALSE, TRUE, FALSE, TRUE };
  g_autoptr (GArray) years = NULL;

  g_assert_cmpuint (groups->len, ==, 6);
  for (guint i = 0; i < groups->len; i++)
    {
      const CspTimeGroup *group = &g_array_index (groups, CspTimeGroup, i);

      g_assert_cmpuint (group->start, ==, starts[i]);
      g_assert_cmpuint (group->length, ==, lengths[i]);
      g_assert_cmpint (group->whole, ==, lengths[i] == 3);
      /* Every second quarter from each year's first: Q1 and Q3. */
      g_assert_cmpint (group->labelled, ==, labelled[i]);
    }
  g_assert_cmpint (g_array_index (groups, CspTimeGroup, 0).month, ==, CSP_MONTH_INDEX (2020, 1));

  /* Ten years by financial year, every fifth labelled by its first year. */
  years = csp_time_groups (CSP_MONTH_INDEX (2016, 4), 120, CSP_TIME_UNIT_YEAR, 5, 4);
  g_assert_cmpuint (years->len, ==, 10);
  for (guint i = 0; i < years->len; i++)
    {
      const CspTimeGroup *group = &g_array_index (years, CspTimeGroup, i);

      g_assert_true (group->whole);
      g_assert_cmpuint (group->start, ==, 12 * i);
      g_assert_cmpint (group->labelled, ==, (2016 + i) % 5 == 0);
    }
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chart/scale/ticks", test_ticks);
  g_test_add_func ("/chart/scale/whole-numbers", test_whole_numbers);
  g_test_add_func ("/chart/scale/format", test_format);
  g_test_add_func ("/chart/scale/months", test_months);
  g_test_add_func ("/chart/scale/financial-year", test_financial_year);
  g_test_add_func ("/chart/scale/time-labels", test_time_labels);
  g_test_add_func ("/chart/scale/time-groups", test_time_groups);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-dates"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-dates.h"

/* Days as people in Britain read them: "5 July 2021" in a report's text,
 * "5 Jul 2021" in tables, lists and messages; and as they type them,
 * 05/07/2021. The database, files and the command line keep YYYY-MM-DD;
 * this is the one place that turns one into the other. */

static const char *const month_names[12] = {
  N_ ("January"),   N_ ("February"), N_ ("March"),    N_ ("April"),
  N_ ("May"),       N_ ("June"),     N_ ("July"),     N_ ("August"),
  N_ ("September"), N_ ("October"),  N_ ("November"), N_ ("December"),
};

/* Abbreviated, for the narrow date column of the appendix table. */
static const char *const short_month_names[12] = {
  N_ ("Jan"), N_ ("Feb"), N_ ("Mar"), N_ ("Apr"), N_ ("May"), N_ ("Jun"),
  N_ ("Jul"), N_ ("Aug"), N_ ("Sep"), N_ ("Oct"), N_ ("Nov"), N_ ("Dec"),
};

static gboolean
parse_date (const char *date, int *year, int *month, int *day)
{
  static const char pattern[] = "dddd-dd-dd";

  if (date == NULL || strlen (date) != strlen (pattern))
    return FALSE;
  for (guint i = 0; pattern[i] != '\0'; i++)
    if (pattern[i] == 'd' ? !g_ascii_isdigit (date[i]) : date[i] != pattern[i])
      return FALSE;
  *year = (int) g_ascii_strtoull (date, NULL, 10);
  *month = (int) g_ascii_strtoull (date + 5, NULL, 10);
  *day = (int) g_ascii_strtoull (date + 8, NULL, 10);
  return *year >= 1900 &&
         g_date_valid_dmy ((GDateDay) *day, (GDateMonth) *month, (GDateYear) *year);
}

/**
 * csp_date_is_valid:
 * @date: (nullable): text
 *
 * Returns: whether @date is a real day written YYYY-MM-DD
 */
gboolean
csp_date_is_valid (const char *date)
{
  int year, month, day;

  return parse_date (date, &year, &month, &day);
}

/**
 * csp_date_to_gdate:
 * @date: (nullable): text
 * @out: (out caller-allocates): the day, when @date is one
 *
 * Returns: whether @date is a real day written YYYY-MM-DD
 */
gboolean
csp_date_to_gdate (const char *date, GDate *out)
{
  int year, month, day;

  if (!parse_date (date, &year, &month, &day))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/**
 * csp_month_format_long:
 * @month: a month, YYYY-MM
 *
 * Returns: (transfer full): the month in words, "June 2021"; @month
 *   itself when it is not a month
 */
char *
csp_month_format_long (const char *month)
{
  g_autofree char *first = g_strconcat (month, "-01", NULL);
  int year, number, day;

  if (!parse_date (first, &year, &number, &day))
    return g_strdup (month);
  /* TRANSLATORS: a month: its name, the year */
  return g_strdup_printf (C_ ("long month", "%s %d"), _ (month_names[number - 1]), year);
}

/**
 * csp_date_format_long:
 * @date: (nullable): a date, YYYY-MM-DD
 *
 * Returns: (transfer full): the date in words, as a report writes it, "5 July 2021";
 *   @date itself (or "") when it is not a date
 */
char *
csp_date_format_long (const char *date)
{
  int year, month, day;

  if (!parse_date (date, &year, &month, &day))
    return g_strdup (date != NULL ? date : "");
  /* TRANSLATORS: a date in a committee report: day, month name, year */
  return g_strdup_printf (C_ ("long date", "%d %s %d"), day, _ (month_names[month - 1]), year);
}

/**
 * csp_date_format_range:
 * @start_date: a date, YYYY-MM-DD
 * @end_date: (nullable): a later date, or %NULL for one day
 *
 * Returns: (transfer full): the days short, as in a table: "9 Jun 2020",
 *   "15–28 Jun 2020", "29 Jun – 31 Aug 2020", "7 Dec 2020 – 8 Jan 2021"
 */
char *
csp_date_format_range (const char *start_date, const char *end_date)
{
  int y0, m0, d0, y1, m1, d1;
  const char *mon0, *mon1;

  g_return_val_if_fail (start_date != NULL, NULL);

  if (!parse_date (start_date, &y0, &m0, &d0))
    return g_strdup (start_date);
  mon0 = _ (short_month_names[m0 - 1]);
  if (!parse_date (end_date, &y1, &m1, &d1) || g_strcmp0 (end_date, start_date) <= 0)
    /* TRANSLATORS: a short date in a table: day, abbreviated month, year */
    return g_strdup_printf (C_ ("short date", "%d %s %d"), d0, mon0, y0);
  mon1 = _ (short_month_names[m1 - 1]);
  if (y0 == y1 && m0 == m1)
    /* TRANSLATORS: days of one month: first day, last day, month, year */
    return g_strdup_printf (C_ ("date range", "%d–%d %s %d"), d0, d1, mon0, y0);
  if (y0 == y1)
    /* TRANSLATORS: days of one year: day, month, day, month, year */
    return g_strdup_printf (C_ ("date range", "%d %s – %d %s %d"), d0, mon0, d1, mon1, y0);
  /* TRANSLATORS: two dates: day, month, year, day, month, year */
  return g_strdup_printf (C_ ("date range", "%d %s %d – %d %s %d"), d0, mon0, y0, d1, mon1, y1);
}

/**
 * csp_date_format_typed:
 * @date: (nullable): a date, YYYY-MM-DD
 *
 * Returns: (transfer full): the date as it is typed in Britain,
 *   "05/07/2021"; @date itself (or "") when it is not a date
 */
char *
csp_date_format_typed (const char *date)
{
  int year, month, day;

  if (!parse_date (date, &year, &month, &day))
    return g_strdup (date != NULL ? date : "");
  return g_strdup_printf ("%02d/%02d/%04d", day, month, year);
}

/**
 * csp_date_from_typed:
 * @text: a date as typed: dd/mm/yyyy (one-digit days and months too)
 *
 * Returns: (transfer full) (nullable): the date, YYYY-MM-DD, or %NULL when
 *   @text is not a real day written so
 */
char *
csp_date_from_typed (const char *text)
{
  g_autofree char *iso = NULL;
  g_auto (GStrv) parts = NULL;
  guint64 numbers[3];

  g_return_val_if_fail (text != NULL, NULL);

  parts = g_strsplit (text, "/", -1);
  if (g_strv_length (parts) != 3 || strlen (parts[0]) > 2 || strlen (parts[1]) > 2 ||
      strlen (parts[2]) != 4)
    return NULL;
  for (guint i = 0; i < 3; i++)
    if (!g_ascii_string_to_unsigned (parts[i], 10, 1, 9999, &numbers[i], NULL))
      return NULL;
  iso = g_strdup_printf ("%04d-%02d-%02d", (int) numbers[2], (int) numbers[1], (int) numbers[0]);
  return csp_date_is_valid (iso) ? g_steal_pointer (&iso) : NULL;
}

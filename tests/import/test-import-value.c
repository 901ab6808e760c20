/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-value"

#include "config.h"

#include <string.h>

#include "csp-import-value.h"
#include "csp-records.h"

/* Values as people type them into spreadsheets. */

typedef struct
{
  const char *text;
  const char *expected; /* NULL: refused */
  const char *message_part;
} Case;

static void
test_dates (void)
{
  static const Case cases[] = {
    { "01/06/2021", "2021-06-01", NULL },
    { "1/6/2021", "2021-06-01", NULL },
    { " 31/12/2021 ", "2021-12-31", NULL },
    { "31.12.2021", "2021-12-31", NULL },
    { "31-12-2021", "2021-12-31", NULL },
    { "29/02/2024", "2024-02-29", NULL },
    { "01/06/2021 00:00", "2021-06-01", NULL },
    { "01/06/2021 09:30:15", "2021-06-01", NULL },
    { "2021-06-01", "2021-06-01", NULL },
    { "2021-6-1", "2021-06-01", NULL },
    { "2021-06-01T07:00:00+0000", "2021-06-01", NULL },
    { "2021-06-01 10:00:00", "2021-06-01", NULL },
    { "1 June 2021", "2021-06-01", NULL },
    { "01-Jun-2021", "2021-06-01", NULL },
    { "3rd Sept 2021", "2021-09-03", NULL },
    /* as the platforms' exports write them */
    { "Tue, Jun 01, 2021", "2021-06-01", NULL },
    { "Jun 01, 2021 10:00 am", "2021-06-01", NULL },
    { "June 1, 2021", "2021-06-01", NULL },
    { "Tuesday 1 June 2021", "2021-06-01", NULL },
    { "20210601", "2021-06-01", NULL },
    { "2021-06-01 00:00 +0000", "2021-06-01", NULL },
    { "Feb 30, 2021", NULL, "is not a real date" },
    { "31/02/2021", NULL, "“31/02/2021” is not a real date" },
    { "29/02/2021", NULL, "is not a real date" },
    { "06/13/2021", NULL, "dates are read day first" },
    { "01/06/21", NULL, "two-digit year" },
    { "1 Jun 21", NULL, "two-digit year" },
    { "01/06/1899", NULL, "is not a real date" },
    { "2021/06/01", NULL, "write it as dd/mm/yyyy or yyyy-mm-dd" },
    { "June", NULL, "is not a date" },
    { "1 Smarch 2021", NULL, "is not a date" },
    { "yesterday", NULL, "is not a date" },
    { "01/06/20211", NULL, "is not a date" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = NULL;
      g_autoptr (GError) error = NULL;
      gboolean ok = csp_import_parse_date (cases[i].text, &iso, &error);

      g_test_message ("%s", cases[i].text);
      if (cases[i].expected != NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (iso, ==, cases[i].expected);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_VALUE);
          g_assert_nonnull (strstr (error->message, cases[i].message_part));
        }
    }
}

/* Dates in numbers only read as the file writes them; others one way. */
static void
test_date_orders (void)
{
  static const struct
  {
    const char *text;
    CspDateOrder order;
    const char *expected;
  } cases[] = {
    { "06/13/2021", CSP_DATE_ORDER_MONTH_FIRST, "2021-06-13" },
    { "06/01/2021", CSP_DATE_ORDER_MONTH_FIRST, "2021-06-01" },
    { "06/01/2021", CSP_DATE_ORDER_DAY_FIRST, "2021-01-06" },
    { "06/01/2021", CSP_DATE_ORDER_UNDECIDED, "2021-01-06" },
    { "2021-06-01", CSP_DATE_ORDER_MONTH_FIRST, "2021-06-01" },
    { "1 June 2021", CSP_DATE_ORDER_MONTH_FIRST, "2021-06-01" },
    { "13/06/2021", CSP_DATE_ORDER_MONTH_FIRST, NULL },
  };
  g_autofree char *month = NULL;
  guint first = 0, second = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("%s", cases[i].text);
      if (cases[i].expected != NULL)
        {
          g_assert_true (
              csp_import_parse_date_in_order (cases[i].text, cases[i].order, &iso, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (iso, ==, cases[i].expected);
        }
      else
        {
          g_assert_false (
              csp_import_parse_date_in_order (cases[i].text, cases[i].order, &iso, &error));
          g_assert_nonnull (strstr (error->message, "read month first"));
        }
    }
  g_assert_true (
      csp_import_parse_month_in_order ("06/01/2021", CSP_DATE_ORDER_MONTH_FIRST, &month, NULL));
  g_assert_cmpstr (month, ==, "2021-06");

  g_assert_true (csp_import_numeric_date_parts (" 06/13/2021 00:00", &first, &second));
  g_assert_cmpuint (first, ==, 6);
  g_assert_cmpuint (second, ==, 13);
  g_assert_false (csp_import_numeric_date_parts ("2021-06-13", &first, &second));
  g_assert_false (csp_import_numeric_date_parts ("Jun 13, 2021", &first, &second));
}

static void
test_months (void)
{
  static const Case cases[] = {
    { "2021-06", "2021-06", NULL },
    { "06/2021", "2021-06", NULL },
    { "6/2021", "2021-06", NULL },
    { "June 2021", "2021-06", NULL },
    { "Jun 2021", "2021-06", NULL },
    { "jun-2021", "2021-06", NULL },
    { "01/06/2021", "2021-06", NULL },
    { "30/06/2021", "2021-06", NULL },
    { "2021-06-15", "2021-06", NULL },
    { "2021-13", NULL, "is not a month" },
    { "13/2021", NULL, "is not a month" },
    { "Jun 21", NULL, "two-digit year" },
    { "Smarch 2021", NULL, "is not a month" },
    { "", NULL, "is not a month" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *iso = NULL;
      g_autoptr (GError) error = NULL;
      gboolean ok = csp_import_parse_month (cases[i].text, &iso, &error);

      g_test_message ("%s", cases[i].text);
      if (cases[i].expected != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (iso, ==, cases[i].expected);
        }
      else
        {
          g_assert_false (ok);
          g_assert_nonnull (strstr (error->message, cases[i].message_part));
        }
    }
}

typedef struct
{
  const char *text;
  gboolean decimal_comma;
  gboolean ok;
  gint64 value;
  const char *message_part;
} NumberCase;

static void
test_numbers (void)
{
  static const NumberCase cases[] = {
    { "0", FALSE, TRUE, 0, NULL },
    { "1234", FALSE, TRUE, 1234, NULL },
    { " 42 ", FALSE, TRUE, 42, NULL },
    { "1,234", FALSE, TRUE, 1234, NULL },
    { "1,234,567", FALSE, TRUE, 1234567, NULL },
    { "1 234", FALSE, TRUE, 1234, NULL },
    { "1\xc2\xa0"
      "234",
      FALSE, TRUE, 1234, NULL },
    { "12 345 678", FALSE, TRUE, 12345678, NULL },
    { "1,234.00", FALSE, TRUE, 1234, NULL },
    { "1.234,00", FALSE, TRUE, 1234, NULL },
    { "1.234", TRUE, TRUE, 1234, NULL },
    { "1.234.567", FALSE, TRUE, 1234567, NULL },
    { "12.0", FALSE, TRUE, 12, NULL },
    { "12,0", FALSE, TRUE, 12, NULL },
    { "12.", FALSE, TRUE, 12, NULL },
    { "75%", FALSE, TRUE, 75, NULL },
    { "+5", FALSE, TRUE, 5, NULL },
    { "-5", FALSE, TRUE, -5, NULL },
    { "9223372036854775807", FALSE, TRUE, G_MAXINT64, NULL },
    { "1.234", FALSE, FALSE, 0, "“1.234” is not a whole number" },
    { "12.5", FALSE, FALSE, 0, "is not a whole number" },
    { "1,5", FALSE, FALSE, 0, "is not a whole number" },
    { "1,23,456", FALSE, FALSE, 0, "is not a number" },
    { "12,34,5", FALSE, FALSE, 0, "is not a number" },
    { "1 23", FALSE, FALSE, 0, "is not a number" },
    { "1,234.5.6", FALSE, FALSE, 0, "is not a number" },
    { "£1,234", FALSE, FALSE, 0, "is not a number" },
    { "12abc", FALSE, FALSE, 0, "is not a number" },
    { "%", FALSE, FALSE, 0, "is not a number" },
    { "-", FALSE, FALSE, 0, "is not a number" },
    { ",123", FALSE, FALSE, 0, "is not a number" },
    { "9223372036854775808", FALSE, FALSE, 0, "is too large" },
    { "99999999999999999999", FALSE, FALSE, 0, "is too large" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 value = -1;
      gboolean ok = csp_import_parse_int (cases[i].text, cases[i].decimal_comma, &value, &error);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        g_assert_cmpint (value, ==, cases[i].value);
      else
        g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_bools (void)
{
  static const char *const yes[] = { "yes", "Yes", "Y", "TRUE", "1", "x", "✓", " yes " };
  static const char *const no[] = { "no", "No", "n", "false", "FALSE", "0" };
  g_autoptr (GError) error = NULL;
  gboolean value = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      g_assert_true (csp_import_parse_bool (yes[i], &value, NULL));
      g_assert_true (value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    {
      g_assert_true (csp_import_parse_bool (no[i], &value, NULL));
      g_assert_false (value);
    }
  g_assert_false (csp_import_parse_bool ("maybe", &value, &error));
  g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, "“maybe” is not yes or no");
}

static void
test_choices (void)
{
  static const char *const modes[] = { "online", "in_person", "hybrid", NULL };
  static const char *const kinds[] = { "council", "police", "fire", "other", NULL };
  g_autoptr (GError) error = NULL;
  const char *word = NULL;

  g_assert_cmpstr (csp_import_match_choice (modes, "online"), ==, "online");
  g_assert_cmpstr (csp_import_match_choice (modes, "In person"), ==, "in_person");
  g_assert_cmpstr (csp_import_match_choice (modes, "IN-PERSON"), ==, "in_person");
  g_assert_cmpstr (csp_import_match_choice (modes, " Hybrid "), ==, "hybrid");
  g_assert_cmpstr (csp_import_match_choice (kinds, "Fire and rescue"), ==, "fire");
  g_assert_null (csp_import_match_choice (modes, "face to face"));
  g_assert_false (csp_import_parse_choice (modes, "podcast", &word, &error));
  g_assert_cmpstr (error->message, ==,
                   "“podcast” is not one of the allowed values (online, in_person, hybrid)");
}

static void
test_for_column (void)
{
  const CspTableInfo *info = csp_record_type_get_info (CSP_TYPE_ACTIVITY);
  g_auto (GValue) date = G_VALUE_INIT;
  g_auto (GValue) empty = G_VALUE_INIT;
  g_auto (GValue) flag = G_VALUE_INIT;
  g_auto (GValue) blank_flag = G_VALUE_INIT;
  g_auto (GValue) text = G_VALUE_INIT;
  g_auto (GValue) number = G_VALUE_INIT;
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_import_parse_for_column (csp_table_info_find_column (info, "start_date"),
                                              "03/06/2021", FALSE, CSP_DATE_ORDER_UNDECIDED, &date,
                                              NULL));
  g_assert_cmpstr (g_value_get_string (&date), ==, "2021-06-03");
  g_assert_true (csp_import_parse_for_column (csp_table_info_find_column (info, "end_date"), "  ",
                                              FALSE, CSP_DATE_ORDER_UNDECIDED, &empty, NULL));
  g_assert_false (G_IS_VALUE (&empty));
  g_assert_true (
      csp_import_parse_for_column (csp_table_info_find_column (info, "include_in_appendix"), "No",
                                   FALSE, CSP_DATE_ORDER_UNDECIDED, &flag, NULL));
  g_assert_false (g_value_get_boolean (&flag));
  g_assert_true (
      csp_import_parse_for_column (csp_table_info_find_column (info, "include_in_appendix"), "",
                                   FALSE, CSP_DATE_ORDER_UNDECIDED, &blank_flag, NULL));
  g_assert_false (G_IS_VALUE (&blank_flag));
  /* Text keeps its spacing, and loses the "'" an export puts before a formula. */
  g_assert_true (csp_import_parse_for_column (csp_table_info_find_column (info, "title"), "'=1+1 ",
                                              FALSE, CSP_DATE_ORDER_UNDECIDED, &text, NULL));
  g_assert_cmpstr (g_value_get_string (&text), ==, "=1+1 ");
  g_assert_true (csp_import_parse_for_column (csp_table_info_find_column (info, "reach"), "1.234",
                                              TRUE, CSP_DATE_ORDER_UNDECIDED, &number, NULL));
  g_assert_cmpint (g_value_get_int64 (&number), ==, 1234);
  g_value_unset (&number);
  g_assert_false (csp_import_parse_for_column (csp_table_info_find_column (info, "reach"), "lots",
                                               FALSE, CSP_DATE_ORDER_UNDECIDED, &number, &error));
  g_assert_false (G_IS_VALUE (&number));
  g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_VALUE);
}

static void
test_names (void)
{
  g_autofree char *a = csp_import_fold_name ("  Welwyn  Hatfield\tWomen’s Refuge ");
  g_autofree char *b = csp_import_fold_name ("welwyn hatfield women's refuge");
  g_autofree char *header = csp_import_fold_header ("Start-Date (dd/mm)");
  g_autoptr (GPtrArray) names = csp_import_split_names ("WHBC; Herts Police;\n;whbc ;HFRS");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (header, ==, "startdateddmm");
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "WHBC");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "Herts Police");
  g_assert_cmpstr (g_ptr_array_index (names, 2), ==, "HFRS");
}

static void
test_unneutralize (void)
{
  g_assert_cmpstr (csp_import_unneutralize ("'=SUM(1)"), ==, "=SUM(1)");
  g_assert_cmpstr (csp_import_unneutralize ("'+44 1707"), ==, "+44 1707");
  g_assert_cmpstr (csp_import_unneutralize ("'-5"), ==, "-5");
  g_assert_cmpstr (csp_import_unneutralize ("'@x"), ==, "@x");
  g_assert_cmpstr (csp_import_unneutralize ("'\tx"), ==, "\tx");
  g_assert_cmpstr (csp_import_unneutralize ("'quoted'"), ==, "'quoted'");
  g_assert_cmpstr (csp_import_unneutralize ("'"), ==, "'");
  g_assert_cmpstr (csp_import_unneutralize ("plain"), ==, "plain");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/value/dates", test_dates);
  g_test_add_func ("/import/value/date-orders", test_date_orders);
  g_test_add_func ("/import/value/months", test_months);
  g_test_add_func ("/import/value/numbers", test_numbers);
  g_test_add_func ("/import/value/bools", test_bools);
  g_test_add_func ("/import/value/choices", test_choices);
  g_test_add_func ("/import/value/for-column", test_for_column);
  g_test_add_func ("/import/value/names", test_names);
  g_test_add_func ("/import/value/unneutralize", test_unneutralize);
  return g_test_run ();
}

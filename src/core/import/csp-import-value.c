/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import-value"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-choices.h"
#include "csp-import-value.h"

/* Dates written with numbers only are read day first, as a UK
 * spreadsheet writes them, unless the file is known to write them month
 * first, as a US platform's export does (CspDateOrder); ISO dates, compact
 * ones (20210601) and those that name the month read one way only. Whole
 * numbers may carry thousands separators ("1,234" or "1 234"), a decimal
 * part of zeros ("12.0") or a percent sign. */

enum
{
  RE_ISO_DATE,
  RE_COMPACT_DATE,
  RE_NUMERIC_DATE,
  RE_NAMED_DATE,
  RE_MONTH_NAMED_FIRST_DATE,
  RE_ISO_MONTH,
  RE_UK_MONTH,
  RE_NAMED_MONTH,
  N_REGEXES
};

/* A time after a date: 09:00, 09:00:00.5, 10:00 am, with a zone or not */
#define TIME                                                                                       \
  "(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?: ?[ap]m)?(?: ?(?:Z|UTC|GMT|[+-]\\d{2}:?\\d{2}))?)?"
/* A weekday in front of a date: "Tue, ", "Tuesday " */
#define WEEKDAY "(?:[a-z]{3,9}\\.?,? )?"

static const char *const patterns[N_REGEXES] = {
  /* 2021-06-01, 2021-06-01T09:00:00+01:00, 2021-06-01 00:00 +0000 */
  "^(\\d{4})-(\\d{1,2})-(\\d{1,2})" TIME "$",
  /* 20210601, as Google Analytics writes dates */
  "^((?:19|20)\\d{2})(\\d{2})(\\d{2})$",
  /* 01/06/2021, 1.6.2021, 01-06-2021, optionally with a time */
  "^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d+)" TIME "$",
  /* 1 June 2021, 01-Jun-2021, 1st June 2021, Tue 1 June 2021 */
  "^" WEEKDAY "(\\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)\\.?,?[ -](\\d+)" TIME "$",
  /* Jun 01, 2021, Tue, Jun 01, 2021, June 1st 2021 */
  "^" WEEKDAY "([a-z]+)\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})" TIME "$",
  /* 2021-06 */
  "^(\\d{4})-(\\d{1,2})$",
  /* 06/2021 */
  "^(\\d{1,2})[/.-](\\d{4})$",
  /* June 2021, Jun-2021 */
  "^([a-z]+)\\.?,?[ -](\\d+)$",
};

static GRegex *
get_regex (guint which)
{
  static GRegex *regexes[N_REGEXES];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < N_REGEXES; i++)
        {
          regexes[i] = g_regex_new (patterns[i], G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
          g_assert (regexes[i] != NULL);
        }
      g_once_init_leave (&initialized, 1);
    }
  return regexes[which];
}

static gboolean value_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
value_error (GError **error, const char *format, ...)
{
  va_list args;

  va_start (args, format);
  if (error != NULL)
    {
      g_assert (*error == NULL);
      *error = g_error_new_valist (CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_VALUE, format, args);
    }
  va_end (args);
  return FALSE;
}

static guint
month_from_name (const char *name)
{
  static const char *const months[] = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
  };
  g_autofree char *lower = g_ascii_strdown (name, -1);
  gsize length = strlen (lower);

  if (length < 3)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (strncmp (months[i], lower, length) == 0 &&
        (length == 3 || length == strlen (months[i]) || (i == 8 && length == 4)))
      return i + 1;
  return 0;
}

static guint
match_number (GMatchInfo *match, int group)
{
  g_autofree char *text = g_match_info_fetch (match, group);

  return (guint) MIN (g_ascii_strtoull (text, NULL, 10), G_MAXUINT);
}

static gboolean
year_ok (const char *text, GMatchInfo *match, int group, guint *year, GError **error)
{
  g_autofree char *digits = g_match_info_fetch (match, group);

  if (strlen (digits) == 2)
    return value_error (error, _ ("“%s” has a two-digit year; write the year in full, e.g. 2021"),
                        text);
  if (strlen (digits) != 4)
    return value_error (error, _ ("“%s” is not a date (write it as dd/mm/yyyy or yyyy-mm-dd)"),
                        text);
  *year = match_number (match, group);
  return TRUE;
}

/* @order is how the file writes dates in numbers only, for the message
 * about one that is no date when read that way. */
static gboolean
make_date (const char *text, guint year, guint month, guint day, CspDateOrder order,
           char **iso_date, GError **error)
{
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      if (order == CSP_DATE_ORDER_DAY_FIRST && month > 12 && day <= 12)
        return value_error (error,
                            _ ("“%s” is not a real date (dates are read day first, as "
                               "dd/mm/yyyy)"),
                            text);
      if (order == CSP_DATE_ORDER_MONTH_FIRST && month > 12 && day <= 12)
        return value_error (error,
                            _ ("“%s” is not a real date (dates are read month first, as "
                               "mm/dd/yyyy)"),
                            text);
      return value_error (error, _ ("“%s” is not a real date"), text);
    }
  *iso_date = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  return TRUE;
}

/* A date that names its month, in @month_group: %FALSE when that is no
 * month's name; otherwise %TRUE with *@iso_date set, or @error. */
static gboolean
read_named_date (const char *text, GMatchInfo *match, int day_group, int month_group,
                 int year_group, char **iso_date, GError **error)
{
  g_autofree char *name = g_match_info_fetch (match, month_group);
  guint month = month_from_name (name);
  guint year = 0;

  if (month == 0)
    return FALSE;
  if (year_ok (text, match, year_group, &year, error))
    make_date (text, year, month, match_number (match, day_group), CSP_DATE_ORDER_UNDECIDED,
               iso_date, error);
  return TRUE;
}

/**
 * csp_import_numeric_date_parts:
 * @text: a value of a date column
 * @first: (out): the first number of a date written in numbers only
 * @second: (out): its second number
 *
 * Whether @text is a date written in numbers only, e.g. "06/01/2021",
 * which reads as 6 January or 1 June by the file's #CspDateOrder. A
 * first number over 12 says the file writes the day first; a second one
 * over 12, the month first.
 */
gboolean
csp_import_numeric_date_parts (const char *text, guint *first, guint *second)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autoptr (GMatchInfo) match = NULL;

  if (!g_regex_match (get_regex (RE_NUMERIC_DATE), trimmed, 0, &match))
    return FALSE;
  *first = match_number (match, 1);
  *second = match_number (match, 2);
  return TRUE;
}

/**
 * csp_import_parse_date_in_order:
 * @text: e.g. "01/06/2021", "1 June 2021", "Tue, Jun 01, 2021", "20210601"
 *   or "2021-06-01", with or without a time
 * @order: how the file writes dates in numbers only; undecided reads
 *   them day first
 * @iso_date: (out) (transfer full): the date as YYYY-MM-DD
 */
gboolean
csp_import_parse_date_in_order (const char *text, CspDateOrder order, char **iso_date,
                                GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  /* Values are quoted in messages only by their start. */
  g_autofree char *shown = csp_text_dup_excerpt (trimmed);
  g_autoptr (GMatchInfo) match = NULL;
  guint year = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (iso_date != NULL, FALSE);

  *iso_date = NULL;
  for (guint which = RE_ISO_DATE; which <= RE_COMPACT_DATE; which++)
    {
      if (g_regex_match (get_regex (which), trimmed, 0, &match))
        return make_date (shown, match_number (match, 1), match_number (match, 2),
                          match_number (match, 3), CSP_DATE_ORDER_UNDECIDED, iso_date, error);
      g_clear_pointer (&match, g_match_info_unref);
    }
  if (g_regex_match (get_regex (RE_NUMERIC_DATE), trimmed, 0, &match))
    {
      gboolean month_first = order == CSP_DATE_ORDER_MONTH_FIRST;

      if (!year_ok (shown, match, 3, &year, error))
        return FALSE;
      if (order == CSP_DATE_ORDER_UNDECIDED)
        order = CSP_DATE_ORDER_DAY_FIRST;
      return make_date (shown, year, match_number (match, month_first ? 1 : 2),
                        match_number (match, month_first ? 2 : 1), order, iso_date, error);
    }
  g_clear_pointer (&match, g_match_info_unref);
  if (g_regex_match (get_regex (RE_NAMED_DATE), trimmed, 0, &match) &&
      read_named_date (shown, match, 1, 2, 3, iso_date, error))
    return *iso_date != NULL;
  g_clear_pointer (&match, g_match_info_unref);
  if (g_regex_match (get_regex (RE_MONTH_NAMED_FIRST_DATE), trimmed, 0, &match) &&
      read_named_date (shown, match, 2, 1, 3, iso_date, error))
    return *iso_date != NULL;
  return value_error (error, _ ("“%s” is not a date (write it as dd/mm/yyyy or yyyy-mm-dd)"),
                      shown);
}

/**
 * csp_import_parse_date:
 * @text: e.g. "01/06/2021", "1 June 2021" or "2021-06-01", with or without a time
 * @iso_date: (out) (transfer full): the date as YYYY-MM-DD
 *
 * As csp_import_parse_date_in_order(), reading dates in numbers only day
 * first.
 */
gboolean
csp_import_parse_date (const char *text, char **iso_date, GError **error)
{
  return csp_import_parse_date_in_order (text, CSP_DATE_ORDER_DAY_FIRST, iso_date, error);
}

/**
 * csp_import_parse_month:
 * @text: e.g. "2021-06", "06/2021", "June 2021", or any date of the month
 * @iso_month: (out) (transfer full): the month as YYYY-MM
 *
 * As csp_import_parse_month_in_order(), reading dates in numbers only day
 * first.
 */
gboolean
csp_import_parse_month (const char *text, char **iso_month, GError **error)
{
  return csp_import_parse_month_in_order (text, CSP_DATE_ORDER_DAY_FIRST, iso_month, error);
}

/**
 * csp_import_parse_month_in_order:
 * @text: e.g. "2021-06", "06/2021", "June 2021", or any date of the month
 * @order: how the file writes dates in numbers only
 * @iso_month: (out) (transfer full): the month as YYYY-MM
 */
gboolean
csp_import_parse_month_in_order (const char *text, CspDateOrder order, char **iso_month,
                                 GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  /* Values are quoted in messages only by their start. */
  g_autofree char *shown = csp_text_dup_excerpt (trimmed);
  g_autoptr (GMatchInfo) match = NULL;
  guint year = 0, month = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (iso_month != NULL, FALSE);

  if (g_regex_match (get_regex (RE_ISO_MONTH), trimmed, 0, &match))
    {
      year = match_number (match, 1);
      month = match_number (match, 2);
    }
  else
    {
      g_clear_pointer (&match, g_match_info_unref);
      if (g_regex_match (get_regex (RE_UK_MONTH), trimmed, 0, &match))
        {
          year = match_number (match, 2);
          month = match_number (match, 1);
        }
      else
        {
          g_clear_pointer (&match, g_match_info_unref);
          if (g_regex_match (get_regex (RE_NAMED_MONTH), trimmed, 0, &match))
            {
              g_autofree char *name = g_match_info_fetch (match, 1);

              month = month_from_name (name);
              if (month != 0 && !year_ok (shown, match, 2, &year, error))
                return FALSE;
            }
          else
            {
              g_autofree char *date = NULL;

              if (!csp_import_parse_date_in_order (trimmed, order, &date, NULL))
                return value_error (error,
                                    _ ("“%s” is not a month (write it as yyyy-mm, mm/yyyy or "
                                       "a date in the month)"),
                                    shown);
              date[7] = '\0';
              *iso_month = g_strdup (date);
              return TRUE;
            }
        }
    }
  if (month < 1 || month > 12 || year < 1900)
    return value_error (error,
                        _ ("“%s” is not a month (write it as yyyy-mm, mm/yyyy or a date in the "
                           "month)"),
                        shown);
  *iso_month = g_strdup_printf ("%04u-%02u", year, month);
  return TRUE;
}

/* Whether @digits (only digits and @separator) is grouped by thousands:
 * 1 to 3 digits, then groups of exactly 3. */
static gboolean
is_grouped (const char *digits, gsize length, char separator)
{
  gsize run = 0;
  gboolean first = TRUE;

  for (gsize i = 0; i < length; i++)
    {
      if (digits[i] == separator)
        {
          if (run == 0 || (first && run > 3) || (!first && run != 3))
            return FALSE;
          first = FALSE;
          run = 0;
        }
      else
        run++;
    }
  return !first && run == 3;
}

static gboolean
all_zeros (const char *digits, gsize length)
{
  for (gsize i = 0; i < length; i++)
    if (digits[i] != '0')
      return FALSE;
  return TRUE;
}

static guint
count_char (const char *text, gsize length, char c)
{
  guint n = 0;

  for (gsize i = 0; i < length; i++)
    n += text[i] == c;
  return n;
}

/**
 * csp_import_parse_int:
 * @text: e.g. "1,234", "1 234", "1234.0", "75%"
 * @decimal_comma: the file comes from a locale that writes 1.234,5
 *   (semicolon separated), so "1.234" is read as 1234
 * @value: (out): the number
 *
 * A whole number. "1,234" is always 1234; "1.234" is 1.234 (not whole)
 * unless @decimal_comma.
 */
gboolean
csp_import_parse_int (const char *text, gboolean decimal_comma, gint64 *value, GError **error)
{
  g_autoptr (GString) number = g_string_new (NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  /* Values are quoted in messages only by their start. */
  g_autofree char *shown = csp_text_dup_excerpt (trimmed);
  const char *p = trimmed;
  gboolean negative = FALSE;
  guint commas, dots;
  char group = 0, decimal = 0;
  gsize integer_length;
  guint64 magnitude = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (*p) || *p == ',' || *p == '.')
        g_string_append_c (number, *p);
      else if (c == ' ' || c == 0xa0 || c == 0x202f || c == 0x2009)
        g_string_append_c (number, ' ');
      else if (*p == '%' && p[1] == '\0')
        break;
      else
        return value_error (error, _ ("“%s” is not a number"), shown);
    }
  if (number->len == 0 || !g_ascii_isdigit (number->str[0]))
    return value_error (error, _ ("“%s” is not a number"), shown);

  /* Which of space, comma and dot groups thousands and which (if any)
   * marks decimals. */
  commas = count_char (number->str, number->len, ',');
  dots = count_char (number->str, number->len, '.');
  if (strchr (number->str, ' ') != NULL)
    {
      group = ' ';
      if (commas + dots > 1)
        return value_error (error, _ ("“%s” is not a number"), shown);
      decimal = commas > 0 ? ',' : dots > 0 ? '.' : 0;
    }
  else if (commas > 0 && dots > 0)
    {
      decimal = strrchr (number->str, ',') > strrchr (number->str, '.') ? ',' : '.';
      group = decimal == ',' ? '.' : ',';
      if (count_char (number->str, number->len, decimal) > 1)
        return value_error (error, _ ("“%s” is not a number"), shown);
    }
  else if (commas > 0)
    {
      if (is_grouped (number->str, number->len, ','))
        group = ',';
      else if (commas == 1)
        decimal = ',';
      else
        return value_error (error, _ ("“%s” is not a number"), shown);
    }
  else if (dots > 0)
    {
      if (is_grouped (number->str, number->len, '.') && (dots > 1 || decimal_comma))
        group = '.';
      else if (dots == 1)
        decimal = '.';
      else
        return value_error (error, _ ("“%s” is not a number"), shown);
    }

  integer_length =
      decimal != 0 ? (gsize) (strchr (number->str, decimal) - number->str) : number->len;
  if (group != 0 && memchr (number->str, group, integer_length) != NULL &&
      !is_grouped (number->str, integer_length, group))
    return value_error (error, _ ("“%s” is not a number"), shown);
  if (decimal != 0)
    {
      const char *fraction = number->str + integer_length + 1;
      gsize fraction_length = number->len - integer_length - 1;

      for (gsize i = 0; i < fraction_length; i++)
        if (!g_ascii_isdigit (fraction[i]))
          return value_error (error, _ ("“%s” is not a number"), shown);
      if (!all_zeros (fraction, fraction_length))
        return value_error (error, _ ("“%s” is not a whole number"), shown);
    }

  for (gsize i = 0; i < integer_length; i++)
    {
      char c = number->str[i];

      if (c == group)
        continue;
      if (!g_ascii_isdigit (c))
        return value_error (error, _ ("“%s” is not a number"), shown);
      if (magnitude > ((guint64) G_MAXINT64 - (guint64) (c - '0')) / 10)
        return value_error (error, _ ("“%s” is too large"), shown);
      magnitude = magnitude * 10 + (guint64) (c - '0');
    }
  *value = negative ? -(gint64) magnitude : (gint64) magnitude;
  return TRUE;
}

/**
 * csp_import_parse_bool:
 * @text: yes, no, y, n, true, false, 1, 0 (any case), x or ✓ for yes
 * @value: (out): the answer
 */
gboolean
csp_import_parse_bool (const char *text, gboolean *value, GError **error)
{
  static const char *const yes[] = { "yes", "y", "true", "1", "x", "✓", "✔", NULL };
  static const char *const no[] = { "no", "n", "false", "0", NULL };
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  /* Values are quoted in messages only by their start. */
  g_autofree char *shown = csp_text_dup_excerpt (trimmed);
  g_autofree char *folded = g_utf8_casefold (trimmed, -1);
  g_autofree char *yes_word = g_utf8_casefold (_ ("yes"), -1);
  g_autofree char *no_word = g_utf8_casefold (_ ("no"), -1);

  g_return_val_if_fail (value != NULL, FALSE);

  if (g_strv_contains (yes, folded) || g_str_equal (folded, yes_word))
    *value = TRUE;
  else if (g_strv_contains (no, folded) || g_str_equal (folded, no_word))
    *value = FALSE;
  else
    return value_error (error, _ ("“%s” is not yes or no"), shown);
  return TRUE;
}

/* "In person" -> "in_person", "Social-media" -> "social_media" */
static char *
fold_word (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  GString *word = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *p = trimmed; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-' || *p == '_' || *p == '/')
        gap = TRUE;
      else
        {
          if (gap && word->len > 0)
            g_string_append_c (word, '_');
          gap = FALSE;
          g_string_append_c (word, g_ascii_tolower (*p));
        }
    }
  return g_string_free (word, FALSE);
}

/**
 * csp_import_match_choice:
 * @choices: the allowed words of a %CSP_COLUMN_CHOICE column
 *
 * Matches "In person", "IN-PERSON" or "in_person" to "in_person", and a
 * word's label as csp_choice_label() gives it ("Fire and rescue" to "fire").
 *
 * Returns: (transfer none) (nullable): the allowed word @text means
 */
const char *
csp_import_match_choice (const char *const *choices, const char *text)
{
  g_autofree char *word = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (choices != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], text))
      return choices[i];
  word = fold_word (text);
  for (guint i = 0; choices[i] != NULL; i++)
    if (g_str_equal (choices[i], word))
      return choices[i];
  folded = csp_import_fold_name (text);
  for (guint i = 0; choices[i] != NULL; i++)
    {
      g_autofree char *label = csp_import_fold_name (csp_choice_label (choices[i]));

      if (g_str_equal (folded, label))
        return choices[i];
    }
  return NULL;
}

/**
 * csp_import_parse_choice:
 * @word: (out) (transfer none): the allowed word
 */
gboolean
csp_import_parse_choice (const char *const *choices, const char *text, const char **word,
                         GError **error)
{
  g_autofree char *allowed = NULL;
  g_autofree char *shown = NULL;

  *word = csp_import_match_choice (choices, text);
  if (*word != NULL)
    return TRUE;
  allowed = g_strjoinv (", ", (char **) choices);
  shown = csp_text_dup_excerpt (text);
  return value_error (error, _ ("“%s” is not one of the allowed values (%s)"), shown, allowed);
}

/**
 * csp_import_parse_for_column:
 * @column: the column @text is a value of
 * @decimal_comma: whether the file writes decimals with a comma (as files
 *   separated by semicolons do), so that "1.234" is a whole number
 * @date_order: how the file writes dates in numbers only
 * @value: (out caller-allocates): an unset #GValue; left unset for an empty
 *   @text, else set to the column's type
 *
 * Reads @text as a value of @column. An empty text is no value: SQL NULL,
 * or for a yes/no column, no answer (the record keeps what it has).
 */
gboolean
csp_import_parse_for_column (const CspColumn *column, const char *text, gboolean decimal_comma,
                             CspDateOrder date_order, GValue *value, GError **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  char *parsed = NULL;
  gint64 number = 0;
  gboolean answer = FALSE;
  const char *word = NULL;

  g_return_val_if_fail (column != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL && !G_IS_VALUE (value), FALSE);

  if (*trimmed == '\0')
    return TRUE;
  switch (column->kind)
    {
    case CSP_COLUMN_INT:
    case CSP_COLUMN_REF:
      if (!csp_import_parse_int (trimmed, decimal_comma, &number, error))
        return FALSE;
      g_value_set_int64 (g_value_init (value, G_TYPE_INT64), number);
      return TRUE;
    case CSP_COLUMN_BOOL:
      if (!csp_import_parse_bool (trimmed, &answer, error))
        return FALSE;
      g_value_set_boolean (g_value_init (value, G_TYPE_BOOLEAN), answer);
      return TRUE;
    case CSP_COLUMN_DATE:
      if (!csp_import_parse_date_in_order (trimmed, date_order, &parsed, error))
        return FALSE;
      g_value_take_string (g_value_init (value, G_TYPE_STRING), parsed);
      return TRUE;
    case CSP_COLUMN_MONTH:
      if (!csp_import_parse_month_in_order (trimmed, date_order, &parsed, error))
        return FALSE;
      g_value_take_string (g_value_init (value, G_TYPE_STRING), parsed);
      return TRUE;
    case CSP_COLUMN_CHOICE:
      if (!csp_import_parse_choice (column->choices, trimmed, &word, error))
        return FALSE;
      g_value_set_static_string (g_value_init (value, G_TYPE_STRING), word);
      return TRUE;
    case CSP_COLUMN_TEXT:
    default:
      /* Text keeps its own spacing: only a blank value is none. */
      g_value_set_string (g_value_init (value, G_TYPE_STRING), csp_import_unneutralize (text));
      return TRUE;
    }
}

/**
 * csp_import_fold_name:
 *
 * The form names are compared in: case and runs of spaces do not count,
 * nor typographic against straight apostrophes.
 *
 * Returns: (transfer full): the folded name
 */
char *
csp_import_fold_name (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  g_autofree char *folded = NULL;
  GString *name = g_string_new (NULL);
  gboolean gap = FALSE;

  if (normal == NULL)
    return g_string_free (name, FALSE);
  folded = g_utf8_casefold (normal, -1);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          gap = TRUE;
          continue;
        }
      if (gap && name->len > 0)
        g_string_append_c (name, ' ');
      gap = FALSE;
      if (c == 0x2019 || c == 0x2018)
        c = '\'';
      g_string_append_unichar (name, c);
    }
  return g_string_free (name, FALSE);
}

/**
 * csp_import_fold_header:
 *
 * The form column names are compared in: letters and digits only, in one
 * case, so "Start date", "start_date" and "START-DATE" are the same.
 *
 * Returns: (transfer full): the folded header
 */
char *
csp_import_fold_header (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *header = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        g_string_append_unichar (header, c);
    }
  return g_string_free (header, FALSE);
}

/**
 * csp_import_split_names:
 * @text: names separated by ";" or line breaks
 *
 * Returns: (transfer full) (element-type utf8): the names, trimmed, each once
 */
GPtrArray *
csp_import_split_names (const char *text)
{
  g_auto (GStrv) parts = g_strsplit_set (text, ";\n", -1);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);

      if (*name == '\0' || !g_hash_table_add (seen, csp_import_fold_name (name)))
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  return names;
}

/**
 * csp_import_unneutralize:
 *
 * Undoes what an export does against formula injection: a value that
 * starts with "'" and then one of = + - @ tab or carriage return loses the
 * "'", so that an exported file imports as the same values.
 *
 * Returns: (transfer none): @text, or @text without its first character
 */
const char *
csp_import_unneutralize (const char *text)
{
  if (text[0] == '\'' && text[1] != '\0' && strchr ("=+-@\t\r", text[1]) != NULL)
    return text + 1;
  return text;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-breaks"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "csp-report-breaks.h"

/* A table's line breaks are Pango's: those of plain texts found without
 * Pango, those found by two threads whichever order the texts are asked
 * for in; and stopping early loses nothing. */

#define N_TEXTS 2000

static const char *const samples[] = {
  "",
  "Residents attended an online webinar about doorstep scams.",
  "Herts Police (lead), HFRS, WHBC",
  "First paragraph.\nSecond, after a line break.\n\nFourth, after an empty one.",
  "Windows line ends\r\nand a paragraph separator\u2029too",
  "1,450 / 17,600",
  "16–22 Nov 2020",
  "Twitter, Facebook, partners' websites and Microsoft Teams",
  "A long-winded, hyphen-joined, slash/separated text: www.example.org/path?q=1",
  "Café naïve façade — ünïcödé words",
  "HFRS (lead), ENHCCG, Herts Police; costs,2 and 1,450.5 at 10:30",
  "'Quoted' (bracketed) \"double\" & #tag @name",
  "مرحبا بالعالم",
  "สวัสดีครับ ยินดีต้อนรับ",
};

static GPtrArray *
make_texts (void)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_TEXTS; i++)
    g_ptr_array_add (texts, g_strdup_printf ("%u %s", i, samples[i % G_N_ELEMENTS (samples)]));
  return texts;
}

/* Pango's own breaks of each paragraph, where @found has them. */
static void
assert_pango_breaks (const char *text, const PangoLogAttr *found)
{
  PangoLanguage *language = pango_language_from_string ("en-gb");
  int length = (int) strlen (text);

  for (;;)
    {
      int delimiter, next, n_chars;
      g_autofree PangoLogAttr *expected = NULL;

      pango_find_paragraph_boundary (text, length, &delimiter, &next);
      n_chars = (int) g_utf8_strlen (text, delimiter);
      expected = g_new0 (PangoLogAttr, n_chars + 1);
      pango_get_log_attrs (text, delimiter, -1, language, expected, n_chars + 1);
      for (int i = 0; i <= n_chars; i++)
        {
          if (found[i].is_line_break != expected[i].is_line_break ||
              found[i].is_mandatory_break != expected[i].is_mandatory_break ||
              found[i].is_white != expected[i].is_white ||
              found[i].is_char_break != expected[i].is_char_break)
            g_error ("“%.*s”: Pango says %s break before character %d, and it is%s white",
                     delimiter, text,
                     expected[i].is_mandatory_break ? "a mandatory"
                     : expected[i].is_line_break    ? "a"
                                                    : "no",
                     i, expected[i].is_white ? "" : " not");
        }
      if (next == delimiter)
        break;
      found += g_utf8_strlen (text, next);
      text += next;
      length -= next;
    }
}

static void
test_find (void)
{
  PangoLanguage *language = pango_language_from_string ("en-gb");

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree PangoLogAttr *found = csp_text_breaks_find (samples[i], language);

      assert_pango_breaks (samples[i], found);
    }
}

/* Made-up texts of the characters that plain texts are made of, and of a
 * few that are not, in all orders: the rules for plain text say what
 * Pango says, or leave the text to Pango. */
static void
test_plain_as_pango (void)
{
  static const char alphabet[] = "aZz09  .,:;'\"&#@()-/";
  PangoLanguage *language = pango_language_from_string ("en-gb");
  g_autoptr (GRand) rand = g_rand_new_with_seed (1450);

  for (guint n = 0; n < 50000; n++)
    {
      char text[41];
      int length = g_rand_int_range (rand, 0, sizeof text);
      g_autofree PangoLogAttr *found = NULL;

      for (int i = 0; i < length; i++)
        text[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
      text[length] = '\0';
      found = csp_text_breaks_find (text, language);
      assert_pango_breaks (text, found);
    }
}

/* The caller takes the texts in order, as the layout does, and meets the
 * thread somewhere. */
static void
test_in_order (void)
{
  g_autoptr (GPtrArray) texts = make_texts ();
  g_autoptr (CspTextBreaks) breaks =
      csp_text_breaks_new (texts, pango_language_from_string ("en-gb"));

  for (guint i = 0; i < texts->len; i++)
    assert_pango_breaks (g_ptr_array_index (texts, i), csp_text_breaks_get (breaks, i));
}

/* The last texts first: those the thread starts on. */
static void
test_backwards (void)
{
  g_autoptr (GPtrArray) texts = make_texts ();
  g_autoptr (CspTextBreaks) breaks =
      csp_text_breaks_new (texts, pango_language_from_string ("en-gb"));

  for (guint i = texts->len; i-- > 0;)
    {
      const PangoLogAttr *found = csp_text_breaks_get (breaks, i);

      assert_pango_breaks (g_ptr_array_index (texts, i), found);
      g_assert_true (found == csp_text_breaks_get (breaks, i));
    }
}

/* Freed with most texts not asked for, while the thread is at work. */
static void
test_stop_early (void)
{
  for (guint run = 0; run < 20; run++)
    {
      g_autoptr (GPtrArray) texts = make_texts ();
      g_autoptr (CspTextBreaks) breaks =
          csp_text_breaks_new (texts, pango_language_from_string ("en-gb"));

      assert_pango_breaks (g_ptr_array_index (texts, run), csp_text_breaks_get (breaks, run));
    }
}

static void
test_no_texts (void)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();
  g_autoptr (CspTextBreaks) breaks =
      csp_text_breaks_new (texts, pango_language_from_string ("en-gb"));

  g_assert_nonnull (breaks);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report-breaks/find", test_find);
  g_test_add_func ("/report-breaks/plain-as-pango", test_plain_as_pango);
  g_test_add_func ("/report-breaks/in-order", test_in_order);
  g_test_add_func ("/report-breaks/backwards", test_backwards);
  g_test_add_func ("/report-breaks/stop-early", test_stop_early);
  g_test_add_func ("/report-breaks/no-texts", test_no_texts);
  return g_test_run ();
}

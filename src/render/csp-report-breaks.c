/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-breaks"

#include "config.h"

#include <string.h>

#include "csp-report-breaks.h"

/* Where the texts of a table may break their lines. Pango's line break
 * analysis (UAX #14 and more, for every script) costs more than the rest
 * of wrapping a table from cached words (csp-report-words.c) together.
 *
 * Most of a table's texts are plain: ASCII letters, digits, spaces, the
 * punctuation between words, words in brackets. There Pango breaks after
 * spaces and, as in "costs,2", between a punctuation mark and a digit
 * that is not part of a number; those texts are broken here by those two
 * rules, which tests/report/test-report-breaks.c holds to Pango over
 * tens of thousands of made-up texts. Any other character, or a bracket
 * where more rules would apply, leaves the text to Pango.
 *
 * Finding breaks needs nothing but the text, so a thread of its own
 * shares the work: the caller finds the breaks of each text it comes to
 * unless the thread has, and the thread works back from the last text
 * until they meet, so that neither waits for the other but there. */

enum
{
  TEXT_WAITING,
  TEXT_TAKEN, /* by the thread or the caller, which is finding its breaks */
  TEXT_DONE,
};

struct _CspTextBreaks
{
  GPtrArray *texts; /* const char *, the caller's */
  PangoLanguage *language;
  PangoLogAttr **attrs;
  int *states; /* atomic: TEXT_WAITING, TEXT_TAKEN, TEXT_DONE */
  GThread *thread;
  GMutex mutex;
  GCond done_cond;
  int waiting;   /* atomic, set under the mutex: the caller waits for the thread */
  int cancelled; /* atomic */
};

/* UAX #14's infix separators, which do not start a line */
static gboolean
is_infix (char c)
{
  return c == '.' || c == ',' || c == ':' || c == ';';
}

static gboolean
is_quote (char c)
{
  return c == '\'' || c == '"';
}

/* Whether an opening bracket follows a quotation mark and spaces, after
 * which no line breaks before it. */
static gboolean
follows_quote (const char *text, int bracket)
{
  int i = bracket;

  while (i > 0 && text[i - 1] == ' ')
    i--;
  return i < bracket && i > 0 && is_quote (text[i - 1]);
}

/* Whether the paragraph of @length bytes holds nothing the rules in
 * may_break_before() do not cover: brackets only round words, after a
 * space. */
static gboolean
is_plain (const char *text, int length)
{
  for (int i = 0; i < length; i++)
    {
      char c = text[i];
      char before = i > 0 ? text[i - 1] : ' ';
      char after = i + 1 < length ? text[i + 1] : ' ';

      if (g_ascii_isalnum (c) || c == ' ' || is_infix (c) || is_quote (c) || c == '&' || c == '#' ||
          c == '@')
        continue;
      if (c == '(' && before == ' ' && after != ' ' && after != '(' && after != ')' &&
          !follows_quote (text, i))
        continue;
      if (c == ')' && before != ' ' && before != '(' && (after == ' ' || is_infix (after)))
        continue;
      return FALSE;
    }
  return TRUE;
}

/* Whether a plain paragraph may break before its character at @i, not its
 * first. */
static gboolean
may_break_before (const char *text, int i)
{
  if (text[i] == ' ' || is_infix (text[i]))
    return FALSE;
  if (text[i - 1] == ' ')
    return TRUE;
  if (is_infix (text[i - 1]) && g_ascii_isdigit (text[i]))
    {
      /* "1,450" and "2.5" hold together, as does all that follows a digit
       * up to a space: "3.5,2" */
      for (int j = i - 1; j >= 0 && (is_infix (text[j]) || g_ascii_isdigit (text[j])); j--)
        if (g_ascii_isdigit (text[j]))
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

/* What pango_get_log_attrs() says of a plain paragraph, in the fields the
 * wrapping reads and those it implies for ASCII. */
static void
find_plain_breaks (const char *text, int length, PangoLogAttr *attrs)
{
  for (int i = 0; i <= length; i++)
    {
      gboolean end = i == length;

      attrs[i].is_line_break = end || (i > 0 && may_break_before (text, i));
      attrs[i].is_mandatory_break = end;
      attrs[i].is_char_break = TRUE;
      attrs[i].is_white = i == length || text[i] == ' ';
    }
}

/**
 * csp_text_breaks_find:
 * @text: plain text, its paragraphs apart by line breaks
 * @language: the text's language
 *
 * Finds where @text may break, as Pango says of each of its paragraphs
 * laid out on its own.
 *
 * Returns: (transfer full): a #PangoLogAttr for each of @text's characters
 *   and one for its end, of which is_line_break, is_mandatory_break,
 *   is_char_break and is_white are set; those of a paragraph's delimiter
 *   are not set
 */
PangoLogAttr *
csp_text_breaks_find (const char *text, PangoLanguage *language)
{
  int length = (int) strlen (text);
  PangoLogAttr *attrs = g_new0 (PangoLogAttr, g_utf8_strlen (text, length) + 1);
  int offset = 0;

  for (;;)
    {
      int delimiter, next;

      pango_find_paragraph_boundary (text, length, &delimiter, &next);
      if (is_plain (text, delimiter))
        find_plain_breaks (text, delimiter, attrs + offset);
      else
        pango_get_log_attrs (text, delimiter, -1, language, attrs + offset,
                             (int) g_utf8_strlen (text, delimiter) + 1);
      if (next == delimiter)
        break;
      offset += (int) g_utf8_strlen (text, next);
      text += next;
      length -= next;
    }
  return attrs;
}

/* The text being tamed: a copy made only once something changes. */
typedef struct
{
  const char *text;
  GString *out;
} Taming;

/* Everything before @p is as it was; from here on, the copy is written. */
static void
start_copy (Taming *taming, const char *p)
{
  if (taming->out != NULL)
    return;
  taming->out = g_string_sized_new (strlen (taming->text) * 2);
  g_string_append_len (taming->out, taming->text, p - taming->text);
}

/**
 * csp_text_breaks_tame:
 * @text: plain text, its paragraphs apart by line breaks
 * @attrs: (nullable): csp_text_breaks_find() of @text, or %NULL to find them
 * @language: @text's language
 * @max_chars: the most characters a word (a run without a line break
 *   opportunity), or a run of white space, may have and be left as it is
 *
 * Pango breaks a word too wide for its line between characters, but in
 * time that grows with the square of the word's length: a word of 20,000
 * characters takes seconds, one of 50 MB never ends. Long runs of white
 * space cost it the same. So a zero width space (U+200B) goes between
 * each two characters of a longer word: it breaks where Pango would have
 * broken it, in time that grows with its length, and looks the same. A
 * longer run of white space is cut to @max_chars: it is blank either way.
 *
 * Returns: (transfer full) (nullable): @text so tamed, or %NULL when it
 *   has nothing to tame
 */
char *
csp_text_breaks_tame (const char *text, const PangoLogAttr *attrs, PangoLanguage *language,
                      guint max_chars)
{
  g_autofree PangoLogAttr *found = NULL;
  Taming taming = { text, NULL };
  const char *paragraph = text;
  int length, offset = 0;

  g_return_val_if_fail (text != NULL, NULL);

  /* No run can be longer than the text. */
  length = (int) strlen (text);
  if ((gsize) length <= max_chars)
    return NULL;
  if (attrs == NULL)
    attrs = found = csp_text_breaks_find (text, language);

  for (;;)
    {
      int delimiter, next, n_chars, white = 0;
      const char *p = paragraph;

      pango_find_paragraph_boundary (paragraph, length, &delimiter, &next);
      n_chars = (int) g_utf8_strlen (paragraph, delimiter);
      for (int run = 0; run < n_chars;)
        {
          const PangoLogAttr *at = attrs + offset;
          int end = run + 1;
          gboolean open;

          while (end < n_chars && !at[end].is_line_break)
            end++;
          open = end - run > (int) max_chars;
          for (int i = run; i < end; i++)
            {
              const char *following = g_utf8_next_char (p);

              white = at[i].is_white ? white + 1 : 0;
              if (white > (int) max_chars)
                start_copy (&taming, p);
              else
                {
                  if (open && i > run && at[i].is_char_break && !at[i].is_white)
                    {
                      start_copy (&taming, p);
                      g_string_append (taming.out, "\xe2\x80\x8b");
                    }
                  if (taming.out != NULL)
                    g_string_append_len (taming.out, p, following - p);
                }
              p = following;
            }
          run = end;
        }
      if (taming.out != NULL)
        g_string_append_len (taming.out, paragraph + delimiter, next - delimiter);
      if (next == delimiter)
        break;
      offset += (int) g_utf8_strlen (paragraph, next);
      paragraph += next;
      length -= next;
    }
  return taming.out != NULL ? g_string_free (taming.out, FALSE) : NULL;
}

static gboolean
take (CspTextBreaks *self, guint index)
{
  return g_atomic_int_compare_and_exchange (&self->states[index], TEXT_WAITING, TEXT_TAKEN);
}

static void
find (CspTextBreaks *self, guint index)
{
  self->attrs[index] =
      csp_text_breaks_find (g_ptr_array_index (self->texts, index), self->language);
  g_atomic_int_set (&self->states[index], TEXT_DONE);
}

static gpointer
find_from_the_end (gpointer data)
{
  CspTextBreaks *self = data;

  for (guint i = self->texts->len; i-- > 0 && !g_atomic_int_get (&self->cancelled);)
    {
      if (!take (self, i))
        break;
      find (self, i);
      /* Waking costs a system call, so only a caller that waits is woken. */
      g_mutex_lock (&self->mutex);
      if (g_atomic_int_get (&self->waiting))
        g_cond_signal (&self->done_cond);
      g_mutex_unlock (&self->mutex);
    }
  return NULL;
}

/**
 * csp_text_breaks_new:
 * @texts: (element-type utf8): the texts, which must outlive the result
 * @language: their language
 *
 * Starts finding where each of @texts may break.
 *
 * Returns: (transfer full): the breaks to come
 */
CspTextBreaks *
csp_text_breaks_new (GPtrArray *texts, PangoLanguage *language)
{
  CspTextBreaks *self;

  g_return_val_if_fail (texts != NULL, NULL);

  self = g_new0 (CspTextBreaks, 1);
  self->texts = g_ptr_array_ref (texts);
  self->language = language;
  self->attrs = g_new0 (PangoLogAttr *, texts->len);
  self->states = g_new0 (int, texts->len);
  g_mutex_init (&self->mutex);
  g_cond_init (&self->done_cond);
  self->thread = g_thread_new ("csp-text-breaks", find_from_the_end, self);
  return self;
}

/**
 * csp_text_breaks_get:
 * @index: which of the texts
 *
 * Finds where the text may break, unless the thread has or is finding it,
 * when it waits for that.
 *
 * Returns: (transfer none): as csp_text_breaks_find() of the text, valid
 *   until @self is freed
 */
const PangoLogAttr *
csp_text_breaks_get (CspTextBreaks *self, guint index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->texts->len, NULL);

  if (take (self, index))
    find (self, index);
  else if (g_atomic_int_get (&self->states[index]) != TEXT_DONE)
    {
      g_mutex_lock (&self->mutex);
      g_atomic_int_set (&self->waiting, TRUE);
      while (g_atomic_int_get (&self->states[index]) != TEXT_DONE)
        g_cond_wait (&self->done_cond, &self->mutex);
      g_atomic_int_set (&self->waiting, FALSE);
      g_mutex_unlock (&self->mutex);
    }
  return self->attrs[index];
}

/**
 * csp_text_breaks_free:
 *
 * Stops the thread and frees the breaks found.
 */
void
csp_text_breaks_free (CspTextBreaks *self)
{
  if (self == NULL)
    return;
  g_atomic_int_set (&self->cancelled, TRUE);
  g_thread_join (self->thread);
  for (guint i = 0; i < self->texts->len; i++)
    g_free (self->attrs[i]);
  g_free (self->attrs);
  g_free (self->states);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->done_cond);
  g_ptr_array_unref (self->texts);
  g_free (self);
}

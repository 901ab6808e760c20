/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-search-query"

#include "config.h"

#include <string.h>

#include "csp-search-query.h"

/* What a person types to search, read once and written for either engine's
 * full-text search. The grammar is the one search boxes use:
 *
 *   street hatfield       both words (each also as the start of a longer one)
 *   "street briefing"     those words, one after the other, as whole words
 *   "street brief"*       the same, the last word as the start of one
 *   brief*                the start of a word (as a plain word is anyway)
 *   scams OR fraud        either; OR binds closer than the space between
 *   -webinar              not that word; -"online event" not that phrase
 *
 * A word is a run of letters and digits; "drop-in" or "O'Brien" is read as
 * the phrase of its words. Nothing typed is an error: an unbalanced quote
 * is a gap between words, an OR with no word on either side is the word
 * "or", a lone "-" is punctuation. Every word reaches the engine quoted, so
 * nothing typed is read as the engine's own syntax. */

typedef struct
{
  GStrv words;     /* lower case; several make a phrase */
  gboolean prefix; /* the last word may be the start of a longer one */
  gboolean negated;
} Term;

struct _CspSearchQuery
{
  GPtrArray *groups;   /* of GPtrArray of Term: each group must match, by any of its terms */
  GPtrArray *excluded; /* of Term: none may match */
};

/* Marks an OR between terms in the list read from the text. */
static Term or_marker;

static void
term_free (Term *term)
{
  if (term == NULL || term == &or_marker)
    return;
  g_strfreev (term->words);
  g_free (term);
}

static Term *
term_new (GStrv words, gboolean prefix, gboolean negated)
{
  Term *term = g_new0 (Term, 1);

  term->words = words;
  term->prefix = prefix;
  term->negated = negated;
  return term;
}

static gboolean
is_space (const char *p)
{
  return g_unichar_isspace (g_utf8_get_char (p));
}

static gboolean
is_word_char (gunichar c)
{
  /* Marks too, so that a letter and its combining accent stay one word. */
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static void
add_word (GStrvBuilder *builder, const char *start, const char *end)
{
  g_autofree char *composed = g_utf8_normalize (start, end - start, G_NORMALIZE_NFC);
  g_autofree char *lower = g_utf8_strdown (composed, -1);

  g_strv_builder_add (builder, lower);
}

/* The words between @start and @end: its runs of letters and digits. */
static GStrv
split_words (const char *start, const char *end)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *word = NULL;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gboolean in_word = is_word_char (g_utf8_get_char (p));

      if (in_word && word == NULL)
        word = p;
      else if (!in_word && word != NULL)
        {
          add_word (builder, word, p);
          word = NULL;
        }
    }
  if (word != NULL)
    add_word (builder, word, end);
  return g_strv_builder_end (builder);
}

/* Adds a term of the words between @start and @end, if there are any. */
static void
add_term (GPtrArray *items, const char *start, const char *end, gboolean prefix, gboolean negated)
{
  GStrv words = split_words (start, end);

  if (words[0] == NULL)
    {
      g_strfreev (words);
      return;
    }
  g_ptr_array_add (items, term_new (words, prefix, negated));
}

/* The text as a list of terms and OR markers, in the order typed. */
static GPtrArray *
read_items (const char *text)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
  const char *p = text;

  for (;;)
    {
      gboolean negated = FALSE;
      const char *end;

      while (*p != '\0' && is_space (p))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      if (*p == '-' && p[1] != '\0' && !is_space (p + 1))
        {
          negated = TRUE;
          p++;
        }
      if (*p == '"')
        {
          const char *close = strchr (p + 1, '"');
          gboolean prefix;

          if (close == NULL)
            {
              /* Unbalanced: no more than a gap between words. */
              p++;
              continue;
            }
          prefix = close[1] == '*';
          add_term (items, p + 1, close, prefix, negated);
          p = close + (prefix ? 2 : 1);
          continue;
        }

      end = p;
      while (*end != '\0' && *end != '"' && !is_space (end))
        end = g_utf8_next_char (end);
      if (!negated && end - p == 2 && strncmp (p, "OR", 2) == 0)
        g_ptr_array_add (items, &or_marker);
      else
        /* Every plain word is also the start of a longer one, "brief*" or not. */
        add_term (items, p, end, TRUE, negated);
      p = end;
    }
  return items;
}

static gboolean
is_positive_term (GPtrArray *items, guint i)
{
  Term *term;

  if (i >= items->len)
    return FALSE;
  term = g_ptr_array_index (items, i);
  return term != &or_marker && !term->negated;
}

/**
 * csp_search_query_new:
 * @text: what a person typed
 *
 * Reads @text by the search grammar. Any text is a query; one with no
 * words is empty.
 *
 * Returns: (transfer full): the query
 */
CspSearchQuery *
csp_search_query_new (const char *text)
{
  CspSearchQuery *self = g_new0 (CspSearchQuery, 1);
  g_autofree char *valid = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autofree gboolean *joins = NULL;
  GPtrArray *group = NULL;

  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  self->excluded = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
  g_return_val_if_fail (text != NULL, self);

  valid = g_utf8_make_valid (text, -1);
  items = read_items (valid);

  /* An OR joins two wanted terms; any other is the word "or". Decided
   * on the terms as typed, so that "a OR OR b" reads the same both ways. */
  joins = g_new0 (gboolean, items->len + 1);
  for (guint i = 0; i < items->len; i++)
    if (g_ptr_array_index (items, i) == &or_marker)
      joins[i] = i > 0 && is_positive_term (items, i - 1) && is_positive_term (items, i + 1);

  for (guint i = 0; i < items->len; i++)
    {
      Term *term = g_ptr_array_index (items, i);

      if (term == &or_marker)
        {
          if (joins[i])
            continue;
          term = term_new (g_strsplit ("or", " ", -1), TRUE, FALSE);
        }
      else
        /* The list lets go of it: the query owns it now. */
        items->pdata[i] = NULL;

      if (term->negated)
        {
          g_ptr_array_add (self->excluded, term);
          continue;
        }
      if (group == NULL || i == 0 || !joins[i - 1])
        {
          group = g_ptr_array_new_with_free_func ((GDestroyNotify) term_free);
          g_ptr_array_add (self->groups, group);
        }
      g_ptr_array_add (group, term);
    }
  return self;
}

void
csp_search_query_free (CspSearchQuery *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->excluded, g_ptr_array_unref);
  g_free (self);
}

/**
 * csp_search_query_is_empty:
 *
 * Returns: %TRUE when the text held no word to search for: no filter at all
 */
gboolean
csp_search_query_is_empty (const CspSearchQuery *self)
{
  g_return_val_if_fail (self != NULL, TRUE);
  return self->groups->len == 0 && self->excluded->len == 0;
}

/* FTS5 */

static void
append_fts5_term (GString *out, const Term *term)
{
  g_string_append_c (out, '"');
  for (guint i = 0; term->words[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      /* A quote inside a string is doubled; words hold none, but nothing
       * typed must ever end the string early. */
      for (const char *c = term->words[i]; *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *c);
        }
    }
  g_string_append_c (out, '"');
  if (term->prefix)
    g_string_append_c (out, '*');
}

/* "a" OR "b", in brackets when there are several. */
static void
append_fts5_any (GString *out, GPtrArray *terms)
{
  if (terms->len > 1)
    g_string_append_c (out, '(');
  for (guint i = 0; i < terms->len; i++)
    {
      if (i > 0)
        g_string_append (out, " OR ");
      append_fts5_term (out, g_ptr_array_index (terms, i));
    }
  if (terms->len > 1)
    g_string_append_c (out, ')');
}

/**
 * csp_search_query_to_fts5:
 * @exclude: (out): set when the query only excludes: the string then says
 *   what the rows must NOT match, since FTS5 cannot start a query with NOT
 *
 * Returns: (transfer full) (nullable): an FTS5 MATCH string, each word
 *   quoted, or %NULL for an empty query
 */
char *
csp_search_query_to_fts5 (const CspSearchQuery *self, gboolean *exclude)
{
  g_autoptr (GString) out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (exclude != NULL, NULL);

  *exclude = FALSE;
  if (csp_search_query_is_empty (self))
    return NULL;
  if (self->groups->len == 0)
    {
      *exclude = TRUE;
      append_fts5_any (out, self->excluded);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  /* NOT binds closer than AND in FTS5: the wanted part is bracketed
   * whole before the unwanted one is taken away from it. */
  if (self->groups->len > 1 && self->excluded->len > 0)
    g_string_append_c (out, '(');
  for (guint i = 0; i < self->groups->len; i++)
    {
      if (i > 0)
        g_string_append (out, " AND ");
      append_fts5_any (out, g_ptr_array_index (self->groups, i));
    }
  if (self->groups->len > 1 && self->excluded->len > 0)
    g_string_append_c (out, ')');
  if (self->excluded->len > 0)
    {
      g_string_append (out, " NOT ");
      append_fts5_any (out, self->excluded);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* PostgreSQL */

static void
append_tsquery_term (GString *out, const Term *term)
{
  guint n_words = g_strv_length (term->words);

  if (term->negated)
    g_string_append_c (out, '!');
  if (n_words > 1)
    g_string_append_c (out, '(');
  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append (out, " <-> ");
      /* A quoted lexeme: its quotes and backslashes escaped (words hold
       * none, but nothing typed must ever end the lexeme early). */
      g_string_append_c (out, '\'');
      for (const char *c = term->words[i]; *c != '\0'; c++)
        {
          if (*c == '\'' || *c == '\\')
            g_string_append_c (out, *c);
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '\'');
    }
  if (term->prefix)
    g_string_append (out, ":*");
  if (n_words > 1)
    g_string_append_c (out, ')');
}

/**
 * csp_search_query_to_tsquery:
 *
 * Returns: (transfer full) (nullable): the query as the text of
 *   `to_tsquery('csp_search', ...)`, each word quoted, or %NULL for an
 *   empty query
 */
char *
csp_search_query_to_tsquery (const CspSearchQuery *self)
{
  g_autoptr (GString) out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (csp_search_query_is_empty (self))
    return NULL;
  for (guint i = 0; i < self->groups->len; i++)
    {
      GPtrArray *group = g_ptr_array_index (self->groups, i);

      if (out->len > 0)
        g_string_append (out, " & ");
      if (group->len > 1)
        g_string_append_c (out, '(');
      for (guint j = 0; j < group->len; j++)
        {
          if (j > 0)
            g_string_append (out, " | ");
          append_tsquery_term (out, g_ptr_array_index (group, j));
        }
      if (group->len > 1)
        g_string_append_c (out, ')');
    }
  for (guint i = 0; i < self->excluded->len; i++)
    {
      if (out->len > 0)
        g_string_append (out, " & ");
      append_tsquery_term (out, g_ptr_array_index (self->excluded, i));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

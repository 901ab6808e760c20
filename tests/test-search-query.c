/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-search-query"

#include "config.h"

#include "csp-search-query.h"

/* The search grammar, read from what a person types and written for each
 * engine: an FTS5 MATCH string for SQLite, to_tsquery() text for
 * PostgreSQL. */

typedef struct
{
  const char *name;
  const char *text;
  const char *fts5; /* NULL: an empty query */
  gboolean exclude; /* the FTS5 string says what must not match */
  const char *tsquery;
} Case;

static const Case cases[] = {
  /* Words: each also the start of a longer one, all of them required */
  { "word", "street", "\"street\"*", FALSE, "'street':*" },
  { "words", "street hatfield", "\"street\"* AND \"hatfield\"*", FALSE,
    "'street':* & 'hatfield':*" },
  { "capitals", "BRIEF", "\"brief\"*", FALSE, "'brief':*" },
  { "accents", "Café", "\"café\"*", FALSE, "'café':*" },
  { "spaces", "  street \t hatfield\n", "\"street\"* AND \"hatfield\"*", FALSE,
    "'street':* & 'hatfield':*" },
  { "prefix", "brief*", "\"brief\"*", FALSE, "'brief':*" },
  { "lower-case-or", "scams or fraud", "\"scams\"* AND \"or\"* AND \"fraud\"*", FALSE,
    "'scams':* & 'or':* & 'fraud':*" },
  /* A word of several: the phrase of its parts */
  { "hyphenated", "drop-in", "\"drop in\"*", FALSE, "('drop' <-> 'in':*)" },
  { "apostrophe", "O'Brien", "\"o brien\"*", FALSE, "('o' <-> 'brien':*)" },
  /* Phrases: whole words in a row, the last a prefix only with a star */
  { "phrase", "\"street briefing\"", "\"street briefing\"", FALSE, "('street' <-> 'briefing')" },
  { "phrase-prefix", "\"street brief\"*", "\"street brief\"*", FALSE, "('street' <-> 'brief':*)" },
  { "quoted-word", "\"scams\"", "\"scams\"", FALSE, "'scams'" },
  { "phrase-punctuation", "\"drop-in, café\"", "\"drop in café\"", FALSE,
    "('drop' <-> 'in' <-> 'café')" },
  { "phrase-and-word", "a\"b c\"", "\"a\"* AND \"b c\"", FALSE, "'a':* & ('b' <-> 'c')" },
  /* OR: either, binding closer than the space */
  { "or", "scams OR fraud", "(\"scams\"* OR \"fraud\"*)", FALSE, "('scams':* | 'fraud':*)" },
  { "or-chain", "a OR b OR c", "(\"a\"* OR \"b\"* OR \"c\"*)", FALSE, "('a':* | 'b':* | 'c':*)" },
  { "or-and", "street scams OR fraud", "\"street\"* AND (\"scams\"* OR \"fraud\"*)", FALSE,
    "'street':* & ('scams':* | 'fraud':*)" },
  { "or-phrase", "\"street briefing\" OR webinar", "(\"street briefing\" OR \"webinar\"*)", FALSE,
    "(('street' <-> 'briefing') | 'webinar':*)" },
  /* Leaving out */
  { "not", "street -scams", "\"street\"* NOT \"scams\"*", FALSE, "'street':* & !'scams':*" },
  { "not-several", "a b -c -d", "(\"a\"* AND \"b\"*) NOT (\"c\"* OR \"d\"*)", FALSE,
    "'a':* & 'b':* & !'c':* & !'d':*" },
  { "not-or", "a OR b -c", "(\"a\"* OR \"b\"*) NOT \"c\"*", FALSE, "('a':* | 'b':*) & !'c':*" },
  { "not-phrase", "webinar -\"online event\"", "\"webinar\"* NOT \"online event\"", FALSE,
    "'webinar':* & !('online' <-> 'event')" },
  { "not-only", "-scams", "\"scams\"*", TRUE, "!'scams':*" },
  { "not-only-several", "-scams -\"online event\"", "(\"scams\"* OR \"online event\")", TRUE,
    "!'scams':* & !('online' <-> 'event')" },
  { "not-double-dash", "--scams", "\"scams\"*", TRUE, "!'scams':*" },
  /* Not the grammar: plain words, never an error */
  { "quote-open", "\"street", "\"street\"*", FALSE, "'street':*" },
  { "quote-close", "street\"", "\"street\"*", FALSE, "'street':*" },
  { "quote-odd", "\"a b\" \"c", "\"a b\" AND \"c\"*", FALSE, "('a' <-> 'b') & 'c':*" },
  { "quote-empty", "\"\"", NULL, FALSE, NULL },
  { "or-alone", "OR", "\"or\"*", FALSE, "'or':*" },
  { "or-last", "street OR", "\"street\"* AND \"or\"*", FALSE, "'street':* & 'or':*" },
  { "or-first", "OR street", "\"or\"* AND \"street\"*", FALSE, "'or':* & 'street':*" },
  { "or-twice", "a OR OR b", "\"a\"* AND \"or\"* AND \"or\"* AND \"b\"*", FALSE,
    "'a':* & 'or':* & 'or':* & 'b':*" },
  { "or-not", "a OR -b", "(\"a\"* AND \"or\"*) NOT \"b\"*", FALSE, "'a':* & 'or':* & !'b':*" },
  { "not-or-word", "-a OR b", "(\"or\"* AND \"b\"*) NOT \"a\"*", FALSE, "'or':* & 'b':* & !'a':*" },
  { "dash-alone", "-", NULL, FALSE, NULL },
  { "dash-space", "- street", "\"street\"*", FALSE, "'street':*" },
  { "dash-punctuation", "-(", NULL, FALSE, NULL },
  { "fts5-operators", "NOT scams AND NEAR(x)",
    "\"not\"* AND \"scams\"* AND \"and\"* AND \"near x\"*", FALSE,
    "'not':* & 'scams':* & 'and':* & ('near' <-> 'x':*)" },
  { "fts5-column", "title:street ^x", "\"title street\"* AND \"x\"*", FALSE,
    "('title' <-> 'street':*) & 'x':*" },
  { "tsquery-operators", "a & !b | c:*", "\"a\"* AND \"b\"* AND \"c\"*", FALSE,
    "'a':* & 'b':* & 'c':*" },
  { "sql", "'; DROP TABLE activity; --", "\"drop\"* AND \"table\"* AND \"activity\"*", FALSE,
    "'drop':* & 'table':* & 'activity':*" },
  { "invalid-utf8", "caf\xff", "\"caf\"*", FALSE, "'caf':*" },
  /* Nothing to search for */
  { "empty", "", NULL, FALSE, NULL },
  { "blank", "   ", NULL, FALSE, NULL },
  { "star", "*", NULL, FALSE, NULL },
  { "punctuation", "() + % _ \\ :", NULL, FALSE, NULL },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (CspSearchQuery) query = csp_search_query_new (c->text);
  g_autofree char *fts5 = NULL;
  g_autofree char *tsquery = NULL;
  gboolean exclude = !c->exclude;

  fts5 = csp_search_query_to_fts5 (query, &exclude);
  tsquery = csp_search_query_to_tsquery (query);
  g_assert_cmpstr (fts5, ==, c->fts5);
  g_assert_cmpint (exclude, ==, c->exclude);
  g_assert_cmpstr (tsquery, ==, c->tsquery);
  g_assert_cmpint (csp_search_query_is_empty (query), ==, c->fts5 == NULL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/search-query/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  return g_test_run ();
}

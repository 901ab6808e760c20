/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-layout"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "csp-records.h"
#include "csp-report-breaks.h"
#include "csp-report-layout.h"
#include "csp-report-pdf.h"
#include "report-fixtures.h"

/* Pagination as numbers: which rows go on which page, the header row at the
 * top of every page of a table, rows whole unless taller than a page. */

#define EPSILON 0.01

static guint
find_table (CspReportLayout *layout, gboolean with_header)
{
  for (guint i = 0; i < csp_report_layout_get_n_blocks (layout); i++)
    {
      const CspReportBlock *block = csp_report_layout_get_block (layout, i);
      if (block->kind == CSP_REPORT_BLOCK_TABLE && (block->headers != NULL) == with_header)
        return i;
    }
  g_assert_not_reached ();
  return 0;
}

static CspReportLayout *
generated_layout (guint n_rows, guint seed)
{
  g_autoptr (CspReportContent) content = report_fixture_content (n_rows, seed);

  return csp_report_layout_new_for_content (content, NULL, NULL);
}

static gboolean
page_has_rows (const CspReportPage *page, guint table)
{
  for (guint i = 0; i < page->items->len; i++)
    {
      const CspReportItem *item = &g_array_index (page->items, CspReportItem, i);
      if (item->block == table && item->kind == CSP_REPORT_ITEM_ROW)
        return TRUE;
    }
  return FALSE;
}

static void
test_header_repeated (void)
{
  g_autoptr (CspReportLayout) layout = generated_layout (300, 1);
  guint table = find_table (layout, TRUE);
  guint n_table_pages = 0;

  for (guint p = 0; p < csp_report_layout_get_n_pages (layout); p++)
    {
      const CspReportPage *page = csp_report_layout_get_page (layout, p);
      gboolean seen_header = FALSE;

      if (!page_has_rows (page, table))
        continue;
      n_table_pages++;
      for (guint i = 0; i < page->items->len; i++)
        {
          const CspReportItem *item = &g_array_index (page->items, CspReportItem, i);

          if (item->block != table)
            continue;
          if (!seen_header)
            {
              /* The first of the table on every page is its header row. */
              g_assert_cmpint (item->kind, ==, CSP_REPORT_ITEM_HEADER_ROW);
              g_assert_cmpfloat_with_epsilon (
                  item->rect.height, csp_report_layout_get_row_height (layout, table, -1), EPSILON);
              seen_header = TRUE;
            }
          else
            g_assert_cmpint (item->kind, ==, CSP_REPORT_ITEM_ROW);
        }
    }
  g_assert_cmpuint (n_table_pages, >, 10);
}

static void
test_no_split_rows (void)
{
  g_autoptr (CspReportLayout) layout = generated_layout (300, 2);
  guint table = find_table (layout, TRUE);
  const CspReportBlock *block = csp_report_layout_get_block (layout, table);
  g_autofree guint *seen = g_new0 (guint, block->rows->len);
  int last_row = -1;
  double lowest = 1e9, highest = 0;

  for (guint p = 0; p < csp_report_layout_get_n_pages (layout); p++)
    {
      const CspReportPage *page = csp_report_layout_get_page (layout, p);
      double y = page->body.y;

      for (guint i = 0; i < page->items->len; i++)
        {
          const CspReportItem *item = &g_array_index (page->items, CspReportItem, i);

          /* Top to bottom, within the body, never overlapping. */
          g_assert_cmpfloat (item->rect.y, >=, y - EPSILON);
          g_assert_cmpfloat (item->rect.y + item->rect.height, <=,
                             page->body.y + page->body.height + EPSILON);
          g_assert_cmpfloat (item->rect.x + item->rect.width, <=,
                             page->body.x + page->body.width + EPSILON);
          y = item->rect.y + item->rect.height;
          if (item->block != table || item->kind != CSP_REPORT_ITEM_ROW)
            continue;

          g_assert_cmpint ((int) item->index, ==, last_row + 1);
          last_row = (int) item->index;
          g_assert_cmpuint (item->part, ==, 0);
          g_assert_false (item->continued);
          g_assert_cmpfloat_with_epsilon (
              item->rect.height, csp_report_layout_get_row_height (layout, table, last_row),
              EPSILON);
          seen[item->index]++;
          lowest = MIN (lowest, item->rect.height);
          highest = MAX (highest, item->rect.height);
        }
    }
  for (guint r = 0; r < block->rows->len; r++)
    g_assert_cmpuint (seen[r], ==, 1);
  /* The rows do vary: from one line to many. */
  g_assert_cmpfloat (highest, >, 4 * lowest);
}

/* Each page of the table is as full as it can be: the row that starts the
 * next page would not have fitted, so no page is wasted. */
static void
test_page_count (void)
{
  g_autoptr (CspReportLayout) layout = generated_layout (300, 3);
  g_autoptr (CspReportLayout) again = generated_layout (300, 3);
  guint table = find_table (layout, TRUE);
  const CspReportPage *previous = NULL;
  double previous_bottom = 0;

  g_assert_cmpuint (csp_report_layout_get_n_pages (layout), ==,
                    csp_report_layout_get_n_pages (again));
  for (guint p = 0; p < csp_report_layout_get_n_pages (layout); p++)
    {
      const CspReportPage *page = csp_report_layout_get_page (layout, p);
      const CspReportPage *other = csp_report_layout_get_page (again, p);
      const CspReportItem *first_row = NULL;
      const CspReportItem *last;

      g_assert_cmpuint (page->items->len, ==, other->items->len);
      if (!page_has_rows (page, table))
        continue;
      for (guint i = 0; i < page->items->len && first_row == NULL; i++)
        if (g_array_index (page->items, CspReportItem, i).kind == CSP_REPORT_ITEM_ROW)
          first_row = &g_array_index (page->items, CspReportItem, i);
      if (previous != NULL)
        g_assert_cmpfloat (previous_bottom + first_row->rect.height, >,
                           previous->body.y + previous->body.height);
      last = &g_array_index (page->items, CspReportItem, page->items->len - 1);
      previous = page;
      previous_bottom = last->rect.y + last->rect.height;
    }
}

static void
test_orientation (void)
{
  g_autoptr (CspReportLayout) layout = generated_layout (300, 4);
  guint table = find_table (layout, TRUE);
  guint author = find_table (layout, FALSE);

  for (guint p = 0; p < csp_report_layout_get_n_pages (layout); p++)
    {
      const CspReportPage *page = csp_report_layout_get_page (layout, p);

      if (page_has_rows (page, table))
        {
          g_assert_cmpint (page->orientation, ==, CSP_REPORT_LANDSCAPE);
          g_assert_cmpfloat_with_epsilon (page->width, 841.89, 0.01);
          g_assert_cmpfloat_with_epsilon (page->height, 595.28, 0.01);
        }
      else
        {
          g_assert_cmpint (page->orientation, ==, CSP_REPORT_PORTRAIT);
          g_assert_cmpfloat_with_epsilon (page->width, 595.28, 0.01);
          g_assert_cmpfloat_with_epsilon (page->height, 841.89, 0.01);
        }
      /* 20 mm margins. */
      g_assert_cmpfloat_with_epsilon (page->body.x, 56.69, 0.01);
      g_assert_cmpfloat_with_epsilon (page->body.y, 56.69, 0.01);
      g_assert_cmpfloat_with_epsilon (page->body.width, page->width - 2 * 56.693, 0.01);
    }
  g_assert_cmpint (csp_report_layout_get_page (layout, 0)->orientation, ==, CSP_REPORT_PORTRAIT);
  g_assert_true (page_has_rows (csp_report_layout_get_page (layout, 0), author));
}

static void
test_tall_row_split (void)
{
  static const double widths[] = { 1, 3 };
  g_autoptr (GPtrArray) blocks =
      g_ptr_array_new_with_free_func ((GDestroyNotify) csp_report_block_free);
  g_autoptr (GString) tall = g_string_new (NULL);
  g_autoptr (CspReportLayout) layout = NULL;
  g_autoptr (GArray) pieces = g_array_new (FALSE, FALSE, sizeof (CspReportItem));
  CspReportBlock *table;
  double padding, content = 0;

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (tall, "Line %u of a cell far taller than a page\n", i);
  g_ptr_array_add (blocks, csp_report_block_new_paragraph ("1.1", "Before the table."));
  table = csp_report_block_new_table (2, (const char *const[]){ "Name", "Text" }, widths);
  csp_report_block_add_row (table, (const char *const[]){ "short", "A short row" });
  csp_report_block_add_row (table, (const char *const[]){ "tall", tall->str });
  csp_report_block_add_row (table, (const char *const[]){ "after", "Another short row" });
  g_ptr_array_add (blocks, table);
  layout = csp_report_layout_new (blocks, NULL, NULL);
  g_assert_cmpfloat (csp_report_layout_get_row_height (layout, 1, 1), >,
                     2 * csp_report_layout_get_page (layout, 0)->body.height);

  for (guint p = 0; p < csp_report_layout_get_n_pages (layout); p++)
    {
      const CspReportPage *page = csp_report_layout_get_page (layout, p);
      gboolean header_first = FALSE;
      guint n_pieces = 0;

      for (guint i = 0; i < page->items->len; i++)
        {
          const CspReportItem *item = &g_array_index (page->items, CspReportItem, i);

          if (item->block != 1)
            continue;
          if (!header_first)
            {
              g_assert_cmpint (item->kind, ==, CSP_REPORT_ITEM_HEADER_ROW);
              header_first = TRUE;
              continue;
            }
          g_assert_cmpint (item->kind, ==, CSP_REPORT_ITEM_ROW);
          g_assert_cmpfloat (item->rect.y + item->rect.height, <=,
                             page->body.y + page->body.height + EPSILON);
          if (item->index != 1)
            {
              g_assert_cmpuint (item->part, ==, 0);
              g_assert_false (item->continued);
              continue;
            }
          g_assert_cmpuint (item->part, ==, pieces->len);
          g_array_append_val (pieces, *item);
          n_pieces++;
        }
      /* A piece to a page. */
      g_assert_cmpuint (n_pieces, <=, 1);
    }

  /* Each piece starts where the last ended; together they are the row. */
  g_assert_cmpuint (pieces->len, >=, 3);
  padding = (g_array_index (pieces, CspReportItem, 0).rect.height -
             g_array_index (pieces, CspReportItem, 1).offset) /
            2;
  g_assert_cmpfloat (padding, >, 0);
  for (guint i = 0; i < pieces->len; i++)
    {
      const CspReportItem *piece = &g_array_index (pieces, CspReportItem, i);

      g_assert_cmpfloat_with_epsilon (piece->offset, content, EPSILON);
      g_assert_true (piece->continued == (i + 1 < pieces->len));
      content += piece->rect.height - 2 * padding;
    }
  g_assert_cmpfloat_with_epsilon (content + 2 * padding,
                                  csp_report_layout_get_row_height (layout, 1, 1), EPSILON);
}

static void
test_headings_kept_with_text (void)
{
  g_autoptr (CspReportContent) content = report_fixture_content (0, 5);
  g_autoptr (CspReportLayout) layout = NULL;

  for (guint i = 0; i < 60; i++)
    csp_report_content_append_section (
        content, "A heading",
        "One paragraph that is long enough to wrap onto a second line of the page and then "
        "onto a third one, so that it may be split.\n\nAnother, shorter one.\n\nA third paragraph "
        "of some length, wrapping at least once across the width of the page.");
  layout = csp_report_layout_new_for_content (content, NULL, NULL);

  for (guint p = 0; p < csp_report_layout_get_n_pages (layout); p++)
    {
      const CspReportPage *page = csp_report_layout_get_page (layout, p);
      const CspReportItem *last = &g_array_index (page->items, CspReportItem, page->items->len - 1);
      const CspReportBlock *block = csp_report_layout_get_block (layout, last->block);

      g_assert_cmpint (block->kind, !=, CSP_REPORT_BLOCK_SECTION);
      for (guint i = 0; i < page->items->len; i++)
        {
          const CspReportItem *item = &g_array_index (page->items, CspReportItem, i);
          block = csp_report_layout_get_block (layout, item->block);
          /* A piece of a split paragraph holds two lines at least. */
          if (block->kind == CSP_REPORT_BLOCK_PARAGRAPH && (item->part > 0 || item->continued))
            g_assert_cmpfloat (item->rect.height, >, 1.5 * 11);
        }
    }
  g_assert_cmpuint (csp_report_layout_get_n_pages (layout), >, 5);
}

static void
test_page_labels (void)
{
  g_autoptr (CspReportLayout) layout = generated_layout (40, 6);
  guint n = csp_report_layout_get_n_pages (layout);
  g_autofree char *first = csp_report_layout_dup_page_label (layout, 0);
  g_autofree char *last = csp_report_layout_dup_page_label (layout, n - 1);
  g_autofree char *expected_first = g_strdup_printf ("Page 1 of %u", n);
  g_autofree char *expected_last = g_strdup_printf ("Page %u of %u", n, n);

  g_assert_cmpstr (first, ==, expected_first);
  g_assert_cmpstr (last, ==, expected_last);
}

static gboolean
region_is_blank (cairo_surface_t *surface, int x0, int y0, int x1, int y1)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if (*(const guint32 *) (data + y * stride + x * 4) != 0xffffffff)
        return FALSE;
  return TRUE;
}

static void
test_draw (void)
{
  g_autoptr (CspReportLayout) layout = generated_layout (40, 7);
  const CspReportPage *page = csp_report_layout_get_page (layout, 0);
  cairo_surface_t *surface =
      cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) page->width, (int) page->height);
  cairo_t *cr = cairo_create (surface);
  int margin = (int) page->body.x - 2;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  csp_report_layout_draw_page (layout, 0, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_flush (surface);

  /* The heading block is there; the margins are white. */
  g_assert_false (region_is_blank (surface, margin, margin, 300, margin + 60));
  g_assert_true (region_is_blank (surface, 0, 0, margin, (int) page->height));
  g_assert_true (region_is_blank (surface, (int) page->width - margin, 0, (int) page->width,
                                  (int) page->height));
  g_assert_true (region_is_blank (surface, 0, 0, (int) page->width, margin));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Text at the limits of the store */

#define ZWSP "\xe2\x80\x8b"

static guint
count_of (const char *text, const char *part)
{
  guint n = 0;

  for (const char *p = strstr (text, part); p != NULL; p = strstr (p + 1, part))
    n++;
  return n;
}

static char *
without (const char *text, const char *part)
{
  g_auto (GStrv) pieces = g_strsplit (text, part, -1);

  return g_strjoinv ("", pieces);
}

/* Words too long for Pango to break in good time get break opportunities
 * between their characters, and runs of white space are cut short;
 * everything else is left as it is. */
static void
test_tame (void)
{
  PangoLanguage *language = pango_language_from_string ("en-gb");
  g_autoptr (GString) words = g_string_new (NULL);
  g_autoptr (GString) word = g_string_new (NULL);
  g_autoptr (GString) accents = g_string_new (NULL);
  g_autofree char *tamed = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *spaces = NULL;
  g_autofree char *expected = NULL;

  g_assert_null (csp_text_breaks_tame ("Short text", NULL, language, 64));
  for (guint i = 0; i < 2000; i++)
    g_string_append (words, "Many short words, (as) reports-have: 1,234 of them. ");
  g_assert_null (csp_text_breaks_tame (words->str, NULL, language, 64));

  /* A word of 100 letters between two paragraphs of words. */
  g_string_append (word, "Before it.\n");
  for (guint i = 0; i < 100; i++)
    g_string_append_c (word, 'x');
  g_string_append (word, "\r\nAfter it.");
  tamed = csp_text_breaks_tame (word->str, NULL, language, 64);
  g_assert_nonnull (tamed);
  g_assert_cmpuint (count_of (tamed, ZWSP), ==, 99);
  g_assert_true (g_str_has_prefix (tamed, "Before it.\nx" ZWSP "x"));
  g_assert_true (g_str_has_suffix (tamed, "x" ZWSP "x\r\nAfter it."));
  plain = without (tamed, ZWSP);
  g_assert_cmpstr (plain, ==, word->str);
  g_clear_pointer (&tamed, g_free);

  /* Breaks go between characters as a person sees them, never between
   * a letter and its accent. */
  for (guint i = 0; i < 100; i++)
    g_string_append (accents, "e\xcc\x81");
  tamed = csp_text_breaks_tame (accents->str, NULL, language, 64);
  g_assert_cmpuint (count_of (tamed, ZWSP), ==, 99);
  g_assert_null (strstr (tamed, ZWSP "\xcc\x81"));
  g_clear_pointer (&tamed, g_free);

  /* White space is blank however long it is. */
  spaces = g_strdup_printf ("a%*sb", 100, "");
  expected = g_strdup_printf ("a%*sb", 64, "");
  tamed = csp_text_breaks_tame (spaces, NULL, language, 64);
  g_assert_cmpstr (tamed, ==, expected);
}

static char *
repeat_to (const char *unit, guint n_chars)
{
  GString *text = g_string_new (NULL);
  guint unit_chars = (guint) g_utf8_strlen (unit, -1);

  for (guint n = 0; n + unit_chars <= n_chars; n += unit_chars)
    g_string_append (text, unit);
  while ((guint) g_utf8_strlen (text->str, -1) < n_chars)
    g_string_append_c (text, 'x');
  return g_string_free (text, FALSE);
}

/* A text of the most characters the store allows in @column of @type. */
static char *
at_limit (GType type, const char *column, const char *unit)
{
  const CspColumn *found = csp_table_info_find_column (csp_record_type_get_info (type), column);

  g_assert_nonnull (found);
  g_assert_cmpuint (found->max_length, >, 0);
  return repeat_to (unit, found->max_length);
}

/* A report whose every text is as long as the store lets it be: the
 * title, the heading block, a section, and the appendix rows' title,
 * partner, place, audience and outcome. */
static CspReportContent *
content_at_limits (const char *unit)
{
  CspReportContent *content = report_fixture_content (0, 1);
  g_autofree char *body = at_limit (CSP_TYPE_REPORT_SECTION, "body", unit);
  g_autofree char *heading = at_limit (CSP_TYPE_REPORT_SECTION, "heading", unit);
  g_autofree char *title = at_limit (CSP_TYPE_ACTIVITY, "title", unit);
  g_autofree char *partner = at_limit (CSP_TYPE_PARTNER, "name", unit);
  g_autofree char *location = at_limit (CSP_TYPE_ACTIVITY, "location", unit);
  g_autofree char *audience = at_limit (CSP_TYPE_ACTIVITY, "audience", unit);
  g_autofree char *outcome = at_limit (CSP_TYPE_ACTIVITY, "outcome", unit);
  const char *cells[CSP_REPORT_N_COLUMNS] = {
    "1 Jun 2020", title, partner, location, audience, "45 / 2,300", outcome,
  };

#define SET_AT_LIMIT(field, type, column)                                                          \
  g_free (content->field);                                                                         \
  content->field = at_limit (type, column, unit)
  SET_AT_LIMIT (council_name, CSP_TYPE_COMMITTEE_REPORT, "council_name");
  SET_AT_LIMIT (committee, CSP_TYPE_COMMITTEE_REPORT, "committee");
  SET_AT_LIMIT (report_of, CSP_TYPE_COMMITTEE_REPORT, "report_of");
  SET_AT_LIMIT (title, CSP_TYPE_COMMITTEE_REPORT, "title");
  SET_AT_LIMIT (author, CSP_TYPE_COMMITTEE_REPORT, "author");
  SET_AT_LIMIT (author_title, CSP_TYPE_COMMITTEE_REPORT, "author_title");
#undef SET_AT_LIMIT
  csp_report_content_append_section (content, heading, body);
  for (guint i = 0; i < 3; i++)
    csp_report_content_append_row (content, i + 1, "2020-06-01", cells);
  return content;
}

static gboolean
is_a4 (double width, double height)
{
  return (fabs (width - CSP_REPORT_A4_SHORT_SIDE) < EPSILON &&
          fabs (height - CSP_REPORT_A4_LONG_SIDE) < EPSILON) ||
         (fabs (width - CSP_REPORT_A4_LONG_SIDE) < EPSILON &&
          fabs (height - CSP_REPORT_A4_SHORT_SIDE) < EPSILON);
}

/* Every text at its limit, as one unbroken word ("W", the widest letter)
 * or as many words: every page is A4, everything drawn stays within its
 * margins, the words too long for a line are broken across lines, and
 * the PDF is made. */
static void
test_at_limits (gconstpointer data)
{
  const char *unit = data;
  g_autoptr (CspReportContent) content = content_at_limits (unit);
  g_autoptr (CspReportLayout) layout = csp_report_layout_new_for_content (content, NULL, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = NULL;
  guint table = find_table (layout, TRUE);
  guint n_pages = csp_report_layout_get_n_pages (layout);

  g_test_message ("%u pages", n_pages);
  /* Each outcome runs over pages: its lines are as narrow as its column. */
  g_assert_cmpfloat (csp_report_layout_get_row_height (layout, table, 0), >,
                     csp_report_layout_get_page (layout, n_pages - 1)->body.height);
  for (guint p = 0; p < n_pages; p++)
    {
      const CspReportPage *page = csp_report_layout_get_page (layout, p);
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *cr = cairo_create (recording);
      double x, y, width, height;

      g_assert_true (is_a4 (page->width, page->height));
      for (guint i = 0; i < page->items->len; i++)
        {
          const CspReportItem *item = &g_array_index (page->items, CspReportItem, i);

          g_assert_cmpfloat (item->rect.x, >=, page->body.x - EPSILON);
          g_assert_cmpfloat (item->rect.x + item->rect.width, <=,
                             page->body.x + page->body.width + EPSILON);
          g_assert_cmpfloat (item->rect.y + item->rect.height, <=,
                             page->body.y + page->body.height + EPSILON);
        }
      /* What is drawn, not only where it was placed, stays in the margins. */
      csp_report_layout_draw_page (layout, p, cr);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_recording_surface_ink_extents (recording, &x, &y, &width, &height);
      g_assert_cmpfloat (x, >=, page->body.x - 2);
      g_assert_cmpfloat (x + width, <=, page->body.x + page->body.width + 2);
      cairo_destroy (cr);
      cairo_surface_destroy (recording);
    }

  pdf = csp_report_pdf_render (layout, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pdf);
  g_assert_cmpuint (g_bytes_get_size (pdf), >, 10000);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/layout/header-repeated", test_header_repeated);
  g_test_add_func ("/report/layout/no-split-rows", test_no_split_rows);
  g_test_add_func ("/report/layout/page-count", test_page_count);
  g_test_add_func ("/report/layout/orientation", test_orientation);
  g_test_add_func ("/report/layout/tall-row-split", test_tall_row_split);
  g_test_add_func ("/report/layout/headings-kept-with-text", test_headings_kept_with_text);
  g_test_add_func ("/report/layout/page-labels", test_page_labels);
  g_test_add_func ("/report/layout/draw", test_draw);
  g_test_add_func ("/report/layout/tame", test_tame);
  g_test_add_data_func ("/report/layout/at-limits/one-word", "W", test_at_limits);
  g_test_add_data_func ("/report/layout/at-limits/many-words", "Word wrap ", test_at_limits);
  g_test_add_data_func ("/report/layout/at-limits/accents", "Café Zoë – naïve ", test_at_limits);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-words"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "csp-report-layout.h"
#include "csp-report-words.h"
#include "report-fixtures.h"
#include "test-folder.h"

/* The word cache (csp-report-words.c) against Pango itself: for every text
 * it takes, its lines must be those of a PangoLayout wrapping words and
 * characters at the same width, in the same font and context, and drawn
 * where Pango draws them; it may refuse a text only for the reasons it
 * documents. Widths are tried at round numbers and at the exact widths
 * where Pango's breaks change, where a word cache that adds up its widths
 * differently from Pango would first go wrong. */

/* The report's table cells: its appendix table's text size, and the padding
 * inside each cell (CELL_PADDING in csp-report-flow.c) as a share of it. */
#define TABLE_SIZE 9.0
#define CELL_PADDING 0.4

/* Drawings compared at this many pixels to the point, and the mean
 * difference of their bytes allowed: the same glyphs at the same places
 * differ by less than 0.001 (antialiasing of positions summed in another
 * order), a glyph half a point out of place by some 0.2 or more. */
#define DRAW_SCALE 3.0
#define MAX_DIFFERENCE 0.02

/* Most mismatches reported in full before the count, in all and for one text. */
#define MAX_REPORTED 30
#define MAX_REPORTED_PER_TEXT 3

static const double round_widths[] = { 40, 60, 75, 90, 110, 130, 160, 200, 250 };

static const char *const hand_made[] = {
  "",
  " ",
  "x",
  "Supercalifragilisticexpialidocious",
  "Pneumonoultramicroscopicsilicovolcanoconiosis and more",
  "Several    spaces   between     words, and  two  here",
  "   leading and trailing spaces   ",
  "First paragraph\nSecond paragraph\n\nFourth, after an empty one\n",
  "\n",
  "\n\nTwo empty lines first",
  "Windows\r\nline ends\rand an old Mac one",
  "A paragraph\u2029separator",
  "An anti-social behaviour problem, e.g. graffiti in 2020/21, and/or litter.",
  "Well-being; cross-partner, multi-agency, co-located work (re-)started.",
  "1,234 residents; 12,345,678 impressions; 0.5% growth; 3.14159 and 1,000,000",
  "£1,200 grant – the ‘Safer Streets’ fund’s “pilot” scheme, £25,000.50 in all",
  "It’s the residents’ “Community Pride” awards — “don’t” ‘quote’ me",
  "Café résumé naïve Zoë Köln Müller façade Pétanque Zürich Åland",
  "https://www.welhat.gov.uk/community-safety/partnership?id=42&lang=en#top",
  "See https://www.example.org/a/very/long/path/to/some/page.html for more",
  "community.safety@welhat.gov.uk",
  "Contact community.safety@welhat.gov.uk or 01707 357000 (Mon–Fri 9am–5pm)",
  "A Year To Tell: AVAILABLE Yellow Tape, LT WA AY TA Ty Yo Te Av",
  "Police (Hertfordshire Constabulary) — PCSOs, NHW & Hertfordshire Fire & Rescue "
  "Service",
  "a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J",
  "Joint patrols with the BTP at Welwyn Garden City station (Thurs 6–9pm).",
  "Non\u00a0breaking\u00a0spaces keep\u00a0words together",
  "office affluent finish flows waffle",
  "Residents attended an online webinar about doorstep scams, then a follow-up "
  "drop-in session at the library; 43 people took the survey afterwards and "
  "most said they felt more confident about reporting suspicious callers to "
  "the police or Trading Standards.",
  "WWWWWWWWWW iiiiiiiiii WWWWWWWWWW iiiiiiiiii mmmmmmmmmm",
  "Q1 2021: 25%; Q2: 30% (+5pp) — see Appendix B, Fig. 3.",
  "Two spaces after a full stop.  As some type.  Still.",
  "Two spaces at the end of the text  ",
  "Residents’ views on ASB Patrols and OWL (Online Watch Link) in Hatfield",
  "Youth outreach!? Yes... 'maybe' \"quoted\" [brackets] {braces} <angles>",
};

/* Refused texts: right to left, tabs and other spacing, a word wider than
 * the column (at the narrowest width tried). */
static const char *const refused[] = {
  "שלום עולם",   "مرحبا بالعالم", "The word שלום in a sentence",
  "Name\tValue", "em\u2003space", "Supercalifragilisticexpialidocious",
};

/* Ordinary English: always the fast path at typical widths. */
static const char *const ordinary[] = {
  "Residents attended the online webinar.",
  "Hertfordshire Constabulary, Welwyn Hatfield Borough Council",
  "Scams awareness stall at the Howard Centre, Welwyn Garden City",
  "38 people; reach 14,300",
};

typedef struct
{
  PangoContext *context;
  PangoFontDescription *font;
  CspWordCache *cache;
  guint n_compared;
  guint n_refused;
  guint n_mismatches;
  guint n_reported;
  const char *last_text;
  guint n_last_text;
  GString *mismatches;
} Checker;

static void
checker_init (Checker *checker, double size)
{
  checker->context = csp_report_layout_create_context ();
  /* As the report layout makes its fonts (make_font()). */
  checker->font = pango_font_description_from_string (CSP_REPORT_DEFAULT_FONT);
  pango_font_description_set_absolute_size (checker->font, size * PANGO_SCALE);
  pango_font_description_set_weight (checker->font, PANGO_WEIGHT_NORMAL);
  checker->cache = csp_word_cache_new (checker->context, checker->font);
  checker->n_compared = 0;
  checker->n_refused = 0;
  checker->n_mismatches = 0;
  checker->n_reported = 0;
  checker->last_text = NULL;
  checker->n_last_text = 0;
  checker->mismatches = g_string_new (NULL);
}

static void
checker_clear (Checker *checker)
{
  csp_word_cache_free (checker->cache);
  pango_font_description_free (checker->font);
  g_object_unref (checker->context);
  g_string_free (checker->mismatches, TRUE);
}

/* Fails the test with every mismatch found, if any. */
static void
checker_assert_no_mismatches (Checker *checker)
{
  if (checker->n_compared > 0)
    g_test_message ("%u texts and widths compared, %u refused", checker->n_compared,
                    checker->n_refused);
  if (checker->n_mismatches > 0)
    {
      g_test_message ("%s", checker->mismatches->str);
      g_test_fail_printf ("%u mismatches between the word cache and Pango (first: %.*s)",
                          checker->n_mismatches, (int) strcspn (checker->mismatches->str, "\n"),
                          checker->mismatches->str);
    }
}

G_GNUC_PRINTF (4, 5)
static void
mismatch (Checker *checker, const char *text, int width, const char *format, ...)
{
  va_list args;
  g_autofree char *what = NULL;
  g_autoptr (GString) escaped = g_string_new (NULL);

  checker->n_mismatches++;
  if (text != checker->last_text)
    {
      checker->last_text = text;
      checker->n_last_text = 0;
    }
  if (++checker->n_last_text > MAX_REPORTED_PER_TEXT || ++checker->n_reported > MAX_REPORTED)
    return;
  /* Control characters as C escapes, the rest as it is. */
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      g_string_append_printf (escaped, "\\x%02x", (guchar) *p);
    else
      g_string_append_c (escaped, *p);
  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_string_append_printf (checker->mismatches, "\"%s\" at %d units (%.3f pt): %s\n", escaped->str,
                          width, (double) width / PANGO_SCALE, what);
}

static PangoLayout *
make_layout (Checker *checker, const char *text, int width)
{
  PangoLayout *layout = pango_layout_new (checker->context);

  pango_layout_set_font_description (layout, checker->font);
  if (width >= 0)
    {
      pango_layout_set_width (layout, width);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  csp_word_cache_set_features (layout);
  return layout;
}

static gboolean
is_paragraph_separator (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x2029;
}

/* Why the word cache may refuse @text at @width, from Pango's own view of
 * it, or %NULL when it has no reason to. */
static const char *
refusal_reason (Checker *checker, const char *text, int width)
{
  g_autoptr (PangoLayout) natural = make_layout (checker, text, -1);
  g_autoptr (PangoLayout) wrapped = make_layout (checker, text, width);
  const PangoLogAttr *attrs;
  PangoFont *font = NULL;
  int n_attrs;
  const char *p;
  int i;

  if (strstr (text, "  ") != NULL)
    return "two spaces in a row";
  attrs = pango_layout_get_log_attrs_readonly (natural, &n_attrs);
  for (p = text, i = 0; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\t')
        return "a tab";
      /* No-break spaces are part of a word. */
      if (attrs[i].is_white && c != ' ' && !is_paragraph_separator (c) && i + 1 < n_attrs &&
          attrs[i + 1].is_line_break)
        return "spacing other than spaces";
    }
  if (pango_layout_get_unknown_glyphs_count (natural) > 0)
    return "characters no font has";
  for (GSList *l = pango_layout_get_lines_readonly (natural); l != NULL; l = l->next)
    for (GSList *r = ((PangoLayoutLine *) l->data)->runs; r != NULL; r = r->next)
      {
        const PangoGlyphItem *run = r->data;

        if (run->item->analysis.level % 2 != 0)
          return "right-to-left text";
        if (font != NULL && run->item->analysis.font != font)
          return "more than one font";
        font = run->item->analysis.font;
        for (int g = 0; g < run->glyphs->num_glyphs; g++)
          if (run->glyphs->glyphs[g].glyph == PANGO_GLYPH_EMPTY)
            return "invisible characters";
      }
  /* Pango broke a word between characters: a line starts where no line
   * may break. */
  for (GSList *l = pango_layout_get_lines_readonly (wrapped); l != NULL; l = l->next)
    {
      const PangoLayoutLine *line = l->data;
      int index = (int) g_utf8_pointer_to_offset (text, text + line->start_index);

      if (!line->is_paragraph_start && !attrs[index].is_line_break)
        return "a word wider than the column";
    }
  return NULL;
}

/* The width at which the first word of the line after @line would join it. */
static int
joining_width (Checker *checker, const char *text, PangoLayout *natural,
               const PangoLayoutLine *line, const PangoLayoutLine *next)
{
  const PangoLogAttr *attrs;
  g_autoptr (PangoLayout) joined = NULL;
  g_autofree char *part = NULL;
  PangoRectangle logical;
  const char *end, *last;
  int n_attrs, i;

  attrs = pango_layout_get_log_attrs_readonly (natural, &n_attrs);
  end = text + next->start_index;
  i = (int) g_utf8_pointer_to_offset (text, end);
  /* To the next break, less the spaces before it. */
  do
    {
      end = g_utf8_next_char (end);
      i++;
    }
  while (*end != '\0' && i < n_attrs && !attrs[i].is_line_break &&
         !is_paragraph_separator (g_utf8_get_char (end)));
  last = end;
  while (last > text + next->start_index && *g_utf8_prev_char (last) == ' ')
    last = g_utf8_prev_char (last);
  part = g_strndup (text + line->start_index, (gsize) (last - (text + line->start_index)));
  joined = make_layout (checker, part, -1);
  pango_layout_get_extents (joined, NULL, &logical);
  return logical.width;
}

/* Adds to @widths those where Pango's breaks at @width would change. */
static void
add_breaking_widths (Checker *checker, const char *text, int width, GArray *widths)
{
  g_autoptr (PangoLayout) natural = make_layout (checker, text, -1);
  g_autoptr (PangoLayout) wrapped = make_layout (checker, text, width);

  for (GSList *l = pango_layout_get_lines_readonly (wrapped); l != NULL && l->next != NULL;
       l = l->next)
    {
      const PangoLayoutLine *line = l->data;
      const PangoLayoutLine *next = l->next->data;
      int joining;

      if (next->is_paragraph_start)
        continue;
      joining = joining_width (checker, text, natural, line, next);
      for (int delta = -1; delta <= 1; delta++)
        {
          int w = joining + delta;
          g_array_append_val (widths, w);
        }
    }
}

/* Compares the word cache's lines with a PangoLayout's; returns whether it
 * took @text. */
static gboolean
check (Checker *checker, const char *text, int width)
{
  g_autoptr (CspWordText) words = csp_word_text_new (checker->cache, text, NULL, width);
  g_autoptr (PangoLayout) layout = NULL;
  PangoLayoutIter *iter;
  PangoRectangle logical;
  guint n_lines;

  checker->n_compared++;
  if (words == NULL)
    {
      const char *reason = refusal_reason (checker, text, width);

      checker->n_refused++;
      if (reason == NULL)
        mismatch (checker, text, width, "refused for no documented reason");
      return FALSE;
    }

  layout = make_layout (checker, text, width);
  n_lines = (guint) pango_layout_get_line_count (layout);
  if (csp_word_text_get_n_lines (words) != n_lines)
    {
      mismatch (checker, text, width, "%u lines, Pango %u", csp_word_text_get_n_lines (words),
                n_lines);
      return TRUE;
    }
  iter = pango_layout_get_iter (layout);
  for (guint i = 0; i < n_lines; i++)
    {
      double top, bottom;
      int y0, y1;

      csp_word_text_get_line_yrange (words, i, &top, &bottom);
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if (fabs (top - (double) y0 / PANGO_SCALE) > 1e-6 ||
          fabs (bottom - (double) y1 / PANGO_SCALE) > 1e-6)
        {
          mismatch (checker, text, width, "line %u from %.4f to %.4f pt, Pango %.4f to %.4f", i,
                    top, bottom, (double) y0 / PANGO_SCALE, (double) y1 / PANGO_SCALE);
          break;
        }
      pango_layout_iter_next_line (iter);
    }
  pango_layout_iter_free (iter);
  pango_layout_get_extents (layout, NULL, &logical);
  if (fabs (csp_word_text_get_height (words) - (double) logical.height / PANGO_SCALE) > 1e-6)
    mismatch (checker, text, width, "%.4f pt high, Pango %.4f", csp_word_text_get_height (words),
              (double) logical.height / PANGO_SCALE);
  return TRUE;
}

/* Checks @text at each of @widths (Pango units), and where Pango's breaks
 * change near them. Returns whether the cache took it at all of @widths. */
static gboolean
check_widths (Checker *checker, const char *text, const int *widths, guint n_widths)
{
  g_autoptr (GArray) breaking = g_array_new (FALSE, FALSE, sizeof (int));
  gboolean taken = TRUE;

  for (guint i = 0; i < n_widths; i++)
    {
      taken &= check (checker, text, widths[i]);
      add_breaking_widths (checker, text, widths[i], breaking);
    }
  for (guint i = 0; i < breaking->len; i++)
    if (g_array_index (breaking, int, i) > 0)
      check (checker, text, g_array_index (breaking, int, i));
  return taken;
}

static void
check_round_widths (Checker *checker, const char *text)
{
  int widths[G_N_ELEMENTS (round_widths)];

  for (guint i = 0; i < G_N_ELEMENTS (round_widths); i++)
    widths[i] = (int) floor (round_widths[i] * PANGO_SCALE);
  check_widths (checker, text, widths, G_N_ELEMENTS (widths));
}

/* The sample report's appendix table, as the report lays it out. */
typedef struct
{
  char *dir;
  CspDatabase *database;
  CspReportContent *content;
  CspReportLayout *layout;
  const CspReportBlock *table;
  int *widths; /* each column's wrapping width, in Pango units */
} Sample;

static void
sample_set_up (Sample *sample, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  double body = CSP_REPORT_A4_LONG_SIDE - 2 * CSP_REPORT_MARGIN;
  double total = 0;

  sample->dir = test_folder_new ("csp-test-report-words");
  sample->database = report_fixture_open_sample (sample->dir, &error);
  g_assert_no_error (error);
  sample->content = csp_report_content_load (sample->database, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  sample->layout = csp_report_layout_new_for_content (sample->content, NULL, NULL);

  for (guint i = 0; i < csp_report_layout_get_n_blocks (sample->layout); i++)
    {
      const CspReportBlock *block = csp_report_layout_get_block (sample->layout, i);

      if (block->kind == CSP_REPORT_BLOCK_TABLE && block->headers != NULL)
        sample->table = block;
    }
  g_assert_nonnull (sample->table);
  g_assert_false (sample->table->markup);
  g_assert_cmpfloat (sample->table->font_size, ==, TABLE_SIZE);
  g_assert_cmpuint (sample->table->rows->len, >, 30);

  /* The columns' widths on a landscape page, less the cells' padding, as
   * measure_table() works them out. */
  for (guint i = 0; i < sample->table->n_columns; i++)
    total += sample->table->widths[i];
  sample->widths = g_new (int, sample->table->n_columns);
  for (guint i = 0; i < sample->table->n_columns; i++)
    sample->widths[i] = (int) floor (
        (body * sample->table->widths[i] / total - 2 * CELL_PADDING * TABLE_SIZE) * PANGO_SCALE);
}

static void
sample_tear_down (Sample *sample, gconstpointer user_data)
{
  g_free (sample->widths);
  g_clear_pointer (&sample->layout, csp_report_layout_free);
  g_clear_pointer (&sample->content, csp_report_content_free);
  g_clear_object (&sample->database);
  test_folder_remove (sample->dir);
  g_free (sample->dir);
}

static const char *
sample_cell (Sample *sample, guint row, guint column)
{
  const char *const *cells = g_ptr_array_index (sample->table->rows, row);

  return cells[column];
}

static void
test_sample_cells (Sample *sample, gconstpointer user_data)
{
  Checker checker;
  guint n_cells = 0, n_taken = 0;

  checker_init (&checker, TABLE_SIZE);
  for (guint r = 0; r < sample->table->rows->len; r++)
    for (guint c = 0; c < sample->table->n_columns; c++)
      {
        const char *text = sample_cell (sample, r, c);

        n_cells++;
        if (check_widths (&checker, text, &sample->widths[c], 1))
          n_taken++;
      }
  checker_assert_no_mismatches (&checker);

  /* The fast path is the one taken. */
  g_test_message ("%u of %u cells from the word cache", n_taken, n_cells);
  g_assert_cmpuint (n_cells, >, 200);
  g_assert_cmpfloat ((double) n_taken, >, 0.95 * n_cells);
  checker_clear (&checker);
}

static void
test_sample_cells_widths (Sample *sample, gconstpointer user_data)
{
  Checker checker;

  checker_init (&checker, TABLE_SIZE);
  for (guint r = 0; r < sample->table->rows->len; r++)
    for (guint c = 0; c < sample->table->n_columns; c++)
      check_round_widths (&checker, sample_cell (sample, r, c));
  checker_assert_no_mismatches (&checker);
  checker_clear (&checker);
}

static void
test_hand_made (gconstpointer user_data)
{
  double size = *(const double *) user_data;
  Checker checker;

  checker_init (&checker, size);
  for (guint i = 0; i < G_N_ELEMENTS (hand_made); i++)
    check_round_widths (&checker, hand_made[i]);
  checker_assert_no_mismatches (&checker);
  checker_clear (&checker);
}

static void
test_refused (void)
{
  int narrow = (int) floor (40 * PANGO_SCALE);
  int wide = (int) floor (250 * PANGO_SCALE);
  Checker checker;

  checker_init (&checker, TABLE_SIZE);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (CspWordText) words = csp_word_text_new (checker.cache, refused[i], NULL, narrow);

      g_test_message ("refused: %s", refused[i]);
      g_assert_null (words);
    }
  /* A long word is refused only where it does not fit. */
  {
    g_autoptr (CspWordText) words =
        csp_word_text_new (checker.cache, "Supercalifragilisticexpialidocious", NULL, wide);
    g_assert_nonnull (words);
    g_assert_cmpuint (csp_word_text_get_n_lines (words), ==, 1);
  }
  for (guint i = 0; i < G_N_ELEMENTS (ordinary); i++)
    for (guint j = 3; j < G_N_ELEMENTS (round_widths); j++)
      {
        g_autoptr (CspWordText) words = csp_word_text_new (
            checker.cache, ordinary[i], NULL, (int) floor (round_widths[j] * PANGO_SCALE));

        g_test_message ("taken: %s at %g pt", ordinary[i], round_widths[j]);
        g_assert_nonnull (words);
      }
  checker_clear (&checker);
}

/* Drawing. */

static cairo_surface_t *
new_canvas (int width, double height)
{
  int pixels_wide = (int) ceil (((double) width / PANGO_SCALE + 10) * DRAW_SCALE);
  int pixels_high = (int) ceil ((height + 10) * DRAW_SCALE);
  cairo_surface_t *surface =
      cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels_wide, pixels_high);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  return surface;
}

/* The mean difference of their bytes, out of 255, and the largest. */
static double
compare_surfaces (cairo_surface_t *a, cairo_surface_t *b, int *largest)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);
  int stride = cairo_image_surface_get_stride (a);
  const guchar *pa, *pb;
  guint64 sum = 0;

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  g_assert_cmpint (cairo_image_surface_get_width (b), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (b), ==, height);
  pa = cairo_image_surface_get_data (a);
  pb = cairo_image_surface_get_data (b);
  *largest = 0;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < 4 * width; x++)
      {
        int d = abs (pa[y * stride + x] - pb[y * stride + x]);

        sum += (guint64) d;
        *largest = MAX (*largest, d);
      }
  return (double) sum / ((double) width * height * 4);
}

/* Whether anything but white was drawn. */
static gboolean
has_ink (cairo_surface_t *surface)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data = cairo_image_surface_get_data (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < 4 * cairo_image_surface_get_width (surface); x++)
      if (data[y * stride + x] != 0xff)
        return TRUE;
  return FALSE;
}

/* Draws @text both ways at @width; returns the mean difference, or -1
 * when the cache refuses it. */
static double
draw_both (Checker *checker, const char *text, int width, int *largest, gboolean *ink)
{
  g_autoptr (CspWordText) words = csp_word_text_new (checker->cache, text, NULL, width);
  g_autoptr (PangoLayout) layout = NULL;
  cairo_surface_t *ours, *pango;
  PangoRectangle logical;
  double difference;
  cairo_t *cr;

  if (words == NULL)
    return -1;
  layout = make_layout (checker, text, width);
  pango_layout_get_extents (layout, NULL, &logical);
  ours = new_canvas (width, (double) logical.height / PANGO_SCALE);
  pango = new_canvas (width, (double) logical.height / PANGO_SCALE);

  cr = cairo_create (ours);
  cairo_scale (cr, DRAW_SCALE, DRAW_SCALE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  {
    g_autoptr (CspWordBatch) batch = csp_word_batch_new (cr);

    csp_word_text_add_lines (words, batch, 5, 5, 0, csp_word_text_get_height (words) + 1);
    csp_word_batch_draw (batch);
  }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  cr = cairo_create (pango);
  cairo_scale (cr, DRAW_SCALE, DRAW_SCALE);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 5, 5);
  pango_cairo_show_layout (cr, layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  difference = compare_surfaces (ours, pango, largest);
  *ink = has_ink (ours);
  cairo_surface_destroy (ours);
  cairo_surface_destroy (pango);
  return difference;
}

static void
check_drawing (Checker *checker, const char *text, int width, guint *n_drawn)
{
  gboolean ink = FALSE;
  int largest = 0;
  double difference = draw_both (checker, text, width, &largest, &ink);

  if (difference < 0)
    return;
  (*n_drawn)++;
  if (difference > MAX_DIFFERENCE)
    mismatch (checker, text, width, "drawn %.4f apart on average (at most %d)", difference,
              largest);
}

static void
test_draw_sample (Sample *sample, gconstpointer user_data)
{
  Checker checker;
  guint n_drawn = 0, n_multi_line = 0;

  checker_init (&checker, TABLE_SIZE);
  for (guint r = 0; r < sample->table->rows->len; r++)
    for (guint c = 0; c < sample->table->n_columns; c++)
      {
        const char *text = sample_cell (sample, r, c);
        g_autoptr (CspWordText) words =
            csp_word_text_new (checker.cache, text, NULL, sample->widths[c]);

        if (words != NULL && csp_word_text_get_n_lines (words) > 2)
          n_multi_line++;
        check_drawing (&checker, text, sample->widths[c], &n_drawn);
      }
  for (guint i = 0; i < G_N_ELEMENTS (hand_made); i++)
    for (guint j = 0; j < G_N_ELEMENTS (round_widths); j += 3)
      check_drawing (&checker, hand_made[i], (int) floor (round_widths[j] * PANGO_SCALE), &n_drawn);
  g_test_message ("%u drawings compared", n_drawn);
  checker_assert_no_mismatches (&checker);
  g_assert_cmpuint (n_multi_line, >, 10);
  checker_clear (&checker);
}

/* The comparison sees a line out of place. */
static void
test_draw_sensitive (void)
{
  const char *text = "Residents attended an online webinar about doorstep scams, then a "
                     "drop-in session at the library.";
  int width = 90 * PANGO_SCALE;
  g_autoptr (PangoLayout) layout = NULL;
  g_autoptr (CspWordText) words = NULL;
  cairo_surface_t *ours, *pango;
  PangoRectangle logical;
  Checker checker;
  int largest;
  gboolean ink = FALSE;
  cairo_t *cr;

  checker_init (&checker, TABLE_SIZE);
  g_assert_cmpfloat (draw_both (&checker, text, width, &largest, &ink), <=, MAX_DIFFERENCE);
  g_assert_true (ink);

  /* Half a point lower. */
  words = csp_word_text_new (checker.cache, text, NULL, width);
  g_assert_nonnull (words);
  g_assert_cmpuint (csp_word_text_get_n_lines (words), >, 2);
  layout = make_layout (&checker, text, width);
  pango_layout_get_extents (layout, NULL, &logical);
  ours = new_canvas (width, (double) logical.height / PANGO_SCALE);
  pango = new_canvas (width, (double) logical.height / PANGO_SCALE);
  cr = cairo_create (ours);
  cairo_scale (cr, DRAW_SCALE, DRAW_SCALE);
  {
    g_autoptr (CspWordBatch) batch = csp_word_batch_new (cr);
    csp_word_text_add_lines (words, batch, 5, 5.5, 0, csp_word_text_get_height (words) + 1);
  }
  cairo_destroy (cr);
  cr = cairo_create (pango);
  cairo_scale (cr, DRAW_SCALE, DRAW_SCALE);
  cairo_move_to (cr, 5, 5);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  g_assert_cmpfloat (compare_surfaces (ours, pango, &largest), >, MAX_DIFFERENCE);
  cairo_surface_destroy (ours);
  cairo_surface_destroy (pango);
  checker_clear (&checker);
}

int
main (int argc, char **argv)
{
  static const double body_size = 11;
  static const double table_size = TABLE_SIZE;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/words/sample-cells", Sample, NULL, sample_set_up, test_sample_cells,
              sample_tear_down);
  g_test_add ("/report/words/sample-cells-widths", Sample, NULL, sample_set_up,
              test_sample_cells_widths, sample_tear_down);
  g_test_add_data_func ("/report/words/hand-made/table", &table_size, test_hand_made);
  g_test_add_data_func ("/report/words/hand-made/body", &body_size, test_hand_made);
  g_test_add_func ("/report/words/refused", test_refused);
  g_test_add ("/report/words/draw", Sample, NULL, sample_set_up, test_draw_sample,
              sample_tear_down);
  g_test_add_func ("/report/words/draw-sensitive", test_draw_sensitive);
  return g_test_run ();
}

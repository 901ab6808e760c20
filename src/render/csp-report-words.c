/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-words"

#include "config.h"

#include <pango/pangocairo.h>
#include <string.h>

#include "csp-report-words.h"

/* Plain text wrapped from words shaped once each. A table of a thousand
 * activities holds some 50,000 words but only a few thousand different
 * ones, so shaping each distinct word once (as browsers' word caches do)
 * and wrapping by adding up their widths is many times faster than a
 * PangoLayout per cell, which shapes all of its text, then shapes again
 * each line it breaks off. Drawing is batched too, a table row's cells in
 * one cairo_show_text_glyphs() rather than one call per line: the PDF
 * surface's cost for each call it records is that of many glyphs.
 *
 * Words are what lies between Pango's line break opportunities, less the
 * space after them, which is shaped (and cached) apart. Report text is set
 * without kerning, as word processors set it by default
 * (csp_word_cache_set_features()): kerning pairs a word with the space
 * beside it ("A ", " T" in Arial), which words shaped apart cannot know.
 * A text that this cannot lay out as Pango would is refused, and its cell
 * keeps a PangoLayout: right-to-left words, tabs and other spacing, two
 * spaces in a row (Pango counts all but the last at a line's end),
 * characters no font has, a word in more than one font, a word too wide
 * for the column (Pango breaks it between characters).
 * tests/report/test-report-words.c holds it to that. */

/* Lines are drawn when their tops fall in a range, as the report layout's are. */
#define EPSILON 0.01

/* A word or a run of spaces, shaped: glyphs ready to draw. */
typedef struct
{
  char *text;
  int width; /* Pango units, as all the sizes here */
  int ascent;
  int descent;
  gboolean usable; /* one run of left-to-right glyphs in one font, all found */
  cairo_scaled_font_t *font;
  GArray *glyphs;   /* cairo_glyph_t, from the word's left on its baseline, in points */
  GArray *clusters; /* cairo_text_cluster_t: which glyphs are which of its characters */
} Word;

struct _CspWordCache
{
  PangoContext *context;
  PangoFontDescription *font;
  GHashTable *words; /* the word's text, owned by the Word → Word */
  GString *key;
  const Word *empty; /* the height of an empty line */
};

typedef struct
{
  const Word *word;
  int x;
} Placed;

typedef struct
{
  guint first; /* the first of its words in the text's placed words */
  guint n_words;
  int top;
  int ascent;
  int descent;
} Line;

struct _CspWordText
{
  GArray *placed;
  GArray *lines;
  int height;
};

/* Glyphs gathered for one cairo_show_text_glyphs(), with the text of each
 * cluster of them, which the PDF keeps for copying and searching. */
struct _CspWordBatch
{
  cairo_t *cr;
  cairo_scaled_font_t *font;
  GArray *glyphs;
  GArray *clusters;
  GString *utf8;
};

/* Words. */

static gboolean
is_drawable (const PangoGlyphItem *run)
{
  if (run->item->analysis.level % 2 != 0 || !PANGO_IS_CAIRO_FONT (run->item->analysis.font))
    return FALSE;
  for (int i = 0; i < run->glyphs->num_glyphs; i++)
    if (run->glyphs->glyphs[i].glyph == PANGO_GLYPH_EMPTY ||
        (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0)
      return FALSE;
  return TRUE;
}

static void
take_glyphs (Word *word, PangoGlyphItem *run)
{
  PangoGlyphItemIter iter;
  int x = 0;

  word->font = cairo_scaled_font_reference (
      pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font)));
  for (int i = 0; i < run->glyphs->num_glyphs; i++)
    {
      const PangoGlyphInfo *info = &run->glyphs->glyphs[i];
      cairo_glyph_t glyph = {
        .index = info->glyph,
        .x = (double) (x + info->geometry.x_offset) / PANGO_SCALE,
        .y = (double) info->geometry.y_offset / PANGO_SCALE,
      };

      g_array_append_val (word->glyphs, glyph);
      x += info->geometry.width;
    }
  for (gboolean more = pango_glyph_item_iter_init_start (&iter, run, word->text); more;
       more = pango_glyph_item_iter_next_cluster (&iter))
    {
      cairo_text_cluster_t cluster = {
        .num_bytes = iter.end_index - iter.start_index,
        .num_glyphs = iter.end_glyph - iter.start_glyph,
      };

      g_array_append_val (word->clusters, cluster);
    }
}

/**
 * csp_word_cache_set_features:
 * @layout: a layout of report text, its text or markup already set
 *
 * Sets the layout's text with the OpenType features the cache shapes words
 * with: no kerning. A PangoLayout of report text then measures as the
 * cache does.
 */
void
csp_word_cache_set_features (PangoLayout *layout)
{
  PangoAttrList *attributes = pango_layout_get_attributes (layout);
  g_autoptr (PangoAttrList) own = attributes == NULL ? pango_attr_list_new () : NULL;

  pango_attr_list_insert (attributes != NULL ? attributes : own,
                          pango_attr_font_features_new ("kern 0"));
  if (own != NULL)
    pango_layout_set_attributes (layout, own);
  else
    pango_layout_context_changed (layout);
}

static Word *
word_new (CspWordCache *cache, const char *text)
{
  Word *word = g_new0 (Word, 1);
  g_autoptr (PangoLayout) layout = pango_layout_new (cache->context);
  PangoLayoutLine *line;
  PangoRectangle logical;

  word->text = g_strdup (text);
  word->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  word->clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  pango_layout_set_font_description (layout, cache->font);
  pango_layout_set_text (layout, text, -1);
  csp_word_cache_set_features (layout);
  line = pango_layout_get_line_readonly (layout, 0);
  pango_layout_line_get_extents (line, NULL, &logical);
  word->width = logical.width;
  word->ascent = -logical.y;
  word->descent = logical.y + logical.height;
  /* The empty word has no run, and nothing to draw. */
  word->usable =
      pango_layout_get_line_count (layout) == 1 &&
      (line->runs == NULL || (line->runs->next == NULL && is_drawable (line->runs->data)));
  if (word->usable && line->runs != NULL)
    take_glyphs (word, line->runs->data);
  return word;
}

static void
word_free (gpointer data)
{
  Word *word = data;

  g_free (word->text);
  g_clear_pointer (&word->font, cairo_scaled_font_destroy);
  g_array_unref (word->glyphs);
  g_array_unref (word->clusters);
  g_free (word);
}

static const Word *
lookup (CspWordCache *self, const char *text, gsize length)
{
  Word *word;

  g_string_truncate (self->key, 0);
  g_string_append_len (self->key, text, (gssize) length);
  word = g_hash_table_lookup (self->words, self->key->str);
  if (word == NULL)
    {
      word = word_new (self, self->key->str);
      g_hash_table_insert (self->words, word->text, word);
    }
  return word;
}

/**
 * csp_word_cache_new:
 * @context: the context to shape with
 * @font: the font of every word
 *
 * Returns: (transfer full): an empty cache of words shaped in @font
 */
CspWordCache *
csp_word_cache_new (PangoContext *context, const PangoFontDescription *font)
{
  CspWordCache *self;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (font != NULL, NULL);

  self = g_new0 (CspWordCache, 1);
  self->context = g_object_ref (context);
  self->font = pango_font_description_copy (font);
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, word_free);
  self->key = g_string_new (NULL);
  self->empty = lookup (self, "", 0);
  return self;
}

void
csp_word_cache_free (CspWordCache *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->words);
  g_string_free (self->key, TRUE);
  pango_font_description_free (self->font);
  g_object_unref (self->context);
  g_free (self);
}

/* Wrapping. */

static void
start_line (CspWordText *self)
{
  Line line = { 0 };

  line.first = self->placed->len;
  line.top = self->height;
  g_array_append_val (self->lines, line);
}

static void
end_line (CspWordText *self, const CspWordCache *cache)
{
  Line *line = &g_array_index (self->lines, Line, self->lines->len - 1);

  if (line->n_words == 0)
    {
      line->ascent = cache->empty->ascent;
      line->descent = cache->empty->descent;
    }
  self->height += line->ascent + line->descent;
}

static void
place (CspWordText *self, const Word *word, int *x)
{
  Line *line = &g_array_index (self->lines, Line, self->lines->len - 1);
  Placed placed = { word, *x };

  g_array_append_val (self->placed, placed);
  line->n_words++;
  line->ascent = MAX (line->ascent, word->ascent);
  line->descent = MAX (line->descent, word->descent);
  *x += word->width;
}

/* Places the word from @start to @spaces and the spaces after it, to
 * @end, on the line at @x, or on a new line when it does not fit. */
static gboolean
place_segment (CspWordText *self, CspWordCache *cache, const char *start, const char *spaces,
               const char *end, int width, int *x)
{
  if (spaces > start)
    {
      const Word *word = lookup (cache, start, (gsize) (spaces - start));

      if (!word->usable || word->width > width)
        return FALSE;
      if (*x > 0 && *x + word->width > width)
        {
          end_line (self, cache);
          start_line (self);
          *x = 0;
        }
      place (self, word, x);
    }
  if (end > spaces)
    {
      const Word *space;

      if (end - spaces != 1 || *spaces != ' ')
        return FALSE;
      space = lookup (cache, spaces, (gsize) (end - spaces));
      if (!space->usable)
        return FALSE;
      place (self, space, x);
    }
  return TRUE;
}

static gboolean
wrap_paragraph (CspWordText *self, CspWordCache *cache, const char *text, int length, int width)
{
  int n_chars = (int) g_utf8_strlen (text, length);
  g_autofree PangoLogAttr *attrs = g_new (PangoLogAttr, n_chars + 1);
  const char *p = text, *start = text, *spaces = text;
  int x = 0;

  pango_get_log_attrs (text, length, -1, pango_context_get_language (cache->context), attrs,
                       n_chars + 1);
  start_line (self);
  for (int i = 0; i < n_chars; i++)
    {
      const char *next = g_utf8_next_char (p);

      if (!attrs[i].is_white)
        spaces = next;
      p = next;
      if (i + 1 < n_chars && !attrs[i + 1].is_line_break)
        continue;
      if (!place_segment (self, cache, start, spaces, p, width, &x))
        return FALSE;
      start = spaces = p;
    }
  end_line (self, cache);
  return TRUE;
}

/**
 * csp_word_text_new:
 * @cache: the words' cache, which must outlive the text
 * @text: plain text, its paragraphs apart by line breaks
 * @width: the width to wrap at, in Pango units
 *
 * Wraps @text at @width as a #PangoLayout of the cache's font and context
 * wrapping words (%PANGO_WRAP_WORD_CHAR) would.
 *
 * Returns: (transfer full) (nullable): the wrapped text, or %NULL when it
 *   needs a #PangoLayout of its own (see above)
 */
CspWordText *
csp_word_text_new (CspWordCache *cache, const char *text, int width)
{
  g_autoptr (CspWordText) self = NULL;
  int length;

  g_return_val_if_fail (cache != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = g_new0 (CspWordText, 1);
  self->placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  self->lines = g_array_new (FALSE, FALSE, sizeof (Line));
  length = (int) strlen (text);
  for (;;)
    {
      int delimiter, next;

      pango_find_paragraph_boundary (text, length, &delimiter, &next);
      if (!wrap_paragraph (self, cache, text, delimiter, width))
        return NULL;
      if (next == delimiter)
        break;
      text += next;
      length -= next;
    }
  return g_steal_pointer (&self);
}

void
csp_word_text_free (CspWordText *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->placed);
  g_array_unref (self->lines);
  g_free (self);
}

/**
 * csp_word_text_get_height:
 *
 * Returns: the height of all its lines, in points
 */
double
csp_word_text_get_height (const CspWordText *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return (double) self->height / PANGO_SCALE;
}

guint
csp_word_text_get_n_lines (const CspWordText *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->lines->len;
}

/**
 * csp_word_text_get_line_yrange:
 * @top: (out): where the line starts, in points from the text's top
 * @bottom: (out): where it ends
 */
void
csp_word_text_get_line_yrange (const CspWordText *self, guint line, double *top, double *bottom)
{
  const Line *extent;

  g_return_if_fail (self != NULL);
  g_return_if_fail (line < self->lines->len);

  extent = &g_array_index (self->lines, Line, line);
  *top = (double) extent->top / PANGO_SCALE;
  *bottom = (double) (extent->top + extent->ascent + extent->descent) / PANGO_SCALE;
}

/* Drawing. */

/**
 * csp_word_batch_new:
 * @cr: where to draw
 *
 * Returns: (transfer full): an empty batch of glyphs to draw on @cr
 */
CspWordBatch *
csp_word_batch_new (cairo_t *cr)
{
  CspWordBatch *self;

  g_return_val_if_fail (cr != NULL, NULL);

  self = g_new0 (CspWordBatch, 1);
  self->cr = cairo_reference (cr);
  self->glyphs = g_array_sized_new (FALSE, FALSE, sizeof (cairo_glyph_t), 1024);
  self->clusters = g_array_sized_new (FALSE, FALSE, sizeof (cairo_text_cluster_t), 1024);
  self->utf8 = g_string_sized_new (1024);
  return self;
}

/**
 * csp_word_batch_draw:
 *
 * Draws the glyphs added so far in the current source, and empties the batch.
 */
void
csp_word_batch_draw (CspWordBatch *self)
{
  g_return_if_fail (self != NULL);

  if (self->glyphs->len == 0)
    return;
  cairo_save (self->cr);
  cairo_set_scaled_font (self->cr, self->font);
  cairo_show_text_glyphs (self->cr, self->utf8->str, (int) self->utf8->len,
                          (const cairo_glyph_t *) self->glyphs->data, (int) self->glyphs->len,
                          (const cairo_text_cluster_t *) self->clusters->data,
                          (int) self->clusters->len, 0);
  cairo_restore (self->cr);
  g_array_set_size (self->glyphs, 0);
  g_array_set_size (self->clusters, 0);
  g_string_truncate (self->utf8, 0);
}

/**
 * csp_word_batch_free:
 *
 * Frees the batch, drawing what it still holds.
 */
void
csp_word_batch_free (CspWordBatch *self)
{
  if (self == NULL)
    return;
  csp_word_batch_draw (self);
  cairo_destroy (self->cr);
  g_array_unref (self->glyphs);
  g_array_unref (self->clusters);
  g_string_free (self->utf8, TRUE);
  g_free (self);
}

static void
batch_add_word (CspWordBatch *self, const Word *word, double x, double baseline)
{
  if (word->glyphs->len == 0)
    return;
  if (word->font != self->font)
    {
      csp_word_batch_draw (self);
      self->font = word->font;
    }
  for (guint i = 0; i < word->glyphs->len; i++)
    {
      cairo_glyph_t glyph = g_array_index (word->glyphs, cairo_glyph_t, i);

      glyph.x += x;
      glyph.y += baseline;
      g_array_append_val (self->glyphs, glyph);
    }
  g_array_append_vals (self->clusters, word->clusters->data, word->clusters->len);
  g_string_append (self->utf8, word->text);
}

/**
 * csp_word_text_add_lines:
 * @batch: the batch to add the lines' glyphs to, drawn with
 *   csp_word_batch_draw(); its cairo_t's user units are points
 * @x: where the text's left edge goes
 * @y: where the line at @start goes
 * @start: the top of the first line to draw, in points from the text's top
 * @end: lines whose tops are at or below this are not drawn
 *
 * Adds the lines whose tops lie in [@start, @end) to @batch.
 */
void
csp_word_text_add_lines (const CspWordText *self, CspWordBatch *batch, double x, double y,
                         double start, double end)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (batch != NULL);

  for (guint i = 0; i < self->lines->len; i++)
    {
      const Line *line = &g_array_index (self->lines, Line, i);
      double top = (double) line->top / PANGO_SCALE;
      double baseline = y + (double) (line->top + line->ascent) / PANGO_SCALE - start;

      if (top >= end - EPSILON)
        break;
      if (top < start - EPSILON)
        continue;
      for (guint j = line->first; j < line->first + line->n_words; j++)
        {
          const Placed *placed = &g_array_index (self->placed, Placed, j);
          batch_add_word (batch, placed->word, x + (double) placed->x / PANGO_SCALE, baseline);
        }
    }
}

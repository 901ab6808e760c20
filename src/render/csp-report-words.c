/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-words"

#include "config.h"

#include <pango/pangocairo.h>
#include <string.h>

#include "csp-report-breaks.h"
#include "csp-report-words.h"

/* Plain text wrapped from words shaped once each. A table of a thousand
 * activities holds some 50,000 words but only a few thousand different
 * ones, so shaping each distinct word once (as browsers' word caches do)
 * and wrapping by adding up their widths is many times faster than a
 * PangoLayout per cell, which shapes all of its text, then shapes again
 * each line it breaks off. Drawing is batched too, the cells of a page's
 * rows in one cairo_show_text_glyphs() rather than one call per line: the
 * PDF surface's cost for each call it records is that of many glyphs.
 *
 * Words are what lies between Pango's line break opportunities
 * (csp-report-breaks.c), less the space after them, which is shaped (and
 * cached) apart, and not drawn where a line ends. Report text is set
 * without kerning, as word processors set it by default
 * (csp_word_cache_set_features()): kerning pairs a word with the space
 * beside it ("A ", " T" in Arial), which words shaped apart cannot know.
 * A text that this cannot lay out as Pango would is refused, and its cell
 * keeps a PangoLayout: right-to-left words, tabs and other spacing, two
 * spaces in a row (Pango counts all but the last at a line's end),
 * characters no font has, a word in more than one font, a word too wide
 * for the column (Pango breaks it between characters).
 * tests/report/test-report-words.c holds it to that. */

/* The OpenType features of report text: no kerning. */
#define FEATURES "kern 0"

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

/* The text being wrapped, in arrays kept from one text to the next. */
typedef struct
{
  GArray *placed;
  GArray *lines;
  int height;
} Wrapping;

struct _CspWordCache
{
  PangoContext *context;
  PangoFontDescription *font;
  PangoAttrList *attributes; /* the font and its features, over any word */
  PangoShapeFlags shape_flags;
  GHashTable *words; /* the word's text, owned by the Word → Word */
  GString *key;
  const Word *empty; /* the height of an empty line */
  Wrapping wrapping;
};

/* A wrapped text is one block: its placed words, then its lines. */
struct _CspWordText
{
  int height;
  guint n_lines;
  const Line *lines;
  Placed placed[];
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
                          pango_attr_font_features_new (FEATURES));
  if (own != NULL)
    pango_layout_set_attributes (layout, own);
  else
    pango_layout_context_changed (layout);
}

/* The height of an empty line, from the font's metrics: a layout's. */
static void
measure_empty (Word *word, CspWordCache *cache)
{
  g_autoptr (PangoLayout) layout = pango_layout_new (cache->context);
  PangoRectangle logical;

  pango_layout_set_font_description (layout, cache->font);
  pango_layout_get_extents (layout, NULL, &logical);
  word->ascent = -logical.y;
  word->descent = logical.y + logical.height;
  word->usable = TRUE;
}

/* Shapes the word as a PangoLayout would its one run, without the layout's
 * line breaking and line making, which cost more than the shaping. */
static void
shape (Word *word, CspWordCache *cache)
{
  int length = (int) strlen (word->text);
  GList *items = pango_itemize (cache->context, word->text, 0, length, cache->attributes, NULL);
  PangoGlyphItem run = { items->data, pango_glyph_string_new () };
  PangoRectangle logical;

  pango_shape_item (run.item, word->text, length, NULL, run.glyphs, cache->shape_flags);
  pango_glyph_string_extents (run.glyphs, run.item->analysis.font, NULL, &logical);
  word->width = logical.width;
  word->ascent = -logical.y;
  word->descent = logical.y + logical.height;
  word->usable = items->next == NULL && is_drawable (&run);
  if (word->usable)
    take_glyphs (word, &run);
  pango_glyph_string_free (run.glyphs);
  g_list_free_full (items, (GDestroyNotify) pango_item_free);
}

static Word *
word_new (CspWordCache *cache, const char *text)
{
  Word *word = g_new0 (Word, 1);

  word->text = g_strdup (text);
  word->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  word->clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  if (*text == '\0')
    measure_empty (word, cache);
  else
    shape (word, cache);
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
  self->attributes = pango_attr_list_new ();
  pango_attr_list_insert (self->attributes, pango_attr_font_desc_new (font));
  pango_attr_list_insert (self->attributes, pango_attr_font_features_new (FEATURES));
  if (pango_context_get_round_glyph_positions (context))
    self->shape_flags = PANGO_SHAPE_ROUND_POSITIONS;
  self->words = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, word_free);
  self->key = g_string_new (NULL);
  self->empty = lookup (self, "", 0);
  self->wrapping.placed = g_array_new (FALSE, FALSE, sizeof (Placed));
  self->wrapping.lines = g_array_new (FALSE, FALSE, sizeof (Line));
  return self;
}

void
csp_word_cache_free (CspWordCache *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->words);
  g_string_free (self->key, TRUE);
  g_array_unref (self->wrapping.placed);
  g_array_unref (self->wrapping.lines);
  pango_font_description_free (self->font);
  pango_attr_list_unref (self->attributes);
  g_object_unref (self->context);
  g_free (self);
}

/* Wrapping. */

static void
start_line (Wrapping *self)
{
  Line line = { 0 };

  line.first = self->placed->len;
  line.top = self->height;
  g_array_append_val (self->lines, line);
}

static void
end_line (Wrapping *self, const CspWordCache *cache)
{
  Line *line = &g_array_index (self->lines, Line, self->lines->len - 1);

  if (line->n_words == 0)
    {
      line->ascent = cache->empty->ascent;
      line->descent = cache->empty->descent;
    }
  /* The space where a line ends is not drawn, as word processors leave
   * it out; the line keeps its height. */
  else if (g_array_index (self->placed, Placed, self->placed->len - 1).word->text[0] == ' ')
    {
      line->n_words--;
      g_array_set_size (self->placed, self->placed->len - 1);
    }
  self->height += line->ascent + line->descent;
}

static void
place (Wrapping *self, const Word *word, int *x)
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
place_segment (Wrapping *self, CspWordCache *cache, const char *start, const char *spaces,
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
wrap_paragraph (Wrapping *self, CspWordCache *cache, const char *text, int length,
                const PangoLogAttr *attrs, int width)
{
  int n_chars = (int) g_utf8_strlen (text, length);
  const char *p = text, *start = text, *spaces = text;
  int x = 0;

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

static CspWordText *
text_new (const Wrapping *wrapping)
{
  gsize placed_size = wrapping->placed->len * sizeof (Placed);
  CspWordText *self =
      g_malloc (sizeof (CspWordText) + placed_size + wrapping->lines->len * sizeof (Line));

  self->height = wrapping->height;
  self->n_lines = wrapping->lines->len;
  /* A text of no words has no placed words' array to copy from. */
  if (placed_size > 0)
    memcpy (self->placed, wrapping->placed->data, placed_size);
  self->lines = memcpy ((char *) self->placed + placed_size, wrapping->lines->data,
                        wrapping->lines->len * sizeof (Line));
  return self;
}

/**
 * csp_word_text_new:
 * @cache: the words' cache, which must outlive the text
 * @text: plain text, its paragraphs apart by line breaks
 * @breaks: (nullable): csp_text_breaks_find() of @text in the cache's
 *   context's language; found here when %NULL
 * @width: the width to wrap at, in Pango units
 *
 * Wraps @text at @width as a #PangoLayout of the cache's font and context
 * wrapping words (%PANGO_WRAP_WORD_CHAR) would.
 *
 * Returns: (transfer full) (nullable): the wrapped text, or %NULL when it
 *   needs a #PangoLayout of its own (see above)
 */
CspWordText *
csp_word_text_new (CspWordCache *cache, const char *text, const PangoLogAttr *breaks, int width)
{
  Wrapping *wrapping;
  g_autofree PangoLogAttr *found = NULL;
  int length;

  g_return_val_if_fail (cache != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (breaks == NULL)
    breaks = found = csp_text_breaks_find (text, pango_context_get_language (cache->context));

  wrapping = &cache->wrapping;
  g_array_set_size (wrapping->placed, 0);
  g_array_set_size (wrapping->lines, 0);
  wrapping->height = 0;
  length = (int) strlen (text);
  for (;;)
    {
      int delimiter, next;

      pango_find_paragraph_boundary (text, length, &delimiter, &next);
      if (!wrap_paragraph (wrapping, cache, text, delimiter, breaks, width))
        return NULL;
      if (next == delimiter)
        break;
      breaks += g_utf8_strlen (text, next);
      text += next;
      length -= next;
    }
  return text_new (wrapping);
}

void
csp_word_text_free (CspWordText *self)
{
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
  return self->n_lines;
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
  g_return_if_fail (line < self->n_lines);

  extent = &self->lines[line];
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
  guint first;

  if (word->glyphs->len == 0)
    return;
  if (word->font != self->font)
    {
      csp_word_batch_draw (self);
      self->font = word->font;
    }
  first = self->glyphs->len;
  g_array_append_vals (self->glyphs, word->glyphs->data, word->glyphs->len);
  for (cairo_glyph_t *glyph = &g_array_index (self->glyphs, cairo_glyph_t, first);
       glyph < &g_array_index (self->glyphs, cairo_glyph_t, self->glyphs->len); glyph++)
    {
      glyph->x += x;
      glyph->y += baseline;
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

  for (guint i = 0; i < self->n_lines; i++)
    {
      const Line *line = &self->lines[i];
      double top = (double) line->top / PANGO_SCALE;
      double baseline = y + (double) (line->top + line->ascent) / PANGO_SCALE - start;

      if (top >= end - EPSILON)
        break;
      if (top < start - EPSILON)
        continue;
      for (guint j = line->first; j < line->first + line->n_words; j++)
        {
          const Placed *placed = &self->placed[j];
          batch_add_word (batch, placed->word, x + (double) placed->x / PANGO_SCALE, baseline);
        }
    }
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-rich-text"

#include "config.h"

#include <string.h>

#include "csp-rich-text.h"

/* The formatting a committee report's paragraphs use, kept in their text
 * as a small markup that reads well unformatted too:
 *
 *   **bold**   *italic*   8^th^ (superscript)   \* (a plain asterisk)
 *   - a bulleted list item      (a line starting "- " or "• ")
 *   1. a numbered list item     (a line starting with a number and ". ")
 *
 * Text written before there was formatting reads the same, unless it has
 * a pair of asterisks or carets in one line. The layout and the Word
 * writer take each line of a paragraph as text or a list item, with its
 * spans as Pango markup. */

static void
rich_line_free (gpointer data)
{
  CspRichLine *line = data;

  g_free (line->marker);
  g_free (line->markup);
  g_free (line->plain);
  g_free (line);
}

/* Whether @marker at @at can open a span: text follows it at once, and a
 * later @marker closes it, right after text ("5 * 3" is plain). A
 * superscript is one word ("8^th^"; "x^2 + y^2" is plain). */
static gboolean
opens_span (const char *at, const char *marker)
{
  gsize length = strlen (marker);
  const char *close = at + length;

  if (at[length] == '\0' || g_ascii_isspace (at[length]))
    return FALSE;
  while ((close = strstr (close + 1, marker)) != NULL)
    {
      if (*marker == '^' && memchr (at, ' ', close - at) != NULL)
        return FALSE;
      if (!g_ascii_isspace (close[-1]))
        return TRUE;
    }
  return FALSE;
}

/* Whether @marker at @at, in @text, closes the open span: right after text. */
static gboolean
closes_span (const char *text, const char *at)
{
  return at > text && !g_ascii_isspace (at[-1]);
}

/**
 * csp_rich_text_list_prefix:
 * @line: a line of a paragraph
 * @kind: (out): %CSP_RICH_LINE_BULLET, %CSP_RICH_LINE_NUMBERED, or
 *   %CSP_RICH_LINE_TEXT when the line is no list item
 *
 * Returns: the length in bytes of the line's list prefix ("- ", "• ",
 *   "12. "), 0 without one
 */
gsize
csp_rich_text_list_prefix (const char *line, CspRichLineKind *kind)
{
  gsize digits = 0;

  g_return_val_if_fail (line != NULL, 0);
  g_return_val_if_fail (kind != NULL, 0);

  *kind = CSP_RICH_LINE_BULLET;
  if (g_str_has_prefix (line, "- "))
    return 2;
  if (g_str_has_prefix (line, "• "))
    return strlen ("• ");
  while (g_ascii_isdigit (line[digits]) && digits < 3)
    digits++;
  if (digits > 0 && line[digits] == '.' && line[digits + 1] == ' ')
    {
      *kind = CSP_RICH_LINE_NUMBERED;
      return digits + 2;
    }
  *kind = CSP_RICH_LINE_TEXT;
  return 0;
}

static void
scan_spans (const char *line, gsize offset, CspRichTextSpanFunc func, gpointer user_data)
{
  const char *text = line + offset;
  guint style = 0;
  const char *p = text;
  const char *run = text; /* the text not yet told */

#define FLUSH_TEXT()                                                                               \
  G_STMT_START                                                                                     \
  {                                                                                                \
    if (p > run)                                                                                   \
      func (run - line, p - run, style, FALSE, user_data);                                         \
  }                                                                                                \
  G_STMT_END

  while (*p != '\0')
    {
      const char *next = g_utf8_next_char (p);
      guint toggled = 0;
      gsize length = 1;

      if (*p == '\\' && (p[1] == '*' || p[1] == '^' || p[1] == '\\'))
        {
          FLUSH_TEXT ();
          func (p - line, 1, style, TRUE, user_data);
          run = p + 1;
          p += 2;
          continue;
        }
      if (g_str_has_prefix (p, "**") &&
          ((style & CSP_RICH_BOLD) ? closes_span (text, p) : opens_span (p, "**")))
        toggled = CSP_RICH_BOLD, length = 2;
      else if (*p == '*' &&
               ((style & CSP_RICH_ITALIC) ? closes_span (text, p) : opens_span (p, "*")))
        toggled = CSP_RICH_ITALIC;
      else if (*p == '^' &&
               ((style & CSP_RICH_SUPERSCRIPT) ? closes_span (text, p) : opens_span (p, "^")))
        toggled = CSP_RICH_SUPERSCRIPT;
      /* Control characters have no place in a report, nor in markup. */
      if (toggled != 0 || ((guchar) *p < 0x20 && *p != '\t'))
        {
          FLUSH_TEXT ();
          if (toggled != 0)
            func (p - line, length, style | toggled, TRUE, user_data);
          style ^= toggled;
          p += length;
          run = p;
          continue;
        }
      p = next;
    }
  FLUSH_TEXT ();
#undef FLUSH_TEXT
}

/* Pango markup built piece by piece, its elements always nested right:
 * "**bold *both** italic*" closes and reopens the italics. */
typedef struct
{
  const char *text;
  GString *markup;
  GString *plain;
  guint open[3];
  guint n_open;
} Builder;

static const struct
{
  guint style;
  const char *tag;
} tags[] = {
  { CSP_RICH_BOLD, "b" },
  { CSP_RICH_ITALIC, "i" },
  { CSP_RICH_SUPERSCRIPT, "sup" },
};

static const char *
tag_of (guint style)
{
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    if (tags[i].style == style)
      return tags[i].tag;
  g_return_val_if_reached (NULL);
}

static void
build_style (Builder *builder, guint style)
{
  guint keep = 0;

  while (keep < builder->n_open && (style & builder->open[keep]))
    keep++;
  while (builder->n_open > keep)
    g_string_append_printf (builder->markup, "</%s>", tag_of (builder->open[--builder->n_open]));
  for (guint i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      gboolean is_open = FALSE;

      for (guint j = 0; j < builder->n_open; j++)
        is_open |= builder->open[j] == tags[i].style;
      if ((style & tags[i].style) && !is_open)
        {
          g_string_append_printf (builder->markup, "<%s>", tags[i].tag);
          builder->open[builder->n_open++] = tags[i].style;
        }
    }
}

static void
build_span (gsize start, gsize length, guint style, gboolean marker, gpointer user_data)
{
  Builder *builder = user_data;
  g_autofree char *escaped = NULL;

  if (marker)
    return;
  build_style (builder, style);
  escaped = g_markup_escape_text (builder->text + start, (gssize) length);
  g_string_append (builder->markup, escaped);
  g_string_append_len (builder->plain, builder->text + start, (gssize) length);
}

/* The spans of one line, as Pango markup and as plain text. */
static void
parse_spans (const char *text, GString *markup, GString *plain)
{
  Builder builder = { .text = text, .markup = markup, .plain = plain };

  scan_spans (text, 0, build_span, &builder);
  build_style (&builder, 0);
}

/**
 * csp_rich_text_scan_line:
 * @line: one line of a paragraph, a list item's marker left in
 * @func: (scope call): told each piece of text and each marker, in order,
 *   with its byte offset and length in @line
 *
 * For an editor that shows the formatting as it is typed.
 */
void
csp_rich_text_scan_line (const char *line, CspRichTextSpanFunc func, gpointer user_data)
{
  CspRichLineKind kind;
  gsize item;

  g_return_if_fail (line != NULL);
  g_return_if_fail (func != NULL);

  item = csp_rich_text_list_prefix (line, &kind);
  if (item > 0)
    func (0, item, 0, TRUE, user_data);
  scan_spans (line, item, func, user_data);
}

static CspRichLine *
parse_line (const char *text)
{
  CspRichLine *line = g_new0 (CspRichLine, 1);
  g_autoptr (GString) markup = g_string_new (NULL);
  g_autoptr (GString) plain = g_string_new (NULL);
  gsize prefix = csp_rich_text_list_prefix (text, &line->kind);

  /* A numbered item keeps its own number, "2.", without the space. */
  if (line->kind == CSP_RICH_LINE_BULLET)
    line->marker = g_strdup ("•");
  else if (line->kind == CSP_RICH_LINE_NUMBERED)
    line->marker = g_strndup (text, prefix - 1);
  text += prefix;
  while (*text == ' ')
    text++;
  parse_spans (text, markup, plain);
  line->markup = g_string_free (g_steal_pointer (&markup), FALSE);
  line->plain = g_string_free (g_steal_pointer (&plain), FALSE);
  return line;
}

/**
 * csp_rich_text_parse:
 * @paragraph: a paragraph's text, its lines separated by "\n"
 *
 * Returns: (transfer full) (element-type CspRichLine): the paragraph's
 *   lines, each text or a list item; lines of text in a row are one line,
 *   joined by "\n", as they print in one block
 */
GPtrArray *
csp_rich_text_parse (const char *paragraph)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (rich_line_free);
  g_auto (GStrv) texts = g_strsplit (paragraph != NULL ? paragraph : "", "\n", -1);

  for (guint i = 0; texts[i] != NULL; i++)
    {
      CspRichLine *line = parse_line (texts[i]);
      CspRichLine *last = lines->len > 0 ? g_ptr_array_index (lines, lines->len - 1) : NULL;

      if (line->kind == CSP_RICH_LINE_TEXT && last != NULL && last->kind == CSP_RICH_LINE_TEXT)
        {
          char *markup = g_strconcat (last->markup, "\n", line->markup, NULL);
          char *plain = g_strconcat (last->plain, "\n", line->plain, NULL);

          g_free (last->markup);
          g_free (last->plain);
          last->markup = markup;
          last->plain = plain;
          rich_line_free (line);
          continue;
        }
      g_ptr_array_add (lines, line);
    }
  return lines;
}

/**
 * csp_rich_text_to_plain:
 * @text: (nullable): text with the formatting markup
 *
 * Returns: (transfer full): the text as read, without its markup: list
 *   markers kept, spans' asterisks and carets gone
 */
char *
csp_rich_text_to_plain (const char *text)
{
  g_autoptr (GString) plain = g_string_new (NULL);
  g_auto (GStrv) texts = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; texts[i] != NULL; i++)
    {
      CspRichLine *line = parse_line (texts[i]);

      if (i > 0)
        g_string_append_c (plain, '\n');
      if (line->marker != NULL)
        g_string_append_printf (plain, "%s ", line->marker);
      g_string_append (plain, line->plain);
      rich_line_free (line);
    }
  return g_string_free (g_steal_pointer (&plain), FALSE);
}

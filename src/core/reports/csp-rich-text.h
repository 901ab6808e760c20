/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CspRichLineKind:
 * @CSP_RICH_LINE_TEXT: a line of the paragraph's own text
 * @CSP_RICH_LINE_BULLET: an item of a bulleted list ("- " at its start)
 * @CSP_RICH_LINE_NUMBERED: an item of a numbered list ("1. " at its start)
 */
typedef enum
{
  CSP_RICH_LINE_TEXT,
  CSP_RICH_LINE_BULLET,
  CSP_RICH_LINE_NUMBERED,
} CspRichLineKind;

/**
 * CspRichLine:
 * @kind: text or a list item
 * @marker: (nullable): a list item's marker as printed, "•" or "2."
 * @markup: the line's text as Pango markup: escaped, with <b>, <i> and
 *   <sup> for the bold, italic and superscript spans
 * @plain: the same text without its formatting
 */
typedef struct
{
  CspRichLineKind kind;
  char *marker;
  char *markup;
  char *plain;
} CspRichLine;

/**
 * CspRichStyle:
 * @CSP_RICH_BOLD: **bold**
 * @CSP_RICH_ITALIC: *italic*
 * @CSP_RICH_SUPERSCRIPT: ^superscript^
 */
typedef enum
{
  CSP_RICH_BOLD = 1 << 0,
  CSP_RICH_ITALIC = 1 << 1,
  CSP_RICH_SUPERSCRIPT = 1 << 2,
} CspRichStyle;

/**
 * CspRichTextSpanFunc:
 * @start: the piece's byte offset in the line
 * @length: its length in bytes
 * @style: the #CspRichStyle flags of a piece of text; for a marker, those
 *   around and in it
 * @marker: the piece is markup (a span's asterisks or carets, an escaping
 *   backslash, a list item's "- "), not text
 */
typedef void (*CspRichTextSpanFunc) (gsize start, gsize length, guint style, gboolean marker,
                                     gpointer user_data);

GPtrArray *csp_rich_text_parse (const char *paragraph);
gsize csp_rich_text_list_prefix (const char *line, CspRichLineKind *kind);
void csp_rich_text_scan_line (const char *line, CspRichTextSpanFunc func, gpointer user_data);
char *csp_rich_text_to_plain (const char *text);

G_END_DECLS

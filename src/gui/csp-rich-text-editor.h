/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * CspRichFormat:
 * @CSP_RICH_FORMAT_BOLD: the selection in bold
 * @CSP_RICH_FORMAT_ITALIC: in italics
 * @CSP_RICH_FORMAT_SUPERSCRIPT: raised, as the "th" of "8th"
 * @CSP_RICH_FORMAT_BULLETS: the lines as a bulleted list
 * @CSP_RICH_FORMAT_NUMBERS: the lines as a numbered list
 */
typedef enum
{
  CSP_RICH_FORMAT_BOLD,
  CSP_RICH_FORMAT_ITALIC,
  CSP_RICH_FORMAT_SUPERSCRIPT,
  CSP_RICH_FORMAT_BULLETS,
  CSP_RICH_FORMAT_NUMBERS,
} CspRichFormat;

GtkWidget *csp_rich_text_editor_attach (GtkTextView *view, const char *name);
void csp_rich_text_editor_apply (GtkTextView *view, CspRichFormat format);

G_END_DECLS

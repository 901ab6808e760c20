/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-document"

#include "config.h"

#include <pango/pango.h>
#include <string.h>

#include "csp-chart-export.h"
#include "csp-report-document.h"

/* Word and OpenDocument lay the pages out themselves: their writers take
 * the report's blocks as they are, and share here how a paragraph's markup
 * becomes runs of one look, how text breaks into what XML can hold, how a
 * table's width is shared out and how a chart becomes a picture. */

/**
 * csp_report_markup_foreach_run:
 * @markup: Pango markup: a paragraph's formatting, a table's cells (such
 *   as the author's title in italics)
 * @base: the look of the text around it
 * @func: called for each run of one look, in order
 *
 * Markup that does not parse is one run of @markup as it is, never lost.
 */
void
csp_report_markup_foreach_run (const char *markup, const CspReportRunStyle *base,
                               CspReportRunFunc func, gpointer user_data)
{
  g_autoptr (PangoAttrList) attributes = NULL;
  g_autofree char *text = NULL;
  PangoAttrIterator *iter;

  g_return_if_fail (markup != NULL && base != NULL && func != NULL);

  if (!pango_parse_markup (markup, -1, 0, &attributes, &text, NULL, NULL))
    {
      func (markup, strlen (markup), base, user_data);
      return;
    }
  iter = pango_attr_list_get_iterator (attributes);
  do
    {
      PangoAttribute *weight = pango_attr_iterator_get (iter, PANGO_ATTR_WEIGHT);
      PangoAttribute *style = pango_attr_iterator_get (iter, PANGO_ATTR_STYLE);
      PangoAttribute *rise = pango_attr_iterator_get (iter, PANGO_ATTR_RISE);
      PangoAttribute *shift = pango_attr_iterator_get (iter, PANGO_ATTR_BASELINE_SHIFT);
      CspReportRunStyle run = *base;
      int from, to;

      pango_attr_iterator_range (iter, &from, &to);
      to = MIN (to, (int) strlen (text));
      if (from >= to)
        continue;
      run.bold |= weight != NULL && ((PangoAttrInt *) weight)->value >= PANGO_WEIGHT_BOLD;
      run.italic |= style != NULL && ((PangoAttrInt *) style)->value != PANGO_STYLE_NORMAL;
      /* <sup>: Pango 1.50 shifts the baseline; older ones raise the text. */
      run.superscript |= (rise != NULL && ((PangoAttrInt *) rise)->value > 0) ||
                         (shift != NULL && ((PangoAttrInt *) shift)->value != 0);
      func (text + from, (gsize) (to - from), &run, user_data);
    }
  while (pango_attr_iterator_next (iter));
  pango_attr_iterator_destroy (iter);
}

/**
 * csp_report_text_foreach_piece:
 * @text: text, not markup
 * @length: its length in bytes
 * @func: called for each piece: characters, a tab, a line break
 *
 * Characters XML cannot hold (controls other than tab and newline) are
 * left out.
 */
void
csp_report_text_foreach_piece (const char *text, gsize length, CspReportPieceFunc func,
                               gpointer user_data)
{
  g_autoptr (GString) piece = g_string_new (NULL);
  const char *end_of_text = text + length;

  g_return_if_fail (text != NULL || length == 0);
  g_return_if_fail (func != NULL);

  for (const char *c = text;; c++)
    {
      if (c == end_of_text || *c == '\t' || *c == '\n')
        {
          if (piece->len > 0)
            {
              func (CSP_REPORT_PIECE_TEXT, piece->str, user_data);
              g_string_truncate (piece, 0);
            }
          if (c == end_of_text)
            break;
          func (*c == '\t' ? CSP_REPORT_PIECE_TAB : CSP_REPORT_PIECE_BREAK, NULL, user_data);
        }
      else if ((guchar) *c >= 0x20)
        g_string_append_c (piece, *c);
    }
}

/**
 * csp_report_table_split_width:
 * @block: a table block
 * @width: the table's width, in any whole unit
 * @widths: (out caller-allocates) (array length=block->n_columns): each
 *   column's width, by its share; together exactly @width
 */
void
csp_report_table_split_width (const CspReportBlock *block, guint width, guint *widths)
{
  double total = 0;
  guint used = 0;

  g_return_if_fail (block != NULL && block->kind == CSP_REPORT_BLOCK_TABLE);
  g_return_if_fail (widths != NULL);

  for (guint i = 0; i < block->n_columns; i++)
    total += MAX (block->widths[i], 0);
  for (guint i = 0; i < block->n_columns; i++)
    {
      double share = total > 0 ? MAX (block->widths[i], 0) / total : 1.0 / block->n_columns;

      widths[i] = i + 1 < block->n_columns ? (guint) (width * share) : width - used;
      used += widths[i];
    }
}

/**
 * csp_report_chart_block_to_png:
 * @block: a chart block
 * @width: the picture's width in points; its height is the block's
 *
 * Returns: (transfer full): the chart drawn as in the PDF, as a PNG image
 *   at %CSP_REPORT_CHART_SCALE pixels a point, or %NULL with @error set
 */
GBytes *
csp_report_chart_block_to_png (const CspReportBlock *block, double width, GError **error)
{
  CspChartStyle style;

  g_return_val_if_fail (block != NULL && block->kind == CSP_REPORT_BLOCK_CHART, NULL);

  csp_report_chart_style_init (&style, NULL, 0);
  return csp_chart_export_bytes (block->chart, CSP_CHART_FORMAT_PNG, width, block->height,
                                 CSP_REPORT_CHART_SCALE, &style, error);
}

/**
 * csp_report_document_blocks_new:
 * @content: the report
 * @info: (out caller-allocates): its title, author and subject
 * @subject: (out) (transfer full): the subject's text, which @info points
 *   to, to free after
 *
 * Makes the report's charts from @database, and its blocks.
 *
 * Returns: (transfer full) (element-type CspReportBlock): the blocks, or
 *   %NULL with @error set
 */
GPtrArray *
csp_report_document_blocks_new (CspDatabase *database, const CspReportContent *content,
                                CspReportPdfInfo *info, char **subject, GError **error)
{
  g_autoptr (GPtrArray) charts = NULL;

  g_return_val_if_fail (CSP_IS_DATABASE (database), NULL);
  g_return_val_if_fail (content != NULL && info != NULL && subject != NULL, NULL);

  charts = csp_report_charts_new (database, content, error);
  if (charts == NULL)
    return NULL;
  csp_report_info_init (info, content, subject);
  return csp_report_blocks_from_content (content, charts);
}

/**
 * csp_report_xml_part_new:
 * @buffer: (out): where the part is written
 *
 * Returns: (transfer full): a writer of an XML part in UTF-8, its XML
 *   declaration written; csp_report_xml_part_finish() ends it
 */
xmlTextWriterPtr
csp_report_xml_part_new (xmlBuffer **buffer)
{
  xmlTextWriterPtr writer;

  g_return_val_if_fail (buffer != NULL, NULL);

  *buffer = xmlBufferCreate ();
  writer = xmlNewTextWriterMemory (*buffer, 0);
  xmlTextWriterStartDocument (writer, NULL, "UTF-8", "yes");
  return writer;
}

/**
 * csp_report_xml_part_finish:
 * @writer: (transfer full): from csp_report_xml_part_new()
 * @buffer: (transfer full): its buffer
 * @keep: whether the part is wanted: %FALSE when writing it failed
 *
 * Ends every element still open, and frees @writer and @buffer.
 *
 * Returns: (transfer full) (nullable): the part, %NULL unless @keep
 */
GBytes *
csp_report_xml_part_finish (xmlTextWriterPtr writer, xmlBuffer *buffer, gboolean keep)
{
  GBytes *bytes = NULL;

  g_return_val_if_fail (writer != NULL && buffer != NULL, NULL);

  xmlTextWriterEndDocument (writer);
  xmlFreeTextWriter (writer);
  if (keep)
    bytes = g_bytes_new (xmlBufferContent (buffer), (gsize) xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return bytes;
}

static void
write_dc_element (xmlTextWriterPtr writer, const char *name, const char *value)
{
  if (value != NULL && *value != '\0')
    xmlTextWriterWriteElementNS (writer, BAD_CAST "dc", BAD_CAST name, NULL, BAD_CAST value);
}

/**
 * csp_report_xml_write_dublin_core:
 * @writer: writing the document's metadata, where the prefix "dc" is
 *   declared for Dublin Core's elements, as both Word and OpenDocument have it
 * @info: the document's title, author and subject
 *
 * Writes them, and the report's language; those missing are left out.
 */
void
csp_report_xml_write_dublin_core (xmlTextWriterPtr writer, const CspReportPdfInfo *info)
{
  g_return_if_fail (writer != NULL && info != NULL);

  write_dc_element (writer, "title", info->title);
  write_dc_element (writer, "subject", info->subject);
  write_dc_element (writer, "creator", info->author);
  write_dc_element (writer, "language", csp_report_get_language ());
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-docx"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-chart-alt.h"
#include "csp-docx-package.h"
#include "csp-report-docx.h"
#include "csp-report-document.h"

/* The committee report as a Word document, for democratic services: the
 * same blocks the PDF's layout flows (csp_report_blocks_from_content()),
 * written as WordprocessingML with libxml2's writer, which escapes every
 * text. Word lays the pages out itself, so the document says what things
 * are rather than where they go: headings in heading styles (Word's
 * navigation pane lists them), paragraphs numbered as in the PDF in a
 * hanging column, tables whose header row repeats on each page and whose
 * rows are never split, charts as pictures with their alternative text,
 * and a section of landscape pages for the appendix of activities. */

#define WP_NS "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
#define A_NS "http://schemas.openxmlformats.org/drawingml/2006/main"
#define PIC_NS "http://schemas.openxmlformats.org/drawingml/2006/picture"

/* The hanging column of numbers, 3.3 times the 11-point body as in the
 * PDF, in twentieths of a point. */
#define NUMBER_COLUMN "726"
/* A list item: its marker 1.8 ems right of the number column, its text
 * 1.8 ems further, as in the PDF. */
#define LIST_COLUMN "1122"
#define LIST_MARKER "396"
#define HEADER_FILL "DBE0E6"
#define EMU_PER_TWIP 635
/* Drawing ids of our own, clear of those a template's headers use. */
#define FIRST_DRAWING_ID 1000

typedef struct
{
  CspDocxPackage *package;
  xmlTextWriterPtr writer;
  CspReportOrientation orientation;
  gboolean first_section;
  guint n_drawings;
} DocxWriter;

/* A run's look, and its size in half points (0: the paragraph style's). */
typedef struct
{
  CspReportRunStyle look;
  guint half_points;
} RunStyle;

static void
start (DocxWriter *self, const char *name)
{
  xmlTextWriterStartElementNS (self->writer, BAD_CAST "w", BAD_CAST name, NULL);
}

static void
end (DocxWriter *self)
{
  xmlTextWriterEndElement (self->writer);
}

static void
attribute (DocxWriter *self, const char *name, const char *value)
{
  xmlTextWriterWriteAttributeNS (self->writer, BAD_CAST "w", BAD_CAST name, NULL, BAD_CAST value);
}

/* <w:name w:val="@value"/>, or <w:name/> when @value is %NULL. */
static void
element (DocxWriter *self, const char *name, const char *value)
{
  start (self, name);
  if (value != NULL)
    attribute (self, "val", value);
  end (self);
}

static void
twips_attribute (DocxWriter *self, const char *name, guint twips)
{
  g_autofree char *value = g_strdup_printf ("%u", twips);
  attribute (self, name, value);
}

/* Text as runs' w:t, w:tab and w:br. */
static void
write_piece_cb (CspReportPieceKind kind, const char *text, gpointer user_data)
{
  DocxWriter *self = user_data;

  if (kind == CSP_REPORT_PIECE_TEXT)
    {
      start (self, "t");
      xmlTextWriterWriteAttribute (self->writer, BAD_CAST "xml:space", BAD_CAST "preserve");
      xmlTextWriterWriteString (self->writer, BAD_CAST text);
      end (self);
    }
  else
    element (self, kind == CSP_REPORT_PIECE_TAB ? "tab" : "br", NULL);
}

static void
write_run (DocxWriter *self, const char *text, gssize length, const RunStyle *style)
{
  start (self, "r");
  if (style != NULL &&
      (style->look.bold || style->look.italic || style->look.superscript || style->half_points > 0))
    {
      start (self, "rPr");
      if (style->look.bold)
        element (self, "b", NULL);
      if (style->look.italic)
        element (self, "i", NULL);
      if (style->look.superscript)
        element (self, "vertAlign", "superscript");
      if (style->half_points > 0)
        {
          g_autofree char *size = g_strdup_printf ("%u", style->half_points);
          element (self, "sz", size);
          element (self, "szCs", size);
        }
      end (self);
    }
  csp_report_text_foreach_piece (text, length < 0 ? strlen (text) : (gsize) length, write_piece_cb,
                                 self);
  end (self);
}

typedef struct
{
  DocxWriter *self;
  guint half_points;
} MarkupRuns;

static void
write_markup_run_cb (const char *text, gsize length, const CspReportRunStyle *look,
                     gpointer user_data)
{
  MarkupRuns *runs = user_data;
  RunStyle style = { *look, runs->half_points };

  write_run (runs->self, text, (gssize) length, &style);
}

/* Pango markup (a table's cells, such as the author's title in italics,
 * a paragraph's formatting) as runs in bold, italics or superscript. */
static void
write_markup (DocxWriter *self, const char *markup, const RunStyle *base)
{
  MarkupRuns runs = { self, base->half_points };

  csp_report_markup_foreach_run (markup, &base->look, write_markup_run_cb, &runs);
}

/* A paragraph in @style (the default when %NULL), its @number in the
 * hanging column; a list item's marker in a column of its own under the
 * paragraph's text. @text is Pango markup when @markup. */
static void
write_paragraph (DocxWriter *self, const char *style, const char *number, const char *marker,
                 const char *text, gboolean markup, gboolean spaced)
{
  const char *label = marker != NULL ? marker : number;

  start (self, "p");
  start (self, "pPr");
  if (style != NULL)
    element (self, "pStyle", style);
  if (!spaced)
    {
      start (self, "spacing");
      attribute (self, "after", "0");
      end (self);
    }
  if (label != NULL)
    {
      start (self, "ind");
      attribute (self, "left", marker != NULL ? LIST_COLUMN : NUMBER_COLUMN);
      attribute (self, "hanging", marker != NULL ? LIST_MARKER : NUMBER_COLUMN);
      end (self);
    }
  end (self);
  if (label != NULL)
    {
      write_run (self, label, -1, NULL);
      write_run (self, "\t", -1, NULL);
    }
  if (markup)
    write_markup (self, text, &(RunStyle){ 0 });
  else
    write_run (self, text, -1, NULL);
  end (self);
}

static void
write_heading_block (DocxWriter *self, const CspReportBlock *block)
{
  for (guint i = 0; block->lines[i] != NULL; i++)
    {
      gboolean title = block->lines[i + 1] == NULL;

      write_paragraph (self, title ? csp_docx_package_get_heading_style (self->package, 1) : NULL,
                       NULL, NULL, block->lines[i], FALSE, title);
    }
}

/* Tables. */

static void
write_borders (DocxWriter *self)
{
  static const char *const sides[] = { "top", "left", "bottom", "right", "insideH", "insideV" };

  start (self, "tblBorders");
  for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
    {
      start (self, sides[i]);
      attribute (self, "val", "single");
      attribute (self, "sz", "4");
      attribute (self, "space", "0");
      attribute (self, "color", "000000");
      end (self);
    }
  end (self);
}

static void
write_cell (DocxWriter *self, const char *text, guint width, gboolean header, gboolean markup,
            const RunStyle *style)
{
  start (self, "tc");
  start (self, "tcPr");
  start (self, "tcW");
  twips_attribute (self, "w", width);
  attribute (self, "type", "dxa");
  end (self);
  if (header)
    {
      start (self, "shd");
      attribute (self, "val", "clear");
      attribute (self, "color", "auto");
      attribute (self, "fill", HEADER_FILL);
      end (self);
    }
  end (self);
  start (self, "p");
  start (self, "pPr");
  start (self, "spacing");
  attribute (self, "after", "0");
  end (self);
  end (self);
  if (markup)
    write_markup (self, text, style);
  else
    write_run (self, text, -1, style);
  end (self);
  end (self);
}

/* A row never split across pages; a header row repeated on each. */
static void
write_row (DocxWriter *self, const CspReportBlock *block, char **cells, const guint *widths,
           gboolean header)
{
  RunStyle style = { .look.bold = header };

  if (block->font_size > 0)
    style.half_points = (guint) (2 * block->font_size + 0.5);
  start (self, "tr");
  start (self, "trPr");
  element (self, "cantSplit", NULL);
  if (header)
    element (self, "tblHeader", NULL);
  end (self);
  for (guint i = 0; i < block->n_columns; i++)
    write_cell (self, cells[i], widths[i], header, block->markup && !header, &style);
  end (self);
}

static void
write_table (DocxWriter *self, const CspReportBlock *block)
{
  guint width = csp_docx_package_get_text_width (self->package, self->orientation);
  g_autofree guint *widths = g_new0 (guint, block->n_columns);

  csp_report_table_split_width (block, width, widths);

  start (self, "tbl");
  start (self, "tblPr");
  start (self, "tblW");
  twips_attribute (self, "w", width);
  attribute (self, "type", "dxa");
  end (self);
  write_borders (self);
  start (self, "tblLayout");
  attribute (self, "type", "fixed");
  end (self);
  end (self);
  start (self, "tblGrid");
  for (guint i = 0; i < block->n_columns; i++)
    {
      start (self, "gridCol");
      twips_attribute (self, "w", widths[i]);
      end (self);
    }
  end (self);
  if (block->headers != NULL)
    write_row (self, block, block->headers, widths, TRUE);
  for (guint r = 0; r < block->rows->len; r++)
    write_row (self, block, g_ptr_array_index (block->rows, r), widths, FALSE);
  end (self);
  /* Word needs a paragraph between a table and what follows. */
  write_paragraph (self, NULL, NULL, NULL, "", FALSE, TRUE);
}

/* Charts. */

static void
write_picture (DocxWriter *self, const char *id, const char *alt, gint64 cx, gint64 cy)
{
  xmlTextWriterPtr w = self->writer;
  g_autofree char *drawing_id = g_strdup_printf ("%u", FIRST_DRAWING_ID + self->n_drawings);
  g_autofree char *name = g_strdup_printf ("Chart %u", self->n_drawings);
  g_autofree char *width = g_strdup_printf ("%" G_GINT64_FORMAT, cx);
  g_autofree char *height = g_strdup_printf ("%" G_GINT64_FORMAT, cy);

  xmlTextWriterStartElementNS (w, BAD_CAST "wp", BAD_CAST "inline", NULL);
  xmlTextWriterStartElementNS (w, BAD_CAST "wp", BAD_CAST "extent", NULL);
  xmlTextWriterWriteAttribute (w, BAD_CAST "cx", BAD_CAST width);
  xmlTextWriterWriteAttribute (w, BAD_CAST "cy", BAD_CAST height);
  xmlTextWriterEndElement (w);
  xmlTextWriterStartElementNS (w, BAD_CAST "wp", BAD_CAST "docPr", NULL);
  xmlTextWriterWriteAttribute (w, BAD_CAST "id", BAD_CAST drawing_id);
  xmlTextWriterWriteAttribute (w, BAD_CAST "name", BAD_CAST name);
  xmlTextWriterWriteAttribute (w, BAD_CAST "descr", BAD_CAST alt);
  xmlTextWriterEndElement (w);
  xmlTextWriterStartElementNS (w, BAD_CAST "a", BAD_CAST "graphic", NULL);
  xmlTextWriterStartElementNS (w, BAD_CAST "a", BAD_CAST "graphicData", NULL);
  xmlTextWriterWriteAttribute (w, BAD_CAST "uri", BAD_CAST PIC_NS);
  xmlTextWriterStartElementNS (w, BAD_CAST "pic", BAD_CAST "pic", NULL);
  xmlTextWriterStartElementNS (w, BAD_CAST "pic", BAD_CAST "nvPicPr", NULL);
  xmlTextWriterStartElementNS (w, BAD_CAST "pic", BAD_CAST "cNvPr", NULL);
  xmlTextWriterWriteAttribute (w, BAD_CAST "id", BAD_CAST "0");
  xmlTextWriterWriteAttribute (w, BAD_CAST "name", BAD_CAST name);
  xmlTextWriterWriteAttribute (w, BAD_CAST "descr", BAD_CAST alt);
  xmlTextWriterEndElement (w);
  xmlTextWriterStartElementNS (w, BAD_CAST "pic", BAD_CAST "cNvPicPr", NULL);
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w); /* nvPicPr */
  xmlTextWriterStartElementNS (w, BAD_CAST "pic", BAD_CAST "blipFill", NULL);
  xmlTextWriterStartElementNS (w, BAD_CAST "a", BAD_CAST "blip", NULL);
  xmlTextWriterWriteAttributeNS (w, BAD_CAST "r", BAD_CAST "embed", NULL, BAD_CAST id);
  xmlTextWriterEndElement (w);
  xmlTextWriterStartElementNS (w, BAD_CAST "a", BAD_CAST "stretch", NULL);
  xmlTextWriterStartElementNS (w, BAD_CAST "a", BAD_CAST "fillRect", NULL);
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w); /* blipFill */
  xmlTextWriterStartElementNS (w, BAD_CAST "pic", BAD_CAST "spPr", NULL);
  xmlTextWriterStartElementNS (w, BAD_CAST "a", BAD_CAST "xfrm", NULL);
  xmlTextWriterStartElementNS (w, BAD_CAST "a", BAD_CAST "off", NULL);
  xmlTextWriterWriteAttribute (w, BAD_CAST "x", BAD_CAST "0");
  xmlTextWriterWriteAttribute (w, BAD_CAST "y", BAD_CAST "0");
  xmlTextWriterEndElement (w);
  xmlTextWriterStartElementNS (w, BAD_CAST "a", BAD_CAST "ext", NULL);
  xmlTextWriterWriteAttribute (w, BAD_CAST "cx", BAD_CAST width);
  xmlTextWriterWriteAttribute (w, BAD_CAST "cy", BAD_CAST height);
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w); /* xfrm */
  xmlTextWriterStartElementNS (w, BAD_CAST "a", BAD_CAST "prstGeom", NULL);
  xmlTextWriterWriteAttribute (w, BAD_CAST "prst", BAD_CAST "rect");
  xmlTextWriterEndElement (w);
  xmlTextWriterEndElement (w); /* spPr */
  xmlTextWriterEndElement (w); /* pic */
  xmlTextWriterEndElement (w); /* graphicData */
  xmlTextWriterEndElement (w); /* graphic */
  xmlTextWriterEndElement (w); /* inline */
}

static gboolean
write_chart (DocxWriter *self, const CspReportBlock *block, GError **error)
{
  guint width = csp_docx_package_get_text_width (self->package, self->orientation);
  g_autofree char *alt = csp_chart_dup_alt_text (block->chart);
  g_autofree char *id = NULL;
  g_autoptr (GBytes) png = NULL;

  png = csp_report_chart_block_to_png (block, width / 20.0, error);
  if (png == NULL)
    return FALSE;
  id = csp_docx_package_add_image (self->package, png);
  self->n_drawings++;
  start (self, "p");
  start (self, "r");
  start (self, "drawing");
  write_picture (self, id, alt, (gint64) width * EMU_PER_TWIP,
                 (gint64) (block->height * 20) * EMU_PER_TWIP);
  end (self);
  end (self);
  end (self);
  return TRUE;
}

/* Sections: the paragraph that ends one holds its properties. */
static void
end_section (DocxWriter *self, CspReportOrientation next)
{
  start (self, "p");
  start (self, "pPr");
  csp_docx_package_write_section (self->package, self->writer, self->orientation,
                                  self->first_section);
  end (self);
  end (self);
  self->orientation = next;
  self->first_section = FALSE;
}

static gboolean
write_block (DocxWriter *self, const CspReportBlock *block, GError **error)
{
  switch (block->kind)
    {
    case CSP_REPORT_BLOCK_HEADING:
      write_heading_block (self, block);
      break;
    case CSP_REPORT_BLOCK_SECTION:
      write_paragraph (self, csp_docx_package_get_heading_style (self->package, 2), block->number,
                       NULL, block->text, FALSE, TRUE);
      break;
    case CSP_REPORT_BLOCK_PARAGRAPH:
      /* A list's items stand close together. */
      write_paragraph (self, NULL, block->number, block->marker, block->text, block->markup,
                       block->marker == NULL);
      break;
    case CSP_REPORT_BLOCK_APPENDIX:
      write_paragraph (self, csp_docx_package_get_heading_style (self->package, 2), NULL, NULL,
                       block->text, FALSE, TRUE);
      break;
    case CSP_REPORT_BLOCK_TABLE:
      write_table (self, block);
      break;
    case CSP_REPORT_BLOCK_CHART:
      return write_chart (self, block, error);
    case CSP_REPORT_BLOCK_PAGE_BREAK:
      end_section (self, block->orientation);
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* Returns: (transfer full): word/document.xml, or %NULL with @error set */
static GBytes *
write_document (CspDocxPackage *package, GPtrArray *blocks, GError **error)
{
  xmlBuffer *buffer = NULL;
  DocxWriter self = {
    .package = package,
    .writer = csp_report_xml_part_new (&buffer),
    .orientation = CSP_REPORT_PORTRAIT,
    .first_section = TRUE,
  };
  gboolean ok = TRUE;

  xmlTextWriterStartElementNS (self.writer, BAD_CAST "w", BAD_CAST "document",
                               BAD_CAST CSP_DOCX_W_NS);
  xmlTextWriterWriteAttribute (self.writer, BAD_CAST "xmlns:r", BAD_CAST CSP_DOCX_R_NS);
  xmlTextWriterWriteAttribute (self.writer, BAD_CAST "xmlns:wp", BAD_CAST WP_NS);
  xmlTextWriterWriteAttribute (self.writer, BAD_CAST "xmlns:a", BAD_CAST A_NS);
  xmlTextWriterWriteAttribute (self.writer, BAD_CAST "xmlns:pic", BAD_CAST PIC_NS);
  csp_docx_package_write_namespaces (package, self.writer);
  start (&self, "body");
  for (guint i = 0; ok && i < blocks->len; i++)
    ok = write_block (&self, g_ptr_array_index (blocks, i), error);
  csp_docx_package_write_section (package, self.writer, self.orientation, self.first_section);
  return csp_report_xml_part_finish (self.writer, buffer, ok);
}

/**
 * csp_report_docx_write:
 * @blocks: (element-type CspReportBlock): the report's blocks, as from
 *   csp_report_blocks_from_content()
 * @info: the document properties: title, author, subject and date
 * @template_path: (nullable): a Word document or template (.docx, .dotx)
 *   whose styles, page set-up, headers and footers the document takes
 * @path: the file to write, replaced only once complete; a symbolic link
 *   there is refused, never written through
 *
 * Returns: whether it was written
 */
gboolean
csp_report_docx_write (GPtrArray *blocks, const CspReportPdfInfo *info, const char *template_path,
                       const char *path, GError **error)
{
  g_autoptr (CspDocxPackage) package = NULL;
  g_autoptr (GBytes) document = NULL;

  g_return_val_if_fail (blocks != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  package = csp_docx_package_new (template_path, error);
  if (package == NULL)
    return FALSE;
  document = write_document (package, blocks, error);
  return document != NULL && csp_docx_package_write (package, document, info, path, error);
}

/**
 * csp_report_docx_export:
 * @content: the report
 * @template_path: (nullable): as for csp_report_docx_write()
 * @path: the Word file to write
 *
 * Makes the report's charts from @database and writes the Word document.
 *
 * Returns: whether it was written
 */
gboolean
csp_report_docx_export (CspDatabase *database, const CspReportContent *content,
                        const char *template_path, const char *path, GError **error)
{
  g_autoptr (GPtrArray) blocks = NULL;
  g_autofree char *subject = NULL;
  CspReportPdfInfo info;

  /* Each checks its own arguments. */
  blocks = csp_report_document_blocks_new (database, content, &info, &subject, error);
  return blocks != NULL && csp_report_docx_write (blocks, &info, template_path, path, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-odt"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "csp-chart-alt.h"
#include "csp-report-document.h"
#include "csp-report-odt.h"
#include "csp-zip-package.h"

/* The committee report as an OpenDocument Text file, for councils that
 * work in LibreOffice: the same blocks as the PDF and the Word document,
 * written with libxml2's writer (which escapes every text) into the parts
 * of an ODF package. As in the Word document, the file says what things
 * are and LibreOffice lays out the pages: the title and the sections'
 * headings are text:h with outline levels (the Navigator and a PDF's
 * bookmarks list them), paragraphs keep their numbers in a hanging
 * column, formatting is spans of automatic styles, tables repeat their
 * header rows and keep rows whole, the appendix of activities goes on
 * landscape pages through a master page of its own, the charts are
 * pictures with their title and alternative text, and the pages' heads
 * and feet say what the PDF's do. */

#define MIMETYPE "application/vnd.oasis.opendocument.text"
#define ODF_VERSION "1.2"

#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define STYLE_NS "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define TABLE_NS "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define DRAW_NS "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define FO_NS "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define SVG_NS "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define XLINK_NS "http://www.w3.org/1999/xlink"
#define META_NS "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define DC_NS "http://purl.org/dc/elements/1.1/"
#define MANIFEST_NS "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

/* The hanging column of numbers, 3.3 times the 11-point body as in the
 * PDF; a list item's marker 1.8 ems right of it, its text 1.8 ems
 * further. */
#define NUMBER_COLUMN "36.3pt"
#define LIST_COLUMN "56.1pt"
#define LIST_MARKER "19.8pt"
#define HEADER_FILL "#dbe0e6"
#define MARGIN "20mm"
/* The header's and footer's place in the 20 mm margins, as in the PDF. */
#define HEADER_FOOTER_MARGIN "10mm"
#define HEADER_FOOTER_HEIGHT "10mm"
#define HEADER_FOOTER_SPACE "4mm"

/* The master pages (each with a page layout of its name): the first page,
 * without the header, as in the PDF, then portrait or landscape pages. */
typedef struct
{
  const char *name;
  const char *display_name;
  CspReportOrientation orientation;
  gboolean header;
} MasterPage;

enum
{
  FIRST_PAGE,
  PORTRAIT_PAGES,
  LANDSCAPE_PAGES,
};

static const MasterPage master_pages[] = {
  [FIRST_PAGE] = { "First_20_Page", "First Page", CSP_REPORT_PORTRAIT, FALSE },
  [PORTRAIT_PAGES] = { "Standard", NULL, CSP_REPORT_PORTRAIT, TRUE },
  [LANDSCAPE_PAGES] = { "Landscape", NULL, CSP_REPORT_LANDSCAPE, TRUE },
};

/* The page breaks a paragraph may start pages of: a page break block's
 * index, or these. */
#define FIRST_PAGE_BREAK (-1)
#define NO_PAGE_BREAK (-2)

typedef struct
{
  xmlTextWriterPtr writer;
  GPtrArray *blocks;
  CspZipPackage *zip;
  GPtrArray *pictures; /* their parts' names, for the manifest */
  CspReportOrientation orientation;
  int page_break; /* whose pages the next paragraph starts */
} OdtWriter;

static void
start (xmlTextWriterPtr writer, const char *name)
{
  xmlTextWriterStartElement (writer, BAD_CAST name);
}

static void
end (xmlTextWriterPtr writer)
{
  xmlTextWriterEndElement (writer);
}

static void
attribute (xmlTextWriterPtr writer, const char *name, const char *value)
{
  xmlTextWriterWriteAttribute (writer, BAD_CAST name, BAD_CAST value);
}

static void attribute_printf (xmlTextWriterPtr writer, const char *name, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static void
attribute_printf (xmlTextWriterPtr writer, const char *name, const char *format, ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  attribute (writer, name, value);
}

/* <@name @attributes…/>, the attributes as name, value pairs. */
static void
empty_element (xmlTextWriterPtr writer, const char *name, const char *const *attributes)
{
  start (writer, name);
  for (guint i = 0; attributes != NULL && attributes[i] != NULL; i += 2)
    attribute (writer, attributes[i], attributes[i + 1]);
  end (writer);
}

static void
declare_namespaces (xmlTextWriterPtr writer, const char *const *prefixes)
{
  static const char *const known[][2] = {
    { "office", OFFICE_NS }, { "style", STYLE_NS }, { "text", TEXT_NS }, { "table", TABLE_NS },
    { "draw", DRAW_NS },     { "fo", FO_NS },       { "svg", SVG_NS },   { "xlink", XLINK_NS },
    { "meta", META_NS },     { "dc", DC_NS },
  };

  for (guint i = 0; prefixes[i] != NULL; i++)
    for (guint k = 0; k < G_N_ELEMENTS (known); k++)
      if (g_str_equal (prefixes[i], known[k][0]))
        {
          g_autofree char *name = g_strconcat ("xmlns:", known[k][0], NULL);
          attribute (writer, name, known[k][1]);
        }
}

/* Points, as ODF writes lengths. */
static char *
points (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strconcat (g_ascii_formatd (buffer, sizeof buffer, "%.2f", value), "pt", NULL);
}

/* The width between the margins of a page of @orientation, in twentieths
 * of a point. */
static guint
text_width (CspReportOrientation orientation)
{
  double page =
      orientation == CSP_REPORT_LANDSCAPE ? CSP_REPORT_A4_LONG_SIDE : CSP_REPORT_A4_SHORT_SIDE;

  return (guint) ((page - 2 * CSP_REPORT_MARGIN) * 20);
}

/* Styles. */

/* A run's automatic text style: "T" and a letter for each of its looks,
 * or %NULL for plain text. */
static char *
run_style_name (const CspReportRunStyle *style)
{
  if (!style->bold && !style->italic && !style->superscript)
    return NULL;
  return g_strconcat ("T", style->bold ? "b" : "", style->italic ? "i" : "",
                      style->superscript ? "s" : "", NULL);
}

static void
write_run_styles (xmlTextWriterPtr w)
{
  for (guint looks = 1; looks < 8; looks++)
    {
      CspReportRunStyle style = { looks & 1, looks & 2, looks & 4 };
      g_autofree char *name = run_style_name (&style);

      start (w, "style:style");
      attribute (w, "style:name", name);
      attribute (w, "style:family", "text");
      start (w, "style:text-properties");
      if (style.bold)
        attribute (w, "fo:font-weight", "bold");
      if (style.italic)
        attribute (w, "fo:font-style", "italic");
      if (style.superscript)
        attribute (w, "style:text-position", "super 58%");
      end (w);
      end (w);
    }
}

/* An automatic paragraph style: a common one's look with a left margin,
 * a first line indent and space after of its own, each unchanged when
 * %NULL. */
typedef struct
{
  const char *name;
  const char *parent;
  const char *margin;
  const char *indent;
  const char *after;
} ParagraphStyle;

static const ParagraphStyle paragraph_styles[] = {
  /* The heading block's lines stand close together. */
  { "PLine", "Standard", NULL, NULL, "0pt" },
  { "PNumber", "Text_20_body", NUMBER_COLUMN, "-" NUMBER_COLUMN, NULL },
  { "PSection", "Heading_20_2", NUMBER_COLUMN, "-" NUMBER_COLUMN, NULL },
  /* So do a list's items. */
  { "PItem", "Text_20_body", LIST_COLUMN, "-" LIST_MARKER, "0pt" },
  { "PChart", "Standard", NULL, NULL, NULL },
};

/* Writes @style as @name, on the pages of @master when not %NULL. */
static void
write_paragraph_style (xmlTextWriterPtr w, const ParagraphStyle *style, const char *name,
                       const char *master)
{
  start (w, "style:style");
  attribute (w, "style:name", name);
  attribute (w, "style:family", "paragraph");
  attribute (w, "style:parent-style-name", style->parent);
  if (master != NULL)
    attribute (w, "style:master-page-name", master);
  if (style->margin != NULL || style->indent != NULL || style->after != NULL || master != NULL)
    {
      start (w, "style:paragraph-properties");
      if (style->margin != NULL)
        attribute (w, "fo:margin-left", style->margin);
      if (style->indent != NULL)
        attribute (w, "fo:text-indent", style->indent);
      if (style->after != NULL)
        attribute (w, "fo:margin-bottom", style->after);
      if (master != NULL)
        /* A page of the master page's layout starts here. */
        attribute (w, "style:page-number", "auto");
      end (w);
    }
  end (w);
}

static char *
page_style_name (int page_break)
{
  g_assert (page_break != NO_PAGE_BREAK);
  return page_break == FIRST_PAGE_BREAK ? g_strdup ("PFirstPage")
                                        : g_strdup_printf ("PPage%d", page_break);
}

/* The style of the first paragraph of a page of @master: that of the
 * paragraph, @name (automatic or common), with the master page. */
static void
write_page_style (xmlTextWriterPtr w, const char *name, int page_break, const char *master)
{
  g_autofree char *page_style = page_style_name (page_break);
  ParagraphStyle common = { .parent = name };

  for (guint i = 0; i < G_N_ELEMENTS (paragraph_styles); i++)
    if (g_str_equal (paragraph_styles[i].name, name))
      {
        write_paragraph_style (w, &paragraph_styles[i], page_style, master);
        return;
      }
  write_paragraph_style (w, &common, page_style, master);
}

/* The automatic style of the first paragraph a block writes, as
 * write_block() writes it; %NULL for a table, whose own style holds it. */
static const char *
block_style (const CspReportBlock *block)
{
  switch (block->kind)
    {
    case CSP_REPORT_BLOCK_HEADING:
      return block->lines[0] != NULL && block->lines[1] != NULL ? "PLine" : "Heading_20_1";
    case CSP_REPORT_BLOCK_SECTION:
      return "PSection";
    case CSP_REPORT_BLOCK_PARAGRAPH:
      return block->marker != NULL ? "PItem" : block->number != NULL ? "PNumber" : "Text_20_body";
    case CSP_REPORT_BLOCK_APPENDIX:
      return "Heading_20_2";
    case CSP_REPORT_BLOCK_CHART:
      return "PChart";
    case CSP_REPORT_BLOCK_TABLE:
    case CSP_REPORT_BLOCK_PAGE_BREAK:
      return NULL;
    default:
      g_assert_not_reached ();
    }
}

/* A table's styles: its width, its columns' widths, its cells' text size,
 * and the master page it starts when it follows a page break. */
static void
write_table_styles (xmlTextWriterPtr w, const CspReportBlock *block, guint index,
                    CspReportOrientation orientation, const char *master)
{
  guint width = text_width (orientation);
  g_autofree guint *widths = g_new0 (guint, block->n_columns);
  g_autofree char *table_width = points (width / 20.0);
  g_autofree char *name = g_strdup_printf ("Table%u", index);
  g_autofree char *cell = g_strdup_printf ("Table%u.P", index);
  g_autofree char *header = g_strdup_printf ("Table%u.H", index);
  g_autofree char *size = block->font_size > 0 ? points (block->font_size) : NULL;

  csp_report_table_split_width (block, width, widths);
  start (w, "style:style");
  attribute (w, "style:name", name);
  attribute (w, "style:family", "table");
  if (master != NULL)
    attribute (w, "style:master-page-name", master);
  /* Apart from the paragraphs around it, as in the PDF. */
  empty_element (w, "style:table-properties",
                 (const char *const[]){ "style:width", table_width, "table:align", "margins",
                                        "style:may-break-between-rows", "true", "fo:margin-top",
                                        "6pt", "fo:margin-bottom", "8pt", NULL });
  end (w);
  for (guint i = 0; i < block->n_columns; i++)
    {
      g_autofree char *column = points (widths[i] / 20.0);

      start (w, "style:style");
      attribute_printf (w, "style:name", "Table%u.C%u", index, i);
      attribute (w, "style:family", "table-column");
      start (w, "style:table-column-properties");
      attribute (w, "style:column-width", column);
      attribute_printf (w, "style:rel-column-width", "%u*", widths[i]);
      end (w);
      end (w);
    }
  for (guint i = 0; i < 2; i++)
    {
      start (w, "style:style");
      attribute (w, "style:name", i == 0 ? cell : header);
      attribute (w, "style:family", "paragraph");
      attribute (w, "style:parent-style-name", i == 0 ? "Table_20_Contents" : "Table_20_Heading");
      if (size != NULL)
        {
          start (w, "style:text-properties");
          attribute (w, "fo:font-size", size);
          end (w);
        }
      end (w);
    }
}

/* Every table's rows are kept whole; its cells have borders, the header
 * row's a fill. */
static void
write_cell_styles (xmlTextWriterPtr w)
{
  start (w, "style:style");
  attribute (w, "style:name", "Row");
  attribute (w, "style:family", "table-row");
  empty_element (w, "style:table-row-properties",
                 (const char *const[]){ "fo:keep-together", "always", NULL });
  end (w);
  for (guint i = 0; i < 2; i++)
    {
      start (w, "style:style");
      attribute (w, "style:name", i == 0 ? "Cell" : "HeaderCell");
      attribute (w, "style:family", "table-cell");
      start (w, "style:table-cell-properties");
      attribute (w, "fo:border", "0.5pt solid #000000");
      attribute (w, "fo:padding", "2.5pt");
      if (i == 1)
        attribute (w, "fo:background-color", HEADER_FILL);
      end (w);
      end (w);
    }
}

static void
write_automatic_styles (OdtWriter *self)
{
  xmlTextWriterPtr w = self->writer;
  CspReportOrientation orientation = CSP_REPORT_PORTRAIT;
  const char *master = master_pages[FIRST_PAGE].name;
  int page_break = FIRST_PAGE_BREAK;

  start (w, "office:automatic-styles");
  write_run_styles (w);
  for (guint i = 0; i < G_N_ELEMENTS (paragraph_styles); i++)
    write_paragraph_style (w, &paragraph_styles[i], paragraph_styles[i].name, NULL);
  write_cell_styles (w);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const CspReportBlock *block = g_ptr_array_index (self->blocks, i);

      if (block->kind == CSP_REPORT_BLOCK_PAGE_BREAK)
        {
          orientation = block->orientation;
          master =
              master_pages[orientation == CSP_REPORT_LANDSCAPE ? LANDSCAPE_PAGES : PORTRAIT_PAGES]
                  .name;
          page_break = (int) i;
          continue;
        }
      if (block->kind == CSP_REPORT_BLOCK_TABLE)
        write_table_styles (w, block, i, orientation, master);
      else if (master != NULL)
        write_page_style (w, block_style (block), page_break, master);
      master = NULL;
    }
  end (w);
}

/* Text. */

static void
flush_characters (xmlTextWriterPtr w, GString *characters)
{
  if (characters->len > 0)
    xmlTextWriterWriteString (w, BAD_CAST characters->str);
  g_string_truncate (characters, 0);
}

/* Characters as ODF keeps them: ODF collapses spaces, so a space after a
 * space, or first in a piece (perhaps after one), is a text:s. */
static void
write_characters (xmlTextWriterPtr w, const char *text)
{
  g_autoptr (GString) characters = g_string_new (NULL);

  for (const char *c = text; *c != '\0';)
    {
      guint spaces = 0;

      if (*c != ' ')
        {
          g_string_append_c (characters, *c++);
          continue;
        }
      while (c[spaces] == ' ')
        spaces++;
      if (c > text)
        {
          g_string_append_c (characters, ' ');
          spaces--;
        }
      c += c > text ? spaces + 1 : spaces;
      if (spaces == 0)
        continue;
      flush_characters (w, characters);
      start (w, "text:s");
      if (spaces > 1)
        attribute_printf (w, "text:c", "%u", spaces);
      end (w);
    }
  flush_characters (w, characters);
}

static void
write_piece_cb (CspReportPieceKind kind, const char *text, gpointer user_data)
{
  xmlTextWriterPtr w = user_data;

  if (kind == CSP_REPORT_PIECE_TEXT)
    write_characters (w, text);
  else
    empty_element (w, kind == CSP_REPORT_PIECE_TAB ? "text:tab" : "text:line-break", NULL);
}

static void
write_text (xmlTextWriterPtr w, const char *text, gsize length)
{
  csp_report_text_foreach_piece (text, length, write_piece_cb, w);
}

static void
write_run_cb (const char *text, gsize length, const CspReportRunStyle *style, gpointer user_data)
{
  xmlTextWriterPtr w = user_data;
  g_autofree char *name = run_style_name (style);

  if (name != NULL)
    {
      start (w, "text:span");
      attribute (w, "text:style-name", name);
    }
  write_text (w, text, length);
  if (name != NULL)
    end (w);
}

/* @text as it reads, in spans of its looks when it is Pango markup. */
static void
write_content (xmlTextWriterPtr w, const char *text, gboolean markup)
{
  CspReportRunStyle base = { FALSE };

  if (markup)
    csp_report_markup_foreach_run (text, &base, write_run_cb, w);
  else
    write_run_cb (text, strlen (text), &base, w);
}

/* The style of the paragraph about to be written: that of the page
 * break before it, if any, else @style. */
static char *
take_style (OdtWriter *self, const char *style)
{
  int page_break = self->page_break;

  self->page_break = NO_PAGE_BREAK;
  return page_break != NO_PAGE_BREAK ? page_style_name (page_break) : g_strdup (style);
}

/* A paragraph, or a heading of @level when @level > 0, its @label (a
 * number, a list item's marker) in the hanging column. */
static void
write_paragraph (OdtWriter *self, const char *style, guint level, const char *label,
                 const char *text, gboolean markup)
{
  xmlTextWriterPtr w = self->writer;
  g_autofree char *name = take_style (self, style);

  start (w, level > 0 ? "text:h" : "text:p");
  attribute (w, "text:style-name", name);
  if (level > 0)
    attribute_printf (w, "text:outline-level", "%u", level);
  if (label != NULL)
    {
      write_text (w, label, strlen (label));
      empty_element (w, "text:tab", NULL);
    }
  write_content (w, text, markup);
  end (w);
}

/* The heading block's lines, close together; the last, the title, the
 * document's top heading. */
static void
write_heading_block (OdtWriter *self, const CspReportBlock *block)
{
  for (guint i = 0; block->lines[i] != NULL; i++)
    {
      gboolean title = block->lines[i + 1] == NULL;

      write_paragraph (self, title ? "Heading_20_1" : "PLine", title ? 1 : 0, NULL, block->lines[i],
                       FALSE);
    }
}

/* Tables. */

static void
write_row (OdtWriter *self, const CspReportBlock *block, guint index, char **cells, gboolean header)
{
  xmlTextWriterPtr w = self->writer;
  g_autofree char *paragraph = g_strdup_printf ("Table%u.%s", index, header ? "H" : "P");

  start (w, "table:table-row");
  attribute (w, "table:style-name", "Row");
  for (guint i = 0; i < block->n_columns; i++)
    {
      start (w, "table:table-cell");
      attribute (w, "table:style-name", header ? "HeaderCell" : "Cell");
      attribute (w, "office:value-type", "string");
      start (w, "text:p");
      attribute (w, "text:style-name", paragraph);
      write_content (w, cells[i], block->markup && !header);
      end (w);
      end (w);
    }
  end (w);
}

/* Its header row repeated on each page it runs onto, as the PDF's. */
static void
write_table (OdtWriter *self, const CspReportBlock *block, guint index)
{
  xmlTextWriterPtr w = self->writer;

  self->page_break = NO_PAGE_BREAK;
  start (w, "table:table");
  /* TRANSLATORS: a table's name in LibreOffice's Navigator */
  attribute_printf (w, "table:name", _ ("Table %u"), index);
  attribute_printf (w, "table:style-name", "Table%u", index);
  for (guint i = 0; i < block->n_columns; i++)
    {
      start (w, "table:table-column");
      attribute_printf (w, "table:style-name", "Table%u.C%u", index, i);
      end (w);
    }
  if (block->headers != NULL)
    {
      start (w, "table:table-header-rows");
      write_row (self, block, index, block->headers, TRUE);
      end (w);
    }
  for (guint r = 0; r < block->rows->len; r++)
    write_row (self, block, index, g_ptr_array_index (block->rows, r), FALSE);
  end (w);
}

/* Charts. */

static gboolean
write_chart (OdtWriter *self, const CspReportBlock *block, GError **error)
{
  xmlTextWriterPtr w = self->writer;
  double width = text_width (self->orientation) / 20.0;
  g_autoptr (GBytes) png = csp_report_chart_block_to_png (block, width, error);
  g_autofree char *alt = NULL;
  g_autofree char *part = NULL;
  g_autofree char *frame_width = points (width);
  g_autofree char *frame_height = points (block->height);
  g_autofree char *style = take_style (self, "PChart");
  const char *title;

  if (png == NULL)
    return FALSE;
  alt = csp_chart_dup_alt_text (block->chart);
  title = csp_chart_get_title (block->chart);
  part = g_strdup_printf ("Pictures/csp-chart-%u.png", self->pictures->len + 1);
  csp_zip_package_set (self->zip, part, png);

  start (w, "text:p");
  attribute (w, "text:style-name", style);
  start (w, "draw:frame");
  /* TRANSLATORS: a chart's name in LibreOffice's Navigator */
  attribute_printf (w, "draw:name", _ ("Chart %u"), self->pictures->len + 1);
  attribute (w, "text:anchor-type", "as-char");
  attribute (w, "svg:width", frame_width);
  attribute (w, "svg:height", frame_height);
  attribute (w, "draw:z-index", "0");
  empty_element (w, "draw:image",
                 (const char *const[]){ "xlink:href", part, "xlink:type", "simple", "xlink:show",
                                        "embed", "xlink:actuate", "onLoad", "draw:mime-type",
                                        "image/png", NULL });
  xmlTextWriterWriteElement (w, BAD_CAST "svg:title",
                             BAD_CAST (title != NULL && *title != '\0' ? title : alt));
  xmlTextWriterWriteElement (w, BAD_CAST "svg:desc", BAD_CAST alt);
  end (w);
  end (w);
  g_ptr_array_add (self->pictures, g_steal_pointer (&part));
  return TRUE;
}

static gboolean
write_block (OdtWriter *self, guint index, GError **error)
{
  const CspReportBlock *block = g_ptr_array_index (self->blocks, index);

  switch (block->kind)
    {
    case CSP_REPORT_BLOCK_HEADING:
      write_heading_block (self, block);
      break;
    case CSP_REPORT_BLOCK_SECTION:
      write_paragraph (self, "PSection", 2, block->number, block->text, FALSE);
      break;
    case CSP_REPORT_BLOCK_PARAGRAPH:
      write_paragraph (self, block_style (block), 0,
                       block->marker != NULL ? block->marker : block->number, block->text,
                       block->markup);
      break;
    case CSP_REPORT_BLOCK_APPENDIX:
      write_paragraph (self, "Heading_20_2", 2, NULL, block->text, FALSE);
      break;
    case CSP_REPORT_BLOCK_TABLE:
      write_table (self, block, index);
      break;
    case CSP_REPORT_BLOCK_CHART:
      return write_chart (self, block, error);
    case CSP_REPORT_BLOCK_PAGE_BREAK:
      self->orientation = block->orientation;
      self->page_break = (int) index;
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

/* Returns: (transfer full): content.xml, or %NULL with @error set */
static GBytes *
write_content_part (OdtWriter *self, GError **error)
{
  xmlBuffer *buffer = NULL;
  gboolean ok = TRUE;

  self->writer = csp_report_xml_part_new (&buffer);
  start (self->writer, "office:document-content");
  declare_namespaces (self->writer, (const char *const[]){ "office", "style", "text", "table",
                                                           "draw", "fo", "svg", "xlink", NULL });
  attribute (self->writer, "office:version", ODF_VERSION);
  write_automatic_styles (self);
  start (self->writer, "office:body");
  start (self->writer, "office:text");
  for (guint i = 0; ok && i < self->blocks->len; i++)
    ok = write_block (self, i, error);
  return csp_report_xml_part_finish (g_steal_pointer (&self->writer), buffer, ok);
}

/* The package's other parts. */

/* A common paragraph style: @attributes of its paragraph properties and
 * of its text properties, as name, value pairs. */
static void
write_common_style (xmlTextWriterPtr w, const char *name, const char *display_name,
                    const char *parent, guint outline_level, const char *const *paragraph,
                    const char *const *text)
{
  start (w, "style:style");
  attribute (w, "style:name", name);
  if (display_name != NULL)
    attribute (w, "style:display-name", display_name);
  attribute (w, "style:family", "paragraph");
  if (parent != NULL)
    attribute (w, "style:parent-style-name", parent);
  if (outline_level > 0)
    {
      attribute (w, "style:next-style-name", "Text_20_body");
      attribute_printf (w, "style:default-outline-level", "%u", outline_level);
    }
  if (paragraph != NULL)
    empty_element (w, "style:paragraph-properties", paragraph);
  if (text != NULL)
    empty_element (w, "style:text-properties", text);
  end (w);
}

static void
write_header_footer_style (xmlTextWriterPtr w, const char *name, const char *space)
{
  start (w, name);
  empty_element (w, "style:header-footer-properties",
                 (const char *const[]){ "fo:min-height", HEADER_FOOTER_HEIGHT, space,
                                        HEADER_FOOTER_SPACE, NULL });
  end (w);
}

/* A4, each way up, with the PDF's margins: the header and footer in
 * them, the body within. */
static void
write_page_layout (xmlTextWriterPtr w, const MasterPage *master)
{
  gboolean landscape = master->orientation == CSP_REPORT_LANDSCAPE;

  start (w, "style:page-layout");
  attribute (w, "style:name", master->name);
  empty_element (w, "style:page-layout-properties",
                 (const char *const[]){ "fo:page-width", landscape ? "297mm" : "210mm",
                                        "fo:page-height", landscape ? "210mm" : "297mm",
                                        "style:print-orientation",
                                        landscape ? "landscape" : "portrait", "fo:margin-top",
                                        master->header ? HEADER_FOOTER_MARGIN : MARGIN,
                                        "fo:margin-bottom", HEADER_FOOTER_MARGIN, "fo:margin-left",
                                        MARGIN, "fo:margin-right", MARGIN, NULL });
  if (master->header)
    write_header_footer_style (w, "style:header-style", "fo:margin-bottom");
  write_header_footer_style (w, "style:footer-style", "fo:margin-top");
  end (w);
}

/* The header's and footer's paragraph styles: small, the header's at the
 * right margin, the footer's with a tab stop there for the page number. */
static void
write_header_footer_styles (xmlTextWriterPtr w, const MasterPage *master)
{
  g_autofree char *right = points (text_width (master->orientation) / 20.0);

  for (guint i = 0; i < 2; i++)
    {
      start (w, "style:style");
      attribute_printf (w, "style:name", "%s%s", i == 0 ? "Header" : "Footer", master->name);
      attribute (w, "style:family", "paragraph");
      attribute (w, "style:parent-style-name", "Standard");
      start (w, "style:paragraph-properties");
      if (i == 0)
        attribute (w, "fo:text-align", "end");
      else
        {
          start (w, "style:tab-stops");
          empty_element (
              w, "style:tab-stop",
              (const char *const[]){ "style:position", right, "style:type", "right", NULL });
          end (w);
        }
      end (w);
      empty_element (w, "style:text-properties",
                     (const char *const[]){ "fo:font-size", "9pt", NULL });
      end (w);
    }
}

/* The head of every page but the first, as in the PDF: @header, the
 * council's name, at the right margin. */
static void
write_header (xmlTextWriterPtr w, const char *header, const MasterPage *master)
{
  if (!master->header || header == NULL)
    return;
  start (w, "style:header");
  start (w, "text:p");
  attribute_printf (w, "text:style-name", "Header%s", master->name);
  write_text (w, header, strlen (header));
  end (w);
  end (w);
}

/* The foot of every page, as in the PDF: the report's title, then "Page
 * 2 of 9" at the right margin, its numbers LibreOffice's fields. */
static void
write_footer (xmlTextWriterPtr w, const char *title, const MasterPage *master)
{
  /* The PDF's own words, whatever order a translation puts the numbers
   * in: they are found by values no page label has. */
  g_autofree char *label = g_strdup_printf (_ ("Page %u of %u"), 1000001u, 1000002u);
  g_autoptr (GString) words = g_string_new (NULL);

  start (w, "style:footer");
  start (w, "text:p");
  attribute_printf (w, "text:style-name", "Footer%s", master->name);
  if (title != NULL)
    write_text (w, title, strlen (title));
  empty_element (w, "text:tab", NULL);
  for (const char *c = label; *c != '\0';)
    {
      gboolean page = g_str_has_prefix (c, "1000001");

      if (!page && !g_str_has_prefix (c, "1000002"))
        {
          g_string_append_c (words, *c++);
          continue;
        }
      write_characters (w, words->str);
      g_string_truncate (words, 0);
      start (w, page ? "text:page-number" : "text:page-count");
      if (page)
        attribute (w, "text:select-page", "current");
      end (w);
      c += strlen ("1000001");
    }
  write_characters (w, words->str);
  end (w);
  end (w);
}

/* styles.xml: the report's own styles (Arial 11 points as the PDF, in the
 * report's language), by LibreOffice's names, and A4 pages each way up. */
static GBytes *
write_styles_part (const CspReportPdfInfo *info, const char *header)
{
  xmlBuffer *buffer = NULL;
  xmlTextWriterPtr w = csp_report_xml_part_new (&buffer);
  g_auto (GStrv) language = g_strsplit (csp_report_get_language (), "-", 2);
  const char *const bold[] = { "fo:font-weight", "bold", NULL };

  start (w, "office:document-styles");
  declare_namespaces (
      w, (const char *const[]){ "office", "style", "text", "table", "fo", "svg", NULL });
  attribute (w, "office:version", ODF_VERSION);
  start (w, "office:font-face-decls");
  empty_element (w, "style:font-face",
                 (const char *const[]){ "style:name", "Arial", "svg:font-family", "Arial",
                                        "style:font-family-generic", "swiss", "style:font-pitch",
                                        "variable", NULL });
  end (w);
  start (w, "office:styles");
  start (w, "style:default-style");
  attribute (w, "style:family", "paragraph");
  start (w, "style:text-properties");
  attribute (w, "style:font-name", "Arial");
  attribute (w, "fo:font-size", "11pt");
  attribute (w, "fo:language", language[0]);
  if (language[1] != NULL)
    attribute (w, "fo:country", language[1]);
  end (w);
  end (w);
  write_common_style (w, "Standard", NULL, NULL, 0, NULL, NULL);
  write_common_style (
      w, "Text_20_body", "Text body", "Standard", 0,
      (const char *const[]){ "fo:margin-top", "0pt", "fo:margin-bottom", "8pt", NULL }, NULL);
  write_common_style (w, "Heading", NULL, "Standard", 0,
                      (const char *const[]){ "fo:margin-top", "12pt", "fo:margin-bottom", "6pt",
                                             "fo:keep-with-next", "always", NULL },
                      bold);
  write_common_style (w, "Heading_20_1", "Heading 1", "Heading", 1, NULL,
                      (const char *const[]){ "fo:font-size", "14pt", NULL });
  write_common_style (w, "Heading_20_2", "Heading 2", "Heading", 2, NULL,
                      (const char *const[]){ "fo:font-size", "11pt", NULL });
  write_common_style (w, "Table_20_Contents", "Table Contents", "Standard", 0, NULL, NULL);
  write_common_style (w, "Table_20_Heading", "Table Heading", "Table_20_Contents", 0, NULL, bold);
  end (w);
  start (w, "office:automatic-styles");
  for (guint i = 0; i < G_N_ELEMENTS (master_pages); i++)
    {
      write_page_layout (w, &master_pages[i]);
      write_header_footer_styles (w, &master_pages[i]);
    }
  end (w);
  start (w, "office:master-styles");
  for (guint i = 0; i < G_N_ELEMENTS (master_pages); i++)
    {
      start (w, "style:master-page");
      attribute (w, "style:name", master_pages[i].name);
      if (master_pages[i].display_name != NULL)
        attribute (w, "style:display-name", master_pages[i].display_name);
      attribute (w, "style:page-layout-name", master_pages[i].name);
      if (i == FIRST_PAGE)
        attribute (w, "style:next-style-name", master_pages[PORTRAIT_PAGES].name);
      write_header (w, header, &master_pages[i]);
      write_footer (w, info->title, &master_pages[i]);
      end (w);
    }
  end (w);
  return csp_report_xml_part_finish (w, buffer, TRUE);
}

static void
write_meta_element (xmlTextWriterPtr w, const char *name, const char *value)
{
  if (value != NULL && *value != '\0')
    xmlTextWriterWriteElementNS (w, BAD_CAST "meta", BAD_CAST name, NULL, BAD_CAST value);
}

/* meta.xml: the title, author, subject, language and date. */
static GBytes *
write_meta_part (const CspReportPdfInfo *info, GDateTime *created)
{
  xmlBuffer *buffer = NULL;
  xmlTextWriterPtr w = csp_report_xml_part_new (&buffer);
  g_autofree char *date = g_date_time_format_iso8601 (created);

  start (w, "office:document-meta");
  declare_namespaces (w, (const char *const[]){ "office", "meta", "dc", NULL });
  attribute (w, "office:version", ODF_VERSION);
  start (w, "office:meta");
  write_meta_element (w, "generator", "CSP Engage/" PACKAGE_VERSION);
  write_meta_element (w, "initial-creator", info->author);
  write_meta_element (w, "creation-date", date);
  csp_report_xml_write_dublin_core (w, info);
  xmlTextWriterWriteElement (w, BAD_CAST "dc:date", BAD_CAST date);
  return csp_report_xml_part_finish (w, buffer, TRUE);
}

static void
write_file_entry (xmlTextWriterPtr w, const char *path, const char *media_type)
{
  start (w, "manifest:file-entry");
  attribute (w, "manifest:full-path", path);
  if (g_str_equal (path, "/"))
    attribute (w, "manifest:version", ODF_VERSION);
  attribute (w, "manifest:media-type", media_type);
  end (w);
}

/* META-INF/manifest.xml: every part of the package but the mimetype. */
static GBytes *
write_manifest_part (GPtrArray *pictures)
{
  static const char *const parts[] = { "content.xml", "styles.xml", "meta.xml" };
  xmlBuffer *buffer = NULL;
  xmlTextWriterPtr w = csp_report_xml_part_new (&buffer);

  start (w, "manifest:manifest");
  attribute (w, "xmlns:manifest", MANIFEST_NS);
  attribute (w, "manifest:version", ODF_VERSION);
  write_file_entry (w, "/", MIMETYPE);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    write_file_entry (w, parts[i], "text/xml");
  for (guint i = 0; i < pictures->len; i++)
    write_file_entry (w, g_ptr_array_index (pictures, i), "image/png");
  return csp_report_xml_part_finish (w, buffer, TRUE);
}

/**
 * csp_report_odt_write:
 * @blocks: (element-type CspReportBlock): the report's blocks, as from
 *   csp_report_blocks_from_content()
 * @info: the document's metadata: title, author, subject and date
 * @header: (nullable): the text at the head of every page but the first:
 *   the council's name, as csp_report_dup_page_header() makes it
 * @path: the file to write, replaced only once complete; a symbolic link
 *   there is refused, never written through
 *
 * Returns: whether it was written
 */
gboolean
csp_report_odt_write (GPtrArray *blocks, const CspReportPdfInfo *info, const char *header,
                      const char *path, GError **error)
{
  g_autoptr (CspZipPackage) zip = NULL;
  g_autoptr (GPtrArray) pictures = NULL;
  g_autoptr (GDateTime) created = NULL;
  g_autoptr (GBytes) mimetype = NULL;
  g_autoptr (GBytes) content = NULL;
  OdtWriter self;

  g_return_val_if_fail (blocks != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  zip = csp_zip_package_new ();
  pictures = g_ptr_array_new_with_free_func (g_free);
  /* First, and stored as it is (csp-zip-package.c), as ODF requires. */
  mimetype = g_bytes_new_static (MIMETYPE, strlen (MIMETYPE));
  csp_zip_package_set (zip, "mimetype", mimetype);
  self = (OdtWriter){
    .blocks = blocks,
    .zip = zip,
    .pictures = pictures,
    .orientation = CSP_REPORT_PORTRAIT,
    .page_break = FIRST_PAGE_BREAK,
  };
  content = write_content_part (&self, error);
  if (content == NULL)
    return FALSE;
  created = csp_report_info_dup_date (info);
  csp_zip_package_set (zip, "content.xml", content);
  csp_zip_package_take (zip, "styles.xml", write_styles_part (info, header));
  csp_zip_package_take (zip, "meta.xml", write_meta_part (info, created));
  csp_zip_package_take (zip, "META-INF/manifest.xml", write_manifest_part (pictures));
  return csp_zip_package_write (zip, path, created, error);
}

/**
 * csp_report_odt_export:
 * @content: the report
 * @path: the OpenDocument Text file to write
 *
 * Makes the report's charts from @database and writes the document.
 *
 * Returns: whether it was written
 */
gboolean
csp_report_odt_export (CspDatabase *database, const CspReportContent *content, const char *path,
                       GError **error)
{
  g_autoptr (GPtrArray) blocks = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *header = NULL;
  CspReportPdfInfo info;

  /* Each checks its own arguments. */
  blocks = csp_report_document_blocks_new (database, content, &info, &subject, error);
  if (blocks == NULL)
    return FALSE;
  header = csp_report_dup_page_header (content);
  return csp_report_odt_write (blocks, &info, header, path, error);
}

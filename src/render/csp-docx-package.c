/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-docx-package"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>

#include "csp-docx-package.h"
#include "csp-report-document.h"
#include "csp-zip-package.h"

/* A Word document (Office Open XML, ECMA-376) is a ZIP package of XML
 * parts tied together by [Content_Types].xml and relationship parts. With
 * a template, every part of it is kept (its styles, settings, theme,
 * headers, footers and their pictures), the parts that must change are
 * changed in place through libxml2's tree, and its body's last section
 * properties (page size, margins, the headers and footers they refer to)
 * are those of the report's sections. Without one, plain A4 defaults are
 * made the same way, so both take one path. Nothing here is any council's. */

#define CT_NS "http://schemas.openxmlformats.org/package/2006/content-types"
#define RELS_NS "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_DOCUMENT                                                                               \
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
#define REL_STYLES "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
#define REL_IMAGE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
#define REL_CORE                                                                                   \
  "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
#define TYPE_DOCUMENT                                                                              \
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#define TYPE_STYLES "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
#define TYPE_CORE "application/vnd.openxmlformats-package.core-properties+xml"
#define TYPE_RELS "application/vnd.openxmlformats-package.relationships+xml"

#define CONTENT_TYPES_PART "[Content_Types].xml"
#define PACKAGE_RELS_PART "_rels/.rels"
#define DOCUMENT_PART "word/document.xml"
#define DOCUMENT_RELS_PART "word/_rels/document.xml.rels"
#define STYLES_PART "word/styles.xml"
#define CORE_PART "docProps/core.xml"

/* A4 in twentieths of a point, and 20 mm margins, as the PDF's pages. */
#define A4_SHORT 11906
#define A4_LONG 16838
#define MARGIN "1134"

/* The styles the report's paragraphs take by name: Word's own names, the
 * same in every language's Word, whatever a template calls their ids. */
static const char *const heading_names[] = { "heading 1", "heading 2" };

struct _CspDocxPackage
{
  CspZipPackage *zip;
  xmlDoc *content_types;
  xmlDoc *package_rels;
  xmlDoc *document_rels;
  xmlDoc *styles;
  xmlDoc *document; /* the template's, for its sections and namespaces */
  char *heading_styles[G_N_ELEMENTS (heading_names)];
  guint n_images;
};

void
csp_docx_package_free (CspDocxPackage *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->zip, csp_zip_package_free);
  g_clear_pointer (&self->content_types, xmlFreeDoc);
  g_clear_pointer (&self->package_rels, xmlFreeDoc);
  g_clear_pointer (&self->document_rels, xmlFreeDoc);
  g_clear_pointer (&self->styles, xmlFreeDoc);
  g_clear_pointer (&self->document, xmlFreeDoc);
  for (guint i = 0; i < G_N_ELEMENTS (heading_names); i++)
    g_free (self->heading_styles[i]);
  g_free (self);
}

/* Trees. */

static gboolean
is_element (xmlNode *node, const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && xmlStrEqual (node->name, BAD_CAST name);
}

static xmlNode *
find_child (xmlNode *parent, const char *name)
{
  for (xmlNode *child = parent != NULL ? parent->children : NULL; child != NULL;
       child = child->next)
    if (is_element (child, name))
      return child;
  return NULL;
}

static gboolean
has_attribute (xmlNode *node, const char *name, const char *value, gboolean fold)
{
  g_autofree xmlChar *found = xmlGetProp (node, BAD_CAST name);

  if (found == NULL)
    return FALSE;
  return fold ? g_ascii_strcasecmp ((const char *) found, value) == 0
              : g_str_equal ((const char *) found, value);
}

/* A WordprocessingML attribute, w:@name, in @node's own namespace. */
static char *
get_w_attribute (xmlNode *node, const char *name)
{
  return (char *) xmlGetNsProp (node, BAD_CAST name, BAD_CAST CSP_DOCX_W_NS);
}

static void
set_w_attribute (xmlNode *node, const char *name, const char *value)
{
  xmlSetNsProp (node, node->ns, BAD_CAST name, BAD_CAST value);
}

static xmlDoc *
parse_part (CspZipPackage *zip, const char *name)
{
  GBytes *bytes = csp_zip_package_get (zip, name);
  gsize size = 0;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  /* No network, no entities substituted: a template is not trusted. */
  return xmlReadMemory (data, (int) size, name, "UTF-8", XML_PARSE_NONET);
}

static GBytes *
dump (xmlDoc *doc)
{
  xmlChar *memory = NULL;
  int size = 0;
  GBytes *bytes;

  xmlDocDumpMemoryEnc (doc, &memory, &size, "UTF-8");
  bytes = g_bytes_new (memory, (gsize) MAX (size, 0));
  xmlFree (memory);
  return bytes;
}

/* A new tree of one empty element. */
static xmlDoc *
new_tree (const char *root, const char *ns)
{
  xmlDoc *doc = xmlNewDoc (BAD_CAST "1.0");
  xmlNode *node = xmlNewDocNode (doc, NULL, BAD_CAST root, NULL);

  xmlSetNs (node, xmlNewNs (node, BAD_CAST ns, NULL));
  xmlDocSetRootElement (doc, node);
  return doc;
}

/* Content types and relationships. */

/* Sets the type of the parts whose @key_name is @key (a Default's
 * extension, an Override's part name), adding the entry if need be. */
static void
set_content_type (xmlDoc *types, const char *element, const char *key_name, const char *key,
                  const char *type)
{
  xmlNode *root = xmlDocGetRootElement (types);
  xmlNode *entry;

  for (entry = root->children; entry != NULL; entry = entry->next)
    if (is_element (entry, element) && has_attribute (entry, key_name, key, TRUE))
      break;
  if (entry == NULL)
    {
      entry = xmlNewChild (root, root->ns, BAD_CAST element, NULL);
      xmlSetProp (entry, BAD_CAST key_name, BAD_CAST key);
    }
  xmlSetProp (entry, BAD_CAST "ContentType", BAD_CAST type);
}

static xmlNode *
find_relationship (xmlDoc *rels, const char *type)
{
  for (xmlNode *rel = xmlDocGetRootElement (rels)->children; rel != NULL; rel = rel->next)
    if (is_element (rel, "Relationship") && has_attribute (rel, "Type", type, FALSE))
      return rel;
  return NULL;
}

static void
add_relationship (xmlDoc *rels, const char *id, const char *type, const char *target)
{
  xmlNode *root = xmlDocGetRootElement (rels);
  xmlNode *rel = xmlNewChild (root, root->ns, BAD_CAST "Relationship", NULL);

  xmlSetProp (rel, BAD_CAST "Id", BAD_CAST id);
  xmlSetProp (rel, BAD_CAST "Type", BAD_CAST type);
  xmlSetProp (rel, BAD_CAST "Target", BAD_CAST target);
}

/* Points the relationship of @type at @target, adding it if need be. */
static void
set_relationship (xmlDoc *rels, const char *id, const char *type, const char *target)
{
  xmlNode *rel = find_relationship (rels, type);

  if (rel != NULL)
    xmlSetProp (rel, BAD_CAST "Target", BAD_CAST target);
  else
    add_relationship (rels, id, type, target);
}

/* Defaults, written as a template would have them. */

static xmlTextWriterPtr
new_tree_writer (xmlDoc **doc)
{
  xmlTextWriterPtr writer = xmlNewTextWriterDoc (doc, 0);

  xmlTextWriterStartDocument (writer, NULL, "UTF-8", "yes");
  return writer;
}

static void
write_w_element (xmlTextWriterPtr writer, const char *name, const char *const *attributes)
{
  xmlTextWriterStartElementNS (writer, BAD_CAST "w", BAD_CAST name, NULL);
  for (guint i = 0; attributes != NULL && attributes[i] != NULL; i += 2)
    xmlTextWriterWriteAttributeNS (writer, BAD_CAST "w", BAD_CAST attributes[i], NULL,
                                   BAD_CAST attributes[i + 1]);
  xmlTextWriterEndElement (writer);
}

/* A body of nothing but A4 portrait section properties. */
static xmlDoc *
default_document (void)
{
  xmlDoc *doc = NULL;
  xmlTextWriterPtr writer = new_tree_writer (&doc);

  xmlTextWriterStartElementNS (writer, BAD_CAST "w", BAD_CAST "document", BAD_CAST CSP_DOCX_W_NS);
  xmlTextWriterStartElementNS (writer, BAD_CAST "w", BAD_CAST "body", NULL);
  xmlTextWriterStartElementNS (writer, BAD_CAST "w", BAD_CAST "sectPr", NULL);
  write_w_element (
      writer, "pgSz",
      (const char *const[]){ "w", G_STRINGIFY (A4_SHORT), "h", G_STRINGIFY (A4_LONG), NULL });
  write_w_element (writer, "pgMar",
                   (const char *const[]){ "top", MARGIN, "right", MARGIN, "bottom", MARGIN, "left",
                                          MARGIN, "header", "567", "footer", "567", "gutter", "0",
                                          NULL });
  xmlTextWriterEndDocument (writer);
  xmlFreeTextWriter (writer);
  return doc;
}

static void
write_style (xmlTextWriterPtr writer, const char *id, const char *name, guint outline_level,
             const char *size)
{
  gboolean heading = size != NULL;
  g_autofree char *level = g_strdup_printf ("%u", outline_level);

  xmlTextWriterStartElementNS (writer, BAD_CAST "w", BAD_CAST "style", NULL);
  xmlTextWriterWriteAttributeNS (writer, BAD_CAST "w", BAD_CAST "type", NULL, BAD_CAST "paragraph");
  if (!heading)
    xmlTextWriterWriteAttributeNS (writer, BAD_CAST "w", BAD_CAST "default", NULL, BAD_CAST "1");
  xmlTextWriterWriteAttributeNS (writer, BAD_CAST "w", BAD_CAST "styleId", NULL, BAD_CAST id);
  write_w_element (writer, "name", (const char *const[]){ "val", name, NULL });
  if (heading)
    {
      write_w_element (writer, "basedOn", (const char *const[]){ "val", "Normal", NULL });
      write_w_element (writer, "next", (const char *const[]){ "val", "Normal", NULL });
    }
  write_w_element (writer, "qFormat", NULL);
  if (heading)
    {
      xmlTextWriterStartElementNS (writer, BAD_CAST "w", BAD_CAST "pPr", NULL);
      write_w_element (writer, "keepNext", NULL);
      write_w_element (writer, "spacing",
                       (const char *const[]){ "before", "240", "after", "120", NULL });
      write_w_element (writer, "outlineLvl", (const char *const[]){ "val", level, NULL });
      xmlTextWriterEndElement (writer);
      xmlTextWriterStartElementNS (writer, BAD_CAST "w", BAD_CAST "rPr", NULL);
      write_w_element (writer, "b", NULL);
      write_w_element (writer, "sz", (const char *const[]){ "val", size, NULL });
      write_w_element (writer, "szCs", (const char *const[]){ "val", size, NULL });
      xmlTextWriterEndElement (writer);
    }
  xmlTextWriterEndElement (writer);
}

/* The report's own styles: Arial 11 points as the PDF, in the report's
 * language, and the two heading styles. */
static xmlDoc *
default_styles (void)
{
  xmlDoc *doc = NULL;
  xmlTextWriterPtr writer = new_tree_writer (&doc);
  const char *font = "Arial";

  xmlTextWriterStartElementNS (writer, BAD_CAST "w", BAD_CAST "styles", BAD_CAST CSP_DOCX_W_NS);
  xmlTextWriterStartElementNS (writer, BAD_CAST "w", BAD_CAST "docDefaults", NULL);
  xmlTextWriterStartElementNS (writer, BAD_CAST "w", BAD_CAST "rPrDefault", NULL);
  xmlTextWriterStartElementNS (writer, BAD_CAST "w", BAD_CAST "rPr", NULL);
  write_w_element (
      writer, "rFonts",
      (const char *const[]){ "ascii", font, "hAnsi", font, "cs", font, "eastAsia", font, NULL });
  write_w_element (writer, "sz", (const char *const[]){ "val", "22", NULL });
  write_w_element (writer, "szCs", (const char *const[]){ "val", "22", NULL });
  write_w_element (writer, "lang",
                   (const char *const[]){ "val", csp_report_get_language (), NULL });
  xmlTextWriterEndElement (writer);
  xmlTextWriterEndElement (writer);
  xmlTextWriterStartElementNS (writer, BAD_CAST "w", BAD_CAST "pPrDefault", NULL);
  xmlTextWriterStartElementNS (writer, BAD_CAST "w", BAD_CAST "pPr", NULL);
  write_w_element (writer, "spacing", (const char *const[]){ "after", "160", NULL });
  xmlTextWriterEndElement (writer); /* pPr */
  xmlTextWriterEndElement (writer); /* pPrDefault */
  xmlTextWriterEndElement (writer); /* docDefaults */
  write_style (writer, "Normal", "Normal", 0, NULL);
  write_style (writer, "Heading1", heading_names[0], 0, "28");
  write_style (writer, "Heading2", heading_names[1], 1, "22");
  xmlTextWriterEndDocument (writer);
  xmlFreeTextWriter (writer);
  return doc;
}

/* Styles. */

static xmlNode *
find_style (xmlDoc *styles, const char *name)
{
  for (xmlNode *style = xmlDocGetRootElement (styles)->children; style != NULL; style = style->next)
    {
      xmlNode *name_node = find_child (style, "name");
      g_autofree char *value = NULL;

      if (!is_element (style, "style") || name_node == NULL)
        continue;
      value = get_w_attribute (name_node, "val");
      if (value != NULL && g_ascii_strcasecmp (value, name) == 0)
        return style;
    }
  return NULL;
}

/* The template's styles keep their looks; those the report needs and the
 * template lacks are added from the report's own. */
static void
merge_styles (xmlDoc *styles, xmlDoc *own)
{
  xmlNode *root = xmlDocGetRootElement (styles);

  for (xmlNode *style = xmlDocGetRootElement (own)->children; style != NULL; style = style->next)
    {
      g_autofree char *name = NULL;

      if (!is_element (style, "style"))
        continue;
      name = get_w_attribute (find_child (style, "name"), "val");
      if (find_style (styles, name) == NULL)
        xmlAddChild (root, xmlDocCopyNode (style, styles, 1));
    }
}

static gboolean
set_up_styles (CspDocxPackage *self)
{
  xmlDoc *own = default_styles ();

  if (self->styles == NULL)
    {
      self->styles = own;
      set_content_type (self->content_types, "Override", "PartName", "/" STYLES_PART, TYPE_STYLES);
      set_relationship (self->document_rels, "rIdCspStyles", REL_STYLES, "styles.xml");
    }
  else
    {
      merge_styles (self->styles, own);
      xmlFreeDoc (own);
    }
  for (guint i = 0; i < G_N_ELEMENTS (heading_names); i++)
    {
      xmlNode *style = find_style (self->styles, heading_names[i]);

      if (style == NULL)
        return FALSE;
      self->heading_styles[i] = get_w_attribute (style, "styleId");
    }
  return TRUE;
}

/* The package. */

static gboolean
open_template (CspDocxPackage *self, const char *path, GError **error)
{
  g_autofree char *name = g_filename_display_name (path);
  xmlNode *main_rel;

  self->zip = csp_zip_package_new_from_file (path, error);
  if (self->zip == NULL)
    return FALSE;
  self->content_types = parse_part (self->zip, CONTENT_TYPES_PART);
  self->package_rels = parse_part (self->zip, PACKAGE_RELS_PART);
  self->document = parse_part (self->zip, DOCUMENT_PART);
  self->document_rels = parse_part (self->zip, DOCUMENT_RELS_PART);
  self->styles = parse_part (self->zip, STYLES_PART);
  main_rel =
      self->package_rels != NULL ? find_relationship (self->package_rels, REL_DOCUMENT) : NULL;
  if (self->content_types == NULL || main_rel == NULL || self->document == NULL ||
      (!has_attribute (main_rel, "Target", DOCUMENT_PART, FALSE) &&
       !has_attribute (main_rel, "Target", "/" DOCUMENT_PART, FALSE)))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _ ("“%s” is not a Word document or template"), name);
      return FALSE;
    }
  if (self->document_rels == NULL)
    self->document_rels = new_tree ("Relationships", RELS_NS);
  return TRUE;
}

static void
set_up_defaults (CspDocxPackage *self)
{
  self->zip = csp_zip_package_new ();
  self->content_types = new_tree ("Types", CT_NS);
  self->package_rels = new_tree ("Relationships", RELS_NS);
  self->document_rels = new_tree ("Relationships", RELS_NS);
  self->document = default_document ();
  add_relationship (self->package_rels, "rIdCspDocument", REL_DOCUMENT, DOCUMENT_PART);
}

/**
 * csp_docx_package_new:
 * @template_path: (nullable): a Word document or template (.docx, .dotx)
 *   whose styles, page set-up, headers and footers the document takes
 *
 * Returns: (transfer full): the package, or %NULL with @error set when
 *   the template cannot be used
 */
CspDocxPackage *
csp_docx_package_new (const char *template_path, GError **error)
{
  g_autoptr (CspDocxPackage) self = g_new0 (CspDocxPackage, 1);

  if (template_path != NULL)
    {
      if (!open_template (self, template_path, error))
        return NULL;
    }
  else
    set_up_defaults (self);

  set_content_type (self->content_types, "Default", "Extension", "rels", TYPE_RELS);
  set_content_type (self->content_types, "Default", "Extension", "xml", "application/xml");
  set_content_type (self->content_types, "Default", "Extension", "png", "image/png");
  /* A template's main part is a template's: the result is a document. */
  set_content_type (self->content_types, "Override", "PartName", "/" DOCUMENT_PART, TYPE_DOCUMENT);
  set_content_type (self->content_types, "Override", "PartName", "/" CORE_PART, TYPE_CORE);
  set_relationship (self->package_rels, "rIdCspCore", REL_CORE, CORE_PART);
  if (!set_up_styles (self))
    {
      g_autofree char *name = g_filename_display_name (template_path);
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, _ ("The styles of “%s” cannot be read"),
                   name);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * csp_docx_package_get_heading_style:
 * @level: 1 for the title, 2 for a section's or appendix's heading
 *
 * Returns: (transfer none): the id of the heading style of that level
 */
const char *
csp_docx_package_get_heading_style (CspDocxPackage *self, guint level)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (level >= 1 && level <= G_N_ELEMENTS (heading_names), NULL);
  return self->heading_styles[level - 1];
}

/**
 * csp_docx_package_write_namespaces:
 * @writer: writing the document element of word/document.xml
 *
 * Declares the template's namespaces that its section properties may
 * use, beside those the writer declares itself.
 */
void
csp_docx_package_write_namespaces (CspDocxPackage *self, xmlTextWriterPtr writer)
{
  static const char *const own[] = { "w", "r", "wp", "a", "pic" };

  g_return_if_fail (self != NULL);

  for (xmlNs *ns = xmlDocGetRootElement (self->document)->nsDef; ns != NULL; ns = ns->next)
    {
      g_autofree char *attribute = NULL;

      if (ns->prefix == NULL || g_strv_contains (own, (const char *) ns->prefix))
        continue;
      attribute = g_strconcat ("xmlns:", (const char *) ns->prefix, NULL);
      xmlTextWriterWriteAttribute (writer, BAD_CAST attribute, ns->href);
    }
}

static xmlNode *
body_section (CspDocxPackage *self)
{
  xmlNode *body = find_child (xmlDocGetRootElement (self->document), "body");
  xmlNode *section = NULL;

  for (xmlNode *child = body != NULL ? body->children : NULL; child != NULL; child = child->next)
    if (is_element (child, "sectPr"))
      section = child;
  return section;
}

static guint
get_twips (xmlNode *node, const char *name, guint fallback)
{
  g_autofree char *value = node != NULL ? get_w_attribute (node, name) : NULL;
  guint64 twips;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, 31680, &twips, NULL))
    return fallback;
  return (guint) twips;
}

/* The template's page size turned to @orientation. */
static void
orient (xmlNode *section, CspReportOrientation orientation)
{
  xmlNode *size = find_child (section, "pgSz");
  guint width, height, long_side, short_side;
  g_autofree char *long_text = NULL;
  g_autofree char *short_text = NULL;

  if (size == NULL)
    size = xmlNewChild (section, section->ns, BAD_CAST "pgSz", NULL);
  width = get_twips (size, "w", A4_SHORT);
  height = get_twips (size, "h", A4_LONG);
  long_side = MAX (width, height);
  short_side = MIN (width, height);
  long_text = g_strdup_printf ("%u", long_side);
  short_text = g_strdup_printf ("%u", short_side);
  set_w_attribute (size, "w", orientation == CSP_REPORT_LANDSCAPE ? long_text : short_text);
  set_w_attribute (size, "h", orientation == CSP_REPORT_LANDSCAPE ? short_text : long_text);
  if (orientation == CSP_REPORT_LANDSCAPE)
    set_w_attribute (size, "orient", "landscape");
  else
    xmlUnsetNsProp (size, size->ns, BAD_CAST "orient");
}

/**
 * csp_docx_package_write_section:
 * @writer: writing word/document.xml where a section's properties go: in
 *   the last paragraph of a section, or last in the body
 * @orientation: which way up the section's pages are
 * @first: whether it is the first section, the only one that takes the
 *   template's first-page header and footer
 *
 * Writes the template's section properties, turned to @orientation.
 */
void
csp_docx_package_write_section (CspDocxPackage *self, xmlTextWriterPtr writer,
                                CspReportOrientation orientation, gboolean first)
{
  xmlNode *section;
  xmlBuffer *buffer;

  g_return_if_fail (self != NULL);

  section = xmlDocCopyNode (body_section (self), self->document, 1);
  if (section == NULL)
    {
      /* A template without section properties: Word's defaults, turned. */
      section = xmlNewDocNode (self->document, NULL, BAD_CAST "sectPr", NULL);
      xmlSetNs (section, xmlSearchNsByHref (self->document, xmlDocGetRootElement (self->document),
                                            BAD_CAST CSP_DOCX_W_NS));
    }
  orient (section, orientation);
  for (xmlNode *child = section->children, *next; child != NULL; child = next)
    {
      next = child->next;
      /* Each section starts a page; only the first has a title page. */
      if (is_element (child, "type") || (!first && is_element (child, "titlePg")))
        {
          xmlUnlinkNode (child);
          xmlFreeNode (child);
        }
    }
  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, self->document, section, 0, 0);
  xmlTextWriterWriteRaw (writer, xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  xmlFreeNode (section);
}

/**
 * csp_docx_package_get_text_width:
 *
 * Returns: the width between the margins of a page of @orientation, in
 *   twentieths of a point
 */
guint
csp_docx_package_get_text_width (CspDocxPackage *self, CspReportOrientation orientation)
{
  xmlNode *section, *size;
  guint width, height, page, left, right;

  g_return_val_if_fail (self != NULL, 0);

  section = body_section (self);
  size = find_child (section, "pgSz");
  width = get_twips (size, "w", A4_SHORT);
  height = get_twips (size, "h", A4_LONG);
  page = orientation == CSP_REPORT_LANDSCAPE ? MAX (width, height) : MIN (width, height);
  left = get_twips (find_child (section, "pgMar"), "left", 1440);
  right = get_twips (find_child (section, "pgMar"), "right", 1440);
  return page > left + right + 1440 ? page - left - right : page / 2;
}

/**
 * csp_docx_package_add_image:
 * @png: a PNG image
 *
 * Returns: (transfer full): the id of its relationship from the document,
 *   for a:blip's r:embed
 */
char *
csp_docx_package_add_image (CspDocxPackage *self, GBytes *png)
{
  g_autofree char *target = NULL;
  g_autofree char *part = NULL;
  char *id;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (png != NULL, NULL);

  self->n_images++;
  target = g_strdup_printf ("media/csp-chart-%u.png", self->n_images);
  part = g_strconcat ("word/", target, NULL);
  id = g_strdup_printf ("rIdCspImage%u", self->n_images);
  csp_zip_package_set (self->zip, part, png);
  add_relationship (self->document_rels, id, REL_IMAGE, target);
  return id;
}

/* docProps/core.xml: the title, author, subject, language and date. */
static GBytes *
core_properties (const CspReportPdfInfo *info, GDateTime *created)
{
  g_autofree char *date = g_date_time_format_iso8601 (created);
  xmlBuffer *buffer = NULL;
  xmlTextWriterPtr writer = csp_report_xml_part_new (&buffer);

  xmlTextWriterStartElementNS (
      writer, BAD_CAST "cp", BAD_CAST "coreProperties",
      BAD_CAST "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "xmlns:dc",
                               BAD_CAST "http://purl.org/dc/elements/1.1/");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "xmlns:dcterms",
                               BAD_CAST "http://purl.org/dc/terms/");
  xmlTextWriterWriteAttribute (writer, BAD_CAST "xmlns:xsi",
                               BAD_CAST "http://www.w3.org/2001/XMLSchema-instance");
  csp_report_xml_write_dublin_core (writer, info);
  xmlTextWriterStartElementNS (writer, BAD_CAST "dcterms", BAD_CAST "created", NULL);
  xmlTextWriterWriteAttributeNS (writer, BAD_CAST "xsi", BAD_CAST "type", NULL,
                                 BAD_CAST "dcterms:W3CDTF");
  xmlTextWriterWriteString (writer, BAD_CAST date);
  return csp_report_xml_part_finish (writer, buffer, TRUE);
}

/**
 * csp_docx_package_write:
 * @document: word/document.xml
 * @info: the document properties
 * @path: the file to write, replaced only once complete
 *
 * Returns: whether it was written
 */
gboolean
csp_docx_package_write (CspDocxPackage *self, GBytes *document, const CspReportPdfInfo *info,
                        const char *path, GError **error)
{
  g_autoptr (GDateTime) created = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (document != NULL && info != NULL && path != NULL, FALSE);

  created = csp_report_info_dup_date (info);
  /* In this order in a new package: the content types first. */
  csp_zip_package_take (self->zip, CONTENT_TYPES_PART, dump (self->content_types));
  csp_zip_package_take (self->zip, PACKAGE_RELS_PART, dump (self->package_rels));
  csp_zip_package_set (self->zip, DOCUMENT_PART, document);
  csp_zip_package_take (self->zip, DOCUMENT_RELS_PART, dump (self->document_rels));
  csp_zip_package_take (self->zip, STYLES_PART, dump (self->styles));
  csp_zip_package_take (self->zip, CORE_PART, core_properties (info, created));
  return csp_zip_package_write (self->zip, path, created, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-pdf-amend"

#include "config.h"

#include <string.h>

#include "csp-pdf-amend.h"

/* cairo 1.16 tags a PDF's structure but cannot give a Figure its /Alt
 * text, nor the catalog its /Lang and /ViewerPreferences. The PDF passes
 * through here on its way out, and its lines are read as they go by:
 * cairo writes the structure elements and the catalog as short lines of
 * text, one object after another ("12 0 obj" … "endobj"), then the cross
 * reference table, the trailer and "startxref". Once cairo is done, the
 * objects to change are written again with what they lack, as an
 * incremental update (PDF 1.7, 7.5.6): new versions of those objects, a
 * cross reference section for them and a trailer whose /Prev points to
 * cairo's. Readers take the newer objects; the bytes cairo wrote stay as
 * they were. Content streams are binary and never kept. */

/* Longer lines are content streams or fonts, never what is looked for. */
#define MAX_LINE 256
/* A structure element or the catalog is far shorter. */
#define MAX_OBJECT 65536

typedef struct
{
  guint number;
  char *text; /* between "N 0 obj" and "endobj" */
} PdfObject;

struct _CspPdfAmend
{
  cairo_write_func_t write;
  void *closure;
  guint64 offset;
  GString *line;
  gboolean line_too_long;
  GString *object;
  gboolean in_object;
  guint object_number;
  gboolean in_trailer;
  gboolean want_startxref;
  GArray *figures; /* PdfObject, in the order cairo wrote them */
  PdfObject catalog;
  guint size;
  guint root;
  guint info;
  guint64 previous_xref;
  char *language;
  GPtrArray *alt_texts;
};

static void
pdf_object_clear (gpointer data)
{
  PdfObject *object = data;

  g_clear_pointer (&object->text, g_free);
}

/**
 * csp_pdf_amend_new:
 * @write: where the PDF's bytes go
 * @closure: @write's closure
 *
 * Returns: (transfer full): a filter to hand cairo as its write function
 *   (csp_pdf_amend_write_cb()), with itself as the closure
 */
CspPdfAmend *
csp_pdf_amend_new (cairo_write_func_t write, void *closure)
{
  CspPdfAmend *self = g_new0 (CspPdfAmend, 1);

  g_return_val_if_fail (write != NULL, NULL);

  self->write = write;
  self->closure = closure;
  self->line = g_string_sized_new (MAX_LINE);
  self->object = g_string_new (NULL);
  self->figures = g_array_new (FALSE, TRUE, sizeof (PdfObject));
  g_array_set_clear_func (self->figures, pdf_object_clear);
  self->alt_texts = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
csp_pdf_amend_free (CspPdfAmend *self)
{
  if (self == NULL)
    return;
  g_string_free (self->line, TRUE);
  g_string_free (self->object, TRUE);
  g_array_unref (self->figures);
  pdf_object_clear (&self->catalog);
  g_free (self->language);
  g_ptr_array_unref (self->alt_texts);
  g_free (self);
}

/**
 * csp_pdf_amend_set_language:
 * @language: (nullable): the document's natural language, a BCP 47 tag
 *   such as "en-GB"
 */
void
csp_pdf_amend_set_language (CspPdfAmend *self, const char *language)
{
  g_return_if_fail (self != NULL);

  g_free (self->language);
  self->language = g_strdup (language);
}

/**
 * csp_pdf_amend_add_alt_text:
 * @text: the alternative text of the next Figure element, in the order
 *   they were tagged
 */
void
csp_pdf_amend_add_alt_text (CspPdfAmend *self, const char *text)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);

  g_ptr_array_add (self->alt_texts, g_strdup (text));
}

/* "N 0 obj", the start of an object. */
static gboolean
parse_object_start (const char *line, guint *number)
{
  char *end = NULL;
  guint64 value = g_ascii_strtoull (line, &end, 10);

  if (end == line || !g_str_equal (end, " 0 obj") || value > G_MAXUINT)
    return FALSE;
  *number = (guint) value;
  return TRUE;
}

/* The number after @key in a trailer's line, such as "/Size 38". */
static void
parse_trailer_entry (const char *line, const char *key, guint *value)
{
  const char *found = strstr (line, key);

  if (found != NULL)
    *value = (guint) g_ascii_strtoull (found + strlen (key), NULL, 10);
}

static void
end_object (CspPdfAmend *self)
{
  PdfObject object = { self->object_number, NULL };

  self->in_object = FALSE;
  if (strstr (self->object->str, "/Type /StructElem") != NULL &&
      strstr (self->object->str, "\n   /S /Figure\n") != NULL)
    {
      object.text = g_strdup (self->object->str);
      g_array_append_val (self->figures, object);
    }
  else if (g_str_has_prefix (self->object->str, "<< /Type /Catalog\n"))
    {
      pdf_object_clear (&self->catalog);
      object.text = g_strdup (self->object->str);
      self->catalog = object;
    }
}

static void
read_line (CspPdfAmend *self, const char *line)
{
  if (self->want_startxref)
    {
      self->previous_xref = g_ascii_strtoull (line, NULL, 10);
      self->want_startxref = FALSE;
    }
  else if (self->in_trailer)
    {
      parse_trailer_entry (line, "/Size ", &self->size);
      parse_trailer_entry (line, "/Root ", &self->root);
      parse_trailer_entry (line, "/Info ", &self->info);
      self->in_trailer = !g_str_equal (line, ">>");
    }
  else if (self->in_object)
    {
      if (g_str_equal (line, "endobj"))
        end_object (self);
      else if (g_str_equal (line, "stream") || self->object->len > MAX_OBJECT)
        self->in_object = FALSE;
      else
        g_string_append_printf (self->object, "%s\n", line);
    }
  else if (parse_object_start (line, &self->object_number))
    {
      self->in_object = TRUE;
      g_string_truncate (self->object, 0);
    }
  else if (g_str_equal (line, "trailer"))
    self->in_trailer = TRUE;
  else if (g_str_equal (line, "startxref"))
    self->want_startxref = TRUE;
}

static void
scan (CspPdfAmend *self, const unsigned char *data, unsigned int length)
{
  const char *start = (const char *) data;
  const char *end = start + length;

  while (start < end)
    {
      const char *newline = memchr (start, '\n', (gsize) (end - start));
      const char *stop = newline != NULL ? newline : end;
      gsize n = (gsize) (stop - start);

      if (self->line->len + n > MAX_LINE)
        self->line_too_long = TRUE;
      else
        g_string_append_len (self->line, start, (gssize) n);
      if (newline == NULL)
        break;
      if (self->line_too_long)
        /* Binary data: whatever object it is in is not one of ours. */
        self->in_object = FALSE;
      else
        read_line (self, self->line->str);
      g_string_truncate (self->line, 0);
      self->line_too_long = FALSE;
      start = newline + 1;
    }
}

/**
 * csp_pdf_amend_write_cb:
 * @closure: the #CspPdfAmend
 *
 * Reads and passes on what cairo writes.
 */
cairo_status_t
csp_pdf_amend_write_cb (void *closure, const unsigned char *data, unsigned int length)
{
  CspPdfAmend *self = closure;
  cairo_status_t status = self->write (self->closure, data, length);

  if (status == CAIRO_STATUS_SUCCESS)
    {
      scan (self, data, length);
      self->offset += length;
    }
  return status;
}

/* A PDF text string that any text fits in: UTF-16BE, in hexadecimal. */
static void
append_text_string (GString *out, const char *text)
{
  g_autofree gunichar2 *units = NULL;
  glong n_units = 0;

  units = g_utf8_to_utf16 (text, -1, NULL, &n_units, NULL);
  g_string_append (out, "<FEFF");
  for (glong i = 0; units != NULL && i < n_units; i++)
    g_string_append_printf (out, "%04X", units[i]);
  g_string_append_c (out, '>');
}

/* Where an object of the update starts, from the update's start. */
typedef struct
{
  guint number;
  gsize position;
} XrefEntry;

/* @object again, with @entries inserted after its line @after. */
static void
append_object (GString *out, const PdfObject *object, const char *after, const char *entries,
               GArray *xref)
{
  const char *at = strstr (object->text, after);
  XrefEntry entry = { object->number, out->len };

  g_assert (at != NULL);
  at += strlen (after);
  g_array_append_val (xref, entry);
  g_string_append_printf (out, "%u 0 obj\n", object->number);
  g_string_append_len (out, object->text, at - object->text);
  g_string_append (out, entries);
  g_string_append (out, at);
  g_string_append (out, "endobj\n");
}

static int
compare_xref_entries (gconstpointer a, gconstpointer b)
{
  guint x = ((const XrefEntry *) a)->number, y = ((const XrefEntry *) b)->number;

  return x < y ? -1 : x > y;
}

static void
append_figures (CspPdfAmend *self, GString *out, GArray *xref)
{
  guint n_figures = MIN (self->figures->len, self->alt_texts->len);

  for (guint i = 0; i < n_figures; i++)
    {
      g_autoptr (GString) alt = g_string_new ("   /Alt ");

      append_text_string (alt, g_ptr_array_index (self->alt_texts, i));
      g_string_append_c (alt, '\n');
      append_object (out, &g_array_index (self->figures, PdfObject, i), "\n   /S /Figure\n",
                     alt->str, xref);
    }
}

static void
append_catalog (CspPdfAmend *self, GString *out, GArray *xref)
{
  g_autoptr (GString) entries = g_string_new (NULL);

  if (self->language != NULL)
    {
      g_string_append (entries, "   /Lang ");
      append_text_string (entries, self->language);
      g_string_append_c (entries, '\n');
    }
  g_string_append (entries, "   /ViewerPreferences << /DisplayDocTitle true >>\n");
  append_object (out, &self->catalog, "<< /Type /Catalog\n", entries->str, xref);
}

/* The update's cross reference section, one subsection an object, and
 * its trailer. */
static void
append_xref (CspPdfAmend *self, GString *out, GArray *xref)
{
  guint64 xref_position = self->offset + out->len;

  g_array_sort (xref, compare_xref_entries);
  g_string_append (out, "xref\n");
  for (guint i = 0; i < xref->len; i++)
    {
      const XrefEntry *entry = &g_array_index (xref, XrefEntry, i);

      /* Each entry is exactly 20 bytes, its end of line " \n". */
      g_string_append_printf (out, "%u 1\n%010" G_GUINT64_FORMAT " 00000 n \n", entry->number,
                              self->offset + entry->position);
    }
  g_string_append_printf (out, "trailer\n<< /Size %u\n   /Root %u 0 R\n", self->size, self->root);
  if (self->info != 0)
    g_string_append_printf (out, "   /Info %u 0 R\n", self->info);
  g_string_append_printf (
      out, "   /Prev %" G_GUINT64_FORMAT "\n>>\nstartxref\n%" G_GUINT64_FORMAT "\n%%%%EOF\n",
      self->previous_xref, xref_position);
}

/**
 * csp_pdf_amend_finish:
 *
 * Writes the incremental update, once cairo has finished its surface. A
 * PDF not as cairo 1.16 writes it is left as it is.
 *
 * Returns: %CAIRO_STATUS_SUCCESS, or what writing the update returned
 */
cairo_status_t
csp_pdf_amend_finish (CspPdfAmend *self)
{
  g_autoptr (GString) out = NULL;
  g_autoptr (GArray) xref = NULL;

  g_return_val_if_fail (self != NULL, CAIRO_STATUS_NULL_POINTER);

  if (self->catalog.text == NULL || self->root != self->catalog.number || self->size == 0 ||
      self->previous_xref == 0)
    return CAIRO_STATUS_SUCCESS;

  out = g_string_new (NULL);
  xref = g_array_new (FALSE, FALSE, sizeof (XrefEntry));
  append_figures (self, out, xref);
  append_catalog (self, out, xref);
  append_xref (self, out, xref);
  return self->write (self->closure, (const unsigned char *) out->str, (unsigned int) out->len);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-export"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "csp-chart-draw.h"
#include "csp-chart-export.h"
#include "csp-chart-table.h"
#include "csp-file-sink.h"
#include "csp-png.h"

/* A chart written to a PNG, SVG or PDF file, the format chosen by the
 * file name. The drawing streams into a #CspFileWriter, which replaces the
 * file in one step once it is complete, so a failure never leaves half a
 * file behind. */

#define MAX_PIXELS 16384

G_DEFINE_QUARK (csp - chart - export - error - quark, csp_chart_export_error)

/**
 * csp_chart_format_from_path:
 * @format: (out): the format @path's extension names
 *
 * Returns: whether the extension (.png, .svg or .pdf, in any case) is known
 */
gboolean
csp_chart_format_from_path (const char *path, CspChartFormat *format, GError **error)
{
  static const struct
  {
    const char *extension;
    CspChartFormat format;
  } formats[] = {
    { ".png", CSP_CHART_FORMAT_PNG },
    { ".svg", CSP_CHART_FORMAT_SVG },
    { ".pdf", CSP_CHART_FORMAT_PDF },
  };
  g_autofree char *base = NULL;
  const char *dot;

  g_return_val_if_fail (path != NULL, FALSE);

  base = g_path_get_basename (path);
  dot = strrchr (base, '.');
  for (guint i = 0; dot != NULL && i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot, formats[i].extension) == 0)
      {
        *format = formats[i].format;
        return TRUE;
      }
  g_set_error (error, CSP_CHART_EXPORT_ERROR, CSP_CHART_EXPORT_ERROR_UNKNOWN_FORMAT,
               _ ("Cannot tell which format to write “%s” in: the name must end in .png, .svg "
                  "or .pdf"),
               base);
  return FALSE;
}

static cairo_status_t
append_cb (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
check_status (cairo_status_t status, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, CSP_CHART_EXPORT_ERROR, CSP_CHART_EXPORT_ERROR_FAILED,
               _ ("The chart could not be drawn: %s"), cairo_status_to_string (status));
  return FALSE;
}

static gboolean
draw_on (cairo_surface_t *surface, CspChart *chart, double width, double height,
         const CspChartStyle *style, GError **error)
{
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  csp_chart_draw (chart, cr, width, height, style);
  status = cairo_status (cr);
  cairo_destroy (cr);
  return check_status (status, error);
}

static gboolean
check_size (double width, double height, double scale, GError **error)
{
  if (width >= 16 && height >= 16 && scale > 0 && width * scale <= MAX_PIXELS &&
      height * scale <= MAX_PIXELS)
    return TRUE;
  g_set_error (error, CSP_CHART_EXPORT_ERROR, CSP_CHART_EXPORT_ERROR_INVALID_SIZE,
               _ ("A chart of %g × %g at scale %g cannot be drawn: each side must be from "
                  "16 to %d pixels"),
               width, height, scale, MAX_PIXELS);
  return FALSE;
}

/* Draws @chart in @format and hands the file's bytes to @write as they
 * come: cairo streams SVG and PDF out while it draws. */
static gboolean
render (CspChart *chart, CspChartFormat format, double width, double height, double scale,
        const CspChartStyle *style, cairo_write_func_t write, void *closure, GError **error)
{
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  gboolean ok;

  switch (format)
    {
    case CSP_CHART_FORMAT_PNG:
      {
        int pixels_wide = (int) ceil (width * scale), pixels_high = (int) ceil (height * scale);
        /* An opaque chart needs no alpha channel, once it covers every
         * pixel: it is drawn to the image's whole pixels, a fraction wider
         * or taller than asked, rather than leave a part-drawn column. */
        gboolean opaque = style == NULL || !style->transparent;

        surface = cairo_image_surface_create (opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32,
                                              pixels_wide, pixels_high);
        cairo_surface_set_device_scale (surface, scale, scale);
        ok = draw_on (surface, chart, pixels_wide / scale, pixels_high / scale, style, error);
        if (ok)
          ok = check_status (csp_png_write (surface, write, closure), error);
        break;
      }
    case CSP_CHART_FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (write, closure, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      ok = draw_on (surface, chart, width, height, style, error);
      break;
    case CSP_CHART_FORMAT_PDF:
      surface = cairo_pdf_surface_create_for_stream (write, closure, width, height);
      if (csp_chart_get_title (chart) != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                        csp_chart_get_title (chart));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "CSP Engage");
      ok = draw_on (surface, chart, width, height, style, error);
      break;
    default:
      g_assert_not_reached ();
    }
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return ok && check_status (status, error);
}

/**
 * csp_chart_export_bytes:
 * @width: the chart's width: pixels before @scale for PNG (rounded up to
 *   whole pixels), points for SVG and PDF
 * @height: its height
 * @scale: a PNG's pixels per unit (2 for a high-resolution image); 1 for
 *   the other formats
 * @style: (nullable): how it looks; the default when %NULL
 *
 * Returns: (transfer full): the file's contents, or %NULL with @error set
 */
GBytes *
csp_chart_export_bytes (CspChart *chart, CspChartFormat format, double width, double height,
                        double scale, const CspChartStyle *style, GError **error)
{
  g_autoptr (GByteArray) bytes = g_byte_array_new ();

  g_return_val_if_fail (CSP_IS_CHART (chart), NULL);
  g_return_val_if_fail (format <= CSP_CHART_FORMAT_PDF, NULL);

  if (!check_size (width, height, scale, error) ||
      !render (chart, format, width, height, scale, style, append_cb, bytes, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * csp_chart_export:
 * @path: the file to write; its extension (.png, .svg, .pdf) sets the format
 * @width: as for csp_chart_export_bytes()
 * @height: as for csp_chart_export_bytes()
 * @scale: as for csp_chart_export_bytes()
 * @style: (nullable): how it looks; the default when %NULL
 *
 * Draws @chart into a file through a #CspFileWriter, replacing any file of
 * that name only once the whole drawing is written. A symbolic link there
 * is refused, never written through.
 *
 * Returns: whether it was written; %CSP_CHART_EXPORT_ERROR_UNKNOWN_FORMAT
 *   for an extension not known, a #GFileError naming @path when the file
 *   cannot be written
 */
gboolean
csp_chart_export (CspChart *chart, const char *path, double width, double height, double scale,
                  const CspChartStyle *style, GError **error)
{
  g_autoptr (CspFileWriter) writer = NULL;
  g_autoptr (GError) draw_error = NULL;
  CspChartFormat format;
  CspFileSink sink = { 0 };

  g_return_val_if_fail (CSP_IS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!csp_chart_format_from_path (path, &format, error) ||
      !check_size (width, height, scale, error))
    return FALSE;
  writer = csp_file_writer_new (path, CSP_FILE_WRITER_NONE, error);
  if (writer == NULL)
    return FALSE;
  sink.writer = writer;
  if (render (chart, format, width, height, scale, style, csp_file_sink_write_cb, &sink,
              &draw_error))
    return csp_file_writer_commit (writer, error);
  /* cairo only knows that writing failed; the writer knows why. */
  g_propagate_error (error, sink.error != NULL ? g_steal_pointer (&sink.error)
                                               : g_steal_pointer (&draw_error));
  g_clear_error (&sink.error);
  return FALSE;
}

/**
 * csp_chart_export_table:
 * @path: the CSV file to write
 *
 * Writes the figures @chart shows, as its table view has them
 * (csp_chart_table_new_full() with plain numbers), to a CSV file through a
 * #CspFileWriter; a month without a figure is an empty field.
 *
 * Returns: whether it was written; a #GFileError naming @path if not
 */
gboolean
csp_chart_export_table (CspChart *chart, const char *path, GError **error)
{
  g_autoptr (CspChartTable) table = NULL;
  g_autofree char *csv = NULL;

  g_return_val_if_fail (CSP_IS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  table = csp_chart_table_new_full (chart, CSP_CHART_TABLE_PLAIN);
  csv = csp_chart_table_to_csv (table);
  return csp_file_writer_set_contents (path, csv, strlen (csv), CSP_FILE_WRITER_NONE, error);
}

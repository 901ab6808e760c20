/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-png"

#include "config.h"

#include <png.h>
#include <zlib.h>

#include "csp-png.h"

/* cairo_surface_write_to_png_stream() leaves libpng at its defaults: zlib's
 * level 6 and every filter tried on every row, which made the encoding of
 * a report's four charts take over half the time of its Word document. The
 * charts are flat colours and text: the "up" filter at zlib's fastest
 * level writes them about four times faster, and an opaque chart's pixels
 * in three bytes rather than four, so the files come out at about the size
 * cairo's are. */

/* All that changes while libpng writes, kept out of registers that its
 * errors' longjmp() would lose. */
typedef struct
{
  cairo_write_func_t write;
  void *closure;
  cairo_status_t status;
  png_bytep row;
} Sink;

static void
write_cb (png_structp png, png_bytep data, size_t length)
{
  Sink *sink = png_get_io_ptr (png);

  sink->status = sink->write (sink->closure, data, (unsigned int) length);
  if (sink->status != CAIRO_STATUS_SUCCESS)
    png_error (png, "the stream refused the image");
}

static void
flush_cb (png_structp png)
{
}

/* libpng must not return from an error: back to csp_png_write()'s setjmp. */
static void
error_cb (png_structp png, png_const_charp message)
{
  Sink *sink = png_get_error_ptr (png);

  if (sink->status == CAIRO_STATUS_SUCCESS)
    sink->status = CAIRO_STATUS_WRITE_ERROR;
  png_longjmp (png, 1);
}

/* One row of cairo's native-endian, premultiplied pixels as PNG's RGB or
 * RGBA bytes, unpremultiplied as cairo's own PNG writer does. */
static void
pack_row (const guint32 *pixels, int width, gboolean alpha, png_bytep row)
{
  for (int x = 0; x < width; x++)
    {
      guint32 pixel = pixels[x];
      guint a = pixel >> 24, r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

      if (alpha && a != 0 && a != 0xff)
        {
          r = (r * 0xff + a / 2) / a;
          g = (g * 0xff + a / 2) / a;
          b = (b * 0xff + a / 2) / a;
        }
      *row++ = (png_byte) r;
      *row++ = (png_byte) g;
      *row++ = (png_byte) b;
      if (alpha)
        *row++ = (png_byte) a;
    }
}

static void
write_image (png_structp png, png_infop info, cairo_surface_t *image, Sink *sink)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  int stride = cairo_image_surface_get_stride (image);
  const guchar *data = cairo_image_surface_get_data (image);
  gboolean alpha = cairo_image_surface_get_format (image) == CAIRO_FORMAT_ARGB32;

  png_set_compression_level (png, Z_BEST_SPEED);
  png_set_filter (png, PNG_FILTER_TYPE_BASE, PNG_FILTER_UP);
  png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8,
                alpha ? PNG_COLOR_TYPE_RGB_ALPHA : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                PNG_COMPRESSION_TYPE_BASE, PNG_FILTER_TYPE_BASE);
  png_write_info (png, info);
  for (int y = 0; y < height; y++)
    {
      pack_row ((const guint32 *) (gconstpointer) (data + (gsize) y * (gsize) stride), width, alpha,
                sink->row);
      png_write_row (png, sink->row);
    }
  png_write_end (png, info);
}

/**
 * csp_png_write:
 * @image: an image surface in %CAIRO_FORMAT_RGB24 or %CAIRO_FORMAT_ARGB32
 * @write: gets the file's bytes as they come
 * @closure: for @write
 *
 * Writes @image as a PNG file, quickly rather than as small as can be: in
 * RGB when it is %CAIRO_FORMAT_RGB24, in RGBA when %CAIRO_FORMAT_ARGB32.
 *
 * Returns: %CAIRO_STATUS_SUCCESS; the status @write returned if it
 *   failed; %CAIRO_STATUS_WRITE_ERROR if libpng did
 */
cairo_status_t
csp_png_write (cairo_surface_t *image, cairo_write_func_t write, void *closure)
{
  Sink sink = { .write = write, .closure = closure, .status = CAIRO_STATUS_SUCCESS };
  png_structp png;
  png_infop info;

  g_return_val_if_fail (cairo_surface_get_type (image) == CAIRO_SURFACE_TYPE_IMAGE,
                        CAIRO_STATUS_SURFACE_TYPE_MISMATCH);
  g_return_val_if_fail (cairo_image_surface_get_format (image) == CAIRO_FORMAT_RGB24 ||
                            cairo_image_surface_get_format (image) == CAIRO_FORMAT_ARGB32,
                        CAIRO_STATUS_INVALID_FORMAT);
  g_return_val_if_fail (write != NULL, CAIRO_STATUS_NULL_POINTER);

  cairo_surface_flush (image);
  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &sink, error_cb, NULL);
  if (png == NULL)
    return CAIRO_STATUS_NO_MEMORY;
  info = png_create_info_struct (png);
  if (info == NULL)
    {
      png_destroy_write_struct (&png, NULL);
      return CAIRO_STATUS_NO_MEMORY;
    }
  sink.row = g_malloc ((gsize) cairo_image_surface_get_width (image) * 4);
  png_set_write_fn (png, &sink, write_cb, flush_cb);
  /* libpng's errors land here, with @sink's status set. */
  if (setjmp (png_jmpbuf (png)) == 0)
    write_image (png, info, image, &sink);
  png_destroy_write_struct (&png, &info);
  g_free (sink.row);
  return sink.status;
}

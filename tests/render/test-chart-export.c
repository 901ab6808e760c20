/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart-export"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "chart-fixtures.h"
#include "csp-chart-export.h"
#include "csp-png.h"
#include "test-folder.h"
#include "test-tools.h"

/* Exported files read back with standard tools: PNG with cairo, SVG as
 * XML with GMarkup (and xmllint where installed), PDF with poppler's
 * pdfinfo and pdftotext where installed. */

typedef struct
{
  char *dir;
  CspChart *chart;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  fixture->dir = test_folder_new ("csp-test-chart-export");
  fixture->chart = fixture_chart (CSP_CHART_STACKED_BAR, 3, 24);
  csp_chart_set_title (fixture->chart, "Activities per month");
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  test_folder_remove (fixture->dir);
  g_assert_false (g_file_test (fixture->dir, G_FILE_TEST_EXISTS));
  g_free (fixture->dir);
  g_clear_object (&fixture->chart);
}

static char *
run_tool (const char *tool, const char *path)
{
  g_autofree char *program = g_find_program_in_path (tool);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;
  const char *argv[] = { program, path, "-", NULL };

  if (program == NULL)
    return NULL;
  if (g_str_equal (tool, "pdfinfo") || g_str_equal (tool, "xmllint"))
    argv[2] = NULL;
  if (g_str_equal (tool, "xmllint"))
    {
      argv[1] = "--noout";
      argv[2] = path;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static void
test_png (Fixture *fixture, gconstpointer user_data)
{
  const double scales[] = { 1, 2 };

  for (guint i = 0; i < G_N_ELEMENTS (scales); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, "chart.PNG", NULL);
      g_autoptr (GError) error = NULL;
      cairo_surface_t *surface;
      const guint8 *data;

      g_assert_true (csp_chart_export (fixture->chart, path, 640, 360, scales[i], NULL, &error));
      g_assert_no_error (error);
      surface = cairo_image_surface_create_from_png (path);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640 * scales[i]);
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 360 * scales[i]);
      /* Opaque white in the corner: the background is painted. */
      data = cairo_image_surface_get_data (surface);
      g_assert_cmphex (*(const guint32 *) data, ==, 0xffffffff);
      cairo_surface_destroy (surface);
    }
}

typedef struct
{
  gboolean seen_root;
  char *width;
  char *height;
  guint n_elements;
} SvgInfo;

static void
svg_start_element_cb (GMarkupParseContext *context, const char *element_name,
                      const char **attribute_names, const char **attribute_values,
                      gpointer user_data, GError **error)
{
  SvgInfo *info = user_data;

  info->n_elements++;
  if (info->n_elements > 1 || !g_str_equal (element_name, "svg"))
    return;
  info->seen_root = TRUE;
  for (guint i = 0; attribute_names[i] != NULL; i++)
    if (g_str_equal (attribute_names[i], "width"))
      info->width = g_strdup (attribute_values[i]);
    else if (g_str_equal (attribute_names[i], "height"))
      info->height = g_strdup (attribute_values[i]);
}

static void
test_svg (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "chart.svg", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *lint = NULL;
  const GMarkupParser parser = { .start_element = svg_start_element_cb };
  SvgInfo info = { 0 };
  GMarkupParseContext *context;
  gsize length = 0;
  const char *body;

  g_assert_true (csp_chart_export (fixture->chart, path, 800, 450, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  /* GMarkup reads elements, not the XML declaration before them. */
  body = strstr (contents, "<svg");
  g_assert_nonnull (body);
  context = g_markup_parse_context_new (&parser, G_MARKUP_IGNORE_QUALIFIED, &info, NULL);
  g_assert_true (g_markup_parse_context_parse (context, body, -1, &error) &&
                 g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);
  g_assert_true (info.seen_root);
  g_assert_cmpstr (info.width, ==, "800px");
  g_assert_cmpstr (info.height, ==, "450px");
  g_assert_cmpuint (info.n_elements, >, 50);
  g_free (info.width);
  g_free (info.height);

  lint = run_tool ("xmllint", path);
  if (lint == NULL)
    g_test_message ("xmllint not found; checked with GMarkup alone");

  /* Drawn by another renderer (librsvg), the picture has its size and ink. */
  {
    g_autofree char *rsvg = g_find_program_in_path ("rsvg-convert");
    g_autofree char *png = g_build_filename (fixture->dir, "from-svg.png", NULL);
    const char *argv[] = { rsvg, "-o", png, path, NULL };
    cairo_surface_t *surface;
    int status = 0;

    if (rsvg == NULL)
      {
        g_test_message ("rsvg-convert not found; the SVG was not drawn back");
        return;
      }
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    surface = cairo_image_surface_create_from_png (png);
    g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 800);
    g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 450);
    cairo_surface_destroy (surface);
  }
}

/* The value of a "Name:   value" line of pdfinfo's report. */
static char *
info_field (const char *info, const char *name)
{
  g_auto (GStrv) lines = g_strsplit (info, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], name) && lines[i][strlen (name)] == ':')
      return g_strstrip (g_strdup (lines[i] + strlen (name) + 1));
  return NULL;
}

static void
test_pdf (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "chart.pdf", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;

  g_assert_true (csp_chart_export (fixture->chart, path, 842, 595, 1, NULL, &error));
  g_assert_no_error (error);
  {
    g_autofree char *head = NULL;
    gsize length = 0;

    g_assert_true (g_file_get_contents (path, &head, &length, NULL));
    g_assert_true (g_str_has_prefix (head, "%PDF-"));
  }

  info = run_tool ("pdfinfo", path);
  if (info == NULL)
    {
      test_tools_missing ("pdfinfo (poppler-utils) is not installed");
      return;
    }
  {
    g_autofree char *pages = info_field (info, "Pages");
    g_autofree char *title = info_field (info, "Title");
    g_autofree char *size = info_field (info, "Page size");

    g_assert_cmpstr (pages, ==, "1");
    g_assert_cmpstr (title, ==, "Activities per month");
    g_assert_true (g_str_has_prefix (size, "842 x 595 pts"));
  }

  text = run_tool ("pdftotext", path);
  if (text == NULL)
    {
      test_tools_missing ("pdftotext (poppler-utils) is not installed");
      return;
    }
  /* The text is text: title, legend and an axis label with its separator. */
  g_assert_nonnull (strstr (text, "Activities per month"));
  g_assert_nonnull (strstr (text, "Channel number 3"));
  g_assert_nonnull (strstr (text, ",000"));
}

static void
test_unknown_format (Fixture *fixture, gconstpointer user_data)
{
  const char *names[] = { "chart.gif", "chart", "chart.png.txt", "chart.svgz" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, names[i], NULL);
      g_autoptr (GError) error = NULL;

      g_assert_false (csp_chart_export (fixture->chart, path, 640, 360, 1, NULL, &error));
      g_assert_error (error, CSP_CHART_EXPORT_ERROR, CSP_CHART_EXPORT_ERROR_UNKNOWN_FORMAT);
      g_assert_nonnull (strstr (error->message, names[i]));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

static void
test_unwritable (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "chart.pdf", NULL);
  g_autofree char *locked_dir = g_build_filename (fixture->dir, "locked", NULL);
  g_autofree char *locked = g_build_filename (locked_dir, "chart.svg", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (csp_chart_export (fixture->chart, missing, 640, 360, 1, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (locked_dir, 0500), ==, 0);
  if (access (locked_dir, W_OK) == 0)
    {
      /* root writes anywhere */
      g_test_message ("the folder stays writable to this user; not checked");
    }
  else
    {
      g_assert_false (csp_chart_export (fixture->chart, locked, 640, 360, 1, NULL, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
      g_assert_false (g_file_test (locked, G_FILE_TEST_EXISTS));
      g_clear_error (&error);
    }

  g_assert_false (csp_chart_export (fixture->chart, fixture->dir, 640, 360, 1, NULL, &error));
  g_assert_error (error, CSP_CHART_EXPORT_ERROR, CSP_CHART_EXPORT_ERROR_UNKNOWN_FORMAT);
}

static void
test_bad_size (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  bytes = csp_chart_export_bytes (fixture->chart, CSP_CHART_FORMAT_PNG, 10, 360, 1, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, CSP_CHART_EXPORT_ERROR, CSP_CHART_EXPORT_ERROR_INVALID_SIZE);
  g_clear_error (&error);
  bytes = csp_chart_export_bytes (fixture->chart, CSP_CHART_FORMAT_PNG, 9000, 400, 2, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, CSP_CHART_EXPORT_ERROR, CSP_CHART_EXPORT_ERROR_INVALID_SIZE);
}

typedef struct
{
  const guint8 *data;
  gsize left;
} PngReader;

static cairo_status_t
read_png_cb (void *closure, unsigned char *data, unsigned int length)
{
  PngReader *reader = closure;

  if (length > reader->left)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data, length);
  reader->data += length;
  reader->left -= length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
decode_png (GBytes *png)
{
  PngReader reader = { 0 };
  cairo_surface_t *surface;

  reader.data = g_bytes_get_data (png, &reader.left);
  surface = cairo_image_surface_create_from_png_stream (read_png_cb, &reader);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

/* An opaque chart is RGB and covers every pixel, the last column of a
 * fractional width too; a transparent one keeps its alpha channel. */
static void
test_png_alpha (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) opaque = NULL;
  g_autoptr (GBytes) transparent = NULL;
  CspChartStyle style;
  cairo_surface_t *surface;
  const guint8 *data;

  opaque =
      csp_chart_export_bytes (fixture->chart, CSP_CHART_FORMAT_PNG, 320.25, 200, 2, NULL, &error);
  g_assert_no_error (error);
  surface = decode_png (opaque);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_RGB24);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 641);
  data = cairo_image_surface_get_data (surface);
  g_assert_cmphex (((const guint32 *) (gconstpointer) data)[640], ==, 0xffffffff);
  cairo_surface_destroy (surface);

  csp_chart_style_init (&style);
  style.transparent = TRUE;
  transparent =
      csp_chart_export_bytes (fixture->chart, CSP_CHART_FORMAT_PNG, 320, 200, 1, &style, &error);
  g_assert_no_error (error);
  surface = decode_png (transparent);
  g_assert_cmpint (cairo_image_surface_get_format (surface), ==, CAIRO_FORMAT_ARGB32);
  data = cairo_image_surface_get_data (surface);
  g_assert_cmphex (*(const guint32 *) (gconstpointer) data, ==, 0);
  cairo_surface_destroy (surface);
}

static cairo_status_t
refuse_cb (void *closure, const unsigned char *data, unsigned int length)
{
  guint *calls = closure;

  return ++*calls < 3 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_DEVICE_ERROR;
}

/* A stream that fails part way stops the image, with the stream's status. */
static void
test_png_stream_fails (Fixture *fixture, gconstpointer user_data)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 64, 64);
  guint calls = 0;

  g_assert_cmpint (csp_png_write (image, refuse_cb, &calls), ==, CAIRO_STATUS_DEVICE_ERROR);
  g_assert_cmpuint (calls, ==, 3);
  cairo_surface_destroy (image);
}

static void
test_replaces (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "chart.png", NULL);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface;

  g_assert_true (g_file_set_contents (path, "not a picture", -1, NULL));
  g_assert_true (csp_chart_export (fixture->chart, path, 320, 200, 1, NULL, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/chart/export/png", test_png);
  ADD ("/chart/export/png-alpha", test_png_alpha);
  ADD ("/chart/export/png-stream-fails", test_png_stream_fails);
  ADD ("/chart/export/svg", test_svg);
  ADD ("/chart/export/pdf", test_pdf);
  ADD ("/chart/export/unknown-format", test_unknown_format);
  ADD ("/chart/export/unwritable", test_unwritable);
  ADD ("/chart/export/bad-size", test_bad_size);
  ADD ("/chart/export/replaces", test_replaces);
#undef ADD
  return g_test_run ();
}

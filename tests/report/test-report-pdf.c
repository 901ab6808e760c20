/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-pdf"

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csp-report-pdf.h"
#include "report-fixtures.h"
#include "report-text.h"
#include "test-engine.h"
#include "test-folder.h"

/* The sample report exported to PDF and read back with poppler's tools
 * (pdftotext, pdfinfo, pdftoppm): each test skips when they are missing. */

typedef struct
{
  char *dir;
  char *pdf;
  CspDatabase *database;
  CspReportContent *content;
  CspReportLayout *layout;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) charts = NULL;
  guint n_pages = 0;

  fixture->dir = test_folder_new ("csp-test-report-pdf");
  fixture->database = report_fixture_open_sample (fixture->dir, &error);
  g_assert_no_error (error);
  fixture->content = csp_report_content_load (fixture->database, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  fixture->pdf = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_assert_true (
      csp_report_pdf_export (fixture->database, fixture->content, fixture->pdf, &n_pages, &error));
  g_assert_no_error (error);

  /* The same layout, to tell which pages are which. */
  charts = csp_report_charts_new (fixture->database, fixture->content, &error);
  g_assert_no_error (error);
  fixture->layout = csp_report_layout_new_for_content (fixture->content, charts, NULL);
  g_assert_cmpuint (csp_report_layout_get_n_pages (fixture->layout), ==, n_pages);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_pointer (&fixture->layout, csp_report_layout_free);
  g_clear_pointer (&fixture->content, csp_report_content_free);
  g_clear_object (&fixture->database);
  test_folder_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->pdf);
}

static void
test_text (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  g_autofree char *first_page = NULL;
  g_autoptr (GPtrArray) needles = g_ptr_array_new_with_free_func (g_free);

  if (!report_text_find_tool ("pdftotext", "poppler-utils", NULL))
    return;
  text = report_text_run ((const char *const[]){ "pdftotext", "-layout", fixture->pdf, "-", NULL },
                          NULL);
  flat = report_text_flatten (text, fixture->content);

  /* The heading block, as in the reference report, on page 1. */
  first_page = report_text_run ((const char *const[]){ "pdftotext", "-layout", "-f", "1", "-l", "1",
                                                       fixture->pdf, "-", NULL },
                                NULL);
  g_ptr_array_add (needles, g_strdup ("WELWYN HATFIELD BOROUGH COUNCIL"));
  g_ptr_array_add (needles, g_strdup ("OVERVIEW AND SCRUTINY COMMITTEE - 5 JULY 2021"));
  g_ptr_array_add (needles,
                   g_strdup ("REPORT OF THE CORPORATE DIRECTOR (HOUSING AND COMMUNITIES)"));
  g_ptr_array_add (needles, g_strdup ("COMMUNITY SAFETY PARTNERSHIP COMMUNITY ENGAGEMENT"));
  g_ptr_array_add (needles, g_strdup ("1 Executive Summary"));
  g_ptr_array_add (needles, g_strdup ("1.1 The Overview and Scrutiny Committee considered a "
                                      "report on the work of the Community Safety Partnership "
                                      "(CSP) over the last 12 months at their meeting of 3 March "
                                      "2021."));
  {
    g_autofree char *page_flat = report_text_flatten (first_page, fixture->content);
    report_text_assert_in_order (page_flat, needles);
  }
  g_clear_pointer (&needles, g_ptr_array_unref);

  /* Every section heading in order, each paragraph whole under its number. */
  needles = report_text_body_needles (fixture->content);
  g_assert_cmpuint (fixture->content->sections->len, ==, 13);
  g_ptr_array_add (needles, g_strdup ("Name of author Bianca Moreira"));
  g_ptr_array_add (needles, g_strdup ("Title Community Partnerships Manager"));
  g_ptr_array_add (needles, g_strdup ("Date 14 June 2021"));
  g_ptr_array_add (
      needles,
      g_strdup ("Appendix A – Community engagement activities, 1 June 2020 to 31 May 2021"));
  g_ptr_array_add (needles, g_strdup ("Appendix B – Trends, 1 June 2020 to 31 May 2021"));
  g_ptr_array_add (needles, g_strdup ("People reached each month, by channel"));
  report_text_assert_in_order (flat, needles);

  /* Text of the reference report itself, word for word. */
  g_assert_nonnull (strstr (flat, "13.1 An Equality Impact Assessment (EIA) has not been carried "
                                  "out in connection with this report as it is for information "
                                  "only and does not propose changes to existing service-related "
                                  "policies."));
  g_assert_nonnull (strstr (flat, "2 Recommendation(s) 2.1 The Committee notes the appendix"));
}

static void
test_appendix_activities (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  CspStep step;
  guint n = 0;

  if (!report_text_find_tool ("pdftotext", "poppler-utils", NULL))
    return;
  /* In content order, so that each cell's lines come together. */
  text =
      report_text_run ((const char *const[]){ "pdftotext", "-raw", fixture->pdf, "-", NULL }, NULL);
  flat = report_text_flatten (text, fixture->content);

  stmt = csp_database_prepare (fixture->database,
                               "SELECT title, CASE WHEN include_in_appendix = 1 AND start_date "
                               "BETWEEN '2020-06-01' AND '2021-05-31' THEN 1 ELSE 0 END "
                               "FROM activity ORDER BY id",
                               &error);
  g_assert_no_error (error);
  while ((step = csp_statement_step (stmt, &error)) == CSP_STEP_ROW)
    {
      const char *title = csp_statement_get_text (stmt, 0);
      gboolean included = csp_statement_get_int64 (stmt, 1) != 0;

      if (included)
        {
          if (strstr (flat, title) == NULL)
            g_error ("The activity “%s” is missing from the appendix", title);
          n++;
        }
      else if (strstr (flat, title) != NULL && !g_str_has_prefix (title, "Community Safety Survey"))
        g_error ("The activity “%s” should not be in the appendix", title);
    }
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, CSP_STEP_DONE);
  g_assert_cmpuint (n, ==, fixture->content->rows->len);
  g_assert_cmpuint (n, >, 30);
}

/* pdfinfo's "Key:   value" line says @value. */
static void
assert_info (const char *info, const char *key, const char *value)
{
  g_auto (GStrv) lines = g_strsplit (info, "\n", -1);
  g_autofree char *prefix = g_strconcat (key, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      {
        g_assert_cmpstr (g_strstrip (lines[i] + strlen (prefix)), ==, value);
        return;
      }
  g_error ("pdfinfo says nothing of %s", key);
}

static void
test_info (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *info = NULL;
  g_autofree char *pages = NULL;
  guint n_pages = csp_report_layout_get_n_pages (fixture->layout);
  gboolean landscape_seen = FALSE;

  if (!report_text_find_tool ("pdfinfo", "poppler-utils", NULL))
    return;
  info = report_text_run ((const char *const[]){ "pdfinfo", fixture->pdf, NULL }, NULL);
  pages = g_strdup_printf ("%u", n_pages);
  assert_info (info, "Pages", pages);
  assert_info (info, "Title", "Community Safety Partnership Community Engagement");
  assert_info (info, "Author", "Bianca Moreira");
  assert_info (info, "Subject", "Overview and Scrutiny Committee, 5 July 2021");
  g_assert_nonnull (strstr (info, "CreationDate:"));
  g_assert_true (
      g_regex_match_simple ("Page size: +595\\.2[78]6? x 841\\.89 pts \\(A4\\)", info, 0, 0));

  for (guint i = 0; i < n_pages; i++)
    {
      const CspReportPage *page = csp_report_layout_get_page (fixture->layout, i);
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *one = NULL;
      const char *pattern;

      if (page->orientation != CSP_REPORT_LANDSCAPE && i != n_pages - 1)
        continue;
      one = report_text_run (
          (const char *const[]){ "pdfinfo", "-f", number, "-l", number, fixture->pdf, NULL }, NULL);
      pattern = page->orientation == CSP_REPORT_LANDSCAPE
                    ? "size: +841\\.89 x 595\\.2[78]6? pts \\(A4\\)"
                    : "size: +595\\.2[78]6? x 841\\.89 pts \\(A4\\)";
      if (!g_regex_match_simple (pattern, one, 0, 0))
        g_error ("Page %u is not the right size: %s", i + 1, one);
      landscape_seen |= page->orientation == CSP_REPORT_LANDSCAPE;
    }
  g_assert_true (landscape_seen);
  /* The appendix of activities comes after the body's pages. */
  g_assert_cmpint (csp_report_layout_get_page (fixture->layout, 0)->orientation, ==,
                   CSP_REPORT_PORTRAIT);
}

static guint
count_dark (cairo_surface_t *surface, int x0, int y0, int x1, int y1)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint dark = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + x * 4);
        guint sum = ((pixel >> 16) & 0xff) + ((pixel >> 8) & 0xff) + (pixel & 0xff);
        if (sum < 3 * 160)
          dark++;
      }
  return dark;
}

static guint
count_not_white (cairo_surface_t *surface, int x0, int y0, int x1, int y1)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint marked = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      if ((*(const guint32 *) (data + y * stride + x * 4) & 0xffffff) != 0xffffff)
        marked++;
  return marked;
}

static void
test_pixels (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *prefix = g_build_filename (fixture->dir, "page", NULL);
  g_autofree char *png = g_strconcat (prefix, "-1.png", NULL);
  cairo_surface_t *surface;
  double px = 50.0 / 72.0; /* pixels a point at 50 dpi */
  int width, height, margin;

  if (!report_text_find_tool ("pdftoppm", "poppler-utils", NULL))
    return;
  g_free (report_text_run ((const char *const[]){ "pdftoppm", "-png", "-r", "50", "-f", "1", "-l",
                                                  "1", fixture->pdf, prefix, NULL },
                           NULL));
  if (!g_file_test (png, G_FILE_TEST_EXISTS))
    {
      /* Older poppler names pages without padding only when there are fewer than 10. */
      g_free (png);
      png = g_strconcat (prefix, "-01.png", NULL);
    }
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  g_assert_cmpint (abs (width - (int) round (595.28 * px)), <=, 1);
  g_assert_cmpint (abs (height - (int) round (841.89 * px)), <=, 1);
  margin = (int) floor (CSP_REPORT_MARGIN * px) - 1;

  /* The heading block: four lines of text at the top left of the body. */
  g_assert_cmpuint (count_dark (surface, margin, margin, width / 2, margin + (int) (70 * px)), >,
                    200);
  /* The body holds text all the way down page 1. */
  g_assert_cmpuint (count_dark (surface, margin, height / 2, width - margin, height / 2 + 60), >,
                    200);
  /* The margins are white, but for the footer in the bottom one. */
  g_assert_cmpuint (count_not_white (surface, 0, 0, margin, height), ==, 0);
  g_assert_cmpuint (count_not_white (surface, width - margin, 0, width, height), ==, 0);
  g_assert_cmpuint (count_not_white (surface, 0, 0, width, margin), ==, 0);
  g_assert_cmpuint (count_not_white (surface, 0, height - margin / 2, width, height), ==, 0);
  g_assert_cmpuint (
      count_dark (surface, margin, height - margin, width - margin, height - margin / 2), >, 20);
  cairo_surface_destroy (surface);
}

static void
test_write_errors (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "report.pdf", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "folder.pdf", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize length = 0;

  g_assert_false (csp_report_pdf_write (fixture->layout, NULL, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_nonnull (strstr (error->message, "folder does not exist"));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (csp_report_pdf_write (fixture->layout, NULL, folder, &error));
  g_assert_nonnull (error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_clear_error (&error);

  /* Written again in place of the old file, whole. */
  g_file_get_contents (fixture->pdf, &before, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (csp_report_pdf_write (fixture->layout, NULL, fixture->pdf, &error));
  g_assert_no_error (error);
  g_file_get_contents (fixture->pdf, &after, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (after, "%PDF-"));
  g_assert_nonnull (g_strstr_len (after + length - MIN (length, 32), -1, "%%EOF"));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

  g_test_add ("/report/pdf/text", Fixture, NULL, fixture_set_up, test_text, fixture_tear_down);
  g_test_add ("/report/pdf/appendix-activities", Fixture, NULL, fixture_set_up,
              test_appendix_activities, fixture_tear_down);
  g_test_add ("/report/pdf/info", Fixture, NULL, fixture_set_up, test_info, fixture_tear_down);
  g_test_add ("/report/pdf/pixels", Fixture, NULL, fixture_set_up, test_pixels, fixture_tear_down);
  g_test_add ("/report/pdf/write-errors", Fixture, NULL, fixture_set_up, test_write_errors,
              fixture_tear_down);
  return g_test_run ();
}

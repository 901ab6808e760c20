/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-tagged"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "csp-chart-alt.h"
#include "csp-report-pdf.h"
#include "report-text.h"
#include "test-engine.h"

/* The sample report's PDF as assistive technology reads it: its structure
 * tree (pdfinfo -struct-text), the charts' alternative text, language and
 * title preference (mutool show), its bookmarks (mutool show outline) and
 * the appendix read row by row (pdftotext). */

typedef struct
{
  ReportSample sample;
  char *pdf;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  report_sample_open (&fixture->sample, "csp-test-report-tagged");
  fixture->pdf = g_build_filename (fixture->sample.dir, "report.pdf", NULL);
  g_assert_true (csp_report_pdf_export (fixture->sample.database, fixture->sample.content,
                                        fixture->pdf, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  report_sample_close (&fixture->sample);
  g_free (fixture->pdf);
}

/* pdfinfo -struct-text's tree as lines without their indent, each
 * element's name or its text in quotes. */
static GPtrArray *
structure (Fixture *fixture)
{
  g_autofree char *out = report_text_run (
      (const char *const[]){ "pdfinfo", "-struct-text", fixture->pdf, NULL }, NULL);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *tree = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      g_ptr_array_add (tree, g_strdup (lines[i]));
  return tree;
}

/* The index of the line after @from that is @line, or fails. */
static guint
find_line (GPtrArray *tree, guint from, const char *line)
{
  for (guint i = from; i < tree->len; i++)
    if (g_str_equal (g_ptr_array_index (tree, i), line))
      return i;
  g_error ("“%s” is not in the structure after line %u", line, from);
}

static void
test_structure (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GPtrArray) tree = NULL;
  g_autofree char *info = NULL;
  g_autofree char *title = NULL;
  g_autofree char *appendix = NULL;
  guint line = 0, n_figures = 0;

  if (!report_text_find_tool ("pdfinfo", "poppler-utils", NULL))
    return;
  info = report_text_run ((const char *const[]){ "pdfinfo", fixture->pdf, NULL }, NULL);
  g_assert_true (g_regex_match_simple ("^Tagged: +yes$", info, G_REGEX_MULTILINE, 0));

  tree = structure (fixture);
  g_assert_cmpstr (g_ptr_array_index (tree, 0), ==, "Document");
  /* The title is the top heading, every section a heading below it. */
  title = g_strdup_printf ("\"%s\"", "COMMUNITY SAFETY PARTNERSHIP COMMUNITY ENGAGEMENT");
  line = find_line (tree, 0, "H1 (block)");
  g_assert_cmpstr (g_ptr_array_index (tree, line + 1), ==, title);
  for (guint i = 0; i < fixture->sample.content->sections->len; i++)
    {
      const CspReportSectionContent *section =
          g_ptr_array_index (fixture->sample.content->sections, i);
      g_autofree char *heading = g_strdup_printf ("\"%u %s\"", i + 1, section->heading);

      line = find_line (tree, line, "H2 (block)");
      g_assert_cmpstr (g_ptr_array_index (tree, line + 1), ==, heading);
      /* Its first paragraph follows it. */
      g_assert_cmpstr (g_ptr_array_index (tree, line + 2), ==, "P (block)");
      line++;
    }

  /* The author block: a table whose labels are header cells. */
  line = find_line (tree, line, "Table (block)");
  g_assert_cmpstr (g_ptr_array_index (tree, line + 1), ==, "TR");
  g_assert_cmpstr (g_ptr_array_index (tree, line + 2), ==, "TH");
  g_assert_cmpstr (g_ptr_array_index (tree, line + 3), ==, "\"Name of author\"");
  g_assert_cmpstr (g_ptr_array_index (tree, line + 4), ==, "TD");

  /* The appendix: a heading, then a table whose first row is header cells
   * only, then a row per activity, the header not repeated inside it. */
  appendix = g_strdup_printf (
      "\"%s\"", "Appendix A – Community engagement activities, 1 June 2020 to 31 May 2021");
  line = find_line (tree, line, appendix);
  line = find_line (tree, line, "Table (block)");
  g_assert_cmpstr (g_ptr_array_index (tree, line + 1), ==, "TR");
  for (guint i = 0; i < CSP_REPORT_N_COLUMNS; i++)
    {
      g_autofree char *cell =
          g_strdup_printf ("\"%s\"", csp_report_column_get_title ((CspReportColumn) i));

      g_assert_cmpstr (g_ptr_array_index (tree, line + 2 + 2 * i), ==, "TH");
      if (i != CSP_REPORT_COLUMN_NUMBERS) /* "Participants / reach" wraps: "/reach" */
        g_assert_cmpstr (g_ptr_array_index (tree, line + 3 + 2 * i), ==, cell);
    }
  {
    guint rows = 0, headers = 0, i;

    for (i = line + 1; i < tree->len && !g_str_has_suffix (g_ptr_array_index (tree, i), "(block)");
         i++)
      {
        rows += g_str_equal (g_ptr_array_index (tree, i), "TR");
        headers += g_str_equal (g_ptr_array_index (tree, i), "TH");
      }
    g_assert_cmpuint (headers, ==, CSP_REPORT_N_COLUMNS);
    /* A row split across pages is one on each. */
    g_assert_cmpuint (rows, >=, fixture->sample.content->rows->len + 1);
    line = i;
  }

  /* Each chart a figure. */
  for (guint i = line; i < tree->len; i++)
    n_figures += g_str_equal (g_ptr_array_index (tree, i), "Figure");
  g_assert_cmpuint (n_figures, ==, fixture->sample.content->charts->len);
  g_assert_cmpuint (n_figures, ==, 4);

  /* The pages' headers and footers are no part of the content. */
  for (guint i = 0; i < tree->len; i++)
    {
      const char *text = g_ptr_array_index (tree, i);
      g_assert_null (strstr (text, "Page 1 of"));
      g_assert_false (g_str_equal (text, "\"Welwyn Hatfield Borough Council\""));
    }
}

/* The text string of a PDF object's @key, <FEFF…> hexadecimal UTF-16BE,
 * as mutool show writes it. */
static char *
text_string (const char *object, const char *key)
{
  g_autofree char *pattern = g_strconcat (key, "<FEFF", NULL);
  const char *start = strstr (object, pattern);
  g_autoptr (GArray) units = g_array_new (FALSE, FALSE, sizeof (gunichar2));

  if (start == NULL)
    return NULL;
  for (const char *c = start + strlen (pattern); g_ascii_isxdigit (c[0]); c += 4)
    {
      gunichar2 unit =
          (gunichar2) ((g_ascii_xdigit_value (c[0]) << 12) | (g_ascii_xdigit_value (c[1]) << 8) |
                       (g_ascii_xdigit_value (c[2]) << 4) | g_ascii_xdigit_value (c[3]));
      g_array_append_val (units, unit);
    }
  return g_utf16_to_utf8 ((gunichar2 *) units->data, units->len, NULL, NULL, NULL);
}

static void
test_alt_text (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) charts = NULL;
  g_autofree char *objects = NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *language = NULL;
  g_autofree char *first = NULL;
  guint n_figures = 0;

  if (!report_text_find_tool ("mutool", "mupdf-tools", NULL))
    return;
  charts = csp_report_charts_new (fixture->sample.database, fixture->sample.content, &error);
  g_assert_no_error (error);
  objects =
      report_text_run ((const char *const[]){ "mutool", "show", fixture->pdf, "grep", NULL }, NULL);
  lines = g_strsplit (objects, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (strstr (lines[i], "/S/Figure") != NULL)
        {
          g_autofree char *alt = text_string (lines[i], "/Alt");
          g_autofree char *expected = NULL;

          g_assert_cmpuint (n_figures, <, charts->len);
          expected = csp_chart_dup_alt_text (g_ptr_array_index (charts, n_figures));
          g_assert_cmpstr (alt, ==, expected);
          n_figures++;
        }
      else if (strstr (lines[i], "/Type/Catalog") != NULL)
        {
          language = text_string (lines[i], "/Lang");
          g_assert_nonnull (strstr (lines[i], "/ViewerPreferences<</DisplayDocTitle true>>"));
        }
    }
  g_assert_cmpuint (n_figures, ==, 4);
  g_assert_cmpstr (language, ==, "en-GB");
  /* Its title, period and main figures, as a reader of the picture takes them in. */
  first = csp_chart_dup_alt_text (g_ptr_array_index (charts, 0));
  g_assert_true (g_str_has_prefix (first, "People reached each month, by channel. Jun 2020 to May "
                                          "2021. Total "));
}

static void
test_outline (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *outline = NULL;
  g_auto (GStrv) lines = NULL;
  guint n = 0;

  if (!report_text_find_tool ("mutool", "mupdf-tools", NULL))
    return;
  outline = report_text_run (
      (const char *const[]){ "mutool", "show", fixture->pdf, "outline", NULL }, NULL);
  lines = g_strsplit (outline, "\n", -1);
  for (guint i = 0; i < fixture->sample.content->sections->len; i++)
    {
      const CspReportSectionContent *section =
          g_ptr_array_index (fixture->sample.content->sections, i);
      g_autofree char *entry = g_strdup_printf ("\"%u %s\"", i + 1, section->heading);

      g_assert_nonnull (lines[n]);
      g_assert_nonnull (strstr (lines[n], entry));
      n++;
    }
  g_assert_nonnull (strstr (lines[n++], "\"Appendix A – Community engagement activities"));
  g_assert_nonnull (strstr (lines[n++], "\"Appendix B – Trends"));
  g_assert_true (lines[n] == NULL || *lines[n] == '\0');
  g_assert_cmpuint (n, ==, 15);
}

static void
test_appendix_in_order (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GPtrArray) needles = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;

  if (!report_text_find_tool ("pdftotext", "poppler-utils", NULL))
    return;
  /* In the order of the content, which is the structure's. */
  text =
      report_text_run ((const char *const[]){ "pdftotext", "-raw", fixture->pdf, "-", NULL }, NULL);
  flat = report_text_flatten (text, fixture->sample.content);
  /* Row by row: each row's date, activity and outcome before the next's. */
  for (guint i = 0; i < fixture->sample.content->rows->len; i++)
    {
      const CspReportRow *row = g_ptr_array_index (fixture->sample.content->rows, i);

      g_ptr_array_add (needles, g_strdup (row->cells[CSP_REPORT_COLUMN_DATE]));
      g_ptr_array_add (needles, g_strdup (row->cells[CSP_REPORT_COLUMN_ACTIVITY]));
      g_ptr_array_add (needles, g_strdup (row->cells[CSP_REPORT_COLUMN_OUTCOME]));
    }
  report_text_assert_in_order (flat, needles);
}

/* A section's formatting reaches the PDF: a list as a list (L, LI, Lbl,
 * LBody) in the structure, its items in order in the text, bold and
 * superscript drawn in their fonts and place. */
static void
test_formatting (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *pdf = g_build_filename (fixture->sample.dir, "formatted.pdf", NULL);
  g_autoptr (GPtrArray) tree = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fonts = NULL;
  guint line;

  if (!report_text_find_tool ("pdfinfo", "poppler-utils", NULL))
    return;
  csp_report_content_append_section (
      fixture->sample.content, "Next steps",
      "The partners agreed, at the **RAG** meeting on the 8^th^ July:\n"
      "- to meet *weekly*\n- to share data\n1. first, a numbered one\n\nA closing paragraph.");
  g_assert_true (
      csp_report_pdf_export (fixture->sample.database, fixture->sample.content, pdf, NULL, &error));
  g_assert_no_error (error);
  g_free (fixture->pdf);
  fixture->pdf = g_strdup (pdf);

  tree = structure (fixture);
  line = find_line (tree, 0, "\"14 Next steps\"");
  line = find_line (tree, line, "L (block)");
  g_assert_cmpstr (g_ptr_array_index (tree, line + 1), ==, "LI (block)");
  g_assert_cmpstr (g_ptr_array_index (tree, line + 2), ==, "Lbl (block)");
  g_assert_cmpstr (g_ptr_array_index (tree, line + 3), ==, "\"•\"");
  g_assert_cmpstr (g_ptr_array_index (tree, line + 4), ==, "LBody (block)");
  g_assert_cmpstr (g_ptr_array_index (tree, line + 5), ==, "\"to meet weekly\"");
  line = find_line (tree, line, "\"1.\"");
  line = find_line (tree, line, "\"first, a numbered one\"");
  line = find_line (tree, line, "P (block)");
  g_assert_cmpstr (g_ptr_array_index (tree, line + 1), ==, "\"14.2 A closing paragraph.\"");

  text = report_text_run ((const char *const[]){ "pdftotext", "-raw", pdf, "-", NULL }, NULL);
  g_assert_nonnull (strstr (text, "14.1 The partners agreed, at the RAG meeting on the 8th"));
  g_assert_nonnull (
      strstr (text, "July:\n• to meet weekly\n• to share data\n1. first, a numbered one\n14.2 A"));
  fonts = report_text_run ((const char *const[]){ "pdffonts", pdf, NULL }, NULL);
  g_assert_true (g_regex_match_simple ("Bold", fonts, 0, 0));
  g_assert_true (g_regex_match_simple ("Italic|Oblique", fonts, 0, 0));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

  g_test_add ("/report/tagged/structure", Fixture, NULL, fixture_set_up, test_structure,
              fixture_tear_down);
  g_test_add ("/report/tagged/alt-text", Fixture, NULL, fixture_set_up, test_alt_text,
              fixture_tear_down);
  g_test_add ("/report/tagged/outline", Fixture, NULL, fixture_set_up, test_outline,
              fixture_tear_down);
  g_test_add ("/report/tagged/formatting", Fixture, NULL, fixture_set_up, test_formatting,
              fixture_tear_down);
  g_test_add ("/report/tagged/appendix-in-order", Fixture, NULL, fixture_set_up,
              test_appendix_in_order, fixture_tear_down);
  return g_test_run ();
}

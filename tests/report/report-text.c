/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "report-text"

#include "config.h"

#include <string.h>

#include "csp-report-pdf.h"
#include "csp-rich-text.h"
#include "report-fixtures.h"
#include "report-text.h"
#include "test-folder.h"
#include "test-tools.h"

/* A report's documents read back as a person would read them: the tools
 * that read them (poppler's, mupdf's, LibreOffice, python3-docx) run, and
 * their text made comparable. */

/**
 * report_sample_open:
 * @sample: (out caller-allocates): the sample report
 * @prefix: the name of its folder, after the test
 */
void
report_sample_open (ReportSample *sample, const char *prefix)
{
  g_autoptr (GError) error = NULL;

  sample->dir = test_folder_new (prefix);
  sample->database = report_fixture_open_sample (sample->dir, &error);
  g_assert_no_error (error);
  sample->content = csp_report_content_load (sample->database, 0, NULL, NULL, &error);
  g_assert_no_error (error);
}

void
report_sample_close (ReportSample *sample)
{
  g_clear_pointer (&sample->content, csp_report_content_free);
  g_clear_object (&sample->database);
  test_folder_remove (sample->dir);
  g_clear_pointer (&sample->dir, g_free);
}

/**
 * report_text_find_tool:
 * @name: a program, "pdfinfo"
 * @package: the Debian package that has it, for the message
 * @path: (out) (optional): where it is
 *
 * Returns: whether it is installed; if not, the test case is ended
 *   (test_tools_missing()) and must return
 */
gboolean
report_text_find_tool (const char *name, const char *package, char **path)
{
  g_autofree char *found = g_find_program_in_path (name);
  g_autofree char *missing = NULL;

  if (found != NULL)
    {
      if (path != NULL)
        *path = g_steal_pointer (&found);
      return TRUE;
    }
  missing = g_strdup_printf ("%s is not installed (%s)", name, package);
  test_tools_missing (missing);
  return FALSE;
}

/**
 * report_text_run:
 * @argv: the command
 * @home: (nullable): its $HOME, for a program that keeps a profile there
 *
 * Runs @argv, which must succeed.
 *
 * Returns: (transfer full): what it printed
 */
char *
report_text_run (const char *const *argv, const char *home)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto (GStrv) env = g_get_environ ();
  int status = 0;

  if (home != NULL)
    env = g_environ_setenv (env, "HOME", home, TRUE);
  g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return g_steal_pointer (&out);
}

/**
 * report_text_flatten:
 * @text: pdftotext's output
 *
 * Returns: (transfer full): the text as one line of words: lines joined
 *   (a word broken after its hyphen joined up again), runs of spaces made
 *   one, and the pages' header and footer lines left out
 */
char *
report_text_flatten (const char *text, const CspReportContent *content)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *flat = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0' || g_str_equal (line, content->council_name) ||
          (g_str_has_prefix (line, content->title) && strstr (line, "Page ") != NULL))
        continue;
      if (flat->len > 0 && flat->str[flat->len - 1] != '-')
        g_string_append_c (flat, ' ');
      for (const char *c = line; *c != '\0'; c++)
        if (!(g_ascii_isspace (*c) && g_ascii_isspace (c[1])))
          g_string_append_c (flat, g_ascii_isspace (*c) ? ' ' : *c);
    }
  return g_string_free (flat, FALSE);
}

/**
 * report_text_assert_in_order:
 *
 * Finds each of @needles in @haystack, each after the last.
 */
void
report_text_assert_in_order (const char *haystack, GPtrArray *needles)
{
  const char *from = haystack;

  for (guint i = 0; i < needles->len; i++)
    {
      const char *needle = g_ptr_array_index (needles, i);
      const char *found = strstr (from, needle);

      if (found == NULL)
        g_error ("“%s” is not in the text after “%.60s”", needle, from);
      from = found + strlen (needle);
    }
}

/**
 * report_text_body_needles:
 *
 * Returns: (transfer full) (element-type utf8): every section heading and
 *   paragraph with its number, "1 Executive Summary", "1.1 The…", in order
 */
GPtrArray *
report_text_body_needles (const CspReportContent *content)
{
  GPtrArray *needles = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < content->sections->len; i++)
    {
      const CspReportSectionContent *section = g_ptr_array_index (content->sections, i);

      g_ptr_array_add (needles, g_strdup_printf ("%u %s", i + 1, section->heading));
      for (guint j = 0; section->paragraphs[j] != NULL; j++)
        {
          /* As it reads printed: "8th", not the markup's "8^th^". */
          g_autofree char *read = csp_rich_text_to_plain (section->paragraphs[j]);

          g_ptr_array_add (needles, g_strdup_printf ("%u.%u %s", i + 1, j + 1, read));
        }
    }
  return needles;
}

/* Returns: (transfer full): the PDF LibreOffice ($SOFFICE, headless, with
 * a profile of its own) makes of @document, in @sample's folder */
static char *
convert_with_libreoffice (ReportSample *sample, const char *soffice, const char *document)
{
  g_autofree char *profile = g_build_filename (sample->dir, "profile", NULL);
  g_autofree char *profile_url = g_filename_to_uri (profile, NULL, NULL);
  g_autofree char *installation = g_strconcat ("-env:UserInstallation=", profile_url, NULL);
  g_autofree char *out_dir = g_build_filename (sample->dir, "office", NULL);
  g_autofree char *base = g_path_get_basename (document);
  g_autofree char *pdf_name = NULL;
  g_autofree char *pdf = NULL;

  *strrchr (base, '.') = '\0';
  pdf_name = g_strconcat (base, ".pdf", NULL);
  pdf = g_build_filename (out_dir, pdf_name, NULL);
  g_free (report_text_run ((const char *const[]){ soffice, installation, "--headless",
                                                  "--norestore", "--convert-to", "pdf", "--outdir",
                                                  out_dir, document, NULL },
                           sample->dir));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  return g_steal_pointer (&pdf);
}

/**
 * report_text_assert_office_reads_as_pdf:
 * @sample: the sample report
 * @document: @sample's report as a Word or OpenDocument file
 *
 * LibreOffice turns @document into a PDF whose text has the same heading,
 * sections, numbered paragraphs, author block and appendices, in the
 * same order, as the PDF we make. Skipped (failed in CI) without
 * LibreOffice or pdftotext.
 *
 * Returns: (transfer full) (nullable): LibreOffice's PDF, to read further;
 *   %NULL when skipped
 */
char *
report_text_assert_office_reads_as_pdf (ReportSample *sample, const char *document)
{
  const char *soffice = g_getenv ("SOFFICE");
  g_autofree char *ours = g_build_filename (sample->dir, "report.pdf", NULL);
  g_autoptr (GPtrArray) needles = report_text_body_needles (sample->content);
  g_autoptr (GError) error = NULL;
  g_autofree char *office = NULL;

  if (soffice == NULL || *soffice == '\0')
    {
      test_tools_missing ("LibreOffice (soffice) is not installed");
      return NULL;
    }
  if (!report_text_find_tool ("pdftotext", "poppler-utils", NULL))
    return NULL;
  g_assert_true (csp_report_pdf_export (sample->database, sample->content, ours, NULL, &error));
  g_assert_no_error (error);
  office = convert_with_libreoffice (sample, soffice, document);
  g_ptr_array_insert (needles, 0, g_strdup ("COMMUNITY SAFETY PARTNERSHIP COMMUNITY ENGAGEMENT"));
  g_ptr_array_add (needles, g_strdup ("Name of author"));
  g_ptr_array_add (needles, g_strdup ("Bianca Moreira"));
  g_ptr_array_add (needles, g_strdup ("Appendix A – Community engagement activities"));
  g_ptr_array_add (needles, g_strdup ("Appendix B – Trends"));
  for (guint i = 0; i < 2; i++)
    {
      const char *pdf = i == 0 ? ours : office;
      g_autofree char *text =
          report_text_run ((const char *const[]){ "pdftotext", "-layout", pdf, "-", NULL }, NULL);
      g_autofree char *flat = report_text_flatten (text, sample->content);

      report_text_assert_in_order (flat, needles);
    }
  return g_steal_pointer (&office);
}

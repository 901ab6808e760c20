/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-docx"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "csp-chart-alt.h"
#include "csp-report-docx.h"
#include "report-fixtures.h"
#include "report-text.h"
#include "test-engine.h"
#include "test-tools.h"

/* The sample report as a Word document, read back as democratic services
 * would: python3-docx (in the Python $PYTHON3_DOCX) lists its paragraphs
 * with their styles, its tables with their header and row flags, its
 * pictures' alternative text and each one's page orientation; LibreOffice
 * ($SOFFICE, headless) turns it into a PDF whose text must read as ours;
 * a council's template keeps its styles and header. */

/* One line per thing in the body, in order, then its section's
 * orientation: "p STYLE TEXT", "table ROWS HEADER-FIRST HEADER-LATER
 * CANT-SPLIT FIRST-CELL", "image ALT"; the document properties first, the
 * styles and headers of a template after. */
static const char read_docx[] =
    "import sys, docx, docx.table, docx.text.paragraph\n"
    "from docx.oxml.ns import qn\n"
    "d = docx.Document(sys.argv[1])\n"
    "c = d.core_properties\n"
    "print('core', c.title, c.author, c.subject, sep='\\t')\n"
    "pending = []\n"
    "def section(s):\n"
    "    size = s.find(qn('w:pgSz'))\n"
    "    o = 'landscape' if size.get(qn('w:orient')) == 'landscape' else 'portrait'\n"
    "    for line in pending: print(line, o, sep='\\t')\n"
    "    pending.clear()\n"
    "def flag(row, name):\n"
    "    return row.trPr is not None and row.trPr.find(qn(name)) is not None\n"
    "for e in d.element.body.iterchildren():\n"
    "    if e.tag == qn('w:p'):\n"
    "        p = docx.text.paragraph.Paragraph(e, d)\n"
    "        if p.text: pending.append('p\\t%s\\t%s' % (p.style.name, p.text.replace('\\t', ' ')))\n"
    "        for pr in e.iter(qn('wp:docPr')): pending.append('image\\t' + pr.get('descr'))\n"
    "        s = e.find(qn('w:pPr') + '/' + qn('w:sectPr'))\n"
    "        if s is not None: section(s)\n"
    "    elif e.tag == qn('w:tbl'):\n"
    "        rows = e.findall(qn('w:tr'))\n"
    "        t = docx.table.Table(e, d)\n"
    "        pending.append('table\\t%d\\t%s\\t%s\\t%s\\t%s' % (len(rows),\n"
    "            flag(rows[0], 'w:tblHeader'), any(flag(r, 'w:tblHeader') for r in rows[1:]),\n"
    "            all(flag(r, 'w:cantSplit') for r in rows), t.cell(0, 0).text))\n"
    "    elif e.tag == qn('w:sectPr'):\n"
    "        section(e)\n"
    "print('heading-1-size', d.styles['Heading 1'].font.size.pt if d.styles['Heading 1'].font.size "
    "else '', sep='\\t')\n"
    "for s in d.sections:\n"
    "    print('header', ' '.join(p.text for p in s.header.paragraphs), sep='\\t')\n";

/* A council's template, made as a person would in Word: its own heading
 * size and colour, a header and a footer, a paragraph of its own. */
static const char make_template[] =
    "import sys, docx\n"
    "from docx.shared import Pt, RGBColor\n"
    "d = docx.Document()\n"
    "d.styles['Heading 1'].font.size = Pt(20)\n"
    "d.styles['Heading 1'].font.color.rgb = RGBColor(0x12, 0x34, 0x56)\n"
    "d.sections[0].header.paragraphs[0].text = 'Example Council - Democratic Services'\n"
    "d.sections[0].footer.paragraphs[0].text = 'Example Council footer'\n"
    "d.add_paragraph('The template says this; the report replaces it.')\n"
    "d.save(sys.argv[1])\n";

typedef struct
{
  ReportSample sample;
  char *docx;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  report_sample_open (&fixture->sample, "csp-test-report-docx");
  fixture->docx = g_build_filename (fixture->sample.dir, "report.docx", NULL);
  g_assert_true (csp_report_docx_export (fixture->sample.database, fixture->sample.content, NULL,
                                         fixture->docx, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  report_sample_close (&fixture->sample);
  g_free (fixture->docx);
}

static const char *
python_docx (void)
{
  const char *python = g_getenv ("PYTHON3_DOCX");

  if (python != NULL && *python != '\0')
    return python;
  test_tools_missing ("python3-docx is not installed (run through meson test)");
  return NULL;
}

static char *
run_python (const char *python, const char *script, const char *path)
{
  return report_text_run ((const char *const[]){ python, "-c", script, path, NULL }, NULL);
}

static void
add (GPtrArray *needles, const char *kind, const char *text, const char *orientation)
{
  g_ptr_array_add (needles, g_strdup_printf ("%s\t%s\t%s\n", kind, text, orientation));
}

/* The report's body as python3-docx reads it, in order, in @docx. */
static void
assert_body (Fixture *fixture, const char *docx)
{
  g_autoptr (GPtrArray) needles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) body = report_text_body_needles (fixture->sample.content);
  g_autoptr (GPtrArray) charts = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = run_python (python_docx (), read_docx, docx);
  g_autofree char *rows = g_strdup_printf ("%u", fixture->sample.content->rows->len + 1);
  g_autofree char *appendix_table = g_strconcat (rows, "\tTrue\tFalse\tTrue\tDate", NULL);

  g_test_message ("%s", out);
  g_assert_true (g_str_has_prefix (out, "core\tCommunity Safety Partnership Community Engagement\t"
                                        "Bianca Moreira\tOverview and Scrutiny Committee, 5 July "
                                        "2021\n"));
  add (needles, "p", "Normal\tWELWYN HATFIELD BOROUGH COUNCIL", "portrait");
  add (needles, "p", "Heading 1\tCOMMUNITY SAFETY PARTNERSHIP COMMUNITY ENGAGEMENT", "portrait");
  /* Headings in the heading style, each paragraph numbered as in the PDF. */
  for (guint i = 0; i < body->len; i++)
    {
      const char *text = g_ptr_array_index (body, i);
      /* "1.1 …" is a paragraph, "1 …" a section's heading. */
      gboolean paragraph = memchr (text, '.', (gsize) (strchr (text, ' ') - text)) != NULL;
      g_autofree char *styled = g_strconcat (paragraph ? "Normal\t" : "Heading 2\t", text, NULL);

      add (needles, "p", styled, "portrait");
    }
  /* The author block, then Appendix A in landscape: the header row
   * repeated on each page, no row split across pages. */
  add (needles, "table", "3\tFalse\tFalse\tTrue\tName of author", "portrait");
  add (needles, "p",
       "Heading 2\tAppendix A – Community engagement activities, 1 June 2020 to 31 May 2021",
       "landscape");
  add (needles, "table", appendix_table, "landscape");
  add (needles, "p", "Heading 2\tAppendix B – Trends, 1 June 2020 to 31 May 2021", "portrait");
  /* The charts as pictures with their alternative text. */
  charts = csp_report_charts_new (fixture->sample.database, fixture->sample.content, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < charts->len; i++)
    {
      g_autofree char *alt = csp_chart_dup_alt_text (g_ptr_array_index (charts, i));
      add (needles, "image", alt, "portrait");
    }
  report_text_assert_in_order (out, needles);
}

static void
test_structure (Fixture *fixture, gconstpointer user_data)
{
  if (python_docx () == NULL)
    return;
  assert_body (fixture, fixture->docx);
}

static void
test_template (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *template_path =
      g_build_filename (fixture->sample.dir, "council.dotx.docx", NULL);
  g_autofree char *output = g_build_filename (fixture->sample.dir, "templated.docx", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  const char *python = python_docx ();

  if (python == NULL)
    return;
  g_free (run_python (python, make_template, template_path));
  g_assert_true (csp_report_docx_export (fixture->sample.database, fixture->sample.content,
                                         template_path, output, &error));
  g_assert_no_error (error);
  assert_body (fixture, output);
  out = run_python (python, read_docx, output);
  /* The template's heading style, and its header on every section. */
  g_assert_nonnull (strstr (out, "heading-1-size\t20.0\n"));
  g_assert_nonnull (strstr (out, "header\tExample Council - Democratic Services\n"
                                 "header\tExample Council - Democratic Services\n"
                                 "header\tExample Council - Democratic Services\n"));
  g_assert_null (strstr (out, "The template says this"));
}

/* LibreOffice reads the same headings and paragraphs, in the same order,
 * as the PDF we make. */
static void
test_libreoffice (Fixture *fixture, gconstpointer user_data)
{
  g_free (report_text_assert_office_reads_as_pdf (&fixture->sample, fixture->docx));
}

/* Text that is markup elsewhere, quotes and characters XML cannot hold,
 * in every field: escaped, never markup, and read back as written. */
static void
test_escaping (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspReportContent) content = report_fixture_content (3, 1);
  g_autoptr (GPtrArray) blocks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->sample.dir, "escaped.docx", NULL);
  g_autofree char *out = NULL;
  const char *hostile = "Fish & Chips <w:t>not XML</w:t> \"quoted\" 'single' ]]> <i>x</i>";
  CspReportPdfInfo info = { .title = hostile, .author = "O'Brien & Co", .subject = "<s>" };
  const char *python = python_docx ();

  if (python == NULL)
    return;
  csp_report_content_append_section (content, hostile, "Before\001after & <b>then</b>.");
  blocks = csp_report_blocks_from_content (content, NULL);
  g_assert_true (csp_report_docx_write (blocks, &info, NULL, path, &error));
  g_assert_no_error (error);
  out = run_python (python, read_docx, path);
  g_assert_nonnull (strstr (out, "core\tFish & Chips <w:t>not XML</w:t> \"quoted\" 'single' ]]> "
                                 "<i>x</i>\tO'Brien & Co\t<s>\n"));
  g_assert_nonnull (strstr (out, "p\tHeading 2\t4 Fish & Chips <w:t>not XML</w:t>"));
  g_assert_nonnull (strstr (out, "p\tNormal\t4.1 Beforeafter & <b>then</b>.\tportrait\n"));
}

/* A section's formatting as Word keeps it: bold, italic and superscript
 * runs, and list items indented under their paragraph. */
static void
test_formatting (Fixture *fixture, gconstpointer user_data)
{
  static const char read_runs[] =
      "import sys, docx\n"
      "for p in docx.Document(sys.argv[1]).paragraphs:\n"
      "    runs = ['%s:%s%s%s' % (r.text, 'b' if r.bold else '', 'i' if r.italic else '',\n"
      "            's' if r.font.superscript else '') for r in p.runs]\n"
      "    print('|'.join(runs), p.paragraph_format.left_indent or 0)\n";
  g_autoptr (CspReportContent) content = report_fixture_content (3, 1);
  g_autoptr (GPtrArray) blocks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->sample.dir, "formatted.docx", NULL);
  g_autofree char *out = NULL;
  CspReportPdfInfo info = { .title = "Formatting" };
  const char *python = python_docx ();

  if (python == NULL)
    return;
  csp_report_content_append_section (content, "Next steps",
                                     "At the **RAG** meeting on the 8^th^:\n- to meet *weekly*\n"
                                     "2. numbered\x01");
  blocks = csp_report_blocks_from_content (content, NULL);
  g_assert_true (csp_report_docx_write (blocks, &info, NULL, path, &error));
  g_assert_no_error (error);
  out = run_python (python, read_runs, path);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "4.1:|\t:|At the :|RAG:b| meeting on the 8:|th:s|:: 461010\n"
                                 "•:|\t:|to meet :|weekly:i 712470\n"
                                 "2.:|\t:|numbered: 712470\n"));
}

static void
test_errors (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *missing =
      g_build_filename (fixture->sample.dir, "no-such-folder", "r.docx", NULL);
  g_autofree char *not_word = g_build_filename (fixture->sample.dir, "not-word.docx", NULL);
  g_autofree char *output = g_build_filename (fixture->sample.dir, "out.docx", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (csp_report_docx_export (fixture->sample.database, fixture->sample.content, NULL,
                                          missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  /* A template that is no Word file is refused, naming it, and nothing is written. */
  g_assert_true (g_file_set_contents (not_word, "PK\003\004 but not really", -1, NULL));
  g_assert_false (csp_report_docx_export (fixture->sample.database, fixture->sample.content,
                                          not_word, output, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "not-word.docx"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Any Word document serves as a template: the report's own, here. */
  g_assert_true (csp_report_docx_export (fixture->sample.database, fixture->sample.content,
                                         fixture->docx, output, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (output, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

  g_test_add ("/report/docx/structure", Fixture, NULL, fixture_set_up, test_structure,
              fixture_tear_down);
  g_test_add ("/report/docx/template", Fixture, NULL, fixture_set_up, test_template,
              fixture_tear_down);
  g_test_add ("/report/docx/libreoffice", Fixture, NULL, fixture_set_up, test_libreoffice,
              fixture_tear_down);
  g_test_add ("/report/docx/escaping", Fixture, NULL, fixture_set_up, test_escaping,
              fixture_tear_down);
  g_test_add ("/report/docx/formatting", Fixture, NULL, fixture_set_up, test_formatting,
              fixture_tear_down);
  g_test_add ("/report/docx/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  return g_test_run ();
}

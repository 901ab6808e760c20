/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-report-odt"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "csp-chart-alt.h"
#include "csp-report-odt.h"
#include "report-fixtures.h"
#include "report-text.h"
#include "test-engine.h"
#include "test-tools.h"

/* The sample report as an OpenDocument Text file, read back as a council
 * on LibreOffice would: python3's zipfile and ElementTree read the package
 * and its parts (xmllint checks each is well-formed), LibreOffice
 * ($SOFFICE, headless) turns it into a PDF whose text must read as ours. */

/* The package: "first" with the first entry's name, whether it is stored
 * and what it holds; "unlisted" and "missing" for each part the manifest
 * leaves out or names without its being there, "listed" for each it
 * names, with its type; "part" for each XML part,
 * extracted into argv[2]. */
static const char read_package[] =
    "import sys, zipfile, xml.etree.ElementTree as ET\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "first = z.infolist()[0]\n"
    "print('first', first.filename, first.compress_type == zipfile.ZIP_STORED,\n"
    "      first.extra == b'', z.read(first).decode(), sep='\\t')\n"
    "M = '{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}'\n"
    "m = ET.fromstring(z.read('META-INF/manifest.xml'))\n"
    "listed = {e.get(M + 'full-path'): e.get(M + 'media-type') for e in m}\n"
    "for n, t in listed.items(): print('listed', n, t, sep='\\t')\n"
    "for n in z.namelist():\n"
    "    if n not in ('mimetype', 'META-INF/manifest.xml') and n not in listed:\n"
    "        print('unlisted', n, sep='\\t')\n"
    "for n in listed:\n"
    "    if n != '/' and n not in z.namelist(): print('missing', n, sep='\\t')\n"
    "for n in z.namelist():\n"
    "    if n.endswith('.xml'): print('part', z.extract(n, sys.argv[2]), sep='\\t')\n";

/* The document: "meta TITLE INITIAL-CREATOR SUBJECT LANGUAGE", then one
 * line per thing in the body, in order, each with the orientation of its
 * page: "h LEVEL TEXT", "p TEXT" followed by "runs LEFT-MARGIN MARKUP" (its
 * spans as <b>, <i>, <s>), "table HEADER-ROWS ROWS FIRST-CELL", "image
 * PART-THERE TITLE DESC"; before them, "header MASTER-PAGE ORIENTATION
 * TEXT" and "footer …" for each master page. */
static const char read_content[] =
    "import sys, zipfile, xml.etree.ElementTree as ET\n"
    "z = zipfile.ZipFile(sys.argv[1])\n"
    "N = {'office': 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',\n"
    "     'style': 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',\n"
    "     'text': 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',\n"
    "     'table': 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',\n"
    "     'draw': 'urn:oasis:names:tc:opendocument:xmlns:drawing:1.0',\n"
    "     'fo': 'urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0',\n"
    "     'svg': 'urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0',\n"
    "     'xlink': 'http://www.w3.org/1999/xlink',\n"
    "     'meta': 'urn:oasis:names:tc:opendocument:xmlns:meta:1.0',\n"
    "     'dc': 'http://purl.org/dc/elements/1.1/'}\n"
    "def q(name):\n"
    "    p, n = name.split(':')\n"
    "    return '{%s}%s' % (N[p], n)\n"
    "meta = ET.fromstring(z.read('meta.xml')).find(q('office:meta'))\n"
    "print('meta', *[meta.findtext(q(n)) for n in ('dc:title', 'meta:initial-creator',\n"
    "      'dc:subject', 'dc:language')], sep='\\t')\n"
    "styles = ET.fromstring(z.read('styles.xml'))\n"
    "layouts = {l.get(q('style:name')): l.find(q('style:page-layout-properties'))\n"
    "           for l in styles.iter(q('style:page-layout'))}\n"
    "def orientation(layout):\n"
    "    p = layouts[layout]\n"
    "    wide = float(p.get(q('fo:page-width'))[:-2]) > float(p.get(q('fo:page-height'))[:-2])\n"
    "    return p.get(q('style:print-orientation')) if wide == (p.get(q('style:print-orientation'))\n"
    "        == 'landscape') else 'inconsistent'\n"
    "masters = {m.get(q('style:name')): orientation(m.get(q('style:page-layout-name')))\n"
    "           for m in styles.iter(q('style:master-page'))}\n"
    "content = ET.fromstring(z.read('content.xml'))\n"
    "auto = {s.get(q('style:name')): s for s in content.find(q('office:automatic-styles'))}\n"
    "page = [masters['Standard']]\n"
    "def follow(element):\n"
    "    s = auto.get(element.get(q('text:style-name')) or element.get(q('table:style-name')))\n"
    "    if s is not None and s.get(q('style:master-page-name')):\n"
    "        page[0] = masters[s.get(q('style:master-page-name'))]\n"
    "def look(name):\n"
    "    s = auto.get(name)\n"
    "    t = s.find(q('style:text-properties')) if s is not None else None\n"
    "    if t is None: return ''\n"
    "    return (('b' if t.get(q('fo:font-weight')) == 'bold' else '') +\n"
    "            ('i' if t.get(q('fo:font-style')) == 'italic' else '') +\n"
    "            ('s' if (t.get(q('style:text-position')) or '').startswith('super') else ''))\n"
    "def text(e, marked):\n"
    "    out = e.text or ''\n"
    "    for c in e:\n"
    "        if c.tag == q('text:s'): out += ' ' * int(c.get(q('text:c'), '1'))\n"
    "        elif c.tag == q('text:tab'): out += ' '\n"
    "        elif c.tag == q('text:line-break'): out += '\\n'\n"
    "        elif c.tag == q('text:span'):\n"
    "            inner, l = text(c, marked), look(c.get(q('text:style-name')))\n"
    "            out += ''.join('<%s>' % x for x in l) + inner + ''.join('</%s>' % x for x in\n"
    "                reversed(l)) if marked else inner\n"
    "        elif c.tag == q('draw:frame'): pass\n"
    "        elif c.tag == q('text:page-number'): out += '{page}'\n"
    "        elif c.tag == q('text:page-count'): out += '{pages}'\n"
    "        else: out += text(c, marked)\n"
    "        out += c.tail or ''\n"
    "    return out\n"
    "def margin(e):\n"
    "    s = auto.get(e.get(q('text:style-name')))\n"
    "    p = s.find(q('style:paragraph-properties')) if s is not None else None\n"
    "    return p.get(q('fo:margin-left'), '0') if p is not None else '0'\n"
    "for m in styles.iter(q('style:master-page')):\n"
    "    for f in list(m.iter(q('style:header'))) + list(m.iter(q('style:footer'))):\n"
    "        print(f.tag.split('}')[1], m.get(q('style:name')), masters[m.get(q('style:name'))],\n"
    "              text(f, False), sep='\\t')\n"
    "for e in content.find(q('office:body')).find(q('office:text')):\n"
    "    follow(e)\n"
    "    if e.tag == q('text:h'):\n"
    "        print('h', e.get(q('text:outline-level')), text(e, False), page[0], sep='\\t')\n"
    "    elif e.tag == q('text:p'):\n"
    "        for f in e.iter(q('draw:frame')):\n"
    "            href = f.find(q('draw:image')).get(q('xlink:href'))\n"
    "            print('image', href in z.namelist(), f.findtext(q('svg:title')),\n"
    "                  f.findtext(q('svg:desc')), page[0], sep='\\t')\n"
    "        if text(e, False):\n"
    "            print('p', text(e, False), page[0], sep='\\t')\n"
    "            print('runs', margin(e), text(e, True), sep='\\t')\n"
    "    elif e.tag == q('table:table'):\n"
    "        header = e.findall(q('table:table-header-rows') + '/' + q('table:table-row'))\n"
    "        rows = e.findall(q('table:table-row'))\n"
    "        first = (header + rows)[0].find(q('table:table-cell'))\n"
    "        print('table', len(header), len(rows), text(first, False), page[0], sep='\\t')\n";

typedef struct
{
  ReportSample sample;
  char *odt;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  report_sample_open (&fixture->sample, "csp-test-report-odt");
  fixture->odt = g_build_filename (fixture->sample.dir, "report.odt", NULL);
  g_assert_true (csp_report_odt_export (fixture->sample.database, fixture->sample.content,
                                        fixture->odt, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  report_sample_close (&fixture->sample);
  g_free (fixture->odt);
}

/* Returns: (transfer full) (nullable): what @script printed about the
 * package @path; %NULL, the test ended, without python3 */
static char *
run_python (const char *script, const char *path, const char *folder)
{
  g_autofree char *python = NULL;
  g_autofree char *out = NULL;

  if (!report_text_find_tool ("python3", "python3", &python))
    return NULL;
  out = report_text_run ((const char *const[]){ python, "-c", script, path, folder, NULL }, NULL);
  g_test_message ("%s", out);
  return g_steal_pointer (&out);
}

/* The mimetype first and stored, as ODF requires; the manifest lists
 * every part; every XML part is well-formed. */
static void
test_package (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *parts = g_build_filename (fixture->sample.dir, "parts", NULL);
  g_autofree char *out = run_python (read_package, fixture->odt, parts);
  g_auto (GStrv) lines = NULL;
  guint n_parts = 0;

  if (out == NULL)
    return;
  g_assert_true (g_str_has_prefix (
      out, "first\tmimetype\tTrue\tTrue\tapplication/vnd.oasis.opendocument.text\n"
           "listed\t/\tapplication/vnd.oasis.opendocument.text\n"));
  g_assert_null (strstr (out, "unlisted\t"));
  g_assert_null (strstr (out, "missing\t"));
  g_assert_nonnull (strstr (out, "listed\tcontent.xml\ttext/xml\n"));
  g_assert_nonnull (strstr (out, "listed\tPictures/csp-chart-1.png\timage/png\n"));
  if (!report_text_find_tool ("xmllint", "libxml2-utils", NULL))
    return;
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "part\t"))
      {
        g_free (report_text_run ((const char *const[]){ "xmllint", "--noout", lines[i] + 5, NULL },
                                 NULL));
        n_parts++;
      }
  /* content.xml, styles.xml, meta.xml, META-INF/manifest.xml */
  g_assert_cmpuint (n_parts, ==, 4);
}

static void
add (GPtrArray *needles, const char *kind, const char *text, const char *orientation)
{
  g_ptr_array_add (needles, g_strdup_printf ("%s\t%s\t%s\n", kind, text, orientation));
}

/* Headings with outline levels, paragraphs numbered as in the PDF, the
 * author block, Appendix A on landscape pages with its header row
 * repeated and a row per activity, the charts as pictures with their
 * title and alternative text, the metadata. */
static void
test_structure (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GPtrArray) needles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) body = report_text_body_needles (fixture->sample.content);
  g_autoptr (GPtrArray) charts = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = run_python (read_content, fixture->odt, NULL);
  g_autofree char *rows = NULL;
  g_auto (GStrv) level_2 = NULL;

  if (out == NULL)
    return;
  g_assert_true (g_str_has_prefix (out, "meta\tCommunity Safety Partnership Community Engagement\t"
                                        "Bianca Moreira\tOverview and Scrutiny Committee, 5 July "
                                        "2021\ten-GB\n"));
  /* Each page's foot, and its head but the first's, say what the PDF's do. */
  g_assert_nonnull (strstr (out, "footer\tFirst_20_Page\tportrait\tCommunity Safety Partnership "
                                 "Community Engagement Page {page} of {pages}\n"
                                 "header\tStandard\tportrait\tWelwyn Hatfield Borough Council\n"
                                 "footer\tStandard\tportrait\tCommunity Safety Partnership "
                                 "Community Engagement Page {page} of {pages}\n"
                                 "header\tLandscape\tlandscape\tWelwyn Hatfield Borough Council\n"
                                 "footer\tLandscape\tlandscape\tCommunity Safety Partnership "
                                 "Community Engagement Page {page} of {pages}\n"));
  add (needles, "p", "WELWYN HATFIELD BOROUGH COUNCIL", "portrait");
  add (needles, "h", "1\tCOMMUNITY SAFETY PARTNERSHIP COMMUNITY ENGAGEMENT", "portrait");
  for (guint i = 0; i < body->len; i++)
    {
      const char *text = g_ptr_array_index (body, i);
      /* "1.1 …" is a paragraph, "1 …" a section's heading. */
      gboolean paragraph = memchr (text, '.', (gsize) (strchr (text, ' ') - text)) != NULL;
      g_autofree char *heading = g_strconcat ("2\t", text, NULL);

      add (needles, paragraph ? "p" : "h", paragraph ? text : heading, "portrait");
    }
  add (needles, "table", "0\t3\tName of author", "portrait");
  add (needles, "h", "2\tAppendix A – Community engagement activities, 1 June 2020 to 31 May 2021",
       "landscape");
  rows = g_strdup_printf ("1\t%u\tDate", fixture->sample.content->rows->len);
  add (needles, "table", rows, "landscape");
  add (needles, "h", "2\tAppendix B – Trends, 1 June 2020 to 31 May 2021", "portrait");
  charts = csp_report_charts_new (fixture->sample.database, fixture->sample.content, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (charts->len, >, 0);
  for (guint i = 0; i < charts->len; i++)
    {
      CspChart *chart = g_ptr_array_index (charts, i);
      g_autofree char *alt = csp_chart_dup_alt_text (chart);
      g_autofree char *image = g_strdup_printf ("True\t%s\t%s", csp_chart_get_title (chart), alt);

      add (needles, "image", image, "portrait");
    }
  report_text_assert_in_order (out, needles);
  /* Only the sections and appendices are headings below the title. */
  level_2 = g_strsplit (out, "\nh\t2\t", -1);
  g_assert_cmpuint (g_strv_length (level_2) - 1, ==, fixture->sample.content->sections->len + 2);
}

/* LibreOffice reads what our PDF says, in the same order, and its
 * Navigator's headings (as bookmarks of the PDF it makes) are the title
 * with the sections and appendices under it. */
static void
test_libreoffice (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *pdf = report_text_assert_office_reads_as_pdf (&fixture->sample, fixture->odt);
  g_autoptr (GPtrArray) needles = g_ptr_array_new_with_free_func (g_free);
  const CspReportContent *content = fixture->sample.content;
  g_autofree char *outline = NULL;

  if (pdf == NULL || !report_text_find_tool ("mutool", "mupdf-tools", NULL))
    return;
  outline = report_text_run ((const char *const[]){ "mutool", "show", pdf, "outline", NULL }, NULL);
  g_test_message ("%s", outline);
  g_ptr_array_add (needles, g_strdup ("-\t\"COMMUNITY SAFETY PARTNERSHIP COMMUNITY ENGAGEMENT\""));
  for (guint i = 0; i < content->sections->len; i++)
    {
      const CspReportSectionContent *section = g_ptr_array_index (content->sections, i);
      g_ptr_array_add (needles, g_strdup_printf ("|\t\t\"%u %s\"", i + 1, section->heading));
    }
  g_ptr_array_add (needles, g_strdup ("|\t\t\"Appendix A – Community engagement activities"));
  g_ptr_array_add (needles, g_strdup ("|\t\t\"Appendix B – Trends"));
  report_text_assert_in_order (outline, needles);
}

/* A section's formatting as spans, list items indented under their
 * paragraph with their markers; text that is markup elsewhere, runs of
 * spaces and characters XML cannot hold, read back as written; a page
 * break's page style keeping its paragraph's look. */
static void
test_formatting (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspReportContent) content = report_fixture_content (3, 1);
  g_autoptr (GPtrArray) blocks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->sample.dir, "formatted.odt", NULL);
  g_autofree char *out = NULL;
  const char *hostile = "Fish & Chips  <text:p>not XML</text:p> \"quoted\" ]]>";
  CspReportPdfInfo info = { .title = hostile, .author = "O'Brien & Co", .subject = "<s>" };

  csp_report_content_append_section (content, hostile,
                                     "At the **RAG** meeting on the 8^th^:\n- to meet *weekly*\n"
                                     "2. numbered\x01 & <b>not bold</b>");
  blocks = csp_report_blocks_from_content (content, NULL);
  /* A paragraph that starts landscape pages keeps its look. */
  g_ptr_array_add (blocks, csp_report_block_new_page_break (CSP_REPORT_LANDSCAPE));
  g_ptr_array_add (blocks, csp_report_block_new_paragraph ("9.9", "After a break"));
  g_assert_true (csp_report_odt_write (blocks, &info, "Example Council", path, &error));
  g_assert_no_error (error);
  out = run_python (read_content, path, NULL);
  if (out == NULL)
    return;
  g_assert_true (g_str_has_prefix (out, "meta\tFish & Chips  <text:p>not XML</text:p> \"quoted\" "
                                        "]]>\tO'Brien & Co\t<s>\ten-GB\n"));
  g_assert_nonnull (strstr (out, "h\t2\t4 Fish & Chips  <text:p>not XML</text:p> \"quoted\" ]]>"
                                 "\tportrait\n"));
  g_assert_nonnull (strstr (out, "runs\t36.3pt\t4.1 At the <b>RAG</b> meeting on the 8<s>th</s>:\n"
                                 "p\t• to meet weekly\tportrait\n"
                                 "runs\t56.1pt\t• to meet <i>weekly</i>\n"
                                 "p\t2. numbered & <b>not bold</b>\tportrait\n"
                                 "runs\t56.1pt\t2. numbered & <b>not bold</b>\n"));
  g_assert_true (g_str_has_suffix (out, "p\t9.9 After a break\tlandscape\n"
                                        "runs\t36.3pt\t9.9 After a break\n"));
}

static void
test_errors (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *missing =
      g_build_filename (fixture->sample.dir, "no-such-folder", "r.odt", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_false (
      csp_report_odt_export (fixture->sample.database, fixture->sample.content, missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

  g_test_add ("/report/odt/package", Fixture, NULL, fixture_set_up, test_package,
              fixture_tear_down);
  g_test_add ("/report/odt/structure", Fixture, NULL, fixture_set_up, test_structure,
              fixture_tear_down);
  g_test_add ("/report/odt/libreoffice", Fixture, NULL, fixture_set_up, test_libreoffice,
              fixture_tear_down);
  g_test_add ("/report/odt/formatting", Fixture, NULL, fixture_set_up, test_formatting,
              fixture_tear_down);
  g_test_add ("/report/odt/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  return g_test_run ();
}

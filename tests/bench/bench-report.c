/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-report"

#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-build.h"
#include "csp-report-docx.h"
#include "csp-report-pdf.h"
#include "report-fixtures.h"
#include "test-folder.h"

/* The committee report with a 1,000-activity appendix and the four trend
 * charts, exported to PDF (from the database: content, charts, layout,
 * PDF, file) and to a Word document (content, charts as pictures, DOCX),
 * each beside LibreOffice converting a CSV of the same 1,000 rows to that
 * format, start-up included, as a user would run it. Each side's figure
 * is the median of its runs; LibreOffice's first run, which makes its
 * profile (once for a user), is shown but not counted. The target is ten
 * times faster than LibreOffice. */

#define N_ACTIVITIES 1000
#define N_RUNS 5
#define N_OFFICE_RUNS 3

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @times. */
static double
median (double *times, guint n)
{
  qsort (times, n, sizeof (double), compare_doubles);
  return times[n / 2];
}

static void
append_csv_field (GString *csv, const char *text)
{
  g_string_append_c (csv, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *c);
    }
  g_string_append_c (csv, '"');
}

static char *
write_csv (const CspReportContent *content, const char *dir)
{
  g_autoptr (GString) csv = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (dir, "activities.csv", NULL);

  for (guint c = 0; c < CSP_REPORT_N_COLUMNS; c++)
    {
      if (c > 0)
        g_string_append_c (csv, ',');
      append_csv_field (csv, csp_report_column_get_title (c));
    }
  g_string_append_c (csv, '\n');
  for (guint i = 0; i < content->rows->len; i++)
    {
      const CspReportRow *row = g_ptr_array_index (content->rows, i);

      for (guint c = 0; c < CSP_REPORT_N_COLUMNS; c++)
        {
          if (c > 0)
            g_string_append_c (csv, ',');
          append_csv_field (csv, row->cells[c]);
        }
      g_string_append_c (csv, '\n');
    }
  if (!g_file_set_contents (path, csv->str, (gssize) csv->len, &error))
    g_error ("%s", error->message);
  return path;
}

/* Returns the seconds soffice took to turn @csv into a @format file
 * ("pdf", "docx"), or a negative number on failure. */
static double
run_office (const char *soffice, const char *dir, const char *csv, const char *format)
{
  g_autofree char *profile = g_build_filename (dir, "office-profile", NULL);
  g_autofree char *profile_uri = g_filename_to_uri (profile, NULL, NULL);
  g_autofree char *installation = g_strconcat ("-env:UserInstallation=", profile_uri, NULL);
  g_autofree char *outdir = g_build_filename (dir, "office", NULL);
  g_autofree char *name = g_strconcat ("activities.", format, NULL);
  g_autofree char *output = g_build_filename (outdir, name, NULL);
  /* Calc cannot write Word: the CSV goes through Writer, as a table. */
  g_autofree char *filter =
      g_str_equal (format, "docx") ? g_strdup ("docx:MS Word 2007 XML") : g_strdup (format);
  const char *argv[] = {
    soffice,
    "--headless",
    installation,
    g_str_equal (format, "docx") ? "--writer" : "--calc",
    "--convert-to",
    filter,
    "--outdir",
    outdir,
    csv,
    NULL,
  };
  g_autoptr (GError) error = NULL;
  gint64 start;
  int status = 0;

  g_remove (output);
  start = g_get_monotonic_time ();
  if (!g_spawn_sync (dir, (char **) argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                     NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, &error) || !g_file_test (output, G_FILE_TEST_EXISTS))
    {
      g_printerr ("LibreOffice failed: %s\n", error != NULL ? error->message : "nothing written");
      return -1;
    }
  return (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
}

/* Fills @times with LibreOffice's runs after the one that makes its
 * profile. Returns whether they all worked. */
static gboolean
time_office (const char *soffice, const char *dir, const char *csv, const char *format,
             double *times)
{
  if (run_office (soffice, dir, csv, format) < 0)
    return FALSE;
  for (guint i = 0; i < N_OFFICE_RUNS; i++)
    {
      times[i] = run_office (soffice, dir, csv, format);
      if (times[i] < 0)
        return FALSE;
    }
  return TRUE;
}

typedef gboolean (*ExportFunc) (CspDatabase *database, const CspReportContent *content,
                                const char *path, GError **error);

static gboolean
export_pdf (CspDatabase *database, const CspReportContent *content, const char *path,
            GError **error)
{
  return csp_report_pdf_export (database, content, path, NULL, error);
}

static gboolean
export_docx (CspDatabase *database, const CspReportContent *content, const char *path,
             GError **error)
{
  return csp_report_docx_export (database, content, NULL, path, error);
}

/* The report to @format (from the database: content, charts, file),
 * beside LibreOffice turning @csv into the same format. */
static void
compare (CspDatabase *database, const char *dir, const char *csv, const char *soffice,
         const char *format, ExportFunc export)
{
  g_autofree char *name = g_strconcat ("report.", format, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GError) error = NULL;
  double times[N_RUNS];
  double office_times[N_OFFICE_RUNS];
  double ours, office;
  GStatBuf info = { 0 };

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr (CspReportContent) content = NULL;
      gint64 start = g_get_monotonic_time ();

      content = csp_report_content_load (database, 0, NULL, NULL, &error);
      if (content == NULL || !export(database, content, path, &error))
        g_error ("%s", error->message);
      times[i] = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;
    }
  ours = median (times, N_RUNS);
  g_stat (path, &info);

  g_print ("Committee report, %d-activity appendix and 4 charts, to %s\n", N_ACTIVITIES, format);
  g_print (
      "  CSP Engage:  %8.3f s  (median of %d; fastest %.3f s, slowest %.3f s; %" G_GINT64_FORMAT
      " KiB)\n",
      ours, N_RUNS, times[0], times[N_RUNS - 1], (gint64) info.st_size / 1024);
  if (soffice == NULL)
    g_print ("  LibreOffice: not installed: not measured\n");
  else if (time_office (soffice, dir, csv, format, office_times))
    {
      office = median (office_times, N_OFFICE_RUNS);
      g_print ("  LibreOffice: %8.3f s  (median of %d; fastest %.3f s, slowest %.3f s; soffice "
               "--headless --convert-to %s, the same %d rows as CSV, after a run that made "
               "its profile)\n",
               office, N_OFFICE_RUNS, office_times[0], office_times[N_OFFICE_RUNS - 1], format,
               N_ACTIVITIES);
      g_print ("  Ratio:       %8.1f× faster than LibreOffice (target: 10×) %s\n", office / ours,
               office / ours >= 10 ? "PASS" : "MISSED");
    }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspReportContent) content = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *soffice = NULL;

  setlocale (LC_ALL, "C.UTF-8");
  bench_build_print ();
  dir = test_folder_new ("csp-bench-report");
  database = report_fixture_open_sample (dir, &error);
  g_assert_no_error (error);
  if (!report_fixture_replace_activities (database, N_ACTIVITIES, &error))
    g_error ("%s", error->message);

  content = csp_report_content_load (database, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (content->rows->len, ==, N_ACTIVITIES);
  g_assert_cmpuint (content->charts->len, ==, 4);
  csv = write_csv (content, dir);
  soffice = g_find_program_in_path ("soffice");

  compare (database, dir, csv, soffice, "pdf", export_pdf);
  compare (database, dir, csv, soffice, "docx", export_docx);

  test_folder_remove (dir);
  return 0;
}

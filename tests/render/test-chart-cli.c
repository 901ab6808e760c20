/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-chart-cli"

#include "config.h"

#include <cairo.h>
#include <locale.h>
#include <string.h>

#include "csp-csv-reader.h"
#include "csp-records.h"
#include "csp-sample.h"
#include "csp-store.h"
#include "test-cli-run.h"
#include "test-engine.h"
#include "test-folder.h"

/* `csp-engage-cli chart KIND --table` run as a person would (its path in
 * $CSP_CLI), on the sample partnership with one July 2021 figure typed in
 * for Twitter ahead of the others, and the CSV it writes read back with
 * the importer's own reader. */

/* The sample's Twitter reach metric. */
#define TWITTER_REACH 2

typedef struct
{
  char *dir;
  char *location;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspRecord) early = csp_record_new (CSP_TYPE_METRIC_VALUE);

  if (g_getenv ("CSP_CLI") == NULL)
    {
      g_test_skip ("CSP_CLI is not set: run through meson test");
      return;
    }
  fixture->dir = test_folder_new ("csp-test-chart-cli");
  fixture->location = test_engine_new_location (fixture->dir, "sample.db");
  database = csp_database_open (fixture->location, &error);
  g_assert_no_error (error);
  store = csp_store_new (database);
  g_assert_true (csp_sample_load (store, &error));
  g_assert_no_error (error);
  csp_record_set_int (early, "metric_id", TWITTER_REACH);
  csp_record_set_string (early, "month", "2021-07");
  csp_record_set_int (early, "value", 41250);
  g_assert_true (csp_store_insert (store, early, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  if (fixture->location != NULL)
    test_engine_drop_location (fixture->location);
  if (fixture->dir != NULL)
    test_folder_remove (fixture->dir);
  g_free (fixture->location);
  g_free (fixture->dir);
}

/* Runs `chart` with @args (NULL-terminated) on the fixture's database. */
static void
run_chart (Fixture *fixture, TestCliRun *run, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (GStrv) env = test_cli_environ_at_home (fixture->dir, fixture->dir);

  g_ptr_array_add (argv, "--database");
  g_ptr_array_add (argv, fixture->location);
  g_ptr_array_add (argv, "chart");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  test_cli_run (run, fixture->dir, env, (const char *const *) argv->pdata);
}

/* The CSV file's rows, the header first, each a NULL-terminated array. */
static GPtrArray *
read_csv (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (CspCsvReader) reader = csp_csv_reader_new_for_file (file, ',', NULL, &error);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  gboolean has_row = TRUE;

  g_assert_no_error (error);
  /* A byte order mark, as the CSV exports write for Excel. */
  g_assert_true (csp_csv_reader_get_has_bom (reader));
  g_ptr_array_add (rows, g_strdupv ((char **) csp_csv_reader_get_headers (reader)));
  while (csp_csv_reader_read_row (reader, &has_row, &error) && has_row)
    {
      guint n = csp_csv_reader_get_n_columns (reader);
      char **row = g_new0 (char *, n + 1);

      for (guint i = 0; i < n; i++)
        row[i] = g_strdup (csp_csv_reader_get_field (reader, i));
      g_ptr_array_add (rows, row);
    }
  g_assert_no_error (error);
  return rows;
}

static char **
find_row (GPtrArray *rows, const char *first)
{
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);
      if (g_strcmp0 (row[0], first) == 0)
        return row;
    }
  g_error ("no row “%s”", first);
  return NULL;
}

/* `chart KIND --table`, from @from_month if given, and the CSV it wrote. */
static GPtrArray *
write_table (Fixture *fixture, const char *kind, const char *from_month)
{
  g_auto (TestCliRun) run = { 0 };
  g_autofree char *name = g_strconcat (kind, ".csv", NULL);
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  const char *args[] = { kind,       "--table", "-o", path, from_month != NULL ? "--from" : NULL,
                         from_month, NULL };

  run_chart (fixture, &run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, path));
  return read_csv (path);
}

/* The month only Twitter has a figure for is an empty field for
 * Facebook, never 0; the totals row adds the figures there are. */
static void
test_reach_table (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GPtrArray) rows = NULL;
  const char *const *header;
  char **june, **july, **total;
  gint64 twitter_total = 0;

  if (fixture->dir == NULL)
    return;
  rows = write_table (fixture, "reach-trend", "2021-01");
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (header[0], ==, "Month");
  g_assert_cmpstr (header[1], ==, "Welwyn Hatfield CSP Twitter");
  g_assert_cmpstr (header[2], ==, "Welwyn Hatfield CSP Facebook");
  /* Jan to Jul 2021, then the totals. */
  g_assert_cmpuint (rows->len, ==, 1 + 7 + 1);
  june = find_row (rows, "Jun 2021");
  g_assert_cmpstr (june[2], !=, "");
  july = find_row (rows, "Jul 2021");
  g_assert_cmpstr (july[1], ==, "41250");
  g_assert_cmpstr (july[2], ==, "");

  total = g_ptr_array_index (rows, rows->len - 1);
  g_assert_cmpstr (total[0], ==, "Total");
  for (guint i = 1; i + 1 < rows->len; i++)
    twitter_total += g_ascii_strtoll (((char **) g_ptr_array_index (rows, i))[1], NULL, 10);
  g_assert_cmpint (g_ascii_strtoll (total[1], NULL, 10), ==, twitter_total);
}

/* The RAG shares add up to 100, and no empty "Not set" row is listed. */
static void
test_rag_table (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GPtrArray) rows = NULL;
  const char *const *header;
  int shares = 0;

  if (fixture->dir == NULL)
    return;
  rows = write_table (fixture, "rag-status", NULL);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (header[0], ==, "RAG status");
  g_assert_cmpstr (header[2], ==, "Share");
  for (guint i = 1; i + 1 < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      g_assert_cmpstr (row[0], !=, "Not set");
      shares += (int) g_ascii_strtoll (row[2], NULL, 10);
    }
  g_assert_cmpint (shares, ==, 100);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, rows->len - 1))[2], ==, "100%");
}

/* The sample's open risks, a row per cell with its score, the highest
 * first; and the matrix as a PNG of the size asked for. */
static void
test_risk_matrix (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_auto (TestCliRun) run = { 0 };
  g_autofree char *path = NULL;
  const char *const *header;
  char **first, **total;
  cairo_surface_t *image;
  guint risks = 0;

  if (fixture->dir == NULL)
    return;
  rows = write_table (fixture, "risk-matrix", NULL);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (header[0], ==, "Likelihood");
  g_assert_cmpstr (header[1], ==, "Impact");
  g_assert_cmpstr (header[2], ==, "Score");
  g_assert_cmpstr (header[3], ==, "Open risks");
  g_assert_cmpuint (rows->len, ==, 1 + 25 + 1);
  first = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (first[2], ==, "25");
  for (guint i = 1; i + 1 < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      g_assert_cmpint (g_ascii_strtoll (row[0], NULL, 10) * g_ascii_strtoll (row[1], NULL, 10), ==,
                       g_ascii_strtoll (row[2], NULL, 10));
      risks += (guint) g_ascii_strtoll (row[3], NULL, 10);
      g_assert_true ((g_ascii_strtoll (row[3], NULL, 10) == 0) == (row[4][0] == '\0'));
    }
  /* The sample's six risks are open. */
  g_assert_cmpuint (risks, ==, 6);
  total = g_ptr_array_index (rows, rows->len - 1);
  g_assert_cmpstr (total[0], ==, "Total");
  g_assert_cmpstr (total[3], ==, "6");

  path = g_build_filename (fixture->dir, "risks.png", NULL);
  run_chart (fixture, &run,
             (const char *const[]){ "risk-matrix", "--width", "640", "--height", "480", "-o", path,
                                    NULL });
  g_assert_cmpint (run.status, ==, 0);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 480);
  cairo_surface_destroy (image);
}

static void
test_table_needs_csv (Fixture *fixture, gconstpointer user_data)
{
  g_auto (TestCliRun) run = { 0 };
  g_autofree char *path = NULL;

  if (fixture->dir == NULL)
    return;
  path = g_build_filename (fixture->dir, "reach.png", NULL);
  run_chart (fixture, &run, (const char *const[]){ "reach-trend", "--table", "-o", path, NULL });
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, ".csv"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/chart/cli/reach-table", test_reach_table);
  ADD ("/chart/cli/rag-table", test_rag_table);
  ADD ("/chart/cli/risk-matrix", test_risk_matrix);
  ADD ("/chart/cli/table-needs-csv", test_table_needs_csv);
#undef ADD
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-large"

#include "config.h"

#include <string.h>

#include "csp-database.h"
#include "csp-import.h"
#include "csp-sample.h"
#include "csp-store.h"
#include "test-folder.h"

/* 100,000 activities in one file: imported in one transaction, every row
 * validated, imported again without a duplicate, and once more with a few
 * rows changed far apart in the file. */

#define N_ROWS 100000

static const char *const formats[] = { "Webinar", "Street briefing", "Event", "Survey",
                                       "Social media" };
static const char *const modes[] = { "Online", "In person", "Hybrid" };
static const char *const leads[] = { "WHBC", "Herts Police", "HFRS", "Clarion", "" };

/* The file; with @changed_every, every so many rows a reach of 7. */
static GBytes *
make_file (guint changed_every)
{
  GString *text = g_string_new ("Title,Start date,Format,Mode,Lead partner,Supporting partners,"
                                "Participants,Reach,Status,Outcome\r\n");

  for (guint i = 0; i < N_ROWS; i++)
    {
      guint day = 1 + i % 28, month = 1 + (i / 28) % 12, year = 2015 + (i / 336) % 10;
      g_autofree char *reach = changed_every > 0 && i % changed_every == changed_every - 1
                                   ? g_strdup ("7")
                                   : g_strdup_printf ("\"%u,%03u\"", 1 + i % 97, i % 1000);

      g_string_append_printf (text,
                              "Activity %u,%02u/%02u/%04u,%s,%s,%s,%s,%u,%s,delivered,"
                              "\"Outcome of activity %u, with a comma\"\r\n",
                              i, day, month, year, formats[i % G_N_ELEMENTS (formats)],
                              modes[i % G_N_ELEMENTS (modes)], leads[i % G_N_ELEMENTS (leads)],
                              i % 3 == 0 ? "\"WHBC; HFRS\"" : "", i % 500, reach, i);
    }
  return g_string_free_to_bytes (text);
}

static void
test_large (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_folder_new ("csp-test-import-large");
  g_autofree char *path = g_build_filename (dir, "csp-engage.db", NULL);
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (CspStore) store = NULL;
  g_autoptr (CspImport) import = NULL;
  g_autoptr (CspImport) again = NULL;
  g_autoptr (CspImport) changed = NULL;
  g_autoptr (GBytes) contents = make_file (0);
  g_autoptr (GBytes) changed_contents = make_file (9973);
  g_autoptr (CspStatement) count = NULL;
  const CspImportSummary *summary;
  gint64 before = 0, after = 0;
  gint64 start;

  database = csp_database_open (path, &error);
  g_assert_no_error (error);
  store = csp_store_new (database);
  g_assert_true (csp_sample_load (store, &error));
  g_assert_no_error (error);
  g_assert_true (csp_database_count_rows (database, "activity", &before, NULL));

  start = g_get_monotonic_time ();
  import = csp_import_new (store, CSP_IMPORT_ACTIVITIES);
  g_assert_true (csp_import_open_bytes (import, contents, "large.csv", &error));
  g_assert_true (csp_import_write (import, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("imported %d rows in %.2f s", N_ROWS,
                  (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  summary = csp_import_get_summary (import);
  g_assert_cmpuint (summary->n_rows, ==, N_ROWS);
  g_assert_cmpuint (summary->n_inserted, ==, N_ROWS);
  g_assert_cmpuint (summary->n_rejected, ==, 0);
  g_assert_true (csp_database_count_rows (database, "activity", &after, NULL));
  g_assert_cmpint (after, ==, before + N_ROWS);
  g_assert_true (csp_database_count_rows (database, "activity_partner", &after, NULL));
  g_assert_cmpint (after, >=, N_ROWS / 3 * 2);

  /* Again: nothing new. */
  start = g_get_monotonic_time ();
  again = csp_import_new (store, CSP_IMPORT_ACTIVITIES);
  g_assert_true (csp_import_open_bytes (again, contents, "large.csv", &error));
  g_assert_true (csp_import_write (again, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("imported again in %.2f s",
                  (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
  summary = csp_import_get_summary (again);
  g_assert_cmpuint (summary->n_inserted, ==, 0);
  g_assert_cmpuint (summary->n_unchanged, ==, N_ROWS);
  g_assert_true (csp_database_count_rows (database, "activity", &after, NULL));
  g_assert_cmpint (after, ==, before + N_ROWS);

  /* Once more, ten rows changed, some thousands of lines apart. */
  changed = csp_import_new (store, CSP_IMPORT_ACTIVITIES);
  g_assert_true (csp_import_open_bytes (changed, changed_contents, "large.csv", &error));
  g_assert_true (csp_import_write (changed, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  summary = csp_import_get_summary (changed);
  g_assert_cmpuint (summary->n_inserted, ==, 0);
  g_assert_cmpuint (summary->n_updated, ==, N_ROWS / 9973);
  g_assert_cmpuint (summary->n_unchanged, ==, N_ROWS - N_ROWS / 9973);
  count = csp_database_prepare (database,
                                "SELECT count(*), min(title), max(title) FROM activity "
                                "WHERE reach = 7",
                                &error);
  g_assert_no_error (error);
  g_assert_cmpint (csp_statement_step (count, &error), ==, CSP_STEP_ROW);
  g_assert_cmpint (csp_statement_get_int64 (count, 0), ==, N_ROWS / 9973);
  g_assert_cmpstr (csp_statement_get_text (count, 1), ==, "Activity 19945");
  g_assert_cmpstr (csp_statement_get_text (count, 2), ==, "Activity 99729");
  g_clear_pointer (&count, csp_statement_free);

  g_clear_object (&store);
  g_clear_object (&database);
  test_folder_remove (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/large/100000-activities", test_large);
  return g_test_run ();
}

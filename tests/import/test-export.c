/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csp-csv-reader.h"
#include "csp-database.h"
#include "csp-export-csv.h"
#include "csp-export-xlsx.h"
#include "csp-records.h"
#include "csp-sample.h"
#include "csp-store.h"
#include "test-engine.h"
#include "test-folder.h"
#include "test-tools.h"

/* CSV as RFC 4180 has it, neutralised against formula injection, and
 * XLSX with typed cells, a frozen header row and column widths. */
typedef struct
{
  char *dir;
  char *location;
  CspDatabase *database;
  CspStore *store;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  fixture->dir = test_folder_new ("csp-test-export");
  fixture->location = test_engine_new_location (fixture->dir, "csp-engage.db");
  fixture->database = csp_database_open (fixture->location, &error);
  g_assert_no_error (error);
  fixture->store = csp_store_new (fixture->database);
  g_assert_true (csp_sample_load (fixture->store, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->database);
  test_engine_drop_location (fixture->location);
  test_folder_remove (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->location);
}

static char *
field (const char *text)
{
  GString *line = g_string_new (NULL);

  csp_export_csv_append_field (line, text);
  return g_string_free (line, FALSE);
}

static void
test_fields (void)
{
  static const struct
  {
    const char *value;
    const char *written;
  } cases[] = {
    { "plain", "plain" },
    { "", "" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "two\r\nlines", "\"two\r\nlines\"" },
    { "semi;colon", "\"semi;colon\"" },
    { " leading", "\" leading\"" },
    { "trailing ", "\"trailing \"" },
    { "=1+1", "'=1+1" },
    { "+44 1707", "'+44 1707" },
    { "-5", "'-5" },
    { "@SUM(A1:A2)", "'@SUM(A1:A2)" },
    { "\t=1+1", "\"'\t=1+1\"" },
    { "\r=1+1", "\"'\r=1+1\"" },
    { "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
    { "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0" },
    { "a=b", "a=b" },
    { "Café — £5", "Café — £5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *written = field (cases[i].value);
      g_assert_cmpstr (written, ==, cases[i].written);
    }
}

static char *
read_file (const char *path, gsize *length)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* Every line ends in CRLF; a bare LF only inside quotes. */
static void
assert_crlf (const char *text, gsize length)
{
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '"')
        quoted = !quoted;
      else if (text[i] == '\n' && !quoted)
        g_assert_true (i > 0 && text[i - 1] == '\r');
    }
  g_assert_false (quoted);
  g_assert_true (length >= 2 && text[length - 2] == '\r' && text[length - 1] == '\n');
}

static void
test_csv_file (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "activities.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (CspCsvReader) reader = NULL;
  gsize length = 0;
  gboolean has_row = FALSE;
  guint n_rows = 0;
  gint64 n_activities = 0;

  g_assert_true (csp_export_csv (fixture->database, CSP_IMPORT_ACTIVITIES, file,
                                 CSP_EXPORT_CSV_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  contents = read_file (path, &length);
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfTitle,Start date,End date,Format,Mode,"));
  g_assert_nonnull (strstr (contents, ",Include in committee appendix\r\n"));
  assert_crlf (contents + 3, length - 3);

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  reader = csp_csv_reader_new (bytes, path, 0, &error);
  g_assert_no_error (error);
  g_assert_true (csp_csv_reader_get_has_bom (reader));
  g_assert_cmpuint (csp_csv_reader_get_n_columns (reader), ==, 21);
  while (csp_csv_reader_read_row (reader, &has_row, &error) && has_row)
    n_rows++;
  g_assert_no_error (error);
  g_assert_true (csp_database_count_rows (fixture->database, "activity", &n_activities, NULL));
  g_assert_cmpuint (n_rows, ==, (guint) n_activities);
}

static void
test_csv_no_bom (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "metrics.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_set_contents (path, "old contents", -1, NULL));
  g_assert_true (csp_export_csv (fixture->database, CSP_IMPORT_METRICS, file, CSP_EXPORT_CSV_NO_BOM,
                                 NULL, &error));
  g_assert_no_error (error);
  contents = read_file (path, &length);
  g_assert_true (g_str_has_prefix (contents, "Channel,Metric,Kind,Month,Value,Note\r\n"
                                             "Welwyn Hatfield CSP Twitter,Twitter followers,"
                                             "followers,2019-04,2150,\r\n"));
  assert_crlf (contents, length);
}

static void
test_csv_unwritable (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/nonexistent-folder/activities.csv");
  g_autoptr (GError) error = NULL;

  g_assert_false (csp_export_csv (fixture->database, CSP_IMPORT_ACTIONS, file,
                                  CSP_EXPORT_CSV_FLAGS_NONE, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/activities.csv"));
  g_assert_nonnull (strstr (error->message, "folder does not exist"));
}

/* Nothing in @dir but the files named in @names (NULL-terminated): no
 * temporary file of any writer. */
static void
assert_only_files (const char *dir, const char *const *names)
{
  g_autoptr (GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (folder);
  while ((name = g_dir_read_name (folder)) != NULL)
    if (!g_strv_contains (names, name) && !g_str_has_prefix (name, "csp-engage.db"))
      g_error ("%s was left in %s", name, dir);
}

static char *
fingerprint (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *sum = NULL;
  gsize size = 0;
  struct stat st;

  g_assert_true (g_file_get_contents (path, &contents, &size, NULL));
  sum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, size);
  g_assert_no_errno (g_lstat (path, &st));
  return g_strdup_printf ("%s %ld.%09ld", sum, (long) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec);
}

/* `ln -s victim.txt link.csv`, then an export to link.csv (or .xlsx):
 * refused, with a message saying why; the victim is never changed and the
 * link stays as it was. */
static void
test_symlink (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *victim = g_build_filename (fixture->dir, "victim.txt", NULL);
  g_autofree char *csv = g_build_filename (fixture->dir, "link.csv", NULL);
  g_autofree char *xlsx = g_build_filename (fixture->dir, "link.xlsx", NULL);
  g_autoptr (GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr (CspExportTable) table = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *before = NULL;

  g_assert_true (g_file_set_contents (victim, "notes that must survive\n", -1, NULL));
  before = fingerprint (victim);
  g_assert_no_errno (symlink ("victim.txt", csv));
  g_assert_no_errno (symlink ("victim.txt", xlsx));

  g_assert_false (csp_export_csv (fixture->database, CSP_IMPORT_ACTIVITIES, csv_file,
                                  CSP_EXPORT_CSV_FLAGS_NONE, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP);
  g_assert_nonnull (strstr (error->message, csv));
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  g_clear_error (&error);

  g_assert_false (csp_export_xlsx (fixture->database, xlsx, NULL, NULL, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP);
  g_assert_nonnull (strstr (error->message, xlsx));
  g_clear_error (&error);

  table = csp_export_table_new (fixture->database, CSP_IMPORT_METRICS, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (csp_export_xlsx_table (table, xlsx, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP);
  g_clear_error (&error);

  {
    g_autofree char *after = fingerprint (victim);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_true (g_file_test (csv, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_SYMLINK));
  assert_only_files (fixture->dir,
                     (const char *const[]){ "victim.txt", "link.csv", "link.xlsx", NULL });
}

/* An export that fails halfway (here, cancelled) keeps the old file and
 * leaves nothing beside it; a finished one keeps the old file's mode. */
static void
test_failure_keeps_old (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *csv = g_build_filename (fixture->dir, "activities.csv", NULL);
  g_autofree char *xlsx = g_build_filename (fixture->dir, "lists.xlsx", NULL);
  g_autoptr (GFile) csv_file = g_file_new_for_path (csv);
  g_autoptr (GCancellable) cancelled = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *csv_before = NULL;
  g_autofree char *xlsx_before = NULL;
  struct stat st;

  g_assert_true (g_file_set_contents (csv, "old csv", -1, NULL));
  g_assert_true (g_file_set_contents (xlsx, "old workbook", -1, NULL));
  g_assert_no_errno (g_chmod (csv, 0640));
  csv_before = fingerprint (csv);
  xlsx_before = fingerprint (xlsx);
  g_cancellable_cancel (cancelled);

  g_assert_false (csp_export_csv (fixture->database, CSP_IMPORT_ACTIVITIES, csv_file,
                                  CSP_EXPORT_CSV_FLAGS_NONE, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (csp_export_xlsx (fixture->database, xlsx, NULL, NULL, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  {
    g_autofree char *csv_after = fingerprint (csv);
    g_autofree char *xlsx_after = fingerprint (xlsx);
    g_assert_cmpstr (csv_after, ==, csv_before);
    g_assert_cmpstr (xlsx_after, ==, xlsx_before);
  }
  assert_only_files (fixture->dir, (const char *const[]){ "activities.csv", "lists.xlsx", NULL });

  g_assert_true (csp_export_csv (fixture->database, CSP_IMPORT_ACTIVITIES, csv_file,
                                 CSP_EXPORT_CSV_FLAGS_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_no_errno (g_stat (csv, &st));
  g_assert_cmpuint (st.st_mode & 0777, ==, 0640);
  assert_only_files (fixture->dir, (const char *const[]){ "activities.csv", "lists.xlsx", NULL });
}

/* A full disk (/dev/full) fails the export with the file's name and why. */
static void
test_csv_disk_full (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GFile) file = g_file_new_for_path ("/dev/full");
  g_autoptr (CspExportTable) table = NULL;
  g_autoptr (GOutputStream) stream = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      test_tools_missing ("no /dev/full here");
      return;
    }
  table = csp_export_table_new (fixture->database, CSP_IMPORT_ACTIVITIES, NULL, &error);
  g_assert_no_error (error);
  stream = G_OUTPUT_STREAM (g_file_append_to (file, G_FILE_CREATE_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (
      csp_export_csv_write_table (table, stream, CSP_EXPORT_CSV_FLAGS_NONE, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
}

/* The cells of one list: typed, references by name, supporting partners
 * joined by "; ". */
static void
test_table_cells (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspExportTable) table =
      csp_export_table_new (fixture->database, CSP_IMPORT_ACTIVITIES, NULL, &error);
  g_autoptr (CspExportTable) partners = NULL;
  gboolean has_row = FALSE;

  g_assert_no_error (error);
  g_assert_cmpstr (csp_export_table_get_title (table), ==, "Activities");
  g_assert_cmpstr (csp_export_table_get_header (table, 1), ==, "Start date");
  g_assert_cmpint (csp_export_table_get_column_type (table, 1), ==, CSP_EXPORT_CELL_DATE);
  g_assert_cmpint (csp_export_table_get_column_type (table, 14), ==, CSP_EXPORT_CELL_NUMBER);
  g_assert_cmpint (csp_export_table_get_column_type (table, 20), ==, CSP_EXPORT_CELL_BOOL);
  g_assert_true (csp_export_table_next (table, &has_row, &error));
  g_assert_true (has_row);
  g_assert_cmpstr (csp_export_table_get_cell (table, 0)->text, ==,
                   "Domestic abuse 'You are not alone' lockdown campaign");
  g_assert_cmpint (csp_export_table_get_cell (table, 1)->type, ==, CSP_EXPORT_CELL_DATE);
  g_assert_cmpstr (csp_export_table_get_cell (table, 1)->text, ==, "2020-04-06");
  g_assert_cmpstr (csp_export_table_get_cell (table, 8)->text, ==,
                   "Welwyn Hatfield Borough Council");
  g_assert_cmpstr (csp_export_table_get_cell (table, 9)->text, ==,
                   "Hertfordshire Constabulary; Hertfordshire County Council; Welwyn Hatfield "
                   "Women's Refuge");
  g_assert_cmpstr (csp_export_table_get_cell (table, 10)->text, ==, "Action Plan 2020-21");
  g_assert_cmpint (csp_export_table_get_cell (table, 14)->type, ==, CSP_EXPORT_CELL_EMPTY);
  g_assert_cmpint (csp_export_table_get_cell (table, 15)->type, ==, CSP_EXPORT_CELL_NUMBER);
  g_assert_cmpint (csp_export_table_get_cell (table, 15)->number, ==, 18400);
  g_assert_cmpint (csp_export_table_get_cell (table, 20)->number, ==, 1);

  partners = csp_export_table_new_for_type (fixture->database, CSP_TYPE_PARTNER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csp_export_table_get_title (partners), ==, "Partners");
  g_assert_true (csp_export_table_next (partners, &has_row, &error));
  g_assert_cmpstr (csp_export_table_get_cell (partners, 0)->text, ==,
                   "Welwyn Hatfield Borough Council");
}

/* An entry of the XLSX zip, through Python's zipfile (python3 is a build
 * dependency); NULL when Python is missing. */
static char *
xlsx_entry (const char *path, const char *entry)
{
  const char *argv[] = {
    "python3",
    "-c",
    "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2])"
    ".decode())",
    path,
    entry,
    NULL,
  };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    return NULL;
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
add_activity (Fixture *fixture, const char *title)
{
  g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);
  g_autoptr (GError) error = NULL;

  csp_record_set_string (activity, "title", title);
  csp_record_set_string (activity, "start_date", "1999-01-01");
  csp_record_set_string (activity, "format", "other");
  csp_record_set_string (activity, "mode", "online");
  csp_record_set_string (activity, "status", "planned");
  g_assert_true (csp_store_insert (fixture->store, activity, &error));
  g_assert_no_error (error);
}

static void
test_xlsx (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "lists.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *styles = NULL;
  g_autofree char *partners = NULL;

  add_activity (fixture, "=1+1");
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (
      csp_export_xlsx (fixture->database, path, (CspExportProgressFunc) NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  workbook = xlsx_entry (path, "xl/workbook.xml");
  if (workbook == NULL)
    {
      test_tools_missing ("python3 is needed to look inside the workbook");
      return;
    }
  for (guint i = 0; i < 11; i++)
    {
      static const char *const names[] = {
        "Activities", "Monthly figures", "Action plan",      "Partners", "Channels", "Plans",
        "Priorities", "Metrics",         "Progress updates", "Risks",    "Meetings",
      };
      g_autofree char *attribute = g_strdup_printf ("name=\"%s\"", names[i]);
      g_assert_nonnull (strstr (workbook, attribute));
    }

  sheet = xlsx_entry (path, "xl/worksheets/sheet1.xml");
  /* Frozen header, widths, a filter. */
  g_assert_nonnull (strstr (sheet, "ySplit=\"1\""));
  g_assert_nonnull (strstr (sheet, "state=\"frozen\""));
  g_assert_nonnull (strstr (sheet, "<col min=\"1\" max=\"1\" width="));
  g_assert_nonnull (strstr (sheet, "<autoFilter ref=\"A1:U"));
  /* The first sample activity (after the one added, of 1999): its date is
   * a date (6 April 2020 is day 43927), its reach a number, its appendix
   * flag a boolean. */
  g_assert_nonnull (strstr (sheet, "<c r=\"B3\" s=\""));
  g_assert_nonnull (strstr (sheet, "<v>43927</v>"));
  g_assert_nonnull (strstr (sheet, "<c r=\"P3\"><v>18400</v></c>"));
  g_assert_nonnull (strstr (sheet, "<c r=\"U3\" t=\"b\"><v>1</v></c>"));
  /* Text is never a formula; one that looks like it is formatted as text. */
  g_assert_null (strstr (sheet, "<f>"));
  g_assert_nonnull (strstr (sheet, "<c r=\"A2\" s=\""));
  g_assert_nonnull (strstr (sheet, "<t>=1+1</t>"));

  styles = xlsx_entry (path, "xl/styles.xml");
  g_assert_nonnull (strstr (styles, "formatCode=\"dd/mm/yyyy\""));
  g_assert_nonnull (strstr (styles, "formatCode=\"mmm yyyy\""));
  partners = xlsx_entry (path, "xl/worksheets/sheet4.xml");
  g_assert_nonnull (strstr (partners, "Welwyn Hatfield Borough Council"));
}

/* The rows a list shows: its filters, in its order, as CSV and as a
 * workbook of one sheet. */
static void
test_filtered_table (Fixture *fixture, gconstpointer user_data)
{
  CspQuery query = {
    .from_date = "2021-01-01", .to_date = "2021-03-31", .sort_column = "title", .descending = TRUE
  };
  g_autofree char *csv_path = g_build_filename (fixture->dir, "shown.csv", NULL);
  g_autofree char *xlsx_path = g_build_filename (fixture->dir, "shown.xlsx", NULL);
  g_autoptr (GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) expected =
      csp_store_list (fixture->store, CSP_TYPE_ACTIVITY, &query, &error);
  g_autoptr (CspExportTable) table = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *workbook = NULL;
  g_autofree char *sheet = NULL;
  const char *previous = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, >, 1);

  table = csp_export_table_new (fixture->database, CSP_IMPORT_ACTIVITIES, &query, &error);
  g_assert_no_error (error);
  g_assert_true (csp_export_csv_table (table, csv, CSP_EXPORT_CSV_NO_BOM, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, &error));
  /* Each row the query lists, in its order, and no other. */
  for (guint i = 0; i < expected->len; i++)
    {
      const char *title = csp_record_get_string (expected->pdata[i], "title");
      const char *found = strstr (contents, title);

      g_assert_nonnull (found);
      g_assert_true (previous == NULL || found > previous);
      previous = found;
    }
  {
    g_autoptr (GPtrArray) all = csp_store_list (fixture->store, CSP_TYPE_ACTIVITY, NULL, &error);

    for (guint i = 0; i < all->len; i++)
      {
        const char *date = csp_record_get_string (all->pdata[i], "start_date");

        if (g_strcmp0 (date, "2021-01-01") < 0 || g_strcmp0 (date, "2021-03-31") > 0)
          g_assert_null (strstr (contents, csp_record_get_string (all->pdata[i], "title")));
      }
  }

  /* A filter the table has not is refused, naming it. */
  {
    CspQuery wrong = { .sort_column = "no_such_column" };
    g_autoptr (CspExportTable) refused =
        csp_export_table_new (fixture->database, CSP_IMPORT_ACTIVITIES, &wrong, &error);
    g_assert_null (refused);
    g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "no_such_column"));
    g_clear_error (&error);
  }

  g_clear_pointer (&table, csp_export_table_free);
  table = csp_export_table_new (fixture->database, CSP_IMPORT_ACTIVITIES, &query, &error);
  g_assert_true (g_file_set_contents (xlsx_path, "old", -1, NULL));
  g_assert_true (csp_export_xlsx_table (table, xlsx_path, NULL, &error));
  g_assert_no_error (error);
  workbook = xlsx_entry (xlsx_path, "xl/workbook.xml");
  if (workbook == NULL)
    {
      test_tools_missing ("python3 is needed to look inside the workbook");
      return;
    }
  g_assert_nonnull (strstr (workbook, "name=\"Activities\""));
  g_assert_null (strstr (workbook, "name=\"Partners\""));
  sheet = xlsx_entry (xlsx_path, "xl/worksheets/sheet1.xml");
  g_assert_nonnull (strstr (sheet, "state=\"frozen\""));
  {
    /* The last row is the last activity the query lists. */
    g_autofree char *last_row = g_strdup_printf ("<row r=\"%u\"", expected->len + 1);
    g_autofree char *beyond = g_strdup_printf ("<row r=\"%u\"", expected->len + 2);
    g_assert_nonnull (strstr (sheet, last_row));
    g_assert_null (strstr (sheet, beyond));
  }
}

static void
test_xlsx_unwritable (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (csp_export_xlsx (fixture->database, "/nonexistent-folder/lists.xlsx", NULL, NULL,
                                   NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/lists.xlsx"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

  g_test_add_func ("/export/csv/fields", test_fields);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/export/csv/file", test_csv_file);
  ADD ("/export/csv/no-bom", test_csv_no_bom);
  ADD ("/export/csv/unwritable", test_csv_unwritable);
  ADD ("/export/csv/disk-full", test_csv_disk_full);
  ADD ("/export/symlink", test_symlink);
  ADD ("/export/failure-keeps-old", test_failure_keeps_old);
  ADD ("/export/table/cells", test_table_cells);
  ADD ("/export/xlsx/workbook", test_xlsx);
  ADD ("/export/xlsx/unwritable", test_xlsx_unwritable);
  ADD ("/export/table/filtered", test_filtered_table);
#undef ADD
  return g_test_run ();
}

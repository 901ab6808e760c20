/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import-hostile"

#include "config.h"

#include <string.h>

#include "csp-database.h"
#include "csp-import.h"
#include "csp-records.h"
#include "csp-sample.h"
#include "csp-store.h"
#include "test-engine.h"
#include "test-folder.h"

/* Files made to hurt, or by accident as bad: a huge field, bytes that
 * are not UTF-8 in a UTF-8 file, NUL bytes, 10,000 columns, a column name
 * given twice. Each gives a message naming what and where, and writes
 * nothing it should not: never garbled text, never a value past its
 * field's limit, never a column dropped without a word. The files are
 * made here, not kept: some are megabytes. */

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

  fixture->dir = test_folder_new ("csp-test-import-hostile");
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

static gint64
count (Fixture *fixture, const char *table)
{
  g_autoptr (GError) error = NULL;
  gint64 n = 0;

  g_assert_true (csp_database_count_rows (fixture->database, table, &n, &error));
  g_assert_no_error (error);
  return n;
}

/* The title of the activity of @title's start, or NULL. */
static char *
stored_title (Fixture *fixture, const char *like)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = csp_database_prepare (
      fixture->database, "SELECT title FROM activity WHERE title LIKE ? ORDER BY id", &error);
  g_autofree char *pattern = g_strconcat (like, "%", NULL);
  char *title = NULL;

  g_assert_no_error (error);
  csp_statement_bind_text (stmt, 1, pattern);
  if (csp_statement_step (stmt, &error) == CSP_STEP_ROW)
    title = g_strdup (csp_statement_get_text (stmt, 0));
  g_assert_no_error (error);
  return title;
}

static CspImport *
open_text (Fixture *fixture, const char *text, gsize length, GError **error)
{
  g_autoptr (CspImport) import = csp_import_new (fixture->store, CSP_IMPORT_ACTIVITIES);
  g_autoptr (GBytes) bytes = g_bytes_new (text, length);

  if (!csp_import_open_bytes (import, bytes, "hostile.csv", error))
    return NULL;
  return g_steal_pointer (&import);
}

static CspImport *
open_ok (Fixture *fixture, const char *text, gsize length)
{
  g_autoptr (GError) error = NULL;
  CspImport *import = open_text (fixture, text, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static void
check_ok (CspImport *import)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_import_check (import, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* The problems as "LINE|COLUMN|MESSAGE" lines. */
static char *
dump_problems (CspImport *import)
{
  guint n = 0;
  const CspImportProblem *problems = csp_import_get_problems (import, &n);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%u|%s|%s\n", problems[i].line,
                            problems[i].column != NULL ? problems[i].column : "",
                            problems[i].message);
  return g_string_free (out, FALSE);
}

static char *
dump_notes (CspImport *import)
{
  guint n = 0;
  const CspImportColumnNote *notes = csp_import_get_column_notes (import, &n);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%u-%u|%s|%s\n", notes[i].first, notes[i].last, notes[i].header,
                            notes[i].message);
  return g_string_free (out, FALSE);
}

static void
assert_nothing_written (Fixture *fixture, CspImport *import, gint64 activities, gint64 audits)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (csp_import_write (import, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_REJECTED);
  g_assert_cmpint (count (fixture, "activity"), ==, activities);
  g_assert_cmpint (count (fixture, "audit_log"), ==, audits);
}

#define HEADER "Title,Start date,Format,Mode,Status,Lead partner,Outcome\r\n"

/* A field of megabytes: refused by its field's limit, with the line and
 * the column, and a message of its length rather than its text. In a
 * date, the message quotes only its start; as a partner's name, it is
 * never looked for or made. */
static void
test_huge_field (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GString) text = g_string_new (HEADER);
  g_autoptr (CspImport) import = NULL;
  g_autofree char *problems = NULL;
  gint64 activities = count (fixture, "activity");
  gint64 audits = count (fixture, "audit_log");
  const gsize huge = 4 * 1024 * 1024;

  g_string_append (text, "Fine,2021-06-01,webinar,online,delivered,WHBC,\r\n");
  g_string_append (text, "\"");
  for (gsize i = 0; i < huge; i++)
    g_string_append_c (text, 'T');
  g_string_append (text, "\",2021-06-02,webinar,online,delivered,WHBC,\r\n");
  g_string_append (text, "Long date,");
  for (gsize i = 0; i < huge; i++)
    g_string_append_c (text, '9');
  g_string_append (text, ",webinar,online,delivered,WHBC,\r\n");
  g_string_append (text, "Long partner,2021-06-03,webinar,online,delivered,");
  for (gsize i = 0; i < huge; i++)
    g_string_append_c (text, 'P');
  g_string_append (text, ",\r\n");
  /* Exactly at the limits, in characters of two and three bytes, is fine. */
  for (guint i = 0; i < 300; i++)
    g_string_append (text, "ë");
  g_string_append (text, ",2021-06-04,webinar,online,delivered,WHBC,");
  for (guint i = 0; i < 20000; i++)
    g_string_append (text, "–");
  g_string_append (text, "\r\n");

  import = open_ok (fixture, text->str, text->len);
  csp_import_set_create_unknown (import, TRUE);
  check_ok (import);
  problems = dump_problems (import);
  g_assert_cmpstr (problems, ==,
                   "3|Title|Title: too long (4194304 characters; at most 300)\n"
                   "4|Start date|Start date: “9999999999999999999999999999999999999999…” is "
                   "not a date (write it as dd/mm/yyyy or yyyy-mm-dd)\n"
                   "5|Lead partner|Lead partner: “PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP…” "
                   "is too long to name a partner (4194304 characters; at most 200)\n");
  g_assert_cmpuint (csp_import_get_summary (import)->n_rejected, ==, 3);
  g_assert_cmpuint (csp_import_get_unknowns (import)->len, ==, 0);
  assert_nothing_written (fixture, import, activities, audits);

  {
    g_autoptr (GError) error = NULL;
    g_autofree char *stored = NULL;

    g_assert_true (csp_import_write (import, CSP_IMPORT_SKIP_INVALID, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (csp_import_get_summary (import)->n_inserted, ==, 2);
    g_assert_cmpint (count (fixture, "activity"), ==, activities + 2);
    g_assert_cmpint (count (fixture, "partner"), ==, 17);
    stored = stored_title (fixture, "ëëë");
    g_assert_cmpint (g_utf8_strlen (stored, -1), ==, 300);
  }
}

/* "Café Zoë – naïve" in a UTF-8 file with one stray Windows-1252 byte:
 * the file is read as UTF-8, never as Windows-1252 (which would store
 * "CafÃ© ZoÃ« â€“ naÃ¯ve"), and the row with the byte is rejected, by
 * line and character. With skip-invalid, only that row is left out. */
static void
test_invalid_utf8 (Fixture *fixture, gconstpointer user_data)
{
  const char text[] = HEADER "Caf\xc3\xa9 Zo\xc3\xab \xe2\x80\x93 na\xc3\xafve,2021-06-01,webinar,"
                             "online,delivered,WHBC,\r\n"
                             "Stray byte,2021-06-02,webinar,online,delivered,WHBC,Caf\xe9\r\n"
                             "Two lines,2021-06-03,webinar,online,delivered,WHBC,\"first\r\n"
                             "sec\x93ond\"\r\n"
                             "Fine too,2021-06-04,webinar,online,delivered,WHBC,\r\n";
  g_autoptr (CspImport) import = open_ok (fixture, text, sizeof text - 1);
  g_autofree char *problems = NULL;
  g_autofree char *cafe = NULL;
  g_autoptr (GError) error = NULL;
  gint64 activities = count (fixture, "activity");
  gint64 audits = count (fixture, "audit_log");

  g_assert_cmpstr (csp_csv_reader_get_encoding (csp_import_get_reader (import)), ==, "UTF-8");
  check_ok (import);
  problems = dump_problems (import);
  g_assert_cmpstr (problems, ==,
                   "3||character 56: the byte 0xE9 is not UTF-8 text, as the rest of the file "
                   "is. Correct it, or save the file again as “CSV UTF-8”\n"
                   "4||line 5, character 4: the byte 0x93 is not UTF-8 text, as the rest of the "
                   "file is. Correct it, or save the file again as “CSV UTF-8”\n");
  g_assert_cmpuint (csp_import_get_summary (import)->n_rows, ==, 4);
  g_assert_cmpuint (csp_import_get_summary (import)->n_rejected, ==, 2);
  assert_nothing_written (fixture, import, activities, audits);

  g_assert_true (csp_import_write (import, CSP_IMPORT_SKIP_INVALID, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (csp_import_get_summary (import)->n_inserted, ==, 2);
  g_assert_cmpint (count (fixture, "activity"), ==, activities + 2);
  cafe = stored_title (fixture, "Caf");
  g_assert_cmpstr (cafe, ==, "Café Zoë – naïve");
  g_assert_null (stored_title (fixture, "Stray"));
  g_assert_null (stored_title (fixture, "Two lines"));
}

/* A file of Windows-1252 with no character that UTF-8 would write in
 * several bytes is Windows-1252, as Excel's "CSV" saves it. */
static void
test_windows_1252 (Fixture *fixture, gconstpointer user_data)
{
  const char text[] = HEADER "Caf\xe9 Zo\xeb \x96 na\xefve,2021-06-01,webinar,online,delivered,"
                             "WHBC,\r\n";
  g_autoptr (CspImport) import = open_ok (fixture, text, sizeof text - 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *cafe = NULL;

  g_assert_cmpstr (csp_csv_reader_get_encoding (csp_import_get_reader (import)), ==,
                   "Windows-1252");
  g_assert_true (csp_import_write (import, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  cafe = stored_title (fixture, "Caf");
  g_assert_cmpstr (cafe, ==, "Café Zoë – naïve");
}

/* NUL bytes: not a text file. The message names the line, and nothing
 * is read, let alone written. */
static void
test_nul_bytes (Fixture *fixture, gconstpointer user_data)
{
  const char text[] = HEADER "Fine,2021-06-01,webinar,online,delivered,WHBC,\r\n"
                             "Ti\0tle,2021-06-02,webinar,online,delivered,WHBC,\r\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (CspImport) import = NULL;
  gint64 activities = count (fixture, "activity");

  import = open_text (fixture, text, sizeof text - 1, &error);
  g_assert_null (import);
  g_assert_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_BINARY);
  g_assert_nonnull (strstr (error->message, "“hostile.csv”, line 3: control character 0x00"));
  g_assert_cmpint (count (fixture, "activity"), ==, activities);
}

/* 10,000 columns, of which a few are fields: the rest are ignored, and
 * the report says so in one note, not ten thousand. */
static void
test_many_columns (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GString) text = g_string_new ("Title,Start date,Format,Mode,Status");
  g_autoptr (CspImport) import = NULL;
  g_autofree char *notes = NULL;
  g_autoptr (GError) error = NULL;
  gint64 activities = count (fixture, "activity");

  for (guint i = 6; i <= 10000; i++)
    g_string_append_printf (text, ",Extra %u", i);
  g_string_append (text, "\r\n");
  for (guint row = 0; row < 3; row++)
    {
      g_string_append_printf (text, "Wide %u,2021-06-0%u,webinar,online,delivered", row, row + 1);
      for (guint i = 6; i <= 10000; i++)
        g_string_append (text, ",x");
      g_string_append (text, "\r\n");
    }

  import = open_ok (fixture, text->str, text->len);
  check_ok (import);
  notes = dump_notes (import);
  g_assert_cmpstr (notes, ==,
                   "6-10000|Extra 6|not imported: no field is filled from these 9995 columns, "
                   "“Extra 6” to “Extra 10000”\n");
  g_assert_cmpuint (csp_import_get_summary (import)->n_rejected, ==, 0);
  g_assert_true (csp_import_write (import, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "activity"), ==, activities + 3);
}

/* Two columns called "Title": the first fills the title, and the second
 * is named as not imported. Ignored columns, one or two apart, each get
 * a note of their own. */
static void
test_duplicate_headers (Fixture *fixture, gconstpointer user_data)
{
  const char text[] = "Title,Start date,Format,Mode,Status,Title,Notes,,Title\r\n"
                      "First title,2021-06-01,webinar,online,delivered,Second title,n,x,Third\r\n";
  g_autoptr (CspImport) import = open_ok (fixture, text, sizeof text - 1);
  g_autofree char *notes = NULL;
  g_autofree char *first = NULL;
  g_autoptr (GError) error = NULL;

  check_ok (import);
  notes = dump_notes (import);
  g_assert_cmpstr (notes, ==,
                   "6-6|Title|not imported: column 1 has the same name, and fills Title\n"
                   "7-7|Notes|not imported: no field is filled from this column\n"
                   "8-8|Column 8|not imported: no field is filled from this column\n"
                   "9-9|Title|not imported: column 1 has the same name, and fills Title\n");
  g_assert_true (csp_import_write (import, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  first = stored_title (fixture, "First");
  g_assert_cmpstr (first, ==, "First title");
  g_assert_null (stored_title (fixture, "Second"));

  /* Mapped to a field of its own, the second column is imported, and
   * no longer noted. */
  g_assert_true (
      csp_import_mapping_set_target (csp_import_get_mapping (import), "Title (2)", "outcome"));
  g_free (notes);
  notes = dump_notes (import);
  g_assert_cmpstr (notes, ==,
                   "7-7|Notes|not imported: no field is filled from this column\n"
                   "8-8|Column 8|not imported: no field is filled from this column\n"
                   "9-9|Title|not imported: column 1 has the same name, and fills Title\n");
}

/* Monthly figures come from a Value column or from a column per metric:
 * with both, the columns per metric are named as not imported. */
static void
test_value_columns (Fixture *fixture, gconstpointer user_data)
{
  const char text[] = "Channel,Month,Kind,Value,Followers\r\n"
                      "Welwyn Hatfield CSP Facebook,2021-06,reach,100,200\r\n";
  g_autoptr (CspImport) import = csp_import_new (fixture->store, CSP_IMPORT_METRICS);
  g_autoptr (GBytes) bytes = g_bytes_new (text, sizeof text - 1);
  g_autoptr (GError) error = NULL;
  CspImportMapping *mapping;
  g_autofree char *notes = NULL;

  g_assert_true (csp_import_open_bytes (import, bytes, "figures.csv", &error));
  g_assert_no_error (error);
  mapping = csp_import_get_mapping (import);
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Value"), ==, "value");
  g_assert_true (csp_import_mapping_set_target (mapping, "Followers", "value:followers"));
  notes = dump_notes (import);
  g_assert_cmpstr (notes, ==,
                   "5-5|Followers|not imported: the figures are read from the column that fills "
                   "Value, so not from a column per metric\n");
}

/* A saved mapping's name is a line in a list, not a place for megabytes. */
static void
test_mapping_name (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImportMapping) mapping = csp_import_mapping_new (CSP_IMPORT_ACTIVITIES);
  g_autoptr (GString) name = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) saved = NULL;

  for (guint i = 0; i < 101; i++)
    g_string_append (name, "ë");
  g_assert_false (csp_import_mapping_save (mapping, fixture->database, name->str, &error));
  g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_MAPPING);
  g_assert_nonnull (strstr (error->message, "at most 100 characters"));
  g_clear_error (&error);

  g_string_truncate (name, name->len - 2);
  g_assert_true (csp_import_mapping_save (mapping, fixture->database, name->str, &error));
  g_assert_no_error (error);
  saved = csp_import_mapping_list_saved (fixture->database, CSP_IMPORT_ACTIVITIES, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char *const *) saved, name->str));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/hostile/huge-field", test_huge_field);
  ADD ("/import/hostile/invalid-utf8", test_invalid_utf8);
  ADD ("/import/hostile/windows-1252", test_windows_1252);
  ADD ("/import/hostile/nul-bytes", test_nul_bytes);
  ADD ("/import/hostile/many-columns", test_many_columns);
  ADD ("/import/hostile/duplicate-headers", test_duplicate_headers);
  ADD ("/import/hostile/value-columns", test_value_columns);
  ADD ("/import/hostile/mapping-name", test_mapping_name);
#undef ADD
  return g_test_run ();
}

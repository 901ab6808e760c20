/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "csp-database.h"
#include "csp-export-csv.h"
#include "csp-import.h"
#include "csp-records.h"
#include "csp-sample.h"
#include "csp-store.h"
#include "test-engine.h"
#include "test-store-file.h"
#include "test-folder.h"

/* Imports of the fixtures in tests/import/data (messy files as people's
 * spreadsheets and platforms write them) into a database holding the
 * sample partnership. */
typedef struct
{
  char *dir;
  char *location;
  CspDatabase *database;
  CspStore *store;
} Fixture;

static CspDatabase *
open_sample (const char *location)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = csp_database_open (location, &error);
  g_autoptr (CspStore) store = NULL;

  g_assert_no_error (error);
  store = csp_store_new (database);
  g_assert_true (csp_sample_load (store, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&database);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  fixture->dir = test_folder_new ("csp-test-import");
  fixture->location = test_engine_new_location (fixture->dir, "csp-engage.db");
  fixture->database = open_sample (fixture->location);
  fixture->store = csp_store_new (fixture->database);
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
data_path (const char *name)
{
  const char *dir = g_getenv ("CSP_IMPORT_DATA");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

static CspImport *
open_import (Fixture *fixture, CspImportKind kind, const char *name)
{
  g_autoptr (CspImport) import = csp_import_new (fixture->store, kind);
  g_autofree char *path = data_path (name);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_import_open (import, file, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&import);
}

static CspImport *
open_bytes (Fixture *fixture, CspImportKind kind, const char *text)
{
  g_autoptr (CspImport) import = csp_import_new (fixture->store, kind);
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_import_open_bytes (import, bytes, "test.csv", &error));
  g_assert_no_error (error);
  return g_steal_pointer (&import);
}

static void
check_ok (CspImport *import)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_import_check (import, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
write_ok (CspImport *import, CspImportFlags flags)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_import_write (import, flags, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
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

/* The first column of the first row of @sql with @text bound to its `?`;
 * -1 without a row. */
static gint64
sql_int (Fixture *fixture, const char *sql, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = csp_database_prepare (fixture->database, sql, &error);
  gint64 value = -1;
  CspStep step;

  g_assert_no_error (error);
  if (text != NULL)
    csp_statement_bind_text (stmt, 1, text);
  step = csp_statement_step (stmt, &error);
  g_assert_no_error (error);
  if (step == CSP_STEP_ROW)
    value = csp_statement_get_int64 (stmt, 0);
  return value;
}

static CspRecord *
activity_titled (Fixture *fixture, const char *title)
{
  gint64 id = sql_int (fixture, "SELECT id FROM activity WHERE title = ?", title);
  g_autoptr (GError) error = NULL;
  CspRecord *record;

  g_assert_cmpint (id, >, 0);
  record = csp_store_get (fixture->store, CSP_TYPE_ACTIVITY, id, &error);
  g_assert_no_error (error);
  return record;
}

static void
assert_partners (CspRecord *record, const gint64 *expected, guint n_expected)
{
  guint n = 0;
  const gint64 *ids = csp_record_get_partner_ids (record, &n);

  g_assert_cmpuint (n, ==, n_expected);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (ids[i], ==, expected[i]);
}

/* Windows-1252, semicolons, CRLF, UK dates, "1,234", "2.500" and "12 000",
 * a quoted line break, headers in people's words, names by short name. */
static void
test_windows_1252_excel (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import =
      open_import (fixture, CSP_IMPORT_ACTIVITIES, "activities-excel-1252.csv");
  g_autoptr (CspRecord) cafe = NULL;
  g_autoptr (CspRecord) webinar = NULL;
  g_autoptr (CspRecord) fete = NULL;
  g_autoptr (CspRecord) assembly = NULL;
  gint64 before = count (fixture, "activity");
  const CspImportSummary *summary;
  const gint64 cafe_partners[] = { 1, 10 };

  g_assert_cmpstr (csp_csv_reader_get_encoding (csp_import_get_reader (import)), ==,
                   "Windows-1252");
  g_assert_cmpint (csp_csv_reader_get_separator (csp_import_get_reader (import)), ==, ';');
  write_ok (import, CSP_IMPORT_FLAGS_NONE);
  summary = csp_import_get_summary (import);
  g_assert_cmpuint (summary->n_rows, ==, 4);
  g_assert_cmpuint (summary->n_inserted, ==, 4);
  g_assert_cmpuint (summary->n_rejected, ==, 0);
  g_assert_cmpint (count (fixture, "activity"), ==, before + 4);

  cafe = activity_titled (fixture, "Café safety briefing");
  g_assert_cmpstr (csp_record_get_string (cafe, "start_date"), ==, "2021-06-03");
  g_assert_true (csp_record_is_null (cafe, "end_date"));
  g_assert_cmpstr (csp_record_get_string (cafe, "format"), ==, "street_briefing");
  g_assert_cmpstr (csp_record_get_string (cafe, "mode"), ==, "in_person");
  g_assert_cmpstr (csp_record_get_string (cafe, "location"), ==, "Café Rouge; Hatfield");
  g_assert_cmpint (csp_record_get_int (cafe, "lead_partner_id"), ==, 2);
  g_assert_cmpint (csp_record_get_int (cafe, "priority_id"), ==, 7);
  g_assert_cmpint (csp_record_get_int (cafe, "participants"), ==, 45);
  g_assert_cmpint (csp_record_get_int (cafe, "reach"), ==, 1234);
  g_assert_cmpstr (csp_record_get_string (cafe, "status"), ==, "delivered");
  g_assert_cmpstr (csp_record_get_string (cafe, "outcome"), ==,
                   "Spoke to 45 residents.\nRaised £250 for Neighbourhood Watch.");
  g_assert_true (csp_record_get_bool (cafe, "include_in_appendix"));
  assert_partners (cafe, cafe_partners, G_N_ELEMENTS (cafe_partners));

  webinar = activity_titled (fixture, "Scams webinar for older residents");
  g_assert_cmpint (csp_record_get_int (webinar, "reach"), ==, 2500);
  g_assert_cmpint (csp_record_get_int (webinar, "priority_id"), ==, 10);
  g_assert_cmpstr (csp_record_get_string (webinar, "outcome"), ==,
                   "Attendees said it was \"very useful\"");
  fete = activity_titled (fixture, "Fête stall at Stanborough Park");
  g_assert_cmpint (csp_record_get_int (fete, "reach"), ==, 12000);
  g_assert_cmpstr (csp_record_get_string (fete, "end_date"), ==, "2021-08-22");
  g_assert_cmpint (csp_record_get_int (fete, "lead_partner_id"), ==, 3);
  assembly = activity_titled (fixture, "Knife crime assembly");
  g_assert_cmpstr (csp_record_get_string (assembly, "start_date"), ==, "2021-09-01");
  g_assert_true (csp_record_is_null (assembly, "reach"));
}

static void
test_utf8_bom (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import =
      open_import (fixture, CSP_IMPORT_ACTIVITIES, "activities-utf8-bom.csv");
  g_autoptr (CspRecord) ani = NULL;
  g_autoptr (CspRecord) owl = NULL;
  g_autoptr (CspRecord) road = NULL;
  const gint64 ani_partners[] = { 2, 14 };

  write_ok (import, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (csp_import_get_summary (import)->n_inserted, ==, 3);

  ani = activity_titled (fixture, "Ask for ANI pharmacy visits");
  g_assert_cmpstr (csp_record_get_string (ani, "location"), ==, "Hatfield, Welwyn Garden City");
  assert_partners (ani, ani_partners, G_N_ELEMENTS (ani_partners));
  g_assert_cmpint (csp_record_get_int (ani, "action_id"), ==,
                   sql_int (fixture,
                            "SELECT a.id FROM action a JOIN priority p ON p.id = a.priority_id "
                            "WHERE p.plan_id = 2 AND a.ref = ?",
                            "2.1"));
  g_assert_true (csp_record_get_bool (ani, "include_in_appendix"));
  owl = activity_titled (fixture, "Neighbourhood Watch “OWL” sign-up drive");
  g_assert_cmpint (csp_record_get_int (owl, "channel_id"), ==, 2);
  g_assert_cmpint (csp_record_get_int (owl, "reach"), ==, 4010);
  g_assert_false (csp_record_get_bool (owl, "include_in_appendix"));
  road = activity_titled (fixture, "Road safety talk — new drivers");
  /* An empty yes/no keeps the default. */
  g_assert_true (csp_record_get_bool (road, "include_in_appendix"));
  g_assert_cmpint (csp_record_get_int (road, "lead_partner_id"), ==, 9);
}

typedef struct
{
  gboolean activity_row;  /* an activity announced by its id */
  gboolean activity_bulk; /* "activity 0" */
  gboolean partner_bulk;  /* "activity_partner 0" */
} Announced;

static void
announced_cb (CspDatabase *database, const char *table, gint64 id, Announced *announced)
{
  if (g_str_equal (table, "activity"))
    *(id != 0 ? &announced->activity_row : &announced->activity_bulk) = TRUE;
  else if (g_str_equal (table, "activity_partner") && id == 0)
    announced->partner_bulk = TRUE;
}

static gboolean
give_up_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* On a server, an import's new records reach the desktops watching as one
 * announcement per table ("activity 0"), not one per row. */
static void
test_announced_once (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) colleague = NULL;
  g_autoptr (CspImport) import = NULL;
  Announced announced = { 0 };
  gboolean timed_out = FALSE;
  guint timeout;

  if (csp_database_get_engine (fixture->database) != CSP_ENGINE_POSTGRESQL)
    {
      g_test_skip ("a file's watcher cannot tell rows apart");
      return;
    }
  colleague = csp_database_open (fixture->location, &error);
  g_assert_no_error (error);
  g_assert_true (csp_database_watch_changes (colleague, &error));
  g_assert_no_error (error);
  g_signal_connect (colleague, "changed", G_CALLBACK (announced_cb), &announced);

  import = open_import (fixture, CSP_IMPORT_ACTIVITIES, "activities-utf8-bom.csv");
  write_ok (import, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (csp_import_get_summary (import)->n_inserted, ==, 3);

  /* One commit's announcements arrive together. */
  timeout = g_timeout_add_seconds (60, give_up_cb, &timed_out);
  while (!(announced.activity_bulk && announced.partner_bulk) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout);
  g_assert_true (announced.activity_bulk);
  g_assert_true (announced.partner_bulk);
  g_assert_false (announced.activity_row);
}

typedef struct
{
  guint line;
  const char *column;
  const char *message;
} ExpectedProblem;

static void
assert_problems (CspImport *import, const ExpectedProblem *expected, guint n_expected)
{
  guint n = 0;
  const CspImportProblem *problems = csp_import_get_problems (import, &n);

  for (guint i = 0; i < MIN (n, n_expected); i++)
    {
      g_test_message ("%u %s %s", problems[i].line, problems[i].column, problems[i].message);
      g_assert_cmpuint (problems[i].line, ==, expected[i].line);
      g_assert_cmpstr (problems[i].column, ==, expected[i].column);
      g_assert_cmpstr (problems[i].message, ==, expected[i].message);
    }
  g_assert_cmpuint (n, ==, n_expected);
}

static const ExpectedProblem invalid_problems[] = {
  { 3, "Start date", "Start date: “31/02/2021” is not a real date" },
  { 4, "End date", "End date: 9 May 2021 is before the start date (10 May 2021)" },
  { 5, "Format",
    "Format: “podcast” is not one of the allowed values (webinar, social_media, survey, "
    "street_briefing, event, leaflet_drop, meeting, workshop, campaign, other)" },
  { 6, "Lead partner", "Lead partner: there is no partner called “Nobody Partnership”" },
  { 6, "Participants", "Participants: cannot be negative" },
  { 9, "Title",
    "line 2 has the same title, start date and lead partner: each activity is "
    "imported once" },
  { 10, "Title", "Title: a value is required" },
};

/* Every row is checked before anything is written; by default nothing is. */
static void
test_rejected_nothing_written (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import =
      open_import (fixture, CSP_IMPORT_ACTIVITIES, "activities-invalid.csv");
  g_autoptr (GError) error = NULL;
  gint64 before = count (fixture, "activity");
  gint64 audit_before = count (fixture, "audit_log");
  GPtrArray *unknowns;
  CspImportUnknown *unknown;

  check_ok (import);
  assert_problems (import, invalid_problems, G_N_ELEMENTS (invalid_problems));
  g_assert_cmpuint (csp_import_get_summary (import)->n_rows, ==, 8);
  g_assert_cmpuint (csp_import_get_summary (import)->n_rejected, ==, 6);
  unknowns = csp_import_get_unknowns (import);
  g_assert_cmpuint (unknowns->len, ==, 1);
  unknown = g_ptr_array_index (unknowns, 0);
  g_assert_cmpstr (unknown->table, ==, "partner");
  g_assert_cmpstr (unknown->name, ==, "Nobody Partnership");
  g_assert_cmpuint (unknown->first_line, ==, 6);
  g_assert_cmpuint (unknown->n_rows, ==, 1);
  g_assert_cmpint (unknown->resolution, ==, CSP_IMPORT_RESOLVE_NONE);

  g_assert_false (csp_import_write (import, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_REJECTED);
  g_assert_nonnull (strstr (error->message, "6 rows were rejected, so nothing was imported"));
  g_assert_cmpint (count (fixture, "activity"), ==, before);
  g_assert_cmpint (count (fixture, "audit_log"), ==, audit_before);
  g_assert_cmpint (count (fixture, "partner"), ==, 17);
}

static void
test_rejected_skip_invalid (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import =
      open_import (fixture, CSP_IMPORT_ACTIVITIES, "activities-invalid.csv");
  g_autoptr (CspRecord) valid = NULL;
  gint64 before = count (fixture, "activity");

  write_ok (import, CSP_IMPORT_SKIP_INVALID);
  assert_problems (import, invalid_problems, G_N_ELEMENTS (invalid_problems));
  g_assert_cmpuint (csp_import_get_summary (import)->n_inserted, ==, 2);
  g_assert_cmpuint (csp_import_get_summary (import)->n_rejected, ==, 6);
  g_assert_cmpint (count (fixture, "activity"), ==, before + 2);
  valid = activity_titled (fixture, "Valid one");
  /* The first of the two rows with the same key. */
  g_assert_cmpint (csp_record_get_int (valid, "participants"), ==, 10);
  g_clear_object (&valid);
  valid = activity_titled (fixture, "Valid two");
  g_assert_cmpint (csp_record_get_int (valid, "participants"), ==, 1500);
}

/* Line numbers count physical lines: CRLF, and a value with a line break. */
static void
test_line_numbers (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *path = data_path ("activities-excel-1252.csv");
  g_autofree char *contents = NULL;
  g_autoptr (GString) text = NULL;
  g_autoptr (CspImport) import = NULL;
  static const ExpectedProblem expected[] = {
    { 2, "Reach", "Reach: “lots” is not a number" },
    { 5, "Date", "Start date: “32/08/2021” is not a real date" },
  };

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  text = g_string_new (contents);
  g_string_replace (text, ";1,234;", ";lots;", 1);
  g_string_replace (text, "21/08/2021", "32/08/2021", 1);
  import = open_bytes (fixture, CSP_IMPORT_ACTIVITIES, text->str);
  check_ok (import);
  assert_problems (import, expected, G_N_ELEMENTS (expected));
}

/* The same file twice: the second time every record is there already. */
static void
test_reimport (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) first =
      open_import (fixture, CSP_IMPORT_ACTIVITIES, "activities-utf8-bom.csv");
  g_autoptr (CspImport) second = NULL;
  g_autoptr (CspImport) changed = NULL;
  g_autofree char *path = data_path ("activities-utf8-bom.csv");
  g_autofree char *contents = NULL;
  g_autoptr (GString) text = NULL;
  g_autoptr (CspRecord) owl = NULL;
  const CspImportSummary *summary;
  gint64 before = count (fixture, "activity");

  write_ok (first, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpint (count (fixture, "activity"), ==, before + 3);

  second = open_import (fixture, CSP_IMPORT_ACTIVITIES, "activities-utf8-bom.csv");
  write_ok (second, CSP_IMPORT_FLAGS_NONE);
  summary = csp_import_get_summary (second);
  g_assert_cmpuint (summary->n_inserted, ==, 0);
  g_assert_cmpuint (summary->n_updated, ==, 0);
  g_assert_cmpuint (summary->n_unchanged, ==, 3);
  g_assert_cmpint (count (fixture, "activity"), ==, before + 3);

  /* The same activities with a figure changed: updated, not added. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  text = g_string_new (contents);
  g_string_replace (text, "\"4,010\"", "4500", 1);
  changed = open_bytes (fixture, CSP_IMPORT_ACTIVITIES, text->str);
  write_ok (changed, CSP_IMPORT_FLAGS_NONE);
  summary = csp_import_get_summary (changed);
  g_assert_cmpuint (summary->n_inserted, ==, 0);
  g_assert_cmpuint (summary->n_updated, ==, 1);
  g_assert_cmpuint (summary->n_unchanged, ==, 2);
  g_assert_cmpint (count (fixture, "activity"), ==, before + 3);
  owl = activity_titled (fixture, "Neighbourhood Watch “OWL” sign-up drive");
  g_assert_cmpint (csp_record_get_int (owl, "reach"), ==, 4500);
  g_assert_cmpint (csp_record_get_version (owl), ==, 2);
}

/* A Facebook-insights-like export: a column per metric, a row describing
 * the columns, dates for months. Its mapping is saved, and the next
 * export imports in one step. */
/* Rows of activities "Talk N" on a day of 2022 for N in [first, last). */
static void
append_talks (GString *text, guint first, guint last, const char *participants)
{
  for (guint i = first; i < last; i++)
    g_string_append_printf (text, "Talk %u,%02u/%02u/2022,Event,In person,%s,delivered\n", i,
                            1 + i % 28, 1 + (i / 28) % 12, participants);
}

/* A file of mostly new rows that also holds some stored ones, after a
 * hundred new ones: those are found all the same (updated or left alone),
 * a repeated row is rejected by its line, and the rest are added. */
static void
test_reimport_overlap (Fixture *fixture, gconstpointer user_data)
{
  static const char header[] = "Title,Start date,Format,Mode,Participants,Status\n";
  g_autoptr (GString) first_text = g_string_new (header);
  g_autoptr (GString) text = g_string_new (header);
  g_autoptr (CspImport) first = NULL;
  g_autoptr (CspImport) second = NULL;
  const CspImportSummary *summary;
  const CspImportProblem *problems;
  guint n_problems = 0;
  gint64 before = count (fixture, "activity");

  append_talks (first_text, 1000, 1010, "10");
  first = open_bytes (fixture, CSP_IMPORT_ACTIVITIES, first_text->str);
  write_ok (first, CSP_IMPORT_FLAGS_NONE);

  /* 100 new talks, then the ten stored ones (the last with another
   * figure), then a second copy of line 2's talk. */
  append_talks (text, 0, 100, "10");
  append_talks (text, 1000, 1009, "10");
  append_talks (text, 1009, 1010, "12");
  append_talks (text, 0, 1, "10");
  second = open_bytes (fixture, CSP_IMPORT_ACTIVITIES, text->str);
  check_ok (second);
  summary = csp_import_get_summary (second);
  g_assert_cmpuint (summary->n_rows, ==, 111);
  g_assert_cmpuint (summary->n_inserted, ==, 100);
  g_assert_cmpuint (summary->n_updated, ==, 1);
  g_assert_cmpuint (summary->n_unchanged, ==, 9);
  g_assert_cmpuint (summary->n_rejected, ==, 1);
  problems = csp_import_get_problems (second, &n_problems);
  g_assert_cmpuint (n_problems, ==, 1);
  g_assert_cmpuint (problems[0].line, ==, 112);
  g_assert_nonnull (strstr (problems[0].message, "line 2 has the same title"));

  write_ok (second, CSP_IMPORT_SKIP_INVALID);
  g_assert_cmpint (count (fixture, "activity"), ==, before + 110);
  g_assert_cmpint (
      sql_int (fixture, "SELECT participants FROM activity WHERE title = ?", "Talk 1009"), ==, 12);
}

/* Two stored activities share a title, start date and lead partner (the
 * application lets people make them): a row with that key cannot say
 * which to update, so it is rejected by its line, and neither changes. */
static void
test_reimport_two_stored (Fixture *fixture, gconstpointer user_data)
{
  static const char text[] = "Title,Start date,Format,Mode,Participants,Status\n"
                             "Talk one,01/03/2022,Event,In person,12,delivered\n"
                             "Talk two,02/03/2022,Event,In person,30,delivered\n";
  g_autoptr (CspImport) import = NULL;
  g_autoptr (GError) error = NULL;
  const CspImportProblem *problems;
  guint n_problems = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);

      csp_record_set_string (activity, "title", "Talk one");
      csp_record_set_string (activity, "start_date", "2022-03-01");
      csp_record_set_string (activity, "format", "event");
      csp_record_set_string (activity, "mode", "in_person");
      csp_record_set_int (activity, "participants", 10);
      csp_record_set_string (activity, "status", "delivered");
      g_assert_true (csp_store_insert (fixture->store, activity, &error));
      g_assert_no_error (error);
    }

  import = open_bytes (fixture, CSP_IMPORT_ACTIVITIES, text);
  check_ok (import);
  problems = csp_import_get_problems (import, &n_problems);
  g_assert_cmpuint (n_problems, ==, 1);
  g_assert_cmpuint (problems[0].line, ==, 2);
  g_assert_nonnull (strstr (problems[0].message, "more than one stored record has the same key"));
  write_ok (import, CSP_IMPORT_SKIP_INVALID);
  g_assert_cmpuint (csp_import_get_summary (import)->n_inserted, ==, 1);
  g_assert_cmpint (sql_int (fixture,
                            "SELECT count(*) FROM activity WHERE title = ? AND participants = 10",
                            "Talk one"),
                   ==, 2);
}

/* The "Daily Page" channel's figure of its metric of @kind for @month,
 * and its note. */
static gint64
page_figure (Fixture *fixture, const char *kind, const char *month, char **note)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = csp_database_prepare (
      fixture->database,
      "SELECT v.value, v.note FROM metric_value v JOIN metric m ON m.id = v.metric_id "
      "JOIN channel c ON c.id = m.channel_id WHERE c.name = 'Daily Page' AND m.kind = ? "
      "AND v.month = ?",
      &error);
  gint64 value;

  g_assert_no_error (error);
  csp_statement_bind_text (stmt, 1, kind);
  csp_statement_bind_text (stmt, 2, month);
  g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_ROW);
  value = csp_statement_get_int64 (stmt, 0);
  if (note != NULL)
    *note = g_strdup (csp_statement_get_text (stmt, 1));
  g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_DONE);
  return value;
}

/* Daily figures from @first for @n_days, newest first as the platforms
 * list them, under a row describing the columns and the platform's total:
 * reach on day i is i + 1, page likes 1000 + i. */
static char *
daily_export (const char *first, guint n_days, const char *bad_day)
{
  GString *text = g_string_new ("Date,Daily Total Reach,Lifetime Total Likes\n"
                                ",Daily: people reached,Lifetime: people who like the Page\n"
                                "Total,0,0\n");
  g_autoptr (GDate) date = g_date_new ();

  g_date_set_parse (date, first);
  g_date_add_days (date, n_days - 1);
  for (guint i = n_days; i > 0; i--)
    {
      char day[16];

      g_date_strftime (day, sizeof day, "%m/%d/%Y", date);
      if (g_strcmp0 (day, bad_day) == 0)
        g_string_append_printf (text, "%s,lots,\"1,%03u\"\n", day, i - 1);
      else
        g_string_append_printf (text, "%s,%u,\"1,%03u\"\n", day, i, i - 1);
      g_date_subtract_days (date, 1);
    }
  return g_string_free (text, FALSE);
}

/* A month of daily figures is their sum for a flow, the last day's for a
 * stock; the file's first and last months are marked partial. */
static void
test_daily_figures (Fixture *fixture, gconstpointer user_data)
{
  /* 28 Jun to 3 Aug 2021: 37 days */
  g_autofree char *text = daily_export ("2021-06-28", 37, NULL);
  g_autoptr (CspImport) import = open_bytes (fixture, CSP_IMPORT_METRICS, text);
  CspImportMapping *mapping = csp_import_get_mapping (import);
  g_auto (CspImportLayout) layout = { 0 };
  const CspImportMonthInfo *const *months;
  guint n_months = 0;
  g_autofree char *june_note = NULL;
  g_autofree char *july_note = NULL;

  csp_import_detect_layout (import, &layout);
  g_assert_true (layout.description_row);
  g_assert_cmpint (layout.date_style, ==, CSP_DATE_STYLE_MONTH_FIRST);
  g_assert_true (layout.has_period);
  g_assert_cmpint (layout.period, ==, CSP_IMPORT_PERIOD_DAY);
  g_assert_cmpuint (csp_import_mapping_get_skip_rows (mapping), ==, 1);
  g_assert_cmpint (csp_import_mapping_get_date_order (mapping), ==, CSP_DATE_ORDER_MONTH_FIRST);
  g_assert_cmpint (csp_import_mapping_get_period (mapping), ==, CSP_IMPORT_PERIOD_DAY);

  g_assert_true (csp_import_mapping_set_default (mapping, "channel", "Daily Page"));
  csp_import_set_create_unknown (import, TRUE);
  write_ok (import, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (csp_import_get_summary (import)->n_rows, ==, 37);
  g_assert_cmpuint (csp_import_get_summary (import)->n_inserted, ==, 6);

  /* Reach: days 1-3 are June's, 4-34 July's, 35-37 August's. */
  g_assert_cmpint (page_figure (fixture, "reach", "2021-06", NULL), ==, 1 + 2 + 3);
  g_assert_cmpint (page_figure (fixture, "reach", "2021-07", NULL), ==, (4 + 34) * 31 / 2);
  g_assert_cmpint (page_figure (fixture, "reach", "2021-08", NULL), ==, 35 + 36 + 37);
  /* Likes: the last day of each month, listed first. */
  g_assert_cmpint (page_figure (fixture, "followers", "2021-06", NULL), ==, 1002);
  g_assert_cmpint (page_figure (fixture, "followers", "2021-07", NULL), ==, 1033);
  g_assert_cmpint (page_figure (fixture, "followers", "2021-08", NULL), ==, 1036);

  months = csp_import_get_months (import, &n_months);
  g_assert_cmpuint (n_months, ==, 3);
  g_assert_cmpstr (months[0]->month, ==, "2021-08");
  g_assert_true (months[0]->partial);
  g_assert_false (months[1]->partial);
  g_assert_cmpuint (months[1]->n_rows, ==, 31);
  g_assert_true (months[2]->partial);
  page_figure (fixture, "reach", "2021-06", &june_note);
  g_assert_nonnull (strstr (june_note, "Partial month"));
  g_assert_nonnull (strstr (june_note, "28–30 Jun 2021"));
  page_figure (fixture, "reach", "2021-07", &july_note);
  g_assert_null (july_note);
}

/* Importing the rest of a partial month makes it whole: its figure is
 * updated, not doubled, and the note no longer says it is partial. */
static void
test_daily_figures_again (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *first_text = daily_export ("2021-06-01", 15, NULL);
  g_autofree char *whole_text = daily_export ("2021-06-01", 30, NULL);
  g_autoptr (CspImport) first = open_bytes (fixture, CSP_IMPORT_METRICS, first_text);
  g_autoptr (CspImport) whole = NULL;
  g_autoptr (CspImportMapping) saved = NULL;
  g_autofree char *note = NULL;
  g_autofree char *whole_note = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (
      csp_import_mapping_set_default (csp_import_get_mapping (first), "channel", "Daily Page"));
  csp_import_set_create_unknown (first, TRUE);
  write_ok (first, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpint (page_figure (fixture, "reach", "2021-06", NULL), ==, 15 * 16 / 2);
  page_figure (fixture, "followers", "2021-06", &note);
  g_assert_nonnull (strstr (note, "1–15 Jun 2021"));
  g_assert_true (csp_import_mapping_save (csp_import_get_mapping (first), fixture->database,
                                          "Daily Page", &error));
  g_assert_no_error (error);

  /* The saved mapping keeps what the file's layout showed. */
  saved = csp_import_mapping_load (fixture->database, CSP_IMPORT_METRICS, "Daily Page", &error);
  g_assert_no_error (error);
  g_assert_cmpint (csp_import_mapping_get_period (saved), ==, CSP_IMPORT_PERIOD_DAY);
  g_assert_cmpint (csp_import_mapping_get_date_order (saved), ==, CSP_DATE_ORDER_MONTH_FIRST);
  g_assert_cmpuint (csp_import_mapping_get_skip_rows (saved), ==, 1);
  whole = csp_import_new (fixture->store, CSP_IMPORT_METRICS);
  g_assert_true (csp_import_set_mapping (whole, saved, &error));
  {
    g_autoptr (GBytes) bytes = g_bytes_new (whole_text, strlen (whole_text));
    g_assert_true (csp_import_open_bytes (whole, bytes, "june.csv", &error));
  }
  write_ok (whole, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (csp_import_get_summary (whole)->n_updated, ==, 2);
  g_assert_cmpuint (csp_import_get_summary (whole)->n_inserted, ==, 0);
  g_assert_cmpint (page_figure (fixture, "reach", "2021-06", NULL), ==, 30 * 31 / 2);
  g_assert_cmpint (page_figure (fixture, "followers", "2021-06", NULL), ==, 1029);
  page_figure (fixture, "followers", "2021-06", &whole_note);
  g_assert_null (whole_note);
}

/* A file of the last days of a month, imported after one of the whole
 * month, leaves the whole month's figures as they are. */
static void
test_partial_after_whole (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *whole_text = daily_export ("2021-06-01", 30, NULL);
  g_autofree char *tail_text = daily_export ("2021-06-25", 6, NULL);
  g_autoptr (CspImport) whole = open_bytes (fixture, CSP_IMPORT_METRICS, whole_text);
  g_autoptr (CspImport) tail = open_bytes (fixture, CSP_IMPORT_METRICS, tail_text);
  const CspImportMonthInfo *const *months;
  guint n_months = 0;

  g_assert_true (
      csp_import_mapping_set_default (csp_import_get_mapping (whole), "channel", "Daily Page"));
  csp_import_set_create_unknown (whole, TRUE);
  write_ok (whole, CSP_IMPORT_FLAGS_NONE);

  g_assert_true (
      csp_import_mapping_set_default (csp_import_get_mapping (tail), "channel", "Daily Page"));
  csp_import_mapping_set_date_order (csp_import_get_mapping (tail), CSP_DATE_ORDER_MONTH_FIRST);
  csp_import_mapping_set_period (csp_import_get_mapping (tail), CSP_IMPORT_PERIOD_DAY);
  write_ok (tail, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (csp_import_get_summary (tail)->n_unchanged, ==, 2);
  g_assert_cmpuint (csp_import_get_summary (tail)->n_updated, ==, 0);
  months = csp_import_get_months (tail, &n_months);
  g_assert_cmpuint (n_months, ==, 1);
  g_assert_true (months[0]->partial);
  g_assert_true (months[0]->kept_stored);
  g_assert_cmpint (page_figure (fixture, "reach", "2021-06", NULL), ==, 30 * 31 / 2);
  g_assert_cmpint (page_figure (fixture, "followers", "2021-06", NULL), ==, 1029);
}

/* A month one of whose days was rejected would be short: it is not
 * imported, and says why; the other months are, if asked. */
static void
test_daily_figures_rejected_day (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *text = daily_export ("2021-06-20", 20, "07/02/2021");
  g_autoptr (CspImport) import = open_bytes (fixture, CSP_IMPORT_METRICS, text);
  const CspImportProblem *problems;
  guint n_problems = 0;
  gboolean month_said = FALSE;

  g_assert_true (
      csp_import_mapping_set_default (csp_import_get_mapping (import), "channel", "Daily Page"));
  csp_import_set_create_unknown (import, TRUE);
  check_ok (import);
  problems = csp_import_get_problems (import, &n_problems);
  for (guint i = 0; i < n_problems; i++)
    month_said |= strstr (problems[i].message, "July 2021 is not imported") != NULL;
  g_assert_true (month_said);
  write_ok (import, CSP_IMPORT_SKIP_INVALID);
  g_assert_cmpint (page_figure (fixture, "reach", "2021-06", NULL), ==, 11 * 12 / 2);
  g_assert_cmpint (
      sql_int (fixture, "SELECT count(*) FROM metric_value WHERE month = ?", "2021-07"), ==, 0);
}

/* Days whose sum is more than a figure can hold reject the day that
 * overflows it, and so the month, rather than wrapping round. */
static void
test_daily_figures_too_large (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import =
      open_bytes (fixture, CSP_IMPORT_METRICS,
                  "Date,Daily Total Reach\n2021-06-01,9000000000000000000\n"
                  "2021-06-02,9000000000000000000\n2021-07-01,5\n2021-07-02,6\n");
  const CspImportProblem *problems;
  guint n_problems = 0;

  g_assert_true (
      csp_import_mapping_set_default (csp_import_get_mapping (import), "channel", "Daily Page"));
  csp_import_set_create_unknown (import, TRUE);
  check_ok (import);
  problems = csp_import_get_problems (import, &n_problems);
  g_assert_cmpuint (n_problems, ==, 2);
  g_assert_cmpuint (problems[0].line, ==, 3);
  g_assert_nonnull (strstr (problems[0].message, "add up to more than can be stored"));
  g_assert_nonnull (strstr (problems[1].message, "June 2021 is not imported"));
  write_ok (import, CSP_IMPORT_SKIP_INVALID);
  g_assert_cmpint (page_figure (fixture, "reach", "2021-07", NULL), ==, 11);
}

/* Weeks count in the month of their first day; the last week reaching
 * into the next month makes its month whole. */
static void
test_weekly_figures (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import =
      open_bytes (fixture, CSP_IMPORT_METRICS,
                  "# Weekly report\n# Start date: 20210607\n"
                  "Week,Impressions,Subscribers\n"
                  "2021-06-07,100,50\n2021-06-14,200,52\n2021-06-21,300,51\n2021-06-28,400,55\n"
                  "2021-07-05,500,56\n2021-07-12,600,57\n2021-07-19,700,58\n2021-07-26,800,60\n");
  CspImportMapping *mapping = csp_import_get_mapping (import);
  const CspImportMonthInfo *const *months;
  guint n_months = 0;

  g_assert_cmpuint (csp_csv_reader_get_n_comment_lines (csp_import_get_reader (import)), ==, 2);
  /* A column of dates fills the month, which every figure needs. */
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Week"), ==, "month");
  g_assert_cmpint (csp_import_mapping_get_period (mapping), ==, CSP_IMPORT_PERIOD_WEEK);
  g_assert_true (csp_import_mapping_set_default (mapping, "channel", "Daily Page"));
  csp_import_set_create_unknown (import, TRUE);
  write_ok (import, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpint (page_figure (fixture, "impressions", "2021-06", NULL), ==, 1000);
  g_assert_cmpint (page_figure (fixture, "impressions", "2021-07", NULL), ==, 2600);
  g_assert_cmpint (page_figure (fixture, "subscribers", "2021-06", NULL), ==, 55);
  g_assert_cmpint (page_figure (fixture, "subscribers", "2021-07", NULL), ==, 60);
  months = csp_import_get_months (import, &n_months);
  g_assert_cmpuint (n_months, ==, 2);
  g_assert_true (months[0]->partial);
  g_assert_false (months[1]->partial);
}

/* Dates that read as well day first as month first are asked about. */
static void
test_ambiguous_dates (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import = open_bytes (
      fixture, CSP_IMPORT_METRICS, "Date,Views\n06/01/2021,5\n06/02/2021,7\n06/03/2021,9\n");
  CspImportMapping *mapping = csp_import_get_mapping (import);
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_import_mapping_set_default (mapping, "channel", "Daily Page"));
  csp_import_set_create_unknown (import, TRUE);
  g_assert_cmpint (csp_import_mapping_get_date_order (mapping), ==, CSP_DATE_ORDER_UNDECIDED);
  g_assert_false (csp_import_check (import, NULL, NULL, NULL, &error));
  g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_DATE_ORDER);
  g_assert_nonnull (strstr (error->message, "“06/01/2021”"));

  csp_import_mapping_set_date_order (mapping, CSP_DATE_ORDER_MONTH_FIRST);
  csp_import_guess_layout (import);
  g_assert_cmpint (csp_import_mapping_get_period (mapping), ==, CSP_IMPORT_PERIOD_DAY);
  write_ok (import, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpint (page_figure (fixture, "page_views", "2021-06", NULL), ==, 21);
}

static void
test_facebook_insights (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import = open_import (fixture, CSP_IMPORT_METRICS, "facebook-insights.csv");
  g_autoptr (CspImport) next = NULL;
  g_autoptr (CspImportMapping) saved = NULL;
  g_autoptr (GError) error = NULL;
  CspImportMapping *mapping = csp_import_get_mapping (import);
  const CspImportSummary *summary;
  gint64 before = count (fixture, "metric_value");

  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Date"), ==, "month");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Lifetime Total Likes"), ==,
                   "value:followers");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Monthly Total Reach"), ==,
                   "value:reach");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Monthly Engaged Users"), ==,
                   "value:engagements");
  g_assert_null (csp_import_mapping_get_target (mapping, "Monthly Page Views"));

  /* The file does not say which channel it is. */
  g_assert_false (csp_import_check (import, NULL, NULL, NULL, &error));
  g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_MAPPING);
  g_assert_nonnull (strstr (error->message, "“Channel”"));
  g_clear_error (&error);

  g_assert_true (
      csp_import_mapping_set_default (mapping, "channel", "Welwyn Hatfield CSP Facebook"));
  csp_import_mapping_set_skip_rows (mapping, 1);
  csp_import_invalidate (import);
  write_ok (import, CSP_IMPORT_FLAGS_NONE);
  summary = csp_import_get_summary (import);
  g_assert_cmpuint (summary->n_rows, ==, 4);
  g_assert_cmpuint (summary->n_inserted, ==, 12);
  g_assert_cmpuint (summary->n_created, ==, 0);
  g_assert_cmpint (count (fixture, "metric_value"), ==, before + 12);
  g_assert_cmpint (
      sql_int (fixture,
               "SELECT v.value FROM metric_value v JOIN metric m ON m.id = v.metric_id "
               "WHERE m.channel_id = 2 AND m.kind = 'reach' AND v.month = ?",
               "2021-08"),
      ==, 21904);
  g_assert_true (csp_import_mapping_save (mapping, fixture->database, "Facebook monthly", &error));
  g_assert_no_error (error);

  saved =
      csp_import_mapping_load (fixture->database, CSP_IMPORT_METRICS, "Facebook monthly", &error);
  g_assert_no_error (error);
  next = csp_import_new (fixture->store, CSP_IMPORT_METRICS);
  g_assert_true (csp_import_set_mapping (next, saved, &error));
  {
    g_autofree char *path = data_path ("facebook-insights-next.csv");
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_assert_true (csp_import_open (next, file, NULL, &error));
  }
  write_ok (next, CSP_IMPORT_FLAGS_NONE);
  summary = csp_import_get_summary (next);
  g_assert_cmpuint (summary->n_inserted, ==, 3);
  g_assert_cmpuint (summary->n_updated, ==, 1);
  g_assert_cmpuint (summary->n_unchanged, ==, 5);
  g_assert_cmpint (count (fixture, "metric_value"), ==, before + 15);
  g_assert_cmpint (
      sql_int (fixture,
               "SELECT v.value FROM metric_value v JOIN metric m ON m.id = v.metric_id "
               "WHERE m.channel_id = 2 AND m.kind = 'followers' AND v.month = ?",
               "2021-10"),
      ==, 3531);
}

/* A channel the database lacks is listed; made, it gets its metric too. */
static void
test_metrics_unknown_channel (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import = open_import (fixture, CSP_IMPORT_METRICS, "metrics-long.csv");
  GPtrArray *unknowns;
  CspImportUnknown *channel, *metric;
  gint64 channel_id;

  check_ok (import);
  g_assert_cmpuint (csp_import_get_summary (import)->n_rejected, ==, 2);
  unknowns = csp_import_get_unknowns (import);
  g_assert_cmpuint (unknowns->len, ==, 1);
  channel = g_ptr_array_index (unknowns, 0);
  g_assert_cmpstr (channel->table, ==, "channel");
  g_assert_cmpstr (channel->name, ==, "Instagram");
  g_assert_cmpuint (channel->first_line, ==, 4);
  g_assert_cmpuint (channel->n_rows, ==, 2);

  csp_import_resolve (import, channel, CSP_IMPORT_RESOLVE_CREATE, 0);
  check_ok (import);
  g_assert_cmpuint (csp_import_get_summary (import)->n_rejected, ==, 0);
  g_assert_cmpuint (unknowns->len, ==, 2);
  metric = g_ptr_array_index (unknowns, 1);
  g_assert_cmpstr (metric->table, ==, "metric");
  g_assert_cmpstr (metric->name, ==, "Instagram followers");
  g_assert_cmpstr (metric->context, ==, "Instagram");
  g_assert_cmpint (metric->resolution, ==, CSP_IMPORT_RESOLVE_CREATE);

  write_ok (import, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (csp_import_get_summary (import)->n_inserted, ==, 4);
  g_assert_cmpuint (csp_import_get_summary (import)->n_created, ==, 2);
  channel_id = sql_int (fixture, "SELECT id FROM channel WHERE name = ?", "Instagram");
  g_assert_cmpint (channel->id, ==, channel_id);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM channel WHERE kind = ?", "social_media"),
                   ==, 3);
  g_assert_cmpint (
      sql_int (fixture,
               "SELECT v.value FROM metric_value v JOIN metric m ON m.id = v.metric_id "
               "WHERE m.name = 'Instagram followers' AND v.month = ?",
               "2021-08"),
      ==, 455);
  g_assert_cmpint (sql_int (fixture,
                            "SELECT v.value FROM metric_value v WHERE v.metric_id = 1 AND "
                            "v.month = ?",
                            "2021-07"),
                   ==, 2841);
}

/* A new priority is made in the plan the row names. */
static void
test_actions_new_priority (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import = open_import (fixture, CSP_IMPORT_ACTIONS, "actions-plan.csv");
  GPtrArray *unknowns;
  CspImportUnknown *priority;
  gint64 before = count (fixture, "action");

  check_ok (import);
  unknowns = csp_import_get_unknowns (import);
  g_assert_cmpuint (unknowns->len, ==, 1);
  priority = g_ptr_array_index (unknowns, 0);
  g_assert_cmpstr (priority->table, ==, "priority");
  g_assert_cmpstr (priority->name, ==, "Hate crime and community cohesion");
  g_assert_cmpstr (priority->context, ==, "Action Plan 2021-22");
  g_assert_cmpuint (priority->n_rows, ==, 2);
  csp_import_resolve (import, priority, CSP_IMPORT_RESOLVE_CREATE, 0);
  write_ok (import, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (csp_import_get_summary (import)->n_inserted, ==, 3);
  g_assert_cmpint (count (fixture, "action"), ==, before + 3);
  g_assert_cmpint (sql_int (fixture, "SELECT plan_id FROM priority WHERE title = ?",
                            "Hate crime and community cohesion"),
                   ==, 2);
  g_assert_cmpint (sql_int (fixture, "SELECT percent_complete FROM action WHERE ref = ?", "6.3"),
                   ==, 40);
  g_assert_cmpint (sql_int (fixture, "SELECT priority_id FROM action WHERE ref = ?", "7.2"), ==,
                   priority->id);

  /* Again: found by plan and reference. */
  g_clear_object (&import);
  import = open_import (fixture, CSP_IMPORT_ACTIONS, "actions-plan.csv");
  write_ok (import, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (csp_import_get_summary (import)->n_unchanged, ==, 3);
  g_assert_cmpuint (csp_import_get_summary (import)->n_created, ==, 0);
}

/* A name mapped to an existing partner is remembered by the mapping. */
static void
test_unknown_mapped (Fixture *fixture, gconstpointer user_data)
{
  const char *text = "Title,Date,Lead,Format,Mode,Status\n"
                     "Stall,01/05/2021,Borough Council,event,in person,delivered\n"
                     "Talk,02/05/2021,borough  council,event,in person,delivered\n";
  g_autoptr (CspImport) import = open_bytes (fixture, CSP_IMPORT_ACTIVITIES, text);
  g_autoptr (CspImport) again = NULL;
  g_autofree char *json = NULL;
  GPtrArray *unknowns;

  check_ok (import);
  unknowns = csp_import_get_unknowns (import);
  g_assert_cmpuint (unknowns->len, ==, 1);
  g_assert_cmpuint (((CspImportUnknown *) g_ptr_array_index (unknowns, 0))->n_rows, ==, 2);
  csp_import_resolve (import, g_ptr_array_index (unknowns, 0), CSP_IMPORT_RESOLVE_MAP, 1);
  write_ok (import, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (csp_import_get_summary (import)->n_inserted, ==, 2);
  g_assert_cmpint (
      sql_int (fixture, "SELECT lead_partner_id FROM activity WHERE title = ?", "Talk"), ==, 1);
  g_assert_cmpint (count (fixture, "partner"), ==, 17);

  json = csp_import_mapping_to_json (csp_import_get_mapping (import));
  g_assert_nonnull (strstr (json, "\"borough council\" : 1"));
  again = open_bytes (fixture, CSP_IMPORT_ACTIVITIES, text);
  g_assert_true (csp_import_set_mapping (again, csp_import_get_mapping (import), NULL));
  check_ok (again);
  g_assert_cmpuint (csp_import_get_unknowns (again)->len, ==, 0);
  write_ok (again, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (csp_import_get_summary (again)->n_unchanged, ==, 2);
}

/* A priority title every plan has needs the plan; without one it is
 * ambiguous, and a new priority cannot be made. */
static void
test_priority_needs_plan (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import =
      open_bytes (fixture, CSP_IMPORT_ACTIVITIES,
                  "Title,Date,Format,Mode,Status,Priority\n"
                  "One,01/05/2021,event,online,delivered,Reduce anti-social behaviour\n"
                  "Two,02/05/2021,event,online,delivered,Road safety\n"
                  "Three,03/05/2021,event,online,delivered,Brand new priority\n");
  static const ExpectedProblem expected[] = {
    { 2, "Priority",
      "Priority: “Reduce anti-social behaviour” is in more than one plan: add a Plan column, or "
      "give the plan for all rows" },
    { 4, "Priority",
      "Priority: there is no priority called “Brand new priority”, and a new one needs its "
      "plan: add a Plan column, or give the plan for all rows" },
  };

  csp_import_set_create_unknown (import, TRUE);
  check_ok (import);
  assert_problems (import, expected, G_N_ELEMENTS (expected));
  g_assert_true (csp_import_mapping_set_default (csp_import_get_mapping (import), "plan",
                                                 "Action Plan 2021-22"));
  csp_import_invalidate (import);
  write_ok (import, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpuint (csp_import_get_summary (import)->n_inserted, ==, 3);
  g_assert_cmpint (sql_int (fixture, "SELECT priority_id FROM activity WHERE title = ?", "One"), ==,
                   7);
  g_assert_cmpint (sql_int (fixture,
                            "SELECT p.plan_id FROM activity a JOIN priority p ON "
                            "p.id = a.priority_id WHERE a.title = ?",
                            "Three"),
                   ==, 2);
}

static void
test_dry_run (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import = open_import (fixture, CSP_IMPORT_METRICS, "metrics-long.csv");
  gint64 values = count (fixture, "metric_value");
  gint64 channels = count (fixture, "channel");
  gint64 audit = count (fixture, "audit_log");

  csp_import_set_create_unknown (import, TRUE);
  write_ok (import, CSP_IMPORT_DRY_RUN);
  g_assert_cmpuint (csp_import_get_summary (import)->n_inserted, ==, 4);
  g_assert_cmpuint (csp_import_get_summary (import)->n_created, ==, 2);
  g_assert_cmpint (count (fixture, "metric_value"), ==, values);
  g_assert_cmpint (count (fixture, "channel"), ==, channels);
  g_assert_cmpint (count (fixture, "audit_log"), ==, audit);
  /* And then for real. */
  write_ok (import, CSP_IMPORT_FLAGS_NONE);
  g_assert_cmpint (count (fixture, "metric_value"), ==, values + 4);
  g_assert_cmpint (count (fixture, "channel"), ==, channels + 1);
}

static void
cancel_cb (double fraction, gpointer user_data)
{
  if (fraction > 0.6)
    g_cancellable_cancel (user_data);
}

/* Cancelled while writing: the transaction is rolled back. */
static void
test_cancel (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GString) text = g_string_new ("Title,Date,Format,Mode,Status\n");
  g_autoptr (CspImport) import = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  gint64 before = count (fixture, "activity");

  for (guint i = 0; i < 500; i++)
    g_string_append_printf (text, "Activity %u,01/05/2021,event,online,delivered\n", i);
  import = open_bytes (fixture, CSP_IMPORT_ACTIVITIES, text->str);
  g_assert_false (csp_import_write (import, CSP_IMPORT_FLAGS_NONE, cancel_cb, cancellable,
                                    cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count (fixture, "activity"), ==, before);
}

typedef struct
{
  GMainLoop *loop;
  gboolean ok;
  GError *error;
  guint n_progress;
} AsyncData;

static void
progress_cb (double fraction, gpointer user_data)
{
  AsyncData *data = user_data;

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  g_atomic_int_inc (&data->n_progress);
}

static void
checked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncData *data = user_data;

  data->ok = csp_import_check_finish (CSP_IMPORT (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
written_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  AsyncData *data = user_data;

  data->ok = csp_import_write_finish (CSP_IMPORT (source), result, &data->error);
  g_main_loop_quit (data->loop);
}

/* As a GTK assistant runs it: in a thread, with progress. */
static void
test_async (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import =
      open_import (fixture, CSP_IMPORT_ACTIVITIES, "activities-excel-1252.csv");
  g_autoptr (GPtrArray) preview = NULL;
  g_autoptr (GError) error = NULL;
  AsyncData data = { g_main_loop_new (NULL, FALSE), FALSE, NULL, 0 };
  gint64 before = count (fixture, "activity");

  preview = csp_import_preview (import, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, 2);
  g_assert_cmpstr (((CspImportPreviewRow *) g_ptr_array_index (preview, 0))->fields[0], ==,
                   "Café safety briefing");
  g_assert_cmpstr (((CspImportPreviewRow *) g_ptr_array_index (preview, 1))->fields[12], ==,
                   "2.500");
  g_assert_cmpuint (((CspImportPreviewRow *) g_ptr_array_index (preview, 1))->line, ==, 4);
  g_assert_null (((CspImportPreviewRow *) g_ptr_array_index (preview, 1))->problem);

  csp_import_check_async (import, progress_cb, &data, NULL, checked_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_true (data.ok);
  g_assert_cmpuint (data.n_progress, >, 0);
  csp_import_write_async (import, CSP_IMPORT_FLAGS_NONE, progress_cb, &data, NULL, written_cb,
                          &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_true (data.ok);
  g_assert_cmpint (count (fixture, "activity"), ==, before + 4);
  g_main_loop_unref (data.loop);
}

/* Mappings */

static void
test_mapping_guess (void)
{
  const char *const headers[] = { "Activity", "Date",     "Led by", "Attendees", "COVID-19",
                                  "Comments", "Priority", "Plan",   NULL };
  g_autoptr (CspImportMapping) mapping =
      csp_import_mapping_new_guessed (CSP_IMPORT_ACTIVITIES, headers);

  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Activity"), ==, "title");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Date"), ==, "start_date");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Led by"), ==, "lead_partner");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Attendees"), ==, "participants");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "COVID-19"), ==, "constraints");
  g_assert_null (csp_import_mapping_get_target (mapping, "Comments"));
  g_assert_cmpstr (csp_import_mapping_find_header (mapping, "plan"), ==, "Plan");

  /* One column per field: mapping another column to it moves it. */
  g_assert_true (csp_import_mapping_set_target (mapping, "Comments", "title"));
  g_assert_null (csp_import_mapping_get_target (mapping, "Activity"));
  g_assert_false (csp_import_mapping_set_target (mapping, "Comments", "no_such_field"));
  g_assert_false (csp_import_mapping_set_default (mapping, "no_such_field", "x"));
}

static void
test_mapping_check (void)
{
  const char *const headers[] = { "Title", "Date", NULL };
  g_autoptr (CspImportMapping) mapping =
      csp_import_mapping_new_guessed (CSP_IMPORT_ACTIVITIES, headers);
  g_autoptr (GError) error = NULL;

  g_assert_false (csp_import_mapping_check (mapping, headers, &error));
  g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_MAPPING);
  g_assert_cmpstr (error->message, ==,
                   "No column is chosen for “Format”, which every record needs. Choose the "
                   "column that holds it, or give one value for all rows");
  g_clear_error (&error);
  csp_import_mapping_set_default (mapping, "format", "Webinar");
  csp_import_mapping_set_default (mapping, "mode", "online");
  csp_import_mapping_set_default (mapping, "status", "sometime");
  g_assert_false (csp_import_mapping_check (mapping, headers, &error));
  g_assert_nonnull (strstr (error->message, "The value given for all rows of “Status” cannot be "
                                            "used: “sometime” is not one of the allowed values"));
  g_clear_error (&error);
  csp_import_mapping_set_default (mapping, "status", "delivered");
  g_assert_true (csp_import_mapping_check (mapping, headers, &error));
  g_assert_no_error (error);
}

static void
test_mapping_json (void)
{
  g_autoptr (CspImportMapping) mapping = csp_import_mapping_new (CSP_IMPORT_METRICS);
  g_autoptr (CspImportMapping) copy = NULL;
  g_autoptr (CspImportMapping) bad = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  g_autoptr (GError) error = NULL;

  csp_import_mapping_set_target (mapping, "Date", "month");
  csp_import_mapping_set_target (mapping, "Page likes", "value:followers");
  csp_import_mapping_set_default (mapping, "channel", "Facebook");
  csp_import_mapping_set_skip_rows (mapping, 1);
  csp_import_mapping_set_separator (mapping, ';');
  csp_import_mapping_set_alias (mapping, "channel", "FB  Page", 2);
  json = csp_import_mapping_to_json (mapping);
  copy = csp_import_mapping_new_from_json (CSP_IMPORT_METRICS, json, &error);
  g_assert_no_error (error);
  json_again = csp_import_mapping_to_json (copy);
  g_assert_cmpstr (json, ==, json_again);
  g_assert_cmpstr (csp_import_mapping_get_target (copy, "Page likes"), ==, "value:followers");
  g_assert_cmpstr (csp_import_mapping_get_default (copy, "channel"), ==, "Facebook");
  g_assert_cmpuint (csp_import_mapping_get_skip_rows (copy), ==, 1);
  g_assert_cmpint (csp_import_mapping_get_separator (copy), ==, ';');
  g_assert_cmpint (csp_import_mapping_get_alias (copy, "channel", "fb page"), ==, 2);
  g_assert_cmpint (csp_import_mapping_get_alias (copy, "partner", "fb page"), ==, 0);

  bad = csp_import_mapping_new_from_json (CSP_IMPORT_METRICS, "{\"columns\":{\"A\":\"title\"}}",
                                          &error);
  g_assert_null (bad);
  g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_MAPPING);
  g_clear_error (&error);
  bad = csp_import_mapping_new_from_json (CSP_IMPORT_METRICS, "[1,", &error);
  g_assert_null (bad);
  g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_MAPPING);
}

static void
test_mapping_saved (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImportMapping) mapping = csp_import_mapping_new (CSP_IMPORT_ACTIVITIES);
  g_autoptr (CspImportMapping) loaded = NULL;
  g_autoptr (CspImportMapping) missing = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;

  csp_import_mapping_set_target (mapping, "Event", "title");
  g_assert_true (csp_import_mapping_save (mapping, fixture->database, "Events team", &error));
  g_assert_true (csp_import_mapping_save (mapping, fixture->database, "Ward survey", &error));
  csp_import_mapping_set_target (mapping, "When", "start_date");
  g_assert_true (csp_import_mapping_save (mapping, fixture->database, " Events team ", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (csp_import_mapping_get_name (mapping), ==, "Events team");
  g_assert_cmpint (
      sql_int (fixture, "SELECT version FROM import_mapping WHERE name = ?", "Events team"), ==, 2);

  names = csp_import_mapping_list_saved (fixture->database, CSP_IMPORT_ACTIVITIES, &error);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "Events team");
  g_assert_cmpstr (names[1], ==, "Ward survey");
  g_clear_pointer (&names, g_strfreev);
  names = csp_import_mapping_list_saved (fixture->database, CSP_IMPORT_METRICS, &error);
  g_assert_cmpuint (g_strv_length (names), ==, 0);

  loaded =
      csp_import_mapping_load (fixture->database, CSP_IMPORT_ACTIVITIES, "Events team", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csp_import_mapping_get_target (loaded, "When"), ==, "start_date");
  missing = csp_import_mapping_load (fixture->database, CSP_IMPORT_ACTIVITIES, "Nope", &error);
  g_assert_null (missing);
  g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "There is no saved mapping called “Nope” for activities (saved: Events team, "
                   "Ward survey)");
  g_clear_error (&error);
  g_assert_true (csp_import_mapping_delete_saved (fixture->database, CSP_IMPORT_ACTIVITIES,
                                                  "Ward survey", &error));
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM import_mapping WHERE name != ?", ""), ==,
                   1);
  g_assert_false (csp_import_mapping_save (mapping, fixture->database, "  ", &error));
  g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_MAPPING);
}

typedef struct
{
  gint64 row_id;
  char *operation;
  JsonObject *changes;
} AuditEntry;

static void
audit_entry_free (AuditEntry *entry)
{
  g_free (entry->operation);
  json_object_unref (entry->changes);
  g_free (entry);
}

/* The audit entries of import_mapping, oldest first. */
static GPtrArray *
mapping_audit (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = csp_database_prepare (
      fixture->database,
      "SELECT row_id, operation, changes, user_name, created_at, updated_at FROM audit_log "
      "WHERE table_name = 'import_mapping' ORDER BY id",
      &error);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) audit_entry_free);
  g_autofree char *user = test_store_file_audit_user (fixture->database);
  CspStep step;

  g_assert_no_error (error);
  while ((step = csp_statement_step (stmt, &error)) == CSP_STEP_ROW)
    {
      AuditEntry *entry = g_new0 (AuditEntry, 1);
      g_autoptr (JsonNode) changes = json_from_string (csp_statement_get_text (stmt, 2), &error);

      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (changes));
      entry->row_id = csp_statement_get_int64 (stmt, 0);
      entry->operation = g_strdup (csp_statement_get_text (stmt, 1));
      entry->changes = json_object_ref (json_node_get_object (changes));
      g_ptr_array_add (entries, entry);
      /* Who and when, as the engine says. */
      g_assert_cmpstr (csp_statement_get_text (stmt, 3), ==, user);
      g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z$",
                                           csp_statement_get_text (stmt, 4), 0, 0));
      g_assert_cmpstr (csp_statement_get_text (stmt, 5), ==, csp_statement_get_text (stmt, 4));
    }
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, CSP_STEP_DONE);
  return entries;
}

static void
assert_audit_values (AuditEntry *entry, const char *name, const char *kind, const char *mapping)
{
  g_assert_cmpuint (json_object_get_size (entry->changes), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (entry->changes, "name"), ==, name);
  g_assert_cmpstr (json_object_get_string_member (entry->changes, "kind"), ==, kind);
  g_assert_cmpstr (json_object_get_string_member (entry->changes, "mapping"), ==, mapping);
}

/* Saving, replacing and deleting a mapping each leave an audit entry,
 * written with the change. */
static void
test_mapping_audit (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImportMapping) mapping = csp_import_mapping_new (CSP_IMPORT_METRICS);
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  AuditEntry *entry;
  JsonArray *pair;
  gint64 id;

  entries = mapping_audit (fixture);
  g_assert_cmpuint (entries->len, ==, 0);
  g_clear_pointer (&entries, g_ptr_array_unref);

  csp_import_mapping_set_target (mapping, "Date", "month");
  first = csp_import_mapping_to_json (mapping);
  g_assert_true (csp_import_mapping_save (mapping, fixture->database, " Facebook ", &error));
  g_assert_no_error (error);
  id = sql_int (fixture, "SELECT id FROM import_mapping WHERE name = ?", "Facebook");
  g_assert_cmpint (id, >, 0);
  entries = mapping_audit (fixture);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpint (entry->row_id, ==, id);
  g_assert_cmpstr (entry->operation, ==, "insert");
  assert_audit_values (entry, "Facebook", "metrics", first);
  g_clear_pointer (&entries, g_ptr_array_unref);

  csp_import_mapping_set_target (mapping, "Likes", "value:followers");
  second = csp_import_mapping_to_json (mapping);
  g_assert_true (csp_import_mapping_save (mapping, fixture->database, "Facebook", &error));
  g_assert_no_error (error);
  entries = mapping_audit (fixture);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpint (entry->row_id, ==, id);
  g_assert_cmpstr (entry->operation, ==, "update");
  g_assert_cmpuint (json_object_get_size (entry->changes), ==, 1);
  pair = json_object_get_array_member (entry->changes, "mapping");
  g_assert_cmpuint (json_array_get_length (pair), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (pair, 0), ==, first);
  g_assert_cmpstr (json_array_get_string_element (pair, 1), ==, second);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Deleting what is not there changes nothing, so writes no entry. */
  g_assert_true (
      csp_import_mapping_delete_saved (fixture->database, CSP_IMPORT_METRICS, "Nope", &error));
  g_assert_no_error (error);
  g_assert_true (
      csp_import_mapping_delete_saved (fixture->database, CSP_IMPORT_METRICS, "Facebook", &error));
  g_assert_no_error (error);
  entries = mapping_audit (fixture);
  g_assert_cmpuint (entries->len, ==, 3);
  entry = g_ptr_array_index (entries, 2);
  g_assert_cmpint (entry->row_id, ==, id);
  g_assert_cmpstr (entry->operation, ==, "delete");
  assert_audit_values (entry, "Facebook", "metrics", second);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* The entry is written in the save's transaction: undone with it. */
  g_assert_true (csp_database_begin (fixture->database, &error));
  g_assert_true (csp_import_mapping_save (mapping, fixture->database, "Undone", &error));
  g_assert_no_error (error);
  csp_database_rollback (fixture->database);
  g_assert_cmpint (
      sql_int (fixture, "SELECT count(*) FROM import_mapping WHERE name = ?", "Undone"), ==, 0);
  entries = mapping_audit (fixture);
  g_assert_cmpuint (entries->len, ==, 3);
}

/* Round trip: what one database exports, another imports as the same
 * records. */

static char *
action_key (Fixture *fixture, gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt =
      csp_database_prepare (fixture->database,
                            "SELECT CAST(p.plan_id AS TEXT) || '/' || a.ref FROM action a "
                            "JOIN priority p ON p.id = a.priority_id WHERE a.id = ?",
                            &error);

  g_assert_no_error (error);
  csp_statement_bind_int64 (stmt, 1, id);
  g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_ROW);
  g_assert_no_error (error);
  return g_strdup (csp_statement_get_text (stmt, 0));
}

static char *
signature (Fixture *fixture, CspRecord *record)
{
  const CspTableInfo *info = CSP_RECORD_GET_CLASS (record)->info;
  g_autoptr (GString) text = g_string_new (NULL);
  guint n_ids = 0;

  for (guint i = 0; i < info->n_columns; i++)
    {
      const CspColumn *column = &info->columns[i];
      const GValue *value = csp_record_get_value (record, column->name);

      g_string_append_printf (text, "%s=", column->name);
      if (csp_record_is_null (record, column->name))
        g_string_append (text, "NULL");
      else if (g_str_equal (column->name, "action_id"))
        {
          /* Actions are made anew, so their ids differ: compare plan and reference. */
          g_autofree char *key = action_key (fixture, g_value_get_int64 (value));
          g_string_append (text, key);
        }
      else if (G_VALUE_HOLDS_STRING (value))
        g_string_append (text, g_value_get_string (value));
      else if (G_VALUE_HOLDS_INT64 (value))
        g_string_append_printf (text, "%" G_GINT64_FORMAT, g_value_get_int64 (value));
      else
        g_string_append (text, g_value_get_boolean (value) ? "yes" : "no");
      g_string_append_c (text, '\x1f');
    }
  if (info->partner_table != NULL)
    {
      const gint64 *ids = csp_record_get_partner_ids (record, &n_ids);
      for (guint i = 0; i < n_ids; i++)
        g_string_append_printf (text, "p%" G_GINT64_FORMAT ",", ids[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static GPtrArray *
signatures (Fixture *fixture, GType type)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) records = csp_store_list (fixture->store, type, NULL, &error);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (result, signature (fixture, g_ptr_array_index (records, i)));
  g_ptr_array_sort (result, compare_strings);
  return result;
}

static void
add_awkward_activity (Fixture *fixture)
{
  g_autoptr (CspRecord) activity = csp_record_new (CSP_TYPE_ACTIVITY);
  g_autoptr (GError) error = NULL;
  const gint64 partners[] = { 3, 16 };

  csp_record_set_string (activity, "title", "=HYPERLINK(\"http://x\";\"click\")");
  csp_record_set_string (activity, "start_date", "2021-12-01");
  csp_record_set_string (activity, "format", "other");
  csp_record_set_string (activity, "mode", "hybrid");
  csp_record_set_string (activity, "location", "  Leading and trailing spaces  ");
  csp_record_set_string (activity, "ward", "+44 1707 357000");
  csp_record_set_string (activity, "audience", "@everyone; \"quoted\", and, commas");
  csp_record_set_string (activity, "constraints", "-minus first\nsecond line\n\nthird, “curly”");
  csp_record_set_string (activity, "outcome", "\tTab first — £5 ✓ 'single'");
  csp_record_set_int (activity, "lead_partner_id", 16);
  csp_record_set_int (activity, "participants", 0);
  csp_record_set_int (activity, "reach", 9007199254740993);
  csp_record_set_string (activity, "status", "planned");
  csp_record_set_bool (activity, "include_in_appendix", FALSE);
  csp_record_set_partner_ids (activity, partners, G_N_ELEMENTS (partners));
  g_assert_true (csp_store_insert (fixture->store, activity, &error));
  g_assert_no_error (error);
}

static void
test_round_trip (Fixture *fixture, gconstpointer user_data)
{
  static const CspImportKind order[] = { CSP_IMPORT_ACTIONS, CSP_IMPORT_ACTIVITIES,
                                         CSP_IMPORT_METRICS };
  g_autoptr (GError) error = NULL;
  Fixture other = { .dir = fixture->dir };

  add_awkward_activity (fixture);
  other.location = test_engine_new_location (fixture->dir, "other.db");
  other.database = open_sample (other.location);
  other.store = csp_store_new (other.database);
  /* SQLite's search index is tables of its own. */
  g_assert_true (csp_database_exec (
      other.database,
      csp_database_pick_sql (other.database,
                             "DELETE FROM activity; DELETE FROM action; "
                             "DELETE FROM metric_value; DELETE FROM activity_fts; "
                             "DELETE FROM action_fts",
                             "DELETE FROM activity; DELETE FROM action; DELETE FROM metric_value"),
      &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.csv", csp_import_kind_to_string (order[i]));
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (CspImport) import = csp_import_new (other.store, order[i]);
      g_autoptr (CspImport) again = csp_import_new (fixture->store, order[i]);
      g_autoptr (GPtrArray) expected = NULL;
      g_autoptr (GPtrArray) actual = NULL;
      GType type = csp_import_kind_get_record_type (order[i]);

      g_assert_true (csp_export_csv (fixture->database, order[i], file, CSP_EXPORT_CSV_FLAGS_NONE,
                                     NULL, &error));
      g_assert_no_error (error);
      g_assert_true (csp_import_open (import, file, NULL, &error));
      g_assert_no_error (error);
      write_ok (import, CSP_IMPORT_FLAGS_NONE);
      g_assert_cmpuint (csp_import_get_summary (import)->n_rejected, ==, 0);
      g_assert_cmpuint (csp_import_get_summary (import)->n_created, ==, 0);

      expected = signatures (fixture, type);
      actual = signatures (&other, type);
      g_assert_cmpuint (actual->len, ==, expected->len);
      for (guint j = 0; j < expected->len; j++)
        g_assert_cmpstr (g_ptr_array_index (actual, j), ==, g_ptr_array_index (expected, j));

      /* Imported into the database it came from, it changes nothing. */
      g_assert_true (csp_import_open (again, file, NULL, &error));
      write_ok (again, CSP_IMPORT_FLAGS_NONE);
      g_assert_cmpuint (csp_import_get_summary (again)->n_inserted, ==, 0);
      g_assert_cmpuint (csp_import_get_summary (again)->n_updated, ==, 0);
      g_assert_cmpuint (csp_import_get_summary (again)->n_unchanged, ==, expected->len);
    }
  g_clear_object (&other.store);
  g_clear_object (&other.database);
  test_engine_drop_location (other.location);
  g_free (other.location);
}

/* What the check says of a broken file. */
static void
test_malformed_file (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import = csp_import_new (fixture->store, CSP_IMPORT_ACTIVITIES);
  g_autoptr (GBytes) bytes = g_bytes_new_static ("Title,Date\nx,\"01/01/2021\n", 25);
  g_autoptr (GError) error = NULL;
  gint64 before = count (fixture, "activity");

  g_assert_true (csp_import_open_bytes (import, bytes, "broken.csv", &error));
  csp_import_mapping_set_default (csp_import_get_mapping (import), "format", "event");
  csp_import_mapping_set_default (csp_import_get_mapping (import), "mode", "online");
  csp_import_mapping_set_default (csp_import_get_mapping (import), "status", "planned");
  g_assert_false (csp_import_write (import, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_error (error, CSP_CSV_ERROR, CSP_CSV_ERROR_UNTERMINATED_QUOTE);
  g_assert_cmpstr (error->message, ==,
                   "“broken.csv”, line 2: the quoted value in column 2 is never closed (a "
                   "closing \" is missing)");
  g_assert_cmpint (count (fixture, "activity"), ==, before);
}

/* A row with more or fewer values than the header is a rejected row with
 * its line, not a file that cannot be read: the rows around it preview,
 * check and import as usual. */
static void
test_ragged_rows (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import =
      open_bytes (fixture, CSP_IMPORT_ACTIVITIES,
                  "Title,Start date,Format,Mode,Participants,Status\n"
                  "Ragged talk,01/05/2024,webinar,online,1,200,delivered\n"
                  "Ragged walk,02/05/2024,event,in person,12,delivered\n"
                  "Ragged short,03/05/2024\n"
                  "Ragged last,04/05/2024,event,hybrid,7,delivered\n");
  g_autoptr (GPtrArray) preview = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  const CspImportSummary *summary;
  const CspImportProblem *problems;
  const CspImportPreviewRow *row;
  guint n_problems = 0;
  gint64 before = count (fixture, "activity");

  preview = csp_import_preview (import, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, 4);
  row = g_ptr_array_index (preview, 0);
  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpstr (row->problem, ==,
                   "this row has 7 values where the header row has 6 columns: “1” under "
                   "“Participants” and the “200” after it look like one number, 1,200, split at "
                   "its comma. Write the number without the comma, or in quotes (\"1,200\")");
  row = g_ptr_array_index (preview, 1);
  g_assert_cmpuint (row->line, ==, 3);
  g_assert_null (row->problem);
  g_assert_cmpstr (row->fields[4], ==, "12");
  row = g_ptr_array_index (preview, 2);
  g_assert_nonnull (row->problem);
  g_assert_cmpstr (row->fields[5], ==, "");

  check_ok (import);
  summary = csp_import_get_summary (import);
  g_assert_cmpuint (summary->n_rows, ==, 4);
  g_assert_cmpuint (summary->n_rejected, ==, 2);
  g_assert_cmpuint (summary->n_inserted, ==, 2);
  problems = csp_import_get_problems (import, &n_problems);
  g_assert_cmpuint (n_problems, ==, 2);
  g_assert_cmpuint (problems[0].line, ==, 2);
  g_assert_null (problems[0].column);
  g_assert_true (g_str_has_prefix (problems[0].message, "this row has 7 values where the header "
                                                        "row has 6 columns: “1” under"));
  g_assert_cmpuint (problems[1].line, ==, 4);
  g_assert_true (g_str_has_prefix (problems[1].message, "this row has 2 values where the header "
                                                        "row has 6 columns: check for a missing "
                                                        "separator"));

  /* All or nothing refuses; skipping them writes the others. */
  g_assert_false (csp_import_write (import, CSP_IMPORT_FLAGS_NONE, NULL, NULL, NULL, &error));
  g_assert_error (error, CSP_IMPORT_ERROR, CSP_IMPORT_ERROR_REJECTED);
  g_clear_error (&error);
  g_assert_cmpint (count (fixture, "activity"), ==, before);
  write_ok (import, CSP_IMPORT_SKIP_INVALID);
  g_assert_cmpint (count (fixture, "activity"), ==, before + 2);
  stored = csp_store_list (fixture->store, CSP_TYPE_ACTIVITY, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stored->len; i++)
    {
      CspRecord *record = g_ptr_array_index (stored, i);
      const char *title = csp_record_get_string (record, "title");

      g_assert_cmpstr (title, !=, "Ragged talk");
      g_assert_cmpstr (title, !=, "Ragged short");
      if (g_str_equal (title, "Ragged walk"))
        g_assert_cmpint (csp_record_get_int (record, "participants"), ==, 12);
    }
}

/* Columns whose names say nothing are mapped by what they hold: choices
 * by their words or labels, partners by their names, the date every
 * record needs by dates. Names come first, and a field takes one column. */
static void
test_guess_from_values (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspImport) import = open_bytes (
      fixture, CSP_IMPORT_ACTIVITIES,
      "Activity,Held,Finished,How,Kind of thing,Organiser,With,State,Also how,Comments\n"
      "Talk,01/05/2024,01/05/2024,Online,Webinar,Welwyn Hatfield Borough Council,"
      "Hertfordshire Constabulary; Welwyn Hatfield Borough Council,Delivered,online,Good\n"
      "Walk,2024-05-02,02/05/2024,In person,Street briefing,Hertfordshire Constabulary,,"
      "planned,in person,Wet\n"
      "Fair,3 May 2024,,Hybrid,event,Welwyn Hatfield Borough Council,Hertfordshire "
      "Constabulary,delivered,,\n");
  CspImportMapping *mapping = csp_import_get_mapping (import);
  g_autoptr (CspImport) named =
      open_bytes (fixture, CSP_IMPORT_ACTIVITIES,
                  "Title,Start date,Format,Online/In person,Status,Notes\n"
                  "Named,01/05/2024,webinar,In person,planned,Online\n");
  g_autoptr (CspImport) metrics =
      open_bytes (fixture, CSP_IMPORT_METRICS,
                  "Where,When,Measure kind,Figure\n"
                  "Welwyn Hatfield CSP Facebook,2024-04,followers,3400\n");
  g_autoptr (CspImport) actions = open_bytes (fixture, CSP_IMPORT_ACTIONS,
                                              "Priority,Ref,Title,Current RAG,Where it stands\n"
                                              "Scams,1.1,Talks,Complete,Complete\n"
                                              "Scams,1.2,Leaflets,Complete,In progress\n");
  g_autoptr (CspImport) tied = open_bytes (fixture, CSP_IMPORT_ACTIONS,
                                           "Priority,Ref,Title,Stage\n"
                                           "Scams,1.1,Talks,Complete\n");
  g_autoptr (GPtrArray) missing = NULL;

  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Activity"), ==, "title");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Held"), ==, "start_date");
  /* A date that no record needs is not guessed from dates alone. */
  g_assert_null (csp_import_mapping_get_target (mapping, "Finished"));
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "How"), ==, "mode");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Kind of thing"), ==, "format");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Organiser"), ==, "lead_partner");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "With"), ==, "supporting_partners");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "State"), ==, "status");
  /* Mode has its column: a second column of modes is left alone. */
  g_assert_null (csp_import_mapping_get_target (mapping, "Also how"));
  g_assert_null (csp_import_mapping_get_target (mapping, "Comments"));
  check_ok (import);
  g_assert_cmpuint (csp_import_get_summary (import)->n_rejected, ==, 0);

  /* "Online/In person" is Mode by its name; values do not move a named column. */
  mapping = csp_import_get_mapping (named);
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Online/In person"), ==, "mode");
  g_assert_null (csp_import_mapping_get_target (mapping, "Notes"));

  /* A channel by its name, a metric's kind by its words, the month. */
  mapping = csp_import_get_mapping (metrics);
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Where"), ==, "channel");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "When"), ==, "month");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Measure kind"), ==, "kind");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Figure"), ==, "value");
  missing = csp_import_mapping_list_missing (
      mapping, csp_csv_reader_get_headers (csp_import_get_reader (metrics)));
  g_assert_cmpuint (missing->len, ==, 0);

  /* "Complete" is a status and a RAG rating alike: the column's name
   * decides, else the field every record needs. */
  mapping = csp_import_get_mapping (actions);
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Current RAG"), ==, "rag");
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Where it stands"), ==, "status");
  mapping = csp_import_get_mapping (tied);
  g_assert_cmpstr (csp_import_mapping_get_target (mapping, "Stage"), ==, "status");
}

/* The fields still without a column, for the assistant to name. */
static void
test_mapping_missing (void)
{
  const char *const headers[] = { "Title", "Date", "Format", NULL };
  g_autoptr (CspImportMapping) mapping =
      csp_import_mapping_new_guessed (CSP_IMPORT_ACTIVITIES, headers);
  g_autoptr (GPtrArray) missing = csp_import_mapping_list_missing (mapping, headers);

  g_assert_cmpuint (missing->len, ==, 2);
  g_assert_cmpstr (((const CspImportTarget *) g_ptr_array_index (missing, 0))->name, ==, "mode");
  g_assert_cmpstr (((const CspImportTarget *) g_ptr_array_index (missing, 1))->name, ==, "status");
  g_clear_pointer (&missing, g_ptr_array_unref);
  csp_import_mapping_set_default (mapping, "mode", "online");
  missing = csp_import_mapping_list_missing (mapping, headers);
  g_assert_cmpuint (missing->len, ==, 1);
}

static void
test_targets_cover_columns (void)
{
  for (guint k = 0; k < CSP_IMPORT_N_KINDS; k++)
    {
      const CspTableInfo *info = csp_record_type_get_info (csp_import_kind_get_record_type (k));
      guint n_targets = 0;
      const CspImportTarget *targets = csp_import_kind_get_targets (k, &n_targets);

      for (guint c = 0; c < info->n_columns; c++)
        {
          gboolean found = g_str_equal (info->columns[c].name, "metric_id");

          for (guint t = 0; t < n_targets && !found; t++)
            found = g_strcmp0 (targets[t].column, info->columns[c].name) == 0 &&
                    targets[t].kind != CSP_IMPORT_TARGET_METRIC_VALUE;
          g_test_message ("%s.%s", info->table, info->columns[c].name);
          g_assert_true (found);
        }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/activities/windows-1252-excel", test_windows_1252_excel);
  ADD ("/import/activities/utf8-bom", test_utf8_bom);
  ADD ("/import/activities/announced-once", test_announced_once);
  ADD ("/import/rejected/nothing-written", test_rejected_nothing_written);
  ADD ("/import/rejected/skip-invalid", test_rejected_skip_invalid);
  ADD ("/import/rejected/line-numbers", test_line_numbers);
  ADD ("/import/rejected/malformed-file", test_malformed_file);
  ADD ("/import/rejected/ragged-rows", test_ragged_rows);
  ADD ("/import/mapping/guess-from-values", test_guess_from_values);
  ADD ("/import/reimport", test_reimport);
  ADD ("/import/reimport-overlap", test_reimport_overlap);
  ADD ("/import/reimport-two-stored", test_reimport_two_stored);
  ADD ("/import/metrics/facebook-insights", test_facebook_insights);
  ADD ("/import/metrics/daily", test_daily_figures);
  ADD ("/import/metrics/daily-again", test_daily_figures_again);
  ADD ("/import/metrics/daily-rejected-day", test_daily_figures_rejected_day);
  ADD ("/import/metrics/partial-after-whole", test_partial_after_whole);
  ADD ("/import/metrics/daily-too-large", test_daily_figures_too_large);
  ADD ("/import/metrics/weekly", test_weekly_figures);
  ADD ("/import/metrics/ambiguous-dates", test_ambiguous_dates);
  ADD ("/import/metrics/unknown-channel", test_metrics_unknown_channel);
  ADD ("/import/actions/new-priority", test_actions_new_priority);
  ADD ("/import/unknown/mapped", test_unknown_mapped);
  ADD ("/import/unknown/priority-needs-plan", test_priority_needs_plan);
  ADD ("/import/dry-run", test_dry_run);
  ADD ("/import/cancel", test_cancel);
  ADD ("/import/async", test_async);
  ADD ("/import/round-trip", test_round_trip);
  ADD ("/import/mapping/saved", test_mapping_saved);
  ADD ("/import/mapping/audit", test_mapping_audit);
#undef ADD
  g_test_add_func ("/import/mapping/guess", test_mapping_guess);
  g_test_add_func ("/import/mapping/check", test_mapping_check);
  g_test_add_func ("/import/mapping/missing", test_mapping_missing);
  g_test_add_func ("/import/mapping/json", test_mapping_json);
  g_test_add_func ("/import/targets-cover-columns", test_targets_cover_columns);
  return g_test_run ();
}

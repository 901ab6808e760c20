/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-meetings-risks"

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "csp-audit-log.h"
#include "csp-chart-events.h"
#include "csp-export-csv.h"
#include "csp-history.h"
#include "csp-records.h"
#include "csp-sample.h"
#include "test-engine.h"
#include "test-store-file.h"

/* The store's rules for meetings, risks with the actions they affect, and
 * chart events, on the sample partnership. */
typedef struct
{
  TestStoreFile file;
  CspHistory *history;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  test_store_file_set_up (&fixture->file, "csp-meetings-risks");
  g_assert_true (csp_sample_load (fixture->file.store, &error));
  g_assert_no_error (error);
  fixture->history = csp_history_new (fixture->file.store);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_clear_object (&fixture->history);
  test_store_file_tear_down (&fixture->file);
}

static CspRecord *
get (Fixture *fixture, GType type, gint64 id)
{
  g_autoptr (GError) error = NULL;
  CspRecord *record = csp_store_get (fixture->file.store, type, id, &error);

  g_assert_no_error (error);
  return record;
}

static guint
count_links (Fixture *fixture, const char *column, gint64 id)
{
  CspQuery query = { .ref_column = column, .ref_id = id };
  g_autoptr (GError) error = NULL;
  guint n = 0;

  g_assert_true (csp_store_count (fixture->file.store, CSP_TYPE_RISK_ACTION, &query, &n, &error));
  return n;
}

/* The record is refused, and the message names @label. */
static void
assert_refused (CspRecord *record, const char *label)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (csp_record_validate (record, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, label));
}

static CspRecord *
new_meeting (void)
{
  CspRecord *meeting = csp_record_new (CSP_TYPE_MEETING);
  const gint64 attending[] = { 1, 2, 5 };

  csp_record_set_string (meeting, "kind", "rag");
  csp_record_set_string (meeting, "title", "Responsible Authorities Group");
  csp_record_set_string (meeting, "held_on", "2021-09-14");
  csp_record_set_string (meeting, "starts_at", "14:30");
  csp_record_set_string (meeting, "place", "https://teams.example/rag");
  csp_record_set_partner_ids (meeting, attending, G_N_ELEMENTS (attending));
  return meeting;
}

static void
test_meeting_round_trip (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRecord) meeting = new_meeting ();
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (CspChange) change = NULL;
  g_autoptr (GError) error = NULL;
  const gint64 *ids;
  guint n_ids = 0;

  g_assert_true (csp_history_insert (fixture->history, meeting, &error));
  g_assert_no_error (error);
  stored = get (fixture, CSP_TYPE_MEETING, csp_record_get_id (meeting));
  g_assert_true (csp_record_same_values (stored, meeting));
  g_assert_cmpstr (csp_record_get_string (stored, "starts_at"), ==, "14:30");
  ids = csp_record_get_partner_ids (stored, &n_ids);
  g_assert_cmpuint (n_ids, ==, 3);
  g_assert_cmpint (ids[2], ==, 5);

  change = csp_audit_log_last_change (csp_store_get_database (fixture->file.store), "meeting",
                                      csp_record_get_id (meeting), &error);
  g_assert_no_error (error);
  g_assert_nonnull (change);
  g_assert_cmpstr (change->operation, ==, "insert");

  /* Undone, it is gone with its partners; redone, back with them. */
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_clear_object (&stored);
  g_assert_null (
      csp_store_get (fixture->file.store, CSP_TYPE_MEETING, csp_record_get_id (meeting), &error));
  g_clear_error (&error);
  g_assert_true (csp_history_redo (fixture->history, &error));
  stored = get (fixture, CSP_TYPE_MEETING, csp_record_get_id (meeting));
  csp_record_get_partner_ids (stored, &n_ids);
  g_assert_cmpuint (n_ids, ==, 3);
}

static void
test_meeting_validation (void)
{
  static const struct
  {
    const char *column;
    const char *value;
    const char *label;
  } cases[] = {
    { "starts_at", "25:00", "Time" },    { "starts_at", "9.30", "Time" },
    { "starts_at", "09:60", "Time" },    { "kind", "weekly", "Kind" },
    { "held_on", "2021-02-30", "Date" }, { "held_on", NULL, "Date" },
    { "title", " ", "Title" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CspRecord) meeting = new_meeting ();

      if (cases[i].value != NULL)
        csp_record_set_string (meeting, cases[i].column, cases[i].value);
      else
        csp_record_set_null (meeting, cases[i].column);
      assert_refused (meeting, cases[i].label);
    }
  {
    g_autoptr (CspRecord) meeting = new_meeting ();

    csp_record_set_string (meeting, "starts_at", "00:00");
    g_assert_true (csp_record_validate (meeting, NULL));
    csp_record_set_null (meeting, "starts_at");
    g_assert_true (csp_record_validate (meeting, NULL));
  }
}

/* A colleague's save in between is a conflict, never overwritten. */
static void
test_meeting_conflict (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRecord) mine = get (fixture, CSP_TYPE_MEETING, 16);
  g_autoptr (CspRecord) theirs = get (fixture, CSP_TYPE_MEETING, 16);
  g_autoptr (GError) error = NULL;

  csp_record_set_string (theirs, "place", "Campus East, Committee Room 2");
  g_assert_true (csp_store_update (fixture->file.store, theirs, &error));
  csp_record_set_string (mine, "starts_at", "11:00");
  g_assert_false (csp_history_update (fixture->history, mine, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
}

/* Each new kind of record, edited as the editors edit it: the change is
 * audited, undone and redone; and a colleague's save in between is a
 * conflict, never overwritten. */
static void
test_edit_rules (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    GType (*get_type) (void);
    gint64 id;
    const char *column;
  } records[] = {
    { csp_meeting_get_type, 16, "place" },
    { csp_risk_get_type, 3, "mitigation" },
    { csp_chart_event_get_type, 1, "title" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (records); i++)
    {
      GType type = records[i].get_type ();
      const char *table = csp_record_type_get_info (type)->table;
      const char *column = records[i].column;
      g_autoptr (CspRecord) mine = get (fixture, type, records[i].id);
      g_autoptr (CspRecord) theirs = NULL;
      g_autoptr (CspRecord) stored = NULL;
      g_autoptr (CspChange) change = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *before = g_strdup (csp_record_get_string (mine, column));

      csp_record_set_string (mine, column, "Changed in the editor");
      g_assert_true (csp_history_update (fixture->history, mine, &error));
      g_assert_no_error (error);
      change = csp_audit_log_last_change (csp_store_get_database (fixture->file.store), table,
                                          records[i].id, &error);
      g_assert_no_error (error);
      g_assert_nonnull (change);
      g_assert_cmpstr (change->operation, ==, "update");

      g_assert_true (csp_history_undo (fixture->history, &error));
      g_assert_no_error (error);
      stored = get (fixture, type, records[i].id);
      g_assert_cmpstr (csp_record_get_string (stored, column), ==, before);
      g_assert_true (csp_history_redo (fixture->history, &error));
      g_assert_no_error (error);
      g_clear_object (&stored);
      stored = get (fixture, type, records[i].id);
      g_assert_cmpstr (csp_record_get_string (stored, column), ==, "Changed in the editor");

      /* Mine is the version before a colleague's save. */
      theirs = get (fixture, type, records[i].id);
      csp_record_set_string (theirs, column, "Changed by a colleague");
      g_assert_true (csp_store_update (fixture->file.store, theirs, &error));
      g_assert_no_error (error);
      csp_record_set_string (stored, column, "Changed again in the editor");
      g_assert_false (csp_history_update (fixture->history, stored, &error));
      g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
      g_clear_object (&theirs);
      theirs = get (fixture, type, records[i].id);
      g_assert_cmpstr (csp_record_get_string (theirs, column), ==, "Changed by a colleague");
    }
}

static void
test_risk_validation (Fixture *fixture, gconstpointer data)
{
  static const struct
  {
    const char *column;
    gint64 number;
    const char *text;
    const char *label;
  } cases[] = {
    { "likelihood", 6, NULL, "Likelihood" },
    { "likelihood", 0, NULL, "Likelihood" },
    { "impact", 0, NULL, "Impact" },
    { "impact", 9, NULL, "Impact" },
    { "review_date", 0, "next week", "Review date" },
    { "status", 0, "gone", "Status" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (CspRecord) risk = get (fixture, CSP_TYPE_RISK, 3);

      g_assert_true (csp_record_validate (risk, NULL));
      if (cases[i].text != NULL)
        csp_record_set_string (risk, cases[i].column, cases[i].text);
      else
        csp_record_set_int (risk, cases[i].column, cases[i].number);
      assert_refused (risk, cases[i].label);
    }
}

/* Links go with their risk or their action, and come back with its undo. */
static void
test_risk_links (Fixture *fixture, gconstpointer data)
{
  g_autoptr (CspRecord) risk = get (fixture, CSP_TYPE_RISK, 2);
  g_autoptr (CspRecord) action = get (fixture, CSP_TYPE_ACTION, 26);
  g_autoptr (CspRecord) link = csp_record_new (CSP_TYPE_RISK_ACTION);
  g_autoptr (CspRecord) again = csp_record_new (CSP_TYPE_RISK_ACTION);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (count_links (fixture, "risk_id", 2), ==, 3);
  g_assert_cmpuint (count_links (fixture, "action_id", 26), ==, 1);

  /* Linked once only. */
  csp_record_set_int (link, "risk_id", 1);
  csp_record_set_int (link, "action_id", 26);
  g_assert_true (csp_history_insert (fixture->history, link, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_links (fixture, "action_id", 26), ==, 2);
  csp_record_set_int (again, "risk_id", 1);
  csp_record_set_int (again, "action_id", 26);
  g_assert_false (csp_history_insert (fixture->history, again, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (csp_history_delete (fixture->history, risk, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_links (fixture, "risk_id", 2), ==, 0);
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_links (fixture, "risk_id", 2), ==, 3);

  g_assert_true (csp_history_delete (fixture->history, action, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_links (fixture, "action_id", 26), ==, 0);
  g_assert_cmpuint (count_links (fixture, "risk_id", 2), ==, 2);
  g_assert_true (csp_history_undo (fixture->history, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_links (fixture, "action_id", 26), ==, 2);

  /* A link names a risk and an action. */
  {
    g_autoptr (CspRecord) half = csp_record_new (CSP_TYPE_RISK_ACTION);

    csp_record_set_int (half, "risk_id", 1);
    assert_refused (half, "Action");
  }
}

/* The risk register as a spreadsheet has each risk's score beside its
 * likelihood and impact, as the file a person opens shows it: read back
 * with Python's csv module, a reader not our own. */
static void
test_risk_export (Fixture *fixture, gconstpointer data)
{
  const char *program = "import csv, sys\n"
                        "rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')))\n"
                        "for r in rows: print(r['Likelihood'], r['Impact'], r['Score'])\n";
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("csp-risk-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "risks.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  const char *argv[] = { "python3", "-c", program, path, NULL };
  g_autofree char *out = NULL;
  g_auto (GStrv) lines = NULL;
  int status = 0;
  guint n_risks = 0;

  g_assert_no_error (error);
  {
    g_autoptr (CspExportTable) table = csp_export_table_new_for_type (
        csp_store_get_database (fixture->file.store), CSP_TYPE_RISK, &error);

    g_assert_no_error (error);
    g_assert_true (csp_export_csv_table (table, file, CSP_EXPORT_CSV_FLAGS_NONE, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      gint64 likelihood = 0, impact = 0, score = 0;

      g_assert_cmpint (sscanf (lines[i],
                               "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                               &likelihood, &impact, &score),
                       ==, 3);
      g_assert_cmpint (score, ==, likelihood * impact);
      n_risks++;
    }
  g_assert_cmpuint (n_risks, ==, 6);
  g_unlink (path);
  g_rmdir (folder);
}

static void
test_chart_events (Fixture *fixture, gconstpointer data)
{
  CspQuery query = { .sort_column = "starts_on" };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) events =
      csp_store_list (fixture->file.store, CSP_TYPE_CHART_EVENT, &query, &error);
  g_autoptr (CspRecord) event = csp_record_new (CSP_TYPE_CHART_EVENT);

  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  g_assert_cmpstr (csp_record_get_string (g_ptr_array_index (events, 0), "title"), ==,
                   "First national lockdown");
  g_assert_cmpstr (csp_record_get_string (g_ptr_array_index (events, 2), "starts_on"), ==,
                   "2021-01-06");

  /* A new event is shown on charts unless said otherwise. */
  g_assert_true (csp_record_get_bool (event, "shown"));
  csp_record_set_string (event, "title", "Safer Streets launch");
  csp_record_set_string (event, "starts_on", "2021-06-01");
  csp_record_set_string (event, "ends_on", "2021-05-31");
  assert_refused (event, "End date");
  csp_record_set_null (event, "ends_on");
  g_assert_true (csp_history_insert (fixture->history, event, &error));
  g_assert_no_error (error);
  csp_record_set_string (event, "title", "");
  assert_refused (event, "Label");
}

/* What the trend charts mark: the events shown on charts, at the month
 * each started, earliest first. */
static void
test_chart_event_marks (Fixture *fixture, gconstpointer data)
{
  CspDatabase *database = csp_store_get_database (fixture->file.store);
  g_autoptr (CspRecord) first = get (fixture, CSP_TYPE_CHART_EVENT, 1);
  g_autoptr (GArray) marks = NULL;
  g_autoptr (GError) error = NULL;

  marks = csp_chart_events_query (database, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (marks->len, ==, 3);
  g_assert_cmpstr (g_array_index (marks, CspChartEventMark, 0).month, ==, "2020-03");
  g_assert_cmpstr (g_array_index (marks, CspChartEventMark, 2).label, ==,
                   "Third national lockdown");
  g_clear_pointer (&marks, g_array_unref);

  csp_record_set_bool (first, "shown", FALSE);
  g_assert_true (csp_history_update (fixture->history, first, &error));
  marks = csp_chart_events_query (database, &error);
  g_assert_cmpuint (marks->len, ==, 2);
  g_assert_cmpstr (g_array_index (marks, CspChartEventMark, 0).month, ==, "2020-11");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/meetings/round-trip", test_meeting_round_trip);
  g_test_add_func ("/meetings/validation", test_meeting_validation);
  ADD ("/meetings/conflict", test_meeting_conflict);
  ADD ("/records/edit-rules", test_edit_rules);
  ADD ("/risks/validation", test_risk_validation);
  ADD ("/risks/links", test_risk_links);
  ADD ("/risks/export", test_risk_export);
  ADD ("/chart-events/store", test_chart_events);
  ADD ("/chart-events/marks", test_chart_event_marks);
#undef ADD
  return g_test_run ();
}

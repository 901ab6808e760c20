/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "csp-database.h"
#include "csp-records.h"
#include "csp-ref-choices.h"
#include "csp-store.h"
#include "test-engine.h"
#include "test-folder.h"
#include "test-store-calls.h"
#include "test-store-file.h"

/* A fresh database in a folder of its own, with a few rows every test
 * can point at. */
typedef struct
{
  char *dir;
  char *location; /* a file in dir, or a server database of the test's own */
  CspDatabase *database;
  CspStore *store;
  gint64 council;
  gint64 police;
  gint64 fire;
  gint64 plan;
  gint64 priority_asb;
  gint64 priority_fraud;
  gint64 action;
  gint64 channel;
} Fixture;

static gint64
add_partner (Fixture *fixture, const char *name, const char *kind)
{
  g_autoptr (CspRecord) partner = csp_record_new (CSP_TYPE_PARTNER);

  csp_record_set_string (partner, "name", name);
  csp_record_set_string (partner, "kind", kind);
  test_store_insert_ok (fixture->store, partner);
  return csp_record_get_id (partner);
}

static gint64
add_priority (Fixture *fixture, const char *title, gint64 position)
{
  g_autoptr (CspRecord) priority = csp_record_new (CSP_TYPE_PRIORITY);

  csp_record_set_int (priority, "plan_id", fixture->plan);
  csp_record_set_int (priority, "position", position);
  csp_record_set_string (priority, "title", title);
  test_store_insert_ok (fixture->store, priority);
  return csp_record_get_id (priority);
}

/* A valid action, not yet stored. */
static CspRecord *
new_action (Fixture *fixture, const char *ref, const char *title)
{
  CspRecord *action = csp_record_new (CSP_TYPE_ACTION);

  csp_record_set_int (action, "priority_id", fixture->priority_asb);
  csp_record_set_string (action, "ref", ref);
  csp_record_set_string (action, "title", title);
  csp_record_set_string (action, "status", "in_progress");
  csp_record_set_int (action, "percent_complete", 40);
  csp_record_set_string (action, "rag", "green");
  return action;
}

/* A valid activity, not yet stored. */
static CspRecord *
new_activity (const char *title, const char *start_date)
{
  CspRecord *activity = csp_record_new (CSP_TYPE_ACTIVITY);

  csp_record_set_string (activity, "title", title);
  csp_record_set_string (activity, "start_date", start_date);
  csp_record_set_string (activity, "format", "webinar");
  csp_record_set_string (activity, "mode", "online");
  csp_record_set_string (activity, "status", "delivered");
  return activity;
}

static gint64
add_activity (Fixture *fixture, const char *title, const char *start_date)
{
  g_autoptr (CspRecord) activity = new_activity (title, start_date);

  test_store_insert_ok (fixture->store, activity);
  return csp_record_get_id (activity);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) plan = csp_record_new (CSP_TYPE_PLAN);
  g_autoptr (CspRecord) action = NULL;
  g_autoptr (CspRecord) channel = csp_record_new (CSP_TYPE_CHANNEL);

  fixture->dir = test_folder_new ("csp-test-store");
  fixture->location = test_engine_new_location (fixture->dir, "csp-engage.db");
  fixture->database = csp_database_open (fixture->location, &error);
  g_assert_no_error (error);
  fixture->store = csp_store_new (fixture->database);
  g_assert_true (csp_store_get_database (fixture->store) == fixture->database);

  fixture->council = add_partner (fixture, "Welwyn Hatfield Borough Council", "council");
  fixture->police = add_partner (fixture, "Hertfordshire Constabulary", "police");
  fixture->fire = add_partner (fixture, "Hertfordshire Fire and Rescue", "fire");

  csp_record_set_string (plan, "title", "Action Plan 2021-22");
  csp_record_set_int (plan, "year_start", 2021);
  csp_record_set_string (plan, "status", "published");
  test_store_insert_ok (fixture->store, plan);
  fixture->plan = csp_record_get_id (plan);
  fixture->priority_asb = add_priority (fixture, "Anti-social behaviour", 1);
  fixture->priority_fraud = add_priority (fixture, "Fraud and scams", 2);

  action = new_action (fixture, "1.1", "Run street briefings");
  test_store_insert_ok (fixture->store, action);
  fixture->action = csp_record_get_id (action);

  csp_record_set_string (channel, "name", "Community safety social media");
  csp_record_set_string (channel, "kind", "social_media");
  test_store_insert_ok (fixture->store, channel);
  fixture->channel = csp_record_get_id (channel);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->database);
  test_store_file_remove (g_steal_pointer (&fixture->dir), g_steal_pointer (&fixture->location));
}

/* The first column of the first row of @sql, with @bound for its one ?
 * if it has one. */
static gint64
sql_int (Fixture *fixture, const char *sql, gint64 bound)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = csp_database_prepare (fixture->database, sql, &error);

  g_assert_no_error (error);
  if (strchr (sql, '?') != NULL)
    csp_statement_bind_int64 (stmt, 1, bound);
  g_assert_cmpint (csp_statement_step (stmt, &error), ==, CSP_STEP_ROW);
  g_assert_no_error (error);
  return csp_statement_get_int64 (stmt, 0);
}

static gint64
audit_count (Fixture *fixture)
{
  return sql_int (fixture, "SELECT count(*) FROM audit_log", 0);
}

static CspRecord *
get_ok (Fixture *fixture, GType type, gint64 id)
{
  g_autoptr (GError) error = NULL;
  CspRecord *record = csp_store_get (fixture->store, type, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (record);
  g_assert_true (G_OBJECT_TYPE (record) == type);
  g_assert_cmpint (csp_record_get_id (record), ==, id);
  return record;
}

/* A rule of the schema refused a change made in plain SQL. SQLite calls
 * its triggers' refusals a rule broken; PostgreSQL's say "restrict". */
static void
assert_refused_by_schema (GError **error)
{
  g_assert_nonnull (*error);
  if (!g_error_matches (*error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID) &&
      !g_error_matches (*error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_IN_USE))
    g_error ("not refused by a rule of the schema: %s", (*error)->message);
  g_clear_error (error);
}

static void
assert_message_contains (const GError *error, const char *what)
{
  g_assert_nonnull (error);
  if (strstr (error->message, what) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, what);
}

/* Round trip */

static gint
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
assert_partner_ids (CspRecord *record, const gint64 *expected, guint n_expected)
{
  guint n_ids = 0;
  const gint64 *ids = csp_record_get_partner_ids (record, &n_ids);
  g_autofree gint64 *sorted_ids = g_memdup2 (ids, n_ids * sizeof (gint64));
  g_autofree gint64 *sorted_expected = g_memdup2 (expected, n_expected * sizeof (gint64));

  g_assert_cmpuint (n_ids, ==, n_expected);
  if (n_ids == 0)
    return;
  qsort (sorted_ids, n_ids, sizeof (gint64), compare_ids);
  qsort (sorted_expected, n_expected, sizeof (gint64), compare_ids);
  g_assert_cmpmem (sorted_ids, n_ids * sizeof (gint64), sorted_expected,
                   n_expected * sizeof (gint64));
}

static void
test_activity_round_trip (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) activity = new_activity ("Street briefing: “Café” & Robert'); DROP "
                                                 "TABLE activity;--",
                                                 "2021-03-01");
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (GDateTime) created = NULL;
  const gint64 partners[] = { fixture->fire, fixture->council };

  csp_record_set_string (activity, "end_date", "2021-03-02");
  csp_record_set_string (activity, "format", "street_briefing");
  csp_record_set_string (activity, "mode", "in_person");
  csp_record_set_string (activity, "location", "Hatfield town centre");
  csp_record_set_string (activity, "ward", "Hatfield Central");
  csp_record_set_string (activity, "audience", "Shoppers and traders");
  csp_record_set_int (activity, "lead_partner_id", fixture->police);
  csp_record_set_int (activity, "priority_id", fixture->priority_asb);
  csp_record_set_int (activity, "action_id", fixture->action);
  csp_record_set_int (activity, "channel_id", fixture->channel);
  csp_record_set_int (activity, "participants", 0);
  csp_record_set_int (activity, "reach", 1250);
  csp_record_set_int (activity, "responses", 37);
  csp_record_set_string (activity, "status", "delivered");
  csp_record_set_string (activity, "constraints", "COVID-19 rules: groups of six,\noutdoors only");
  csp_record_set_string (activity, "outcome", "Residents reassured");
  csp_record_set_bool (activity, "include_in_appendix", TRUE);
  csp_record_set_partner_ids (activity, partners, G_N_ELEMENTS (partners));

  test_store_insert_ok (fixture->store, activity);
  g_assert_cmpint (csp_record_get_version (activity), ==, 1);
  g_assert_nonnull (csp_record_get_created_at (activity));
  g_assert_cmpstr (csp_record_get_created_at (activity), ==, csp_record_get_updated_at (activity));

  stored = get_ok (fixture, CSP_TYPE_ACTIVITY, csp_record_get_id (activity));
  g_assert_cmpstr (csp_record_get_string (stored, "title"), ==,
                   "Street briefing: “Café” & Robert'); DROP TABLE activity;--");
  g_assert_cmpstr (csp_record_get_string (stored, "start_date"), ==, "2021-03-01");
  g_assert_cmpstr (csp_record_get_string (stored, "end_date"), ==, "2021-03-02");
  g_assert_cmpstr (csp_record_get_string (stored, "format"), ==, "street_briefing");
  g_assert_cmpstr (csp_record_get_string (stored, "mode"), ==, "in_person");
  g_assert_cmpstr (csp_record_get_string (stored, "location"), ==, "Hatfield town centre");
  g_assert_cmpstr (csp_record_get_string (stored, "ward"), ==, "Hatfield Central");
  g_assert_cmpstr (csp_record_get_string (stored, "audience"), ==, "Shoppers and traders");
  g_assert_cmpint (csp_record_get_int (stored, "lead_partner_id"), ==, fixture->police);
  g_assert_cmpint (csp_record_get_int (stored, "priority_id"), ==, fixture->priority_asb);
  g_assert_cmpint (csp_record_get_int (stored, "action_id"), ==, fixture->action);
  g_assert_cmpint (csp_record_get_int (stored, "channel_id"), ==, fixture->channel);
  g_assert_false (csp_record_is_null (stored, "participants"));
  g_assert_cmpint (csp_record_get_int (stored, "participants"), ==, 0);
  g_assert_cmpint (csp_record_get_int (stored, "reach"), ==, 1250);
  g_assert_cmpint (csp_record_get_int (stored, "responses"), ==, 37);
  g_assert_cmpstr (csp_record_get_string (stored, "status"), ==, "delivered");
  g_assert_cmpstr (csp_record_get_string (stored, "constraints"), ==,
                   "COVID-19 rules: groups of six,\noutdoors only");
  g_assert_cmpstr (csp_record_get_string (stored, "outcome"), ==, "Residents reassured");
  g_assert_true (csp_record_get_bool (stored, "include_in_appendix"));
  assert_partner_ids (stored, partners, G_N_ELEMENTS (partners));
  g_assert_cmpint (csp_record_get_version (stored), ==, 1);
  g_assert_cmpstr (csp_record_get_created_at (stored), ==, csp_record_get_created_at (activity));
  created = g_date_time_new_from_iso8601 (csp_record_get_created_at (stored), NULL);
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_time_get_utc_offset (created), ==, 0);
  /* Stamped now, in UTC. */
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
    g_assert_cmpint (ABS (g_date_time_difference (now, created)), <, 300 * G_TIME_SPAN_SECOND);
  }
}

static void
test_activity_round_trip_nulls (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) activity = new_activity ("Scams webinar", "2020-11-10");
  g_autoptr (CspRecord) stored = NULL;

  csp_record_set_bool (activity, "include_in_appendix", FALSE);
  test_store_insert_ok (fixture->store, activity);
  stored = get_ok (fixture, CSP_TYPE_ACTIVITY, csp_record_get_id (activity));
  for (const char *const *column =
           (const char *const[]){ "end_date", "location", "ward", "lead_partner_id", "priority_id",
                                  "participants", "reach", "outcome", NULL };
       *column != NULL; column++)
    if (!csp_record_is_null (stored, *column))
      g_error ("%s should have stayed empty", *column);
  g_assert_false (csp_record_get_bool (stored, "include_in_appendix"));
  assert_partner_ids (stored, NULL, 0);
}

static void
test_insert_explicit_id (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) activity = new_activity ("Imported", "2020-05-01");
  g_autoptr (CspRecord) stored = NULL;

  csp_record_set_id (activity, 4242);
  test_store_insert_ok (fixture->store, activity);
  g_assert_cmpint (csp_record_get_id (activity), ==, 4242);
  stored = get_ok (fixture, CSP_TYPE_ACTIVITY, 4242);
  g_assert_cmpstr (csp_record_get_string (stored, "title"), ==, "Imported");
}

static void
test_get_not_found (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) record = csp_store_get (fixture->store, CSP_TYPE_ACTIVITY, 9999, &error);

  g_assert_null (record);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND);
}

/* Several records at once, more than one query's worth, the ids in any
 * order and one of them of no record. */
static void
test_get_several (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) records = NULL;
  g_autoptr (GHashTable) titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 missing = 999999;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = g_strdup_printf ("Talk %u", i);
      g_autoptr (CspRecord) activity = new_activity (title, "2021-03-01");
      gint64 id;

      test_store_insert_ok (fixture->store, activity);
      id = csp_record_get_id (activity);
      g_array_prepend_val (ids, id);
    }
  g_array_insert_val (ids, 150, missing);

  records = csp_store_get_several (fixture->store, CSP_TYPE_ACTIVITY, (const gint64 *) ids->data,
                                   ids->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 300);
  for (guint i = 0; i < records->len; i++)
    g_hash_table_add (titles,
                      g_strdup (csp_record_get_string (g_ptr_array_index (records, i), "title")));
  g_assert_cmpuint (g_hash_table_size (titles), ==, 300);
  g_assert_true (g_hash_table_contains (titles, "Talk 0"));
  g_assert_true (g_hash_table_contains (titles, "Talk 299"));

  g_clear_pointer (&records, g_ptr_array_unref);
  records = csp_store_get_several (fixture->store, CSP_TYPE_ACTIVITY, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
}

/* Validation: one case a rule, each a change to a valid record. */

typedef struct
{
  const char *name;
  GType (*get_type) (void);
  const char *column;
  const char *text;     /* set as a string unless NULL */
  gint64 number;        /* else set as a number, unless 0... */
  gboolean set_null;    /* ...or cleared */
  const char *label;    /* what the message must name */
  const char *also;     /* and what else, if anything */
  gboolean bad_partner; /* a supporting partner that does not exist */
} InvalidCase;

static const InvalidCase invalid_cases[] = {
  { "title-missing", csp_activity_get_type, "title", .set_null = TRUE, .label = "Title" },
  { "title-blank", csp_activity_get_type, "title", "  \t\n ", .label = "Title" },
  { "title-empty", csp_activity_get_type, "title", "", .label = "Title" },
  { "start-missing", csp_activity_get_type, "start_date", .set_null = TRUE, .label = "Start date" },
  { "date-impossible", csp_activity_get_type, "start_date", "2021-02-30", .label = "Start date",
    .also = "2021-02-30" },
  { "date-format", csp_activity_get_type, "start_date", "30/02/2021", .label = "Start date",
    .also = "30/02/2021" },
  { "date-short", csp_activity_get_type, "start_date", "2021-2-3", .label = "Start date" },
  { "date-time", csp_activity_get_type, "start_date", "2021-02-03T10:00", .label = "Start date" },
  { "date-space", csp_activity_get_type, "start_date", "2021-02- 8", .label = "Start date" },
  { "date-sign", csp_activity_get_type, "start_date", "2021-+2-08", .label = "Start date" },
  { "date-negative-year", csp_activity_get_type, "start_date", "-001-02-03",
    .label = "Start date" },
  { "end-before-start", csp_activity_get_type, "end_date", "2021-02-28", .label = "End date",
    .also = "start date" },
  { "participants-negative", csp_activity_get_type, "participants", .number = -1,
    .label = "Participants" },
  { "reach-negative", csp_activity_get_type, "reach", .number = -20, .label = "Reach" },
  { "responses-negative", csp_activity_get_type, "responses", .number = -3, .label = "Responses" },
  { "format-unknown", csp_activity_get_type, "format", "podcast", .label = "Format",
    .also = "podcast" },
  { "mode-unknown", csp_activity_get_type, "mode", "Online", .label = "Mode" },
  { "status-missing", csp_activity_get_type, "status", .set_null = TRUE, .label = "Status" },
  { "lead-partner-missing", csp_activity_get_type, "lead_partner_id", .number = 9999,
    .label = "Lead partner" },
  { "priority-missing", csp_activity_get_type, "priority_id", .number = 9999, .label = "Priority" },
  { "action-missing", csp_activity_get_type, "action_id", .number = 9999, .label = "Action" },
  { "channel-missing", csp_activity_get_type, "channel_id", .number = 9999, .label = "Channel" },
  { "supporting-partner-missing", csp_activity_get_type, .bad_partner = TRUE,
    .label = "Supporting partners", .also = "9999" },
  { "percent-over-100", csp_action_get_type, "percent_complete", .number = 101,
    .label = "Percent complete", .also = "100" },
  { "percent-negative", csp_action_get_type, "percent_complete", .number = -1,
    .label = "Percent complete" },
  { "rag-unknown", csp_action_get_type, "rag", "purple", .label = "RAG status", .also = "purple" },
  { "rag-capitals", csp_action_get_type, "rag", "Red", .label = "RAG status" },
  { "action-status-unknown", csp_action_get_type, "status", "done", .label = "Status" },
  { "action-ref-blank", csp_action_get_type, "ref", " ", .label = "Reference" },
  { "action-priority-none", csp_action_get_type, "priority_id", .set_null = TRUE,
    .label = "Priority" },
  { "action-priority-missing", csp_action_get_type, "priority_id", .number = 9999,
    .label = "Priority" },
  { "action-lead-missing", csp_action_get_type, "lead_partner_id", .number = 9999,
    .label = "Lead partner" },
  { "due-before-start", csp_action_get_type, "due_date", "2021-03-31", .label = "Due date" },
  { "action-supporting-missing", csp_action_get_type, .bad_partner = TRUE,
    .label = "Supporting partners" },
};

static CspRecord *
new_valid (Fixture *fixture, GType type)
{
  CspRecord *record;

  if (type == CSP_TYPE_ACTION)
    {
      record = new_action (fixture, "2.1", "Raise awareness of scams");
      csp_record_set_string (record, "start_date", "2021-04-01");
      return record;
    }
  record = new_activity ("Valid webinar", "2021-03-01");
  return record;
}

static void
apply_case (Fixture *fixture, CspRecord *record, const InvalidCase *c)
{
  if (c->bad_partner)
    {
      const gint64 ids[] = { fixture->police, 9999 };
      csp_record_set_partner_ids (record, ids, G_N_ELEMENTS (ids));
    }
  else if (c->set_null)
    csp_record_set_null (record, c->column);
  else if (c->text != NULL)
    csp_record_set_string (record, c->column, c->text);
  else
    csp_record_set_int (record, c->column, c->number);
}

static void
test_validation (Fixture *fixture, gconstpointer user_data)
{
  const InvalidCase *c = user_data;
  GType type = c->get_type ();
  g_autoptr (CspRecord) record = new_valid (fixture, type);
  g_autoptr (CspRecord) stored = new_valid (fixture, type);
  g_autoptr (CspRecord) reread = NULL;
  g_autoptr (GError) error = NULL;
  guint rows;
  gint64 audits;

  /* The valid record is fine as it is. */
  g_assert_true (csp_record_validate (record, &error));
  g_assert_no_error (error);

  /* Insert refuses the broken one, names the field and writes nothing. */
  rows = test_store_count (fixture->store, type, NULL);
  audits = audit_count (fixture);
  apply_case (fixture, record, c);
  g_assert_false (csp_store_insert (fixture->store, record, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  assert_message_contains (error, c->label);
  if (c->also != NULL)
    assert_message_contains (error, c->also);
  g_assert_cmpint (csp_record_get_id (record), ==, 0);
  g_assert_cmpuint (test_store_count (fixture->store, type, NULL), ==, rows);
  g_assert_cmpint (audit_count (fixture), ==, audits);
  g_clear_error (&error);

  /* So does an update, and the stored row keeps its values. */
  test_store_insert_ok (fixture->store, stored);
  audits = audit_count (fixture);
  apply_case (fixture, stored, c);
  g_assert_false (csp_store_update (fixture->store, stored, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  assert_message_contains (error, c->label);
  g_assert_cmpint (csp_record_get_version (stored), ==, 1);
  g_assert_cmpint (audit_count (fixture), ==, audits);
  reread = get_ok (fixture, type, csp_record_get_id (stored));
  g_assert_cmpint (csp_record_get_version (reread), ==, 1);
  g_assert_true (csp_record_validate (reread, NULL));
}

/* Text limits */

/* @n_chars copies of @unit, which is one character. */
static char *
repeat_char (const char *unit, guint n_chars)
{
  GString *text = g_string_sized_new (n_chars * strlen (unit));

  for (guint i = 0; i < n_chars; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

/* Every text field of every record has a limit, written once in its
 * column description, and validation holds to it in characters, not
 * bytes: the limit of "ë" (two bytes each) is as many as of "a". */
static void
test_limits_every_text_column (void)
{
  guint n_types = 0;
  const GType *types = csp_record_list_types (&n_types);
  guint n_checked = 0;

  for (guint t = 0; t < n_types; t++)
    {
      const CspTableInfo *info = csp_record_type_get_info (types[t]);

      for (guint c = 0; c < info->n_columns; c++)
        {
          const CspColumn *column = &info->columns[c];
          g_autoptr (CspRecord) record = NULL;
          g_autofree char *fits = NULL;
          g_autofree char *over = NULL;
          g_autofree char *limit = NULL;
          g_autoptr (GError) error = NULL;

          /* A time of day has a form of its own (tests/test-meetings-risks.c). */
          if (column->kind != CSP_COLUMN_TEXT || (column->flags & CSP_COLUMN_TIME_OF_DAY))
            continue;
          g_test_message ("%s.%s: %u", info->table, column->name, column->max_length);
          g_assert_cmpuint (column->max_length, >, 0);
          /* Nothing a person types in a field needs more than a long report section. */
          g_assert_cmpuint (column->max_length, <=, 50000);

          record = csp_record_new (types[t]);
          fits = repeat_char ("ë", column->max_length);
          csp_record_set_string (record, column->name, fits);
          g_assert_true (csp_record_validate_column (record, column->name, &error));
          g_assert_no_error (error);

          over = repeat_char ("a", column->max_length + 1);
          csp_record_set_string (record, column->name, over);
          g_assert_false (csp_record_validate_column (record, column->name, &error));
          g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
          assert_message_contains (error, column->label);
          limit = g_strdup_printf ("at most %u", column->max_length);
          assert_message_contains (error, limit);
          /* The message says how long, never quotes the text. */
          g_assert_null (strstr (error->message, "aaaaaaaaaa"));
          g_assert_cmpuint (strlen (error->message), <, 200);
          n_checked++;
        }
    }
  g_assert_cmpuint (n_checked, >, 40);
}

/* The limits that suit a title and an outcome, as the issue names them. */
static void
test_limits_values (void)
{
  const CspTableInfo *activity = csp_record_type_get_info (CSP_TYPE_ACTIVITY);

  g_assert_cmpuint (csp_table_info_find_column (activity, "title")->max_length, ==, 300);
  g_assert_cmpuint (csp_table_info_find_column (activity, "outcome")->max_length, ==, 20000);
}

/* Insert and update refuse a text over its limit, write nothing, and
 * store one at its limit whole, multi-byte characters and all. */
static void
test_limits_store (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *title = repeat_char ("ë", 300);
  g_autofree char *outcome = repeat_char ("–", 20000);
  g_autofree char *too_long = repeat_char ("x", 301);
  g_autoptr (CspRecord) record = new_activity (title, "2021-03-01");
  g_autoptr (CspRecord) reread = NULL;
  g_autoptr (CspRecord) refused = new_activity (too_long, "2021-03-02");
  g_autoptr (GError) error = NULL;
  guint rows = test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL);
  gint64 audits = audit_count (fixture);

  g_assert_false (csp_store_insert (fixture->store, refused, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  assert_message_contains (error, "Title: too long (301 characters; at most 300)");
  g_clear_error (&error);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL), ==, rows);
  g_assert_cmpint (audit_count (fixture), ==, audits);

  csp_record_set_string (record, "outcome", outcome);
  test_store_insert_ok (fixture->store, record);
  reread = get_ok (fixture, CSP_TYPE_ACTIVITY, csp_record_get_id (record));
  g_assert_cmpstr (csp_record_get_string (reread, "title"), ==, title);
  g_assert_cmpstr (csp_record_get_string (reread, "outcome"), ==, outcome);

  /* One character more is refused, and the stored row keeps its values. */
  g_clear_object (&reread);
  {
    g_autofree char *longer = g_strconcat (outcome, "!", NULL);
    csp_record_set_string (record, "outcome", longer);
  }
  audits = audit_count (fixture);
  g_assert_false (csp_store_update (fixture->store, record, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  assert_message_contains (error, "Outcome: too long (20001 characters; at most 20000)");
  g_assert_cmpint (audit_count (fixture), ==, audits);
  reread = get_ok (fixture, CSP_TYPE_ACTIVITY, csp_record_get_id (record));
  g_assert_cmpstr (csp_record_get_string (reread, "outcome"), ==, outcome);
  g_assert_cmpint (csp_record_get_version (reread), ==, 1);
}

/* Text that is not UTF-8 never reaches the database, and a message about
 * a value quotes only a valid start of it. */
static void
test_limits_not_utf8 (void)
{
  g_autoptr (CspRecord) activity = new_activity ("Caf\xe9", "2021-03-10");
  g_autofree char *long_date = repeat_char ("9", 100000);
  g_autoptr (GError) error = NULL;

  g_assert_false (csp_record_validate_column (activity, "title", &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  assert_message_contains (error, "Title");
  assert_message_contains (error, "UTF-8");
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_clear_error (&error);

  csp_record_set_string (activity, "start_date", long_date);
  g_assert_false (csp_record_validate_column (activity, "start_date", &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  assert_message_contains (error, "Start date");
  assert_message_contains (error, "999…");
  g_assert_cmpuint (strlen (error->message), <, 200);
}

/* The rule cases share one database, made for the first of them and
 * dropped once all have run: each looks only at what it changes itself,
 * and a database of its own for each would take most of their time on a
 * server. */
static Fixture validation_fixture;

static void
test_validation_shared (gconstpointer user_data)
{
  if (validation_fixture.store == NULL)
    fixture_set_up (&validation_fixture, NULL);
  test_validation (&validation_fixture, user_data);
}

static void
test_validate_column (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) activity = new_activity ("Webinar", "2021-03-10");
  g_autoptr (CspRecord) value = csp_record_new (CSP_TYPE_METRIC_VALUE);
  g_autoptr (GError) error = NULL;

  /* A form checks one field as the person types. */
  csp_record_set_string (activity, "end_date", "2021-03-09");
  g_assert_true (csp_record_validate_column (activity, "title", &error));
  g_assert_no_error (error);
  g_assert_false (csp_record_validate_column (activity, "end_date", &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  assert_message_contains (error, "End date");
  assert_message_contains (error, "10 Mar 2021");
  g_clear_error (&error);

  /* The same day is not before it. */
  csp_record_set_string (activity, "end_date", "2021-03-10");
  g_assert_true (csp_record_validate_column (activity, "end_date", &error));
  g_assert_no_error (error);

  /* Leap days exist in leap years only. */
  csp_record_set_string (activity, "start_date", "2020-02-29");
  csp_record_set_null (activity, "end_date");
  g_assert_true (csp_record_validate_column (activity, "start_date", &error));
  csp_record_set_string (activity, "start_date", "2021-02-29");
  g_assert_false (csp_record_validate_column (activity, "start_date", &error));
  assert_message_contains (error, "Start date");
  g_clear_error (&error);

  /* Months are YYYY-MM. */
  csp_record_set_string (value, "month", "2021-04");
  g_assert_true (csp_record_validate_column (value, "month", &error));
  g_assert_no_error (error);
  for (const char *const *bad =
           (const char *const[]){ "2021-13", "2021-4", "04/2021", "2021-04-01", "2021-00", NULL };
       *bad != NULL; bad++)
    {
      csp_record_set_string (value, "month", *bad);
      g_assert_false (csp_record_validate_column (value, "month", &error));
      g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
      assert_message_contains (error, "Month");
      g_clear_error (&error);
    }
}

/* Versions and conflicts */

static void
assert_not_before (const char *later, const char *earlier)
{
  g_autoptr (GDateTime) a = g_date_time_new_from_iso8601 (later, NULL);
  g_autoptr (GDateTime) b = g_date_time_new_from_iso8601 (earlier, NULL);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpint (g_date_time_compare (a, b), >=, 0);
}

static void
test_update_version (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) partner = get_ok (fixture, CSP_TYPE_PARTNER, fixture->police);
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *created_at = g_strdup (csp_record_get_created_at (partner));

  g_assert_cmpint (csp_record_get_version (partner), ==, 1);
  for (gint64 version = 2; version <= 4; version++)
    {
      g_autofree char *notes = g_strdup_printf ("Edit %" G_GINT64_FORMAT, version);
      csp_record_set_string (partner, "notes", notes);
      g_assert_true (csp_store_update (fixture->store, partner, &error));
      g_assert_no_error (error);
      g_assert_cmpint (csp_record_get_version (partner), ==, version);
      g_clear_object (&stored);
      stored = get_ok (fixture, CSP_TYPE_PARTNER, fixture->police);
      g_assert_cmpint (csp_record_get_version (stored), ==, version);
      g_assert_cmpstr (csp_record_get_string (stored, "notes"), ==, notes);
      g_assert_cmpstr (csp_record_get_created_at (stored), ==, created_at);
      assert_not_before (csp_record_get_updated_at (stored), created_at);
      g_assert_cmpstr (csp_record_get_updated_at (stored), ==, csp_record_get_updated_at (partner));
    }
}

static void
test_update_conflict (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) mine = get_ok (fixture, CSP_TYPE_PARTNER, fixture->police);
  g_autoptr (CspRecord) theirs = get_ok (fixture, CSP_TYPE_PARTNER, fixture->police);
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (GError) error = NULL;
  gint64 audits;

  csp_record_set_string (mine, "short_name", "Herts Police");
  g_assert_true (csp_store_update (fixture->store, mine, &error));
  g_assert_no_error (error);
  audits = audit_count (fixture);

  /* The copy read before that save is stale: saving it is refused. */
  csp_record_set_string (theirs, "short_name", "Constabulary");
  csp_record_set_string (theirs, "notes", "Overwrites?");
  g_assert_false (csp_store_update (fixture->store, theirs, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_cmpint (csp_record_get_version (theirs), ==, 1);

  /* So is deleting it. */
  g_assert_false (csp_store_delete (fixture->store, theirs, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);

  stored = get_ok (fixture, CSP_TYPE_PARTNER, fixture->police);
  g_assert_cmpstr (csp_record_get_string (stored, "short_name"), ==, "Herts Police");
  g_assert_true (csp_record_is_null (stored, "notes"));
  g_assert_cmpint (csp_record_get_version (stored), ==, 2);
  g_assert_cmpint (audit_count (fixture), ==, audits);

  /* Reloaded, the change goes through. */
  csp_record_set_string (stored, "notes", "Now it saves");
  g_assert_true (csp_store_update (fixture->store, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpint (csp_record_get_version (stored), ==, 3);
}

static gint64
count_partner_updates (Fixture *fixture, gint64 id)
{
  return sql_int (fixture,
                  "SELECT count(*) FROM audit_log "
                  "WHERE table_name = 'partner' AND row_id = ? AND operation = 'update'",
                  id);
}

/* Two programs on one database: each read the partner, the first saved
 * it, so the second's save and delete are refused and the first's change
 * stays. */
static void
test_update_stale_connection (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) other_database = csp_database_open (fixture->location, &error);
  g_autoptr (CspStore) other_store = NULL;
  g_autoptr (CspRecord) mine = NULL;
  g_autoptr (CspRecord) theirs = NULL;
  g_autoptr (CspRecord) stored = NULL;
  gint64 audits;

  g_assert_no_error (error);
  other_store = csp_store_new (other_database);
  mine = get_ok (fixture, CSP_TYPE_PARTNER, fixture->police);
  theirs = csp_store_get (other_store, CSP_TYPE_PARTNER, fixture->police, &error);
  g_assert_no_error (error);

  csp_record_set_string (theirs, "notes", "Saved first, elsewhere");
  g_assert_true (csp_store_update (other_store, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (csp_record_get_version (theirs), ==, 2);
  audits = audit_count (fixture);

  csp_record_set_string (mine, "notes", "Saved second, here");
  g_assert_false (csp_store_update (fixture->store, mine, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
  assert_message_contains (error, "Someone else changed this partner");
  g_clear_error (&error);
  g_assert_cmpint (csp_record_get_version (mine), ==, 1);
  g_assert_false (csp_store_delete (fixture->store, mine, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Nothing lost: the first save stands, whole, and the refusals wrote nothing. */
  stored = get_ok (fixture, CSP_TYPE_PARTNER, fixture->police);
  g_assert_cmpstr (csp_record_get_string (stored, "notes"), ==, "Saved first, elsewhere");
  g_assert_cmpint (csp_record_get_version (stored), ==, 2);
  g_assert_cmpstr (csp_record_get_updated_at (stored), ==, csp_record_get_updated_at (theirs));
  g_assert_cmpint (audit_count (fixture), ==, audits);
  g_assert_cmpint (count_partner_updates (fixture, fixture->police), ==, 1);
  g_assert_false (csp_database_in_transaction (fixture->database));

  /* Reloaded, the second goes through, and the first's copy is stale now. */
  csp_record_set_string (stored, "notes", "Saved second, after reloading");
  g_assert_true (csp_store_update (fixture->store, stored, &error));
  g_assert_no_error (error);
  csp_record_set_string (theirs, "notes", "Stale now");
  g_assert_false (csp_store_update (other_store, theirs, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
}

/* A write of another connection, run in a thread of its own so that it
 * may wait for the test's transaction. */
typedef struct
{
  CspStore *store;
  CspRecord *record;
  gboolean delete;
  GError *error;
} OtherWrite;

static gpointer
other_write_thread (gpointer data)
{
  OtherWrite *write = data;

  if (write->delete)
    return GINT_TO_POINTER (csp_store_delete (write->store, write->record, &write->error));
  return GINT_TO_POINTER (csp_store_update (write->store, write->record, &write->error));
}

static CspStore *
open_other_store (Fixture *fixture)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspDatabase) database = csp_database_open (fixture->location, &error);

  g_assert_no_error (error);
  return csp_store_new (database);
}

/* Both read the partner; the colleague's save (or delete) starts while
 * ours is still being written, and waits for it. Once ours is committed,
 * theirs is refused: on PostgreSQL by the row's version, which the
 * waiting UPDATE (or DELETE) reads again and finds changed (the store's
 * "no row changed" path); on SQLite by the file's write lock, taken at
 * BEGIN, after which the store reads the new version. */
static void
test_update_concurrent (Fixture *fixture, gconstpointer user_data)
{
  gboolean delete = GPOINTER_TO_INT (user_data);
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStore) other_store = open_other_store (fixture);
  g_autoptr (CspRecord) mine = get_ok (fixture, CSP_TYPE_PARTNER, fixture->police);
  g_autoptr (CspRecord) theirs = NULL;
  g_autoptr (CspRecord) stored = NULL;
  OtherWrite write = { other_store, NULL, delete, NULL };
  GThread *thread;
  gint64 audits;

  theirs = csp_store_get (other_store, CSP_TYPE_PARTNER, fixture->police, &error);
  g_assert_no_error (error);
  write.record = theirs;
  audits = audit_count (fixture);

  g_assert_true (csp_database_begin (fixture->database, &error));
  csp_record_set_string (mine, "notes", "Saved first, here");
  g_assert_true (csp_store_update (fixture->store, mine, &error));
  g_assert_no_error (error);

  csp_record_set_string (theirs, "notes", "Saved at the same time, elsewhere");
  thread = g_thread_new ("other-write", other_write_thread, &write);
  test_store_file_wait_for_lock (fixture->location);
  g_assert_true (csp_database_commit (fixture->database, &error));
  g_assert_no_error (error);

  g_assert_false (GPOINTER_TO_INT (g_thread_join (thread)));
  g_assert_error (write.error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
  assert_message_contains (write.error, "Someone else changed this partner");
  g_clear_error (&write.error);

  /* Nothing lost: ours stands, and only ours is in the audit log. */
  stored = get_ok (fixture, CSP_TYPE_PARTNER, fixture->police);
  g_assert_cmpstr (csp_record_get_string (stored, "notes"), ==, "Saved first, here");
  g_assert_cmpint (csp_record_get_version (stored), ==, 2);
  g_assert_cmpint (audit_count (fixture), ==, audits + 1);
  g_assert_cmpint (count_partner_updates (fixture, fixture->police), ==, 1);
  g_assert_false (csp_database_in_transaction (csp_store_get_database (other_store)));
}

typedef struct
{
  CspStore *store;
  CspRecord *record;
  GMutex *lock;
  GCond *cond;
  gboolean *go;
  gboolean saved;
  GError *error;
} RacingSave;

static gpointer
racing_save_thread (gpointer data)
{
  RacingSave *save = data;

  g_mutex_lock (save->lock);
  while (!*save->go)
    g_cond_wait (save->cond, save->lock);
  g_mutex_unlock (save->lock);
  save->saved = csp_store_update (save->store, save->record, &save->error);
  return NULL;
}

/* Two connections read the same record and save their changes at once,
 * round after round: each time exactly one save goes through, the other
 * is refused as a conflict, and the row and the audit log hold the
 * winner's change alone. */
static void
test_update_race (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspStore) other_store = open_other_store (fixture);
  CspStore *stores[] = { fixture->store, other_store };

  for (guint round = 0; round < 5; round++)
    {
      g_autofree char *name = g_strdup_printf ("Racing partner %u", round);
      gint64 id = add_partner (fixture, name, "other");
      RacingSave saves[2] = { 0 };
      GThread *threads[2];
      GMutex lock;
      GCond cond;
      gboolean go = FALSE;
      guint winner;

      g_mutex_init (&lock);
      g_cond_init (&cond);
      for (guint i = 0; i < 2; i++)
        {
          g_autoptr (GError) error = NULL;
          g_autofree char *notes = g_strdup_printf ("Saved by connection %u", i);

          saves[i] = (RacingSave){ stores[i], NULL, &lock, &cond, &go, FALSE, NULL };
          saves[i].record = csp_store_get (stores[i], CSP_TYPE_PARTNER, id, &error);
          g_assert_no_error (error);
          csp_record_set_string (saves[i].record, "notes", notes);
          threads[i] = g_thread_new ("racing-save", racing_save_thread, &saves[i]);
        }
      g_mutex_lock (&lock);
      go = TRUE;
      g_cond_broadcast (&cond);
      g_mutex_unlock (&lock);
      for (guint i = 0; i < 2; i++)
        g_thread_join (threads[i]);
      g_mutex_clear (&lock);
      g_cond_clear (&cond);

      g_assert_true (saves[0].saved != saves[1].saved);
      winner = saves[0].saved ? 0 : 1;
      g_assert_no_error (saves[winner].error);
      g_assert_error (saves[1 - winner].error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CONFLICT);
      g_test_message ("round %u: connection %u saved first", round, winner);
      {
        g_autoptr (CspRecord) stored = get_ok (fixture, CSP_TYPE_PARTNER, id);
        g_autofree char *notes = g_strdup_printf ("Saved by connection %u", winner);

        g_assert_cmpstr (csp_record_get_string (stored, "notes"), ==, notes);
        g_assert_cmpint (csp_record_get_version (stored), ==, 2);
      }
      g_assert_cmpint (count_partner_updates (fixture, id), ==, 1);
      for (guint i = 0; i < 2; i++)
        {
          g_clear_error (&saves[i].error);
          g_clear_object (&saves[i].record);
        }
    }
}

static void
test_update_deleted (Fixture *fixture, gconstpointer user_data)
{
  gint64 id = add_activity (fixture, "Leaflet drop", "2021-05-01");
  g_autoptr (CspRecord) first = get_ok (fixture, CSP_TYPE_ACTIVITY, id);
  g_autoptr (CspRecord) second = get_ok (fixture, CSP_TYPE_ACTIVITY, id);
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_store_delete (fixture->store, first, &error));
  g_assert_no_error (error);
  csp_record_set_string (second, "outcome", "Too late");
  g_assert_false (csp_store_update (fixture->store, second, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (csp_store_delete (fixture->store, second, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND);
}

static void
test_update_unsaved (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) activity = new_activity ("Never saved", "2021-05-01");

  g_test_expect_message ("csp-store", G_LOG_LEVEL_CRITICAL, "*csp_record_get_id (record) > 0*");
  g_assert_false (csp_store_update (fixture->store, activity, NULL));
  g_test_assert_expected_messages ();
}

/* Deleting */

static void
assert_in_use (GError **error)
{
  g_assert_error (*error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_IN_USE);
  g_clear_error (error);
}

static void
test_delete_in_use (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) led = new_activity ("Police-led webinar", "2021-01-05");
  g_autoptr (CspRecord) supported = new_activity ("Fire-supported event", "2021-01-06");
  g_autoptr (CspRecord) police = get_ok (fixture, CSP_TYPE_PARTNER, fixture->police);
  g_autoptr (CspRecord) fire = get_ok (fixture, CSP_TYPE_PARTNER, fixture->fire);
  g_autoptr (GError) error = NULL;
  const gint64 supporting[] = { fixture->fire };
  guint partners;
  gint64 audits;

  csp_record_set_int (led, "lead_partner_id", fixture->police);
  test_store_insert_ok (fixture->store, led);
  csp_record_set_partner_ids (supported, supporting, 1);
  test_store_insert_ok (fixture->store, supported);
  partners = test_store_count (fixture->store, CSP_TYPE_PARTNER, NULL);
  audits = audit_count (fixture);

  /* Lead partner of an activity */
  g_assert_false (csp_store_delete (fixture->store, police, &error));
  assert_message_contains (error, "partner");
  assert_in_use (&error);
  /* Supporting partner of an activity */
  g_assert_false (csp_store_delete (fixture->store, fire, &error));
  assert_in_use (&error);

  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_PARTNER, NULL), ==, partners);
  g_assert_cmpint (audit_count (fixture), ==, audits);
  g_clear_object (&police);
  police = get_ok (fixture, CSP_TYPE_PARTNER, fixture->police);
  g_assert_cmpint (csp_record_get_version (police), ==, 1);

  /* Once nothing uses it any more, it goes. */
  g_assert_true (csp_store_delete (fixture->store, led, &error));
  g_assert_no_error (error);
  g_assert_true (csp_store_delete (fixture->store, police, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_PARTNER, NULL), ==, partners - 1);
}

static void
test_delete_priority_in_use (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) priority = get_ok (fixture, CSP_TYPE_PRIORITY, fixture->priority_asb);
  g_autoptr (GError) error = NULL;

  /* The fixture's action sits under this priority. */
  g_assert_false (csp_store_delete (fixture->store, priority, &error));
  assert_in_use (&error);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_PRIORITY, NULL), ==, 2);
}

/* Each year's plan names its priorities alike: a list to choose a
 * priority from says whose each is, and a partner by its name alone. */
static void
test_ref_choices (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) plan = csp_record_new (CSP_TYPE_PLAN);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) labels = NULL;
  g_autoptr (GError) error = NULL;
  gint64 earlier_asb;

  csp_record_set_string (plan, "title", "Action Plan 2020-21");
  csp_record_set_int (plan, "year_start", 2020);
  csp_record_set_string (plan, "status", "archived");
  test_store_insert_ok (fixture->store, plan);
  fixture->plan = csp_record_get_id (plan);
  earlier_asb = add_priority (fixture, "Anti-social behaviour", 1);

  labels = csp_ref_choices_list (fixture->store, CSP_TYPE_PRIORITY, "plan_id", ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (labels->len, ==, 3);
  g_assert_cmpuint (ids->len, ==, 3);
  for (guint i = 0; i < labels->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      const char *expected =
          id == fixture->priority_asb     ? "Anti-social behaviour (Action Plan 2021-22)"
          : id == fixture->priority_fraud ? "Fraud and scams (Action Plan 2021-22)"
          : id == earlier_asb             ? "Anti-social behaviour (Action Plan 2020-21)"
                                          : NULL;

      g_assert_cmpstr (g_ptr_array_index (labels, i), ==, expected);
      for (guint j = 0; j < i; j++)
        g_assert_cmpint (g_array_index (ids, gint64, j), !=, id);
    }

  g_clear_pointer (&labels, g_ptr_array_unref);
  g_array_set_size (ids, 0);
  labels = csp_ref_choices_list (fixture->store, CSP_TYPE_PARTNER, NULL, ids, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (labels->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (labels, 0), ==, "Hertfordshire Constabulary");
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, fixture->police);
  g_assert_cmpstr (g_ptr_array_index (labels, 1), ==, "Hertfordshire Fire and Rescue");
  g_assert_cmpstr (g_ptr_array_index (labels, 2), ==, "Welwyn Hatfield Borough Council");
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, fixture->council);
}

static void
test_partner_unique_name (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) twin = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (CspRecord) other = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (GError) error = NULL;
  gint64 audits = audit_count (fixture);

  csp_record_set_string (twin, "name", "Hertfordshire Constabulary");
  csp_record_set_string (twin, "kind", "police");
  g_assert_false (csp_store_insert (fixture->store, twin, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  assert_message_contains (error, "Name");
  g_clear_error (&error);
  g_assert_cmpint (csp_record_get_id (twin), ==, 0);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_PARTNER, NULL), ==, 3);
  g_assert_cmpint (audit_count (fixture), ==, audits);

  /* Renaming another partner to a taken name is refused the same way. */
  csp_record_set_string (other, "name", "Citizens Advice");
  csp_record_set_string (other, "kind", "voluntary");
  test_store_insert_ok (fixture->store, other);
  csp_record_set_string (other, "name", "Hertfordshire Constabulary");
  g_assert_false (csp_store_update (fixture->store, other, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  assert_message_contains (error, "Name");
  {
    g_autoptr (CspRecord) stored = get_ok (fixture, CSP_TYPE_PARTNER, csp_record_get_id (other));
    g_assert_cmpstr (csp_record_get_string (stored, "name"), ==, "Citizens Advice");
    g_assert_cmpint (csp_record_get_version (stored), ==, 1);
  }
}

static CspRecord *
new_metric (gint64 channel_id, const char *name, const char *kind)
{
  CspRecord *metric = csp_record_new (CSP_TYPE_METRIC);

  csp_record_set_int (metric, "channel_id", channel_id);
  csp_record_set_string (metric, "name", name);
  csp_record_set_string (metric, "kind", kind);
  return metric;
}

/* A constraint on several columns names its last one, as a person sees
 * the field that clashes: the kind of a channel's metric, the month of a
 * metric's figure. */
static void
test_unique_columns (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) followers = new_metric (fixture->channel, "Followers", "followers");
  g_autoptr (CspRecord) twin = new_metric (fixture->channel, "More followers", "followers");
  g_autoptr (CspRecord) reach = new_metric (fixture->channel, "Reach", "reach");
  g_autoptr (CspRecord) april = csp_record_new (CSP_TYPE_METRIC_VALUE);
  g_autoptr (CspRecord) april_again = csp_record_new (CSP_TYPE_METRIC_VALUE);
  g_autoptr (CspRecord) channel = csp_record_new (CSP_TYPE_CHANNEL);
  g_autoptr (GError) error = NULL;
  gint64 audits;

  test_store_insert_ok (fixture->store, followers);
  test_store_insert_ok (fixture->store, reach);
  audits = audit_count (fixture);

  g_assert_false (csp_store_insert (fixture->store, twin, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Kind: another metric already has this value");
  g_clear_error (&error);
  g_assert_cmpint (csp_record_get_id (twin), ==, 0);
  g_assert_null (csp_record_get_created_at (twin));

  /* The same kind on another channel is another metric. */
  csp_record_set_string (channel, "name", "Council website");
  csp_record_set_string (channel, "kind", "website");
  test_store_insert_ok (fixture->store, channel);
  csp_record_set_int (twin, "channel_id", csp_record_get_id (channel));
  test_store_insert_ok (fixture->store, twin);

  /* An update into a taken pair is refused the same way. */
  csp_record_set_string (reach, "kind", "followers");
  g_assert_false (csp_store_update (fixture->store, reach, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Kind: another metric already has this value");
  g_clear_error (&error);
  g_assert_cmpint (csp_record_get_version (reach), ==, 1);

  csp_record_set_int (april, "metric_id", csp_record_get_id (followers));
  csp_record_set_string (april, "month", "2021-04");
  csp_record_set_int (april, "value", 1200);
  test_store_insert_ok (fixture->store, april);
  csp_record_set_int (april_again, "metric_id", csp_record_get_id (followers));
  csp_record_set_string (april_again, "month", "2021-04");
  csp_record_set_int (april_again, "value", 1250);
  g_assert_false (csp_store_insert (fixture->store, april_again, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Month: another monthly figure already has this value");
  g_clear_error (&error);

  /* A name is unique on its own. */
  csp_record_set_string (channel, "name", "Community safety social media");
  g_assert_false (csp_store_update (fixture->store, channel, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Name: another channel already has this value");
  g_clear_error (&error);

  g_assert_cmpint (audit_count (fixture), ==, audits + 3);
  g_assert_false (csp_database_in_transaction (fixture->database));
}

/* A record brought back with an id that a new one took meanwhile. */
static void
test_insert_id_taken (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) activity = new_activity ("Taken", "2021-05-01");
  g_autoptr (GError) error = NULL;

  csp_record_set_id (activity, 77);
  test_store_insert_ok (fixture->store, activity);
  g_clear_object (&activity);
  activity = new_activity ("Brought back", "2021-05-01");
  csp_record_set_id (activity, 77);
  g_assert_false (csp_store_insert (fixture->store, activity, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_DUPLICATE);
  assert_message_contains (error, "id 77");
  g_assert_cmpint (csp_record_get_id (activity), ==, 77);
  g_assert_false (csp_database_in_transaction (fixture->database));
}

/* A full disk: the write is refused with a message that says so, and
 * neither it nor anything saved before is lost half-way. SQLite's page
 * limit stands in for the disk. */
static void
test_disk_full (Fixture *fixture, gconstpointer user_data)
{
  g_autofree char *limit = NULL;
  g_autofree char *notes = g_strnfill (3000, 'x');
  g_autoptr (GError) error = NULL;
  guint before = test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL);
  gint64 audits = audit_count (fixture);
  guint n_saved = 0;

  if (test_engine_skip_unless_file (
          "SQLite's page limit stands in for a full disk; a server's disk is "
          "not the test's to fill"))
    return;
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           sql_int (fixture, "PRAGMA page_count", 0) + 2);
  g_assert_true (csp_database_exec (fixture->database, limit, &error));
  g_assert_no_error (error);
  while (error == NULL && n_saved < 100)
    {
      g_autoptr (CspRecord) activity = new_activity ("Neighbourhood surgery", "2021-05-01");

      csp_record_set_string (activity, "outcome", notes);
      if (csp_store_insert (fixture->store, activity, &error))
        n_saved++;
    }
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_assert_nonnull (strstr (error->message, fixture->location));
  g_assert_cmpuint (n_saved, <, 100);
  /* The refused record left nothing behind; the saved ones are whole. */
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL), ==,
                    before + n_saved);
  g_assert_cmpint (audit_count (fixture), ==, audits + n_saved);

  /* With room again, the store goes on. */
  g_clear_error (&error);
  g_assert_true (
      csp_database_exec (fixture->database, "PRAGMA max_page_count = 1073741823", &error));
  g_assert_no_error (error);
  add_activity (fixture, "Neighbourhood surgery", "2021-05-02");
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL), ==,
                    before + n_saved + 1);
}

/* Batches */

/* Many writes in one transaction: committed together, with their search
 * rows and audit entries, or not at all. */
static void
test_batch_commit (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  guint before = test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL);
  gint64 audits = audit_count (fixture);
  CspQuery query = { .text = "lantern" };

  g_assert_true (csp_store_begin_batch (fixture->store, &error));
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *title = g_strdup_printf ("Lantern walk %u", i);
      add_activity (fixture, title, "2021-03-01");
    }
  g_assert_true (csp_store_commit_batch (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL), ==, before + 50);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, &query), ==, 50);
  g_assert_cmpint (audit_count (fixture), ==, audits + 50);
  g_assert_false (csp_database_in_transaction (fixture->database));
}

static void
test_batch_rollback (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  guint before = test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL);
  gint64 audits = audit_count (fixture);

  g_assert_true (csp_store_begin_batch (fixture->store, &error));
  add_activity (fixture, "Lantern walk", "2021-03-01");
  csp_store_rollback_batch (fixture->store);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL), ==, before);
  g_assert_cmpint (audit_count (fixture), ==, audits);
}

/* A write that fails inside a batch may have left part of itself behind,
 * so the batch cannot be committed: everything in it is undone. */
static void
test_batch_failed_write (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) twin = csp_record_new (CSP_TYPE_PARTNER);
  g_autoptr (GError) error = NULL;
  guint activities = test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL);
  guint partners = test_store_count (fixture->store, CSP_TYPE_PARTNER, NULL);

  g_assert_true (csp_store_begin_batch (fixture->store, &error));
  add_activity (fixture, "Lantern walk", "2021-03-01");
  csp_record_set_string (twin, "name", "Hertfordshire Constabulary");
  csp_record_set_string (twin, "kind", "police");
  g_assert_false (csp_store_insert (fixture->store, twin, &error));
  /* On PostgreSQL the failed write leaves the batch's transaction unable
   * to read which field clashed: the engine's own words stand. */
  if (csp_database_get_engine (fixture->database) == CSP_ENGINE_POSTGRESQL)
    g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_DUPLICATE);
  else
    g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (csp_store_commit_batch (fixture->store, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_FAILED);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL), ==, activities);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_PARTNER, NULL), ==, partners);
  g_assert_false (csp_database_in_transaction (fixture->database));

  /* The store works as before afterwards. */
  add_activity (fixture, "Lantern walk", "2021-03-01");
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL), ==, activities + 1);
}

/* Action updates are history */

static CspRecord *
new_action_update (gint64 action_id, const char *date, const char *commentary)
{
  CspRecord *update = csp_record_new (CSP_TYPE_ACTION_UPDATE);

  csp_record_set_int (update, "action_id", action_id);
  csp_record_set_string (update, "update_date", date);
  csp_record_set_string (update, "author", "Community Safety Officer");
  csp_record_set_string (update, "status", "in_progress");
  csp_record_set_int (update, "percent_complete", 50);
  csp_record_set_string (update, "rag", "amber");
  csp_record_set_string (update, "commentary", commentary);
  return update;
}

static void
test_action_update_append_only (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) update = new_action_update (fixture->action, "2021-06-30", "Q1 done");
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = NULL;
  gint64 audits;

  test_store_insert_ok (fixture->store, update);
  audits = audit_count (fixture);

  csp_record_set_string (update, "commentary", "Rewritten history");
  g_assert_false (csp_store_update (fixture->store, update, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  assert_message_contains (error, "progress update");
  g_clear_error (&error);
  g_assert_false (csp_store_delete (fixture->store, update, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
  g_clear_error (&error);

  /* Not even plain SQL may change it. */
  stmt = csp_database_prepare (fixture->database,
                               "UPDATE action_update SET commentary = 'x' WHERE id = ?", &error);
  g_assert_no_error (error);
  csp_statement_bind_int64 (stmt, 1, csp_record_get_id (update));
  g_assert_false (csp_statement_run (stmt, &error));
  assert_refused_by_schema (&error);

  stored = get_ok (fixture, CSP_TYPE_ACTION_UPDATE, csp_record_get_id (update));
  g_assert_cmpstr (csp_record_get_string (stored, "commentary"), ==, "Q1 done");
  g_assert_cmpint (csp_record_get_version (stored), ==, 1);
  g_assert_cmpint (audit_count (fixture), ==, audits);
}

static void
test_action_delete_cascades (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) action = new_action (fixture, "3.1", "Trader visits about rogue traders");
  g_autoptr (CspRecord) first = NULL;
  g_autoptr (CspRecord) second = NULL;
  g_autoptr (CspRecord) other = new_action_update (fixture->action, "2021-05-01", "Other");
  g_autoptr (CspRecord) activity = new_activity ("Rogue trader webinar", "2021-05-01");
  g_autoptr (CspRecord) reread = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  const gint64 supporting[] = { fixture->council };
  CspQuery search = { .text = "rogue" };
  gint64 id;

  csp_record_set_partner_ids (action, supporting, 1);
  test_store_insert_ok (fixture->store, action);
  id = csp_record_get_id (action);
  first = new_action_update (id, "2021-05-01", "Started");
  second = new_action_update (id, "2021-06-01", "Half way");
  test_store_insert_ok (fixture->store, first);
  test_store_insert_ok (fixture->store, second);
  test_store_insert_ok (fixture->store, other);
  csp_record_set_int (activity, "action_id", id);
  test_store_insert_ok (fixture->store, activity);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTION, &search), ==, 1);

  /* An activity still served by the action keeps it from being deleted,
   * so that undoing a delete never has links to restore. */
  g_assert_false (csp_store_delete (fixture->store, action, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_IN_USE);
  g_clear_error (&error);
  csp_record_set_null (activity, "action_id");
  g_assert_true (csp_store_update (fixture->store, activity, &error));

  g_assert_true (csp_store_delete (fixture->store, action, &error));
  g_assert_no_error (error);

  /* Its history and its partner links go with it, nothing else does. */
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM action_update WHERE action_id = ?", id),
                   ==, 0);
  g_assert_cmpint (sql_int (fixture, "SELECT count(*) FROM action_partner WHERE action_id = ?", id),
                   ==, 0);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTION_UPDATE, NULL), ==, 1);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTION, &search), ==, 0);
  /* The activity stays. */
  reread = get_ok (fixture, CSP_TYPE_ACTIVITY, csp_record_get_id (activity));
  g_assert_true (csp_record_is_null (reread, "action_id"));
  found = test_store_list (fixture->store, CSP_TYPE_ACTIVITY, &search);
  g_assert_cmpuint (found->len, ==, 1);
}

/* Audit log */

typedef struct
{
  char *user_name;
  char *table_name;
  gint64 row_id;
  char *operation;
  JsonObject *changes;
  char *created_at;
  char *updated_at;
} AuditEntry;

static void
audit_entry_free (AuditEntry *entry)
{
  g_free (entry->created_at);
  g_free (entry->updated_at);
  g_free (entry->user_name);
  g_free (entry->table_name);
  g_free (entry->operation);
  g_clear_pointer (&entry->changes, json_object_unref);
  g_free (entry);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuditEntry, audit_entry_free)

static GPtrArray *
audit_entries (Fixture *fixture, const char *table, gint64 row_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspStatement) stmt = NULL;
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) audit_entry_free);
  CspStep step;

  stmt = csp_database_prepare (fixture->database,
                               "SELECT user_name, table_name, row_id, operation, changes, "
                               "created_at, updated_at FROM audit_log "
                               "WHERE table_name = ? AND row_id = ? ORDER BY id",
                               &error);
  g_assert_no_error (error);
  csp_statement_bind_text (stmt, 1, table);
  csp_statement_bind_int64 (stmt, 2, row_id);
  while ((step = csp_statement_step (stmt, &error)) == CSP_STEP_ROW)
    {
      AuditEntry *entry = g_new0 (AuditEntry, 1);
      g_autoptr (JsonNode) root = NULL;

      entry->user_name = g_strdup (csp_statement_get_text (stmt, 0));
      entry->table_name = g_strdup (csp_statement_get_text (stmt, 1));
      entry->row_id = csp_statement_get_int64 (stmt, 2);
      entry->operation = g_strdup (csp_statement_get_text (stmt, 3));
      root = json_from_string (csp_statement_get_text (stmt, 4), &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
      entry->changes = json_object_ref (json_node_get_object (root));
      entry->created_at = g_strdup (csp_statement_get_text (stmt, 5));
      entry->updated_at = g_strdup (csp_statement_get_text (stmt, 6));
      g_ptr_array_add (entries, entry);
    }
  g_assert_no_error (error);
  g_assert_cmpint (step, ==, CSP_STEP_DONE);
  return entries;
}

static void
assert_pair (JsonObject *changes, const char *column, const char *old_value, const char *new_value)
{
  JsonArray *pair;

  if (!json_object_has_member (changes, column))
    g_error ("the audit entry does not name the changed column %s", column);
  pair = json_object_get_array_member (changes, column);
  g_assert_nonnull (pair);
  g_assert_cmpuint (json_array_get_length (pair), ==, 2);
  if (old_value == NULL)
    g_assert_true (json_array_get_null_element (pair, 0));
  else
    g_assert_cmpstr (json_array_get_string_element (pair, 0), ==, old_value);
  if (new_value == NULL)
    g_assert_true (json_array_get_null_element (pair, 1));
  else
    g_assert_cmpstr (json_array_get_string_element (pair, 1), ==, new_value);
}

static void
test_audit (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) activity = new_activity ("Safer streets survey", "2021-02-01");
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  const gint64 before[] = { fixture->council };
  const gint64 after[] = { fixture->council, fixture->fire };
  g_autofree char *user_name = test_store_file_audit_user (fixture->database);
  AuditEntry *entry;
  JsonArray *pair;
  gint64 id;

  csp_record_set_string (activity, "format", "survey");
  csp_record_set_int (activity, "responses", 120);
  csp_record_set_partner_ids (activity, before, 1);
  test_store_insert_ok (fixture->store, activity);
  id = csp_record_get_id (activity);

  entries = audit_entries (fixture, "activity", id);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = entries->pdata[0];
  g_assert_cmpstr (entry->user_name, ==, user_name);
  g_assert_cmpstr (entry->table_name, ==, "activity");
  g_assert_cmpint (entry->row_id, ==, id);
  g_assert_cmpstr (entry->operation, ==, "insert");
  g_assert_cmpstr (json_object_get_string_member (entry->changes, "title"), ==,
                   "Safer streets survey");
  g_assert_cmpint (json_object_get_int_member (entry->changes, "responses"), ==, 120);
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* An update names the changed columns only, each as [old, new]. */
  csp_record_set_string (activity, "title", "Safer streets survey 2021");
  csp_record_set_string (activity, "outcome", "Lighting improved");
  csp_record_set_int (activity, "responses", 135);
  csp_record_set_partner_ids (activity, after, 2);
  g_assert_true (csp_store_update (fixture->store, activity, &error));
  g_assert_no_error (error);
  entries = audit_entries (fixture, "activity", id);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = entries->pdata[1];
  g_assert_cmpstr (entry->operation, ==, "update");
  g_assert_cmpstr (entry->user_name, ==, user_name);
  assert_pair (entry->changes, "title", "Safer streets survey", "Safer streets survey 2021");
  assert_pair (entry->changes, "outcome", NULL, "Lighting improved");
  pair = json_object_get_array_member (entry->changes, "responses");
  g_assert_cmpint (json_array_get_int_element (pair, 0), ==, 120);
  g_assert_cmpint (json_array_get_int_element (pair, 1), ==, 135);
  g_assert_true (json_object_has_member (entry->changes, "partner_ids"));
  g_assert_false (json_object_has_member (entry->changes, "start_date"));
  g_assert_false (json_object_has_member (entry->changes, "format"));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* A refused update leaves no entry. */
  csp_record_set_int (activity, "reach", -1);
  g_assert_false (csp_store_update (fixture->store, activity, &error));
  g_clear_error (&error);
  csp_record_set_null (activity, "reach");

  g_assert_true (csp_store_delete (fixture->store, activity, &error));
  g_assert_no_error (error);
  entries = audit_entries (fixture, "activity", id);
  g_assert_cmpuint (entries->len, ==, 3);
  entry = entries->pdata[2];
  g_assert_cmpstr (entry->operation, ==, "delete");
  g_assert_cmpstr (entry->table_name, ==, "activity");
  g_assert_cmpint (entry->row_id, ==, id);
  g_assert_cmpstr (json_object_get_string_member (entry->changes, "title"), ==,
                   "Safer streets survey 2021");
}

/* Who and when come from the engine: the role the server let in, or the
 * account that wrote the file (an SQLite file knows no users), and the
 * engine's clock, in UTC. */
static void
test_audit_who_and_when (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) activity = new_activity ("Audited", "2021-02-01");
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GError) error = NULL;
  g_autofree char *user_name = test_store_file_audit_user (fixture->database);

  test_store_insert_ok (fixture->store, activity);
  csp_record_set_string (activity, "outcome", "Changed");
  g_assert_true (csp_store_update (fixture->store, activity, &error));
  g_assert_no_error (error);
  entries = audit_entries (fixture, "activity", csp_record_get_id (activity));
  g_assert_cmpuint (entries->len, ==, 2);
  for (guint i = 0; i < entries->len; i++)
    {
      AuditEntry *entry = entries->pdata[i];
      g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 (entry->created_at, NULL);
      g_autoptr (GDateTime) saved = g_date_time_new_from_iso8601 (
          i == 0 ? csp_record_get_created_at (activity) : csp_record_get_updated_at (activity),
          NULL);

      g_assert_cmpstr (entry->user_name, ==, user_name);
      g_assert_nonnull (when);
      g_assert_true (g_str_has_suffix (entry->created_at, "Z"));
      g_assert_cmpint (g_date_time_get_utc_offset (when), ==, 0);
      g_assert_cmpstr (entry->updated_at, ==, entry->created_at);
      g_assert_cmpint (ABS (g_date_time_difference (now, when)), <, 300 * G_TIME_SPAN_SECOND);
      /* The same clock as the record's own times. */
      g_assert_nonnull (saved);
      g_assert_cmpint (ABS (g_date_time_difference (saved, when)), <, 5 * G_TIME_SPAN_SECOND);
    }
  {
    AuditEntry *insert = entries->pdata[0], *update = entries->pdata[1];
    g_assert_cmpstr (insert->created_at, <=, update->created_at);
  }
}

static void
test_audit_append_only (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  gint64 audits = audit_count (fixture);

  g_assert_cmpint (audits, >, 0);
  g_assert_false (csp_database_exec (fixture->database,
                                     "UPDATE audit_log SET user_name = 'someone else'", &error));
  assert_refused_by_schema (&error);
  g_assert_false (csp_database_exec (fixture->database, "DELETE FROM audit_log", &error));
  assert_refused_by_schema (&error);
  g_assert_cmpint (audit_count (fixture), ==, audits);
}

/* Full-text search */

static void
add_search_activities (Fixture *fixture)
{
  g_autoptr (CspRecord) located = new_activity ("Scams awareness stall", "2021-01-10");

  add_activity (fixture, "Street briefing in Hatfield", "2021-01-01");
  add_activity (fixture, "Webinar on online scams", "2021-01-02");
  add_activity (fixture, "Survey of residents", "2021-01-03");
  add_activity (fixture, "Café drop-in session", "2021-01-04");
  csp_record_set_string (located, "location", "Welwyn Garden City library");
  test_store_insert_ok (fixture->store, located);
}

static guint
search_count (Fixture *fixture, const char *text)
{
  CspQuery query = { .text = text };
  g_autoptr (GPtrArray) found = test_store_list (fixture->store, CSP_TYPE_ACTIVITY, &query);

  return found->len;
}

static void
test_search_prefix (Fixture *fixture, gconstpointer user_data)
{
  CspQuery query = { .text = "brief" };
  g_autoptr (GPtrArray) found = NULL;

  add_search_activities (fixture);
  found = test_store_list (fixture->store, CSP_TYPE_ACTIVITY, &query);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (csp_record_get_string (found->pdata[0], "title"), ==,
                   "Street briefing in Hatfield");

  g_assert_cmpuint (search_count (fixture, "BRIEF"), ==, 1);
  g_assert_cmpuint (search_count (fixture, "scam"), ==, 2);
  g_assert_cmpuint (search_count (fixture, "cafe"), ==, 1);
  /* Other searched columns count too. */
  g_assert_cmpuint (search_count (fixture, "library"), ==, 1);
  /* Not a substring search: words match from their start. */
  g_assert_cmpuint (search_count (fixture, "riefing"), ==, 0);
  /* Blank text is no filter at all. */
  g_assert_cmpuint (search_count (fixture, "   "), ==, 5);
}

static void
test_search_and (Fixture *fixture, gconstpointer user_data)
{
  add_search_activities (fixture);
  g_assert_cmpuint (search_count (fixture, "street hatfield"), ==, 1);
  g_assert_cmpuint (search_count (fixture, "hatfield street"), ==, 1);
  g_assert_cmpuint (search_count (fixture, "street scams"), ==, 0);
  g_assert_cmpuint (search_count (fixture, "scams webinar"), ==, 1);
  g_assert_cmpuint (search_count (fixture, "scams library"), ==, 1);
}

static void
test_search_operators (Fixture *fixture, gconstpointer user_data)
{
  const char *texts[] = {
    "\"",
    "\"street",
    "street\"",
    "*",
    "brief*",
    "AND",
    "OR",
    "NOT",
    "street AND",
    "street OR scams",
    "NOT scams",
    "-",
    "-street",
    "street -scams",
    "NEAR(",
    "NEAR(street scams)",
    "title:street",
    "^street",
    "(",
    ")",
    "'",
    "'; DROP TABLE activity; --",
    "\\",
    "{title}: x",
    "+",
    "street + hatfield",
    ":",
    "",
    "%",
    "_",
  };

  add_search_activities (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      CspQuery query = { .text = texts[i] };
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) found =
          csp_store_list (fixture->store, CSP_TYPE_ACTIVITY, &query, &error);
      guint n = 0;

      if (error != NULL)
        g_error ("searching for “%s” failed: %s", texts[i], error->message);
      g_assert_nonnull (found);
      g_assert_true (csp_store_count (fixture->store, CSP_TYPE_ACTIVITY, &query, &n, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, found->len);
    }
  /* The engine's own operators are plain words, and what is not the
   * search grammar is too, so these find what a person expects. */
  g_assert_cmpuint (search_count (fixture, "brief*"), ==, 1);
  g_assert_cmpuint (search_count (fixture, "\"street"), ==, 1);
  g_assert_cmpuint (search_count (fixture, "street -scams"), ==, 1);
  g_assert_cmpuint (search_count (fixture, "NEAR(street"), ==, 0);
  g_assert_cmpuint (search_count (fixture, "NOT scams"), ==, 0);
  g_assert_cmpuint (search_count (fixture, "street AND"), ==, 0);
  g_assert_cmpuint (search_count (fixture, "street + hatfield"), ==, 1);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, NULL), ==, 5);
}

/* The grammar of csp-search-query.c, as the engine runs it. */
static void
test_search_grammar (Fixture *fixture, gconstpointer user_data)
{
  add_search_activities (fixture);
  /* Either word */
  g_assert_cmpuint (search_count (fixture, "street OR scams"), ==, 3);
  g_assert_cmpuint (search_count (fixture, "webinar OR survey OR café"), ==, 3);
  g_assert_cmpuint (search_count (fixture, "scams webinar OR stall"), ==, 2);
  /* Words in a row, whole unless starred */
  g_assert_cmpuint (search_count (fixture, "\"street briefing\""), ==, 1);
  g_assert_cmpuint (search_count (fixture, "\"briefing street\""), ==, 0);
  g_assert_cmpuint (search_count (fixture, "\"street brief\""), ==, 0);
  g_assert_cmpuint (search_count (fixture, "\"street brief\"*"), ==, 1);
  g_assert_cmpuint (search_count (fixture, "\"scam\""), ==, 0);
  g_assert_cmpuint (search_count (fixture, "scam"), ==, 2);
  g_assert_cmpuint (search_count (fixture, "drop-in"), ==, 1);
  g_assert_cmpuint (search_count (fixture, "in-drop"), ==, 0);
  /* Leaving out, also with nothing else asked for */
  g_assert_cmpuint (search_count (fixture, "scams -webinar"), ==, 1);
  g_assert_cmpuint (search_count (fixture, "-scams"), ==, 3);
  g_assert_cmpuint (search_count (fixture, "-scams -street"), ==, 2);
  g_assert_cmpuint (search_count (fixture, "-\"online scams\""), ==, 4);
  g_assert_cmpuint (search_count (fixture, "scams OR street -hatfield"), ==, 2);
  /* Leaving out composes with the other filters. */
  {
    CspQuery query = { .text = "-scams", .from_date = "2021-01-02", .to_date = "2021-01-04" };
    g_autoptr (GPtrArray) found = test_store_list (fixture->store, CSP_TYPE_ACTIVITY, &query);

    g_assert_cmpuint (found->len, ==, 2);
  }
}

static void
test_search_follows_changes (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) activity = new_activity ("Street briefing", "2021-01-01");
  g_autoptr (GError) error = NULL;
  gint64 id;

  test_store_insert_ok (fixture->store, activity);
  id = csp_record_get_id (activity);
  g_assert_cmpuint (search_count (fixture, "brief"), ==, 1);

  csp_record_set_string (activity, "title", "Doorstep visits");
  g_assert_true (csp_store_update (fixture->store, activity, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (fixture, "brief"), ==, 0);
  g_assert_cmpuint (search_count (fixture, "doorstep"), ==, 1);

  /* A refused update leaves the index as the row is. */
  csp_record_set_string (activity, "title", "Rejected title");
  csp_record_set_int (activity, "participants", -5);
  g_assert_false (csp_store_update (fixture->store, activity, &error));
  g_clear_error (&error);
  g_assert_cmpuint (search_count (fixture, "rejected"), ==, 0);
  g_assert_cmpuint (search_count (fixture, "doorstep"), ==, 1);
  g_clear_object (&activity);

  activity = get_ok (fixture, CSP_TYPE_ACTIVITY, id);
  g_assert_true (csp_store_delete (fixture->store, activity, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (fixture, "doorstep"), ==, 0);
}

static void
test_search_actions (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) action = new_action (fixture, "2.4", "Scams prevention");
  CspQuery query = { .text = "street" };
  g_autoptr (GPtrArray) found = NULL;

  csp_record_set_string (action, "measure", "Number of doorstep crime reports");
  test_store_insert_ok (fixture->store, action);
  found = test_store_list (fixture->store, CSP_TYPE_ACTION, &query);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (csp_record_get_id (found->pdata[0]), ==, fixture->action);
  query.text = "doorstep";
  g_clear_pointer (&found, g_ptr_array_unref);
  found = test_store_list (fixture->store, CSP_TYPE_ACTION, &query);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (csp_record_get_id (found->pdata[0]), ==, csp_record_get_id (action));
}

/* Filters */

static void
assert_titles (GPtrArray *records, const char *const *titles)
{
  g_autoptr (GString) got = g_string_new (NULL);
  g_autofree char *expected = g_strjoinv ("|", (char **) titles);

  for (guint i = 0; i < records->len; i++)
    g_string_append_printf (got, "%s%s", i > 0 ? "|" : "",
                            csp_record_get_string (records->pdata[i], "title"));
  g_assert_cmpstr (got->str, ==, expected);
}

static void
assert_query_titles (Fixture *fixture, const CspQuery *query, const char *const *titles)
{
  g_autoptr (GPtrArray) found = test_store_list (fixture->store, CSP_TYPE_ACTIVITY, query);

  assert_titles (found, titles);
}

#define TITLES(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void
test_filter_dates (Fixture *fixture, gconstpointer user_data)
{
  CspQuery query = { .from_date = "2021-01-01", .to_date = "2021-01-31" };

  add_activity (fixture, "December", "2020-12-31");
  add_activity (fixture, "First", "2021-01-01");
  add_activity (fixture, "Middle", "2021-01-15");
  add_activity (fixture, "Last", "2021-01-31");
  add_activity (fixture, "February", "2021-02-01");

  assert_query_titles (fixture, &query, TITLES ("First", "Middle", "Last"));
  query.to_date = NULL;
  assert_query_titles (fixture, &query, TITLES ("First", "Middle", "Last", "February"));
  query.from_date = NULL;
  query.to_date = "2021-01-01";
  assert_query_titles (fixture, &query, TITLES ("December", "First"));
  query.from_date = "2021-01-15";
  query.to_date = "2021-01-15";
  assert_query_titles (fixture, &query, TITLES ("Middle"));
  query.from_date = "2021-02-02";
  query.to_date = "2021-01-01";
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, &query), ==, 0);
}

static void
test_filter_partner (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) led = new_activity ("Led", "2021-01-01");
  g_autoptr (CspRecord) supported = new_activity ("Supported", "2021-01-02");
  g_autoptr (CspRecord) both = new_activity ("Both", "2021-01-03");
  g_autoptr (CspRecord) neither = new_activity ("Neither", "2021-01-04");
  const gint64 police[] = { fixture->police };
  const gint64 police_fire[] = { fixture->police, fixture->fire };
  CspQuery query = { .partner_id = fixture->police };

  csp_record_set_int (led, "lead_partner_id", fixture->police);
  csp_record_set_partner_ids (supported, police_fire, 2);
  csp_record_set_int (supported, "lead_partner_id", fixture->council);
  csp_record_set_int (both, "lead_partner_id", fixture->police);
  csp_record_set_partner_ids (both, police, 1);
  csp_record_set_int (neither, "lead_partner_id", fixture->council);
  test_store_insert_ok (fixture->store, led);
  test_store_insert_ok (fixture->store, supported);
  test_store_insert_ok (fixture->store, both);
  test_store_insert_ok (fixture->store, neither);

  /* Lead OR supporting, each activity once. */
  assert_query_titles (fixture, &query, TITLES ("Led", "Supported", "Both"));
  query.partner_id = fixture->fire;
  assert_query_titles (fixture, &query, TITLES ("Supported"));
  query.partner_id = fixture->council;
  assert_query_titles (fixture, &query, TITLES ("Supported", "Neither"));
}

static void
test_filter_choices (Fixture *fixture, gconstpointer user_data)
{
  struct
  {
    const char *title, *format, *mode, *status;
    gboolean fraud;
  } rows[] = {
    { "A", "webinar", "online", "delivered", TRUE },
    { "B", "webinar", "online", "cancelled", FALSE },
    { "C", "event", "in_person", "delivered", FALSE },
    { "D", "event", "hybrid", "planned", TRUE },
    { "E", "survey", "online", "delivered", TRUE },
  };
  CspQuery query = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (CspRecord) activity = new_activity (rows[i].title, "2021-03-01");
      csp_record_set_string (activity, "format", rows[i].format);
      csp_record_set_string (activity, "mode", rows[i].mode);
      csp_record_set_string (activity, "status", rows[i].status);
      csp_record_set_int (activity, "priority_id",
                          rows[i].fraud ? fixture->priority_fraud : fixture->priority_asb);
      test_store_insert_ok (fixture->store, activity);
    }

  query.priority_id = fixture->priority_fraud;
  assert_query_titles (fixture, &query, TITLES ("A", "D", "E"));
  query = (CspQuery){ .status = "delivered" };
  assert_query_titles (fixture, &query, TITLES ("A", "C", "E"));
  query = (CspQuery){ .format = "webinar" };
  assert_query_titles (fixture, &query, TITLES ("A", "B"));
  query = (CspQuery){ .mode = "online" };
  assert_query_titles (fixture, &query, TITLES ("A", "B", "E"));
  query =
      (CspQuery){ .mode = "online", .status = "delivered", .priority_id = fixture->priority_fraud };
  assert_query_titles (fixture, &query, TITLES ("A", "E"));
  query = (CspQuery){
    .format = "event", .mode = "hybrid", .from_date = "2021-03-01", .to_date = "2021-03-01"
  };
  assert_query_titles (fixture, &query, TITLES ("D"));
  query = (CspQuery){ .format = "webinar", .mode = "in_person" };
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, &query), ==, 0);

  /* A filter word no row has, even an odd one, just matches nothing. */
  query = (CspQuery){ .status = "delivered' OR '1'='1" };
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, &query), ==, 0);
}

/* A plan's records: its priorities, and their actions through them. */
static void
test_filter_plan (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) other_plan = csp_record_new (CSP_TYPE_PLAN);
  g_autoptr (CspRecord) other_priority = csp_record_new (CSP_TYPE_PRIORITY);
  g_autoptr (CspRecord) other_action = NULL;
  CspQuery this_plan = { .plan_id = fixture->plan };
  CspQuery next_plan = { 0 };
  g_autoptr (GPtrArray) actions = NULL;

  csp_record_set_string (other_plan, "title", "Action Plan 2022-23");
  csp_record_set_int (other_plan, "year_start", 2022);
  csp_record_set_string (other_plan, "status", "draft");
  test_store_insert_ok (fixture->store, other_plan);
  csp_record_set_int (other_priority, "plan_id", csp_record_get_id (other_plan));
  csp_record_set_int (other_priority, "position", 1);
  csp_record_set_string (other_priority, "title", "Reduce anti-social behaviour");
  test_store_insert_ok (fixture->store, other_priority);
  other_action = new_action (fixture, "1.1", "Youth outreach in the town centre");
  csp_record_set_int (other_action, "priority_id", csp_record_get_id (other_priority));
  test_store_insert_ok (fixture->store, other_action);
  next_plan.plan_id = csp_record_get_id (other_plan);

  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_PRIORITY, &this_plan), ==, 2);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_PRIORITY, &next_plan), ==, 1);
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTION, &this_plan), ==,
                    test_store_count (fixture->store, CSP_TYPE_ACTION, NULL) - 1);
  actions = test_store_list (fixture->store, CSP_TYPE_ACTION, &next_plan);
  g_assert_cmpuint (actions->len, ==, 1);
  g_assert_cmpint (csp_record_get_id (actions->pdata[0]), ==, csp_record_get_id (other_action));
}

static void
test_filter_refused (Fixture *fixture, gconstpointer user_data)
{
  const CspQuery refused[] = {
    { .mode = "online" },          { .format = "webinar" },
    { .status = "delivered" },     { .from_date = "2021-01-01" },
    { .priority_id = 1 },          { .text = "police" },
    { .partner_id = 1 },           { .plan_id = 1 },
    { .sort_column = "nonsense" }, { .sort_column = "name; DROP TABLE partner" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) found =
          csp_store_list (fixture->store, CSP_TYPE_PARTNER, &refused[i], &error);
      guint n = 0;

      g_assert_null (found);
      g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
      g_clear_error (&error);
      if (refused[i].sort_column == NULL)
        {
          g_assert_false (
              csp_store_count (fixture->store, CSP_TYPE_PARTNER, &refused[i], &n, &error));
          g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
        }
    }
  g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_PARTNER, NULL), ==, 3);

  /* Activities have no sort column "name". */
  {
    CspQuery query = { .sort_column = "name" };
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) found =
        csp_store_list (fixture->store, CSP_TYPE_ACTIVITY, &query, &error);
    g_assert_null (found);
    g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_INVALID);
    assert_message_contains (error, "name");
  }
}

/* Paging and sorting */

static void
test_paging (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint position = 0;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *title = g_strdup_printf ("Activity %02u", i);
      g_autofree char *date = g_strdup_printf ("2021-01-%02u", 25 - i);
      add_activity (fixture, title, date);
    }
  all = test_store_list (fixture->store, CSP_TYPE_ACTIVITY, NULL);
  g_assert_cmpuint (all->len, ==, 25);

  for (guint offset = 0; offset < 25; offset += 7)
    {
      CspQuery query = { .offset = offset, .limit = 7 };
      g_autoptr (GPtrArray) page = test_store_list (fixture->store, CSP_TYPE_ACTIVITY, &query);

      g_assert_cmpuint (page->len, ==, MIN (7, 25 - offset));
      /* Paging leaves the count alone. */
      g_assert_cmpuint (test_store_count (fixture->store, CSP_TYPE_ACTIVITY, &query), ==, 25);
      for (guint i = 0; i < page->len; i++)
        {
          gint64 *id = g_new (gint64, 1);
          *id = csp_record_get_id (page->pdata[i]);
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, id);
          g_assert_cmpint (*id, ==, csp_record_get_id (all->pdata[position++]));
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 25);

  {
    CspQuery past_end = { .offset = 25, .limit = 7 };
    CspQuery offset_only = { .offset = 20 };
    CspQuery filtered = { .from_date = "2021-01-11", .offset = 10, .limit = 10 };
    g_autoptr (GPtrArray) none = test_store_list (fixture->store, CSP_TYPE_ACTIVITY, &past_end);
    g_autoptr (GPtrArray) rest = test_store_list (fixture->store, CSP_TYPE_ACTIVITY, &offset_only);
    g_autoptr (GPtrArray) page = test_store_list (fixture->store, CSP_TYPE_ACTIVITY, &filtered);

    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (rest->len, ==, 5);
    g_assert_cmpint (csp_record_get_id (rest->pdata[0]), ==, csp_record_get_id (all->pdata[20]));
    /* 15 rows from 2021-01-11 on; the second page of ten holds five. */
    g_assert_cmpuint (page->len, ==, 5);
  }
}

static void
test_sort (Fixture *fixture, gconstpointer user_data)
{
  struct
  {
    const char *title, *date;
    gint64 participants;
  } rows[] = {
    { "banana", "2021-03-02", 30 },
    { "Apple", "2021-03-03", 10 },
    { "cherry", "2021-03-01", 20 },
    { "apricot", "2021-03-04", 40 },
  };
  CspQuery query = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (CspRecord) activity = new_activity (rows[i].title, rows[i].date);
      csp_record_set_int (activity, "participants", rows[i].participants);
      test_store_insert_ok (fixture->store, activity);
    }

  /* By the date column when no sort is asked for */
  assert_query_titles (fixture, NULL, TITLES ("cherry", "banana", "Apple", "apricot"));
  query.descending = TRUE;
  assert_query_titles (fixture, &query, TITLES ("apricot", "Apple", "banana", "cherry"));
  /* Text ignores case */
  query = (CspQuery){ .sort_column = "title" };
  assert_query_titles (fixture, &query, TITLES ("Apple", "apricot", "banana", "cherry"));
  query.descending = TRUE;
  assert_query_titles (fixture, &query, TITLES ("cherry", "banana", "apricot", "Apple"));
  query = (CspQuery){ .sort_column = "participants" };
  assert_query_titles (fixture, &query, TITLES ("Apple", "cherry", "banana", "apricot"));
  query.descending = TRUE;
  assert_query_titles (fixture, &query, TITLES ("apricot", "banana", "cherry", "Apple"));
  query = (CspQuery){ .sort_column = "start_date", .descending = TRUE };
  assert_query_titles (fixture, &query, TITLES ("apricot", "Apple", "banana", "cherry"));
  query = (CspQuery){ .sort_column = "id" };
  assert_query_titles (fixture, &query, TITLES ("banana", "Apple", "cherry", "apricot"));
  query.descending = TRUE;
  assert_query_titles (fixture, &query, TITLES ("apricot", "cherry", "Apple", "banana"));
  query = (CspQuery){ .sort_column = "created_at" };
  assert_query_titles (fixture, &query, TITLES ("banana", "Apple", "cherry", "apricot"));
  query = (CspQuery){ .sort_column = "updated_at", .descending = TRUE };
  assert_query_titles (fixture, &query, TITLES ("apricot", "cherry", "Apple", "banana"));

  /* Sorting, filtering and paging together */
  query = (CspQuery){ .sort_column = "title", .from_date = "2021-03-02", .offset = 1, .limit = 1 };
  assert_query_titles (fixture, &query, TITLES ("apricot"));
}

/* Empty values come first going up and last going down, on either engine. */
static void
test_sort_nulls (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (CspRecord) counted = new_activity ("Counted", "2021-03-01");
  g_autoptr (CspRecord) uncounted = new_activity ("Uncounted", "2021-03-02");
  g_autoptr (CspRecord) led = new_activity ("Led", "2021-03-03");
  CspQuery query = { .sort_column = "participants" };

  csp_record_set_int (counted, "participants", 12);
  csp_record_set_int (led, "lead_partner_id", fixture->police);
  test_store_insert_ok (fixture->store, counted);
  test_store_insert_ok (fixture->store, uncounted);
  test_store_insert_ok (fixture->store, led);

  assert_query_titles (fixture, &query, TITLES ("Uncounted", "Led", "Counted"));
  query.descending = TRUE;
  assert_query_titles (fixture, &query, TITLES ("Counted", "Led", "Uncounted"));
  /* A reference sorts by the name it points at. */
  query = (CspQuery){ .sort_column = "lead_partner_id" };
  assert_query_titles (fixture, &query, TITLES ("Counted", "Uncounted", "Led"));
  query.descending = TRUE;
  assert_query_titles (fixture, &query, TITLES ("Led", "Uncounted", "Counted"));
}

static void
test_sort_ties (Fixture *fixture, gconstpointer user_data)
{
  CspQuery query = { .sort_column = "format" };
  g_autoptr (GPtrArray) up = NULL;
  g_autoptr (GPtrArray) down = NULL;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *title = g_strdup_printf ("Same %u", i);
      add_activity (fixture, title, "2021-03-01");
    }
  /* Equal values keep a stable order, so pages never repeat or skip rows. */
  up = test_store_list (fixture->store, CSP_TYPE_ACTIVITY, &query);
  query.descending = TRUE;
  down = test_store_list (fixture->store, CSP_TYPE_ACTIVITY, &query);
  g_assert_cmpuint (up->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (csp_record_get_id (up->pdata[i]), ==, csp_record_get_id (down->pdata[5 - i]));
  for (guint i = 1; i < 6; i++)
    g_assert_cmpint (csp_record_get_id (up->pdata[i - 1]), <, csp_record_get_id (up->pdata[i]));
}

/* Reading a damaged file */

static void
test_list_damaged (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autofree guint8 *garbage = g_malloc (4096);
  g_autofree char *notes = g_strnfill (800, 'n');
  gint64 root_page;
  int fd;

  if (test_engine_skip_unless_file (
          "damages a page of an SQLite file; a server's files are its own"))
    return;
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr (CspRecord) activity = new_activity ("Long one", "2021-01-01");
      csp_record_set_string (activity, "outcome", notes);
      test_store_insert_ok (fixture->store, activity);
    }
  root_page = sql_int (fixture, "SELECT rootpage FROM sqlite_schema WHERE name = 'activity'", 0);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->database);

  /* The table's root page is the first one any read of it meets. */
  memset (garbage, 0xEE, 4096);
  fd = g_open (fixture->location, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, 4096, (root_page - 1) * 4096), ==, 4096);
  close (fd);

  fixture->database = csp_database_open (fixture->location, &error);
  g_assert_no_error (error);
  fixture->store = csp_store_new (fixture->database);

  found = csp_store_list (fixture->store, CSP_TYPE_ACTIVITY, NULL, &error);
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT);
  assert_message_contains (error, fixture->location);
  /* A failed list is NULL, not an empty list that looks like no rows. */
  g_assert_null (found);
  g_clear_error (&error);

  /* Reading one row meets the damage too. */
  g_assert_null (csp_store_get (fixture->store, CSP_TYPE_ACTIVITY, 1, &error));
  g_assert_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_CORRUPT);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  test_engine_skip_unless_available ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/activity/round-trip", test_activity_round_trip);
  ADD ("/store/activity/round-trip-nulls", test_activity_round_trip_nulls);
  ADD ("/store/insert/explicit-id", test_insert_explicit_id);
  ADD ("/store/get/not-found", test_get_not_found);
  ADD ("/store/get/several", test_get_several);
  ADD ("/store/ref-choices", test_ref_choices);
  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/store/validation/%s", invalid_cases[i].name);
      g_test_add_data_func (path, &invalid_cases[i], test_validation_shared);
    }
  ADD ("/store/validation/validate-column", test_validate_column);
  g_test_add_func ("/store/limits/every-text-column", test_limits_every_text_column);
  g_test_add_func ("/store/limits/values", test_limits_values);
  g_test_add_func ("/store/limits/not-utf8", test_limits_not_utf8);
  ADD ("/store/limits/store", test_limits_store);
  ADD ("/store/update/version", test_update_version);
  ADD ("/store/update/conflict", test_update_conflict);
  ADD ("/store/update/stale-connection", test_update_stale_connection);
  g_test_add ("/store/update/concurrent", Fixture, GINT_TO_POINTER (FALSE), fixture_set_up,
              test_update_concurrent, fixture_tear_down);
  g_test_add ("/store/update/concurrent-delete", Fixture, GINT_TO_POINTER (TRUE), fixture_set_up,
              test_update_concurrent, fixture_tear_down);
  ADD ("/store/update/race", test_update_race);
  ADD ("/store/update/deleted", test_update_deleted);
  ADD ("/store/update/unsaved", test_update_unsaved);
  ADD ("/store/delete/in-use", test_delete_in_use);
  ADD ("/store/delete/priority-in-use", test_delete_priority_in_use);
  ADD ("/store/partner/unique-name", test_partner_unique_name);
  ADD ("/store/unique/columns", test_unique_columns);
  ADD ("/store/insert/id-taken", test_insert_id_taken);
  ADD ("/store/disk-full", test_disk_full);
  ADD ("/store/batch/commit", test_batch_commit);
  ADD ("/store/batch/rollback", test_batch_rollback);
  ADD ("/store/batch/failed-write", test_batch_failed_write);
  ADD ("/store/action-update/append-only", test_action_update_append_only);
  ADD ("/store/action/delete-cascades", test_action_delete_cascades);
  ADD ("/store/audit/entries", test_audit);
  ADD ("/store/audit/who-and-when", test_audit_who_and_when);
  ADD ("/store/audit/append-only", test_audit_append_only);
  ADD ("/store/search/prefix", test_search_prefix);
  ADD ("/store/search/and", test_search_and);
  ADD ("/store/search/operators", test_search_operators);
  ADD ("/store/search/grammar", test_search_grammar);
  ADD ("/store/search/follows-changes", test_search_follows_changes);
  ADD ("/store/search/actions", test_search_actions);
  ADD ("/store/filter/dates", test_filter_dates);
  ADD ("/store/filter/partner", test_filter_partner);
  ADD ("/store/filter/choices", test_filter_choices);
  ADD ("/store/filter/plan", test_filter_plan);
  ADD ("/store/filter/refused", test_filter_refused);
  ADD ("/store/list/paging", test_paging);
  ADD ("/store/list/sort", test_sort);
  ADD ("/store/list/sort-nulls", test_sort_nulls);
  ADD ("/store/list/sort-ties", test_sort_ties);
  ADD ("/store/list/damaged", test_list_damaged);
#undef ADD

  status = g_test_run ();
  if (validation_fixture.store != NULL)
    fixture_tear_down (&validation_fixture, NULL);
  return status;
}

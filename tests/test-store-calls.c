/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-store-calls"

#include "config.h"

#include "test-store-calls.h"

/**
 * test_store_insert_ok:
 * @record: a new, valid record; it gets its id
 */
void
test_store_insert_ok (CspStore *store, CspRecord *record)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (csp_store_insert (store, record, &error));
  g_assert_no_error (error);
  g_assert_cmpint (csp_record_get_id (record), >, 0);
}

/**
 * test_store_count:
 * @query: (nullable): as csp_store_count() takes it
 *
 * Returns: how many records of @type match @query
 */
guint
test_store_count (CspStore *store, GType type, const CspQuery *query)
{
  g_autoptr (GError) error = NULL;
  guint n = G_MAXUINT;

  g_assert_true (csp_store_count (store, type, query, &n, &error));
  g_assert_no_error (error);
  return n;
}

/**
 * test_store_list:
 * @query: (nullable): as csp_store_list() takes it
 *
 * What a list shows and the count beside it always agree: for a whole
 * list (no page asked for), that is checked too.
 *
 * Returns: (transfer full) (element-type CspRecord): the matching records
 */
GPtrArray *
test_store_list (CspStore *store, GType type, const CspQuery *query)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *records = csp_store_list (store, type, query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  if (query == NULL || (query->limit == 0 && query->offset == 0))
    g_assert_cmpuint (records->len, ==, test_store_count (store, type, query));
  return records;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-store.h"

G_BEGIN_DECLS

/* The store's calls that a test expects to succeed: a failure fails the
 * test, with the store's own message. */

void test_store_insert_ok (CspStore *store, CspRecord *record);
guint test_store_count (CspStore *store, GType type, const CspQuery *query);
GPtrArray *test_store_list (CspStore *store, GType type, const CspQuery *query);

G_END_DECLS

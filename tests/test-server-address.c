/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-server-address"

#include "config.h"

#include <string.h>

#include "csp-database.h"
#include "csp-server-address.h"

/* A team server's address as the Open dialog takes it, and what the
 * database makes of a location. */

static void
test_conninfo_quoting (void)
{
  CspServerAddress address = {
    .host = "csp.example.org", .port = "6432", .database = "csp engage", .user = "o'brien"
  };
  g_autofree char *conninfo = csp_server_address_to_conninfo (&address, "pa\\ss'word x");

  /* Each value quoted as libpq reads it: a space, a quote or a backslash
   * in a value cannot start another word. */
  g_assert_cmpstr (conninfo, ==,
                   "host='csp.example.org' port='6432' dbname='csp engage' user='o\\'brien' "
                   "sslmode='require' password='pa\\\\ss\\'word x'");
  g_assert_true (csp_database_location_is_server (conninfo));
}

/* The network to a server elsewhere is crossed only encrypted; this
 * machine's server needs no TLS, and a service says its own. */
static void
test_tls_unless_local (void)
{
  const char *const local[] = { NULL,        "",    "localhost",          "LocalHost",
                                "127.0.0.1", "::1", "/var/run/postgresql" };
  const char *const remote[] = { "csp.example.org", "10.1.2.3", "localhost.example.org" };

  for (guint i = 0; i < G_N_ELEMENTS (local); i++)
    {
      CspServerAddress address = { .host = (char *) local[i], .database = "csp" };
      g_autofree char *conninfo = csp_server_address_to_conninfo (&address, NULL);

      g_assert_true (csp_server_address_is_local (&address));
      g_assert_null (strstr (conninfo, "sslmode"));
      g_assert_true (csp_database_location_is_server (conninfo));
    }
  for (guint i = 0; i < G_N_ELEMENTS (remote); i++)
    {
      CspServerAddress address = { .host = (char *) remote[i], .database = "csp" };
      g_autofree char *conninfo = csp_server_address_to_conninfo (&address, NULL);

      g_assert_false (csp_server_address_is_local (&address));
      g_assert_nonnull (strstr (conninfo, "sslmode='require'"));
    }
  {
    CspServerAddress address = { .service = "csp-engage", .host = "ignored.example.org" };
    g_autofree char *conninfo = csp_server_address_to_conninfo (&address, NULL);
    g_autofree char *said = csp_server_address_describe (&address);

    g_assert_cmpstr (conninfo, ==, "service='csp-engage'");
    g_assert_cmpstr (said, ==, "service csp-engage");
  }
}

static void
test_describe_without_password (void)
{
  CspServerAddress address = { .host = "csp.example.org", .database = "csp", .user = "officer" };
  g_autofree char *said = csp_server_address_describe (&address);

  g_assert_cmpstr (said, ==, "officer@csp.example.org:5432/csp");
}

/* What the database takes for a server, and what for a file. */
static void
test_location_kinds (void)
{
  const char *const servers[] = { "postgresql://officer@csp.example.org/csp", "postgres:///csp",
                                  "service=csp-engage", "host=/run/postgresql dbname=csp",
                                  " dbname = csp" };
  const char *const files[] = { "/home/officer/csp.db", "csp.db", "notes=old.db",
                                "C:/csp/partnership.db", "./a=b" };

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    if (!csp_database_location_is_server (servers[i]))
      g_error ("%s should be a server", servers[i]);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (csp_database_location_is_server (files[i]))
      g_error ("%s should be a file", files[i]);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/server-address/conninfo-quoting", test_conninfo_quoting);
  g_test_add_func ("/server-address/tls-unless-local", test_tls_unless_local);
  g_test_add_func ("/server-address/describe", test_describe_without_password);
  g_test_add_func ("/server-address/location-kinds", test_location_kinds);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-database"

#include "config.h"

#include <string.h>

#include "csp-server-address.h"

/* A team server's address as a person fills it in, turned into what
 * libpq reads: its key=value words, each value quoted, never SQL. */

void
csp_server_address_clear (CspServerAddress *address)
{
  g_clear_pointer (&address->service, g_free);
  g_clear_pointer (&address->host, g_free);
  g_clear_pointer (&address->port, g_free);
  g_clear_pointer (&address->database, g_free);
  g_clear_pointer (&address->user, g_free);
}

static gboolean
is_empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/**
 * csp_server_address_is_local:
 *
 * Returns: %TRUE when the server is on this machine (no host, a loopback
 *   address or a socket folder), where the network is not crossed
 */
gboolean
csp_server_address_is_local (const CspServerAddress *address)
{
  const char *host;

  g_return_val_if_fail (address != NULL, FALSE);

  host = address->host;
  return is_empty (host) || host[0] == '/' || g_ascii_strcasecmp (host, "localhost") == 0 ||
         g_str_has_prefix (host, "127.") || g_str_equal (host, "::1");
}

/* libpq's quoting: a value in single quotes, with \ and ' escaped. */
static void
append_word (GString *conninfo, const char *key, const char *value)
{
  if (is_empty (value))
    return;
  if (conninfo->len > 0)
    g_string_append_c (conninfo, ' ');
  g_string_append_printf (conninfo, "%s='", key);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (conninfo, '\\');
      g_string_append_c (conninfo, *p);
    }
  g_string_append_c (conninfo, '\'');
}

/**
 * csp_server_address_to_conninfo:
 * @password: (nullable): the password, kept in memory only
 *
 * What to connect with. The network to a server elsewhere is crossed only
 * encrypted (sslmode=require); a service says its own.
 *
 * Returns: (transfer full): libpq's connection words
 */
char *
csp_server_address_to_conninfo (const CspServerAddress *address, const char *password)
{
  g_autoptr (GString) conninfo = g_string_new (NULL);

  g_return_val_if_fail (address != NULL, NULL);

  if (!is_empty (address->service))
    append_word (conninfo, "service", address->service);
  else
    {
      append_word (conninfo, "host", address->host);
      append_word (conninfo, "port", address->port);
      append_word (conninfo, "dbname", address->database);
      append_word (conninfo, "user", address->user);
      if (!csp_server_address_is_local (address))
        append_word (conninfo, "sslmode", "require");
    }
  append_word (conninfo, "password", password);
  /* An empty address would be taken for a file by the database's open. */
  if (conninfo->len == 0)
    append_word (conninfo, "host", "localhost");
  return g_string_free (g_steal_pointer (&conninfo), FALSE);
}

/**
 * csp_server_address_describe:
 *
 * Returns: (transfer full): the address as a person reads it, without any
 *   password: "service csp-engage", "officer@csp.example.org:5432/csp"
 */
char *
csp_server_address_describe (const CspServerAddress *address)
{
  g_return_val_if_fail (address != NULL, NULL);

  if (!is_empty (address->service))
    return g_strdup_printf ("service %s", address->service);
  return g_strdup_printf ("%s%s%s:%s/%s", is_empty (address->user) ? "" : address->user,
                          is_empty (address->user) ? "" : "@",
                          is_empty (address->host) ? "localhost" : address->host,
                          is_empty (address->port) ? "5432" : address->port,
                          is_empty (address->database) ? "" : address->database);
}

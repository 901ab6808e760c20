/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CspServerAddress:
 * @service: (nullable): a service of pg_service.conf; when set, the rest
 *   but @password is the service's
 * @host: (nullable): the server's name or address; empty for this machine
 * @port: (nullable): its port; empty for PostgreSQL's own 5432
 * @database: (nullable): the partnership's database
 * @user: (nullable): the login; empty for this computer's account
 *
 * Where a team server is, as a person fills it in.
 */
typedef struct
{
  char *service;
  char *host;
  char *port;
  char *database;
  char *user;
} CspServerAddress;

void csp_server_address_clear (CspServerAddress *address);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CspServerAddress, csp_server_address_clear)

gboolean csp_server_address_is_local (const CspServerAddress *address);
char *csp_server_address_to_conninfo (const CspServerAddress *address, const char *password);
char *csp_server_address_describe (const CspServerAddress *address);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "csp-database.h"

G_BEGIN_DECLS

/**
 * CspServerRole:
 * @CSP_SERVER_ROLE_NONE: no role in this database
 * @CSP_SERVER_ROLE_VIEWER: reads everything; limited to a partner, reads
 *   only the activities and actions that partner leads or supports
 * @CSP_SERVER_ROLE_EDITOR: also changes activities, actions, metric
 *   values, committee reports and import mappings, and adds progress
 *   updates
 * @CSP_SERVER_ROLE_ADMIN: also changes partners, priorities, plans,
 *   meetings, channels, metrics, settings, section templates and risks,
 *   and manages users
 *
 * A person's role on a team server.
 */
typedef enum
{
  CSP_SERVER_ROLE_NONE,
  CSP_SERVER_ROLE_VIEWER,
  CSP_SERVER_ROLE_EDITOR,
  CSP_SERVER_ROLE_ADMIN,
} CspServerRole;

/**
 * CspAccessLevel:
 * @CSP_ACCESS_READ_ONLY: may change nothing
 * @CSP_ACCESS_EDITOR: may change what an editor may (see #CspServerRole)
 * @CSP_ACCESS_ADMIN: may change everything
 */
typedef enum
{
  CSP_ACCESS_READ_ONLY,
  CSP_ACCESS_EDITOR,
  CSP_ACCESS_ADMIN,
} CspAccessLevel;

/**
 * CspAccess:
 * @level: what the connected user may change, as the engine grants it
 * @user_name: who the engine says the user is (on a file, this
 *   computer's account)
 * @partner_scoped: the user sees only one partner's activities and
 *   actions (and their progress updates and history)
 * @partner_id: with @partner_scoped, that partner; 0 when none is set,
 *   in which case the user sees no activities or actions at all
 * @partner_name: (nullable): that partner's name
 * @can_manage_users: the user may add users and change their roles
 * @explanation: a sentence for the window saying who the user is, what
 *   they may do and, when it is not everything, why
 *
 * What the connected user may do, read from the engine.
 */
typedef struct
{
  CspAccessLevel level;
  char *user_name;
  gboolean partner_scoped;
  gint64 partner_id;
  char *partner_name;
  gboolean can_manage_users;
  char *explanation;
} CspAccess;

void csp_access_free (CspAccess *access);
gboolean csp_access_may_change (const CspAccess *access, const char *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspAccess, csp_access_free)

/**
 * CspServerUser:
 * @name: the login role
 * @role: its role in this database
 * @partner_scoped: a viewer who sees only one partner's activities and
 *   actions
 * @partner_id: with @partner_scoped, the partner; 0 when none is set
 * @partner_name: (nullable): that partner's name
 * @can_login: the role may log in
 *
 * A user of a team database, as csp_server_roles_list_users() lists them.
 */
typedef struct
{
  char *name;
  CspServerRole role;
  gboolean partner_scoped;
  gint64 partner_id;
  char *partner_name;
  gboolean can_login;
} CspServerUser;

void csp_server_user_free (CspServerUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CspServerUser, csp_server_user_free)

const char *csp_server_role_to_string (CspServerRole role);
gboolean csp_server_role_from_string (const char *text, CspServerRole *role);

CspAccess *csp_server_roles_get_access (CspDatabase *database, GError **error);

gboolean csp_server_roles_init (CspDatabase *database, GError **error);
char *csp_server_roles_get_group (CspDatabase *database, CspServerRole role,
                                  gboolean partner_scoped, GError **error);
gint64 csp_server_roles_find_partner (CspDatabase *database, const char *id_or_name, char **name,
                                      GError **error);
gboolean csp_server_roles_add_user (CspDatabase *database, const char *name, CspServerRole role,
                                    gint64 partner_id, const char *password, GError **error);
gboolean csp_server_roles_set_role (CspDatabase *database, const char *name, CspServerRole role,
                                    gint64 partner_id, GError **error);
gboolean csp_server_roles_remove_user (CspDatabase *database, const char *name, GError **error);
GPtrArray *csp_server_roles_list_users (CspDatabase *database, GError **error);

char *csp_server_roles_password_verifier (const char *password);

G_END_DECLS

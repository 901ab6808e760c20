/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-context.h"

G_BEGIN_DECLS

/**
 * CspRestoreFunc:
 * @location: the database file to replace
 * @backup: the backup the person chose and confirmed
 *
 * Replaces the database, which every window must let go of first
 * (csp_database_restore()).
 */
typedef void (*CspRestoreFunc) (const char *location, const char *backup, gpointer user_data);

void csp_backup_actions_back_up (GtkWindow *parent, CspContext *context);
void csp_backup_actions_restore (GtkWindow *parent, CspContext *context, const char *location,
                                 CspRestoreFunc restore, gpointer user_data);
AdwMessageDialog *csp_backup_actions_offer_newest (GtkWindow *parent, const char *location,
                                                   CspRestoreFunc restore, gpointer user_data);
void csp_backup_actions_keep_daily (GtkWindow *window, const char *location);
void csp_backup_actions_show_restored (GtkWindow *window, const char *backup, const char *kept,
                                       const GError *error);

G_END_DECLS

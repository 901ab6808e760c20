/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-server-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "csp-gui.h"
#include "csp-server-address.h"
#include "csp-server-dialog.h"

/* Connecting to a team server: where it is (or a service of
 * pg_service.conf), who the user is, and a password only when the server
 * asks for one (Kerberos, peer or ~/.pgpass logins need none). The test
 * runs in a thread, so the window never freezes; each failure says what
 * went wrong. A password may be kept in the desktop's keyring, never
 * anywhere else; the addresses used are remembered without it. */
struct _CspServerDialog
{
  AdwWindow parent_instance;

  GSettings *settings; /* nullable: an uninstalled build keeps nothing */
  GCancellable *cancellable;

  GtkLabel *error_label;
  GtkSpinner *spinner;
  AdwPreferencesGroup *server_group;
  AdwEntryRow *host_row;
  AdwEntryRow *port_row;
  AdwEntryRow *database_row;
  AdwEntryRow *user_row;
  AdwEntryRow *password_row;
  AdwEntryRow *service_row;
  GtkSwitch *remember_switch;
};

G_DEFINE_FINAL_TYPE (CspServerDialog, csp_server_dialog, ADW_TYPE_WINDOW)

enum
{
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A password of the keyring is found by the server's address. */
static const SecretSchema *
password_schema (void)
{
  static const SecretSchema schema = {
    APPLICATION_ID ".Server",
    SECRET_SCHEMA_NONE,
    {
        { "service", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "database", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
        { NULL, 0 },
    },
  };
  return &schema;
}

static GHashTable *
password_attributes (const CspServerAddress *address)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, "service", address->service);
  g_hash_table_insert (attributes, "host", address->host);
  g_hash_table_insert (attributes, "port", address->port);
  g_hash_table_insert (attributes, "database", address->database);
  g_hash_table_insert (attributes, "user", address->user);
  return attributes;
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
read_address (CspServerDialog *self, CspServerAddress *address)
{
  address->service = row_text (self->service_row);
  address->host = row_text (self->host_row);
  address->port = row_text (self->port_row);
  address->database = row_text (self->database_row);
  address->user = row_text (self->user_row);
}

typedef struct
{
  CspServerAddress address;
  char *password; /* typed, or %NULL to look in the keyring */
} Attempt;

static void
attempt_free (Attempt *attempt)
{
  csp_server_address_clear (&attempt->address);
  if (attempt->password != NULL)
    secret_password_wipe (attempt->password);
  g_free (attempt);
}

/* In a thread: the keyring, then the server, whose schema is checked. */
static void
connect_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Attempt *attempt = data;
  g_autofree char *conninfo = NULL;
  g_autoptr (GError) error = NULL;
  CspDatabase *database;

  if (attempt->password == NULL)
    {
      g_autoptr (GHashTable) attributes = password_attributes (&attempt->address);
      g_autoptr (GError) keyring_error = NULL;

      attempt->password = secret_password_lookupv_sync (password_schema (), attributes, cancellable,
                                                        &keyring_error);
      if (keyring_error != NULL)
        g_info ("No password from the keyring: %s", keyring_error->message);
    }
  conninfo = csp_server_address_to_conninfo (&attempt->address, attempt->password);
  database = csp_database_open_full (conninfo, CSP_DATABASE_OPEN_NONE, CSP_DATABASE_BUSY_TIMEOUT_MS,
                                     &error);
  /* The words held a password: they go as soon as they are used. */
  memset (conninfo, 0, strlen (conninfo));
  if (database == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, database, g_object_unref);
}

static void
set_busy (CspServerDialog *self, gboolean busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->service_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.connect", !busy);
}

static void
show_error (CspServerDialog *self, const GError *error)
{
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  /* The server wants a password it was not given: that is where to go. */
  if (g_error_matches (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_ACCESS_DENIED))
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

/* The newest address first, each once, at most ten. */
static void
remember_address (CspServerDialog *self, const CspServerAddress *address)
{
  g_autoptr (GVariant) old = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *service, *host, *port, *database, *user;
  guint n = 1;

  if (self->settings == NULL)
    return;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(sssss)"));
  g_variant_builder_add (&builder, "(sssss)", address->service, address->host, address->port,
                         address->database, address->user);
  old = g_settings_get_value (self->settings, "recent-servers");
  g_variant_iter_init (&iter, old);
  while (n < 10 &&
         g_variant_iter_next (&iter, "(&s&s&s&s&s)", &service, &host, &port, &database, &user))
    if (!g_str_equal (service, address->service) || !g_str_equal (host, address->host) ||
        !g_str_equal (port, address->port) || !g_str_equal (database, address->database) ||
        !g_str_equal (user, address->user))
      {
        g_variant_builder_add (&builder, "(sssss)", service, host, port, database, user);
        n++;
      }
  g_settings_set_value (self->settings, "recent-servers", g_variant_builder_end (&builder));
}

static void
password_stored_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_warning ("The password could not be kept in the keyring: %s", error->message);
}

static void
connected_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (CspServerDialog) self = data;
  Attempt *attempt = g_task_get_task_data (G_TASK (result));
  g_autoptr (CspDatabase) database = NULL;
  g_autoptr (GError) error = NULL;

  database = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_busy (self, FALSE);
  if (database == NULL)
    {
      show_error (self, error);
      return;
    }
  remember_address (self, &attempt->address);
  if (gtk_switch_get_active (self->remember_switch) && attempt->password != NULL &&
      *attempt->password != '\0')
    {
      g_autoptr (GHashTable) attributes = password_attributes (&attempt->address);
      g_autofree char *label = csp_server_address_describe (&attempt->address);

      secret_password_storev (password_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                              attempt->password, NULL, password_stored_cb, NULL);
    }
  g_signal_emit (self, signals[CONNECTED], 0, database);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
connect_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspServerDialog *self = CSP_SERVER_DIALOG (widget);
  Attempt *attempt = g_new0 (Attempt, 1);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  g_autoptr (GTask) task = NULL;

  read_address (self, &attempt->address);
  attempt->password = *password != '\0' ? g_strdup (password) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, connected_cb, g_object_ref (self));
  g_task_set_task_data (task, attempt, (GDestroyNotify) attempt_free);
  g_task_run_in_thread (task, connect_thread);
}

static void
fill_row (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* The last server used, or this computer's account to start from. */
static void
fill_from_recent (CspServerDialog *self, gsize index)
{
  g_autoptr (GVariant) recent = NULL;
  const char *service, *host, *port, *database, *user;

  fill_row (self->user_row, g_get_user_name ());
  if (self->settings == NULL)
    return;
  recent = g_settings_get_value (self->settings, "recent-servers");
  if (index >= g_variant_n_children (recent))
    return;
  g_variant_get_child (recent, index, "(&s&s&s&s&s)", &service, &host, &port, &database, &user);
  fill_row (self->service_row, service);
  fill_row (self->host_row, host);
  fill_row (self->port_row, port);
  fill_row (self->database_row, database);
  fill_row (self->user_row, user);
}

static void
csp_server_dialog_dispose (GObject *object)
{
  CspServerDialog *self = CSP_SERVER_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_SERVER_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (csp_server_dialog_parent_class)->dispose (object);
}

static void
csp_server_dialog_class_init (CspServerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csp_server_dialog_dispose;

  /**
   * CspServerDialog::connected:
   * @database: the team's database, open and checked
   *
   * Emitted when the server let the user in to a CSP Engage database; the
   * dialog then closes.
   */
  signals[CONNECTED] = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, CSP_TYPE_DATABASE);

  csp_gui_init ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-server-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CspServerDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, CspServerDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CspServerDialog, server_group);
  gtk_widget_class_bind_template_child (widget_class, CspServerDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, CspServerDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, CspServerDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, CspServerDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, CspServerDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, CspServerDialog, service_row);
  gtk_widget_class_bind_template_child (widget_class, CspServerDialog, remember_switch);

  gtk_widget_class_install_action (widget_class, "server.connect", NULL, connect_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
csp_server_dialog_init (CspServerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
}

/**
 * csp_server_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @settings: (nullable): where the servers used are remembered
 *
 * Returns: (transfer full): the dialog, not yet shown
 */
CspServerDialog *
csp_server_dialog_new (GtkWindow *parent, GSettings *settings)
{
  CspServerDialog *self = g_object_new (CSP_TYPE_SERVER_DIALOG, "transient-for", parent, NULL);

  g_set_object (&self->settings, settings);
  fill_from_recent (self, 0);
  return self;
}

/**
 * csp_server_dialog_choose_recent:
 * @index: a place in the list of recent servers, newest first
 *
 * Fills the dialog in with that server's address and user.
 */
void
csp_server_dialog_choose_recent (CspServerDialog *self, guint index)
{
  g_return_if_fail (CSP_IS_SERVER_DIALOG (self));
  fill_from_recent (self, index);
}

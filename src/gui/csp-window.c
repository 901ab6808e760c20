/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-window"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-action-plan-page.h"
#include "csp-activities-page.h"
#include "csp-change-log-window.h"
#include "csp-export-actions.h"
#include "csp-gui.h"
#include "csp-import-assistant.h"
#include "csp-meetings-page.h"
#include "csp-partners-page.h"
#include "csp-reports-page.h"
#include "csp-trends-page.h"
#include "csp-preferences-window.h"
#include "csp-recent-databases.h"
#include "csp-records.h"
#include "csp-window.h"

/* The main window of one open database: a sidebar of pages beside the
 * page shown, folding to one column on a narrow screen. It owns the
 * window-wide actions: undo and redo, page switching, preferences. */
struct _CspWindow
{
  AdwApplicationWindow parent_instance;

  CspContext *context;

  AdwToastOverlay *toast_overlay;
  GtkStack *main_stack;
  AdwLeaflet *leaflet;
  GtkWidget *content;
  AdwWindowTitle *window_title;
  AdwWindowTitle *page_title;
  GtkStack *page_stack;
  AdwStatusPage *error_page;
  GtkInfoBar *access_bar;
  GtkLabel *access_label;
  GtkInfoBar *connection_bar;
  GtkLabel *connection_label;
  GtkSpinner *connection_spinner;
  GMenu *recent_section;
};

G_DEFINE_FINAL_TYPE (CspWindow, csp_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
new_activities_page (CspContext *context)
{
  return GTK_WIDGET (csp_activities_page_new (context));
}

static GtkWidget *
new_action_plan_page (CspContext *context)
{
  return GTK_WIDGET (csp_action_plan_page_new (context));
}

static GtkWidget *
new_reports_page (CspContext *context)
{
  return GTK_WIDGET (csp_reports_page_new (context));
}

static GtkWidget *
new_trends_page (CspContext *context)
{
  return GTK_WIDGET (csp_trends_page_new (context));
}

static GtkWidget *
new_meetings_page (CspContext *context)
{
  return GTK_WIDGET (csp_meetings_page_new (context));
}

static GtkWidget *
new_partners_page (CspContext *context)
{
  return GTK_WIDGET (csp_partners_page_new (context));
}

/* The pages, in sidebar order; Alt+1 ... Alt+6 go to them. */
static const struct
{
  const char *name;
  const char *title;
  const char *icon;
  GtkWidget *(*create) (CspContext *context);
  const char *placeholder; /* for pages still to come: what they will hold */
} pages[] = {
  { "activities", N_ ("Activities"), "view-list-symbolic", new_activities_page, NULL },
  { "action-plan", N_ ("Action Plan"), "checkbox-checked-symbolic", new_action_plan_page, NULL },
  { "trends", N_ ("Trends"), "x-office-spreadsheet-symbolic", new_trends_page, NULL },
  { "partners", N_ ("Partners & Priorities"), "system-users-symbolic", new_partners_page, NULL },
  { "reports", N_ ("Reports"), "x-office-document-symbolic", new_reports_page, NULL },
  { "meetings", N_ ("Meetings & Risks"), "x-office-calendar-symbolic", new_meetings_page, NULL },
};

static GtkWidget *
make_placeholder (const char *icon, const char *title, const char *description)
{
  GtkWidget *status = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (status), description);
  return status;
}

/* A chart's mark was clicked: the activities behind it, on their page. */
static void
trends_show_activities_cb (CspTrendsPage *page, const char *from_date, const char *to_date,
                           gint64 partner_id, const char *mode, CspWindow *self)
{
  CspActivitiesPage *activities = CSP_ACTIVITIES_PAGE (csp_window_get_page (self, "activities"));

  csp_activities_page_show_filtered (activities, from_date, to_date, partner_id, mode);
  csp_window_show_page (self, "activities");
}

/* A cell of the risk matrix was clicked: its first risk, in the register. */
static void
trends_show_risk_cb (CspTrendsPage *page, gint64 risk_id, CspWindow *self)
{
  CspMeetingsPage *meetings = CSP_MEETINGS_PAGE (csp_window_get_page (self, "meetings"));

  csp_window_show_page (self, "meetings");
  csp_meetings_page_show_risk (meetings, risk_id);
}

/* Pages are built when first shown, so the window opens at the cost of
 * the page it opens on. Returns the page. */
static GtkWidget *
ensure_page (CspWindow *self, guint index)
{
  AdwBin *holder = ADW_BIN (gtk_stack_get_child_by_name (self->page_stack, pages[index].name));

  if (adw_bin_get_child (holder) == NULL)
    {
      adw_bin_set_child (holder, pages[index].create != NULL
                                     ? pages[index].create (self->context)
                                     : make_placeholder (pages[index].icon, _ (pages[index].title),
                                                         _ (pages[index].placeholder)));
      if (CSP_IS_TRENDS_PAGE (adw_bin_get_child (holder)))
        {
          g_signal_connect_object (adw_bin_get_child (holder), "show-activities",
                                   G_CALLBACK (trends_show_activities_cb), self, 0);
          g_signal_connect_object (adw_bin_get_child (holder), "show-risk",
                                   G_CALLBACK (trends_show_risk_cb), self, 0);
        }
    }

  return adw_bin_get_child (holder);
}

/* The page shown, if it is built. */
static GtkWidget *
visible_page (CspWindow *self)
{
  GtkWidget *holder = gtk_stack_get_visible_child (self->page_stack);

  return holder != NULL ? adw_bin_get_child (ADW_BIN (holder)) : NULL;
}

static void
update_page_title (CspWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->page_stack);
  GtkWidget *page;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (pages[i].name, name) == 0)
      {
        ensure_page (self, i);
        adw_window_title_set_title (self->page_title, _ (pages[i].title));
      }
  page = visible_page (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-list",
                                 CSP_IS_PAGE (page) && csp_page_has_list_export (CSP_PAGE (page)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
add_pages (CspWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkStackPage *stack_page = gtk_stack_add_titled (self->page_stack, adw_bin_new (),
                                                       pages[i].name, _ (pages[i].title));
      gtk_stack_page_set_icon_name (stack_page, pages[i].icon);
    }
  update_page_title (self);
}

/* A viewer's window says plainly that it only reads, and why. */
static void
update_access (CspWindow *self)
{
  const CspAccess *access = csp_context_get_access (self->context);
  gboolean read_only = access->level == CSP_ACCESS_READ_ONLY;

  if (read_only)
    {
      g_autofree char *text = g_strdup_printf (_ ("Read-only. %s"), access->explanation);
      gtk_label_set_text (self->access_label, text);
    }
  gtk_info_bar_set_revealed (self->access_bar, read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->access_bar), read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", !read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-log",
                                 access->level == CSP_ACCESS_ADMIN);
}

/* A team server that stopped answering: the database connects again by
 * itself, and the forms keep what was typed meanwhile. */
static void
update_connection (CspWindow *self)
{
  CspDatabase *database = csp_store_get_database (csp_context_get_store (self->context));
  gboolean connected = csp_database_is_connected (database);

  if (!connected)
    {
      g_autofree char *text = g_strdup_printf (
          _ ("The connection to the server %s was lost. Trying again in the background; nothing "
             "can be saved until it is back, and what you type is kept."),
          csp_database_get_location (database));
      gtk_label_set_text (self->connection_label, text);
    }
  gtk_spinner_set_spinning (self->connection_spinner, !connected);
  gtk_info_bar_set_revealed (self->connection_bar, !connected);
  gtk_widget_set_visible (GTK_WIDGET (self->connection_bar), !connected);
}

/* The main menu offers the other databases used lately. */
static void
update_recent (CspWindow *self)
{
  GSettings *settings = csp_context_get_settings (self->context);
  CspDatabase *database = csp_store_get_database (csp_context_get_store (self->context));

  csp_recent_databases_fill_menu (self->recent_section, settings,
                                  csp_database_get_location (database));
}

static void
update_history_actions (CspWindow *self)
{
  CspHistory *history = self->context != NULL ? csp_context_get_history (self->context) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo",
                                 history != NULL && csp_history_can_undo (history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo",
                                 history != NULL && csp_history_can_redo (history));
}

static void
step_history (CspWindow *self, gboolean undo)
{
  CspHistory *history;
  g_autoptr (GError) error = NULL;
  g_autofree char *what = NULL;

  if (self->context == NULL)
    return;
  history = csp_context_get_history (self->context);
  what = undo ? csp_history_describe_undo (history) : csp_history_describe_redo (history);
  if (what == NULL)
    return;
  if (!(undo ? csp_history_undo (history, &error) : csp_history_redo (history, &error)))
    {
      GtkWidget *dialog = adw_message_dialog_new (
          GTK_WINDOW (self), undo ? _ ("Could Not Undo") : _ ("Could Not Redo"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (what));
}

static void
undo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  step_history (CSP_WINDOW (widget), TRUE);
}

static void
redo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  step_history (CSP_WINDOW (widget), FALSE);
}

static void
show_page_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspWindow *self = CSP_WINDOW (widget);
  int index = g_variant_get_int32 (parameter);

  if (index >= 0 && index < (int) G_N_ELEMENTS (pages))
    csp_window_show_page (self, pages[index].name);
}

static void
show_sidebar_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  adw_leaflet_navigate (CSP_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
preferences_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspWindow *self = CSP_WINDOW (widget);

  if (self->context == NULL)
    return;
  gtk_window_present (GTK_WINDOW (csp_preferences_window_new (GTK_WINDOW (self), self->context)));
}

static void
change_log_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspWindow *self = CSP_WINDOW (widget);

  if (self->context != NULL)
    gtk_window_present (GTK_WINDOW (csp_change_log_window_new (GTK_WINDOW (self), self->context)));
}

static void
import_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspWindow *self = CSP_WINDOW (widget);

  if (self->context == NULL)
    return;
  gtk_window_present (GTK_WINDOW (csp_import_assistant_new (GTK_WINDOW (self), self->context)));
}

static void
export_list_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspWindow *self = CSP_WINDOW (widget);
  GtkWidget *page = visible_page (self);
  g_autoptr (GError) error = NULL;
  CspExportTable *table;

  if (self->context == NULL || !CSP_IS_PAGE (page) || !csp_page_has_list_export (CSP_PAGE (page)))
    return;
  table = csp_page_open_list_export (CSP_PAGE (page), &error);
  if (table == NULL)
    {
      GtkWidget *dialog =
          adw_message_dialog_new (GTK_WINDOW (self), _ ("Export Failed"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  csp_export_list_to_file (GTK_WINDOW (self), self->context, table);
}

static void
export_workbook_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspWindow *self = CSP_WINDOW (widget);

  if (self->context != NULL)
    csp_export_workbook_to_file (GTK_WINDOW (self), self->context);
}

static void
restore_window_state (CspWindow *self)
{
  GSettings *settings = self->context != NULL ? csp_context_get_settings (self->context) : NULL;

  if (settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
csp_window_close_request (GtkWindow *window)
{
  CspWindow *self = CSP_WINDOW (window);
  GSettings *settings = self->context != NULL ? csp_context_get_settings (self->context) : NULL;

  if (settings != NULL)
    {
      int width = 0, height = 0;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (csp_window_parent_class)->close_request (window);
}

static void
csp_window_constructed (GObject *object)
{
  CspWindow *self = CSP_WINDOW (object);

  G_OBJECT_CLASS (csp_window_parent_class)->constructed (object);

  restore_window_state (self);
  update_history_actions (self);
  if (self->context == NULL)
    return;

  /* Which partnership, and where it is kept: a file or a team server. */
  {
    CspStore *store = csp_context_get_store (self->context);
    CspDatabase *database = csp_store_get_database (store);
    g_autoptr (CspRecord) settings = csp_store_get (store, CSP_TYPE_SETTINGS, 1, NULL);
    g_autofree char *where =
        csp_database_get_engine (database) == CSP_ENGINE_POSTGRESQL
            ? g_strdup_printf (_ ("%s (team server)"), csp_database_get_location (database))
            : g_filename_display_name (csp_database_get_location (database));

    if (settings != NULL)
      adw_window_title_set_title (self->window_title,
                                  csp_record_get_string (settings, "partnership_name"));
    adw_window_title_set_subtitle (self->window_title, where);
    /* The sidebar's width cuts a long name and place: whole here. */
    {
      g_autofree char *whole =
          g_strdup_printf ("%s\n%s", adw_window_title_get_title (self->window_title), where);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), whole);
    }
  }
  add_pages (self);
  update_access (self);
  update_connection (self);
  update_recent (self);
  if (csp_context_get_settings (self->context) != NULL)
    {
      g_signal_connect_object (csp_context_get_settings (self->context), "changed::recent-files",
                               G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (csp_context_get_settings (self->context), "changed::recent-servers",
                               G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->context, "access-changed", G_CALLBACK (update_access), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (csp_store_get_database (csp_context_get_store (self->context)),
                           "notify::connected", G_CALLBACK (update_connection), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (csp_context_get_history (self->context), "changed",
                           G_CALLBACK (update_history_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->page_stack, "notify::visible-child",
                            G_CALLBACK (update_page_title), self);
  gtk_stack_set_visible_child_name (self->main_stack, "database");
}

static void
csp_window_dispose (GObject *object)
{
  CspWindow *self = CSP_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (csp_window_parent_class)->dispose (object);
}

static void
csp_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspWindow *self = CSP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CspWindow *self = CSP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_window_class_init (CspWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = csp_window_constructed;
  object_class->dispose = csp_window_dispose;
  object_class->get_property = csp_window_get_property;
  object_class->set_property = csp_window_set_property;
  window_class->close_request = csp_window_close_request;

  properties[PROP_CONTEXT] =
      g_param_spec_object ("context", NULL, NULL, CSP_TYPE_CONTEXT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  csp_gui_init ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CspWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, content);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, access_bar);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, access_label);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, connection_bar);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, connection_label);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, connection_spinner);
  gtk_widget_class_bind_template_child (widget_class, CspWindow, recent_section);

  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "win.show-page", "i", show_page_activated);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_activated);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_activated);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.change-log", NULL, change_log_activated);
  gtk_widget_class_install_action (widget_class, "win.export-list", NULL, export_list_activated);
  gtk_widget_class_install_action (widget_class, "win.export-workbook", NULL,
                                   export_workbook_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK,
                                       "win.preferences", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export-list", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "win.show-page",
                                         "i", (int) i);
}

static void
csp_window_init (CspWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_window_new:
 *
 * Returns: (transfer full): a main window on @context's database
 */
CspWindow *
csp_window_new (GtkApplication *application, CspContext *context)
{
  g_return_val_if_fail (CSP_IS_CONTEXT (context), NULL);
  return g_object_new (CSP_TYPE_WINDOW, "application", application, "context", context, NULL);
}

/**
 * csp_window_new_for_error:
 * @error: why no database could be opened
 *
 * Returns: (transfer full): a window that says what went wrong and offers
 *   to open another database
 */
CspWindow *
csp_window_new_for_error (GtkApplication *application, const GError *error)
{
  CspWindow *self = g_object_new (CSP_TYPE_WINDOW, "application", application, NULL);

  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  return self;
}

/**
 * csp_window_get_context:
 *
 * Returns: (transfer none) (nullable): the open database's context
 */
CspContext *
csp_window_get_context (CspWindow *self)
{
  g_return_val_if_fail (CSP_IS_WINDOW (self), NULL);
  return self->context;
}

/**
 * csp_window_get_page:
 * @name: "activities", "action-plan", "trends", "partners" or "reports"
 *
 * Returns: (transfer none) (nullable): the page, built now if it was not yet
 */
GtkWidget *
csp_window_get_page (CspWindow *self, const char *name)
{
  g_return_val_if_fail (CSP_IS_WINDOW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_str_equal (pages[i].name, name))
      return ensure_page (self, i);
  return NULL;
}

void
csp_window_show_page (CspWindow *self, const char *name)
{
  g_return_if_fail (CSP_IS_WINDOW (self));
  gtk_stack_set_visible_child_name (self->page_stack, name);
}

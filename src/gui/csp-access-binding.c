/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-access-binding"

#include "config.h"

#include "csp-access-binding.h"

/* An action that adds or changes records of one type, enabled while the
 * user may change them: a viewer's window offers no edit it would refuse. */
typedef struct
{
  GtkWidget *widget; /* unowned: the binding goes with it */
  char *action_name;
  CspContext *context;
  GType record_type;
} AccessBinding;

static void
access_binding_free (gpointer data, GClosure *closure)
{
  AccessBinding *binding = data;

  g_free (binding->action_name);
  g_object_unref (binding->context);
  g_free (binding);
}

static void
update (AccessBinding *binding)
{
  gtk_widget_action_set_enabled (binding->widget, binding->action_name,
                                 csp_context_may_change (binding->context, binding->record_type));
}

/**
 * csp_access_bind_action:
 * @widget: the widget that installs @action_name
 * @record_type: the type of record the action adds or changes
 *
 * Keeps @action_name enabled exactly while @context's user may change
 * records of @record_type.
 */
void
csp_access_bind_action (GtkWidget *widget, const char *action_name, CspContext *context,
                        GType record_type)
{
  AccessBinding *binding;
  GClosure *closure;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (CSP_IS_CONTEXT (context));

  binding = g_new0 (AccessBinding, 1);
  binding->widget = widget;
  binding->action_name = g_strdup (action_name);
  binding->context = g_object_ref (context);
  binding->record_type = record_type;
  update (binding);
  /* Gone, and disconnected, when the widget is. */
  closure =
      g_cclosure_new_swap (G_CALLBACK (update), binding, (GClosureNotify) access_binding_free);
  g_object_watch_closure (G_OBJECT (widget), closure);
  g_signal_connect_closure (context, "access-changed", closure, FALSE);
}

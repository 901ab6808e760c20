/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-action-row"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "csp-action-row.h"
#include "csp-choices.h"
#include "csp-rag-badge.h"

/* An action of the Action Plan's list: its name and RAG status, its lead,
 * status and progress, and a mark when it has had no progress update
 * since the last RAG meeting. */
struct _CspActionRow
{
  GtkListBoxRow parent_instance;

  CspRecord *action;

  GtkLabel *title_label;
  GtkLabel *rag_badge;
  GtkLabel *detail_label;
  GtkLabel *update_due_label;
};

G_DEFINE_FINAL_TYPE (CspActionRow, csp_action_row, GTK_TYPE_LIST_BOX_ROW)

enum
{
  PROP_0,
  PROP_ACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
csp_action_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspActionRow *self = CSP_ACTION_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTION:
      g_value_set_object (value, self->action);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_action_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CspActionRow *self = CSP_ACTION_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTION:
      self->action = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_action_row_dispose (GObject *object)
{
  CspActionRow *self = CSP_ACTION_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_ACTION_ROW);
  g_clear_object (&self->action);

  G_OBJECT_CLASS (csp_action_row_parent_class)->dispose (object);
}

static void
csp_action_row_class_init (CspActionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = csp_action_row_get_property;
  object_class->set_property = csp_action_row_set_property;
  object_class->dispose = csp_action_row_dispose;

  properties[PROP_ACTION] =
      g_param_spec_object ("action", NULL, NULL, CSP_TYPE_RECORD,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-action-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CspActionRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CspActionRow, rag_badge);
  gtk_widget_class_bind_template_child (widget_class, CspActionRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, CspActionRow, update_due_label);
}

static void
csp_action_row_init (CspActionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_action_row_new:
 * @action: the action as stored
 * @lead: (nullable): the name of its lead partner
 * @stale_since: (nullable): the day, YYYY-MM-DD, of the RAG meeting it has
 *   had no update since; %NULL when it needs none
 *
 * Returns: (transfer full): the row
 */
CspActionRow *
csp_action_row_new (CspRecord *action, const char *lead, const char *stale_since)
{
  CspActionRow *self;
  g_autofree char *name = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (CSP_IS_RECORD (action), NULL);

  self = g_object_new (CSP_TYPE_ACTION_ROW, "action", action, NULL);
  name = csp_record_dup_display_name (action);
  detail = g_strdup_printf (_ ("%s · %s · %" PRId64 "%%"), lead != NULL ? lead : _ ("No lead"),
                            csp_choice_label (csp_record_get_string (action, "status")),
                            csp_record_get_int (action, "percent_complete"));
  gtk_label_set_text (self->title_label, name);
  csp_rag_badge_show (self->rag_badge, csp_record_get_string (action, "rag"));
  gtk_label_set_text (self->detail_label, detail);
  if (stale_since != NULL)
    {
      g_autofree char *tip =
          g_strdup_printf (_ ("No progress update since the RAG meeting of %s"), stale_since);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->update_due_label), tip);
      gtk_widget_set_visible (GTK_WIDGET (self->update_due_label), TRUE);
    }
  return self;
}

/**
 * csp_action_row_get_action:
 *
 * Returns: (transfer none): the action the row shows
 */
CspRecord *
csp_action_row_get_action (CspActionRow *self)
{
  g_return_val_if_fail (CSP_IS_ACTION_ROW (self), NULL);
  return self->action;
}

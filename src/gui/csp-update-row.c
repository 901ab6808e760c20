/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-update-row"

#include "config.h"

#include "csp-choices.h"
#include "csp-dates.h"
#include "csp-rag-badge.h"
#include "csp-update-row.h"

/* A progress update in an action's history: when and by whom, its
 * commentary, the status and progress it gave, and its RAG status. */
struct _CspUpdateRow
{
  AdwActionRow parent_instance;

  GtkLabel *state_label;
  GtkLabel *rag_badge;
};

G_DEFINE_FINAL_TYPE (CspUpdateRow, csp_update_row, ADW_TYPE_ACTION_ROW)

static void
csp_update_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CSP_TYPE_UPDATE_ROW);

  G_OBJECT_CLASS (csp_update_row_parent_class)->dispose (object);
}

static void
csp_update_row_class_init (CspUpdateRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = csp_update_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-update-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CspUpdateRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, CspUpdateRow, rag_badge);
}

static void
csp_update_row_init (CspUpdateRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_update_row_new:
 * @update: a progress update as stored
 *
 * Returns: (transfer full): the row
 */
CspUpdateRow *
csp_update_row_new (CspRecord *update)
{
  CspUpdateRow *self;
  const char *day = csp_record_get_string (update, "update_date");
  g_autofree char *date = NULL;
  g_autofree char *title = NULL;
  g_autofree char *state = NULL;

  g_return_val_if_fail (CSP_IS_RECORD (update), NULL);

  self = g_object_new (CSP_TYPE_UPDATE_ROW, NULL);
  date = day != NULL ? csp_date_format_range (day, NULL) : g_strdup ("");
  title = g_strdup_printf ("%s · %s", date, csp_record_get_string (update, "author"));
  state = g_strdup_printf ("%s · %" G_GINT64_FORMAT "%%",
                           csp_choice_label (csp_record_get_string (update, "status")),
                           csp_record_get_int (update, "percent_complete"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), csp_record_get_string (update, "commentary"));
  gtk_label_set_text (self->state_label, state);
  csp_rag_badge_show (self->rag_badge, csp_record_get_string (update, "rag"));
  return self;
}

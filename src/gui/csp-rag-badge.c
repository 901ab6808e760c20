/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-rag-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-choices.h"
#include "csp-rag-badge.h"

/**
 * csp_rag_badge_show:
 * @badge: a label of the "rag-badge" style class, as the rows' .ui files
 *   declare it
 * @rag: (nullable): red, amber, green or complete; %NULL for none
 *
 * Shows a RAG status as a coloured badge that also says it in words.
 */
void
csp_rag_badge_show (GtkLabel *badge, const char *rag)
{
  g_return_if_fail (GTK_IS_LABEL (badge));

  gtk_label_set_text (badge, rag != NULL ? csp_choice_label (rag) : _ ("No RAG"));
  gtk_widget_add_css_class (GTK_WIDGET (badge), rag != NULL ? rag : "dim-label");
}

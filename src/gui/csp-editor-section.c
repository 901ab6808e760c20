/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-editor-section"

#include "config.h"

#include "csp-editor-section.h"

/* The one small interface a record editor's parts share, as gnome-calendar's
 * event editor sections do: the editor need not know what each part is. */

G_DEFINE_INTERFACE (CspEditorSection, csp_editor_section, GTK_TYPE_WIDGET)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
csp_editor_section_default_init (CspEditorSectionInterface *iface)
{
  /**
   * CspEditorSection::changed:
   *
   * Emitted when the section's state changed: whether it is modified,
   * valid, or what it finds wrong.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_INTERFACE (iface), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

/**
 * csp_editor_section_set_record:
 * @record: (nullable): the record the editor shows, or %NULL for none
 */
void
csp_editor_section_set_record (CspEditorSection *self, CspRecord *record)
{
  g_return_if_fail (CSP_IS_EDITOR_SECTION (self));

  CSP_EDITOR_SECTION_GET_IFACE (self)->set_record (self, record);
}

/**
 * csp_editor_section_get_modified:
 *
 * Returns: whether the section holds changes that are not saved
 */
gboolean
csp_editor_section_get_modified (CspEditorSection *self)
{
  CspEditorSectionInterface *iface;

  g_return_val_if_fail (CSP_IS_EDITOR_SECTION (self), FALSE);

  iface = CSP_EDITOR_SECTION_GET_IFACE (self);
  return iface->get_modified != NULL && iface->get_modified (self);
}

/**
 * csp_editor_section_revert:
 *
 * Drops the section's unsaved changes.
 */
void
csp_editor_section_revert (CspEditorSection *self)
{
  CspEditorSectionInterface *iface;

  g_return_if_fail (CSP_IS_EDITOR_SECTION (self));

  iface = CSP_EDITOR_SECTION_GET_IFACE (self);
  if (iface->revert != NULL)
    iface->revert (self);
}

/**
 * csp_editor_section_reload_choices:
 *
 * Lists afresh the records the section offers, after they changed.
 */
void
csp_editor_section_reload_choices (CspEditorSection *self)
{
  CspEditorSectionInterface *iface;

  g_return_if_fail (CSP_IS_EDITOR_SECTION (self));

  iface = CSP_EDITOR_SECTION_GET_IFACE (self);
  if (iface->reload_choices != NULL)
    iface->reload_choices (self);
}

/**
 * csp_editor_section_changed:
 *
 * Emits #CspEditorSection::changed; for implementations.
 */
void
csp_editor_section_changed (CspEditorSection *self)
{
  g_return_if_fail (CSP_IS_EDITOR_SECTION (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "csp-records.h"
#include "csp-types.h"

G_BEGIN_DECLS

#define CSP_TYPE_EDITOR_SECTION (csp_editor_section_get_type ())
G_DECLARE_INTERFACE (CspEditorSection, csp_editor_section, CSP, EDITOR_SECTION, GtkWidget)

/**
 * CspEditorSectionInterface:
 * @set_record: show @record (%NULL for none; id 0 for a new one)
 * @get_modified: whether the section holds changes not saved yet
 * @revert: drop those changes
 * @reload_choices: list afresh the records the section offers to choose
 *
 * A part of a record's editor: the form of its fields, the records
 * linked to it. The editor hands each the record it shows and asks each
 * whether anything is unsaved; a section emits #CspEditorSection::changed
 * when what it would say has changed. Only @set_record is required.
 */
struct _CspEditorSectionInterface
{
  GTypeInterface parent_iface;

  void (*set_record) (CspEditorSection *self, CspRecord *record);
  gboolean (*get_modified) (CspEditorSection *self);
  void (*revert) (CspEditorSection *self);
  void (*reload_choices) (CspEditorSection *self);
};

void csp_editor_section_set_record (CspEditorSection *self, CspRecord *record);
gboolean csp_editor_section_get_modified (CspEditorSection *self);
void csp_editor_section_revert (CspEditorSection *self);
void csp_editor_section_reload_choices (CspEditorSection *self);
void csp_editor_section_changed (CspEditorSection *self);

G_END_DECLS

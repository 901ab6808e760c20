/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-context.h"

G_BEGIN_DECLS

/* The name a form group uses for a record's supporting partners. */
#define CSP_FORM_PARTNERS "partner_ids"

/**
 * CspFormGroup:
 * @title: (nullable): the group's heading (N_() marked)
 * @columns: the columns shown in the group, space-separated, in order;
 *   %CSP_FORM_PARTNERS for the supporting partners
 * @describe: (nullable): the group's description for the record as edited
 *   (a figure worked out from its fields, such as a risk's score), kept up
 *   to date as the person types; %NULL for none
 */
typedef struct
{
  const char *title;
  const char *columns;
  char *(*describe) (CspRecord *record);
} CspFormGroup;

#define CSP_TYPE_RECORD_FORM (csp_record_form_get_type ())
G_DECLARE_FINAL_TYPE (CspRecordForm, csp_record_form, CSP, RECORD_FORM, AdwPreferencesPage)

CspRecordForm *csp_record_form_new (CspContext *context, GType record_type,
                                    const CspFormGroup *groups, guint n_groups);
void csp_record_form_set_record (CspRecordForm *self, CspRecord *record);
CspRecord *csp_record_form_get_record (CspRecordForm *self);
gboolean csp_record_form_get_valid (CspRecordForm *self);
gboolean csp_record_form_get_modified (CspRecordForm *self);
const char *csp_record_form_get_problem (CspRecordForm *self);
void csp_record_form_revert (CspRecordForm *self);
void csp_record_form_reload_choices (CspRecordForm *self);
GtkWidget *csp_record_form_get_field (CspRecordForm *self, const char *column);

G_END_DECLS

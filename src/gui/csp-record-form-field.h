/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "csp-records.h"
#include "csp-store.h"

G_BEGIN_DECLS

/* One field of a CspRecordForm, private to the form: the widgets that
 * edit one column (or the supporting partners) and what they show. */
typedef struct
{
  const CspColumn *column; /* NULL for the supporting partners */
  GtkWidget *row;
  GtkWidget *problem_icon; /* entry rows, combo rows: marks the row at fault */
  GtkWidget *message;      /* the message under the field, or how much room is left */
  GtkWidget *message_row;  /* entry rows, combo rows: the row the message is in */
  GtkWidget *editor;       /* the entry, switch, combo row or text view */
  GArray *ids;             /* references: the id at each position of the list */
  GPtrArray *checks;       /* supporting partners: one check button each */
  GtkWidget *search;       /* supporting partners: finds them by name */
  char *problem;           /* what is wrong with the field, or NULL */
} CspFormField;

void csp_form_field_free (CspFormField *field);

void csp_form_field_build_entry (CspFormField *field, const char *label);
void csp_form_field_build_switch (CspFormField *field, const char *label);
void csp_form_field_build_combo (CspFormField *field, CspStore *store, const char *label);
GtkWidget *csp_form_field_build_text_area (CspFormField *field, const char *label);
void csp_form_field_build_partners (CspFormField *field, const char *label);
void csp_form_field_fill_combo (CspFormField *field, CspStore *store);
void csp_form_field_fill_partners (CspFormField *field, CspStore *store, GCallback toggled,
                                   gpointer data);

void csp_form_field_load (CspFormField *field, CspRecord *working);
guint csp_form_field_get_selected (CspFormField *field);
void csp_form_field_show_problem (CspFormField *field, const char *problem);
void csp_form_field_show_room (CspFormField *field, const char *text);
char *csp_form_field_normalise_date (const char *text);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-record-form"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-dates.h"
#include "csp-editor-section.h"
#include "csp-record-form-field.h"
#include "csp-record-form.h"
#include "csp-records.h"

/* A form for any record type, built from its column descriptions: one row
 * per column of the kind that suits it (entry, date with calendar, number,
 * switch, list of choices, list of records, partners to tick). It edits a
 * working copy, checks each field as it changes with the same rules the
 * store applies, and says whether the copy is valid and modified; saving
 * is the caller's, through the history. Each field's widgets, and how
 * they show a value or a problem, are csp-record-form-field.c's; this file
 * lays the fields out, reads what is typed and keeps the form's state.
 *
 * Unlike the pages, the form has no template of its own: every group and
 * row of it comes from the record type's columns and the caller's
 * CspFormGroup table, which a .ui file cannot say. A page that shows a
 * form declares it in its own .ui (csp-preferences-window.ui) and lays it
 * out with csp_record_form_set_layout(). */

struct _CspRecordForm
{
  AdwPreferencesPage parent_instance;

  CspContext *context;
  GType record_type;
  CspRecord *original; /* as given; NULL before a record is set */
  CspRecord *working;
  GPtrArray *fields;
  GPtrArray *described; /* Described */
  gboolean loading;
  gboolean valid;
  gboolean modified;
  char *problem;           /* the first field's problem, as last notified */
  GPtrArray *later_groups; /* groups from a .ui, waiting for the fields to go first */
  gboolean laid_out;       /* csp_record_form_set_layout() was called */
};

static void csp_record_form_section_init (CspEditorSectionInterface *iface);
static void csp_record_form_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CspRecordForm, csp_record_form, ADW_TYPE_PREFERENCES_PAGE,
                               G_IMPLEMENT_INTERFACE (CSP_TYPE_EDITOR_SECTION,
                                                      csp_record_form_section_init)
                                   G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                          csp_record_form_buildable_init))

static GtkBuildableIface *parent_buildable_iface;

/* A group whose description follows the record as edited. */
typedef struct
{
  AdwPreferencesGroup *group;
  char *(*describe) (CspRecord *record);
} Described;

enum
{
  PROP_0,
  PROP_VALID,
  PROP_MODIFIED,
  PROP_RECORD,
  PROP_PROBLEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh_state (CspRecordForm *self);

static CspFormField *
find_field (CspRecordForm *self, const char *name)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      CspFormField *field = g_ptr_array_index (self->fields, i);
      if (field->column != NULL && g_str_equal (field->column->name, name))
        return field;
    }
  return NULL;
}

/* What is wrong with @column's value, or %NULL. A day that is not one is
 * asked for as it is typed here, dd/mm/yyyy; the store, which also serves
 * files and the command line, asks for it as it keeps it. */
static char *
column_problem (CspRecordForm *self, const CspColumn *column)
{
  g_autoptr (GError) error = NULL;
  const char *text;

  if (csp_record_validate_column (self->working, column->name, &error))
    return NULL;
  text =
      column->kind == CSP_COLUMN_DATE ? csp_record_get_string (self->working, column->name) : NULL;
  if (text != NULL && !csp_date_is_valid (text))
    {
      g_autofree char *excerpt = csp_text_dup_excerpt (text);

      /* TRANSLATORS: a date field's label, then what was typed in it */
      return g_strdup_printf (_ ("%s: “%s” is not a date; write it as dd/mm/yyyy"),
                              _ (column->label), excerpt);
    }
  return g_strdup (error->message);
}

/* Checks @field, and the fields whose order depends on it. */
static void
validate_field (CspRecordForm *self, CspFormField *field)
{
  g_autofree char *problem = NULL;

  if (field->column == NULL)
    return;
  problem = column_problem (self, field->column);
  csp_form_field_show_problem (field, problem);

  for (guint i = 0; i < self->fields->len; i++)
    {
      CspFormField *other = g_ptr_array_index (self->fields, i);
      g_autofree char *other_problem = NULL;

      if (other->column == NULL || g_strcmp0 (other->column->not_before, field->column->name) != 0)
        continue;
      other_problem = column_problem (self, other->column);
      csp_form_field_show_problem (other, other_problem);
    }
}

static void
entry_changed_cb (GtkEditable *editable, CspRecordForm *self)
{
  CspFormField *field = g_object_get_data (G_OBJECT (editable), "csp-field");
  const CspColumn *column = field->column;
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (self->loading)
    return;
  if (*text == '\0')
    csp_record_set_null (self->working, column->name);
  else if (column->kind == CSP_COLUMN_INT)
    {
      g_autoptr (GString) digits = g_string_new (NULL);
      guint64 value = 0;

      /* Thousands as people write them: "1,234". */
      for (const char *p = text; *p != '\0'; p++)
        if (*p != ',')
          g_string_append_c (digits, *p);
      if (!g_ascii_string_to_unsigned (digits->str, 10, 0, G_MAXINT64, &value, NULL))
        {
          g_autofree char *problem =
              g_strdup_printf (_ ("%s: “%s” is not a whole number"), _ (column->label), text);
          csp_record_set_null (self->working, column->name);
          csp_form_field_show_problem (field, problem);
          refresh_state (self);
          return;
        }
      csp_record_set_int (self->working, column->name, (gint64) value);
    }
  else if (column->kind == CSP_COLUMN_DATE)
    {
      g_autofree char *iso = csp_form_field_normalise_date (text);
      csp_record_set_string (self->working, column->name, iso);
    }
  else
    csp_record_set_string (self->working, column->name, text);
  validate_field (self, field);
  refresh_state (self);
}

static void
text_buffer_changed_cb (GtkTextBuffer *buffer, CspRecordForm *self)
{
  CspFormField *field = g_object_get_data (G_OBJECT (buffer), "csp-field");
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (*text == '\0')
    csp_record_set_null (self->working, field->column->name);
  else
    csp_record_set_string (self->working, field->column->name, text);
  validate_field (self, field);
  csp_form_field_show_room (field, text);
  refresh_state (self);
}

static void
switch_active_cb (GtkSwitch *widget, GParamSpec *pspec, CspRecordForm *self)
{
  CspFormField *field = g_object_get_data (G_OBJECT (widget), "csp-field");

  if (self->loading)
    return;
  csp_record_set_bool (self->working, field->column->name, gtk_switch_get_active (widget));
  refresh_state (self);
}

/* A reference that fills other fields (a report's meeting: its committee
 * and date) sets them too, and shows them, so they stay in step. */
static void
fill_from_ref (CspRecordForm *self, CspFormField *field, gint64 id)
{
  const CspColumn *column = field->column;
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) referenced =
      csp_store_get (csp_context_get_store (self->context),
                     csp_record_type_from_table (column->ref_table), id, &error);

  if (referenced == NULL || !csp_record_set_ref (self->working, column->name, referenced, &error))
    {
      /* Deleted meanwhile: the reference alone, which saving will refuse. */
      g_debug ("Could not fill from %s %" G_GINT64_FORMAT ": %s", column->ref_table, id,
               error->message);
      csp_record_set_int (self->working, column->name, id);
      return;
    }
  self->loading = TRUE;
  for (guint i = 0; column->ref_fills[i] != NULL; i += 2)
    {
      CspFormField *filled = find_field (self, column->ref_fills[i]);

      if (filled == NULL)
        continue;
      csp_form_field_load (filled, self->working);
      validate_field (self, filled);
    }
  self->loading = FALSE;
}

static void
combo_selected_cb (GtkWidget *row, GParamSpec *pspec, CspRecordForm *self)
{
  CspFormField *field = g_object_get_data (G_OBJECT (row), "csp-field");
  guint selected = csp_form_field_get_selected (field);
  gint64 id = selected < field->ids->len ? g_array_index (field->ids, gint64, selected) : 0;

  if (self->loading)
    return;
  if (field->column->kind == CSP_COLUMN_CHOICE)
    {
      /* The ids of a choice list index its words; 0 is "none". */
      if (id == 0)
        csp_record_set_null (self->working, field->column->name);
      else
        csp_record_set_string (self->working, field->column->name, field->column->choices[id - 1]);
    }
  else if (id == 0)
    csp_record_set_null (self->working, field->column->name);
  else if (field->column->ref_fills != NULL)
    fill_from_ref (self, field, id);
  else
    csp_record_set_int (self->working, field->column->name, id);
  validate_field (self, field);
  refresh_state (self);
}

static void
partner_toggled_cb (GtkCheckButton *check, CspRecordForm *self)
{
  CspFormField *field = g_object_get_data (G_OBJECT (check), "csp-field");
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->loading)
    return;
  for (guint i = 0; i < field->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (field->checks, i)))
      g_array_append_val (ids, g_array_index (field->ids, gint64, i));
  csp_record_set_partner_ids (self->working, (const gint64 *) (gpointer) ids->data, ids->len);
  refresh_state (self);
}

/* Each field's widgets are made by csp-record-form-field.c; the form
 * follows their edits. */

static void
build_entry (CspRecordForm *self, CspFormField *field, const char *label)
{
  csp_form_field_build_entry (field, label);
  g_object_set_data (G_OBJECT (field->row), "csp-field", field);
  g_signal_connect (field->row, "changed", G_CALLBACK (entry_changed_cb), self);
}

static void
build_switch (CspRecordForm *self, CspFormField *field, const char *label)
{
  csp_form_field_build_switch (field, label);
  g_object_set_data (G_OBJECT (field->editor), "csp-field", field);
  g_signal_connect (field->editor, "notify::active", G_CALLBACK (switch_active_cb), self);
}

static void
build_combo (CspRecordForm *self, CspFormField *field, const char *label)
{
  csp_form_field_build_combo (field, csp_context_get_store (self->context), label);
  g_object_set_data (G_OBJECT (field->row), "csp-field", field);
  g_signal_connect (field->row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
}

static GtkWidget *
build_text_area (CspRecordForm *self, CspFormField *field, const char *label)
{
  GtkWidget *group = csp_form_field_build_text_area (field, label);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->editor));

  g_object_set_data (G_OBJECT (buffer), "csp-field", field);
  g_signal_connect (buffer, "changed", G_CALLBACK (text_buffer_changed_cb), self);
  return group;
}

static void
build_partners (CspRecordForm *self, CspFormField *field)
{
  csp_form_field_build_partners (field,
                                 csp_record_type_get_info (self->record_type)->partners_label);
  csp_form_field_fill_partners (field, csp_context_get_store (self->context),
                                G_CALLBACK (partner_toggled_cb), self);
}

static void
build_group (CspRecordForm *self, const CspTableInfo *info, const CspFormGroup *spec)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_auto (GStrv) names = g_strsplit (spec->columns, " ", -1);

  if (spec->title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _ (spec->title));
  if (spec->describe != NULL)
    {
      Described *described = g_new (Described, 1);

      described->group = ADW_PREFERENCES_GROUP (group);
      described->describe = spec->describe;
      g_ptr_array_add (self->described, described);
    }
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), ADW_PREFERENCES_GROUP (group));

  for (guint i = 0; names[i] != NULL; i++)
    {
      CspFormField *field = g_new0 (CspFormField, 1);
      const char *label;

      g_ptr_array_add (self->fields, field);
      if (g_str_equal (names[i], CSP_FORM_PARTNERS))
        {
          build_partners (self, field);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field->row);
          continue;
        }
      field->column = csp_table_info_find_column (info, names[i]);
      g_assert (field->column != NULL);
      label = _ (field->column->label);
      switch (field->column->kind)
        {
        case CSP_COLUMN_BOOL:
          build_switch (self, field, label);
          break;
        case CSP_COLUMN_CHOICE:
        case CSP_COLUMN_REF:
          build_combo (self, field, label);
          break;
        case CSP_COLUMN_TEXT:
          if (field->column->flags & CSP_COLUMN_MULTILINE)
            {
              adw_preferences_page_add (
                  ADW_PREFERENCES_PAGE (self),
                  ADW_PREFERENCES_GROUP (build_text_area (self, field, label)));
              continue;
            }
          build_entry (self, field, label);
          break;
        case CSP_COLUMN_INT:
          if (field->column->flags & CSP_COLUMN_MONTH_OF_YEAR)
            build_combo (self, field, label);
          else
            build_entry (self, field, label);
          break;
        case CSP_COLUMN_DATE:
        case CSP_COLUMN_MONTH:
        default:
          build_entry (self, field, label);
          break;
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field->row);
      if (field->message_row != NULL)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field->message_row);
    }
}

static void
csp_record_form_dispose (GObject *object)
{
  CspRecordForm *self = CSP_RECORD_FORM (object);

  g_clear_object (&self->original);
  g_clear_object (&self->working);
  g_clear_object (&self->context);
  g_clear_pointer (&self->later_groups, g_ptr_array_unref);

  G_OBJECT_CLASS (csp_record_form_parent_class)->dispose (object);
}

static void
csp_record_form_finalize (GObject *object)
{
  CspRecordForm *self = CSP_RECORD_FORM (object);

  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->described, g_ptr_array_unref);
  g_free (self->problem);

  G_OBJECT_CLASS (csp_record_form_parent_class)->finalize (object);
}

static void
csp_record_form_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspRecordForm *self = CSP_RECORD_FORM (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_RECORD:
      g_value_set_object (value, self->original);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_record_form_class_init (CspRecordFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = csp_record_form_dispose;
  object_class->finalize = csp_record_form_finalize;
  object_class->get_property = csp_record_form_get_property;

  properties[PROP_VALID] =
      g_param_spec_boolean ("valid", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
      g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The record as given (not the working copy), for what is shown with it. */
  properties[PROP_RECORD] =
      g_param_spec_object ("record", NULL, NULL, CSP_TYPE_RECORD,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The first field's problem, as csp_record_form_get_problem() says it. */
  properties[PROP_PROBLEM] =
      g_param_spec_string ("problem", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
csp_record_form_init (CspRecordForm *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) csp_form_field_free);
  self->described = g_ptr_array_new_with_free_func (g_free);
  self->later_groups = g_ptr_array_new_with_free_func (g_object_unref);
}

/* A form declared in a .ui (the preferences' Partnership page) has its
 * layout set in code; groups the .ui gives it, such as one with a Save
 * button, go after the fields. */
static void
csp_record_form_buildable_add_child (GtkBuildable *buildable, GtkBuilder *builder, GObject *child,
                                     const char *type)
{
  CspRecordForm *self = CSP_RECORD_FORM (buildable);

  if (ADW_IS_PREFERENCES_GROUP (child) && !self->laid_out)
    g_ptr_array_add (self->later_groups, g_object_ref_sink (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
csp_record_form_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = csp_record_form_buildable_add_child;
}

/**
 * csp_record_form_new:
 * @groups: (array length=n_groups): which columns to show, grouped
 *
 * Returns: (transfer full): a form for records of @record_type
 */
CspRecordForm *
csp_record_form_new (CspContext *context, GType record_type, const CspFormGroup *groups,
                     guint n_groups)
{
  CspRecordForm *self;

  g_return_val_if_fail (CSP_IS_CONTEXT (context), NULL);

  self = g_object_new (CSP_TYPE_RECORD_FORM, NULL);
  csp_record_form_set_layout (self, context, record_type, groups, n_groups);
  return self;
}

/**
 * csp_record_form_set_layout:
 * @groups: (array length=n_groups): which columns to show, grouped
 *
 * Builds the fields of a form made without them, as by a .ui file: once,
 * before a record is set.
 */
void
csp_record_form_set_layout (CspRecordForm *self, CspContext *context, GType record_type,
                            const CspFormGroup *groups, guint n_groups)
{
  const CspTableInfo *info;

  g_return_if_fail (CSP_IS_RECORD_FORM (self));
  g_return_if_fail (CSP_IS_CONTEXT (context));
  g_return_if_fail (!self->laid_out);

  self->laid_out = TRUE;
  self->context = g_object_ref (context);
  self->record_type = record_type;
  info = csp_record_type_get_info (record_type);
  for (guint i = 0; i < n_groups; i++)
    build_group (self, info, &groups[i]);
  for (guint i = 0; i < self->later_groups->len; i++)
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                              g_ptr_array_index (self->later_groups, i));
  g_ptr_array_set_size (self->later_groups, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

/* Fields a chosen reference fills (a report's committee and meeting date,
 * from its meeting) follow it: they are the one choice's, not typed,
 * while it is made; without it they are the person's to type. */
static void
follow_filling_ref (CspRecordForm *self, CspFormField *ref)
{
  g_autofree char *source = g_utf8_strdown (_ (ref->column->label), -1);
  /* TRANSLATORS: why a field cannot be typed in: the field it comes from */
  g_autofree char *why = g_strdup_printf (_ ("From the %s chosen above"), source);
  gboolean chosen = self->working != NULL && !csp_record_is_null (self->working, ref->column->name);

  for (guint i = 0; ref->column->ref_fills[i] != NULL; i += 2)
    {
      CspFormField *filled = find_field (self, ref->column->ref_fills[i]);

      if (filled == NULL)
        continue;
      gtk_widget_set_sensitive (filled->row, !chosen);
      gtk_widget_set_tooltip_text (filled->row, chosen ? why : NULL);
    }
}

static void
follow_filling_refs (CspRecordForm *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      CspFormField *field = g_ptr_array_index (self->fields, i);

      if (field->column != NULL && field->column->ref_fills != NULL)
        follow_filling_ref (self, field);
    }
}

static void
refresh_state (CspRecordForm *self)
{
  gboolean changed = FALSE;
  gboolean valid = self->working != NULL && csp_record_validate (self->working, NULL);
  gboolean modified =
      self->working != NULL && (csp_record_get_id (self->working) == 0 ||
                                !csp_record_same_values (self->working, self->original));

  for (guint i = 0; i < self->fields->len && valid; i++)
    valid = ((CspFormField *) g_ptr_array_index (self->fields, i))->problem == NULL;
  follow_filling_refs (self);
  for (guint i = 0; i < self->described->len; i++)
    {
      Described *described = g_ptr_array_index (self->described, i);
      g_autofree char *description =
          self->working != NULL ? described->describe (self->working) : NULL;

      adw_preferences_group_set_description (described->group, description);
    }
  if (valid != self->valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
      changed = TRUE;
    }
  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
      changed = TRUE;
    }
  /* "abc" typed after "a" is another problem, though the form was already
   * invalid: what the editor says of it follows. */
  if (g_strcmp0 (csp_record_form_get_problem (self), self->problem) != 0)
    {
      g_free (self->problem);
      self->problem = g_strdup (csp_record_form_get_problem (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
      changed = TRUE;
    }
  if (changed)
    csp_editor_section_changed (CSP_EDITOR_SECTION (self));
}

/**
 * csp_record_form_set_record:
 * @record: (nullable): the record to edit; the form edits a copy of it
 *
 * Shows @record. A new record (id 0) starts with its problems hidden
 * until a field is changed, so an empty form is not a wall of red.
 */
void
csp_record_form_set_record (CspRecordForm *self, CspRecord *record)
{
  g_return_if_fail (CSP_IS_RECORD_FORM (self));
  g_return_if_fail (record == NULL || G_OBJECT_TYPE (record) == self->record_type);

  g_set_object (&self->original, record);
  g_clear_object (&self->working);
  if (record != NULL)
    self->working = csp_record_copy (record);

  self->loading = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      CspFormField *field = g_ptr_array_index (self->fields, i);

      csp_form_field_show_problem (field, NULL);
      if (self->working != NULL)
        csp_form_field_load (field, self->working);
    }
  self->loading = FALSE;

  if (self->working != NULL && csp_record_get_id (self->working) != 0)
    for (guint i = 0; i < self->fields->len; i++)
      validate_field (self, g_ptr_array_index (self->fields, i));
  for (guint i = 0; i < self->fields->len && self->working != NULL; i++)
    {
      CspFormField *field = g_ptr_array_index (self->fields, i);

      /* Text areas: their message is in their own group, not a row. */
      if (field->message != NULL && field->message_row == NULL)
        csp_form_field_show_room (field,
                                  csp_record_get_string (self->working, field->column->name));
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->working != NULL);
  refresh_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/**
 * csp_record_form_get_record:
 *
 * Returns: (transfer none) (nullable): the working copy, with the person's changes
 */
CspRecord *
csp_record_form_get_record (CspRecordForm *self)
{
  g_return_val_if_fail (CSP_IS_RECORD_FORM (self), NULL);
  return self->working;
}

gboolean
csp_record_form_get_valid (CspRecordForm *self)
{
  g_return_val_if_fail (CSP_IS_RECORD_FORM (self), FALSE);
  return self->valid;
}

gboolean
csp_record_form_get_modified (CspRecordForm *self)
{
  g_return_val_if_fail (CSP_IS_RECORD_FORM (self), FALSE);
  return self->modified;
}

/**
 * csp_record_form_get_problem:
 *
 * Returns: (nullable): the first thing wrong with the working copy, to say
 *   beside the Save button
 */
const char *
csp_record_form_get_problem (CspRecordForm *self)
{
  g_return_val_if_fail (CSP_IS_RECORD_FORM (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      CspFormField *field = g_ptr_array_index (self->fields, i);
      if (field->problem != NULL)
        return field->problem;
    }
  return NULL;
}

/**
 * csp_record_form_revert:
 *
 * Drops the person's changes: the form shows the record as it was given.
 */
void
csp_record_form_revert (CspRecordForm *self)
{
  g_autoptr (CspRecord) original = NULL;

  g_return_if_fail (CSP_IS_RECORD_FORM (self));

  original = self->original != NULL ? g_object_ref (self->original) : NULL;
  csp_record_form_set_record (self, original);
}

/**
 * csp_record_form_reload_choices:
 *
 * Lists the referenced records afresh (after partners, priorities... changed).
 */
void
csp_record_form_reload_choices (CspRecordForm *self)
{
  g_return_if_fail (CSP_IS_RECORD_FORM (self));

  self->loading = TRUE;
  for (guint i = 0; i < self->fields->len; i++)
    {
      CspFormField *field = g_ptr_array_index (self->fields, i);

      if (field->column == NULL)
        csp_form_field_fill_partners (field, csp_context_get_store (self->context),
                                      G_CALLBACK (partner_toggled_cb), self);
      else if (field->column->kind == CSP_COLUMN_REF)
        csp_form_field_fill_combo (field, csp_context_get_store (self->context));
      if (self->working != NULL && (field->column == NULL || field->column->kind == CSP_COLUMN_REF))
        csp_form_field_load (field, self->working);
    }
  self->loading = FALSE;
}

/**
 * csp_record_form_get_field:
 *
 * Returns: (transfer none) (nullable): the widget that edits @column, for
 *   focus and tests
 */
GtkWidget *
csp_record_form_get_field (CspRecordForm *self, const char *column)
{
  CspFormField *field;

  g_return_val_if_fail (CSP_IS_RECORD_FORM (self), NULL);

  if (g_str_equal (column, CSP_FORM_PARTNERS))
    {
      for (guint i = 0; i < self->fields->len; i++)
        if (((CspFormField *) g_ptr_array_index (self->fields, i))->column == NULL)
          return ((CspFormField *) g_ptr_array_index (self->fields, i))->editor;
      return NULL;
    }
  field = find_field (self, column);
  return field != NULL ? field->editor : NULL;
}

/* The form as the first section of a record editor. */

static void
section_set_record (CspEditorSection *section, CspRecord *record)
{
  csp_record_form_set_record (CSP_RECORD_FORM (section), record);
}

static gboolean
section_get_modified (CspEditorSection *section)
{
  return csp_record_form_get_modified (CSP_RECORD_FORM (section));
}

static void
section_revert (CspEditorSection *section)
{
  csp_record_form_revert (CSP_RECORD_FORM (section));
}

static void
section_reload_choices (CspEditorSection *section)
{
  csp_record_form_reload_choices (CSP_RECORD_FORM (section));
}

static void
csp_record_form_section_init (CspEditorSectionInterface *iface)
{
  iface->set_record = section_set_record;
  iface->get_modified = section_get_modified;
  iface->revert = section_revert;
  iface->reload_choices = section_reload_choices;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-reports-page"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-chart-standard.h"
#include "csp-committee-reports.h"
#include "csp-duplicate-report-dialog.h"
#include "csp-records.h"
#include "csp-report-docx.h"
#include "csp-report-odt.h"
#include "csp-report-part-row.h"
#include "csp-report-pdf.h"
#include "csp-report-preview-window.h"
#include "csp-report-print-operation.h"
#include "csp-report-list-row.h"
#include "csp-reports-page.h"
#include "csp-section-row.h"

/* The committee reports, newest meeting first, and for the selected one
 * its fields, its numbered sections and the charts and appendix tables it
 * includes; with new, duplicate for the next meeting, PDF export, print
 * preview and print. Every change goes through the session history, so
 * Ctrl+Z takes it back. */
struct _CspReportsPage
{
  CspPage parent_instance;

  CspContext *context; /* the page's own, borrowed */
  CspRecordEditor *editor;

  GtkListBox *reports_list;
  GtkStack *main_stack;
  AdwViewStack *view_stack;
  GtkBox *editor_box;
  GtkListBox *sections_list;
  AdwPreferencesGroup *charts_group;
  AdwPreferencesGroup *appendices_group;

  GPtrArray *reports;            /* CspRecord, in list order */
  GPtrArray *sections;           /* CspRecord, the selected report's, in order */
  GPtrArray *headings;           /* GtkEntry of each section */
  GPtrArray *texts;              /* GtkTextView of each section */
  GHashTable *chart_switches;    /* chart name -> GtkSwitch */
  GHashTable *appendix_switches; /* appendix name -> GtkSwitch */
  GtkFileChooserNative *chooser;

  gint64 report_id;
  gboolean loading; /* filling widgets: their signals are not edits */
  gboolean busy;    /* making several changes: reload once at the end */
};

G_DEFINE_FINAL_TYPE (CspReportsPage, csp_reports_page, CSP_TYPE_PAGE)

static const CspFormGroup report_groups[] = {
  /* The meeting chosen sets the committee and the date below it. */
  { N_ ("Meeting"), "council_name meeting_id committee meeting_date report_of status" },
  { N_ ("Report"), "title author author_title report_date" },
  { N_ ("Period Covered"), "period_start period_end" },
};

/* The appendix tables a report may include, by their report_part name. */
static const struct
{
  const char *name;
  const char *title;
  const char *subtitle;
} appendices[] = {
  { "activities", N_ ("Appendix A: engagement activities"),
    N_ ("The table of the period’s activities marked for the committee’s appendix") },
};

/* Messages. */

static void
toast (CspReportsPage *self, AdwToast *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
toast_text (CspReportsPage *self, const char *text, gboolean undo)
{
  AdwToast *done = adw_toast_new (text);

  if (undo)
    {
      adw_toast_set_button_label (done, _ ("_Undo"));
      adw_toast_set_action_name (done, "win.undo");
    }
  toast (self, done);
}

static GtkWindow *
parent_window (CspReportsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_error (CspReportsPage *self, const char *heading, const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static CspStore *
store (CspReportsPage *self)
{
  return csp_context_get_store (self->context);
}

static CspHistory *
history (CspReportsPage *self)
{
  return csp_context_get_history (self->context);
}

static void
update_actions (CspReportsPage *self)
{
  gboolean selected = self->report_id != 0;
  gboolean may_change = csp_context_may_change (self->context, CSP_TYPE_COMMITTEE_REPORT);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.new", may_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.duplicate", selected && may_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-pdf", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-docx", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export-odt", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print-preview", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.add-section", selected && may_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.save-sections",
                                 selected && may_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.move-section-up", may_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.move-section-down", may_change);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.remove-section", may_change);
}

/* Sections. */

static char *
text_view_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GPtrArray *
list_owned (CspReportsPage *self, GType type, gint64 report_id, GError **error)
{
  CspQuery query = {
    .ref_column = "report_id",
    .ref_id = report_id,
    .sort_column = type == CSP_TYPE_REPORT_SECTION ? "position" : NULL,
  };

  return csp_store_list (store (self), type, &query, error);
}

static void
load_sections (CspReportsPage *self)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_list))) != NULL)
    gtk_list_box_remove (self->sections_list, child);
  g_ptr_array_set_size (self->headings, 0);
  g_ptr_array_set_size (self->texts, 0);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  if (self->report_id == 0)
    return;
  self->sections = list_owned (self, CSP_TYPE_REPORT_SECTION, self->report_id, &error);
  if (self->sections == NULL)
    {
      show_error (self, _ ("Could Not Read the Report’s Sections"), error);
      return;
    }
  for (guint i = 0; i < self->sections->len; i++)
    {
      CspSectionRow *row =
          csp_section_row_new (g_ptr_array_index (self->sections, i), i, self->sections->len);

      g_ptr_array_add (self->headings, csp_section_row_get_heading (row));
      g_ptr_array_add (self->texts, csp_section_row_get_text_view (row));
      gtk_list_box_append (self->sections_list, GTK_WIDGET (row));
    }
}

/* Saves the sections whose heading or text was changed. */
static gboolean
save_sections (CspReportsPage *self, guint *n_saved, GError **error)
{
  gboolean was_busy = self->busy;
  gboolean ok = TRUE;

  *n_saved = 0;
  if (self->sections == NULL)
    return TRUE;
  self->busy = TRUE;
  for (guint i = 0; ok && i < self->sections->len; i++)
    {
      CspRecord *section = g_ptr_array_index (self->sections, i);
      const char *heading = gtk_editable_get_text (GTK_EDITABLE (self->headings->pdata[i]));
      g_autofree char *body = text_view_dup_text (self->texts->pdata[i]);
      g_autofree char *stripped = g_strstrip (g_strdup (heading));
      g_autoptr (CspRecord) changed = NULL;

      if (g_strcmp0 (heading, csp_record_get_string (section, "heading")) == 0 &&
          g_strcmp0 (body, csp_record_get_string (section, "body") != NULL
                               ? csp_record_get_string (section, "body")
                               : "") == 0)
        continue;
      changed = csp_record_copy (section);
      csp_record_set_string (changed, "heading", stripped);
      csp_record_set_string (changed, "body", body);
      ok = csp_history_update (history (self), changed, error);
      if (ok)
        {
          g_ptr_array_index (self->sections, i) = g_object_ref (changed);
          g_object_unref (section);
          (*n_saved)++;
        }
    }
  self->busy = was_busy;
  return ok;
}

/* Saves what was typed before the sections are rebuilt, so nothing is lost. */
static gboolean
save_pending (CspReportsPage *self)
{
  g_autoptr (GError) error = NULL;
  guint n_saved = 0;

  if (save_sections (self, &n_saved, &error))
    return TRUE;
  show_error (self, _ ("Could Not Save the Sections"), error);
  load_sections (self);
  return FALSE;
}

static int
find_section (CspReportsPage *self, gint64 id)
{
  for (guint i = 0; self->sections != NULL && i < self->sections->len; i++)
    if (csp_record_get_id (g_ptr_array_index (self->sections, i)) == id)
      return (int) i;
  return -1;
}

static gint64
next_position (CspReportsPage *self)
{
  gint64 max = 0;

  for (guint i = 0; self->sections != NULL && i < self->sections->len; i++)
    max = MAX (max, csp_record_get_int (g_ptr_array_index (self->sections, i), "position"));
  return max + 1;
}

static void
save_sections_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspReportsPage *self = CSP_REPORTS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  guint n_saved = 0;

  if (!save_sections (self, &n_saved, &error))
    {
      show_error (self, _ ("Could Not Save the Sections"), error);
      return;
    }
  load_sections (self);
  toast_text (self, n_saved > 0 ? _ ("Sections saved") : _ ("No changes to save"), FALSE);
}

static void
add_section_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspReportsPage *self = CSP_REPORTS_PAGE (widget);
  g_autoptr (CspRecord) section = csp_record_new (CSP_TYPE_REPORT_SECTION);
  g_autoptr (GError) error = NULL;
  GtkWidget *heading;

  if (self->report_id == 0 || !save_pending (self))
    return;
  csp_record_set_int (section, "report_id", self->report_id);
  csp_record_set_int (section, "position", next_position (self));
  csp_record_set_string (section, "heading", _ ("New section"));
  csp_record_set_string (section, "body", "");
  self->busy = TRUE;
  if (!csp_history_insert (history (self), section, &error))
    show_error (self, _ ("Could Not Add the Section"), error);
  self->busy = FALSE;
  load_sections (self);
  if (self->headings->len > 0)
    {
      heading = g_ptr_array_index (self->headings, self->headings->len - 1);
      gtk_widget_grab_focus (heading);
      gtk_editable_select_region (GTK_EDITABLE (heading), 0, -1);
    }
}

static void
remove_section_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspReportsPage *self = CSP_REPORTS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr (CspRecord) stored = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!save_pending (self) || find_section (self, id) < 0)
    return;
  self->busy = TRUE;
  stored = csp_store_get (store (self), CSP_TYPE_REPORT_SECTION, id, &error);
  if (stored == NULL || !csp_history_delete (history (self), stored, &error))
    show_error (self, _ ("Could Not Remove the Section"), error);
  else
    {
      message =
          g_strdup_printf (_ ("Section “%s” removed"), csp_record_get_string (stored, "heading"));
      toast_text (self, message, TRUE);
    }
  self->busy = FALSE;
  load_sections (self);
}

static void
move_section (CspReportsPage *self, gint64 id, int offset)
{
  g_autoptr (GError) error = NULL;
  int index, other;

  if (!save_pending (self))
    return;
  index = find_section (self, id);
  other = index + offset;
  if (index < 0 || other < 0 || other >= (int) self->sections->len)
    return;
  self->busy = TRUE;
  if (!csp_committee_reports_swap_sections (history (self),
                                            g_ptr_array_index (self->sections, index),
                                            g_ptr_array_index (self->sections, other), &error))
    show_error (self, _ ("Could Not Move the Section"), error);
  self->busy = FALSE;
  load_sections (self);
  if (other < (int) self->headings->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->headings, other));
}

static void
move_section_up_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move_section (CSP_REPORTS_PAGE (widget), g_variant_get_int64 (parameter), -1);
}

static void
move_section_down_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  move_section (CSP_REPORTS_PAGE (widget), g_variant_get_int64 (parameter), 1);
}

/* Charts and appendix tables. */

static void
load_parts (CspReportsPage *self)
{
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (self->report_id == 0)
    return;
  items = list_owned (self, CSP_TYPE_REPORT_PART, self->report_id, &error);
  if (items == NULL)
    {
      show_error (self, _ ("Could Not Read the Report’s Charts"), error);
      return;
    }
  self->loading = TRUE;
  for (guint k = 0; k < 2; k++)
    {
      g_hash_table_iter_init (&iter, k == 0 ? self->chart_switches : self->appendix_switches);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          gboolean included = k == 1 || csp_report_content_is_default_chart (key);

          for (guint i = 0; i < items->len; i++)
            {
              CspRecord *item = g_ptr_array_index (items, i);

              if (g_str_equal (csp_record_get_string (item, "kind"),
                               k == 0 ? "chart" : "appendix") &&
                  g_str_equal (csp_record_get_string (item, "name"), key))
                included = csp_record_get_bool (item, "included");
            }
          gtk_switch_set_active (GTK_SWITCH (value), included);
        }
    }
  self->loading = FALSE;
}

static gboolean
set_item (CspReportsPage *self, const char *kind, const char *name, gboolean included,
          GError **error)
{
  g_autoptr (GPtrArray) items = list_owned (self, CSP_TYPE_REPORT_PART, self->report_id, error);
  g_autoptr (CspRecord) item = NULL;

  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      CspRecord *stored = g_ptr_array_index (items, i);

      if (g_str_equal (csp_record_get_string (stored, "kind"), kind) &&
          g_str_equal (csp_record_get_string (stored, "name"), name))
        {
          if (csp_record_get_bool (stored, "included") == included)
            return TRUE;
          item = csp_record_copy (stored);
          csp_record_set_bool (item, "included", included);
          return csp_history_update (history (self), item, error);
        }
    }
  item = csp_record_new (CSP_TYPE_REPORT_PART);
  csp_record_set_int (item, "report_id", self->report_id);
  csp_record_set_string (item, "kind", kind);
  csp_record_set_string (item, "name", name);
  csp_record_set_bool (item, "included", included);
  return csp_history_insert (history (self), item, error);
}

static void
item_switched_cb (GtkSwitch *item_switch, GParamSpec *pspec, CspReportsPage *self)
{
  CspReportPartRow *row = CSP_REPORT_PART_ROW (
      gtk_widget_get_ancestor (GTK_WIDGET (item_switch), CSP_TYPE_REPORT_PART_ROW));
  g_autoptr (GError) error = NULL;

  if (self->loading || self->report_id == 0)
    return;
  self->busy = TRUE;
  if (!set_item (self, csp_report_part_row_get_kind (row), csp_report_part_row_get_name (row),
                 gtk_switch_get_active (item_switch), &error))
    show_error (self, _ ("Could Not Change the Report’s Contents"), error);
  self->busy = FALSE;
  load_parts (self);
}

static void
add_item_row (CspReportsPage *self, AdwPreferencesGroup *group, GHashTable *switches,
              const char *kind, const char *name, const char *title, const char *subtitle)
{
  CspReportPartRow *row = csp_report_part_row_new (kind, name, title, subtitle);
  GtkSwitch *item_switch = csp_report_part_row_get_switch (row);

  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_hash_table_insert (switches, g_strdup (name), item_switch);
  g_signal_connect_object (item_switch, "notify::active", G_CALLBACK (item_switched_cb), self, 0);
}

/* The list of reports. */

static void
show_report (CspReportsPage *self, gint64 report_id)
{
  g_autoptr (CspRecord) report = NULL;
  g_autoptr (GError) error = NULL;

  if (report_id != 0)
    {
      report = csp_store_get (store (self), CSP_TYPE_COMMITTEE_REPORT, report_id, &error);
      if (report == NULL)
        report_id = 0;
    }
  self->report_id = report_id;
  csp_record_editor_show (self->editor, report);
  load_sections (self);
  load_parts (self);
  gtk_stack_set_visible_child_name (self->main_stack, report != NULL ? "report" : "empty");
  update_actions (self);
}

static void
reload_reports (CspReportsPage *self, gint64 select_id)
{
  CspQuery query = { .sort_column = "meeting_date", .descending = TRUE };
  g_autoptr (GError) error = NULL;
  GtkWidget *child;
  gint64 shown = 0;

  self->loading = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->reports_list))) != NULL)
    gtk_list_box_remove (self->reports_list, child);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  self->reports = csp_store_list (store (self), CSP_TYPE_COMMITTEE_REPORT, &query, &error);
  if (self->reports == NULL)
    {
      self->loading = FALSE;
      show_error (self, _ ("Could Not Read the Reports"), error);
      show_report (self, 0);
      return;
    }
  for (guint i = 0; i < self->reports->len; i++)
    {
      CspRecord *report = g_ptr_array_index (self->reports, i);
      GtkWidget *row = GTK_WIDGET (csp_report_list_row_new (report));

      gtk_list_box_append (self->reports_list, row);
      if (csp_record_get_id (report) == select_id)
        {
          gtk_list_box_select_row (self->reports_list, GTK_LIST_BOX_ROW (row));
          shown = select_id;
        }
    }
  self->loading = FALSE;
  show_report (self, shown);
}

static void
report_selected_cb (CspReportsPage *self, GtkListBoxRow *row)
{
  int index;

  if (self->loading)
    return;
  index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  if (index < 0 || (guint) index >= self->reports->len)
    {
      show_report (self, 0);
      return;
    }
  show_report (self, csp_record_get_id (g_ptr_array_index (self->reports, index)));
}

static void
history_changed_cb (CspReportsPage *self, GType type)
{
  if (self->busy)
    return;
  if (type == CSP_TYPE_COMMITTEE_REPORT)
    reload_reports (self, self->report_id);
  else if (type == CSP_TYPE_REPORT_SECTION)
    load_sections (self);
  else if (type == CSP_TYPE_REPORT_PART)
    load_parts (self);
  else if (type == CSP_TYPE_MEETING)
    csp_record_editor_reload_choices (self->editor);
}

static void
editor_saved_cb (CspReportsPage *self, CspRecord *record)
{
  reload_reports (self, csp_record_get_id (record));
}

/* New report and duplicate. */

static void
new_report_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspReportsPage *self = CSP_REPORTS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  gint64 id;

  self->busy = TRUE;
  id = csp_committee_reports_create (history (self), 0, &error);
  self->busy = FALSE;
  if (id == 0)
    show_error (self, _ ("Could Not Start a New Report"), error);
  reload_reports (self, id != 0 ? id : self->report_id);
  if (id == 0)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, "details");
  toast_text (self, _ ("New report started from the section templates"), TRUE);
}

/**
 * csp_reports_page_duplicate_for_meeting:
 * @meeting_date: the next meeting's date, YYYY-MM-DD
 *
 * Copies the selected report with its sections and its choice of charts
 * and appendix tables for the meeting on @meeting_date, as
 * csp_committee_reports_duplicate() does, in one step of undo. Selects
 * the copy.
 *
 * Returns: the copy's id, or 0 with @error set
 */
gint64
csp_reports_page_duplicate_for_meeting (CspReportsPage *self, const char *meeting_date,
                                        GError **error)
{
  gint64 id;

  g_return_val_if_fail (CSP_IS_REPORTS_PAGE (self), 0);
  g_return_val_if_fail (self->report_id != 0, 0);
  g_return_val_if_fail (meeting_date != NULL, 0);

  self->busy = TRUE;
  id = csp_committee_reports_duplicate (history (self), self->report_id, meeting_date, error);
  self->busy = FALSE;
  reload_reports (self, id != 0 ? id : self->report_id);
  return id;
}

static void
duplicate_response_cb (CspDuplicateReportDialog *dialog, const char *response, CspReportsPage *self)
{
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "duplicate") || self->report_id == 0)
    return;
  if (csp_reports_page_duplicate_for_meeting (
          self, csp_duplicate_report_dialog_get_meeting_date (dialog), &error) == 0)
    {
      show_error (self, _ ("Could Not Duplicate the Report"), error);
      return;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "details");
  toast_text (self, _ ("Report duplicated for the next meeting"), TRUE);
}

static void
duplicate_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspReportsPage *self = CSP_REPORTS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *next = NULL;
  CspDuplicateReportDialog *dialog;

  next = csp_committee_reports_propose_next_meeting (store (self), self->report_id, &error);
  if (next == NULL)
    {
      show_error (self, _ ("Could Not Duplicate the Report"), error);
      return;
    }
  dialog = csp_duplicate_report_dialog_new (parent_window (self), next);
  g_signal_connect_object (dialog, "response", G_CALLBACK (duplicate_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Outputs. */

static CspReportContent *
load_content (CspReportsPage *self, GError **error)
{
  if (self->report_id == 0)
    {
      g_set_error (error, CSP_DATABASE_ERROR, CSP_DATABASE_ERROR_NOT_FOUND,
                   _ ("No report is selected"));
      return NULL;
    }
  return csp_report_content_load (csp_store_get_database (store (self)), self->report_id, NULL,
                                  NULL, error);
}

/**
 * csp_reports_page_export_pdf:
 * @path: the PDF file to write
 *
 * Writes the selected report, as saved, to @path.
 *
 * Returns: whether it was written
 */
gboolean
csp_reports_page_export_pdf (CspReportsPage *self, const char *path, GError **error)
{
  g_autoptr (CspReportContent) content = NULL;

  g_return_val_if_fail (CSP_IS_REPORTS_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  content = load_content (self, error);
  return content != NULL &&
         csp_report_pdf_export (csp_store_get_database (store (self)), content, path, NULL, error);
}

/**
 * csp_reports_page_export:
 * @path: where to write: a Word document when it ends in .docx (in the
 *   council's template, when Preferences names one), an OpenDocument Text
 *   document when it ends in .odt, else a PDF
 *
 * Exports the selected report, as Export PDF, Export Word Document and
 * Export OpenDocument Text do.
 */
gboolean
csp_reports_page_export (CspReportsPage *self, const char *path, GError **error)
{
  GSettings *settings = csp_context_get_settings (self->context);
  g_autoptr (CspReportContent) content = NULL;
  g_autofree char *template = NULL;

  if (g_str_has_suffix (path, ".odt"))
    {
      content = load_content (self, error);
      return content != NULL &&
             csp_report_odt_export (csp_store_get_database (store (self)), content, path, error);
    }
  if (!g_str_has_suffix (path, ".docx"))
    return csp_reports_page_export_pdf (self, path, error);
  if (settings != NULL)
    template = g_settings_get_string (settings, "report-template");
  content = load_content (self, error);
  return content != NULL &&
         csp_report_docx_export (csp_store_get_database (store (self)), content,
                                 template != NULL && *template != '\0' ? template : NULL, path,
                                 error);
}

static void
export_response_cb (GtkNativeDialog *chooser, int response, CspReportsPage *self)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autoptr (GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _ ("The report can only be saved to a local folder"));
      show_error (self, _ ("Could Not Export the Report"), error);
      return;
    }
  if (!csp_reports_page_export (self, path, &error))
    {
      show_error (self, _ ("Could Not Export the Report"), error);
      return;
    }
  name = g_file_get_basename (file);
  message = g_strdup_printf (_ ("Report exported to “%s”"), name);
  toast_text (self, message, FALSE);
}

/* Asks where to save the report as a @suffix file ("pdf", "docx", "odt"). */
static void
choose_export_file (CspReportsPage *self, const char *title, const char *filter_name,
                    const char *mime_type, const char *suffix)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr (CspRecord) report = NULL;
  g_autofree char *name = NULL;

  if (self->report_id == 0 || self->chooser != NULL)
    return;
  report = csp_store_get (store (self), CSP_TYPE_COMMITTEE_REPORT, self->report_id, NULL);
  self->chooser = gtk_file_chooser_native_new (
      title, parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  if (report != NULL)
    {
      g_autofree char *date = g_strdup (csp_record_get_string (report, "meeting_date"));
      name = g_strdup_printf ("%s %s.%s", csp_record_get_string (report, "title"), date, suffix);
      g_strdelimit (name, "/\\:", '-');
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_pdf_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_export_file (CSP_REPORTS_PAGE (widget), _ ("Export Report as PDF"), _ ("PDF documents"),
                      "application/pdf", "pdf");
}

static void
export_docx_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_export_file (
      CSP_REPORTS_PAGE (widget), _ ("Export Report as Word Document"), _ ("Word documents"),
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx");
}

static void
export_odt_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_export_file (CSP_REPORTS_PAGE (widget), _ ("Export Report as OpenDocument Text"),
                      _ ("OpenDocument Text documents"), "application/vnd.oasis.opendocument.text",
                      "odt");
}

/**
 * csp_reports_page_create_print_operation:
 *
 * Returns: (transfer full): a print operation of the selected report, as
 *   saved, or %NULL with @error set
 */
GtkPrintOperation *
csp_reports_page_create_print_operation (CspReportsPage *self, GError **error)
{
  g_autoptr (CspReportContent) content = NULL;
  GPtrArray *charts;

  g_return_val_if_fail (CSP_IS_REPORTS_PAGE (self), NULL);

  content = load_content (self, error);
  if (content == NULL)
    return NULL;
  charts = csp_report_charts_new (csp_store_get_database (store (self)), content, error);
  if (charts == NULL)
    return NULL;
  return GTK_PRINT_OPERATION (csp_report_print_operation_new (g_steal_pointer (&content), charts));
}

static void
run_print (CspReportsPage *self, GtkPrintOperationAction action)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autoptr (GError) error = NULL;

  operation = csp_reports_page_create_print_operation (self, &error);
  if (operation == NULL || gtk_print_operation_run (operation, action, parent_window (self),
                                                    &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    show_error (self,
                action == GTK_PRINT_OPERATION_ACTION_PREVIEW ? _ ("Could Not Preview the Report")
                                                             : _ ("Could Not Print the Report"),
                error);
}

static void
print_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  run_print (CSP_REPORTS_PAGE (widget), GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG);
}

/* The pages drawn inside CSP Engage: no outside PDF viewer is needed. */
static void
print_preview_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspReportsPage *self = CSP_REPORTS_PAGE (widget);
  g_autoptr (CspReportContent) content = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *charts = NULL;
  CspReportPreviewWindow *preview;

  content = load_content (self, &error);
  if (content != NULL)
    charts = csp_report_charts_new (csp_store_get_database (store (self)), content, &error);
  if (charts == NULL)
    {
      show_error (self, _ ("Could Not Preview the Report"), error);
      return;
    }
  preview =
      csp_report_preview_window_new (parent_window (self), g_steal_pointer (&content), charts);
  gtk_window_present (GTK_WINDOW (preview));
}

/* The widget. */

static void
csp_reports_page_constructed (GObject *object)
{
  CspReportsPage *self = CSP_REPORTS_PAGE (object);
  const char *const *charts = csp_standard_chart_get_names ();

  G_OBJECT_CLASS (csp_reports_page_parent_class)->constructed (object);
  self->context = csp_page_get_context (CSP_PAGE (self));

  self->editor = csp_record_editor_new (self->context, CSP_TYPE_COMMITTEE_REPORT, report_groups,
                                        G_N_ELEMENTS (report_groups));
  /* A report is duplicated with its sections, for the next meeting, by
   * the button beside New: the editor's copy of the details alone is not
   * offered beside it. */
  csp_record_editor_hide_duplicate (self->editor);
  gtk_widget_set_vexpand (GTK_WIDGET (self->editor), TRUE);
  gtk_box_append (self->editor_box, GTK_WIDGET (self->editor));
  csp_record_editor_serve_list (self->editor, GTK_WIDGET (self->reports_list));
  g_signal_connect_object (self->editor, "saved", G_CALLBACK (editor_saved_cb), self,
                           G_CONNECT_SWAPPED);

  for (guint i = 0; charts[i] != NULL; i++)
    add_item_row (self, self->charts_group, self->chart_switches, "chart", charts[i],
                  csp_standard_chart_get_summary (charts[i]), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (appendices); i++)
    add_item_row (self, self->appendices_group, self->appendix_switches, "appendix",
                  appendices[i].name, _ (appendices[i].title), _ (appendices[i].subtitle));

  g_signal_connect_object (self->reports_list, "row-selected", G_CALLBACK (report_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (history (self), "changed", G_CALLBACK (history_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "changed-elsewhere", G_CALLBACK (history_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "access-changed", G_CALLBACK (update_actions), self,
                           G_CONNECT_SWAPPED);

  /* The newest report is the one most often wanted. */
  reload_reports (self, 0);
  if (self->reports != NULL && self->reports->len > 0)
    reload_reports (self, csp_record_get_id (g_ptr_array_index (self->reports, 0)));
}

static void
csp_reports_page_dispose (GObject *object)
{
  CspReportsPage *self = CSP_REPORTS_PAGE (object);

  /* The list box unselects its rows as it goes: no reloads while dying. */
  if (self->reports_list != NULL)
    g_signal_handlers_disconnect_by_data (self->reports_list, self);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_REPORTS_PAGE);
  g_clear_pointer (&self->reports, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->headings, g_ptr_array_unref);
  g_clear_pointer (&self->texts, g_ptr_array_unref);
  g_clear_pointer (&self->chart_switches, g_hash_table_unref);
  g_clear_pointer (&self->appendix_switches, g_hash_table_unref);

  G_OBJECT_CLASS (csp_reports_page_parent_class)->dispose (object);
}

static void
csp_reports_page_class_init (CspReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = csp_reports_page_constructed;
  object_class->dispose = csp_reports_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CspReportsPage, reports_list);
  gtk_widget_class_bind_template_child (widget_class, CspReportsPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CspReportsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CspReportsPage, editor_box);
  gtk_widget_class_bind_template_child (widget_class, CspReportsPage, sections_list);
  gtk_widget_class_bind_template_child (widget_class, CspReportsPage, charts_group);
  gtk_widget_class_bind_template_child (widget_class, CspReportsPage, appendices_group);

  gtk_widget_class_install_action (widget_class, "reports.new", NULL, new_report_activated);
  gtk_widget_class_install_action (widget_class, "reports.duplicate", NULL, duplicate_activated);
  gtk_widget_class_install_action (widget_class, "reports.export-pdf", NULL, export_pdf_activated);
  gtk_widget_class_install_action (widget_class, "reports.export-docx", NULL,
                                   export_docx_activated);
  gtk_widget_class_install_action (widget_class, "reports.export-odt", NULL, export_odt_activated);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "reports.print-preview", NULL,
                                   print_preview_activated);
  gtk_widget_class_install_action (widget_class, "reports.add-section", NULL,
                                   add_section_activated);
  gtk_widget_class_install_action (widget_class, "reports.save-sections", NULL,
                                   save_sections_activated);
  gtk_widget_class_install_action (widget_class, "reports.move-section-up", "x",
                                   move_section_up_activated);
  gtk_widget_class_install_action (widget_class, "reports.move-section-down", "x",
                                   move_section_down_activated);
  gtk_widget_class_install_action (widget_class, "reports.remove-section", "x",
                                   remove_section_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "reports.new",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "reports.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "reports.export-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "reports.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "reports.print-preview", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "reports.add-section", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "reports.save-sections", NULL);
}

static void
csp_reports_page_init (CspReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->headings = g_ptr_array_new ();
  self->texts = g_ptr_array_new ();
  self->chart_switches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->appendix_switches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * csp_reports_page_new:
 *
 * Returns: (transfer full): the Reports page
 */
CspReportsPage *
csp_reports_page_new (CspContext *context)
{
  return g_object_new (CSP_TYPE_REPORTS_PAGE, "context", context, NULL);
}

/**
 * csp_reports_page_get_editor:
 *
 * Returns: (transfer none): the editor of the selected report's fields
 */
CspRecordEditor *
csp_reports_page_get_editor (CspReportsPage *self)
{
  g_return_val_if_fail (CSP_IS_REPORTS_PAGE (self), NULL);
  return self->editor;
}

/**
 * csp_reports_page_get_reports_list:
 *
 * Returns: (transfer none): the list of reports, newest meeting first
 */
GtkListBox *
csp_reports_page_get_reports_list (CspReportsPage *self)
{
  g_return_val_if_fail (CSP_IS_REPORTS_PAGE (self), NULL);
  return self->reports_list;
}

/**
 * csp_reports_page_get_sections_list:
 *
 * Returns: (transfer none): the selected report's sections, in order
 */
GtkListBox *
csp_reports_page_get_sections_list (CspReportsPage *self)
{
  g_return_val_if_fail (CSP_IS_REPORTS_PAGE (self), NULL);
  return self->sections_list;
}

/**
 * csp_reports_page_get_report_id:
 *
 * Returns: the selected report's id, 0 for none
 */
gint64
csp_reports_page_get_report_id (CspReportsPage *self)
{
  g_return_val_if_fail (CSP_IS_REPORTS_PAGE (self), 0);
  return self->report_id;
}

/**
 * csp_reports_page_select_report:
 *
 * Returns: whether the report is listed (and is now selected)
 */
gboolean
csp_reports_page_select_report (CspReportsPage *self, gint64 report_id)
{
  g_return_val_if_fail (CSP_IS_REPORTS_PAGE (self), FALSE);

  reload_reports (self, report_id);
  return self->report_id == report_id;
}

/**
 * csp_reports_page_get_section_heading:
 * @index: the section's place in the report, from 0
 *
 * Returns: (transfer none) (nullable): the entry of the section's heading
 */
GtkWidget *
csp_reports_page_get_section_heading (CspReportsPage *self, guint index)
{
  g_return_val_if_fail (CSP_IS_REPORTS_PAGE (self), NULL);
  return index < self->headings->len ? g_ptr_array_index (self->headings, index) : NULL;
}

/**
 * csp_reports_page_get_section_text:
 * @index: the section's place in the report, from 0
 *
 * Returns: (transfer none) (nullable): the view of the section's text
 */
GtkTextView *
csp_reports_page_get_section_text (CspReportsPage *self, guint index)
{
  g_return_val_if_fail (CSP_IS_REPORTS_PAGE (self), NULL);
  return index < self->texts->len ? g_ptr_array_index (self->texts, index) : NULL;
}

/**
 * csp_reports_page_get_chart_switch:
 * @name: a standard chart's name
 *
 * Returns: (transfer none) (nullable): the switch that includes the chart
 */
GtkSwitch *
csp_reports_page_get_chart_switch (CspReportsPage *self, const char *name)
{
  g_return_val_if_fail (CSP_IS_REPORTS_PAGE (self), NULL);
  return g_hash_table_lookup (self->chart_switches, name);
}

/**
 * csp_reports_page_get_appendix_switch:
 * @name: an appendix table's name: "activities"
 *
 * Returns: (transfer none) (nullable): the switch that includes the table
 */
GtkSwitch *
csp_reports_page_get_appendix_switch (CspReportsPage *self, const char *name)
{
  g_return_val_if_fail (CSP_IS_REPORTS_PAGE (self), NULL);
  return g_hash_table_lookup (self->appendix_switches, name);
}

/**
 * csp_reports_page_show_tab:
 * @name: "details", "sections" or "contents"
 *
 * Shows one of the selected report's tabs.
 */
void
csp_reports_page_show_tab (CspReportsPage *self, const char *name)
{
  g_return_if_fail (CSP_IS_REPORTS_PAGE (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

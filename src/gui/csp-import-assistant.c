/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import-assistant"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-choices.h"
#include "csp-dates.h"
#include "csp-gui.h"
#include "csp-import-assistant.h"
#include "csp-import-layout-group.h"
#include "csp-records.h"

/* Brings a CSV file in, one step at a time: what it holds and where it
 * is, which field each column fills, what the names the database lacks
 * stand for, which rows would be rejected, then the import itself (in a
 * worker thread, in one transaction, so cancelling changes nothing) and
 * its summary. The core (CspImport) does the reading, checking and
 * writing; this window only asks and shows.
 *
 * Next never does nothing without a word: when it cannot go on, it is
 * insensitive and the page says why (its tooltip and accessible
 * description too); a problem of the file is shown on the page, whole,
 * never in a toast, which would cut it off. Next from the first step
 * reads the file again, so a file corrected in the meantime is seen. */

/* Rejected rows listed at most: a wrong mapping can reject every row. */
#define MAX_PROBLEMS_SHOWN 200
#define PREVIEW_ROWS 20
/* Columns offered for mapping at most: a file may have 10,000, which no
 * one maps by hand and a window of as many rows would take minutes to
 * show. The rest are ignored, and the check says so. */
#define MAX_COLUMNS_SHOWN 200
/* Characters of a value or a column's name shown: a cell may hold megabytes. */
#define MAX_CHARS_SHOWN 200
#define MAX_BAD_LINES_NAMED 10
/* Rejected rows of the preview described above it at most. */
#define MAX_PREVIEW_PROBLEMS 5

struct _CspImportAssistant
{
  AdwWindow parent_instance;

  CspContext *context;
  CspImport *import;
  char *path;
  GCancellable *cancellable;
  gboolean busy;
  gboolean checked;
  gboolean had_unknowns;
  gboolean disposed;
  gboolean updating;
  GtkProgressBar *active_progress;
  int progress_permille; /* atomic: written by the worker thread */
  int progress_pending;  /* atomic */
  GPtrArray *combo_rows; /* AdwComboRow * of the map step, one per column */
  char *map_reason;      /* why the map step cannot go on, or NULL */
  char *write_error;     /* why the last import failed, or NULL */
  char *default_targets; /* the fields default_list offers a value for, joined */
  guint applied_mapping; /* the saved mapping (its row of mapping_row) the import uses */

  AdwWindowTitle *window_title;
  GtkButton *close_button;
  GtkButton *back_button;
  GtkButton *next_button;
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  AdwComboRow *kind_row;
  AdwActionRow *file_row;
  AdwComboRow *mapping_row;
  GtkLabel *choose_status_label;
  GtkLabel *encoding_label;
  GtkLabel *file_warning_label;
  GtkLabel *preview_problem_label;
  GtkLabel *map_error_label;
  GtkListBox *default_list;
  CspImportLayoutGroup *layout_group;
  GtkListBox *column_list;
  GtkColumnView *preview;
  GtkListBox *unknown_list;
  GtkProgressBar *check_progress;
  GtkLabel *check_label;
  GtkLabel *check_hint_label;
  GtkListBox *skip_list;
  GtkSwitch *skip_switch;
  GtkLabel *months_title;
  GtkListBox *month_list;
  GtkLabel *column_notes_title;
  GtkListBox *column_note_list;
  GtkLabel *problems_title;
  GtkListBox *problem_list;
  GtkProgressBar *progress_bar;
  GtkButton *cancel_button;
  AdwStatusPage *summary_page;
  AdwEntryRow *mapping_name_row;
  GtkLabel *summary_status_label;
};

G_DEFINE_FINAL_TYPE (CspImportAssistant, csp_import_assistant, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

enum
{
  FINISHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *const steps[] = { "choose", "map", "unknowns", "check", "import", "summary" };

/* For short news only: a toast cuts a long message off. */
static void
toast (CspImportAssistant *self, const char *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static const char *
current_step (CspImportAssistant *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static gboolean
step_is (CspImportAssistant *self, const char *name)
{
  return g_strcmp0 (current_step (self), name) == 0;
}

/* Shows @text in @label, or hides it when there is none. */
static void
show_label (GtkLabel *label, const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
set_label_style (GtkLabel *label, const char *style)
{
  gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (label), style);
}

/* What the first step says under its rows: what to do, or why the file
 * cannot be read. */
static void
show_choose_status (CspImportAssistant *self, const char *error_message)
{
  if (error_message != NULL)
    {
      set_label_style (self->choose_status_label, "error");
      show_label (self->choose_status_label, error_message);
    }
  else if (self->path == NULL)
    {
      set_label_style (self->choose_status_label, "dim-label");
      show_label (self->choose_status_label, _ ("Choose the file to import."));
    }
  else
    show_label (self->choose_status_label, NULL);
}

/* A file that cannot be read can be corrected while the assistant waits. */
static void
show_choose_error (CspImportAssistant *self, const GError *error)
{
  g_autofree char *message = NULL;

  if (error != NULL && error->domain == CSP_CSV_ERROR)
    /* Translators: a problem of a CSV file, then what to do about it */
    message = g_strdup_printf (_ ("%s\nCorrect the file, then choose Next to read it again."),
                               error->message);
  show_choose_status (self, message != NULL ? message : error != NULL ? error->message : NULL);
}

/* Why Next cannot go on from the step shown, or NULL when it can. */
static char *
next_blocker (CspImportAssistant *self)
{
  const char *step = current_step (self);
  const CspImportSummary *summary =
      self->import != NULL ? csp_import_get_summary (self->import) : NULL;

  if (self->busy)
    return NULL;
  if (g_str_equal (step, "choose") && self->path == NULL)
    return g_strdup (_ ("Choose the file to import."));
  if (g_str_equal (step, "map") && self->map_reason != NULL)
    return g_strdup (self->map_reason);
  if (!g_str_equal (step, "check") || !self->checked || summary == NULL)
    return NULL;
  if (summary->n_rows == 0)
    return g_strdup (_ ("The file has no rows to import."));
  if (summary->n_rejected >= summary->n_rows)
    return g_strdup (_ ("Every row is rejected, so there is nothing to import. Correct the "
                        "mapping, or correct the file and go Back to the first step: Next "
                        "reads it again."));
  if (summary->n_rejected > 0 && !gtk_switch_get_active (self->skip_switch))
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "Nothing is imported while a row is rejected. Turn on “Skip Rejected Rows” "
                     "to import the other row, or correct the file and go Back to the first "
                     "step: Next reads it again.",
                     "Nothing is imported while a row is rejected. Turn on “Skip Rejected Rows” "
                     "to import the other %u rows, or correct the file and go Back to the first "
                     "step: Next reads it again.",
                     summary->n_rows - summary->n_rejected),
        summary->n_rows - summary->n_rejected);
  return NULL;
}

/* The check step's note under its counts: why the import failed, or why
 * it cannot start. */
static void
show_check_hint (CspImportAssistant *self, const char *blocker)
{
  if (self->write_error != NULL)
    {
      set_label_style (self->check_hint_label, "error");
      show_label (self->check_hint_label, self->write_error);
    }
  else
    {
      set_label_style (self->check_hint_label, NULL);
      show_label (self->check_hint_label, self->checked ? blocker : NULL);
    }
}

static void
update_buttons (CspImportAssistant *self)
{
  const char *step = current_step (self);
  const CspImportSummary *summary =
      self->import != NULL ? csp_import_get_summary (self->import) : NULL;
  gboolean can_next = !self->busy && (self->import != NULL || self->path != NULL);
  const char *next_label = _ ("_Next");
  g_autofree char *blocker = NULL;

  if (g_str_equal (step, "check"))
    {
      next_label = _ ("_Import");
      can_next = can_next && self->checked && summary != NULL;
    }
  else if (g_str_equal (step, "import"))
    can_next = FALSE;
  else if (g_str_equal (step, "summary"))
    {
      next_label = _ ("_Done");
      can_next = TRUE;
    }
  blocker = next_blocker (self);
  if (blocker != NULL)
    can_next = FALSE;
  if (g_str_equal (step, "check"))
    show_check_hint (self, blocker);
  gtk_button_set_label (self->next_button, next_label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), can_next);
  /* The page says why too; the tooltip and description say it where Next is. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), blocker);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  blocker != NULL ? blocker : "", -1);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          !g_str_equal (step, "choose") && !g_str_equal (step, "summary"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button),
                            !self->busy && !g_str_equal (step, "import"));
  gtk_widget_set_visible (GTK_WIDGET (self->close_button),
                          !g_str_equal (step, "summary") && !g_str_equal (step, "import"));
}

static void
show_step (CspImportAssistant *self, const char *name)
{
  GtkStackPage *page;
  g_autofree char *subtitle = NULL;
  guint number = 0;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_str_equal (steps[i], name))
      number = i + 1;
  gtk_stack_set_visible_child_name (self->stack, name);
  page = gtk_stack_get_page (self->stack, gtk_stack_get_visible_child (self->stack));
  /* Translators: the step of the import assistant, e.g. "Step 2 of 6: Map the Columns" */
  subtitle = g_strdup_printf (_ ("Step %u of %u: %s"), number, (guint) G_N_ELEMENTS (steps),
                              gtk_stack_page_get_title (page));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  update_buttons (self);
}

static void
clear_list_box (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* A value or a name as the window shows it: the start of it, if long. */
static char *
shorten (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  g_autofree char *start = NULL;

  if (strlen (text) <= MAX_CHARS_SHOWN || g_utf8_strlen (text, -1) <= MAX_CHARS_SHOWN)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, MAX_CHARS_SHOWN - 1);
  return g_strconcat (start, "…", NULL);
}

/* How the file was read: its encoding and separator, which decide what
 * every character of it becomes. */
static char *
describe_reading (CspCsvReader *reader)
{
  const char *encoding = csp_csv_reader_get_encoding (reader);
  const char *separated;

  switch (csp_csv_reader_get_separator (reader))
    {
    case ';':
      separated = _ ("semicolons");
      break;
    case '\t':
      separated = _ ("tabs");
      break;
    case ',':
    default:
      separated = _ ("commas");
      break;
    }
  if (g_str_equal (encoding, "Windows-1252"))
    /* Translators: how a CSV file is read; the second is e.g. "commas" */
    return g_strdup_printf (_ ("Read as Windows-1252 (the file is not UTF-8), its values "
                               "separated by %s"),
                            separated);
  /* Translators: how a CSV file is read: its encoding, then e.g. "commas" */
  return g_strdup_printf (_ ("Read as %s, its values separated by %s"), encoding, separated);
}

/* What a person should know of the file before mapping it: lines with
 * bytes that are not UTF-8, and columns beyond those shown. */
static char *
describe_warnings (CspCsvReader *reader)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GString) lines = g_string_new (NULL);
  guint n_bad = 0, n_lines = 0, last_line = 0;
  const CspCsvBadByte *bad = csp_csv_reader_get_bad_bytes (reader, &n_bad);
  guint n_columns = csp_csv_reader_get_n_columns (reader);

  for (guint i = 0; i < n_bad; i++)
    {
      if (bad[i].line == last_line)
        continue;
      last_line = bad[i].line;
      if (++n_lines <= MAX_BAD_LINES_NAMED)
        g_string_append_printf (lines, "%s%u", n_lines > 1 ? ", " : "", bad[i].line);
    }
  if (n_lines > MAX_BAD_LINES_NAMED)
    g_string_append (lines, ", …");
  if (n_lines > 0)
    g_string_append_printf (text,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Line %s holds bytes that are not UTF-8 text, as the rest "
                                         "of the file is: its row will be rejected.",
                                         "Lines %s hold bytes that are not UTF-8 text, as the rest "
                                         "of the file is: their rows will be rejected.",
                                         n_lines),
                            lines->str);
  if (n_columns > MAX_COLUMNS_SHOWN)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append_printf (text,
                              _ ("The file has %u columns; the first %u are shown. The others are "
                                 "not imported, unless a saved mapping names them."),
                              n_columns, MAX_COLUMNS_SHOWN);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Progress comes from the worker thread: keep the latest fraction and
 * have the main loop show it, with at most one update queued at a time. */
static gboolean
progress_idle_cb (gpointer data)
{
  CspImportAssistant *self = data;

  g_atomic_int_set (&self->progress_pending, 0);
  if (!self->disposed && self->active_progress != NULL)
    gtk_progress_bar_set_fraction (self->active_progress,
                                   g_atomic_int_get (&self->progress_permille) / 1000.0);
  return G_SOURCE_REMOVE;
}

static void
progress_cb (double fraction, gpointer user_data)
{
  CspImportAssistant *self = user_data;

  g_atomic_int_set (&self->progress_permille, (int) (CLAMP (fraction, 0.0, 1.0) * 1000));
  if (g_atomic_int_compare_and_exchange (&self->progress_pending, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, progress_idle_cb, g_object_ref (self), g_object_unref);
}

static void
start_job (CspImportAssistant *self, GtkProgressBar *progress)
{
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->busy = TRUE;
  self->active_progress = progress;
  g_atomic_int_set (&self->progress_permille, 0);
  gtk_progress_bar_set_fraction (progress, 0.0);
}

/* Step 1 */

static CspImportKind
selected_kind (CspImportAssistant *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  return selected < CSP_IMPORT_N_KINDS ? (CspImportKind) selected : CSP_IMPORT_ACTIVITIES;
}

static CspDatabase *
get_database (CspImportAssistant *self)
{
  return csp_store_get_database (csp_context_get_store (self->context));
}

static void
fill_saved_mappings (CspImportAssistant *self)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) saved =
      csp_import_mapping_list_saved (get_database (self), selected_kind (self), &error);

  if (error != NULL)
    show_choose_status (self, error->message);
  gtk_string_list_append (names, _ ("Guess from the file"));
  for (guint i = 0; saved != NULL && saved[i] != NULL; i++)
    gtk_string_list_append (names, saved[i]);
  adw_combo_row_set_model (self->mapping_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->mapping_row, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mapping_row),
                            g_list_model_get_n_items (G_LIST_MODEL (names)) > 1);
}

/* The chosen file's name, and how it is read or that it cannot be. */
static void
show_file (CspImportAssistant *self, gboolean readable)
{
  g_autofree char *name = g_filename_display_basename (self->path);
  g_autofree char *reading = NULL;
  g_autofree char *display = NULL;

  if (readable)
    {
      reading = describe_reading (csp_import_get_reader (self->import));
      /* Translators: a file's name, then how it is read */
      display = g_strdup_printf (_ ("%s\n%s"), name, reading);
    }
  else
    /* Translators: a file's name, then that it cannot be read (the reason
     * is shown below it) */
    display = g_strdup_printf (_ ("%s\nCannot be read as it is: see below"), name);
  adw_action_row_set_subtitle (self->file_row, display);
}

/* Reads @path afresh. A file that cannot be read stays chosen, with the
 * reason on the page, so that Next can read it again once it is corrected. */
static gboolean
open_file (CspImportAssistant *self, const char *path, CspImportKind kind, GError **error)
{
  g_autoptr (CspImport) import = csp_import_new (csp_context_get_store (self->context), kind);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) local_error = NULL;
  gboolean ok = csp_import_open (import, file, NULL, &local_error);

  if (self->path != path)
    {
      g_free (self->path);
      self->path = g_strdup (path);
    }
  self->checked = FALSE;
  self->had_unknowns = FALSE;
  if (ok)
    g_set_object (&self->import, import);
  else
    g_clear_object (&self->import);
  show_file (self, ok);
  show_choose_error (self, local_error);
  update_buttons (self);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

static void
kind_changed_cb (CspImportAssistant *self)
{
  if (self->updating)
    return;
  fill_saved_mappings (self);
  /* A file that cannot be read says why on the page. */
  if (self->path != NULL)
    open_file (self, self->path, selected_kind (self), NULL);
}

static void
file_chosen_cb (CspImportAssistant *self, int response, GtkNativeDialog *dialog)
{
  g_autoptr (GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL || self->disposed)
    return;
  path = g_file_get_path (file);
  /* A file that cannot be read says why on the page. */
  if (path == NULL)
    show_choose_status (self, _ ("Only files on this computer can be imported: copy the file "
                                 "to a folder here first."));
  else
    csp_import_assistant_set_file (self, path, selected_kind (self), NULL);
}

static void
choose_file_clicked_cb (CspImportAssistant *self)
{
  GtkFileChooserNative *dialog =
      gtk_file_chooser_native_new (_ ("Choose a CSV File"), GTK_WINDOW (self),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Open"), _ ("_Cancel"));
  g_autoptr (GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (csv, _ ("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_set_name (all, _ ("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (file_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static gboolean
apply_saved_mapping (CspImportAssistant *self, GError **error)
{
  guint selected = adw_combo_row_get_selected (self->mapping_row);
  GtkStringObject *item;
  g_autoptr (CspImportMapping) mapping = NULL;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return TRUE;
  item = adw_combo_row_get_selected_item (self->mapping_row);
  mapping = csp_import_mapping_load (get_database (self), csp_import_get_kind (self->import),
                                     gtk_string_object_get_string (item), error);
  if (mapping == NULL)
    return FALSE;
  if (!csp_import_set_mapping (self->import, mapping, error))
    return FALSE;
  /* Columns the saved mapping has not met are still guessed. */
  csp_import_guess_unmapped (self->import);
  return TRUE;
}

static gboolean
same_headers (CspImport *a, CspImport *b)
{
  return g_strv_equal (
      (const char *const *) csp_csv_reader_get_headers (csp_import_get_reader (a)),
      (const char *const *) csp_csv_reader_get_headers (csp_import_get_reader (b)));
}

/* Reads the chosen file again, as it is now: a file corrected since it
 * was chosen (or since the last step showed its problems) is seen. What
 * the next steps chose of its mapping stays, as long as the file has the
 * same columns and the same saved mapping is chosen. */
static gboolean
reread_file (CspImportAssistant *self, GError **error)
{
  g_autoptr (CspImport) previous = self->import != NULL ? g_object_ref (self->import) : NULL;
  guint selected = adw_combo_row_get_selected (self->mapping_row);

  if (!open_file (self, self->path, selected_kind (self), error))
    return FALSE;
  if (previous != NULL && selected == self->applied_mapping &&
      csp_import_get_kind (previous) == csp_import_get_kind (self->import) &&
      same_headers (previous, self->import))
    return csp_import_set_mapping (self->import, csp_import_get_mapping (previous), error);
  if (!apply_saved_mapping (self, error))
    return FALSE;
  self->applied_mapping = selected;
  return TRUE;
}

/* Step 2 */

static void update_map_status (CspImportAssistant *self);

static void
sync_combo_rows (CspImportAssistant *self)
{
  CspImportMapping *mapping = csp_import_get_mapping (self->import);
  CspImportKind kind = csp_import_get_kind (self->import);
  const CspImportTarget *targets;
  guint n_targets = 0;

  targets = csp_import_kind_get_targets (kind, &n_targets);
  self->updating = TRUE;
  for (guint i = 0; i < self->combo_rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->combo_rows, i);
      const char *header = g_object_get_data (G_OBJECT (row), "header");
      const char *target = csp_import_mapping_get_target (mapping, header);
      guint selected = 0;

      for (guint t = 0; target != NULL && t < n_targets; t++)
        if (g_str_equal (targets[t].name, target))
          selected = t + 1;
      adw_combo_row_set_selected (row, selected);
    }
  self->updating = FALSE;
}

/* The mapping changed: the next check is a new one. The layout is read
 * again: the column of dates may be another. */
static void
mapping_changed (CspImportAssistant *self)
{
  csp_import_invalidate (self->import);
  self->checked = FALSE;
  csp_import_layout_group_update (self->layout_group);
  update_map_status (self);
}

static void
target_selected_cb (AdwComboRow *row, GParamSpec *pspec, CspImportAssistant *self)
{
  const CspImportTarget *targets;
  guint n_targets = 0;
  guint selected = adw_combo_row_get_selected (row);
  const char *header = g_object_get_data (G_OBJECT (row), "header");

  if (self->updating)
    return;
  targets = csp_import_kind_get_targets (csp_import_get_kind (self->import), &n_targets);
  csp_import_mapping_set_target (csp_import_get_mapping (self->import), header,
                                 selected > 0 && selected <= n_targets ? targets[selected - 1].name
                                                                       : NULL);
  /* A field fills from one column: the column that had it lets it go. */
  sync_combo_rows (self);
  mapping_changed (self);
}

/* Values for every row */

static void
default_choice_selected_cb (AdwComboRow *row, GParamSpec *pspec, CspImportAssistant *self)
{
  const CspImportTarget *target = g_object_get_data (G_OBJECT (row), "target");
  const CspColumn *column =
      csp_import_target_get_column (csp_import_get_kind (self->import), target);
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating)
    return;
  csp_import_mapping_set_default (
      csp_import_get_mapping (self->import), target->name,
      selected > 0 && selected != GTK_INVALID_LIST_POSITION ? column->choices[selected - 1] : NULL);
  mapping_changed (self);
}

/* Taken as it is typed, so that the page says at once whether it will do. */
static void
default_text_changed_cb (AdwEntryRow *row, CspImportAssistant *self)
{
  const CspImportTarget *target = g_object_get_data (G_OBJECT (row), "target");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (self->updating)
    return;
  csp_import_mapping_set_default (csp_import_get_mapping (self->import), target->name, text);
  mapping_changed (self);
}

static GtkWidget *
new_default_row (CspImportAssistant *self, const CspImportTarget *target)
{
  CspImportMapping *mapping = csp_import_get_mapping (self->import);
  const CspColumn *column =
      csp_import_target_get_column (csp_import_get_kind (self->import), target);
  const char *value = csp_import_mapping_get_default (mapping, target->name);
  /* Translators: a field that gets the same value in every imported row, e.g. "Mode for every row" */
  g_autofree char *title = g_strdup_printf (_ ("%s for every row"), _ (target->label));
  GtkWidget *row;

  if (column != NULL && column->kind == CSP_COLUMN_CHOICE)
    {
      g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);
      guint selected = 0;

      gtk_string_list_append (choices, _ ("Not set: choose a column below"));
      for (guint i = 0; column->choices[i] != NULL; i++)
        {
          gtk_string_list_append (choices, csp_choice_label (column->choices[i]));
          if (g_strcmp0 (value, column->choices[i]) == 0)
            selected = i + 1;
        }
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (default_choice_selected_cb),
                               self, 0);
    }
  else
    {
      row = adw_entry_row_new ();
      gtk_editable_set_text (GTK_EDITABLE (row), value != NULL ? value : "");
      g_signal_connect_object (row, "changed", G_CALLBACK (default_text_changed_cb), self, 0);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data (G_OBJECT (row), "target", (gpointer) target);
  return row;
}

/* A row to give a value for every row, for each field every record needs
 * that no column fills. Rebuilt only when those fields change, so that
 * typing in one is not interrupted. */
static void
update_default_rows (CspImportAssistant *self)
{
  CspImportMapping *mapping = csp_import_get_mapping (self->import);
  g_autoptr (GPtrArray) unfilled = g_ptr_array_new ();
  g_autoptr (GString) names = g_string_new (NULL);
  guint n_targets = 0;
  const CspImportTarget *targets =
      csp_import_kind_get_targets (csp_import_get_kind (self->import), &n_targets);

  for (guint t = 0; t < n_targets; t++)
    if (targets[t].required && csp_import_mapping_find_header (mapping, targets[t].name) == NULL)
      {
        g_ptr_array_add (unfilled, (gpointer) &targets[t]);
        g_string_append_printf (names, "%s;", targets[t].name);
      }
  if (g_strcmp0 (names->str, self->default_targets) == 0)
    return;
  g_free (self->default_targets);
  self->default_targets = g_strdup (names->str);
  self->updating = TRUE;
  clear_list_box (self->default_list);
  for (guint i = 0; i < unfilled->len; i++)
    gtk_list_box_append (self->default_list,
                         new_default_row (self, g_ptr_array_index (unfilled, i)));
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->default_list), unfilled->len > 0);
}

/* What the mapping still lacks, said on the page: "Mode needs a column,
 * or a value for every row.", or how the dates are written when they
 * could be read either way. Next waits for it. */
static void
update_map_status (CspImportAssistant *self)
{
  CspImportMapping *mapping = csp_import_get_mapping (self->import);
  const char *const *headers = csp_csv_reader_get_headers (csp_import_get_reader (self->import));
  g_autoptr (GPtrArray) missing = csp_import_mapping_list_missing (mapping, headers);
  g_autoptr (GError) error = NULL;
  g_autofree char *layout_blocker = csp_import_layout_group_get_blocker (self->layout_group);

  g_clear_pointer (&self->map_reason, g_free);
  if (missing->len == 1)
    /* Translators: a field's name, e.g. "Mode needs a column, or a value for every row." */
    self->map_reason =
        g_strdup_printf (_ ("%s needs a column, or a value for every row."),
                         _ (((const CspImportTarget *) g_ptr_array_index (missing, 0))->label));
  else if (missing->len > 1)
    {
      g_autoptr (GString) labels = g_string_new (NULL);

      for (guint i = 0; i < missing->len; i++)
        g_string_append_printf (
            labels, "%s%s", i > 0 ? ", " : "",
            _ (((const CspImportTarget *) g_ptr_array_index (missing, i))->label));
      /* Translators: the names of fields, separated by commas */
      self->map_reason = g_strdup_printf (
          _ ("These fields need a column each, or a value for every row: %s."), labels->str);
    }
  else if (!csp_import_mapping_check (mapping, headers, &error))
    self->map_reason = g_strdup (error->message);
  if (layout_blocker != NULL && self->map_reason != NULL)
    {
      g_autofree char *columns = g_steal_pointer (&self->map_reason);
      self->map_reason = g_strconcat (columns, "\n", layout_blocker, NULL);
    }
  else if (layout_blocker != NULL)
    self->map_reason = g_steal_pointer (&layout_blocker);
  show_label (self->map_error_label, self->map_reason);
  update_default_rows (self);
  update_buttons (self);
}

/* The preview */

static void
preview_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_list_item_set_child (item, label);
}

static void
preview_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkStringList *row = gtk_list_item_get_item (item);
  const char *text = gtk_string_list_get_string (row, GPOINTER_TO_UINT (data));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

/* The line of the file each row starts on; a row the mapping passes over
 * (one describing the columns) or that will be rejected whatever the
 * mapping says so, with the reason as its tooltip (and a rejected row's
 * whole above the preview). */
static void
preview_line_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  CspImportAssistant *self = data;
  GtkStringList *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  guint line = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "line"));
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));
  const char *problem = g_object_get_data (G_OBJECT (row), "problem");
  gboolean passed_over =
      index < csp_import_mapping_get_skip_rows (csp_import_get_mapping (self->import));
  g_autofree char *text = NULL;

  if (passed_over)
    /* Translators: in the preview of a CSV file, a line that is not imported */
    text = g_strdup_printf (_ ("%u, passed over"), line);
  else if (problem != NULL)
    /* Translators: in the preview of a CSV file, a line whose row will be rejected */
    text = g_strdup_printf (_ ("%u, rejected"), line);
  else
    text = g_strdup_printf ("%u", line);
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_widget_set_tooltip_text (
      label, passed_over ? _ ("Passed over: a row to pass over after the header (under Layout)")
                         : problem);
  if (problem != NULL && !passed_over)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
  if (passed_over)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

/* Binds the preview's lines again, for the rows passed over now. */
static void
refresh_preview_lines (CspImportAssistant *self)
{
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (self->preview));
  guint n_rows = rows != NULL ? g_list_model_get_n_items (rows) : 0;

  if (n_rows > 0)
    g_list_model_items_changed (rows, 0, n_rows, n_rows);
}

/* The layout changed: as the mapping, and the rows passed over may be others. */
static void
layout_changed_cb (CspImportAssistant *self)
{
  mapping_changed (self);
  refresh_preview_lines (self);
}

/* The preview's columns are the file's own, so they are made here, not
 * declared in the .ui: the line number, then one per column of the file. */
static void
fill_preview (CspImportAssistant *self, GPtrArray *rows, const char *const *headers)
{
  GListModel *columns = gtk_column_view_get_columns (self->preview);
  g_autoptr (GListStore) store = g_list_store_new (GTK_TYPE_STRING_LIST);
  g_autoptr (GtkNoSelection) selection = NULL;
  g_autoptr (GtkListItemFactory) line_factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkColumnViewColumn) line_column = NULL;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->preview, column);
    }
  g_signal_connect (line_factory, "setup", G_CALLBACK (preview_setup_cb), NULL);
  g_signal_connect (line_factory, "bind", G_CALLBACK (preview_line_bind_cb), self);
  /* Translators: the column of the preview that gives each row's line in the file */
  line_column = gtk_column_view_column_new (_ ("Line"), g_steal_pointer (&line_factory));
  gtk_column_view_append_column (self->preview, line_column);
  for (guint i = 0; headers[i] != NULL && i < MAX_COLUMNS_SHOWN; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkColumnViewColumn) column = NULL;
      g_autofree char *title = shorten (headers[i]);

      g_signal_connect (factory, "setup", G_CALLBACK (preview_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (preview_bind_cb), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (title, factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->preview, column);
    }
  for (guint r = 0; rows != NULL && r < rows->len; r++)
    {
      const CspImportPreviewRow *preview_row = g_ptr_array_index (rows, r);
      g_autoptr (GtkStringList) row = gtk_string_list_new (NULL);

      for (guint i = 0; preview_row->fields[i] != NULL && i < MAX_COLUMNS_SHOWN; i++)
        {
          g_autofree char *shown = shorten (preview_row->fields[i]);
          gtk_string_list_append (row, shown);
        }
      g_object_set_data (G_OBJECT (row), "line", GUINT_TO_POINTER (preview_row->line));
      g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (r));
      g_object_set_data_full (G_OBJECT (row), "problem", g_strdup (preview_row->problem), g_free);
      g_list_store_append (store, row);
    }
  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&store)));
  gtk_column_view_set_model (self->preview, GTK_SELECTION_MODEL (selection));
}

/* The rows of the preview that will be rejected whatever the mapping, each
 * with its line and reason, in full. */
static char *
describe_preview_problems (GPtrArray *rows)
{
  g_autoptr (GString) text = g_string_new (NULL);
  guint n = 0;

  for (guint r = 0; r < rows->len; r++)
    {
      const CspImportPreviewRow *row = g_ptr_array_index (rows, r);

      if (row->problem == NULL)
        continue;
      if (++n > MAX_PREVIEW_PROBLEMS)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a line of a CSV file, then why its row will be rejected */
      g_string_append_printf (text, _ ("Line %u will be rejected: %s."), row->line, row->problem);
    }
  if (n > MAX_PREVIEW_PROBLEMS)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (
          text,
          g_dngettext (GETTEXT_PACKAGE, "And %u more line; the check lists them all.",
                       "And %u more lines; the check lists them all.", n - MAX_PREVIEW_PROBLEMS),
          n - MAX_PREVIEW_PROBLEMS);
    }
  if (n > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _ ("The other rows are imported as usual."));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Fills the step from the file as last read. Fails when the file's first
 * rows cannot be read at all (a quoted value never closed). */
static gboolean
fill_map_step (CspImportAssistant *self, GError **error)
{
  CspCsvReader *reader = csp_import_get_reader (self->import);
  const char *const *headers = csp_csv_reader_get_headers (reader);
  CspImportKind kind = csp_import_get_kind (self->import);
  const CspImportTarget *targets;
  guint n_targets = 0;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);

  rows = csp_import_preview (self->import, PREVIEW_ROWS, error);
  if (rows == NULL)
    return FALSE;

  {
    g_autofree char *reading = describe_reading (reader);
    g_autofree char *warnings = describe_warnings (reader);
    g_autofree char *problems = describe_preview_problems (rows);

    gtk_label_set_text (self->encoding_label, reading);
    show_label (self->file_warning_label, warnings);
    show_label (self->preview_problem_label, problems);
  }

  targets = csp_import_kind_get_targets (kind, &n_targets);
  gtk_string_list_append (labels, _ ("Ignore"));
  for (guint t = 0; t < n_targets; t++)
    {
      g_autofree char *label = targets[t].required ? g_strdup_printf ("%s *", _ (targets[t].label))
                                                   : g_strdup (_ (targets[t].label));
      gtk_string_list_append (labels, label);
    }

  clear_list_box (self->column_list);
  g_ptr_array_set_size (self->combo_rows, 0);
  for (guint i = 0; headers[i] != NULL && i < MAX_COLUMNS_SHOWN; i++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      g_autofree char *title = shorten (headers[i]);
      const char *example = NULL;

      /* An example from a row that can be read: a shifted row's values are
       * under the wrong columns. */
      for (guint r = 0; r < rows->len && example == NULL; r++)
        {
          const CspImportPreviewRow *preview_row = g_ptr_array_index (rows, r);
          const char *field = preview_row->fields[i];

          if (preview_row->problem == NULL && field != NULL && *field != '\0')
            example = field;
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (example != NULL)
        {
          g_autofree char *excerpt = shorten (example);
          g_autofree char *subtitle = g_strdup_printf (_ ("e.g. “%s”"), excerpt);
          if (g_utf8_strlen (subtitle, -1) > 60)
            {
              g_autofree char *shorter = g_utf8_substring (subtitle, 0, 59);
              g_free (subtitle);
              subtitle = g_strconcat (shorter, "…", NULL);
            }
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      adw_combo_row_set_model (row, G_LIST_MODEL (labels));
      g_object_set_data_full (G_OBJECT (row), "header", g_strdup (headers[i]), g_free);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (target_selected_cb), self, 0);
      gtk_list_box_append (self->column_list, GTK_WIDGET (row));
      g_ptr_array_add (self->combo_rows, row);
    }
  sync_combo_rows (self);
  fill_preview (self, rows, headers);
  csp_import_layout_group_set_import (self->layout_group, self->import);
  g_clear_pointer (&self->default_targets, g_free);
  update_map_status (self);
  return TRUE;
}

/* Step 3 */

static GType
table_type (const char *table)
{
  if (g_str_equal (table, "partner"))
    return CSP_TYPE_PARTNER;
  if (g_str_equal (table, "channel"))
    return CSP_TYPE_CHANNEL;
  if (g_str_equal (table, "priority"))
    return CSP_TYPE_PRIORITY;
  return G_TYPE_INVALID;
}

static const char *
table_noun (const char *table)
{
  if (g_str_equal (table, "partner"))
    return _ ("Partner");
  if (g_str_equal (table, "channel"))
    return _ ("Channel");
  if (g_str_equal (table, "priority"))
    return _ ("Priority");
  return _ ("Metric");
}

static void
resolution_selected_cb (AdwComboRow *row, GParamSpec *pspec, CspImportAssistant *self)
{
  CspImportUnknown *unknown = g_object_get_data (G_OBJECT (row), "unknown");
  GArray *ids = g_object_get_data (G_OBJECT (row), "ids");
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating)
    return;
  if (selected == 0)
    csp_import_resolve (self->import, unknown, CSP_IMPORT_RESOLVE_NONE, 0);
  else if (selected == 1)
    csp_import_resolve (self->import, unknown, CSP_IMPORT_RESOLVE_CREATE, 0);
  else
    csp_import_resolve (self->import, unknown, CSP_IMPORT_RESOLVE_MAP,
                        g_array_index (ids, gint64, selected - 2));
  self->checked = FALSE;
}

static AdwComboRow *
new_unknown_row (CspImportAssistant *self, CspImportUnknown *unknown)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GType type = table_type (unknown->table);
  g_autofree char *create = g_strdup_printf (_ ("Create “%s”"), unknown->name);
  g_autofree char *subtitle = NULL;
  guint selected = 0;

  gtk_string_list_append (choices, _ ("Leave out its rows"));
  gtk_string_list_append (choices, create);
  if (type != G_TYPE_INVALID)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) records =
          csp_store_list (csp_context_get_store (self->context), type, NULL, &error);
      const char *column = type == CSP_TYPE_PRIORITY ? "title" : "name";

      for (guint i = 0; records != NULL && i < records->len; i++)
        {
          CspRecord *record = g_ptr_array_index (records, i);
          gint64 id = csp_record_get_id (record);
          g_autofree char *choice =
              g_strdup_printf (_ ("Same as “%s”"), csp_record_get_string (record, column));

          gtk_string_list_append (choices, choice);
          g_array_append_val (ids, id);
          if (unknown->resolution == CSP_IMPORT_RESOLVE_MAP && unknown->id == id)
            selected = ids->len + 1;
        }
    }
  if (unknown->resolution == CSP_IMPORT_RESOLVE_CREATE)
    selected = 1;

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u row, first on line %u",
                                           "%s · %u rows, first on line %u", unknown->n_rows),
                              table_noun (unknown->table), unknown->n_rows, unknown->first_line);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), unknown->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_combo_row_set_model (row, G_LIST_MODEL (choices));
  adw_combo_row_set_selected (row, selected);
  g_object_set_data (G_OBJECT (row), "unknown", unknown);
  g_object_set_data_full (G_OBJECT (row), "ids", ids, (GDestroyNotify) g_array_unref);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (resolution_selected_cb), self, 0);
  return row;
}

/* Metrics of a known kind are made as needed; the rest need a decision. */
static gboolean
fill_unknowns (CspImportAssistant *self)
{
  GPtrArray *unknowns = csp_import_get_unknowns (self->import);
  gboolean any = FALSE;

  clear_list_box (self->unknown_list);
  for (guint i = 0; unknowns != NULL && i < unknowns->len; i++)
    {
      CspImportUnknown *unknown = g_ptr_array_index (unknowns, i);

      if (g_str_equal (unknown->table, "metric") &&
          unknown->resolution == CSP_IMPORT_RESOLVE_CREATE)
        continue;
      gtk_list_box_append (self->unknown_list, GTK_WIDGET (new_unknown_row (self, unknown)));
      any = TRUE;
    }
  return any;
}

/* Step 4 */

/* The columns that are not imported, so that none is left out unseen: a
 * second "Title", or the thousands after the last that fills a field. */
static guint
fill_column_notes (CspImportAssistant *self)
{
  guint n_notes = 0;
  const CspImportColumnNote *notes = csp_import_get_column_notes (self->import, &n_notes);

  clear_list_box (self->column_note_list);
  for (guint i = 0; i < n_notes; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *header = shorten (notes[i].header);
      g_autofree char *where =
          notes[i].first == notes[i].last
              /* Translators: a column of a CSV file: its number, then its name */
              ? g_strdup_printf (_ ("Column %u, “%s”"), notes[i].first, header)
              /* Translators: a run of columns of a CSV file */
              : g_strdup_printf (_ ("Columns %u to %u"), notes[i].first, notes[i].last);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), notes[i].message);
      gtk_list_box_append (self->column_note_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->column_notes_title), n_notes > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->column_note_list), n_notes > 0);
  return n_notes;
}

/* A month of weekly or daily figures as the check found it: whole,
 * partial, partial beside a whole one stored (kept), or not imported. */
static GtkWidget *
new_month_row (const CspImportMonthInfo *month)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  const char *icon_name = NULL, *tag_text = NULL, *icon_label = NULL, *style = NULL;

  if (month->rejected_line > 0)
    {
      subtitle = g_strdup_printf (_ ("Not imported: line %u was rejected, so its figure would "
                                     "be short"),
                                  month->rejected_line);
      icon_name = "dialog-error-symbolic";
      tag_text = _ ("Not imported");
      icon_label = _ ("Month not imported");
      style = "error";
    }
  else if (month->kept_stored)
    {
      subtitle = g_strdup_printf (_ ("Kept as it is: the figures stored are of the whole month, "
                                     "and the file’s cover %s only"),
                                  month->covered);
      icon_name = "dialog-information-symbolic";
      tag_text = _ ("Kept");
      icon_label = _ ("Stored month kept");
      style = "accent";
    }
  else if (month->partial)
    {
      subtitle = g_strdup (month->note);
      icon_name = "dialog-warning-symbolic";
      tag_text = _ ("Partial");
      icon_label = _ ("Partial month");
      style = "warning";
    }
  else
    {
      g_autofree char *range = csp_date_format_range (month->first_date, month->last_date);

      /* Translators: the rows of a whole month's figures, then their dates, e.g. "1–30 Jun 2021" */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Whole month: %u row, dated %s",
                                               "Whole month: %u rows, dated %s", month->n_rows),
                                  month->n_rows, range);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), month->label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
      GtkWidget *tag = gtk_label_new (tag_text);

      gtk_widget_add_css_class (icon, style);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      icon_label, -1);
      gtk_widget_add_css_class (tag, style);
      gtk_widget_add_css_class (tag, "caption-heading");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
    }
  return row;
}

/* Weekly and daily figures are imported as months: which, and which of
 * them the file covers only in part. */
static void
fill_months (CspImportAssistant *self)
{
  guint n_months = 0;
  const CspImportMonthInfo *const *months = csp_import_get_months (self->import, &n_months);
  gboolean shown = csp_import_get_kind (self->import) == CSP_IMPORT_METRICS &&
                   csp_import_mapping_get_period (csp_import_get_mapping (self->import)) !=
                       CSP_IMPORT_PERIOD_MONTH &&
                   n_months > 0;

  clear_list_box (self->month_list);
  for (guint i = 0; shown && i < n_months; i++)
    gtk_list_box_append (self->month_list, new_month_row (months[i]));
  gtk_widget_set_visible (GTK_WIDGET (self->months_title), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->month_list), shown);
}

static void
fill_check_results (CspImportAssistant *self)
{
  const CspImportSummary *summary = csp_import_get_summary (self->import);
  const CspImportProblem *problems;
  guint n_problems = 0;
  g_autofree char *text = NULL;

  /* Translators: what an import would do; the first number is the rows of the file */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u row in the file. To add: %u · To update: %u · "
                                       "Unchanged: %u · Rejected: %u",
                                       "%u rows in the file. To add: %u · To update: %u · "
                                       "Unchanged: %u · Rejected: %u",
                                       summary->n_rows),
                          summary->n_rows, summary->n_inserted, summary->n_updated,
                          summary->n_unchanged, summary->n_rejected);
  gtk_label_set_text (self->check_label, text);

  clear_list_box (self->problem_list);
  problems = csp_import_get_problems (self->import, &n_problems);
  for (guint i = 0; i < n_problems && i < MAX_PROBLEMS_SHOWN; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *where =
          problems[i].column != NULL
              /* Translators: where a rejected row's problem is: line and column of the file */
              ? g_strdup_printf (_ ("Line %u, column “%s”"), problems[i].line, problems[i].column)
              : g_strdup_printf (_ ("Line %u"), problems[i].line);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), where);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problems[i].message);
      gtk_list_box_append (self->problem_list, row);
    }
  if (n_problems > MAX_PROBLEMS_SHOWN)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more =
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "And %u more problem",
                                        "And %u more problems", n_problems - MAX_PROBLEMS_SHOWN),
                           n_problems - MAX_PROBLEMS_SHOWN);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->problem_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problems_title), n_problems > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_list), n_problems > 0);
  fill_months (self);
  fill_column_notes (self);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_list), summary->n_rejected > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->check_label), TRUE);
}

static void
check_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (CspImportAssistant) self = data;
  g_autoptr (GError) error = NULL;
  gboolean ok = csp_import_check_finish (CSP_IMPORT (source), result, &error);
  gboolean from_map;

  if (self->disposed)
    return;
  from_map = !self->had_unknowns;
  self->busy = FALSE;
  self->active_progress = NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->check_progress), FALSE);
  if (!ok)
    {
      show_step (self, "map");
      /* Shown whole on the page; Next tries again. */
      if (error->domain == CSP_CSV_ERROR)
        {
          g_autofree char *message = g_strdup_printf (
              /* Translators: a problem of a CSV file, then what to do about it */
              _ ("%s\nCorrect the file, then go Back to the first step: Next reads it again."),
              error->message);
          show_label (self->map_error_label, message);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_label (self->map_error_label, error->message);
      return;
    }
  self->checked = TRUE;
  if (from_map && fill_unknowns (self))
    {
      self->had_unknowns = TRUE;
      show_step (self, "unknowns");
      return;
    }
  fill_check_results (self);
  update_buttons (self);
}

static void
run_check (CspImportAssistant *self)
{
  clear_list_box (self->problem_list);
  clear_list_box (self->column_note_list);
  clear_list_box (self->month_list);
  gtk_widget_set_visible (GTK_WIDGET (self->months_title), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->month_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->column_notes_title), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->column_note_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->check_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->skip_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_title), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_list), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->check_progress), TRUE);
  g_clear_pointer (&self->write_error, g_free);
  show_label (self->check_hint_label, NULL);
  start_job (self, self->check_progress);
  self->checked = FALSE;
  show_step (self, "check");
  csp_import_check_async (self->import, progress_cb, self, self->cancellable, check_done_cb,
                          g_object_ref (self));
}

/* Steps 5 and 6 */

/* The window's lists reload when the history says their records changed. */
static void
notify_changed (CspImportAssistant *self)
{
  CspHistory *history = csp_context_get_history (self->context);
  const CspImportSummary *summary = csp_import_get_summary (self->import);

  if (summary->n_created > 0)
    {
      g_signal_emit_by_name (history, "changed", CSP_TYPE_PARTNER);
      g_signal_emit_by_name (history, "changed", CSP_TYPE_CHANNEL);
      g_signal_emit_by_name (history, "changed", CSP_TYPE_PRIORITY);
      g_signal_emit_by_name (history, "changed", CSP_TYPE_METRIC);
    }
  g_signal_emit_by_name (history, "changed",
                         csp_import_kind_get_record_type (csp_import_get_kind (self->import)));
}

static void
write_done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr (CspImportAssistant) self = data;
  g_autoptr (GError) error = NULL;
  gboolean ok = csp_import_write_finish (CSP_IMPORT (source), result, &error);
  const CspImportSummary *summary;
  g_autofree char *description = NULL;
  const CspImportColumnNote *notes;
  guint n_notes = 0, n_ignored = 0;

  if (self->disposed)
    return;
  self->busy = FALSE;
  self->active_progress = NULL;
  if (!ok)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      if (cancelled)
        {
          toast (self, _ ("Import cancelled: nothing was changed"));
          /* The counts were part way through: check again, so they are true. */
          run_check (self);
          return;
        }
      /* On the page, whole: a toast would cut it off. */
      g_free (self->write_error);
      self->write_error = g_strdup_printf (_ ("Nothing was imported: %s"), error->message);
      self->checked = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self->check_progress), FALSE);
      fill_check_results (self);
      show_step (self, "check");
      return;
    }

  summary = csp_import_get_summary (self->import);
  notes = csp_import_get_column_notes (self->import, &n_notes);
  for (guint i = 0; i < n_notes; i++)
    n_ignored += notes[i].last - notes[i].first + 1;
  description =
      g_strdup_printf (_ ("Added: %u · Updated: %u · Unchanged: %u · Rejected: %u · New names: %u"),
                       summary->n_inserted, summary->n_updated, summary->n_unchanged,
                       summary->n_rejected, summary->n_created);
  if (n_ignored > 0)
    {
      /* Translators: the summary of an import, then how many columns of
       * the file the check step listed as not imported */
      g_autofree char *columns = g_strdup_printf (
          _ ("%s\nColumns not imported, as the check listed them: %u"), description, n_ignored);
      g_free (description);
      description = g_steal_pointer (&columns);
    }
  adw_status_page_set_description (self->summary_page, description);
  /* One step of the session's undo, like any other change. */
  csp_import_remember (self->import, csp_context_get_history (self->context));
  show_step (self, "summary");
  notify_changed (self);
  g_signal_emit (self, signals[FINISHED], 0);
}

static void
start_write (CspImportAssistant *self)
{
  CspImportFlags flags =
      gtk_switch_get_active (self->skip_switch) ? CSP_IMPORT_SKIP_INVALID : CSP_IMPORT_FLAGS_NONE;

  start_job (self, self->progress_bar);
  show_step (self, "import");
  csp_import_write_async (self->import, flags, progress_cb, self, self->cancellable, write_done_cb,
                          g_object_ref (self));
}

static void
save_mapping_cb (CspImportAssistant *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->mapping_name_row));
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  set_label_style (self->summary_status_label, "error");
  if (*stripped == '\0')
    {
      show_label (self->summary_status_label, _ ("Give the mapping a name first."));
      return;
    }
  if (!csp_import_mapping_save (csp_import_get_mapping (self->import), get_database (self),
                                stripped, &error))
    {
      show_label (self->summary_status_label, error->message);
      return;
    }
  /* On the page rather than in a toast: the name may be long. */
  set_label_style (self->summary_status_label, NULL);
  message = g_strdup_printf (_ ("Saved the mapping as “%s”. Choose it in the first step when "
                                "the next file from the same source comes."),
                             stripped);
  show_label (self->summary_status_label, message);
}

/* Navigation */

static void
next_clicked_cb (CspImportAssistant *self)
{
  g_autoptr (GError) error = NULL;

  if (self->busy)
    return;
  if (step_is (self, "choose"))
    {
      /* Read again: the file may have been corrected since. What is
       * wrong is said on this page. */
      if (self->path == NULL || !reread_file (self, &error) || !fill_map_step (self, &error))
        {
          if (self->path != NULL)
            show_file (self, FALSE);
          show_choose_error (self, error);
          update_buttons (self);
          return;
        }
      show_choose_status (self, NULL);
      show_step (self, "map");
    }
  else if (self->import == NULL)
    return;
  else if (step_is (self, "map"))
    {
      /* Next is insensitive while the page says what is missing; this
       * only keeps a stale click from going on. */
      update_map_status (self);
      if (self->map_reason != NULL)
        return;
      self->had_unknowns = FALSE;
      run_check (self);
    }
  else if (step_is (self, "unknowns"))
    run_check (self);
  else if (step_is (self, "check"))
    start_write (self);
  else if (step_is (self, "summary"))
    gtk_window_close (GTK_WINDOW (self));
}

static void
back_clicked_cb (CspImportAssistant *self)
{
  if (self->busy)
    return;
  if (step_is (self, "map"))
    show_step (self, "choose");
  else if (step_is (self, "unknowns"))
    show_step (self, "map");
  else if (step_is (self, "check"))
    show_step (self, self->had_unknowns ? "unknowns" : "map");
}

static void
close_clicked_cb (CspImportAssistant *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
cancel_clicked_cb (CspImportAssistant *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static gboolean
csp_import_assistant_close_request (GtkWindow *window)
{
  CspImportAssistant *self = CSP_IMPORT_ASSISTANT (window);

  /* The job rolls back when it sees the cancellation. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (csp_import_assistant_parent_class)->close_request (window);
}

static void
csp_import_assistant_constructed (GObject *object)
{
  CspImportAssistant *self = CSP_IMPORT_ASSISTANT (object);
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (csp_import_assistant_parent_class)->constructed (object);

  for (guint k = 0; k < CSP_IMPORT_N_KINDS; k++)
    gtk_string_list_append (kinds, _ (csp_import_kind_get_label ((CspImportKind) k)));
  self->updating = TRUE;
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  self->updating = FALSE;
  fill_saved_mappings (self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  g_signal_connect_swapped (self->skip_switch, "notify::active", G_CALLBACK (update_buttons), self);
  show_step (self, "choose");
}

static void
csp_import_assistant_dispose (GObject *object)
{
  CspImportAssistant *self = CSP_IMPORT_ASSISTANT (object);

  self->disposed = TRUE;
  self->active_progress = NULL;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_IMPORT_ASSISTANT);
  g_clear_pointer (&self->combo_rows, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->import);
  g_clear_object (&self->context);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->map_reason, g_free);
  g_clear_pointer (&self->write_error, g_free);
  g_clear_pointer (&self->default_targets, g_free);

  G_OBJECT_CLASS (csp_import_assistant_parent_class)->dispose (object);
}

static void
csp_import_assistant_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspImportAssistant *self = CSP_IMPORT_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_import_assistant_set_property (GObject *object, guint prop_id, const GValue *value,
                                   GParamSpec *pspec)
{
  CspImportAssistant *self = CSP_IMPORT_ASSISTANT (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_import_assistant_class_init (CspImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = csp_import_assistant_constructed;
  object_class->dispose = csp_import_assistant_dispose;
  object_class->get_property = csp_import_assistant_get_property;
  object_class->set_property = csp_import_assistant_set_property;
  window_class->close_request = csp_import_assistant_close_request;

  properties[PROP_CONTEXT] =
      g_param_spec_object ("context", NULL, NULL, CSP_TYPE_CONTEXT,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CspImportAssistant::finished:
   *
   * The import wrote its records (the history's "changed" was emitted too).
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  csp_gui_init ();
  g_type_ensure (CSP_TYPE_IMPORT_LAYOUT_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/csp-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, window_title);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, close_button);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, back_button);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, next_button);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, file_row);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, mapping_row);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, choose_status_label);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, encoding_label);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, preview_problem_label);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, default_list);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, layout_group);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, file_warning_label);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, map_error_label);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, column_list);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, preview);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, unknown_list);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, check_progress);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, check_label);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, check_hint_label);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, skip_list);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, skip_switch);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, months_title);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, month_list);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, column_notes_title);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, column_note_list);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, problems_title);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, problem_list);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, summary_page);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, mapping_name_row);
  gtk_widget_class_bind_template_child (widget_class, CspImportAssistant, summary_status_label);
  gtk_widget_class_bind_template_callback (widget_class, close_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_file_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_mapping_cb);
  gtk_widget_class_bind_template_callback (widget_class, layout_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
csp_import_assistant_init (CspImportAssistant *self)
{
  self->combo_rows = g_ptr_array_new ();
  self->applied_mapping = GTK_INVALID_LIST_POSITION;
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_import_assistant_new:
 * @parent: (nullable): the window it is modal to
 *
 * Returns: (transfer none): the assistant, a toplevel, not yet shown
 */
CspImportAssistant *
csp_import_assistant_new (GtkWindow *parent, CspContext *context)
{
  g_return_val_if_fail (CSP_IS_CONTEXT (context), NULL);

  return g_object_new (CSP_TYPE_IMPORT_ASSISTANT, "context", context, "transient-for", parent,
                       NULL);
}

/**
 * csp_import_assistant_set_file:
 * @path: a CSV file
 * @kind: what it holds
 *
 * Opens @path as if it had been chosen in the first step.
 *
 * Returns: %FALSE if the file cannot be read as CSV
 */
gboolean
csp_import_assistant_set_file (CspImportAssistant *self, const char *path, CspImportKind kind,
                               GError **error)
{
  g_return_val_if_fail (CSP_IS_IMPORT_ASSISTANT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (kind < CSP_IMPORT_N_KINDS, FALSE);

  if (kind != selected_kind (self))
    {
      self->updating = TRUE;
      adw_combo_row_set_selected (self->kind_row, kind);
      self->updating = FALSE;
      fill_saved_mappings (self);
    }
  return open_file (self, path, kind, error);
}

/**
 * csp_import_assistant_get_import:
 *
 * Returns: (transfer none) (nullable): the import of the chosen file
 */
CspImport *
csp_import_assistant_get_import (CspImportAssistant *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT_ASSISTANT (self), NULL);
  return self->import;
}

/**
 * csp_import_assistant_get_step:
 *
 * Returns: "choose", "map", "unknowns", "check", "import" or "summary"
 */
const char *
csp_import_assistant_get_step (CspImportAssistant *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT_ASSISTANT (self), NULL);
  return current_step (self);
}

/**
 * csp_import_assistant_is_busy:
 *
 * Whether a check or an import is running in the background.
 */
gboolean
csp_import_assistant_is_busy (CspImportAssistant *self)
{
  g_return_val_if_fail (CSP_IS_IMPORT_ASSISTANT (self), FALSE);
  return self->busy;
}

GtkButton *
csp_import_assistant_get_next_button (CspImportAssistant *self)
{
  return self->next_button;
}

GtkButton *
csp_import_assistant_get_back_button (CspImportAssistant *self)
{
  return self->back_button;
}

GtkButton *
csp_import_assistant_get_cancel_button (CspImportAssistant *self)
{
  return self->cancel_button;
}

GtkProgressBar *
csp_import_assistant_get_progress_bar (CspImportAssistant *self)
{
  return self->progress_bar;
}

GtkSwitch *
csp_import_assistant_get_skip_switch (CspImportAssistant *self)
{
  return self->skip_switch;
}

/**
 * csp_import_assistant_get_column_list:
 *
 * Returns: (transfer none): the map step's list: an #AdwComboRow per column
 *   of the file, item 0 "Ignore", then the kind's targets in their order
 */
GtkListBox *
csp_import_assistant_get_column_list (CspImportAssistant *self)
{
  return self->column_list;
}

/**
 * csp_import_assistant_get_unknown_list:
 *
 * Returns: (transfer none): an #AdwComboRow per unknown name: item 0 leaves
 *   its rows out, 1 creates it, then the existing rows it can stand for
 */
GtkListBox *
csp_import_assistant_get_unknown_list (CspImportAssistant *self)
{
  return self->unknown_list;
}

/**
 * csp_import_assistant_get_problem_list:
 *
 * Returns: (transfer none): an #AdwActionRow per problem: the title says
 *   the line (and column), the subtitle what is wrong
 */
GtkListBox *
csp_import_assistant_get_problem_list (CspImportAssistant *self)
{
  return self->problem_list;
}

GtkColumnView *
csp_import_assistant_get_preview (CspImportAssistant *self)
{
  return self->preview;
}

AdwEntryRow *
csp_import_assistant_get_mapping_name_row (CspImportAssistant *self)
{
  return self->mapping_name_row;
}

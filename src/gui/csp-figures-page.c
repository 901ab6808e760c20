/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-figures-page"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-choices.h"
#include "csp-figures-page.h"
#include "csp-gui.h"
#include "csp-records.h"
#include "csp-scale.h"

/* Engagement figures as a grid: a row per channel's metric under a
 * heading per channel, a column per month of a financial year, as they
 * are kept in a spreadsheet today. The row labels stay in place while the
 * months scroll under them. The cells behave as a spreadsheet's do: Enter
 * and Tab save a figure and move down or right (Shift back), typing into
 * a cell replaces what is there, and Escape puts it back. A figure is
 * saved through the history, so it can be undone like any change. */

#define MONTHS_IN_YEAR 12

struct _CspFiguresPage
{
  CspPage parent_instance;

  CspContext *context; /* the page's, kept at hand */
  int start_month;     /* of the financial year */
  GArray *years;       /* first calendar year of each financial year offered */
  GHashTable *cells;   /* "metric:YYYY-MM" -> GtkEntry */
  GPtrArray *order;    /* the cells row by row, as Enter and Tab go */
  GHashTable *values;  /* "metric:YYYY-MM" -> CspMetricValue */
  gboolean filling;

  GtkDropDown *year_dropdown;
  GtkGrid *label_grid;
  GtkGrid *grid;
};

G_DEFINE_FINAL_TYPE (CspFiguresPage, csp_figures_page, CSP_TYPE_PAGE)

/* What a cell stands for, and what it showed when the person came to it. */
typedef struct
{
  char *key;
  char *month;
  gint64 metric_id;
  guint index; /* in the page's order */
  char *original;
  gboolean editing; /* typed in since it was entered */
} Cell;

static void
cell_free (Cell *cell)
{
  g_free (cell->key);
  g_free (cell->month);
  g_free (cell->original);
  g_free (cell);
}

static Cell *
cell_of (GtkWidget *entry)
{
  return g_object_get_data (G_OBJECT (entry), "csp-cell");
}

static char *
cell_key (gint64 metric_id, const char *month)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", metric_id, month);
}

static char *
month_of (int year, int month)
{
  return g_strdup_printf ("%04d-%02d", year + (month - 1) / 12, (month - 1) % 12 + 1);
}

static char *
month_label (const char *month)
{
  GDate date;
  char text[32];

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, (GDateMonth) g_ascii_strtoull (month + 5, NULL, 10),
                  (GDateYear) g_ascii_strtoull (month, NULL, 10));
  g_date_strftime (text, sizeof text, "%b %Y", &date);
  return g_strdup (text);
}

static GPtrArray *
list_records (CspFiguresPage *self, GType type, const CspQuery *query)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *records = csp_store_list (csp_context_get_store (self->context), type, query, &error);

  if (records == NULL)
    {
      g_warning ("Could not read the figures: %s", error->message);
      return g_ptr_array_new_with_free_func (g_object_unref);
    }
  return records;
}

static int
selected_year (CspFiguresPage *self)
{
  guint position = gtk_drop_down_get_selected (self->year_dropdown);

  return position < self->years->len ? g_array_index (self->years, int, position) : 0;
}

static void
show_cell_problem (GtkWidget *entry, const char *problem)
{
  if (problem != NULL)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
  gtk_widget_set_tooltip_text (entry, problem);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problem != NULL ? problem : "", -1);
}

/* Shows @text in @entry as what the cell holds, not as an edit. */
static void
show_cell_text (CspFiguresPage *self, GtkWidget *entry, const char *text)
{
  Cell *cell = cell_of (entry);
  gboolean filling = self->filling;

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  self->filling = filling;
  g_free (cell->original);
  cell->original = g_strdup (text);
  cell->editing = FALSE;
}

/* A stored figure as the grid shows it: "41,250"; an empty cell for none. */
static char *
format_figure (CspRecord *value)
{
  return value != NULL ? csp_format_number ((double) csp_record_get_int (value, "value"))
                       : g_strdup ("");
}

/* Saves, changes or removes the figure in @entry, if it changed, and
 * shows it as stored.
 *
 * Returns: whether the cell holds a figure (or nothing) that could be
 *   kept; %FALSE leaves the problem shown on it */
static gboolean
commit_cell (CspFiguresPage *self, GtkWidget *entry)
{
  Cell *cell = cell_of (entry);
  CspRecord *stored = g_hash_table_lookup (self->values, cell->key);
  CspHistory *history = csp_context_get_history (self->context);
  g_autoptr (GString) digits = g_string_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) record = NULL;
  g_autofree char *shown = NULL;
  guint64 value = 0;
  gboolean ok = TRUE;

  if (self->filling || !gtk_editable_get_editable (GTK_EDITABLE (entry)))
    return TRUE;
  for (const char *p = gtk_editable_get_text (GTK_EDITABLE (entry)); *p != '\0'; p++)
    if (*p != ',' && !g_ascii_isspace (*p))
      g_string_append_c (digits, *p);

  if (digits->len == 0)
    {
      show_cell_problem (entry, NULL);
      if (stored != NULL)
        {
          record = g_object_ref (stored);
          if (!csp_history_delete (history, record, &error))
            {
              show_cell_problem (entry, error->message);
              return FALSE;
            }
        }
      show_cell_text (self, entry, "");
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (digits->str, 10, 0, G_MAXINT64, &value, NULL))
    {
      show_cell_problem (entry, _ ("A figure is a whole number of zero or more, such as 1,234"));
      return FALSE;
    }
  show_cell_problem (entry, NULL);
  if (stored != NULL && csp_record_get_int (stored, "value") != (gint64) value)
    {
      record = csp_record_copy (stored);
      csp_record_set_int (record, "value", (gint64) value);
      ok = csp_history_update (history, record, &error);
    }
  else if (stored == NULL)
    {
      record = csp_record_new (CSP_TYPE_METRIC_VALUE);
      csp_record_set_int (record, "metric_id", cell->metric_id);
      csp_record_set_string (record, "month", cell->month);
      csp_record_set_int (record, "value", (gint64) value);
      ok = csp_history_insert (history, record, &error);
    }
  if (!ok)
    {
      show_cell_problem (entry, error->message);
      return FALSE;
    }
  shown = csp_format_number ((double) value);
  show_cell_text (self, entry, shown);
  return TRUE;
}

/* Saves the cell, then goes @step cells on in the grid's order: a row
 * down or up is a whole row's cells. A figure that cannot be saved keeps
 * the person in its cell, with the problem shown. */
static void
commit_and_move (CspFiguresPage *self, GtkWidget *entry, int step)
{
  int next = (int) cell_of (entry)->index + step;

  if (!commit_cell (self, entry))
    return;
  if (next < 0 || next >= (int) self->order->len)
    next = (int) cell_of (entry)->index;
  entry = g_ptr_array_index (self->order, (guint) next);
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

/* A cell activated other than by the Enter key (a screen reader's
 * default action) saves and moves on as Enter does. */
static void
activate_cb (GtkEntry *entry, CspFiguresPage *self)
{
  commit_and_move (self, GTK_WIDGET (entry), MONTHS_IN_YEAR);
}

/* Escape: what the cell held when the person came to it, chosen whole. */
static void
restore_cell (CspFiguresPage *self, GtkWidget *entry)
{
  g_autofree char *original = g_strdup (cell_of (entry)->original);

  show_cell_problem (entry, NULL);
  show_cell_text (self, entry, original);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller, guint keyval, guint keycode,
                GdkModifierType state, CspFiguresPage *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gunichar character = gdk_keyval_to_unicode (keyval);

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      commit_and_move (self, entry, shift ? -MONTHS_IN_YEAR : MONTHS_IN_YEAR);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_KP_Tab:
    case GDK_KEY_ISO_Left_Tab:
      commit_and_move (self, entry, shift || keyval == GDK_KEY_ISO_Left_Tab ? -1 : 1);
      return TRUE;
    case GDK_KEY_Escape:
      restore_cell (self, entry);
      return TRUE;
    default:
      break;
    }
  /* The first character typed into a cell replaces its figure, however
   * the cell was come to; the text entry then takes the key as usual. */
  if (!cell_of (entry)->editing && gtk_editable_get_editable (GTK_EDITABLE (entry)) &&
      character != 0 && g_unichar_isprint (character) &&
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) == 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  return FALSE;
}

static void
changed_cb (GtkEditable *entry, CspFiguresPage *self)
{
  if (!self->filling)
    cell_of (GTK_WIDGET (entry))->editing = TRUE;
}

static void
focus_enter_cb (GtkEventControllerFocus *controller, CspFiguresPage *self)
{
  GtkWidget *entry = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  Cell *cell = cell_of (entry);

  g_free (cell->original);
  cell->original = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  cell->editing = FALSE;
}

static void
focus_leave_cb (GtkEventControllerFocus *controller, CspFiguresPage *self)
{
  commit_cell (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

/* Shows the stored figures; a cell being typed in keeps what is typed. */
static void
fill_values (CspFiguresPage *self)
{
  int year = selected_year (self);
  g_autofree char *from = month_of (year, self->start_month);
  g_autofree char *to = month_of (year, self->start_month + MONTHS_IN_YEAR - 1);
  CspQuery query = { .from_date = from, .to_date = to };
  g_autoptr (GPtrArray) values = list_records (self, CSP_TYPE_METRIC_VALUE, &query);
  GHashTableIter iter;
  gpointer key, entry;

  g_hash_table_remove_all (self->values);
  for (guint i = 0; i < values->len; i++)
    {
      CspRecord *value = g_ptr_array_index (values, i);
      g_hash_table_insert (self->values,
                           cell_key (csp_record_get_int (value, "metric_id"),
                                     csp_record_get_string (value, "month")),
                           g_object_ref (value));
    }

  g_hash_table_iter_init (&iter, self->cells);
  while (g_hash_table_iter_next (&iter, &key, &entry))
    {
      g_autofree char *text = format_figure (g_hash_table_lookup (self->values, key));

      if (!cell_of (entry)->editing && !gtk_widget_has_css_class (entry, "error"))
        show_cell_text (self, entry, text);
    }
}

static GtkWidget *
make_header (const char *text, float xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

/* A row label, whole: it wraps at a word rather than being cut, and its
 * tooltip gives the name in full. */
static GtkWidget *
make_row_label (const char *text, const char *tooltip, gboolean heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* As wide at least as it asks to be, so that the height it asks for
   * (which the cells beside it match) is the height it takes. */
  gtk_label_set_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_widget_set_tooltip_text (label, tooltip);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_set_margin_start (label, 12);
  return label;
}

/* The row labels and the months are two grids, so that the months can
 * scroll under the labels; a row of each is kept the same height. */
static void
attach_row (CspFiguresPage *self, GtkWidget *label, GtkWidget *beside, int row)
{
  g_autoptr (GtkSizeGroup) group = gtk_size_group_new (GTK_SIZE_GROUP_VERTICAL);

  gtk_grid_attach (self->label_grid, label, 0, row, 1, 1);
  gtk_size_group_add_widget (group, label);
  gtk_size_group_add_widget (group, beside);
}

static GtkWidget *
make_cell (CspFiguresPage *self, CspRecord *metric, const char *name, const char *month)
{
  g_autofree char *label = month_label (month);
  g_autofree char *accessible = g_strdup_printf ("%s, %s", name, label);
  GtkWidget *entry = gtk_entry_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  Cell *cell = g_new0 (Cell, 1);

  cell->metric_id = csp_record_get_id (metric);
  cell->month = g_strdup (month);
  cell->key = cell_key (cell->metric_id, month);
  cell->index = self->order->len;
  cell->original = g_strdup ("");
  g_object_set_data_full (G_OBJECT (entry), "csp-cell", cell, (GDestroyNotify) cell_free);

  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 9);
  gtk_editable_set_alignment (GTK_EDITABLE (entry), 1.0f);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_editable_set_editable (GTK_EDITABLE (entry),
                             csp_context_may_change (self->context, CSP_TYPE_METRIC_VALUE));
  gtk_widget_add_css_class (entry, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_signal_connect (entry, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect (entry, "activate", G_CALLBACK (activate_cb), self);
  g_signal_connect (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (entry, focus);
  /* Before the text entry, which would take Enter, Tab and Escape itself. */
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (entry, keys);

  g_hash_table_insert (self->cells, g_strdup (cell->key), entry);
  g_ptr_array_add (self->order, entry);
  return entry;
}

static const char *
channel_name (GPtrArray *channels, gint64 channel_id)
{
  for (guint c = 0; c < channels->len; c++)
    if (csp_record_get_id (g_ptr_array_index (channels, c)) == channel_id)
      return csp_record_get_string (g_ptr_array_index (channels, c), "name");
  return "";
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))) != NULL)
    gtk_grid_remove (grid, child);
}

static void
build_grid (CspFiguresPage *self)
{
  int year = selected_year (self);
  CspQuery by_channel = { .sort_column = "channel_id" };
  g_autoptr (GPtrArray) metrics = list_records (self, CSP_TYPE_METRIC, &by_channel);
  g_autoptr (GPtrArray) channels = list_records (self, CSP_TYPE_CHANNEL, NULL);
  gint64 last_channel = -1;
  int row = 1;

  clear_grid (self->label_grid);
  clear_grid (self->grid);
  g_hash_table_remove_all (self->cells);
  g_ptr_array_set_size (self->order, 0);

  for (int m = 0; m < MONTHS_IN_YEAR; m++)
    {
      g_autofree char *month = month_of (year, self->start_month + m);
      g_autofree char *label = month_label (month);
      GtkWidget *header = make_header (label, 1);

      gtk_grid_attach (self->grid, header, m, 0, 1, 1);
      if (m == 0)
        attach_row (self, make_header (_ ("Channel and metric"), 0), header, 0);
    }

  for (guint i = 0; i < metrics->len; i++)
    {
      CspRecord *metric = g_ptr_array_index (metrics, i);
      gint64 channel_id = csp_record_get_int (metric, "channel_id");
      const char *channel = channel_name (channels, channel_id);
      const char *kind = csp_choice_label (csp_record_get_string (metric, "kind"));
      g_autofree char *name = NULL;

      if (csp_record_get_bool (metric, "retired"))
        continue;
      if (channel_id != last_channel)
        {
          /* The channel's name over its metrics, beside an empty row of months. */
          GtkWidget *gap = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

          gtk_grid_attach (self->grid, gap, 0, row, 1, 1);
          attach_row (self, make_row_label (channel, channel, TRUE), gap, row);
          last_channel = channel_id;
          row++;
        }
      name = g_strdup_printf ("%s — %s", channel, kind);
      for (int m = 0; m < MONTHS_IN_YEAR; m++)
        {
          g_autofree char *month = month_of (year, self->start_month + m);
          GtkWidget *entry = make_cell (self, metric, name, month);

          gtk_grid_attach (self->grid, entry, m, row, 1, 1);
          if (m == 0)
            attach_row (self, make_row_label (kind, csp_record_get_string (metric, "name"), FALSE),
                        entry, row);
        }
      row++;
    }
  fill_values (self);
}

static int
financial_year_of (CspFiguresPage *self, const char *month)
{
  int year = (int) g_ascii_strtoll (month, NULL, 10);

  return year - ((int) g_ascii_strtoll (month + 5, NULL, 10) < self->start_month);
}

/* Financial years from the first figure on record to the present one,
 * showing the latest that holds figures. */
static void
fill_years (CspFiguresPage *self)
{
  CspQuery first = { .sort_column = "month", .limit = 1 };
  CspQuery last = { .sort_column = "month", .descending = TRUE, .limit = 1 };
  g_autoptr (GPtrArray) oldest = list_records (self, CSP_TYPE_METRIC_VALUE, &first);
  g_autoptr (GPtrArray) newest = list_records (self, CSP_TYPE_METRIC_VALUE, &last);
  g_autoptr (GPtrArray) settings = list_records (self, CSP_TYPE_SETTINGS, NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  int current, from;

  self->start_month = settings->len > 0 ? (int) csp_record_get_int (g_ptr_array_index (settings, 0),
                                                                    "financial_year_start_month")
                                        : 4;
  current = g_date_time_get_year (now) - (g_date_time_get_month (now) < self->start_month);
  from = current;
  if (oldest->len > 0)
    from = MIN (current, financial_year_of (
                             self, csp_record_get_string (g_ptr_array_index (oldest, 0), "month")));
  g_array_set_size (self->years, 0);
  for (int year = current; year >= from; year--)
    {
      g_autofree char *label = g_strdup_printf ("%d-%02d", year, (year + 1) % 100);
      g_array_append_val (self->years, year);
      gtk_string_list_append (labels, label);
    }
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (labels));
  if (newest->len > 0)
    csp_figures_page_show_year (
        self,
        financial_year_of (self, csp_record_get_string (g_ptr_array_index (newest, 0), "month")));
}

static void
history_changed_cb (CspFiguresPage *self, GType type)
{
  if (type == CSP_TYPE_METRIC_VALUE)
    fill_values (self);
  else if (type == CSP_TYPE_METRIC || type == CSP_TYPE_CHANNEL)
    build_grid (self);
  else if (type == CSP_TYPE_SETTINGS)
    {
      fill_years (self);
      build_grid (self);
    }
}

/* A viewer reads the figures: the cells stay, to read and copy from. */
static void
access_changed_cb (CspFiguresPage *self)
{
  gboolean may_change = csp_context_may_change (self->context, CSP_TYPE_METRIC_VALUE);

  for (guint i = 0; i < self->order->len; i++)
    gtk_editable_set_editable (GTK_EDITABLE (g_ptr_array_index (self->order, i)), may_change);
}

static void
csp_figures_page_constructed (GObject *object)
{
  CspFiguresPage *self = CSP_FIGURES_PAGE (object);

  G_OBJECT_CLASS (csp_figures_page_parent_class)->constructed (object);
  self->context = csp_page_get_context (CSP_PAGE (self));

  fill_years (self);
  build_grid (self);
  g_signal_connect_swapped (self->year_dropdown, "notify::selected", G_CALLBACK (build_grid), self);
  g_signal_connect_object (csp_context_get_history (self->context), "changed",
                           G_CALLBACK (history_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "changed-elsewhere", G_CALLBACK (history_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->context, "access-changed", G_CALLBACK (access_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
csp_figures_page_dispose (GObject *object)
{
  CspFiguresPage *self = CSP_FIGURES_PAGE (object);

  /* Cells losing focus as they go are not edits. */
  self->filling = TRUE;
  if (self->year_dropdown != NULL)
    g_signal_handlers_disconnect_by_data (self->year_dropdown, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_FIGURES_PAGE);
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_pointer (&self->years, g_array_unref);

  G_OBJECT_CLASS (csp_figures_page_parent_class)->dispose (object);
}

static void
csp_figures_page_class_init (CspFiguresPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = csp_figures_page_constructed;
  object_class->dispose = csp_figures_page_dispose;

  csp_gui_init ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-figures-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CspFiguresPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CspFiguresPage, label_grid);
  gtk_widget_class_bind_template_child (widget_class, CspFiguresPage, grid);
}

static void
csp_figures_page_init (CspFiguresPage *self)
{
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->order = g_ptr_array_new ();
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * csp_figures_page_new:
 *
 * Returns: (transfer full): the grid of monthly figures
 */
CspFiguresPage *
csp_figures_page_new (CspContext *context)
{
  return g_object_new (CSP_TYPE_FIGURES_PAGE, "context", context, NULL);
}

/**
 * csp_figures_page_show_year:
 * @year_start: the first calendar year of the financial year, 2020 for 2020-21
 */
void
csp_figures_page_show_year (CspFiguresPage *self, int year_start)
{
  g_return_if_fail (CSP_IS_FIGURES_PAGE (self));

  for (guint i = 0; i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == year_start)
      gtk_drop_down_set_selected (self->year_dropdown, i);
}

/**
 * csp_figures_page_get_cell:
 *
 * Returns: (transfer none) (nullable): the cell of @metric_id's figure for
 *   @month ("YYYY-MM"), if the year shown has it
 */
GtkEditable *
csp_figures_page_get_cell (CspFiguresPage *self, gint64 metric_id, const char *month)
{
  g_autofree char *key = cell_key (metric_id, month);

  g_return_val_if_fail (CSP_IS_FIGURES_PAGE (self), NULL);
  return g_hash_table_lookup (self->cells, key);
}

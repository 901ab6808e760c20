/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-trends-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "csp-chart-export.h"
#include "csp-chart-standard.h"
#include "csp-chart-table.h"
#include "csp-gui.h"
#include "csp-records.h"
#include "csp-file-writer.h"
#include "csp-risk-matrix-data.h"
#include "csp-trends-page.h"

/* The Trends page: the standard charts over a chosen period, each also
 * as a table of its figures (the accessible alternative to the picture),
 * exported as PNG, SVG or PDF, or its figures as CSV; and, on a second
 * tab, the monthly figures grid they are drawn from. A click on a mark
 * asks, through "show-activities", for the activities behind it; on a
 * cell of the risk matrix, through "show-risk", for its risks. */

/* The period shown at first: 27 months up to the last with figures for
 * most channels, which covers two financial years and the quarter before
 * them. */
#define DEFAULT_MONTHS 27

/* Exported charts are drawn at this size (in points for a PDF, in pixels
 * for a PNG), as `csp-engage-cli chart` draws them. */
#define EXPORT_WIDTH 1200
#define EXPORT_HEIGHT 700

struct _CspTrendsPage
{
  CspPage parent_instance;

  CspContext *context;
  GArray *months; /* the month indices the period drop-downs offer */
  CspChart *chart;
  guint reload_source;
  gboolean filling;

  AdwToastOverlay *toast_overlay;
  AdwViewStack *view_stack;
  GtkDropDown *chart_dropdown;
  GtkDropDown *from_dropdown;
  GtkDropDown *to_dropdown;
  GtkStack *display_stack;
  CspChartView *chart_view;
  GtkColumnView *table_view;
  GListStore *table_parts; /* the sorted rows, then the totals row */
  GtkSortListModel *sorted_rows;
  GListStore *table_rows;
  GListStore *table_totals;
  AdwBin *figures_bin;
};

G_DEFINE_FINAL_TYPE (CspTrendsPage, csp_trends_page, CSP_TYPE_PAGE)

enum
{
  SHOW_ACTIVITIES,
  SHOW_RISK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
selected_chart_name (CspTrendsPage *self)
{
  const char *const *names = csp_standard_chart_get_names ();
  guint position = gtk_drop_down_get_selected (self->chart_dropdown);

  return position < g_strv_length ((char **) names) ? names[position] : names[0];
}

static int
selected_month (CspTrendsPage *self, GtkDropDown *dropdown)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->months->len == 0)
    return -1;
  return g_array_index (self->months, int, MIN (position, self->months->len - 1));
}

static guint
month_position (CspTrendsPage *self, int month)
{
  for (guint i = 0; i < self->months->len; i++)
    if (g_array_index (self->months, int, i) >= month)
      return i;
  return self->months->len > 0 ? self->months->len - 1 : 0;
}

static void
show_problem (CspTrendsPage *self, const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Widens [*first, *last] to the months of @data's categories. */
static void
extend_range (CspChartData *data, int *first, int *last)
{
  guint n = csp_chart_data_get_n_categories (data);
  int from, to;

  if (n == 0 || !csp_month_parse (csp_chart_data_get_category_key (data, 0), &from) ||
      !csp_month_parse (csp_chart_data_get_category_key (data, n - 1), &to))
    return;
  *first = *first < 0 ? from : MIN (*first, from);
  *last = *last < 0 ? to : MAX (*last, to);
}

/* The months with activities or figures, from the first to the last; this
 * month alone when there are none. @full is the last month with figures
 * for most channels, or @last when there is none. */
static void
find_months (CspTrendsPage *self, int *first, int *last, int *full)
{
  CspDatabase *database = csp_store_get_database (csp_context_get_store (self->context));
  g_autoptr (GError) error = NULL;
  g_autoptr (CspChartData) activities = NULL;
  g_autoptr (CspChartData) reach = NULL;
  g_autofree char *full_month = NULL;

  *first = *last = -1;
  activities = csp_chart_data_query_activities_by_month (database, NULL, NULL, &error);
  if (activities != NULL)
    extend_range (activities, first, last);
  else
    g_warning ("Could not find the months with activities: %s", error->message);
  g_clear_error (&error);
  reach = csp_chart_data_query_reach_trend (database, NULL, NULL, &error);
  if (reach != NULL)
    extend_range (reach, first, last);
  else
    g_warning ("Could not find the months with figures: %s", error->message);

  if (*first < 0)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      *first = *last = CSP_MONTH_INDEX (g_date_time_get_year (now), g_date_time_get_month (now));
    }
  g_clear_error (&error);
  if (!csp_chart_data_query_last_full_month (database, &full_month, &error))
    g_warning ("Could not find the last month with figures: %s", error->message);
  if (full_month == NULL || !csp_month_parse (full_month, full) || *full < *first || *full > *last)
    *full = *last;
}

/* Offers the months with data in the period drop-downs, keeping the
 * period chosen where it still fits. */
static void
fill_months (CspTrendsPage *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  int first, last, full;
  int old_from = selected_month (self, self->from_dropdown);
  int old_to = selected_month (self, self->to_dropdown);
  gboolean had_months = self->months->len > 0;

  find_months (self, &first, &last, &full);
  if (had_months && first == g_array_index (self->months, int, 0) &&
      last == g_array_index (self->months, int, self->months->len - 1))
    return;

  g_array_set_size (self->months, 0);
  for (int month = first; month <= last; month++)
    {
      g_autofree char *label = csp_month_label (month);

      g_array_append_val (self->months, month);
      gtk_string_list_append (labels, label);
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->from_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_model (self->to_dropdown, G_LIST_MODEL (labels));
  if (had_months)
    {
      gtk_drop_down_set_selected (self->from_dropdown, month_position (self, old_from));
      gtk_drop_down_set_selected (self->to_dropdown, month_position (self, old_to));
    }
  else
    {
      /* A month where one channel's figure is in early is not yet one to
       * end on: the others' would read as missing. */
      gtk_drop_down_set_selected (self->from_dropdown,
                                  month_position (self, MAX (first, full - DEFAULT_MONTHS + 1)));
      gtk_drop_down_set_selected (self->to_dropdown, month_position (self, full));
    }
  self->filling = FALSE;
}

static void
label_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer column)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* The categories read as text, the figures line up at their ends. */
  if (GPOINTER_TO_UINT (column) == 0)
    gtk_label_set_xalign (GTK_LABEL (label), 0);
  else
    {
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
    }
  gtk_list_item_set_child (item, label);
}

/* The totals row reads as a heading, set apart from the figures it adds up. */
static void
label_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer column)
{
  GtkStringList *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (label),
                      gtk_string_list_get_string (row, GPOINTER_TO_UINT (column)));
  if (g_object_get_data (G_OBJECT (row), "csp-totals") != NULL)
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
}

/* A figure as a number: "61,200" or "40%"; an empty cell (no figure)
 * below every number. */
static double
parse_figure (const char *text)
{
  g_autoptr (GString) digits = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (*p != ',' && *p != '%')
      g_string_append_c (digits, *p);
  if (digits->len == 0)
    return -G_MAXDOUBLE;
  return g_ascii_strtod (digits->str, NULL);
}

/* Figures sort by value; the categories, by where they stand in the
 * chart (months in time), which the row keeps after its cells. */
static int
compare_rows_cb (gconstpointer a, gconstpointer b, gpointer column)
{
  GtkStringList *row_a = GTK_STRING_LIST ((gpointer) a);
  GtkStringList *row_b = GTK_STRING_LIST ((gpointer) b);
  guint j = GPOINTER_TO_UINT (column);
  double value_a, value_b;

  if (j > 0)
    {
      value_a = parse_figure (gtk_string_list_get_string (row_a, j));
      value_b = parse_figure (gtk_string_list_get_string (row_b, j));
      if (value_a != value_b)
        return value_a < value_b ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
    }
  j = g_list_model_get_n_items (G_LIST_MODEL (row_a)) - 1;
  value_a = parse_figure (gtk_string_list_get_string (row_a, j));
  value_b = parse_figure (gtk_string_list_get_string (row_b, j));
  return value_a < value_b ? GTK_ORDERING_SMALLER
                           : (value_a > value_b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL);
}

/* The chart's figures as the table's rows and columns, the totals row
 * kept last however the rows are sorted; the columns change with the
 * chart, so they are made here rather than in the .ui. */
static void
fill_table (CspTrendsPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->table_view);
  g_autoptr (CspChartTable) table = NULL;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->table_view, column);
    }
  g_list_store_remove_all (self->table_rows);
  g_list_store_remove_all (self->table_totals);
  if (self->chart == NULL)
    return;

  table = csp_chart_table_new (self->chart);
  for (guint j = 0; j < table->n_columns; j++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkCustomSorter) sorter =
          gtk_custom_sorter_new (compare_rows_cb, GUINT_TO_POINTER (j), NULL);
      g_autoptr (GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), GUINT_TO_POINTER (j));
      g_signal_connect (factory, "bind", G_CALLBACK (label_bind_cb), GUINT_TO_POINTER (j));
      column = gtk_column_view_column_new (csp_chart_table_get (table, 0, j), factory);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      gtk_column_view_column_set_expand (column, j == 0);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->table_view, column);
    }
  for (guint i = 1; i < table->n_rows; i++)
    {
      g_autoptr (GtkStringList) row = gtk_string_list_new (NULL);
      g_autofree char *position = g_strdup_printf ("%u", i);
      gboolean totals = table->has_totals && i == table->n_rows - 1;

      for (guint j = 0; j < table->n_columns; j++)
        gtk_string_list_append (row, csp_chart_table_get (table, i, j));
      gtk_string_list_append (row, position);
      if (totals)
        g_object_set_data (G_OBJECT (row), "csp-totals", GINT_TO_POINTER (TRUE));
      g_list_store_append (totals ? self->table_totals : self->table_rows, row);
    }
}

static void
reload_chart (CspTrendsPage *self)
{
  CspDatabase *database = csp_store_get_database (csp_context_get_store (self->context));
  const char *name = selected_chart_name (self);
  g_autofree char *from = csp_trends_page_get_from_month (self);
  g_autofree char *to = csp_trends_page_get_to_month (self);
  g_autoptr (GError) error = NULL;
  g_autoptr (CspChart) chart = NULL;

  /* A plan's RAG statuses are today's: only the last month, which picks
   * the plan, counts. Open risks are today's too: no month counts. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->from_dropdown),
                            !g_str_equal (name, "rag-status") &&
                                !g_str_equal (name, "risk-matrix"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->to_dropdown), !g_str_equal (name, "risk-matrix"));

  chart = csp_standard_chart_new (database, name, from, to, &error);
  if (chart == NULL)
    {
      g_autofree char *message =
          g_strdup_printf (_ ("Could not draw the chart: %s"), error->message);
      show_problem (self, message);
    }
  g_set_object (&self->chart, chart);
  csp_chart_view_set_chart (self->chart_view, self->chart);
  fill_table (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.export", self->chart != NULL);
}

static void
chart_selected_cb (CspTrendsPage *self)
{
  if (!self->filling)
    reload_chart (self);
}

/* Keeps the period the right way round: moving one end past the other
 * takes the other along. */
static void
period_changed_cb (GtkDropDown *dropdown, GParamSpec *pspec, CspTrendsPage *self)
{
  guint from, to;

  if (self->filling)
    return;
  from = gtk_drop_down_get_selected (self->from_dropdown);
  to = gtk_drop_down_get_selected (self->to_dropdown);
  if (from > to)
    {
      self->filling = TRUE;
      if (dropdown == self->from_dropdown)
        gtk_drop_down_set_selected (self->to_dropdown, from);
      else
        gtk_drop_down_set_selected (self->from_dropdown, to);
      self->filling = FALSE;
    }
  reload_chart (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  CspTrendsPage *self = data;

  self->reload_source = 0;
  fill_months (self);
  reload_chart (self);
  return G_SOURCE_REMOVE;
}

/* Many changes come at once in an import or an undo of several: the
 * chart is drawn again once they are all in. */
static void
history_changed_cb (GObject *history_or_context, GType type, CspTrendsPage *self)
{
  if (type != CSP_TYPE_ACTIVITY && type != CSP_TYPE_ACTION && type != CSP_TYPE_METRIC_VALUE &&
      type != CSP_TYPE_METRIC && type != CSP_TYPE_PARTNER && type != CSP_TYPE_CHANNEL &&
      type != CSP_TYPE_PLAN && type != CSP_TYPE_PRIORITY && type != CSP_TYPE_SETTINGS &&
      type != CSP_TYPE_CHART_EVENT && type != CSP_TYPE_RISK)
    return;
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

static char *
first_day (int month)
{
  return g_strdup_printf ("%04d-%02d-01", CSP_MONTH_YEAR (month), CSP_MONTH_OF_YEAR (month));
}

static char *
last_day (int month)
{
  int year = CSP_MONTH_YEAR (month);
  int month_of_year = CSP_MONTH_OF_YEAR (month);

  return g_strdup_printf ("%04d-%02d-%02d", year, month_of_year,
                          g_date_get_days_in_month ((GDateMonth) month_of_year, (GDateYear) year));
}

/* The first open risk of a risk matrix's cell, if it has any. */
static void
show_cell_risk (CspTrendsPage *self, const char *category_key)
{
  CspDatabase *database = csp_store_get_database (csp_context_get_store (self->context));
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  int likelihood, impact;

  if (!csp_risk_matrix_parse_key (category_key, &likelihood, &impact))
    return;
  ids = csp_risk_matrix_query_cell (database, likelihood, impact, &error);
  if (ids == NULL)
    {
      g_autofree char *message =
          g_strdup_printf (_ ("Could not find the risks: %s"), error->message);
      show_problem (self, message);
      return;
    }
  if (ids->len > 0)
    g_signal_emit (self, signals[SHOW_RISK], 0, g_array_index (ids, gint64, 0));
}

/* The activities behind a mark: a month's (on a channel, or in a mode),
 * or a lead partner's over the period; a risk matrix cell's risks. RAG
 * slices stand for actions, not activities, and lead nowhere. */
static void
mark_activated_cb (CspChartView *view, const char *series_key, const char *category_key,
                   CspTrendsPage *self)
{
  const char *name = selected_chart_name (self);
  g_autofree char *from_date = NULL;
  g_autofree char *to_date = NULL;
  const char *mode = NULL;
  gint64 partner_id = 0;
  int month;

  if (g_str_equal (name, "reach-trend") || g_str_equal (name, "activities-by-month"))
    {
      if (category_key == NULL || !csp_month_parse (category_key, &month))
        return;
      from_date = first_day (month);
      to_date = last_day (month);
      if (g_str_equal (name, "activities-by-month"))
        mode = series_key;
    }
  else if (g_str_equal (name, "lead-partners"))
    {
      char *end = NULL;

      if (category_key == NULL)
        return;
      partner_id = g_ascii_strtoll (category_key, &end, 10);
      /* "none": activities without a lead partner, which no filter picks out. */
      if (end == category_key || *end != '\0' || partner_id <= 0)
        return;
      from_date = first_day (selected_month (self, self->from_dropdown));
      to_date = last_day (selected_month (self, self->to_dropdown));
    }
  else
    {
      if (g_str_equal (name, "risk-matrix"))
        show_cell_risk (self, category_key);
      return;
    }
  g_signal_emit (self, signals[SHOW_ACTIVITIES], 0, from_date, to_date, partner_id, mode);
}

static char *
suggested_file_name (CspTrendsPage *self)
{
  g_autofree char *from = csp_trends_page_get_from_month (self);
  g_autofree char *to = csp_trends_page_get_to_month (self);

  if (g_str_equal (selected_chart_name (self), "risk-matrix"))
    return g_strdup ("risk-matrix.png");
  if (g_str_equal (selected_chart_name (self), "rag-status"))
    return g_strdup_printf ("%s-%s.png", selected_chart_name (self), to);
  return g_strdup_printf ("%s-%s-to-%s.png", selected_chart_name (self), from, to);
}

static void
show_export_error (CspTrendsPage *self, const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _ ("Could Not Export the Chart"), error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A name typed without an extension takes the one of the file type chosen. */
static GFile *
file_with_extension (GtkFileChooser *chooser)
{
  g_autoptr (GFile) file = gtk_file_chooser_get_file (chooser);
  g_autofree char *basename = NULL;
  GtkFileFilter *filter;
  const char *extension;
  g_autofree char *named = NULL;
  g_autoptr (GFile) parent = NULL;

  if (file == NULL)
    return NULL;
  basename = g_file_get_basename (file);
  filter = gtk_file_chooser_get_filter (chooser);
  extension = filter != NULL ? g_object_get_data (G_OBJECT (filter), "csp-extension") : NULL;
  if (basename == NULL || strchr (basename, '.') != NULL || extension == NULL)
    return g_steal_pointer (&file);
  named = g_strconcat (basename, extension, NULL);
  parent = g_file_get_parent (file);
  if (parent == NULL)
    return g_steal_pointer (&file);
  return g_file_get_child (parent, named);
}

static void
export_response_cb (GtkNativeDialog *native, int response, CspTrendsPage *self)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = file_with_extension (GTK_FILE_CHOOSER (native));
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  if (file != NULL)
    csp_trends_page_save_chart (self, file);
}

static void
add_filter (GtkFileChooser *chooser, const char *name, const char *mime_type, const char *extension)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *pattern = g_strconcat ("*", extension, NULL);

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_pattern (filter, pattern);
  g_object_set_data (G_OBJECT (filter), "csp-extension", (gpointer) extension);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspTrendsPage *self = CSP_TRENDS_PAGE (widget);
  GtkFileChooserNative *native;
  g_autofree char *name = NULL;

  if (self->chart == NULL)
    return;
  native =
      gtk_file_chooser_native_new (_ ("Export Chart"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Export"), _ ("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  add_filter (GTK_FILE_CHOOSER (native), _ ("PNG image"), "image/png", ".png");
  add_filter (GTK_FILE_CHOOSER (native), _ ("SVG drawing"), "image/svg+xml", ".svg");
  add_filter (GTK_FILE_CHOOSER (native), _ ("PDF document"), "application/pdf", ".pdf");
  add_filter (GTK_FILE_CHOOSER (native), _ ("CSV table of the figures"), "text/csv", ".csv");
  name = suggested_file_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  g_signal_connect (native, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* The figures grid is made when its tab is first shown. */
static void
tab_changed_cb (CspTrendsPage *self)
{
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "figures") == 0)
    csp_trends_page_get_figures_page (self);
}

static void
csp_trends_page_constructed (GObject *object)
{
  CspTrendsPage *self = CSP_TRENDS_PAGE (object);
  g_autoptr (GtkStringList) charts = gtk_string_list_new (NULL);

  G_OBJECT_CLASS (csp_trends_page_parent_class)->constructed (object);
  self->context = csp_page_get_context (CSP_PAGE (self));

  g_assert (self->context != NULL);
  for (const char *const *name = csp_standard_chart_get_names (); *name != NULL; name++)
    gtk_string_list_append (charts, csp_standard_chart_get_summary (*name));
  self->filling = TRUE;
  gtk_drop_down_set_model (self->chart_dropdown, G_LIST_MODEL (charts));
  self->filling = FALSE;
  fill_months (self);
  reload_chart (self);

  g_signal_connect_swapped (self->chart_dropdown, "notify::selected",
                            G_CALLBACK (chart_selected_cb), self);
  g_signal_connect (self->from_dropdown, "notify::selected", G_CALLBACK (period_changed_cb), self);
  g_signal_connect (self->to_dropdown, "notify::selected", G_CALLBACK (period_changed_cb), self);
  g_signal_connect_object (csp_context_get_history (self->context), "changed",
                           G_CALLBACK (history_changed_cb), self, 0);
  g_signal_connect_object (self->context, "changed-elsewhere", G_CALLBACK (history_changed_cb),
                           self, 0);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child", G_CALLBACK (tab_changed_cb),
                            self);
}

static void
csp_trends_page_dispose (GObject *object)
{
  CspTrendsPage *self = CSP_TRENDS_PAGE (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  /* The toast overlay is both a template child and the bin's child: the
   * bin lets it go first, so that it is unparented once. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_TRENDS_PAGE);
  g_clear_object (&self->chart);

  G_OBJECT_CLASS (csp_trends_page_parent_class)->dispose (object);
}

static void
csp_trends_page_finalize (GObject *object)
{
  CspTrendsPage *self = CSP_TRENDS_PAGE (object);

  g_clear_pointer (&self->months, g_array_unref);

  G_OBJECT_CLASS (csp_trends_page_parent_class)->finalize (object);
}

/* The monthly figures of the period shown, month by month. */
static CspExportTable *
open_list_export (CspPage *page, GError **error)
{
  g_autofree char *from = csp_trends_page_get_from_month (CSP_TRENDS_PAGE (page));
  g_autofree char *to = csp_trends_page_get_to_month (CSP_TRENDS_PAGE (page));
  CspQuery query = { .from_date = from, .to_date = to, .sort_column = "month" };

  return csp_export_table_new (csp_page_get_database (page), CSP_IMPORT_METRICS, &query, error);
}

static void
csp_trends_page_class_init (CspTrendsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  CSP_PAGE_CLASS (klass)->open_list_export = open_list_export;
  object_class->constructed = csp_trends_page_constructed;
  object_class->dispose = csp_trends_page_dispose;
  object_class->finalize = csp_trends_page_finalize;

  /**
   * CspTrendsPage::show-activities:
   * @from_date: the first day, 'YYYY-MM-DD'
   * @to_date: the last day, 'YYYY-MM-DD'
   * @partner_id: the lead partner, or 0 for any
   * @mode: (nullable): the mode word ("online", "in_person", "hybrid"), or
   *   %NULL for any
   *
   * A mark was activated: the activities behind it should be shown.
   */
  signals[SHOW_ACTIVITIES] = g_signal_new (
      "show-activities", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
      G_TYPE_NONE, 4, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_INT64, G_TYPE_STRING);

  /**
   * CspTrendsPage::show-risk:
   * @risk_id: the first open risk of the cell clicked
   *
   * A cell of the risk matrix was activated: its risks should be shown.
   */
  signals[SHOW_RISK] = g_signal_new ("show-risk", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  csp_gui_init ();
  g_type_ensure (CSP_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/csp-trends-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CspTrendsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CspTrendsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CspTrendsPage, chart_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CspTrendsPage, from_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CspTrendsPage, to_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CspTrendsPage, display_stack);
  gtk_widget_class_bind_template_child (widget_class, CspTrendsPage, chart_view);
  gtk_widget_class_bind_template_child (widget_class, CspTrendsPage, table_view);
  gtk_widget_class_bind_template_child (widget_class, CspTrendsPage, table_parts);
  gtk_widget_class_bind_template_child (widget_class, CspTrendsPage, sorted_rows);
  gtk_widget_class_bind_template_child (widget_class, CspTrendsPage, table_rows);
  gtk_widget_class_bind_template_child (widget_class, CspTrendsPage, table_totals);
  gtk_widget_class_bind_template_child (widget_class, CspTrendsPage, figures_bin);
  gtk_widget_class_bind_template_callback (widget_class, mark_activated_cb);

  gtk_widget_class_install_action (widget_class, "trends.export", NULL, export_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "trends.export", NULL);
}

static void
csp_trends_page_init (CspTrendsPage *self)
{
  self->months = g_array_new (FALSE, FALSE, sizeof (int));
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A list store's items cannot be given in a .ui file. */
  g_list_store_append (self->table_parts, self->sorted_rows);
  g_list_store_append (self->table_parts, self->table_totals);
}

/**
 * csp_trends_page_new:
 *
 * Returns: (transfer full): the Trends page on @context's database
 */
CspTrendsPage *
csp_trends_page_new (CspContext *context)
{
  g_return_val_if_fail (CSP_IS_CONTEXT (context), NULL);
  return g_object_new (CSP_TYPE_TRENDS_PAGE, "context", context, NULL);
}

/**
 * csp_trends_page_show_chart:
 * @name: (nullable): one of csp_standard_chart_get_names(); %NULL keeps the chart
 * @from_month: (nullable): the period's first month, 'YYYY-MM'; %NULL keeps it
 * @to_month: (nullable): its last month; %NULL keeps it
 *
 * Shows a chart over a period, as choosing them in the drop-downs does.
 * Months outside those with data are brought to the nearest that has.
 *
 * Returns: whether @name is a standard chart and the months are months
 */
gboolean
csp_trends_page_show_chart (CspTrendsPage *self, const char *name, const char *from_month,
                            const char *to_month)
{
  const char *const *names = csp_standard_chart_get_names ();
  guint chart;
  int from, to;

  g_return_val_if_fail (CSP_IS_TRENDS_PAGE (self), FALSE);

  chart = gtk_drop_down_get_selected (self->chart_dropdown);
  from = selected_month (self, self->from_dropdown);
  to = selected_month (self, self->to_dropdown);

  if (name != NULL)
    {
      guint i;

      for (i = 0; names[i] != NULL && !g_str_equal (names[i], name); i++)
        ;
      if (names[i] == NULL)
        return FALSE;
      chart = i;
    }
  if ((from_month != NULL && !csp_month_parse (from_month, &from)) ||
      (to_month != NULL && !csp_month_parse (to_month, &to)))
    return FALSE;

  self->filling = TRUE;
  gtk_drop_down_set_selected (self->chart_dropdown, chart);
  gtk_drop_down_set_selected (self->from_dropdown, month_position (self, MIN (from, to)));
  gtk_drop_down_set_selected (self->to_dropdown, month_position (self, MAX (from, to)));
  self->filling = FALSE;
  reload_chart (self);
  return TRUE;
}

/**
 * csp_trends_page_get_chart_name:
 *
 * Returns: the standard chart shown, such as "reach-trend"
 */
const char *
csp_trends_page_get_chart_name (CspTrendsPage *self)
{
  g_return_val_if_fail (CSP_IS_TRENDS_PAGE (self), NULL);
  return selected_chart_name (self);
}

/**
 * csp_trends_page_get_from_month:
 *
 * Returns: (transfer full): the period's first month, 'YYYY-MM'
 */
char *
csp_trends_page_get_from_month (CspTrendsPage *self)
{
  g_return_val_if_fail (CSP_IS_TRENDS_PAGE (self), NULL);
  return csp_month_key (selected_month (self, self->from_dropdown));
}

/**
 * csp_trends_page_get_to_month:
 *
 * Returns: (transfer full): the period's last month, 'YYYY-MM'
 */
char *
csp_trends_page_get_to_month (CspTrendsPage *self)
{
  g_return_val_if_fail (CSP_IS_TRENDS_PAGE (self), NULL);
  return csp_month_key (selected_month (self, self->to_dropdown));
}

/**
 * csp_trends_page_get_chart:
 *
 * Returns: (transfer none) (nullable): the chart shown; %NULL when it
 *   could not be made
 */
CspChart *
csp_trends_page_get_chart (CspTrendsPage *self)
{
  g_return_val_if_fail (CSP_IS_TRENDS_PAGE (self), NULL);
  return self->chart;
}

/**
 * csp_trends_page_get_chart_view:
 *
 * Returns: (transfer none): the view drawing the chart
 */
CspChartView *
csp_trends_page_get_chart_view (CspTrendsPage *self)
{
  g_return_val_if_fail (CSP_IS_TRENDS_PAGE (self), NULL);
  return self->chart_view;
}

/**
 * csp_trends_page_get_table:
 *
 * Returns: (transfer none): the table of the chart's figures; a row per
 *   category, items of #GtkStringList (one string per column, then the
 *   row's place in the chart)
 */
GtkColumnView *
csp_trends_page_get_table (CspTrendsPage *self)
{
  g_return_val_if_fail (CSP_IS_TRENDS_PAGE (self), NULL);
  return self->table_view;
}

/**
 * csp_trends_page_show_table:
 * @table: the figures as a table, rather than the chart
 */
void
csp_trends_page_show_table (CspTrendsPage *self, gboolean table)
{
  g_return_if_fail (CSP_IS_TRENDS_PAGE (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "charts");
  gtk_stack_set_visible_child_name (self->display_stack, table ? "table" : "chart");
}

/**
 * csp_trends_page_export:
 * @file: where to write; its extension (.png, .svg, .pdf or .csv) says how
 *
 * Writes the chart shown into @file, in the light style, as it would be
 * printed; or, for .csv, its figures as the table shows them.
 *
 * Returns: whether the file was written; if not, @error says why
 */
gboolean
csp_trends_page_export (CspTrendsPage *self, GFile *file, GError **error)
{
  g_autofree char *basename = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GBytes) bytes = NULL;
  CspChartFormat format;
  CspChartStyle style;

  g_return_val_if_fail (CSP_IS_TRENDS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->chart == NULL)
    {
      g_set_error_literal (error, CSP_CHART_EXPORT_ERROR, CSP_CHART_EXPORT_ERROR_FAILED,
                           _ ("There is no chart to export"));
      return FALSE;
    }
  basename = g_file_get_basename (file);
  path = g_file_get_path (file);
  if (g_str_has_suffix (basename, ".csv") || g_str_has_suffix (basename, ".CSV"))
    return csp_chart_export_table (self->chart, path, error);
  if (!csp_chart_format_from_path (basename, &format, error))
    return FALSE;
  csp_chart_style_init (&style);
  bytes =
      csp_chart_export_bytes (self->chart, format, EXPORT_WIDTH, EXPORT_HEIGHT, 1.0, &style, error);
  if (bytes == NULL)
    return FALSE;
  /* Written whole beside the target, then put in its place. */
  return csp_file_writer_set_contents (path, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), CSP_FILE_WRITER_NONE, error);
}

/**
 * csp_trends_page_save_chart:
 * @file: where to write, as csp_trends_page_export() does
 *
 * Exports the chart shown, as Export does once a file is chosen, and says
 * how it went: written, in a toast; not, in a dialog that says why.
 *
 * Returns: whether the file was written
 */
gboolean
csp_trends_page_save_chart (CspTrendsPage *self, GFile *file)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (CSP_IS_TRENDS_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!csp_trends_page_export (self, file, &error))
    {
      show_export_error (self, error);
      return FALSE;
    }
  basename = g_file_get_basename (file);
  display = g_filename_display_name (basename);
  message = g_strdup_printf (_ ("Chart exported to “%s”"), display);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  return TRUE;
}

/**
 * csp_trends_page_get_figures_page:
 *
 * Returns: (transfer none): the monthly figures grid of the second tab,
 *   made now if it was not yet
 */
CspFiguresPage *
csp_trends_page_get_figures_page (CspTrendsPage *self)
{
  g_return_val_if_fail (CSP_IS_TRENDS_PAGE (self), NULL);

  if (adw_bin_get_child (self->figures_bin) == NULL)
    adw_bin_set_child (self->figures_bin, GTK_WIDGET (csp_figures_page_new (self->context)));
  return CSP_FIGURES_PAGE (adw_bin_get_child (self->figures_bin));
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-import-layout-group"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "csp-dates.h"
#include "csp-gui.h"
#include "csp-import-layout-group.h"

/* What the import found of a file of metrics' layout, and the means to
 * change it: comment lines above the header (said only), rows to pass
 * over under it, what each row covers and how its dates order day and
 * month. The file is read again for it after every change of the mapping
 * (the column of dates may have changed); the mapping is changed only by
 * a person, here, with "changed" emitted after, so that the import is
 * checked afresh. */

struct _CspImportLayoutGroup
{
  AdwPreferencesGroup parent_instance;

  CspImport *import;
  CspImportLayout layout; /* as last read */
  char *read_for;         /* what the mapping said then: date column, rows passed over, order */
  gboolean period_by_hand;
  gboolean updating;

  AdwActionRow *comment_row;
  AdwActionRow *skip_row;
  GtkSpinButton *skip_spin;
  AdwComboRow *period_row;
  AdwComboRow *order_row;
};

G_DEFINE_FINAL_TYPE (CspImportLayoutGroup, csp_import_layout_group, ADW_TYPE_PREFERENCES_GROUP)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static CspImportMapping *
get_mapping (CspImportLayoutGroup *self)
{
  return csp_import_get_mapping (self->import);
}

/* Dates written in numbers only, whose order of day and month matters. */
static gboolean
numeric_dates (const CspImportLayout *layout)
{
  return layout->date_style == CSP_DATE_STYLE_DAY_FIRST ||
         layout->date_style == CSP_DATE_STYLE_MONTH_FIRST ||
         layout->date_style == CSP_DATE_STYLE_AMBIGUOUS;
}

static char *
describe_period (CspImportLayoutGroup *self, CspImportPeriod period, CspDateOrder order)
{
  /* Read one way the dates may be a month apart, read the other a day:
   * until their order is chosen, they say nothing of it. */
  gboolean detected =
      !self->period_by_hand && self->layout.has_period && self->layout.period == period &&
      (self->layout.date_style != CSP_DATE_STYLE_AMBIGUOUS || order != CSP_DATE_ORDER_UNDECIDED);
  const char *summed = period != CSP_IMPORT_PERIOD_MONTH
                           ? _ ("Weeks and days are added up to months: reach and views summed, "
                                "followers the month’s last value.")
                           : NULL;

  if (detected && summed != NULL)
    /* Translators: "Detected from the dates.", then how weeks and days become months */
    return g_strdup_printf (_ ("Detected from the dates. %s"), summed);
  if (detected)
    return g_strdup (_ ("Detected from the dates."));
  return g_strdup (summed);
}

/* "1 July 2021": @text read in @order, or NULL */
static char *
read_in_order (const char *text, CspDateOrder order)
{
  g_autofree char *iso = NULL;

  if (text == NULL || !csp_import_parse_date_in_order (text, order, &iso, NULL))
    return NULL;
  return csp_date_format_long (iso);
}

static char *
describe_order (CspImportLayoutGroup *self, CspDateOrder order)
{
  const char *example = self->layout.example_date;
  g_autofree char *read = NULL;

  switch (self->layout.date_style)
    {
    case CSP_DATE_STYLE_DAY_FIRST:
      return g_strdup_printf (_ ("Detected from the dates, such as “%s”: day first"), example);
    case CSP_DATE_STYLE_MONTH_FIRST:
      return g_strdup_printf (_ ("Detected from the dates, such as “%s”: month first"), example);
    case CSP_DATE_STYLE_AMBIGUOUS:
      /* Short: the page says the rest, and the choice beside it must show. */
      if (order == CSP_DATE_ORDER_UNDECIDED)
        return g_strdup (_ ("They could be read either way: choose one"));
      read = read_in_order (example, order);
      /* Translators: a date as the file writes it, then as it is read, e.g. "1 July 2021" */
      return g_strdup_printf (_ ("“%s” is read as %s"), example, read);
    case CSP_DATE_STYLE_NONE:
    case CSP_DATE_STYLE_UNAMBIGUOUS:
    default:
      return NULL;
    }
}

/**
 * csp_import_layout_group_update:
 *
 * Reads the file's layout again, as the import's mapping now maps it, and
 * shows it with the mapping's choices. Changes nothing. The file is only
 * read again when what the reading depends on changed: a field typed
 * letter by letter should not read a wide file's rows at each.
 */
void
csp_import_layout_group_update (CspImportLayoutGroup *self)
{
  CspImportMapping *mapping;
  CspImportPeriod period;
  CspDateOrder order;
  const char *date_header;
  g_autofree char *read_for = NULL;
  g_autofree char *comments = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *order_text = NULL;

  g_return_if_fail (CSP_IS_IMPORT_LAYOUT_GROUP (self));

  gtk_widget_set_visible (GTK_WIDGET (self),
                          self->import != NULL &&
                              csp_import_get_kind (self->import) == CSP_IMPORT_METRICS);
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  mapping = get_mapping (self);
  period = csp_import_mapping_get_period (mapping);
  order = csp_import_mapping_get_date_order (mapping);
  date_header = csp_import_mapping_find_header (mapping, "month");
  read_for = g_strdup_printf ("%s\n%u\n%d", date_header != NULL ? date_header : "",
                              csp_import_mapping_get_skip_rows (mapping), order);
  if (g_strcmp0 (read_for, self->read_for) != 0)
    {
      csp_import_layout_clear (&self->layout);
      csp_import_detect_layout (self->import, &self->layout);
      g_free (self->read_for);
      self->read_for = g_steal_pointer (&read_for);
    }

  self->updating = TRUE;
  comments = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u line above the header is passed over",
                   "%u lines above the header are passed over", self->layout.n_comment_lines),
      self->layout.n_comment_lines);
  adw_action_row_set_subtitle (self->comment_row, comments);
  gtk_widget_set_visible (GTK_WIDGET (self->comment_row), self->layout.n_comment_lines > 0);

  gtk_spin_button_set_value (self->skip_spin, csp_import_mapping_get_skip_rows (mapping));
  adw_action_row_set_subtitle (self->skip_row,
                               self->layout.description_row
                                   ? _ ("Detected: the row under the header describes the "
                                        "columns rather than holding figures")
                                   : NULL);

  adw_combo_row_set_selected (self->period_row, period);
  period_text = describe_period (self, period, order);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->period_row), period_text);

  adw_combo_row_set_selected (self->order_row, order);
  order_text = describe_order (self, order);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->order_row), order_text);
  gtk_widget_set_visible (GTK_WIDGET (self->order_row), numeric_dates (&self->layout));
  if (self->layout.date_style == CSP_DATE_STYLE_AMBIGUOUS && order == CSP_DATE_ORDER_UNDECIDED)
    gtk_widget_add_css_class (GTK_WIDGET (self->order_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->order_row), "warning");
  self->updating = FALSE;
}

/**
 * csp_import_layout_group_set_import:
 * @import: (nullable): the import whose file and mapping it shows
 *
 * Shows @import's layout; it is only shown for metrics. What each row
 * covers is read from the dates again when their order changes, until it
 * is chosen here.
 */
void
csp_import_layout_group_set_import (CspImportLayoutGroup *self, CspImport *import)
{
  g_return_if_fail (CSP_IS_IMPORT_LAYOUT_GROUP (self));
  g_return_if_fail (import == NULL || CSP_IS_IMPORT (import));

  g_set_object (&self->import, import);
  /* The last layout read was of another file. */
  csp_import_layout_clear (&self->layout);
  memset (&self->layout, 0, sizeof self->layout);
  g_clear_pointer (&self->read_for, g_free);
  self->period_by_hand = FALSE;
  csp_import_layout_group_update (self);
}

/**
 * csp_import_layout_group_get_blocker:
 *
 * Returns: (transfer full) (nullable): what must be chosen here before the
 *   file can be checked, naming the row; %NULL when nothing
 */
char *
csp_import_layout_group_get_blocker (CspImportLayoutGroup *self)
{
  g_autofree char *day_first = NULL;
  g_autofree char *month_first = NULL;

  g_return_val_if_fail (CSP_IS_IMPORT_LAYOUT_GROUP (self), NULL);

  if (self->import == NULL || !gtk_widget_get_visible (GTK_WIDGET (self)) ||
      self->layout.date_style != CSP_DATE_STYLE_AMBIGUOUS ||
      csp_import_mapping_get_date_order (get_mapping (self)) != CSP_DATE_ORDER_UNDECIDED)
    return NULL;
  day_first = read_in_order (self->layout.example_date, CSP_DATE_ORDER_DAY_FIRST);
  month_first = read_in_order (self->layout.example_date, CSP_DATE_ORDER_MONTH_FIRST);
  /* Translators: a column's name, a date from it as the file writes it,
   * then that date read day first and month first, e.g. "7 January 2021" */
  return g_strdup_printf (_ ("“Dates are written” needs a choice, under Layout: the dates in "
                             "column “%s” could be read either way. “%s” is %s day first, %s "
                             "month first."),
                          self->layout.date_header, self->layout.example_date, day_first,
                          month_first);
}

static void
skip_changed_cb (CspImportLayoutGroup *self)
{
  if (self->updating || self->import == NULL)
    return;
  csp_import_mapping_set_skip_rows (get_mapping (self),
                                    (guint) gtk_spin_button_get_value_as_int (self->skip_spin));
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
period_selected_cb (CspImportLayoutGroup *self)
{
  guint selected = adw_combo_row_get_selected (self->period_row);

  if (self->updating || self->import == NULL || selected > CSP_IMPORT_PERIOD_DAY)
    return;
  self->period_by_hand = TRUE;
  csp_import_mapping_set_period (get_mapping (self), (CspImportPeriod) selected);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
order_selected_cb (CspImportLayoutGroup *self)
{
  guint selected = adw_combo_row_get_selected (self->order_row);

  if (self->updating || self->import == NULL || selected > CSP_DATE_ORDER_MONTH_FIRST)
    return;
  csp_import_mapping_set_date_order (get_mapping (self), (CspDateOrder) selected);
  /* Read one way the dates may be a month apart, read the other a day. */
  if (!self->period_by_hand)
    csp_import_guess_period (self->import);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
csp_import_layout_group_dispose (GObject *object)
{
  CspImportLayoutGroup *self = CSP_IMPORT_LAYOUT_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CSP_TYPE_IMPORT_LAYOUT_GROUP);
  g_clear_object (&self->import);
  g_clear_pointer (&self->read_for, g_free);
  csp_import_layout_clear (&self->layout);

  G_OBJECT_CLASS (csp_import_layout_group_parent_class)->dispose (object);
}

static void
csp_import_layout_group_class_init (CspImportLayoutGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csp_import_layout_group_dispose;

  /**
   * CspImportLayoutGroup::changed:
   *
   * A person changed the mapping's layout: the import needs checking again.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  csp_gui_init ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/csp-import-layout-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CspImportLayoutGroup, comment_row);
  gtk_widget_class_bind_template_child (widget_class, CspImportLayoutGroup, skip_row);
  gtk_widget_class_bind_template_child (widget_class, CspImportLayoutGroup, skip_spin);
  gtk_widget_class_bind_template_child (widget_class, CspImportLayoutGroup, period_row);
  gtk_widget_class_bind_template_child (widget_class, CspImportLayoutGroup, order_row);
  gtk_widget_class_bind_template_callback (widget_class, skip_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, order_selected_cb);
}

static void
csp_import_layout_group_init (CspImportLayoutGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

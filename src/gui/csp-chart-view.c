/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-chart-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "csp-chart-draw.h"
#include "csp-chart-hit.h"
#include "csp-chart-table.h"
#include "csp-chart-view.h"
#include "csp-scale.h"

/* One chart on screen. The layout is made for the allocated size and
 * the current style and kept until either changes, so that drawing,
 * hovering and the keyboard all read the same numbers. Hovering a mark
 * shows its exact value in a popover; clicking it, or pressing Enter on
 * the mark chosen with the arrow keys, emits "mark-activated" so that the
 * page can open the records behind it. The chosen mark is also the
 * accessible description, which screen readers announce as it moves. */

/* The chart's text relative to the interface's body text: a little
 * smaller, as labels on a figure are. */
#define FONT_SCALE 0.9

struct _CspChartView
{
  GtkWidget parent_instance;

  CspChart *chart;
  CspChartLayout *layout; /* for the allocated size and style, or NULL */
  gboolean dark;

  GtkWidget *popover;
  GtkWidget *popover_label;
  int shown_series; /* the mark the popover is at, or -1 */
  int shown_item;

  int cursor_series; /* the mark chosen from the keyboard, or -1 */
  int cursor_item;
  gboolean clicking; /* the focus comes from a click */
};

G_DEFINE_FINAL_TYPE (CspChartView, csp_chart_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CHART,
  PROP_DARK,
  N_PROPS
};

enum
{
  MARK_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
hide_value (CspChartView *self)
{
  self->shown_series = -1;
  self->shown_item = -1;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
}

static void
update_accessible_label (CspChartView *self)
{
  const char *title = self->chart != NULL ? csp_chart_get_title (self->chart) : NULL;
  const char *subtitle = self->chart != NULL ? csp_chart_get_subtitle (self->chart) : NULL;
  g_autofree char *label = NULL;

  if (title == NULL || *title == '\0')
    label = g_strdup (_ ("Chart"));
  else if (subtitle == NULL || *subtitle == '\0')
    label = g_strdup (title);
  else
    /* TRANSLATORS: a chart's accessible name: its title, then its period */
    label = g_strdup_printf (_ ("%s, %s"), title, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _ ("Use the Left and Right arrow keys to read the values, and "
                                     "Enter to show the activities behind one"),
                                  -1);
}

/* Forgets the layout, so the next draw or hit test makes it anew. */
static void
invalidate (CspChartView *self)
{
  g_clear_pointer (&self->layout, csp_chart_layout_free);
  hide_value (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
chart_changed_cb (CspChartView *self)
{
  self->cursor_series = -1;
  self->cursor_item = -1;
  update_accessible_label (self);
  invalidate (self);
}

static void
dark_changed_cb (CspChartView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  if (dark == self->dark)
    return;
  self->dark = dark;
  invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DARK]);
}

static void
init_style (CspChartView *self, CspChartStyle *style)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);

  csp_chart_style_init (style);
  style->variant = self->dark ? CSP_PALETTE_DARK : CSP_PALETTE_LIGHT;
  if (font == NULL)
    return;
  style->font_family = pango_font_description_get_family (font);
  if (pango_font_description_get_size (font) > 0)
    {
      double size = (double) pango_font_description_get_size (font) / PANGO_SCALE;

      /* Points at 96 dots per inch, as GTK lays text out, unless given in pixels. */
      if (!pango_font_description_get_size_is_absolute (font))
        size *= 96.0 / 72.0;
      style->font_size = round (size * FONT_SCALE);
    }
}

static CspChartLayout *
ensure_layout (CspChartView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->chart == NULL || width <= 0 || height <= 0)
    return NULL;
  if (self->layout != NULL &&
      (self->layout->bounds.width != width || self->layout->bounds.height != height))
    g_clear_pointer (&self->layout, csp_chart_layout_free);
  if (self->layout == NULL)
    {
      CspChartStyle style;

      init_style (self, &style);
      self->layout = csp_chart_layout_new (self->chart, &style, width, height);
    }
  return self->layout;
}

static gboolean
has_mark (CspChartLayout *layout, int series, int item)
{
  return layout != NULL && !layout->empty && series >= 0 && item >= 0 &&
         (guint) series < layout->n_series && (guint) item < layout->n_items &&
         layout->marks->len == layout->n_series * layout->n_items;
}

/* "Oct 2020 · Welwyn Hatfield CSP Twitter: 61,200"; a slice adds its
 * share, as the legend gives it; a month without a figure says so. */
static char *
describe (CspChartLayout *layout, guint series, guint item)
{
  const CspChartMark *mark = csp_chart_layout_get_mark (layout, series, item);
  const char *category = csp_chart_data_get_category_label (layout->data, item);
  const char *series_label = csp_chart_data_get_series_label (layout->data, series);
  const char *detail;
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;

  if (mark->missing)
    /* TRANSLATORS: a month a series has no figure for: "Jul 2021 · Facebook: no figure" */
    return g_strdup_printf (_ ("%s · %s: no figure"), category, series_label);
  value = floor (mark->value) == mark->value ? csp_format_number (mark->value)
                                             : csp_format_decimal (mark->value, 2);
  if (layout->kind == CSP_CHART_DONUT)
    {
      g_autofree int *percents = g_new0 (int, layout->n_items);
      g_autofree char *share = NULL;

      csp_chart_data_get_shares (layout->data, percents);
      share = csp_chart_format_share (mark->value, percents[item]);
      /* TRANSLATORS: a slice's value: "Green · Actions: 12 (40%)" */
      return g_strdup_printf (_ ("%s · %s: %s (%s)"), category, series_label, value, share);
    }
  /* TRANSLATORS: a mark's value: "Oct 2020 · Twitter: 61,200" */
  text = g_strdup_printf (_ ("%s · %s: %s"), category, series_label, value);
  /* The records behind it, where the data names them: a cell's risks. */
  detail = csp_chart_data_get_category_detail (layout->data, item);
  if (detail == NULL)
    return g_steal_pointer (&text);
  return g_strdup_printf ("%s\n%s", text, detail);
}

/* Where the popover points for a mark: the mark itself, but for a line's
 * point the whole patch a hover finds it in, so the popover never covers
 * the pointer. */
static GdkRectangle
mark_area (CspChartLayout *layout, const CspChartMark *mark)
{
  CspRect rect = mark->rect;

  if (layout->kind == CSP_CHART_LINE)
    {
      double reach = MAX (layout->marker_size, layout->style.font_size);

      rect = (CspRect){ mark->x - reach / 2, mark->y - reach, reach, 2 * reach };
    }
  return (GdkRectangle){ (int) floor (rect.x), (int) floor (rect.y),
                         MAX (1, (int) ceil (rect.width)), MAX (1, (int) ceil (rect.height)) };
}

static void
show_value (CspChartView *self, guint series, guint item)
{
  CspChartLayout *layout = ensure_layout (self);
  g_autofree char *text = NULL;
  GdkRectangle area;

  if (!has_mark (layout, (int) series, (int) item))
    {
      hide_value (self);
      return;
    }
  if (self->shown_series == (int) series && self->shown_item == (int) item &&
      gtk_widget_get_visible (self->popover))
    return;
  text = describe (layout, series, item);
  area = mark_area (layout, csp_chart_layout_get_mark (layout, series, item));
  gtk_label_set_text (GTK_LABEL (self->popover_label), text);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &area);
  self->shown_series = (int) series;
  self->shown_item = (int) item;
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
set_cursor (CspChartView *self, guint series, guint item)
{
  CspChartLayout *layout = ensure_layout (self);
  g_autofree char *text = NULL;

  if (!has_mark (layout, (int) series, (int) item))
    return;
  self->cursor_series = (int) series;
  self->cursor_item = (int) item;
  text = describe (layout, series, item);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  show_value (self, series, item);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
emit_activated (CspChartView *self, guint series, guint item)
{
  CspChartLayout *layout = ensure_layout (self);

  if (!has_mark (layout, (int) series, (int) item))
    return;
  g_signal_emit (self, signals[MARK_ACTIVATED], 0,
                 csp_chart_data_get_series_key (layout->data, series),
                 csp_chart_data_get_category_key (layout->data, item));
}

static gboolean
hit_mark (CspChartView *self, double x, double y, CspChartHit *hit)
{
  CspChartLayout *layout = ensure_layout (self);

  return layout != NULL && csp_chart_layout_hit (layout, x, y, hit) &&
         hit->part == CSP_CHART_HIT_MARK;
}

static void
motion_cb (GtkEventControllerMotion *controller, double x, double y, CspChartView *self)
{
  CspChartHit hit;

  if (hit_mark (self, x, y, &hit))
    show_value (self, hit.series, hit.item);
  else
    hide_value (self);
}

static void
leave_cb (GtkEventControllerMotion *controller, CspChartView *self)
{
  /* The keyboard's mark stays announced while the chart has the focus. */
  if (gtk_widget_has_focus (GTK_WIDGET (self)) && self->cursor_series >= 0)
    show_value (self, (guint) self->cursor_series, (guint) self->cursor_item);
  else
    hide_value (self);
}

static void
pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, CspChartView *self)
{
  self->clicking = TRUE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->clicking = FALSE;
}

static void
released_cb (GtkGestureClick *gesture, int n_press, double x, double y, CspChartView *self)
{
  CspChartHit hit;

  if (!hit_mark (self, x, y, &hit))
    return;
  set_cursor (self, hit.series, hit.item);
  emit_activated (self, hit.series, hit.item);
}

static void
focus_enter_cb (GtkEventControllerFocus *controller, CspChartView *self)
{
  /* A click chooses its own mark, if any, when the button comes up. */
  if (self->clicking)
    ;
  else if (self->cursor_series < 0)
    set_cursor (self, 0, 0);
  else
    show_value (self, (guint) self->cursor_series, (guint) self->cursor_item);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
focus_leave_cb (GtkEventControllerFocus *controller, CspChartView *self)
{
  hide_value (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Moves the keyboard's mark @step categories along, or to the first or
 * last when @step goes past the end. */
static void
move_item_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspChartView *self = CSP_CHART_VIEW (widget);
  CspChartLayout *layout = ensure_layout (self);
  int step = g_variant_get_int32 (parameter);
  int n, item;

  if (layout == NULL || layout->empty || layout->n_items == 0)
    return;
  n = (int) layout->n_items;
  /* Home and End ask for more steps than there are marks. */
  step = CLAMP (step, -n, n);
  /* With no mark chosen yet, Right starts at the first and Left at the last. */
  if (self->cursor_series < 0)
    item = step < 0 ? n + step : step - 1;
  else
    item = self->cursor_item + step;
  item = CLAMP (item, 0, n - 1);
  set_cursor (self, (guint) MAX (self->cursor_series, 0), (guint) item);
}

/* Moves between series (up or down a stack); with one series, along the
 * categories, which run down a horizontal bar chart. */
static void
move_series_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspChartView *self = CSP_CHART_VIEW (widget);
  CspChartLayout *layout = ensure_layout (self);
  int step = g_variant_get_int32 (parameter);
  int series;

  if (layout == NULL || layout->empty || layout->n_items == 0)
    return;
  if (layout->n_series < 2)
    {
      /* Up is the category before, as drawn across; in a stack, up is the next series. */
      g_autoptr (GVariant) along = g_variant_ref_sink (g_variant_new_int32 (-step));
      move_item_activated (widget, action_name, along);
      return;
    }
  if (self->cursor_series < 0)
    {
      set_cursor (self, 0, 0);
      return;
    }
  series = CLAMP (self->cursor_series + step, 0, (int) layout->n_series - 1);
  set_cursor (self, (guint) series, (guint) self->cursor_item);
}

static void
activate_mark_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspChartView *self = CSP_CHART_VIEW (widget);

  if (self->cursor_series >= 0)
    emit_activated (self, (guint) self->cursor_series, (guint) self->cursor_item);
}

/* A ring around the keyboard's mark, in the text colour so that it shows
 * on the marks' colours and the background in either style. */
static void
draw_cursor (CspChartView *self, CspChartLayout *layout, cairo_t *cr)
{
  const CspChartMark *mark;
  CspColor color;

  if (!has_mark (layout, self->cursor_series, self->cursor_item))
    return;
  mark = csp_chart_layout_get_mark (layout, (guint) self->cursor_series, (guint) self->cursor_item);
  /* Nothing is drawn for a month without a figure, so nothing is ringed:
   * the value shown says "no figure". */
  if (mark->missing)
    return;
  csp_palette_role_color (layout->style.variant, CSP_PALETTE_TEXT, &color);
  color.alpha = 1;
  csp_color_set_source (&color, cr);
  cairo_set_line_width (cr, 2);
  switch (layout->kind)
    {
    case CSP_CHART_DONUT:
      cairo_new_path (cr);
      cairo_arc (cr, mark->x, mark->y, mark->outer_radius + 2, mark->start_angle, mark->end_angle);
      cairo_arc_negative (cr, mark->x, mark->y, MAX (0, mark->inner_radius - 2), mark->end_angle,
                          mark->start_angle);
      cairo_close_path (cr);
      break;
    case CSP_CHART_LINE:
      {
        double radius = MAX (layout->marker_size, layout->line_width * 3);

        cairo_new_path (cr);
        cairo_arc (cr, mark->x, mark->y, radius, 0, 2 * G_PI);
      }
      break;
    case CSP_CHART_STACKED_BAR:
    case CSP_CHART_HORIZONTAL_BAR:
    default:
      cairo_rectangle (cr, mark->rect.x - 2, mark->rect.y - 2, mark->rect.width + 4,
                       mark->rect.height + 4);
      break;
    }
  cairo_stroke (cr);
}

static void
csp_chart_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  CspChartView *self = CSP_CHART_VIEW (widget);
  CspChartLayout *layout = ensure_layout (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (layout == NULL)
    return;
  /* GTK renders the Cairo node at the surface's scale, so the chart stays
   * sharp on a high-density screen. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  csp_chart_layout_draw (layout, cr);
  if (gtk_widget_has_focus (widget))
    draw_cursor (self, layout, cr);
  cairo_destroy (cr);
}

static void
csp_chart_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                        int *natural, int *minimum_baseline, int *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 720;
    }
  else
    {
      *minimum = 240;
      *natural = 420;
    }
}

static void
csp_chart_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  CspChartView *self = CSP_CHART_VIEW (widget);

  if (self->layout != NULL &&
      (self->layout->bounds.width != width || self->layout->bounds.height != height))
    invalidate (self);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

/* A value left showing would come back with the chart, out of date. */
static void
csp_chart_view_unmap (GtkWidget *widget)
{
  hide_value (CSP_CHART_VIEW (widget));
  GTK_WIDGET_CLASS (csp_chart_view_parent_class)->unmap (widget);
}

static void
csp_chart_view_dispose (GObject *object)
{
  CspChartView *self = CSP_CHART_VIEW (object);

  g_clear_pointer (&self->popover, gtk_widget_unparent);
  g_clear_pointer (&self->layout, csp_chart_layout_free);
  if (self->chart != NULL)
    g_signal_handlers_disconnect_by_data (self->chart, self);
  g_clear_object (&self->chart);

  G_OBJECT_CLASS (csp_chart_view_parent_class)->dispose (object);
}

static void
csp_chart_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CspChartView *self = CSP_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;
    case PROP_DARK:
      g_value_set_boolean (value, self->dark);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_chart_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CspChartView *self = CSP_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      csp_chart_view_set_chart (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
csp_chart_view_class_init (CspChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csp_chart_view_dispose;
  object_class->get_property = csp_chart_view_get_property;
  object_class->set_property = csp_chart_view_set_property;
  widget_class->snapshot = csp_chart_view_snapshot;
  widget_class->measure = csp_chart_view_measure;
  widget_class->size_allocate = csp_chart_view_size_allocate;
  widget_class->unmap = csp_chart_view_unmap;

  properties[PROP_CHART] =
      g_param_spec_object ("chart", NULL, NULL, CSP_TYPE_CHART,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DARK] =
      g_param_spec_boolean ("dark", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CspChartView::mark-activated:
   * @series_key: the series' key in the chart's data
   * @category_key: the category's key ('YYYY-MM', a partner id, a RAG word)
   *
   * A mark was clicked, or Enter pressed on it.
   */
  signals[MARK_ACTIVATED] =
      g_signal_new ("mark-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "chart.move-item", "i", move_item_activated);
  gtk_widget_class_install_action (widget_class, "chart.move-series", "i", move_series_activated);
  gtk_widget_class_install_action (widget_class, "chart.activate-mark", NULL,
                                   activate_mark_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.move-item", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "chart.move-item", "i",
                                       -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.move-item", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "chart.move-item", "i",
                                       1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.move-item", "i",
                                       G_MININT32 / 2);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.move-item", "i",
                                       G_MAXINT32 / 2);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "chart.move-series", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, 0, "chart.move-series", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "chart.move-series", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, 0, "chart.move-series", "i",
                                       -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "chart.activate-mark",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "chart.activate-mark",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "chart.activate-mark", NULL);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
csp_chart_view_init (CspChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->shown_series = self->shown_item = -1;
  self->cursor_series = self->cursor_item = -1;
  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (focus, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  /* The value shown on hover: it points at the mark and takes neither the
   * focus nor the pointer, so the chart keeps both. */
  self->popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_TOP);
  gtk_widget_set_can_focus (self->popover, FALSE);
  gtk_widget_set_can_target (self->popover, FALSE);
  self->popover_label = gtk_label_new (NULL);
  gtk_popover_set_child (GTK_POPOVER (self->popover), self->popover_label);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  update_accessible_label (self);
}

/**
 * csp_chart_view_new:
 *
 * Returns: (transfer full): a view with no chart yet
 */
CspChartView *
csp_chart_view_new (void)
{
  return g_object_new (CSP_TYPE_CHART_VIEW, NULL);
}

/**
 * csp_chart_view_get_chart:
 *
 * Returns: (transfer none) (nullable): the chart shown
 */
CspChart *
csp_chart_view_get_chart (CspChartView *self)
{
  g_return_val_if_fail (CSP_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

/**
 * csp_chart_view_set_chart:
 * @chart: (nullable): the chart to show; the view follows its changes
 */
void
csp_chart_view_set_chart (CspChartView *self, CspChart *chart)
{
  g_return_if_fail (CSP_IS_CHART_VIEW (self));
  g_return_if_fail (chart == NULL || CSP_IS_CHART (chart));

  if (self->chart == chart)
    return;
  if (self->chart != NULL)
    g_signal_handlers_disconnect_by_data (self->chart, self);
  g_set_object (&self->chart, chart);
  if (chart != NULL)
    g_signal_connect_swapped (chart, "changed", G_CALLBACK (chart_changed_cb), self);
  chart_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

/**
 * csp_chart_view_get_layout:
 *
 * The layout drawn: in the view's coordinates, at its allocated size.
 *
 * Returns: (transfer none) (nullable): the layout, or %NULL before the
 *   view has a chart and a size
 */
CspChartLayout *
csp_chart_view_get_layout (CspChartView *self)
{
  g_return_val_if_fail (CSP_IS_CHART_VIEW (self), NULL);
  return ensure_layout (self);
}

/**
 * csp_chart_view_get_dark:
 *
 * Returns: whether the chart is drawn in the dark style's colours
 */
gboolean
csp_chart_view_get_dark (CspChartView *self)
{
  g_return_val_if_fail (CSP_IS_CHART_VIEW (self), FALSE);
  return self->dark;
}

/**
 * csp_chart_view_select_mark:
 *
 * Makes a mark the keyboard's, announces it and shows its value, as the
 * arrow keys do.
 *
 * Returns: whether the chart has that mark
 */
gboolean
csp_chart_view_select_mark (CspChartView *self, guint series, guint item)
{
  g_return_val_if_fail (CSP_IS_CHART_VIEW (self), FALSE);

  if (!has_mark (ensure_layout (self), (int) series, (int) item))
    return FALSE;
  set_cursor (self, series, item);
  return TRUE;
}

/**
 * csp_chart_view_get_cursor:
 * @series: (out) (optional): the keyboard's mark's series
 * @item: (out) (optional): its category
 *
 * Returns: whether a mark was chosen from the keyboard or by a click
 */
gboolean
csp_chart_view_get_cursor (CspChartView *self, guint *series, guint *item)
{
  g_return_val_if_fail (CSP_IS_CHART_VIEW (self), FALSE);

  if (self->cursor_series < 0)
    return FALSE;
  if (series != NULL)
    *series = (guint) self->cursor_series;
  if (item != NULL)
    *item = (guint) self->cursor_item;
  return TRUE;
}

/**
 * csp_chart_view_get_value_text:
 *
 * Returns: (nullable): the value the popover shows, or %NULL when it is hidden
 */
const char *
csp_chart_view_get_value_text (CspChartView *self)
{
  g_return_val_if_fail (CSP_IS_CHART_VIEW (self), NULL);

  if (self->shown_series < 0)
    return NULL;
  return gtk_label_get_text (GTK_LABEL (self->popover_label));
}

/**
 * csp_chart_view_describe_mark:
 *
 * Returns: (transfer full) (nullable): a mark's category, series and
 *   exact value as the popover shows them, or %NULL when there is no such mark
 */
char *
csp_chart_view_describe_mark (CspChartView *self, guint series, guint item)
{
  CspChartLayout *layout;

  g_return_val_if_fail (CSP_IS_CHART_VIEW (self), NULL);

  layout = ensure_layout (self);
  if (!has_mark (layout, (int) series, (int) item))
    return NULL;
  return describe (layout, series, item);
}

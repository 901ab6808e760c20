/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-report-preview-window"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-report-layout.h"
#include "csp-report-preview-window.h"

/* The committee report's pages inside CSP Engage, drawn by the same page
 * drawing as its PDF and its print-out, one under another, zoomable
 * (Ctrl+plus, Ctrl+minus, Ctrl+0). No outside PDF viewer is needed. */

#define PIXELS_PER_POINT (96.0 / 72.0)
#define ZOOM_MIN 0.25
#define ZOOM_MAX 4.0
#define ZOOM_STEP 1.25

struct _CspReportPreviewWindow
{
  AdwWindow parent_instance;

  CspReportContent *content;
  GPtrArray *charts;
  CspReportLayout *layout;
  double zoom;

  GtkWidget *scrolled;
  guint centre_source;
  GtkWidget *pages;      /* a vertical box of drawing areas */
  GtkWidget *zoom_label; /* "100%" */
};

G_DEFINE_FINAL_TYPE (CspReportPreviewWindow, csp_report_preview_window, ADW_TYPE_WINDOW)

static void
draw_page (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  CspReportPreviewWindow *self = user_data;
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "csp-page"));
  double scale = PIXELS_PER_POINT * self->zoom;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  csp_report_layout_draw_page (self->layout, index, cr);
}

/* Each page as large as the zoom makes it. */
static void
apply_zoom (CspReportPreviewWindow *self)
{
  g_autofree char *percent = g_strdup_printf (_ ("%d%%"), (int) (self->zoom * 100 + 0.5));
  guint index = 0;

  for (GtkWidget *area = gtk_widget_get_first_child (self->pages); area != NULL;
       area = gtk_widget_get_next_sibling (area), index++)
    {
      const CspReportPage *page = csp_report_layout_get_page (self->layout, index);

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area),
                                          (int) (page->width * PIXELS_PER_POINT * self->zoom));
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area),
                                           (int) (page->height * PIXELS_PER_POINT * self->zoom));
      gtk_widget_queue_draw (area);
    }
  gtk_label_set_text (GTK_LABEL (self->zoom_label), percent);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-in", self->zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preview.zoom-out", self->zoom > ZOOM_MIN);
}

static void
zoom_in_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspReportPreviewWindow *self = CSP_REPORT_PREVIEW_WINDOW (widget);

  self->zoom = MIN (ZOOM_MAX, self->zoom * ZOOM_STEP);
  apply_zoom (self);
}

static void
zoom_out_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspReportPreviewWindow *self = CSP_REPORT_PREVIEW_WINDOW (widget);

  self->zoom = MAX (ZOOM_MIN, self->zoom / ZOOM_STEP);
  apply_zoom (self);
}

static void
zoom_reset_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  CspReportPreviewWindow *self = CSP_REPORT_PREVIEW_WINDOW (widget);

  self->zoom = 1.0;
  apply_zoom (self);
}

/* Portrait and landscape pages share one column, as wide as the widest
 * page: the view keeps to its middle, where every page is centred, rather
 * than to its left edge, which would cut the portrait pages' right side.
 * It moves once the scrolled window's allocation is over: a move asked
 * for during it is lost. */
static gboolean
centre_view (gpointer user_data)
{
  CspReportPreviewWindow *self = user_data;
  GtkAdjustment *adjustment =
      gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scrolled));

  self->centre_source = 0;
  gtk_adjustment_set_value (
      adjustment,
      (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment)) / 2);
  return G_SOURCE_REMOVE;
}

static void
hadjustment_changed_cb (GtkAdjustment *adjustment, CspReportPreviewWindow *self)
{
  if (self->centre_source == 0)
    self->centre_source = g_idle_add (centre_view, self);
}

static void
csp_report_preview_window_dispose (GObject *object)
{
  CspReportPreviewWindow *self = CSP_REPORT_PREVIEW_WINDOW (object);

  /* The scrolled window may still resize while it goes: no centring
   * is asked for after this. */
  if (self->scrolled != NULL)
    g_signal_handlers_disconnect_by_data (
        gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scrolled)), self);
  g_clear_handle_id (&self->centre_source, g_source_remove);
  g_clear_pointer (&self->layout, csp_report_layout_free);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  g_clear_pointer (&self->content, csp_report_content_free);

  G_OBJECT_CLASS (csp_report_preview_window_parent_class)->dispose (object);
}

static void
csp_report_preview_window_class_init (CspReportPreviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = csp_report_preview_window_dispose;

  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_in_activated);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_out_activated);
  gtk_widget_class_install_action (widget_class, "preview.zoom-reset", NULL, zoom_reset_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "preview.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/csp-report-preview-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CspReportPreviewWindow, scrolled);
  gtk_widget_class_bind_template_child (widget_class, CspReportPreviewWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, CspReportPreviewWindow, zoom_label);
}

static void
csp_report_preview_window_init (CspReportPreviewWindow *self)
{
  self->zoom = 1.0;
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->scrolled)),
                    "changed", G_CALLBACK (hadjustment_changed_cb), self);
}

/**
 * csp_report_preview_window_new:
 * @parent: (nullable): the window it belongs to
 * @content: (transfer full): the report
 * @charts: (transfer full): its charts (csp_report_charts_new())
 *
 * Returns: (transfer full): the window with the report's pages, not yet shown
 */
CspReportPreviewWindow *
csp_report_preview_window_new (GtkWindow *parent, CspReportContent *content, GPtrArray *charts)
{
  CspReportPreviewWindow *self = g_object_new (CSP_TYPE_REPORT_PREVIEW_WINDOW, NULL);
  PangoContext *pango = csp_report_layout_create_context ();
  guint n_pages;
  g_autofree char *title = NULL;

  g_return_val_if_fail (content != NULL, NULL);
  g_return_val_if_fail (charts != NULL, NULL);

  self->content = content;
  self->charts = charts;
  self->layout = csp_report_layout_new_for_content (content, charts, pango);
  g_object_unref (pango);
  n_pages = csp_report_layout_get_n_pages (self->layout);
  for (guint i = 0; i < n_pages; i++)
    {
      GtkWidget *area = gtk_drawing_area_new ();
      /* TRANSLATORS: a page of the report's preview, for screen readers */
      g_autofree char *name = g_strdup_printf (_ ("Page %u of %u"), i + 1, n_pages);

      g_object_set_data (G_OBJECT (area), "csp-page", GUINT_TO_POINTER (i));
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_page, self, NULL);
      gtk_widget_add_css_class (area, "card");
      gtk_widget_set_halign (area, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
      gtk_box_append (GTK_BOX (self->pages), area);
    }
  apply_zoom (self);
  /* TRANSLATORS: the preview window's title: the report's title, its number of pages */
  title = g_strdup_printf (
      g_dngettext (NULL, "Preview: %s (%u page)", "Preview: %s (%u pages)", n_pages),
      content->title, n_pages);
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  return self;
}

guint
csp_report_preview_window_get_n_pages (CspReportPreviewWindow *self)
{
  g_return_val_if_fail (CSP_IS_REPORT_PREVIEW_WINDOW (self), 0);
  return csp_report_layout_get_n_pages (self->layout);
}

/**
 * csp_report_preview_window_get_page:
 *
 * Returns: (transfer none) (nullable): the widget that draws page @page
 */
GtkWidget *
csp_report_preview_window_get_page (CspReportPreviewWindow *self, guint page)
{
  GtkWidget *area;

  g_return_val_if_fail (CSP_IS_REPORT_PREVIEW_WINDOW (self), NULL);

  area = gtk_widget_get_first_child (self->pages);
  for (guint i = 0; area != NULL && i < page; i++)
    area = gtk_widget_get_next_sibling (area);
  return area;
}

double
csp_report_preview_window_get_zoom (CspReportPreviewWindow *self)
{
  g_return_val_if_fail (CSP_IS_REPORT_PREVIEW_WINDOW (self), 1.0);
  return self->zoom;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-test-util.h"

#include <adwaita.h>
#include <string.h>

#include "csp-figures-page.h"
#include "csp-records.h"

/* The Monthly Figures grid on the sample partnership under a real display
 * (Xvfb in CI), used as a spreadsheet: Enter and Tab save a figure and
 * move on, typing replaces a cell's figure, Escape puts it back; figures
 * with thousands separators; row labels whole; the months scrolling
 * under the row labels. Keys go through the cells' own key controller, as
 * the keyboard's do; a key the controller lets pass is typed as the text
 * entry would type it. */

/* The sample's metrics: Twitter's reach and engagements (a row below it). */
#define TWITTER_REACH 2
#define TWITTER_ENGAGEMENTS 3

typedef struct
{
  GuiFixture gui;
  GtkWindow *window;
  CspFiguresPage *page;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  gui_fixture_set_up (&fixture->gui);
  fixture->page = csp_figures_page_new (fixture->gui.context);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1280, 800);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  present_window (fixture->window);
  /* The financial year 2021-22: April to June have figures, July on none. */
  csp_figures_page_show_year (fixture->page, 2021);
  settle ();
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (fixture->window);
  gui_fixture_tear_down (&fixture->gui);
}

static GtkWidget *
cell (Fixture *fixture, gint64 metric_id, const char *month)
{
  GtkEditable *entry = csp_figures_page_get_cell (fixture->page, metric_id, month);

  g_assert_nonnull (entry);
  return GTK_WIDGET (entry);
}

static const char *
text_of (Fixture *fixture, gint64 metric_id, const char *month)
{
  return gtk_editable_get_text (GTK_EDITABLE (cell (fixture, metric_id, month)));
}

static GtkEventController *
key_controller (GtkWidget *entry)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (entry);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return controller;
    }
  g_error ("the cell has no key controller");
  return NULL;
}

static GtkWidget *
focused_cell (Fixture *fixture)
{
  GtkWidget *focus = gtk_window_get_focus (fixture->window);

  return focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY) : NULL;
}

/* A key pressed in the focused cell; returns whether the cell took it. */
static gboolean
press (Fixture *fixture, guint keyval, GdkModifierType state)
{
  GtkWidget *entry = focused_cell (fixture);
  gboolean handled = FALSE;

  g_assert_nonnull (entry);
  g_signal_emit_by_name (key_controller (entry), "key-pressed", keyval, 0, state, &handled);
  settle ();
  return handled;
}

/* Typed into the focused cell: each key through the cell's controller
 * first, then, as the text entry does, over the selection at the cursor. */
static void
type (Fixture *fixture, const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!press (fixture, gdk_unicode_to_keyval ((guint8) *p), 0))
      {
        GtkEditable *entry = GTK_EDITABLE (focused_cell (fixture));
        int position;

        gtk_editable_delete_selection (entry);
        position = gtk_editable_get_position (entry);
        gtk_editable_insert_text (entry, p, 1, &position);
        gtk_editable_set_position (entry, position);
      }
}

/* The stored figure, or -1 when there is none. */
static gint64
stored_figure (Fixture *fixture, gint64 metric_id, const char *month)
{
  g_autoptr (GError) error = NULL;
  CspQuery query = { .from_date = month, .to_date = month };
  g_autoptr (GPtrArray) values =
      csp_store_list (fixture->gui.store, CSP_TYPE_METRIC_VALUE, &query, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < values->len; i++)
    if (csp_record_get_int (g_ptr_array_index (values, i), "metric_id") == metric_id)
      return csp_record_get_int (g_ptr_array_index (values, i), "value");
  return -1;
}

static void
focus_cell (Fixture *fixture, gint64 metric_id, const char *month)
{
  gtk_widget_grab_focus (cell (fixture, metric_id, month));
  settle ();
  g_assert_true (focused_cell (fixture) == cell (fixture, metric_id, month));
}

static void
assert_focus (Fixture *fixture, gint64 metric_id, const char *month)
{
  if (focused_cell (fixture) != cell (fixture, metric_id, month))
    g_error ("the focus is not on metric %" G_GINT64_FORMAT ", %s", metric_id, month);
}

/* The user's day: a July figure typed and entered, then the next row's. */
static void
test_enter_moves_down (Fixture *fixture, gconstpointer data)
{
  g_autofree char *before = NULL;

  focus_cell (fixture, TWITTER_REACH, "2021-07");
  type (fixture, "41250");
  g_assert_true (press (fixture, GDK_KEY_Return, 0));

  /* Saved, shown with its thousands separator, and the next row's cell
   * for the same month is the one typed in next. */
  g_assert_cmpint (stored_figure (fixture, TWITTER_REACH, "2021-07"), ==, 41250);
  g_assert_cmpstr (text_of (fixture, TWITTER_REACH, "2021-07"), ==, "41,250");
  assert_focus (fixture, TWITTER_ENGAGEMENTS, "2021-07");
  type (fixture, "1234");
  g_assert_true (press (fixture, GDK_KEY_KP_Enter, 0));
  g_assert_cmpint (stored_figure (fixture, TWITTER_ENGAGEMENTS, "2021-07"), ==, 1234);
  /* The figure before is as it was: nothing typed in front of it. */
  g_assert_cmpstr (text_of (fixture, TWITTER_REACH, "2021-07"), ==, "41,250");

  /* Shift+Enter goes back up. */
  before = g_strdup (text_of (fixture, TWITTER_ENGAGEMENTS, "2021-07"));
  focus_cell (fixture, TWITTER_ENGAGEMENTS, "2021-07");
  g_assert_true (press (fixture, GDK_KEY_Return, GDK_SHIFT_MASK));
  assert_focus (fixture, TWITTER_REACH, "2021-07");
  g_assert_cmpstr (text_of (fixture, TWITTER_ENGAGEMENTS, "2021-07"), ==, before);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-figures-entered.png");
}

/* Tab goes right and Shift+Tab left, saving as they go. */
static void
test_tab_moves_right (Fixture *fixture, gconstpointer data)
{
  focus_cell (fixture, TWITTER_REACH, "2021-07");
  type (fixture, "500");
  g_assert_true (press (fixture, GDK_KEY_Tab, 0));
  g_assert_cmpint (stored_figure (fixture, TWITTER_REACH, "2021-07"), ==, 500);
  assert_focus (fixture, TWITTER_REACH, "2021-08");
  type (fixture, "2,000");
  g_assert_true (press (fixture, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK));
  g_assert_cmpint (stored_figure (fixture, TWITTER_REACH, "2021-08"), ==, 2000);
  g_assert_cmpstr (text_of (fixture, TWITTER_REACH, "2021-08"), ==, "2,000");
  assert_focus (fixture, TWITTER_REACH, "2021-07");
}

/* Typing into a cell that holds a figure replaces it, even with the
 * cursor put at its start (as a click there leaves it); Escape puts the
 * figure back. */
static void
test_typing_replaces (Fixture *fixture, gconstpointer data)
{
  GtkWidget *june = cell (fixture, TWITTER_REACH, "2021-06");
  gint64 stored = stored_figure (fixture, TWITTER_REACH, "2021-06");
  g_autofree char *shown = g_strdup (text_of (fixture, TWITTER_REACH, "2021-06"));

  g_assert_cmpint (stored, >=, 1000);
  g_assert_nonnull (strchr (shown, ','));
  focus_cell (fixture, TWITTER_REACH, "2021-06");
  gtk_editable_set_position (GTK_EDITABLE (june), 0);
  type (fixture, "12");
  g_assert_cmpstr (text_of (fixture, TWITTER_REACH, "2021-06"), ==, "12");

  /* Escape: the figure as it was, nothing saved, still in the cell. */
  g_assert_true (press (fixture, GDK_KEY_Escape, 0));
  g_assert_cmpstr (text_of (fixture, TWITTER_REACH, "2021-06"), ==, shown);
  g_assert_cmpint (stored_figure (fixture, TWITTER_REACH, "2021-06"), ==, stored);
  assert_focus (fixture, TWITTER_REACH, "2021-06");

  /* Typing again after Escape replaces again; Enter saves it. */
  type (fixture, "39000");
  g_assert_cmpstr (text_of (fixture, TWITTER_REACH, "2021-06"), ==, "39000");
  g_assert_true (press (fixture, GDK_KEY_Return, 0));
  g_assert_cmpint (stored_figure (fixture, TWITTER_REACH, "2021-06"), ==, 39000);
  g_assert_cmpstr (text_of (fixture, TWITTER_REACH, "2021-06"), ==, "39,000");
}

/* A figure that is not a number keeps the person in its cell, saying why. */
static void
test_bad_figure_stays (Fixture *fixture, gconstpointer data)
{
  focus_cell (fixture, TWITTER_REACH, "2021-07");
  type (fixture, "12k");
  g_assert_true (press (fixture, GDK_KEY_Return, 0));
  assert_focus (fixture, TWITTER_REACH, "2021-07");
  g_assert_true (gtk_widget_has_css_class (cell (fixture, TWITTER_REACH, "2021-07"), "error"));
  g_assert_cmpint (stored_figure (fixture, TWITTER_REACH, "2021-07"), ==, -1);
  g_assert_true (press (fixture, GDK_KEY_Escape, 0));
  g_assert_cmpstr (text_of (fixture, TWITTER_REACH, "2021-07"), ==, "");
  g_assert_false (gtk_widget_has_css_class (cell (fixture, TWITTER_REACH, "2021-07"), "error"));
}

/* Every row label is whole: none is ellipsized, each wraps at a word if
 * it must, and each has a tooltip with the name in full. */
static void
test_row_labels_whole (Fixture *fixture, gconstpointer data)
{
  GtkWidget *entry = cell (fixture, TWITTER_REACH, "2021-04");
  GtkWidget *grid = gtk_widget_get_ancestor (entry, GTK_TYPE_GRID);
  GtkWidget *box = gtk_widget_get_ancestor (grid, GTK_TYPE_BOX);
  GtkWidget *labels = gtk_widget_get_first_child (box);
  guint n_labels = 0;

  g_assert_true (GTK_IS_GRID (labels) && labels != grid);
  for (GtkWidget *child = gtk_widget_get_first_child (labels); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PangoLayout *layout;

      g_assert_true (GTK_IS_LABEL (child));
      layout = gtk_label_get_layout (GTK_LABEL (child));
      g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (child)), ==, PANGO_ELLIPSIZE_NONE);
      g_assert_false (pango_layout_is_ellipsized (layout));
      /* A wrapped label breaks between words: no line ends inside one. */
      for (GSList *line = pango_layout_get_lines_readonly (layout); line != NULL && line->next;
           line = line->next)
        {
          const char *text = pango_layout_get_text (layout);
          PangoLayoutLine *first = line->data;
          int end = first->start_index + first->length;

          g_assert_true (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '-'));
        }
      if (gtk_widget_get_first_child (labels) != child)
        g_assert_nonnull (gtk_widget_get_tooltip_text (child));
      n_labels++;
    }
  /* The heading, five channels and nine metrics. */
  g_assert_cmpuint (n_labels, ==, 1 + 5 + 9);
}

static gboolean
is_in_view (gconstpointer data)
{
  GtkWidget *entry = (GtkWidget *) data;
  GtkWidget *scroller = gtk_widget_get_ancestor (entry, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (entry, scroller, &bounds) && bounds.origin.x >= 0 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (scroller) + 0.5;
}

/* At 1280 pixels the later months are reached by scrolling, and the row
 * labels stay where they are while the months scroll under them. */
static void
test_months_scroll_under_labels (Fixture *fixture, gconstpointer data)
{
  GtkWidget *march = cell (fixture, TWITTER_REACH, "2022-03");
  GtkWidget *scroller = gtk_widget_get_ancestor (march, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *across = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));
  GtkWidget *labels = gtk_widget_get_first_child (gtk_widget_get_parent (scroller));
  graphene_rect_t before, after;

  g_assert_true (gtk_widget_compute_bounds (labels, GTK_WIDGET (fixture->window), &before));
  g_assert_false (is_in_view (march));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-figures-1280.png");

  focus_cell (fixture, TWITTER_REACH, "2022-03");
  wait_until (is_in_view, march, "the last month to scroll into view");
  g_assert_cmpfloat (gtk_adjustment_get_value (across), >, 0);
  g_assert_true (gtk_widget_compute_bounds (labels, GTK_WIDGET (fixture->window), &after));
  g_assert_cmpfloat (after.origin.x, ==, before.origin.x);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-figures-1280-scrolled.png");

  /* Smaller still, the same. */
  gtk_window_set_default_size (fixture->window, 1024, 700);
  wait_for_frame (GTK_WIDGET (fixture->window));
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-figures-1024.png");
}

static void
test_accessible_names (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GString) unnamed = g_string_new (NULL);

  collect_unnamed (GTK_WIDGET (fixture->window), unnamed);
  if (unnamed->len > 0)
    g_error ("Controls without an accessible name:%s", unnamed->str);
}

int
main (int argc, char **argv)
{
  if (!gui_test_init (&argc, &argv))
    return 77;

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/figures/enter-moves-down", test_enter_moves_down);
  ADD ("/figures/tab-moves-right", test_tab_moves_right);
  ADD ("/figures/typing-replaces", test_typing_replaces);
  ADD ("/figures/bad-figure-stays", test_bad_figure_stays);
  ADD ("/figures/row-labels-whole", test_row_labels_whole);
  ADD ("/figures/months-scroll-under-labels", test_months_scroll_under_labels);
  ADD ("/figures/accessible-names", test_accessible_names);
#undef ADD
  return g_test_run ();
}

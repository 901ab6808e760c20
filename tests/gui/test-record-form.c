/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-test-util.h"

#include <adwaita.h>

#include "csp-record-form.h"
#include "csp-records.h"

/* The record form against the text limits of the record layer: a field
 * over its limit is flagged, its problem readable in words and given to
 * assistive technology, and the record cannot be saved; a text area near
 * its limit says how much of it is used. */

static const CspFormGroup groups[] = {
  { NULL, "title start_date format mode status" },
  { NULL, "outcome" },
};

typedef struct
{
  GuiFixture gui;
  GtkWindow *window;
  CspRecordForm *form;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (CspRecord) activity = NULL;

  gui_fixture_set_up (&fixture->gui);
  fixture->form =
      csp_record_form_new (fixture->gui.context, CSP_TYPE_ACTIVITY, groups, G_N_ELEMENTS (groups));
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 700, 900);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->form));
  activity = csp_store_get (fixture->gui.store, CSP_TYPE_ACTIVITY, 1, &error);
  g_assert_no_error (error);
  csp_record_form_set_record (fixture->form, activity);
  present_window (fixture->window);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  gtk_window_destroy (fixture->window);
  gui_fixture_tear_down (&fixture->gui);
}

static char *
repeat_char (const char *unit, guint n_chars)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_chars; i++)
    g_string_append (text, unit);
  return g_string_free (text, FALSE);
}

/* The label under a text area that says its problem: an alert. */
static GtkLabel *
find_alert (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) &&
          gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)) == GTK_ACCESSIBLE_ROLE_ALERT)
        return GTK_LABEL (child);
      found = find_alert (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* One character over the title's limit: flagged, the form invalid, the
 * message the store would give; back at the limit, all is well, however
 * many bytes its characters take. */
static void
test_entry_over_limit (Fixture *fixture, gconstpointer data)
{
  GtkWidget *title = csp_record_form_get_field (fixture->form, "title");
  g_autofree char *over = repeat_char ("a", 301);
  g_autofree char *at_limit = repeat_char ("ë", 300);

  gtk_editable_set_text (GTK_EDITABLE (title), over);
  g_assert_false (csp_record_form_get_valid (fixture->form));
  g_assert_cmpstr (csp_record_form_get_problem (fixture->form), ==,
                   "Title: too long (301 characters; at most 300)");
  g_assert_true (gtk_widget_has_css_class (title, "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "Title: too long (301 characters; at most 300)");
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-form-title-too-long.png");

  gtk_editable_set_text (GTK_EDITABLE (title), at_limit);
  g_assert_true (csp_record_form_get_valid (fixture->form));
  g_assert_null (csp_record_form_get_problem (fixture->form));
  g_assert_false (gtk_widget_has_css_class (title, "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_FALSE);
}

/* A text area says how much room is left near its limit, and over it
 * says what is wrong, in words under it that screen readers announce. */
static void
test_text_area_over_limit (Fixture *fixture, gconstpointer data)
{
  GtkWidget *outcome = csp_record_form_get_field (fixture->form, "outcome");
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (outcome));
  GtkLabel *alert = find_alert (gtk_widget_get_ancestor (outcome, ADW_TYPE_PREFERENCES_GROUP));
  g_autofree char *near = repeat_char ("–", 19000);
  g_autofree char *over = repeat_char ("–", 20001);

  g_assert_nonnull (alert);
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (outcome),
                                       GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, alert, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (alert)));

  gtk_text_buffer_set_text (buffer, near, -1);
  g_assert_true (csp_record_form_get_valid (fixture->form));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (alert)));
  g_assert_cmpstr (gtk_label_get_text (alert), ==, "19000 of 20000 characters");

  gtk_text_buffer_set_text (buffer, over, -1);
  g_assert_false (csp_record_form_get_valid (fixture->form));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (alert)));
  g_assert_cmpstr (gtk_label_get_text (alert), ==,
                   "Outcome: too long (20001 characters; at most 20000)");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (alert), "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (outcome), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  save_screenshot (GTK_WIDGET (fixture->window), "screenshot-form-outcome-too-long.png");

  gtk_text_buffer_set_text (buffer, "Short again.", -1);
  g_assert_true (csp_record_form_get_valid (fixture->form));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (alert)));
}

int
main (int argc, char **argv)
{
  gui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/record-form/limits/entry", test_entry_over_limit);
  ADD ("/record-form/limits/text-area", test_text_area_over_limit);
#undef ADD
  return g_test_run ();
}

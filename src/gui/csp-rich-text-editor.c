/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "csp-rich-text-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "csp-rich-text-editor.h"
#include "csp-rich-text.h"

/* A text view for a report's paragraphs with their formatting: a row of
 * buttons (and Ctrl+B, Ctrl+I) that put the small markup of
 * csp-rich-text.h round the selection or before its lines, and the text
 * shown as it will print while it is typed — bold in bold, the markers
 * dimmed — so nobody has to learn the markup, and what is stored is
 * still plain, readable text. */

static const struct
{
  CspRichFormat format;
  const char *icon;   /* or, without one, */
  const char *label;  /* a label */
  const char *tip;    /* N_() */
  const char *marker; /* a span's, or NULL for a list */
} buttons[] = {
  { CSP_RICH_FORMAT_BOLD, "format-text-bold-symbolic", NULL, N_ ("Bold (Ctrl+B)"), "**" },
  { CSP_RICH_FORMAT_ITALIC, "format-text-italic-symbolic", NULL, N_ ("Italic (Ctrl+I)"), "*" },
  { CSP_RICH_FORMAT_SUPERSCRIPT, NULL, "x²", N_ ("Superscript, as in 8th"), "^" },
  { CSP_RICH_FORMAT_BULLETS, "view-list-bullet-symbolic", NULL, N_ ("Bulleted list"), NULL },
  { CSP_RICH_FORMAT_NUMBERS, "view-list-ordered-symbolic", NULL, N_ ("Numbered list"), NULL },
};

/* Shows one piece as it prints: a marker dimmed, text in its styles. */
static void
tag_piece (gsize start, gsize length, guint style, gboolean marker, gpointer user_data)
{
  GtkTextIter *line = user_data;
  GtkTextBuffer *buffer = gtk_text_iter_get_buffer (line);
  GtkTextIter from = *line, to = *line;

  gtk_text_iter_set_line_index (&from, (int) start);
  gtk_text_iter_set_line_index (&to, (int) (start + length));
  if (marker)
    {
      gtk_text_buffer_apply_tag_by_name (buffer, "rich-marker", &from, &to);
      return;
    }
  if (style & CSP_RICH_BOLD)
    gtk_text_buffer_apply_tag_by_name (buffer, "rich-bold", &from, &to);
  if (style & CSP_RICH_ITALIC)
    gtk_text_buffer_apply_tag_by_name (buffer, "rich-italic", &from, &to);
  if (style & CSP_RICH_SUPERSCRIPT)
    gtk_text_buffer_apply_tag_by_name (buffer, "rich-superscript", &from, &to);
}

static void
show_formatting (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_all_tags (buffer, &start, &end);
  for (int i = 0; i < gtk_text_buffer_get_line_count (buffer); i++)
    {
      GtkTextIter line, line_end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_iter_at_line (buffer, &line, i);
      line_end = line;
      if (!gtk_text_iter_ends_line (&line_end))
        gtk_text_iter_forward_to_line_end (&line_end);
      text = gtk_text_buffer_get_text (buffer, &line, &line_end, TRUE);
      csp_rich_text_scan_line (text, tag_piece, &line);
    }
}

/* Puts @marker round the selection, or takes it away if it is there; with
 * nothing selected, a pair to type between. */
static void
toggle_span (GtkTextBuffer *buffer, const char *marker)
{
  GtkTextIter start, end, before, after;
  int length = (int) g_utf8_strlen (marker, -1);
  g_autofree char *in_front = NULL;
  g_autofree char *behind = NULL;
  GtkTextMark *start_mark, *end_mark;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  before = start;
  after = end;
  gtk_text_iter_backward_chars (&before, length);
  gtk_text_iter_forward_chars (&after, length);
  in_front = gtk_text_buffer_get_text (buffer, &before, &start, TRUE);
  behind = gtk_text_buffer_get_text (buffer, &end, &after, TRUE);
  gtk_text_buffer_begin_user_action (buffer);
  start_mark = gtk_text_buffer_create_mark (buffer, NULL, &start, TRUE);
  end_mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);
  if (!gtk_text_iter_equal (&start, &end) && g_str_equal (in_front, marker) &&
      g_str_equal (behind, marker))
    {
      gtk_text_buffer_delete (buffer, &end, &after);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
      before = start;
      gtk_text_iter_backward_chars (&before, length);
      gtk_text_buffer_delete (buffer, &before, &start);
    }
  else
    {
      gtk_text_buffer_insert (buffer, &end, marker, -1);
      gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
      gtk_text_buffer_insert (buffer, &start, marker, -1);
    }
  /* The same text stays selected; with none, the cursor between the pair. */
  gtk_text_buffer_get_iter_at_mark (buffer, &start, start_mark);
  gtk_text_buffer_get_iter_at_mark (buffer, &end, end_mark);
  if (gtk_text_iter_equal (&start, &end))
    gtk_text_iter_backward_chars (&end, length);
  gtk_text_buffer_select_range (buffer, &start, &end);
  gtk_text_buffer_delete_mark (buffer, start_mark);
  gtk_text_buffer_delete_mark (buffer, end_mark);
  gtk_text_buffer_end_user_action (buffer);
}

/* Makes the selected lines (or the cursor's) items of a list; lines that
 * are already items of that kind stop being items. */
static void
toggle_list (GtkTextBuffer *buffer, gboolean numbered)
{
  GtkTextIter start, end;
  int first, last;
  gboolean all_items = TRUE;

  gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
  first = gtk_text_iter_get_line (&start);
  last = gtk_text_iter_get_line (&end);
  for (int i = first; i <= last; i++)
    {
      GtkTextIter line, line_end;
      g_autofree char *text = NULL;
      CspRichLineKind kind;

      gtk_text_buffer_get_iter_at_line (buffer, &line, i);
      line_end = line;
      if (!gtk_text_iter_ends_line (&line_end))
        gtk_text_iter_forward_to_line_end (&line_end);
      text = gtk_text_buffer_get_text (buffer, &line, &line_end, TRUE);
      csp_rich_text_list_prefix (text, &kind);
      all_items &= kind == (numbered ? CSP_RICH_LINE_NUMBERED : CSP_RICH_LINE_BULLET);
    }
  gtk_text_buffer_begin_user_action (buffer);
  for (int i = first, n = 1; i <= last; i++)
    {
      GtkTextIter line, line_end, prefix_end;
      g_autofree char *text = NULL;
      CspRichLineKind kind;
      gsize prefix;

      gtk_text_buffer_get_iter_at_line (buffer, &line, i);
      line_end = line;
      if (!gtk_text_iter_ends_line (&line_end))
        gtk_text_iter_forward_to_line_end (&line_end);
      text = gtk_text_buffer_get_text (buffer, &line, &line_end, TRUE);
      prefix = csp_rich_text_list_prefix (text, &kind);
      prefix_end = line;
      gtk_text_iter_forward_chars (&prefix_end, (int) g_utf8_strlen (text, (gssize) prefix));
      gtk_text_buffer_delete (buffer, &line, &prefix_end);
      if (!all_items && *g_strstrip (text) != '\0')
        {
          g_autofree char *marker = numbered ? g_strdup_printf ("%d. ", n++) : g_strdup ("- ");

          gtk_text_buffer_insert (buffer, &line, marker, -1);
        }
    }
  gtk_text_buffer_end_user_action (buffer);
}

/**
 * csp_rich_text_editor_apply:
 *
 * Formats the selection (or the lines it is on) of @view as a button or
 * shortcut of its toolbar does.
 */
void
csp_rich_text_editor_apply (GtkTextView *view, CspRichFormat format)
{
  GtkTextBuffer *buffer;

  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  buffer = gtk_text_view_get_buffer (view);
  if (format == CSP_RICH_FORMAT_BULLETS || format == CSP_RICH_FORMAT_NUMBERS)
    toggle_list (buffer, format == CSP_RICH_FORMAT_NUMBERS);
  else
    for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
      if (buttons[i].format == format)
        toggle_span (buffer, buttons[i].marker);
  gtk_widget_grab_focus (GTK_WIDGET (view));
}

static void
button_clicked_cb (GtkButton *button, GtkTextView *view)
{
  csp_rich_text_editor_apply (
      view, (CspRichFormat) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "csp-format")));
}

static gboolean
shortcut_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  csp_rich_text_editor_apply (GTK_TEXT_VIEW (widget), (CspRichFormat) g_variant_get_int32 (args));
  return TRUE;
}

static void
add_shortcut (GtkEventController *controller, guint key, CspRichFormat format)
{
  gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new_with_arguments (gtk_keyval_trigger_new (key, GDK_CONTROL_MASK),
                                       gtk_callback_action_new (shortcut_cb, NULL, NULL), "i",
                                       (gint32) format));
}

/**
 * csp_rich_text_editor_attach:
 * @view: a text view of a paragraph's text, with its markup
 * @name: what the text is, for the buttons' names to screen readers,
 *   e.g. "section 3"
 *
 * Shows @view's formatting as it prints, and gives it Ctrl+B and Ctrl+I.
 *
 * Returns: (transfer floating): the row of formatting buttons, to put
 *   above @view
 */
GtkWidget *
csp_rich_text_editor_attach (GtkTextView *view, const char *name)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_text_buffer_create_tag (buffer, "rich-bold", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "rich-italic", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "rich-superscript", "rise", 4 * PANGO_SCALE, "scale",
                              PANGO_SCALE_SMALL, NULL);
  gtk_text_buffer_create_tag (buffer, "rich-marker", "foreground", "gray", NULL);
  g_signal_connect (buffer, "changed", G_CALLBACK (show_formatting), NULL);
  show_formatting (buffer);

  add_shortcut (shortcuts, GDK_KEY_b, CSP_RICH_FORMAT_BOLD);
  add_shortcut (shortcuts, GDK_KEY_i, CSP_RICH_FORMAT_ITALIC);
  gtk_widget_add_controller (GTK_WIDGET (view), shortcuts);

  gtk_widget_add_css_class (bar, "linked");
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *button = buttons[i].icon != NULL ? gtk_button_new_from_icon_name (buttons[i].icon)
                                                  : gtk_button_new_with_label (buttons[i].label);
      /* TRANSLATORS: a formatting button's name: what it does, then what it formats */
      g_autofree char *label = g_strdup_printf (_ ("%s: %s"), _ (buttons[i].tip), name);

      gtk_widget_set_tooltip_text (button, _ (buttons[i].tip));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_widget_set_focus_on_click (button, FALSE);
      g_object_set_data (G_OBJECT (button), "csp-format", GINT_TO_POINTER (buttons[i].format));
      g_signal_connect_object (button, "clicked", G_CALLBACK (button_clicked_cb), view, 0);
      gtk_box_append (GTK_BOX (bar), button);
    }
  gtk_widget_set_halign (bar, GTK_ALIGN_START);
  return bar;
}

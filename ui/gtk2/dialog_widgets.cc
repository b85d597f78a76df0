#include "gtk2/dialog_widgets.h"

#include <vector>

namespace gpt_image {

void add_row(GtkWidget *table, int row, const char *label_text, GtkWidget *widget, GtkWidget *focus) {
  GtkWidget *label = gtk_label_new_with_mnemonic(label_text);
  gtk_misc_set_alignment(GTK_MISC(label), 0.0, 0.0);
  gtk_label_set_mnemonic_widget(GTK_LABEL(label), focus ? focus : widget);
  gtk_table_attach(GTK_TABLE(table), label, 0, 1, row, row + 1, GTK_FILL, GTK_FILL, 0, 0);
  gtk_table_attach(GTK_TABLE(table), widget, 1, 2, row, row + 1,
                   static_cast<GtkAttachOptions>(GTK_EXPAND | GTK_FILL), GTK_FILL, 0, 0);
}

// GTK 2 combo boxes have no ids, so the values travel with the widget, in the order of its rows.
constexpr const char *kComboValues = "gpt-image-values";

GtkWidget *choice_combo(std::initializer_list<std::pair<const char *, const char *>> choices,
                        const std::string &current) {
  std::vector<std::pair<std::string, std::string>> list;
  for (const auto &[value, label] : choices) list.emplace_back(value, label);
  return choice_combo(list, current);
}

GtkWidget *choice_combo(const std::vector<std::pair<std::string, std::string>> &choices, const std::string &current) {
  GtkWidget *combo = gtk_combo_box_text_new();
  auto *values = new std::vector<std::string>;
  for (const auto &[value, label] : choices) {
    gtk_combo_box_text_append_text(GTK_COMBO_BOX_TEXT(combo), label.c_str());
    if (current == value) gtk_combo_box_set_active(GTK_COMBO_BOX(combo), static_cast<int>(values->size()));
    values->push_back(value);
  }
  if (gtk_combo_box_get_active(GTK_COMBO_BOX(combo)) < 0) gtk_combo_box_set_active(GTK_COMBO_BOX(combo), 0);
  g_object_set_data_full(G_OBJECT(combo), kComboValues, values,
                         [](gpointer data) { delete static_cast<std::vector<std::string> *>(data); });
  return combo;
}

std::string combo_text(GtkWidget *combo) {
  const auto *values = static_cast<const std::vector<std::string> *>(g_object_get_data(G_OBJECT(combo), kComboValues));
  const int active = gtk_combo_box_get_active(GTK_COMBO_BOX(combo));
  return values && active >= 0 && active < static_cast<int>(values->size()) ? (*values)[active] : "";
}

GtkWidget *int_spin(int low, int high, int value) {
  GtkWidget *spin = gtk_spin_button_new_with_range(low, high, 1);
  gtk_spin_button_set_value(GTK_SPIN_BUTTON(spin), value);
  return spin;
}

int spin_value(GtkWidget *spin) { return gtk_spin_button_get_value_as_int(GTK_SPIN_BUTTON(spin)); }

GtkWidget *form_table(int rows) {
  GtkWidget *table = gtk_table_new(rows, 2, FALSE);
  gtk_table_set_row_spacings(GTK_TABLE(table), 6);
  gtk_table_set_col_spacings(GTK_TABLE(table), 12);
  return table;
}

GtkWidget *prompt_box(const std::string &text, GtkWidget **view) {
  GtkWidget *scrolled = gtk_scrolled_window_new(nullptr, nullptr);
  gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_shadow_type(GTK_SCROLLED_WINDOW(scrolled), GTK_SHADOW_IN);
  gtk_widget_set_size_request(scrolled, 420, 110);
  *view = gtk_text_view_new();
  gtk_text_view_set_wrap_mode(GTK_TEXT_VIEW(*view), GTK_WRAP_WORD_CHAR);
  gtk_text_buffer_set_text(gtk_text_view_get_buffer(GTK_TEXT_VIEW(*view)), text.c_str(), -1);
  gtk_container_add(GTK_CONTAINER(scrolled), *view);
  return scrolled;
}

std::string text_view_text(GtkWidget *view) {
  GtkTextBuffer *buffer = gtk_text_view_get_buffer(GTK_TEXT_VIEW(view));
  GtkTextIter start, end;
  gtk_text_buffer_get_bounds(buffer, &start, &end);
  gchar *text = gtk_text_buffer_get_text(buffer, &start, &end, FALSE);
  std::string out = text;
  g_free(text);
  return out;
}

}  // namespace gpt_image

#include "common/canvas_preset_combo.h"

#include "canvas_presets.h"
#include "i18n.h"

namespace gpt_image {

namespace {
void on_changed(GtkComboBox *combo, gpointer data) {
  const int row = gtk_combo_box_get_active(combo);
  const auto &presets = canvas_presets();
  if (row >= 0 && row < static_cast<int>(presets.size()))
    (*static_cast<const std::function<void(const std::string &)> *>(data))(presets[row].name);
}
}  // namespace

GtkWidget *new_canvas_preset_combo(const std::string &current, const std::function<void(const std::string &)> *pick) {
  GtkWidget *combo = gtk_combo_box_text_new();
  const auto &presets = canvas_presets();
  for (size_t i = 0; i < presets.size(); ++i) {
    gtk_combo_box_text_append_text(GTK_COMBO_BOX_TEXT(combo), _(presets[i].label));
    if (current == presets[i].name) gtk_combo_box_set_active(GTK_COMBO_BOX(combo), static_cast<int>(i));
  }
  gtk_widget_set_tooltip_text(combo, _("Common sizes; the canvas field also takes WIDTHxHEIGHT."));
  g_signal_connect(combo, "changed", G_CALLBACK(on_changed), const_cast<std::function<void(const std::string &)> *>(pick));
  return combo;
}

}  // namespace gpt_image

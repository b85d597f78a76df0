#include "common/prompt_tools.h"

#include "common/settings_dialog.h"
#include "i18n.h"
#include "style_presets.h"

namespace gpt_image {

namespace {

// One line, short enough for a menu.
std::string menu_text(const std::string &prompt) {
  std::string line = prompt.substr(0, prompt.find('\n'));
  if (g_utf8_strlen(line.c_str(), -1) > 60) {
    const char *start = line.c_str();
    line = std::string(start, static_cast<const char *>(g_utf8_offset_to_pointer(start, 60))) + "…";
  }
  return line;
}

void on_recent_changed(GtkComboBox *combo, gpointer data) {
  auto *tools = static_cast<PromptTools *>(data);
  const int index = gtk_combo_box_get_active(combo) - 1;  // entry 0 is the title
  if (index >= 0 && index < static_cast<int>(tools->recent_prompts.size())) tools->pick(tools->recent_prompts[index]);
}

void on_style_changed(GtkComboBox *combo, gpointer data) {
  auto *tools = static_cast<PromptTools *>(data);
  const int index = gtk_combo_box_get_active(combo) - 1;  // entry 0 is the title
  if (index < 0 || index >= static_cast<int>(style_presets().size())) return;
  tools->pick(apply_style_preset(tools->current(), style_presets()[index]));
  gtk_combo_box_set_active(combo, 0);  // ready to add another
}

void on_settings_clicked(GtkButton *, gpointer data) {
  auto *tools = static_cast<PromptTools *>(data);
  if (run_settings_dialog(tools->settings_path) && tools->settings_saved) tools->settings_saved();
}

}  // namespace

GtkWidget *new_prompt_tools_row(PromptTools *tools) {
#if GTK_CHECK_VERSION(3, 0, 0)
  GtkWidget *row = gtk_box_new(GTK_ORIENTATION_HORIZONTAL, 6);
#else
  GtkWidget *row = gtk_hbox_new(FALSE, 6);
#endif
  GtkWidget *recent = gtk_combo_box_text_new();
  gtk_combo_box_text_append_text(GTK_COMBO_BOX_TEXT(recent),
                                 tools->recent_prompts.empty() ? _("No recent prompts yet") : _("Recent prompts…"));
  for (const auto &prompt : tools->recent_prompts)
    gtk_combo_box_text_append_text(GTK_COMBO_BOX_TEXT(recent), menu_text(prompt).c_str());
  gtk_combo_box_set_active(GTK_COMBO_BOX(recent), 0);
  gtk_widget_set_sensitive(recent, !tools->recent_prompts.empty());
  g_signal_connect(recent, "changed", G_CALLBACK(on_recent_changed), tools);
  gtk_box_pack_start(GTK_BOX(row), recent, TRUE, TRUE, 0);

  GtkWidget *style = gtk_combo_box_text_new();
  gtk_combo_box_text_append_text(GTK_COMBO_BOX_TEXT(style), _("Add a style…"));
  for (const auto &preset : style_presets()) gtk_combo_box_text_append_text(GTK_COMBO_BOX_TEXT(style), preset.name.c_str());
  gtk_combo_box_set_active(GTK_COMBO_BOX(style), 0);
  g_signal_connect(style, "changed", G_CALLBACK(on_style_changed), tools);
  gtk_box_pack_start(GTK_BOX(row), style, FALSE, FALSE, 0);

  GtkWidget *settings = gtk_button_new_with_mnemonic(_("Se_ttings…"));
  g_signal_connect(settings, "clicked", G_CALLBACK(on_settings_clicked), tools);
  gtk_box_pack_end(GTK_BOX(row), settings, FALSE, FALSE, 0);
  return row;
}

}  // namespace gpt_image

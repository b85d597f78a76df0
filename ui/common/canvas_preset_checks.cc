#include "common/canvas_preset_checks.h"

#include <vector>

#include "canvas_list.h"
#include "canvas_presets.h"
#include "common/gtk_compat.h"
#include "i18n.h"

namespace gpt_image {

namespace {

constexpr int kColumns = 3;
constexpr const char *kStateKey = "gpt-image-canvas-checks";

struct ChecksState {
  const CanvasField *field;
  std::vector<GtkWidget *> boxes;  // one per preset, in canvas_presets() order
  bool syncing = false;            // set while the boxes follow the field
};

void on_toggled(GtkToggleButton *box, gpointer data) {
  auto *state = static_cast<ChecksState *>(data);
  if (state->syncing) return;
  const auto &presets = canvas_presets();
  for (size_t i = 0; i < state->boxes.size(); ++i) {
    if (state->boxes[i] != GTK_WIDGET(box)) continue;
    state->syncing = true;  // the field's change comes back through sync: nothing to tick then
    state->field->set(canvas_list_with(state->field->text(), presets[i].name, gtk_toggle_button_get_active(box)));
    state->syncing = false;
  }
}

void tick_as(ChecksState &state, const std::string &text) {
  state.syncing = true;
  const auto &presets = canvas_presets();
  for (size_t i = 0; i < state.boxes.size(); ++i)
    gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(state.boxes[i]), canvas_list_names(text, presets[i].name));
  state.syncing = false;
}

}  // namespace

GtkWidget *new_canvas_preset_checks(const CanvasField *field) {
  auto *state = new ChecksState{field, {}};
  GtkWidget *frame = gtk_frame_new(_("Canvas presets (tick several for one image each)"));
  GtkWidget *columns = horizontal_box(12);
  gtk_container_set_border_width(GTK_CONTAINER(columns), 6);
  gtk_container_add(GTK_CONTAINER(frame), columns);
  std::vector<GtkWidget *> column(kColumns);
  for (GtkWidget *&c : column) {
    c = vertical_box(2);
    gtk_box_pack_start(GTK_BOX(columns), c, FALSE, FALSE, 0);
  }
  const auto &presets = canvas_presets();
  const size_t per_column = (presets.size() + kColumns - 1) / kColumns;  // filled top to bottom
  for (size_t i = 0; i < presets.size(); ++i) {
    GtkWidget *box = gtk_check_button_new_with_label(_(presets[i].label));
    gtk_box_pack_start(GTK_BOX(column[i / per_column]), box, FALSE, FALSE, 0);
    g_signal_connect(box, "toggled", G_CALLBACK(on_toggled), state);
    state->boxes.push_back(box);
  }
  gtk_widget_set_tooltip_text(frame, _("Each ticked preset makes an image of its own from the same prompt, at most "
                                       "3 requests at a time; the canvas field also takes WIDTHxHEIGHT entries, "
                                       "separated by commas."));
  g_object_set_data_full(G_OBJECT(frame), kStateKey, state, [](gpointer data) { delete static_cast<ChecksState *>(data); });
  tick_as(*state, field->text());
  return frame;
}

void sync_canvas_preset_checks(GtkWidget *checks, const std::string &text) {
  auto *state = static_cast<ChecksState *>(g_object_get_data(G_OBJECT(checks), kStateKey));
  if (state && !state->syncing) tick_as(*state, text);
}

}  // namespace gpt_image

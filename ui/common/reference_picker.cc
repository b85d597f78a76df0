#include "common/reference_picker.h"

#include <algorithm>

#include "common/gtk_compat.h"
#include "i18n.h"

namespace gpt_image {

struct ReferencePicker::State {
  GtkWidget *expander = nullptr;
  std::vector<std::pair<GtkWidget *, int>> boxes;  // check box, drawable id
  std::vector<int> chosen;                         // ticked ids, in ticking order
  int limit = 0;

  void refresh() {
    const int count = static_cast<int>(chosen.size());
    gtk_expander_set_label(GTK_EXPANDER(expander),
                           count == 0 ? _("Refere_nce images: none")
                                      : format_text(_("Refere_nce images: %d chosen"), count).c_str());
    // Full: the boxes not ticked cannot be ticked, so the limit is never passed.
    for (auto &[box, id] : boxes)
      gtk_widget_set_sensitive(box, count < limit || std::find(chosen.begin(), chosen.end(), id) != chosen.end());
  }
};

namespace {
void on_toggled(GtkToggleButton *box, gpointer data) {
  auto *state = static_cast<ReferencePicker::State *>(data);
  const int id = GPOINTER_TO_INT(g_object_get_data(G_OBJECT(box), "gpt-image-drawable"));
  auto &chosen = state->chosen;
  chosen.erase(std::remove(chosen.begin(), chosen.end(), id), chosen.end());
  if (gtk_toggle_button_get_active(box)) chosen.push_back(id);
  state->refresh();
}
// Opening the list puts the keyboard on its first layer, so Alt+N then Space ticks it.
void on_expanded(GObject *expander, GParamSpec *, gpointer data) {
  auto *state = static_cast<ReferencePicker::State *>(data);
  if (gtk_expander_get_expanded(GTK_EXPANDER(expander)) && !state->boxes.empty())
    gtk_widget_grab_focus(state->boxes.front().first);
}
}  // namespace

ReferencePicker::ReferencePicker(std::vector<ReferenceCandidate> candidates, std::vector<int> chosen, int limit)
    : state_(new State) {
  state_->limit = limit;
  state_->expander = gtk_expander_new("");
  gtk_expander_set_use_underline(GTK_EXPANDER(state_->expander), TRUE);  // Alt+N opens the list
  GtkWidget *scrolled = gtk_scrolled_window_new(nullptr, nullptr);
  gtk_scrolled_window_set_policy(GTK_SCROLLED_WINDOW(scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request(scrolled, -1, 140);
  GtkWidget *list = vertical_box(2);
  if (candidates.empty()) {
    GtkWidget *none = gtk_label_new(_("No other layers are open."));
    align_start(none);
    gtk_box_pack_start(GTK_BOX(list), none, FALSE, FALSE, 0);
  }
  for (const ReferenceCandidate &candidate : candidates) {
    GtkWidget *box = gtk_check_button_new_with_label(candidate.label.c_str());
    g_object_set_data(G_OBJECT(box), "gpt-image-drawable", GINT_TO_POINTER(candidate.id));
    gtk_box_pack_start(GTK_BOX(list), box, FALSE, FALSE, 0);
    state_->boxes.emplace_back(box, candidate.id);
  }
  // Tick the remembered choices in their order, then follow the user's ticks.
  for (int id : chosen)
    for (auto &[box, box_id] : state_->boxes)
      if (box_id == id && static_cast<int>(state_->chosen.size()) < limit) {
        gtk_toggle_button_set_active(GTK_TOGGLE_BUTTON(box), TRUE);
        state_->chosen.push_back(id);
      }
  for (auto &[box, id] : state_->boxes) g_signal_connect(box, "toggled", G_CALLBACK(on_toggled), state_.get());
  g_signal_connect(state_->expander, "notify::expanded", G_CALLBACK(on_expanded), state_.get());
#if GTK_CHECK_VERSION(3, 8, 0)
  gtk_container_add(GTK_CONTAINER(scrolled), list);
#else
  gtk_scrolled_window_add_with_viewport(GTK_SCROLLED_WINDOW(scrolled), list);
#endif
  gtk_container_add(GTK_CONTAINER(state_->expander), scrolled);
  gtk_widget_set_tooltip_text(state_->expander, _("Tick layers to send as reference images, in the order they "
                                                  "should count; the first matters most."));
  state_->refresh();
}

ReferencePicker::~ReferencePicker() = default;

GtkWidget *ReferencePicker::widget() const { return state_->expander; }

std::vector<int> ReferencePicker::chosen() const { return state_->chosen; }

}  // namespace gpt_image

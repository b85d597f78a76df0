// The preset list of Generate Image's dialogs (GTK 2 and GTK 3): picking a preset puts its name
// into the canvas field, which also takes any WIDTHxHEIGHT typed by hand.
#pragma once

#include <gtk/gtk.h>

#include <functional>
#include <string>

namespace gpt_image {

// `pick` receives the preset's name; `current` selects the matching row (none for a custom size).
// The caller keeps `pick` alive as long as the combo exists.
GtkWidget *new_canvas_preset_combo(const std::string &current, const std::function<void(const std::string &)> *pick);

}  // namespace gpt_image

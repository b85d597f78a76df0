// Generate Image's canvas presets as check boxes (GTK 2 and GTK 3): several can be ticked, one new
// image each. The boxes and the canvas field say the same thing: ticking adds the preset's name to
// the field's comma-separated list, unticking takes it out, and whatever is typed into the field
// (a WIDTHxHEIGHT, a preset's name) ticks the boxes it names.
#pragma once

#include <gtk/gtk.h>

#include <functional>
#include <string>

namespace gpt_image {

struct CanvasField {
  std::function<std::string()> text;             // the canvas field's text now
  std::function<void(const std::string &)> set;  // replaces it
};

// A frame with one check box per preset, ticked where `field` names the preset. The caller keeps
// `field` alive as long as the widget exists.
GtkWidget *new_canvas_preset_checks(const CanvasField *field);

// The field changed: tick the boxes as `text` says (not echoed back into the field).
void sync_canvas_preset_checks(GtkWidget *checks, const std::string &text);

}  // namespace gpt_image

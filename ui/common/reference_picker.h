// The reference-image chooser in the fill and generate dialogs (GTK 2 and GTK 3): every layer of
// every open image as a check box, folded away by default. The order in which boxes are ticked is
// the order the references are sent in (the first matters most to the model).
#pragma once

#include <gtk/gtk.h>

#include <memory>
#include <string>
#include <vector>

#include "reference_images.h"

namespace gpt_image {

class ReferencePicker {
 public:
  // `chosen` are ticked at the start (in order); at most `limit` can be ticked.
  ReferencePicker(std::vector<ReferenceCandidate> candidates, std::vector<int> chosen, int limit);
  ~ReferencePicker();
  GtkWidget *widget() const;
  std::vector<int> chosen() const;

  struct State;  // GTK's widgets and the ticked ids (reference_picker.cc)

 private:
  std::unique_ptr<State> state_;
};

}  // namespace gpt_image

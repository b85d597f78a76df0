// The Generative Fill dialog for GIMP 2.10: a GTK 2 gimp_dialog built by hand, since 2.10 has no
// procedure dialogs.
#pragma once

#include <string>

namespace gpt_image {

struct FillDialogValues {
  std::string prompt;
  std::string quality;
  std::string size;
  int variations = 1;
};

// Shows the dialog filled from `values`; true when the user pressed OK (values then hold the choices).
bool run_fill_dialog_gimp2(FillDialogValues &values);

}  // namespace gpt_image

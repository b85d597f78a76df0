// The Generative Fill dialog for GIMP 2.10: a GTK 2 gimp_dialog built by hand, since 2.10 has no
// procedure dialogs.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/reference_picker.h"
#include "generative_fill.h"

namespace gpt_image {

// Everything the dialog lets the user choose: exactly the procedure's arguments.
using FillDialogValues = FillOptions;

// Shows the dialog filled from `values`; true when the user pressed OK (values then hold the choices).
// `describe_cost` gives the cost line for the values being chosen; it is shown live.
// `recent_prompts` (newest first) can be picked into the prompt; a button opens the settings at
// `settings_path`. `references`, when given, is shown below the choices; read it after OK.
bool run_fill_dialog_gimp2(FillDialogValues &values,
                           const std::function<std::string(const FillDialogValues &)> &describe_cost,
                           const std::vector<std::string> &recent_prompts, const std::string &settings_path,
                           ReferencePicker *references);

}  // namespace gpt_image

// GIMP 2.10's prompt dialog, one for the three procedures (Generative Fill, Generate Layer,
// Generate Image): GIMP 2.10 has no procedure dialogs, so the rows are made here from the
// procedure table (procedures.h), one widget per argument kind, laid out as the table says.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/reference_picker.h"
#include "procedures.h"

namespace gpt_image {

// Shows the dialog filled from `values`; true when the user pressed OK (values then hold the
// choices). `describe_cost` gives the cost line for the values being chosen; it is shown live.
// `recent_prompts` (newest first) can be picked into the prompt; a button opens the settings at
// `settings_path`. `references`, when given, is shown below the choices; read it after OK.
bool run_prompt_dialog_gimp2(procedures::ArgumentValues &values,
                             const std::function<std::string(const procedures::ArgumentValues &)> &describe_cost,
                             const std::vector<std::string> &recent_prompts, const std::string &settings_path,
                             ReferencePicker *references);

}  // namespace gpt_image

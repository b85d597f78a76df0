// The Generative Fill dialog for GIMP 3, built by GimpProcedureDialog from the procedure's arguments.
#pragma once

#include <libgimp/gimp.h>

#include <functional>
#include <string>
#include <vector>

namespace gpt_image {

// Shows the dialog; true when the user pressed OK (config then holds the choices).
// `describe_cost` gives the cost line for the config's current values; it is shown live.
// `recent_prompts` (newest first) can be picked into the prompt; a button opens the settings at
// `settings_path`.
bool run_fill_dialog_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config,
                           const std::function<std::string()> &describe_cost,
                           const std::vector<std::string> &recent_prompts, const std::string &settings_path);

}  // namespace gpt_image

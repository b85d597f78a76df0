// GIMP 3's prompt dialog, one for the three procedures (Generative Fill, Generate Layer, Generate
// Image) in a layout each: built by GimpProcedureDialog from the procedure's arguments, plus the
// shared prompt tools, cost line and reference chooser.
#pragma once

#include <libgimp/gimp.h>

#include <functional>
#include <string>
#include <vector>

#include "common/reference_picker.h"
#include "procedures.h"

namespace gpt_image {

// Shows the dialog laid out as the procedure table says (procedures::dialog_layout); true when the user pressed OK (config then holds the choices).
// `describe_cost` gives the cost line for the config's current values; it is shown live.
// `recent_prompts` (newest first) can be picked into the prompt; a button opens the settings at
// `settings_path`. `references`, when given, is shown under the choices; read it after OK.
bool run_prompt_dialog_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config,
                             const procedures::DialogLayout &layout,
                             const std::function<std::string()> &describe_cost,
                             const std::vector<std::string> &recent_prompts, const std::string &settings_path,
                             ReferencePicker *references);

}  // namespace gpt_image

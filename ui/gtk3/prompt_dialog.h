// GIMP 3's prompt dialog, one for the three procedures (Generative Fill, Generate Layer, Generate
// Image) in a layout each: built by GimpProcedureDialog from the procedure's arguments, plus the
// shared prompt tools, cost line and reference chooser.
#pragma once

#include <libgimp/gimp.h>

#include <functional>
#include <string>
#include <vector>

#include "common/reference_picker.h"

namespace gpt_image {

// What differs between the procedures' dialogs.
struct PromptDialogLayout {
  std::string title;
  std::vector<const char *> main_arguments;      // shown below the prompt
  std::vector<const char *> advanced_arguments;  // folded away under "Advanced"
  std::string blank_prompt_hint;                 // shown when OK is pressed without a prompt
  bool canvas_presets = false;                   // a preset list that fills the `canvas` argument
};

// Shows the dialog; true when the user pressed OK (config then holds the choices).
// `describe_cost` gives the cost line for the config's current values; it is shown live.
// `recent_prompts` (newest first) can be picked into the prompt; a button opens the settings at
// `settings_path`. `references`, when given, is shown under the choices; read it after OK.
bool run_prompt_dialog_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config, const PromptDialogLayout &layout,
                             const std::function<std::string()> &describe_cost,
                             const std::vector<std::string> &recent_prompts, const std::string &settings_path,
                             ReferencePicker *references);

// The layouts of the three procedures.
PromptDialogLayout fill_dialog_layout();
PromptDialogLayout generate_dialog_layout();
PromptDialogLayout new_image_dialog_layout();

}  // namespace gpt_image

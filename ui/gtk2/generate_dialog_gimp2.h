// The Generate Layer and Generate Image dialogs for GIMP 2.10 (GTK 2, built by hand).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "common/reference_picker.h"
#include "generate_layer.h"

namespace gpt_image {

// Everything the dialogs let the user choose; `canvas` only for Generate Image.
struct GenerateDialogValues : GenerateOptions {
  std::string canvas = "square-post";
};

// Shows the dialog filled from `values` (with the canvas row when `new_image`); true when the user
// pressed OK (values then hold the choices). `describe_cost` gives the live cost line; recent
// prompts, the settings button and `references` as in the fill dialog.
bool run_generate_dialog_gimp2(GenerateDialogValues &values, bool new_image,
                               const std::function<std::string(const GenerateDialogValues &)> &describe_cost,
                               const std::vector<std::string> &recent_prompts, const std::string &settings_path,
                               ReferencePicker *references);

}  // namespace gpt_image

// The Generative Fill dialog for GIMP 3, built by GimpProcedureDialog from the procedure's arguments.
#pragma once

#include <libgimp/gimp.h>

#include <functional>
#include <string>

namespace gpt_image {

// Shows the dialog; true when the user pressed OK (config then holds the choices).
// `describe_cost` gives the cost line for the config's current values; it is shown live.
bool run_fill_dialog_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config,
                           const std::function<std::string()> &describe_cost);

}  // namespace gpt_image

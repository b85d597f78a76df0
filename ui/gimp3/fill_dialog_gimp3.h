// The Generative Fill dialog for GIMP 3, built by GimpProcedureDialog from the procedure's arguments.
#pragma once

#include <libgimp/gimp.h>

namespace gpt_image {

// Shows the dialog; true when the user pressed OK (config then holds the choices).
bool run_fill_dialog_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config);

}  // namespace gpt_image

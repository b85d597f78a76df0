// The procedures' runs, written once for GIMP 2.10 and 3 on procedure_call.h and gimp_facade.h:
// check the image, take the arguments (asking interactively), run the core job under the progress
// bar, place the result, and say how it ended. The order of the steps decides which error a
// broken call sees first, so it is the same in both versions.
#pragma once

#include "procedure_call.h"

namespace gpt_image {

Outcome run_edit(ProcedureCall &call);            // Generative Fill
Outcome run_generate_layer(ProcedureCall &call);  // Generate Layer
Outcome run_new_image(ProcedureCall &call);       // Generate Image
Outcome run_settings(ProcedureCall &call);        // Settings
Outcome run_remove(ProcedureCall &call);          // Remove
Outcome run_generative_expand(ProcedureCall &call);  // Generative Expand (flow_expand.cc)
Outcome run_usage(ProcedureCall &call);              // the usage ledger's totals (flow_usage.cc)
Outcome run_history(ProcedureCall &call);            // History (flow_history.cc)

}  // namespace gpt_image

// GIMP 3: Generate Layer (plug-in-gpt-image-generate) and Generate Image (plug-in-gpt-image-new),
// and the reference-image argument and dialog they share with Generative Fill.
#pragma once

#include <libgimp/gimp.h>

#include <functional>
#include <string>

#include "gtk3/prompt_dialog.h"

namespace gpt_image {

// How the two procedures run (registered from their tables by gimp3_plugin.cc).
GimpValueArray *run_generate_gimp3(GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image,
                                   GimpDrawable **drawables, GimpProcedureConfig *config, gpointer);
GimpValueArray *run_new_image_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config, gpointer);

// The procedure's dialog with the reference chooser (every open layer; those already in the config
// ticked, at most `reference_limit`); after OK the config's `references` hold the ticked layers.
// Also remembers the prompt. False when cancelled.
bool run_dialog_with_references_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config,
                                      const PromptDialogLayout &layout,
                                      const std::function<std::string()> &describe_cost, int reference_limit);

}  // namespace gpt_image

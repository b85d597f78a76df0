// GIMP 2.10: Generate Layer (plug-in-gpt-image-generate) and Generate Image (plug-in-gpt-image-new).
#pragma once

#include <libgimp/gimp.h>

namespace gpt_image {

// Runs plug-in-gpt-image-generate or plug-in-gpt-image-new.
void run_generate_gimp2(const gchar *name, gint nparams, const GimpParam *param, gint *nreturn_vals,
                        GimpParam **return_vals);

}  // namespace gpt_image

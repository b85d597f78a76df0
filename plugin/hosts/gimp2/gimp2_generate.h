// GIMP 2.10: Generate Layer (plug-in-gpt-image-generate) and Generate Image (plug-in-gpt-image-new),
// and the reference-image arguments they share with Generative Fill.
#pragma once

#include <libgimp/gimp.h>

#include <string>
#include <vector>

namespace gpt_image {

// Called from query(): installs both procedures and their menu entries.
void install_generate_procedures_gimp2();

// Runs plug-in-gpt-image-generate or plug-in-gpt-image-new.
void run_generate_gimp2(const gchar *name, gint nparams, const GimpParam *param, gint *nreturn_vals,
                        GimpParam **return_vals);

// The drawable ids of a (count, INT32ARRAY) argument pair at param[index], param[index + 1].
std::vector<gint32> reference_ids_argument(const GimpParam *param, int index);

}  // namespace gpt_image

// GIMP 3's side of the procedure tables (procedures.h): registering a procedure with its typed
// arguments, reading a run's arguments back from GIMP's config, and answering with an error.
#pragma once

#include <libgimp/gimp.h>

#include <string>
#include <vector>

#include "procedures.h"

namespace gpt_image {

// A procedure that runs on an image (run-mode, image, drawables come first) or on nothing but its
// run mode, registered with every argument of its table, in the table's order.
GimpProcedure *create_image_procedure(GimpPlugIn *plug_in, const procedures::Procedure &table, GimpRunImageFunc run);
GimpProcedure *create_plain_procedure(GimpPlugIn *plug_in, const procedures::Procedure &table, GimpRunFunc run);

// The run's arguments as GIMP's config holds them (after the dialog, or as the script passed them).
procedures::ArgumentValues read_arguments(GimpProcedureConfig *config, const procedures::Procedure &table);

GimpRunMode run_mode_property(GimpProcedureConfig *config);
std::string string_property(GimpProcedureConfig *config, const char *name);
// The item ids of a drawable-array argument's drawables, in order (gimp_facade.h's handles).
std::vector<int> drawable_ids_property(GimpProcedureConfig *config, const char *name);
void set_drawables_property(GimpProcedureConfig *config, const char *name, const std::vector<GimpDrawable *> &drawables);

GimpValueArray *fail(GimpProcedure *procedure, const std::string &message,
                     GimpPDBStatusType status = GIMP_PDB_EXECUTION_ERROR);

}  // namespace gpt_image

// GIMP 2.10's side of the procedure tables (procedures.h): param defs made from the rows, and a
// call's params read back by the rows' names. GIMP 2.10 has no named or optional arguments, so a
// script passes every row in the table's order (a Layers row as a count, then the ids).
#pragma once

#include <libgimp/gimp.h>

#include "procedures.h"

namespace gpt_image {

// Installs the procedure with its leading params (run-mode; image and drawable for procedures on
// an image) and one param per row (two for a Layers row), and registers its menu entry.
void install_procedure(const procedures::Procedure &table);

// How many params come before the rows, and how many a call passing every row has.
int leading_param_count(const procedures::Procedure &table);
int full_param_count(const procedures::Procedure &table);

// The rows' values from a call's params, starting after the leading ones. A call may stop early
// only at a row's boundary (edit's 17-param form from before references); the rows after keep the
// values `into` already holds.
void read_params(gint nparams, const GimpParam *param, procedures::ArgumentValues &into);

}  // namespace gpt_image

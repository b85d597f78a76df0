// GIMP 2.10's last values of a procedure (Repeat Last, the dialog's pre-filled values): one block
// of named values (core/last_values.h) kept by GIMP under the procedure's name for this session.
// The values are every argument of the procedure's table (ArgumentValues::as_last_values).
#pragma once

#include <vector>

#include "last_values.h"

namespace gpt_image {

// Reads what `procedure` stored into `values`; when nothing usable is stored (nothing yet, a block
// of an older release, a damaged one) they keep what they hold: the procedure's defaults.
void load_last_values_gimp2(const char *procedure, const std::vector<LastValue> &values);

// Stores `values` as `procedure`'s last values.
void store_last_values_gimp2(const char *procedure, const std::vector<LastValue> &values);

}  // namespace gpt_image

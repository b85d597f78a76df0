// GIMP's UI set-up before the first widget, spelled for the GIMP version being built against.
#pragma once

#include <libgimp/gimpui.h>

#include "procedure_spec.h"

namespace gpt_image {

inline void init_gimp_ui() {
#if GIMP_MAJOR_VERSION >= 3
  gimp_ui_init(spec::kBinaryName);
#else
  gimp_ui_init(spec::kBinaryName, FALSE);
#endif
}

}  // namespace gpt_image

// Keeps each plug-in run's start cheap. Every call of a GIMP plug-in is a new process, and babl
// (GEGL's pixel-format library) rebuilds at start-up every conversion listed in its shared cache
// (~/.cache/babl/babl-fishes, written by GIMP), including lookup tables of 2^24 entries: measured
// at about 1 s and 360 MB per start. The plug-in converts a handful of formats once per run, so it
// asks babl to skip that cache (BABL_INHIBIT_CACHE) before libgimp starts babl.
#pragma once

#include <glib.h>

namespace gpt_image {

// Runs before main() (a static initialiser in each host's entry file), so before libgimp or
// gegl_init() starts babl.
inline bool skip_babl_fish_cache() {
  g_setenv("BABL_INHIBIT_CACHE", "1", TRUE);
  return true;
}

}  // namespace gpt_image

// Generate Image's run for a list of canvases (canvas_list.h): the requests go out side by side
// under one progress (generate_formats.h), and each image is made, and shown when interactive, on
// GIMP's thread as its answer arrives. Written once for GIMP 2.10 and 3 on gimp_facade.h.
#pragma once

#include <vector>

#include "canvas_list.h"
#include "generative_fill.h"
#include "gimp_facade.h"
#include "procedures.h"

namespace gpt_image {

// A new image of `canvas` holding `placement`'s layers, without undo history and clean. Nothing is
// left behind when placing fails.
gimp::ImageId make_new_image(PixelSize canvas, const LayersToPlace &placement);

// Makes one image per canvas; returns the image of the first canvas in the list that was made.
// Throws GenerativeError when none was (the failures named), or Cancelled.
gimp::ImageId run_new_images(const procedures::ArgumentValues &values, const std::vector<CanvasChoice> &canvases,
                             bool interactive);

}  // namespace gpt_image

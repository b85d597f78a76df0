// How a layer mask reaches GIMP with as few tiles written as possible. Every tile the plug-in
// writes is a round trip to GIMP; the mask of a large selection is mostly one value (fully shown
// inside the selection, hidden in the margin around it), and GIMP fills a new mask with black or
// white itself, at no cost to the plug-in. So the mask is created filled with the value most of
// its tiles hold, and only the tiles that differ from it are written (issue 20, bench/README.md).
#pragma once

#include <cstdint>
#include <vector>

#include "geometry.h"
#include "raster.h"

namespace gpt_image {

struct MaskWrites {
  std::uint8_t fill = 0;         // 0 (a black mask) or 255 (a white one): what GIMP starts from
  std::vector<PixelRect> parts;  // what must still be written, in the mask's own coordinates
};

// `mask` (1 channel) cut into tiles of `tile`'s size, aligned to its top-left corner as
// GIMP's are: the fill is 255 when more tiles are wholly 255 than wholly 0, else 0; `parts` covers
// exactly the tiles that are not wholly the fill, one rectangle per run of such tiles along a row
// of tiles (clipped to the mask), in row order. Filling a mask with `fill` and copying `parts` from
// `mask` gives `mask`.
MaskWrites plan_mask_writes(const Raster &mask, PixelSize tile);

}  // namespace gpt_image

// The layer mask's edge: the selection grown by a few pixels and feathered, so the generated
// pixels blend into the original instead of stopping at a hard line. Soft selections keep their
// partial values (growing takes the largest value nearby, feathering blurs); grow 0 and feather 0
// leave the selection exactly as it is.
#pragma once

#include "geometry.h"
#include "raster.h"

namespace gpt_image {

constexpr int kAutoEdge = -1;        // "choose from the selection's size" for grow and feather
constexpr int kMaxMaskGrow = 64;

// Defaults scaled to the selection's size (its bounding box): about 1% of its mean side for the
// grow (1-16 px) and 2% for the feather (2-32 px); a 200x150 selection gets 2 and 3 px, a
// 1000x800 one 9 and 18 px.
int auto_mask_grow(const PixelRect &selection);
int auto_feather_radius(const PixelRect &selection);

// Greyscale dilation with a disc of `radius` pixels (1 channel): each pixel becomes the largest
// value within that distance. radius 0 returns the mask unchanged.
Raster dilate_mask(const Raster &mask, int radius);

// The pixels within `radius` of a selected one (value > 0), as 255, the rest 0 (1 channel): the
// same as dilate_mask() of the selection made hard, in time that does not grow with the radius
// (a distance transform), for the ring and the far-outside check on answers of several megapixels.
Raster near_selection(const Raster &selection, int radius);

// dilate_mask(), faster when `mask` holds few distinct values, as a hard-edged selection does (0
// and 255): the result is, for each value v, v wherever a pixel of at least v lies within `radius`,
// and each value's pixels are found with the distance transform of near_selection(), in time that
// does not grow with the radius. Masks with more values than that go through dilate_mask().
Raster dilate_mask_by_levels(const Raster &mask, int radius);

// Where the colour match compares original and generated pixels: unselected pixels within
// `width` pixels of the selection (selection > 0), restricted to `known` (the part of the frame on
// the canvas). 1 channel, 255 = in the ring.
Raster selection_ring(const Raster &selection, const PixelRect &known, int width);

}  // namespace gpt_image

namespace gpt_image {

// The selection's mask as the layer uses it: grown by `grow` pixels, then feathered by `feather`.
Raster shape_mask(const Raster &mask, int grow, int feather);

}  // namespace gpt_image

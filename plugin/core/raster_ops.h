// Pixel work between capture and upload, and between answer and placement.
#pragma once

#include "geometry.h"
#include "raster.h"

namespace gpt_image {

// Places `captured` (the pixels of rect `captured_at`) into a raster covering `frame`, repeating the
// nearest edge pixel into the padding so the model sees no artificial border.
Raster pad_to_frame(const Raster &captured, const PixelRect &captured_at, const PixelRect &frame);

// pad_to_frame(captured, captured_at, frame) scaled to `target` (Lanczos-3); a frame that needs
// scaling is padded and scaled in one step, without a padded copy of a large region.
Raster scale_padded(const Raster &captured, const PixelRect &captured_at, const PixelRect &frame, PixelSize target);

// Turns selection values (1 channel, 255 = selected) into the API's mask: RGBA, alpha 0 where the
// edit goes, alpha 255 where the picture is to be kept, partial selection -> partial alpha.
Raster selection_to_edit_mask(const Raster &selection);

// Resamples `source` to `target` size (Lanczos-3, see resample.h) and returns only the part `roi`
// of the result. Same size in and out is an exact copy, not a resample.
Raster scale_raster(const Raster &source, PixelSize target, const PixelRect &roi);

// Resamples the whole raster.
inline Raster scale_raster(const Raster &source, PixelSize target) {
  return scale_raster(source, target, PixelRect{0, 0, target.width, target.height});
}

// Softens a 1-channel mask: a Gaussian blur (three box blurs) whose standard deviation is half the radius, so the
// edge fades over about `radius` pixels on each side. Radius 0 returns the mask unchanged.
Raster feather_mask(const Raster &mask, int radius);

// How far feather_mask() reaches: an output pixel depends on the pixels at most this far away in
// either direction (0 for radius 0).
int feather_reach(int radius);

// `image` scaled to fit inside `target` without distortion (Lanczos-3), centred on a transparent
// RGBA raster of exactly `target`'s size: letterboxed, never stretched. 4 channels in and out.
Raster fit_into(const Raster &image, PixelSize target);

// True when every pixel of an RGBA raster has alpha 255 (a raster of other channels is opaque).
bool fully_opaque(const Raster &image);

// Lays `answer` over `under` (both RGBA, same size) in place, as "normal" mode does in sRGB:
// out = a * answer + (1 - a) * under per colour channel, alpha 255 wherever `under` is opaque. So an
// answer that came with a transparent background shows the original there instead of a hole.
// Returns false, leaving `answer` as it was, when it had no pixel with alpha below 255.
bool composite_over(Raster &answer, const Raster &under);

// Copies the part `rect` (inside the raster) out.
Raster crop_raster(const Raster &source, const PixelRect &rect);

}  // namespace gpt_image

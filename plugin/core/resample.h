// Lanczos-3 resampling, used both ways: a captured frame larger than the request size down to it,
// and the answer back to the region. GEGL's samplers were measured against it (bench/seam_bench
// and the identity round trip of the end-to-end suite): GEGL's cubic, linear and lohalo filter a
// downscale with a box and its cubic smooths an upscale, so an unchanged picture comes back at
// about 35-38 dB; nearest aliases. A Lanczos-3 pair is sharp, does not alias, and round-trips
// the test picture at about 43 dB. Colour is resampled premultiplied by alpha, so transparent
// pixels do not bleed their colour into opaque ones; edges are clamped.
#pragma once

#include "geometry.h"
#include "raster.h"

namespace gpt_image {

// Resamples `source` (1 or 4 channels, u8) to `target` and returns the part `roi` of the result.
Raster resample_lanczos3(const Raster &source, PixelSize target, const PixelRect &roi);

// The same for a frame of size `frame` of which `source` is the part `placed` (inside it), the
// rest repeating the nearest edge pixel of `source`: pad_to_frame() and resampling in one step,
// without the padded copy (hundreds of megabytes for a large region).
Raster resample_lanczos3(const Raster &source, const PixelRect &placed, PixelSize frame, PixelSize target,
                         const PixelRect &roi);

}  // namespace gpt_image

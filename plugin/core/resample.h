// Lanczos-3 resampling, used both ways: a captured frame larger than the request size down to it,
// and the answer back to the region. GEGL's samplers were measured against it (bench/seam_bench
// and the identity round trip of the end-to-end suite): GEGL's cubic, linear and lohalo filter a
// downscale with a box and its cubic smooths an upscale, so an unchanged picture comes back at
// about 35-38 dB; nearest aliases. A Lanczos-3 pair is sharp, does not alias, and round-trips
// the test picture at about 43 dB. Colour is resampled premultiplied by alpha, so transparent
// pixels do not bleed their colour into opaque ones; edges are clamped.
#pragma once

#include <deque>
#include <vector>

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

namespace resample_detail {
// The input samples and weights that make one output sample along an axis.
struct Taps {
  int first = 0;                // first input index
  std::vector<float> weights;  // for first, first + 1, ...
};
}  // namespace resample_detail

// resample_lanczos3(source, placed, frame, target, {0, 0, target}) made as the source's rows
// arrive, top to bottom, a band at a time: only the rows the kernel spans are held (resampled
// across), so a region of tens of megapixels can be scaled down to the request size while it is
// read from GIMP, without ever being whole in memory (issue 20). Equal to resample_lanczos3 bit for
// bit.
class StreamingResample {
 public:
  StreamingResample(int channels, const PixelRect &placed, PixelSize frame, PixelSize target);
  // The next rows of the source: `placed.width` wide, of the constructor's channel count.
  void add_rows(const Raster &band);
  // The result, once all `placed.height` rows have been added.
  Raster finish();

 private:
  using Taps = resample_detail::Taps;
  int channels_, width_, height_;
  Raster result_;
  std::vector<Taps> columns_, rows_;
  std::deque<std::vector<float>> held_;  // source rows held_first_... resampled across
  int held_first_ = 0, received_ = 0, next_output_ = 0;
  std::vector<float> sum_;
};

}  // namespace gpt_image

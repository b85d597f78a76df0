#include "layer_pixels.h"

#include <cstring>
#include <stdexcept>

#include "resample.h"

namespace gpt_image {

namespace {
void check_band(PixelSize size, int first, int count) {
  if (first < 0 || count < 0 || first + count > size.height)
    throw std::out_of_range("LayerPixels: rows outside the layer");
}
}  // namespace

Raster WholeLayerPixels::rows(int first, int count) const {
  check_band(size(), first, count);
  Raster band(pixels_.width, count, pixels_.channels);
  if (count > 0) std::memcpy(band.pixels.data(), pixels_.at(0, first), band.pixels.size());
  return band;
}

Raster ScaledLayerPixels::rows(int first, int count) const {
  check_band(size(), first, count);
  return resample_lanczos3(answer_, frame_, {roi_.x, roi_.y + first, roi_.width, count});
}

}  // namespace gpt_image

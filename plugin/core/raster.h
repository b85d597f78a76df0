// An 8-bit interleaved pixel buffer: the currency between capture, codecs, scaling and placement.
#pragma once

#include <cstdint>
#include <vector>

#include "geometry.h"

namespace gpt_image {

struct Raster {
  int width = 0;
  int height = 0;
  int channels = 4;  // 4 = R'G'B'A (sRGB, straight alpha), 1 = Y (selection / mask values)
  std::vector<std::uint8_t> pixels;

  Raster() = default;
  Raster(int w, int h, int c, std::uint8_t fill = 0)
      : width(w), height(h), channels(c), pixels(static_cast<size_t>(w) * h * c, fill) {}

  PixelSize size() const { return {width, height}; }
  size_t stride() const { return static_cast<size_t>(width) * channels; }
  std::uint8_t *at(int x, int y) { return pixels.data() + y * stride() + static_cast<size_t>(x) * channels; }
  const std::uint8_t *at(int x, int y) const {
    return pixels.data() + y * stride() + static_cast<size_t>(x) * channels;
  }
};

}  // namespace gpt_image

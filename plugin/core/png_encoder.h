// PNG encoding for uploads (libpng and zlib), tuned per picture: every byte saved is upload time.
#pragma once

#include <cstdint>
#include <vector>

#include "raster.h"

namespace gpt_image {

// The libpng settings one picture is written with. zlib's level stays 6: level 9 saves a few percent
// at up to 15 times the time on smooth pictures, which against the wait for the API is the worse buy.
struct PngTuning {
  int row_filters = 0;      // PNG_FILTER_* bits libpng chooses among for every row
  int zlib_strategy = 0;    // Z_DEFAULT_STRATEGY or Z_RLE
};

// Which filters and zlib strategy make this picture smallest, judged by compressing a sample of it
// (bands of 8 rows, one in 16) every candidate way. Smooth gradients want the "sub" filter alone
// (libpng's per-row guess costs them 15%); noisy photographs want Z_RLE with per-row filters
// (a few percent smaller, and twice as fast). The sample costs about half of one full encoding.
PngTuning choose_png_tuning(const Raster &raster);

// Encodes a 4-channel raster as RGBA PNG (RGB when every pixel is opaque), a 1-channel raster as
// grayscale PNG, with choose_png_tuning()'s settings. Throws GenerativeError(Image) on failure.
std::vector<std::uint8_t> encode_png(const Raster &raster);

// The same with given settings (for tests and benchmarks).
std::vector<std::uint8_t> encode_png(const Raster &raster, const PngTuning &tuning);

}  // namespace gpt_image

// PNG encoding for uploads and PNG/JPEG/WebP decoding for answers (libpng, libturbojpeg, libwebp).
#pragma once

#include <cstdint>
#include <vector>

#include "raster.h"

namespace gpt_image {

// Encodes a 4-channel raster as RGBA PNG, a 1-channel raster as grayscale PNG.
std::vector<std::uint8_t> encode_png(const Raster &raster);

// Decodes PNG, JPEG or WebP (sniffed from the bytes) into a 4-channel R'G'B'A raster.
// Throws GenerativeError(Image) for bytes that are not one of those images.
Raster decode_image(const std::vector<std::uint8_t> &bytes);

}  // namespace gpt_image

// PNG/JPEG/WebP decoding for answers (libpng, libturbojpeg, libwebp); PNG encoding for uploads
// lives in png_encoder.h and comes with this header.
#pragma once

#include <cstdint>
#include <vector>

#include "png_encoder.h"
#include "raster.h"

namespace gpt_image {

// Decodes PNG, JPEG or WebP (sniffed from the bytes) into a 4-channel R'G'B'A raster.
// Throws GenerativeError(Image) for bytes that are not one of those images.
Raster decode_image(const std::vector<std::uint8_t> &bytes);

}  // namespace gpt_image

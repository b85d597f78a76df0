// PNG/JPEG/WebP decoding for answers (libpng, libturbojpeg, libwebp); PNG encoding for uploads
// lives in png_encoder.h and comes with this header.
#pragma once

#include <cstdint>
#include <vector>

#include "png_encoder.h"
#include "raster.h"

namespace gpt_image {

// Real answers are at most 3840x2160; a header claiming far more is broken or hostile, and trusting
// it would allocate gigabytes before the data ran out.
constexpr long long kMaxDecodedPixels = 8192LL * 8192;

// Decodes PNG, JPEG or WebP (sniffed from the bytes) into a 4-channel R'G'B'A raster. Throws
// GenerativeError(Image) for bytes that are not one of those images, or whose header claims more
// than `max_pixels` pixels (checked before anything is allocated or decoded).
Raster decode_image(const std::vector<std::uint8_t> &bytes, long long max_pixels = kMaxDecodedPixels);

}  // namespace gpt_image

// libFuzzer harness: the image bytes inside an answer are decoded by libpng, libjpeg-turbo or
// libwebp through image_codec; whatever a server sends must end in a Raster or a GenerativeError
// (headers claiming absurd sizes included: they are refused before anything is allocated).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "errors.h"
#include "image_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::vector<std::uint8_t> bytes(data, data + size);
  try {
    const gpt_image::Raster raster = gpt_image::decode_image(bytes);
    (void)raster;
  } catch (const gpt_image::GenerativeError &) {
  }
  return 0;
}

// libFuzzer harness: the event-stream parser and the image stream on top of it read bytes from the
// network in arbitrary pieces. The first input byte chooses the piece size, so splits are explored
// too; a GenerativeError is the expected way to refuse, anything else is a finding.
#include <cstddef>
#include <algorithm>
#include <cstdint>

#include "errors.h"
#include "image_stream.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t piece = 1 + data[0] % 64;
  int partials = 0;
  gpt_image::ImageStream stream([&](int, const std::vector<std::uint8_t> &) { ++partials; }, 3);
  for (std::size_t i = 1; i < size; i += piece)
    stream.feed(reinterpret_cast<const char *>(data + i), std::min(piece, size - i));
  try {
    if (!stream.error()) stream.finish();
  } catch (const gpt_image::GenerativeError &) {
  }
  return 0;
}

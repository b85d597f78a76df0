// libFuzzer harness: the Images API's JSON answers and error bodies come from the network, so their
// parsers must survive anything. A GenerativeError is the expected way to refuse; anything else
// (a crash, a sanitizer report, another exception) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api_response.h"
#include "errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const std::string body(reinterpret_cast<const char *>(data), size);
  try {
    const gpt_image::ImagesResult result = gpt_image::parse_images_response(body);
    (void)result;
  } catch (const gpt_image::GenerativeError &) {
  }
  const auto error = gpt_image::parse_api_error(body);
  (void)error;
  return 0;
}

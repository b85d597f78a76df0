// Cutting text to a byte budget without splitting a character: fixed-size buffers (GIMP 2.10's
// saved last values) must hold valid UTF-8, or the text read back from them is refused.
#pragma once

#include <cstddef>
#include <string>

namespace gpt_image {

// The longest prefix of `text` (UTF-8) that ends at a character boundary and has at most
// `max_bytes` bytes; `text` itself when it fits.
std::string utf8_prefix(const std::string &text, std::size_t max_bytes);

}  // namespace gpt_image

#include "text_prefix.h"

namespace gpt_image {

std::string utf8_prefix(const std::string &text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  // A byte 10xxxxxx continues the character before it: step back to where that character starts.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

}  // namespace gpt_image

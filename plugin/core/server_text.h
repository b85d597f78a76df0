// Text a server wrote (error messages, codes, request ids, model names) is shown to people, put in
// procedure return values and logged by scripts. A relay may echo the key it was sent, send
// control characters that rewrite a terminal, or megabytes of text: everything that came from a
// server goes through shown_server_text() before it is shown.
#pragma once

#include <cstddef>
#include <string>

namespace gpt_image {

constexpr size_t kMaxServerTextChars = 300;

// `text` as valid UTF-8 on one line: `secret` (when given), any "Bearer <token>", any key-shaped
// token ("sk-…") and any run of 8 or more characters that is part of `secret` replaced by
// "[key removed]"; control characters gone; at most `max_chars` characters (then "…").
std::string shown_server_text(const std::string &text, const std::string &secret = {},
                              size_t max_chars = kMaxServerTextChars);

// `text` (a whole sentence of ours that may quote a server) with `secret` and the things above
// removed, but neither shortened nor flattened.
std::string without_secret(const std::string &text, const std::string &secret);

}  // namespace gpt_image

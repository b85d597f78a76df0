// Every JSON document that comes from a server is read through load_bounded_json(): json-glib
// parses nested arrays and objects by recursion, so 100,000 opening brackets overflow the stack
// (json-glib 1.6, Debian 12). The nesting is measured first, without recursion, and a document
// deeper than any answer of the API is refused before json-glib sees it.
#pragma once

#include <json-glib/json-glib.h>

#include <cstddef>
#include <string>

namespace gpt_image {

// The deepest answer of the Images API nests 4 levels; 64 leaves room for any relay's extras.
constexpr int kMaxJsonDepth = 64;

// True when no array or object in `data` is nested deeper than `max_depth` (brackets inside strings,
// escaped quotes included, do not count). Says nothing about whether the rest is valid JSON.
bool json_nesting_within(const char *data, size_t size, int max_depth = kMaxJsonDepth);

// json_parser_load_from_data() after the nesting check; on failure `why` (when given) says why.
bool load_bounded_json(JsonParser *parser, const char *data, size_t size, std::string *why = nullptr);
inline bool load_bounded_json(JsonParser *parser, const std::string &text, std::string *why = nullptr) {
  return load_bounded_json(parser, text.data(), text.size(), why);
}

}  // namespace gpt_image

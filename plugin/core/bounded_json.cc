#include "bounded_json.h"

#include "i18n.h"

namespace gpt_image {

bool json_nesting_within(const char *data, size_t size, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < size; ++i) {
    const char c = data[i];
    if (in_string) {
      if (c == '\\')
        ++i;  // the escaped character, a quote included, is part of the string
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

bool load_bounded_json(JsonParser *parser, const char *data, size_t size, std::string *why) {
  if (!json_nesting_within(data, size)) {
    if (why) *why = format_text(_("it nests deeper than %d levels"), kMaxJsonDepth);
    return false;
  }
  GError *error = nullptr;
  if (!json_parser_load_from_data(parser, data, static_cast<gssize>(size), &error)) {
    if (why) *why = error ? error->message : _("unknown error");
    g_clear_error(&error);
    return false;
  }
  return true;
}

}  // namespace gpt_image

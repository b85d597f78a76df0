#include "api_response.h"

#include <cstring>
#include <memory>

#include "bounded_json.h"
#include "errors.h"
#include "i18n.h"
#include "server_text.h"

namespace gpt_image {

namespace {

using ParserPtr = std::unique_ptr<JsonParser, decltype(&g_object_unref)>;

// Returns the root object, or nullptr when the body is not a JSON object.
JsonObject *parse_root(JsonParser *parser, const std::string &body, std::string *why) {
  if (!load_bounded_json(parser, body, why)) return nullptr;
  JsonNode *root = json_parser_get_root(parser);
  if (!root || !JSON_NODE_HOLDS_OBJECT(root)) {
    if (why) *why = _("the top level is not an object");
    return nullptr;
  }
  return json_node_get_object(root);
}

// g_base64_decode() skips what is not base64 and never fails; an answer must be strictly valid
// (the alphabet, padding only at the end, whole 4-character groups; line breaks are allowed).
bool is_strict_base64(const char *text, size_t size) {
  size_t length = 0, padding = 0;
  for (size_t i = 0; i < size; ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r') continue;
    const bool alphabet = g_ascii_isalnum(c) || c == '+' || c == '/';
    if (c == '=') {
      ++padding;
    } else if (!alphabet || padding > 0) {
      return false;  // a foreign character, or data after padding
    }
    ++length;
  }
  return length > 0 && length % 4 == 0 && padding <= 2;
}

long long int_member(JsonObject *object, const char *name) {
  JsonNode *node = json_object_get_member(object, name);
  if (!node || !JSON_NODE_HOLDS_VALUE(node) || json_node_get_value_type(node) != G_TYPE_INT64) return 0;
  return json_node_get_int(node);
}

GenerativeError bad_base64() {
  return GenerativeError(ErrorKind::BadResponse, _("The server's answer holds an image that is not valid base64."));
}

}  // namespace

std::string string_member(JsonObject *object, const char *name) {
  JsonNode *node = json_object_get_member(object, name);
  if (!node || !JSON_NODE_HOLDS_VALUE(node)) return {};
  if (json_node_get_value_type(node) == G_TYPE_STRING) return json_node_get_string(node);
  if (json_node_get_value_type(node) == G_TYPE_INT64) return std::to_string(json_node_get_int(node));
  return {};
}

std::optional<std::vector<std::uint8_t>> take_image(JsonObject *item) {
  JsonNode *node = json_object_get_member(item, "b64_json");
  const char *b64 = node && JSON_NODE_HOLDS_VALUE(node) && json_node_get_value_type(node) == G_TYPE_STRING
                        ? json_node_get_string(node)
                        : nullptr;
  if (!b64 || !*b64) {
    if (!string_member(item, "url").empty())
      throw GenerativeError(ErrorKind::BadResponse,
                            _("The server answered with an image URL instead of base64 data; this plug-in "
                              "never downloads from third-party addresses."));
    return std::nullopt;
  }
  const size_t size = std::strlen(b64);
  if (size > kMaxImageBase64Bytes)
    throw GenerativeError(ErrorKind::BadResponse,
                          format_text(_("The server's answer holds an image of more than %zu MB, larger than any "
                                        "image the Images API makes; it was not read."),
                                      kMaxImageBase64Bytes >> 20));
  if (!is_strict_base64(b64, size)) throw bad_base64();
  // Decoded straight into the vector that is kept: no second copy of the image.
  std::vector<std::uint8_t> image(size / 4 * 3 + 3);
  gint state = 0;
  guint save = 0;
  image.resize(g_base64_decode_step(b64, size, image.data(), &state, &save));
  if (image.empty()) throw bad_base64();
  json_object_remove_member(item, "b64_json");  // frees the text now, not with the whole answer
  return image;
}

std::optional<ImageUsage> usage_member(JsonObject *root) {
  JsonNode *usage = json_object_get_member(root, "usage");
  if (!usage || !JSON_NODE_HOLDS_OBJECT(usage)) return std::nullopt;
  JsonObject *u = json_node_get_object(usage);
  ImageUsage out;
  out.input_tokens = int_member(u, "input_tokens");
  out.output_tokens = int_member(u, "output_tokens");
  out.total_tokens = int_member(u, "total_tokens");
  // The split of the input into text and image tokens, priced differently (cost_estimate.h).
  JsonNode *details = json_object_get_member(u, "input_tokens_details");
  if (details && JSON_NODE_HOLDS_OBJECT(details)) {
    JsonObject *d = json_node_get_object(details);
    if (json_object_has_member(d, "text_tokens") && json_object_has_member(d, "image_tokens"))
      out.input_split = std::pair{int_member(d, "text_tokens"), int_member(d, "image_tokens")};
  }
  return out;
}

std::optional<ApiErrorBody> api_error_member(JsonObject *root) {
  JsonNode *error = json_object_get_member(root, "error");
  if (!error || !JSON_NODE_HOLDS_OBJECT(error)) return std::nullopt;
  JsonObject *e = json_node_get_object(error);
  ApiErrorBody out{string_member(e, "message"), string_member(e, "type"), string_member(e, "param"),
                   string_member(e, "code")};
  if (out.message.empty()) out.message = _("(the server gave no message)");
  return out;
}

ImagesResult parse_images_response(std::string &&body) {
  ParserPtr parser(json_parser_new(), g_object_unref);
  std::string why;
  JsonObject *root = parse_root(parser.get(), body, &why);
  std::string().swap(body);  // parsed: the text is no longer needed
  if (!root)
    throw GenerativeError(ErrorKind::BadResponse, format_text(_("The server's answer is not valid JSON (%s)."),
                                                              shown_server_text(why).c_str()));

  JsonNode *data = json_object_get_member(root, "data");
  if (!data || !JSON_NODE_HOLDS_ARRAY(data))
    throw GenerativeError(ErrorKind::BadResponse, _("The server's answer has no \"data\" list of images."));

  ImagesResult result;
  JsonArray *items = json_node_get_array(data);
  for (guint i = 0; i < json_array_get_length(items); ++i) {
    JsonNode *item = json_array_get_element(items, i);
    if (!JSON_NODE_HOLDS_OBJECT(item)) continue;
    if (auto image = take_image(json_node_get_object(item))) result.images.push_back(std::move(*image));
  }
  if (result.images.empty()) throw GenerativeError(ErrorKind::BadResponse, _("The server's answer holds no image."));

  result.size = string_member(root, "size");
  result.output_format = string_member(root, "output_format");
  result.quality = string_member(root, "quality");
  result.background = string_member(root, "background");
  result.usage = usage_member(root);
  return result;
}

std::optional<ApiErrorBody> parse_api_error(const std::string &body) {
  ParserPtr parser(json_parser_new(), g_object_unref);
  JsonObject *root = parse_root(parser.get(), body, nullptr);
  if (!root) return std::nullopt;
  return api_error_member(root);
}

}  // namespace gpt_image

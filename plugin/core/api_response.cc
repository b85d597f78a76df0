#include "api_response.h"

#include <json-glib/json-glib.h>

#include <memory>

#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

using ParserPtr = std::unique_ptr<JsonParser, decltype(&g_object_unref)>;

// Returns the root object, or nullptr when the body is not a JSON object.
JsonObject *parse_root(JsonParser *parser, const std::string &body, std::string *why) {
  GError *error = nullptr;
  if (!json_parser_load_from_data(parser, body.data(), static_cast<gssize>(body.size()), &error)) {
    if (why) *why = error ? error->message : _("unknown error");
    g_clear_error(&error);
    return nullptr;
  }
  JsonNode *root = json_parser_get_root(parser);
  if (!root || !JSON_NODE_HOLDS_OBJECT(root)) {
    if (why) *why = _("the top level is not an object");
    return nullptr;
  }
  return json_node_get_object(root);
}

std::string string_member(JsonObject *object, const char *name) {
  JsonNode *node = json_object_get_member(object, name);
  if (!node || !JSON_NODE_HOLDS_VALUE(node)) return {};
  if (json_node_get_value_type(node) == G_TYPE_STRING) return json_node_get_string(node);
  if (json_node_get_value_type(node) == G_TYPE_INT64) return std::to_string(json_node_get_int(node));
  return {};
}

// g_base64_decode() skips what is not base64 and never fails; an answer must be strictly valid
// (the alphabet, padding only at the end, whole 4-character groups; line breaks are allowed).
bool is_strict_base64(const std::string &text) {
  size_t length = 0, padding = 0;
  for (const char c : text) {
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

}  // namespace

ImagesResult parse_images_response(const std::string &body) {
  ParserPtr parser(json_parser_new(), g_object_unref);
  std::string why;
  JsonObject *root = parse_root(parser.get(), body, &why);
  if (!root) throw GenerativeError(ErrorKind::BadResponse, 
                                     format_text(_("The server's answer is not valid JSON (%s)."), why.c_str()));

  JsonNode *data = json_object_get_member(root, "data");
  if (!data || !JSON_NODE_HOLDS_ARRAY(data))
    throw GenerativeError(ErrorKind::BadResponse, _("The server's answer has no \"data\" list of images."));

  ImagesResult result;
  JsonArray *items = json_node_get_array(data);
  for (guint i = 0; i < json_array_get_length(items); ++i) {
    JsonNode *item = json_array_get_element(items, i);
    if (!JSON_NODE_HOLDS_OBJECT(item)) continue;
    const std::string b64 = string_member(json_node_get_object(item), "b64_json");
    if (b64.empty()) {
      if (!string_member(json_node_get_object(item), "url").empty())
        throw GenerativeError(ErrorKind::BadResponse,
                              _("The server answered with an image URL instead of base64 data; this plug-in "
                                "never downloads from third-party addresses."));
      continue;
    }
    if (!is_strict_base64(b64))
      throw GenerativeError(ErrorKind::BadResponse,
                            _("The server's answer holds an image that is not valid base64."));
    gsize length = 0;
    guchar *decoded = g_base64_decode(b64.c_str(), &length);
    result.images.emplace_back(decoded, decoded + length);
    g_free(decoded);
    if (length == 0)
      throw GenerativeError(ErrorKind::BadResponse, 
                            _("The server's answer holds an image that is not valid base64."));
  }
  if (result.images.empty()) throw GenerativeError(ErrorKind::BadResponse, _("The server's answer holds no image."));

  result.size = string_member(root, "size");
  result.output_format = string_member(root, "output_format");
  JsonNode *usage = json_object_get_member(root, "usage");
  if (usage && JSON_NODE_HOLDS_OBJECT(usage)) {
    JsonObject *u = json_node_get_object(usage);
    result.usage = ImageUsage{int_member(u, "input_tokens"), int_member(u, "output_tokens"),
                              int_member(u, "total_tokens")};
  }
  return result;
}

std::optional<ApiErrorBody> parse_api_error(const std::string &body) {
  ParserPtr parser(json_parser_new(), g_object_unref);
  JsonObject *root = parse_root(parser.get(), body, nullptr);
  if (!root) return std::nullopt;
  JsonNode *error = json_object_get_member(root, "error");
  if (!error || !JSON_NODE_HOLDS_OBJECT(error)) return std::nullopt;
  JsonObject *e = json_node_get_object(error);
  ApiErrorBody out{string_member(e, "message"), string_member(e, "type"), string_member(e, "param"),
                   string_member(e, "code")};
  if (out.message.empty()) out.message = _("(the server gave no message)");
  return out;
}

}  // namespace gpt_image

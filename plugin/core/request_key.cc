#include "request_key.h"

#include <glib.h>
#include <json-glib/json-glib.h>

#include <cstdint>
#include <memory>

#include "service_route.h"

namespace gpt_image {

namespace {

// Bumped whenever the serialisation changes, so old entries are simply never found again.
constexpr char kKeyVersion[] = "gimp-gpt-image request key 1";

class KeyHasher {
 public:
  KeyHasher() : checksum_(g_checksum_new(G_CHECKSUM_SHA256), g_checksum_free) { piece(kKeyVersion); }
  void piece(const void *data, size_t size) {
    guchar length[8];
    std::uint64_t n = size;
    for (int i = 0; i < 8; ++i) length[i] = static_cast<guchar>(n >> (8 * i));
    g_checksum_update(checksum_.get(), length, sizeof length);
    if (size > 0) g_checksum_update(checksum_.get(), static_cast<const guchar *>(data), static_cast<gssize>(size));
  }
  void piece(const std::string &text) { piece(text.data(), text.size()); }
  std::string hex() { return g_checksum_get_string(checksum_.get()); }

 private:
  std::unique_ptr<GChecksum, decltype(&g_checksum_free)> checksum_;
};

}  // namespace

std::string multipart_request_key(const std::string &url, const std::vector<FormPart> &parts) {
  KeyHasher hash;
  hash.piece("POST");
  hash.piece(url);
  hash.piece("multipart/form-data");
  for (const FormPart &part : parts) {
    hash.piece(part.file ? "file" : "field");
    hash.piece(part.name);
    if (part.file) {
      hash.piece(part.file->data(), part.file->size());
      hash.piece(part.filename);
      hash.piece(part.content_type);
    } else {
      hash.piece(part.value);
    }
  }
  return hash.hex();
}

std::string json_request_key(const std::string &url, const std::string &json) {
  KeyHasher hash;
  hash.piece("POST");
  hash.piece(url);
  hash.piece("application/json");
  hash.piece(json);
  return hash.hex();
}

std::string edit_request_key(const ConnectionSettings &connection, const EditRequest &request) {
  std::vector<FormPart> parts = edit_form_parts(request);
  const std::string model = model_field(connection, request.model);
  for (FormPart &part : parts)
    if (!part.file && part.name == "model") part.value = model;
  return multipart_request_key(request_url(connection, "/images/edits"), parts);
}

std::string generate_request_body(const ConnectionSettings &connection, const GenerateRequest &request) {
  const std::string json = generate_request_json(request);
  const std::string model = model_field(connection, request.model);
  std::unique_ptr<JsonParser, decltype(&g_object_unref)> parser(json_parser_new(), g_object_unref);
  JsonNode *root = json_parser_load_from_data(parser.get(), json.data(), static_cast<gssize>(json.size()), nullptr)
                       ? json_parser_get_root(parser.get())
                       : nullptr;
  if (!root || !JSON_NODE_HOLDS_OBJECT(root)) return json;  // our own JSON: always an object
  JsonObject *object = json_node_get_object(root);
  if (json_object_get_string_member_with_default(object, "model", "") == model) return json;
  json_object_set_string_member(object, "model", model.c_str());
  std::unique_ptr<JsonGenerator, decltype(&g_object_unref)> generator(json_generator_new(), g_object_unref);
  json_generator_set_root(generator.get(), root);
  gchar *text = json_generator_to_data(generator.get(), nullptr);
  std::string out = text;
  g_free(text);
  return out;
}

std::string generate_request_key(const ConnectionSettings &connection, const GenerateRequest &request) {
  return json_request_key(request_url(connection, "/images/generations"), generate_request_body(connection, request));
}

}  // namespace gpt_image

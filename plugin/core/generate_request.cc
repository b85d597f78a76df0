#include "generate_request.h"

#include <json-glib/json-glib.h>

#include <memory>

namespace gpt_image {

std::string generate_request_json(const GenerateRequest &request) {
  std::unique_ptr<JsonBuilder, decltype(&g_object_unref)> builder(json_builder_new(), g_object_unref);
  JsonBuilder *b = builder.get();
  auto text = [b](const char *name, const std::string &value) {
    json_builder_set_member_name(b, name);
    json_builder_add_string_value(b, value.c_str());
  };
  auto number = [b](const char *name, gint64 value) {
    json_builder_set_member_name(b, name);
    json_builder_add_int_value(b, value);
  };
  const bool dall_e = request.model.rfind("dall-e", 0) == 0;
  json_builder_begin_object(b);
  text("model", request.model);
  text("prompt", request.prompt);
  number("n", request.n);
  if (!request.size.empty()) text("size", request.size);
  if (!request.quality.empty()) text("quality", request.quality);
  if (dall_e) {
    text("response_format", "b64_json");
  } else {
    if (!request.output_format.empty()) text("output_format", request.output_format);
    if (request.output_format == "jpeg" || request.output_format == "webp")
      number("output_compression", request.output_compression);
    if (!request.background.empty() && request.background != "auto") text("background", request.background);
    if (request.moderation == "low") text("moderation", request.moderation);
    if (request.partial_images > 0) {
      json_builder_set_member_name(b, "stream");
      json_builder_add_boolean_value(b, TRUE);
      number("partial_images", request.partial_images);
    }
  }
  json_builder_end_object(b);
  JsonNode *root = json_builder_get_root(b);
  gchar *json = json_to_string(root, FALSE);
  std::string out = json;
  g_free(json);
  json_node_unref(root);
  return out;
}

}  // namespace gpt_image

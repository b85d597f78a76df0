#include "image_stream.h"

#include <glib.h>
#include <json-glib/json-glib.h>

#include <memory>

#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

bool ends_with(const std::string &text, const std::string &suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

ImageStream::ImageStream(PartialHandler on_partial)
    : on_partial_(std::move(on_partial)), parser_([this](const ServerEvent &e) { on_event(e); }) {}

void ImageStream::on_event(const ServerEvent &event) {
  if (error_ || !problem_.empty()) return;  // the first failure decides
  if (event.data == "[DONE]") return;     // some relays end OpenAI-style streams so
  if (const auto error = parse_api_error(event.data)) {
    error_ = error;
    return;
  }
  std::unique_ptr<JsonParser, decltype(&g_object_unref)> parser(json_parser_new(), g_object_unref);
  if (!json_parser_load_from_data(parser.get(), event.data.data(), static_cast<gssize>(event.data.size()), nullptr) ||
      !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser.get()))) {
    problem_ = format_text(_("an event of the stream (\"%s\") is not JSON"), event.event.c_str());
    return;
  }
  JsonObject *root = json_node_get_object(json_parser_get_root(parser.get()));
  const std::string type = json_object_get_string_member_with_default(root, "type", event.event.c_str());
  const bool partial = ends_with(type, ".partial_image"), completed = ends_with(type, ".completed");
  if (!partial && !completed) return;  // events this plug-in does not use
  // The event's JSON is one image entry; parse_images_response checks its base64 strictly.
  const std::string wrapped = "{\"data\": [" + event.data + "]}";
  ImagesResult one;
  try {
    one = parse_images_response(wrapped);
  } catch (const GenerativeError &e) {
    problem_ = e.what();
    return;
  }
  if (partial) {
    const int index = static_cast<int>(json_object_get_int_member_with_default(root, "partial_image_index", partials_));
    ++partials_;
    if (on_partial_) on_partial_(index, one.images.front());
    return;
  }
  result_.images.push_back(std::move(one.images.front()));
  JsonNode *usage = json_object_get_member(root, "usage");
  if (usage && JSON_NODE_HOLDS_OBJECT(usage)) {
    JsonObject *u = json_node_get_object(usage);
    result_.usage = ImageUsage{json_object_get_int_member_with_default(u, "input_tokens", 0),
                               json_object_get_int_member_with_default(u, "output_tokens", 0),
                               json_object_get_int_member_with_default(u, "total_tokens", 0)};
  }
  if (json_object_has_member(root, "size")) result_.size = json_object_get_string_member_with_default(root, "size", "");
  if (json_object_has_member(root, "output_format"))
    result_.output_format = json_object_get_string_member_with_default(root, "output_format", "");
}

ImagesResult ImageStream::finish() {
  const bool truncated = parser_.finish();
  if (!problem_.empty())
    throw GenerativeError(ErrorKind::BadResponse,
                          format_text(_("The server's stream of images could not be read: %s."), problem_.c_str()));
  if (result_.images.empty())
    throw GenerativeError(ErrorKind::BadResponse,
                          truncated ? _("The server's stream of images broke off before the finished image came.")
                                    : _("The server's stream of images ended without a finished image."));
  return std::move(result_);
}

}  // namespace gpt_image

#include "image_stream.h"

#include <glib.h>
#include <json-glib/json-glib.h>

#include <memory>

#include "bounded_json.h"
#include "errors.h"
#include "i18n.h"
#include "server_text.h"

namespace gpt_image {

namespace {

bool ends_with(const std::string &text, const std::string &suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

ImageStream::ImageStream(PartialHandler on_partial, int max_partials)
    : on_partial_(std::move(on_partial)),
      max_partials_(std::max(0, max_partials)),
      parser_([this](const ServerEvent &e) { on_event(e); }, kMaxStreamEventBytes) {}

void ImageStream::on_event(const ServerEvent &event) {
  if (error_ || !problem_.empty()) return;  // the first failure decides
  if (event.data == "[DONE]") return;     // some relays end OpenAI-style streams so
  // A preview beyond those asked for is not even parsed: a flood of them costs nothing.
  if (ends_with(event.event, ".partial_image") && partials_ >= max_partials_) return;
  std::unique_ptr<JsonParser, decltype(&g_object_unref)> parser(json_parser_new(), g_object_unref);
  std::string why;
  if (!load_bounded_json(parser.get(), event.data, &why) || !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser.get()))) {
    problem_ = format_text(_("an event of the stream (\"%s\") is not JSON (%s)"),
                           shown_server_text(event.event, {}, 60).c_str(),
                           why.empty() ? _("not an object") : shown_server_text(why).c_str());
    return;
  }
  JsonObject *root = json_node_get_object(json_parser_get_root(parser.get()));
  if (auto error = api_error_member(root)) {
    error_ = std::move(error);
    return;
  }
  const std::string type = json_object_get_string_member_with_default(root, "type", event.event.c_str());
  const bool partial = ends_with(type, ".partial_image"), completed = ends_with(type, ".completed");
  if (!partial && !completed) return;  // events this plug-in does not use
  if (partial && partials_ >= max_partials_) return;
  std::optional<std::vector<std::uint8_t>> image;
  try {
    image = take_image(root);
  } catch (const GenerativeError &e) {
    problem_ = e.what();
    return;
  }
  if (!image) {
    problem_ = _("an image event holds no image");
    return;
  }
  if (partial) {
    // The server's index is only a hint: one outside the previews asked for counts in arrival order.
    const gint64 hinted = json_object_get_int_member_with_default(root, "partial_image_index", partials_);
    const int index = hinted >= 0 && hinted < max_partials_ ? static_cast<int>(hinted) : partials_;
    ++partials_;
    if (on_partial_) on_partial_(index, *image);
    return;
  }
  result_.images.push_back(std::move(*image));
  if (auto usage = usage_member(root)) result_.usage = usage;
  if (json_object_has_member(root, "size")) result_.size = string_member(root, "size");
  if (json_object_has_member(root, "output_format")) result_.output_format = string_member(root, "output_format");
  if (json_object_has_member(root, "quality")) result_.quality = string_member(root, "quality");
  if (json_object_has_member(root, "background")) result_.background = string_member(root, "background");
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
  result_.streamed = true;
  return std::move(result_);
}

}  // namespace gpt_image

// The Images API's answer with stream=true: server-sent events whose JSON carries partial images
// (image_edit.partial_image / image_generation.partial_image) and the finished one
// (*.completed); an "error" key is an error. ImageStream collects them as bytes arrive and turns
// the whole into the same ImagesResult a plain JSON answer gives.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api_response.h"
#include "sse_parser.h"

namespace gpt_image {

// One event is at most one image's base64 text plus its JSON around it.
constexpr size_t kMaxStreamEventBytes = kMaxImageBase64Bytes + (size_t{64} << 10);

class ImageStream {
 public:
  // Called for each partial image as it arrives: its index (0-based, below `max_partials`) and
  // encoded bytes.
  using PartialHandler = std::function<void(int index, const std::vector<std::uint8_t> &image)>;
  // Only the first `max_partials` previews are read and passed on; a relay that sends more has the
  // rest ignored unread.
  ImageStream(PartialHandler on_partial, int max_partials);

  void feed(const char *bytes, size_t size) { parser_.feed(bytes, size); }

  // True once an event grew past kMaxStreamEventBytes: the transfer should stop.
  bool oversized() const { return parser_.overflowed(); }

  // The error event the server sent, if any: the caller explains it (error_explanation.h).
  const std::optional<ApiErrorBody> &error() const { return error_; }

  // The stream ended (and error() is empty). Returns the completed images; throws
  // GenerativeError(BadResponse) when the stream ended without a completed image or an event was
  // unreadable.
  ImagesResult finish();

  int partial_images() const { return partials_; }

 private:
  void on_event(const ServerEvent &event);

  PartialHandler on_partial_;
  int max_partials_;
  SseParser parser_;
  ImagesResult result_;
  int partials_ = 0;
  std::optional<ApiErrorBody> error_;
  std::string problem_;  // the first unreadable event, explained
};

}  // namespace gpt_image

// Reading the Images API's answers: the images, the usage, and error bodies.
#pragma once

#include <json-glib/json-glib.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gpt_image {

// The largest image any model returns is 3840x2160; as an incompressible RGBA PNG that is 33.2 MB,
// 44.3 MB in base64. A longer b64_json is not an image of the Images API.
constexpr size_t kMaxImageBase64Bytes = size_t{48} << 20;

struct ImageUsage {
  long long input_tokens = 0;
  long long output_tokens = 0;
  long long total_tokens = 0;
  // input_tokens_details: {text_tokens, image_tokens}, when the server gives both.
  std::optional<std::pair<long long, long long>> input_split;
};

struct ImagesResult {
  std::vector<std::vector<std::uint8_t>> images;  // encoded image bytes, in answer order
  std::optional<ImageUsage> usage;
  // As reported by the server, each may be empty: what a relay that ignores a field gives away
  // (relay_deviations.h).
  std::string size;
  std::string output_format;
  std::string quality;
  std::string background;
  bool streamed = false;  // the answer came as server-sent events, not as one JSON document
  std::string request_id;  // the server's x-request-id, when it sent one (the ledger keeps it)
};

struct ApiErrorBody {
  std::string message;
  std::string type;
  std::string param;
  std::string code;
};

// Parses a successful answer. Only `data[].b64_json` is required of it; every other field is
// optional. Throws GenerativeError(BadResponse) for anything unusable. The body is given up as
// soon as it is parsed, and each image's base64 text as soon as it is decoded, so that the largest
// answer is not held three times over (README, "Limits").
ImagesResult parse_images_response(std::string &&body);
inline ImagesResult parse_images_response(const std::string &body) { return parse_images_response(std::string(body)); }

// Parses {"error": {...}}; nullopt when the body is not such an object.
std::optional<ApiErrorBody> parse_api_error(const std::string &body);

// The pieces both the plain and the streamed answer are read with (image_stream.h).
// The {"error": {...}} member of an object, when it has one.
std::optional<ApiErrorBody> api_error_member(JsonObject *root);
// The object's "b64_json" decoded (strictly checked, at most kMaxImageBase64Bytes); the member is
// dropped from the object once decoded. nullopt when it has none; throws GenerativeError
// (BadResponse) for a URL instead of data, bad base64 or an oversized image.
std::optional<std::vector<std::uint8_t>> take_image(JsonObject *item);
// The "usage" member, when it is an object.
std::optional<ImageUsage> usage_member(JsonObject *root);
// A member that is a string (or an integer, as text); empty otherwise.
std::string string_member(JsonObject *object, const char *name);

}  // namespace gpt_image

// Reading the Images API's answers: the images, the usage, and error bodies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gpt_image {

struct ImageUsage {
  long long input_tokens = 0;
  long long output_tokens = 0;
  long long total_tokens = 0;
};

struct ImagesResult {
  std::vector<std::vector<std::uint8_t>> images;  // encoded image bytes, in answer order
  std::optional<ImageUsage> usage;
  std::string size;           // as reported by the server, may be empty
  std::string output_format;  // as reported by the server, may be empty
};

struct ApiErrorBody {
  std::string message;
  std::string type;
  std::string param;
  std::string code;
};

// Parses a successful answer. Only `data[].b64_json` is required of it; every other field is
// optional. Throws GenerativeError(BadResponse) for anything unusable.
ImagesResult parse_images_response(const std::string &body);

// Parses {"error": {...}}; nullopt when the body is not such an object.
std::optional<ApiErrorBody> parse_api_error(const std::string &body);

}  // namespace gpt_image

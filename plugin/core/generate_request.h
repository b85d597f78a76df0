// The generation request as values, and the JSON body it becomes (POST {base}/images/generations,
// fields per images-api.md: the edit's fields minus image, mask and input_fidelity, plus
// moderation). Fields at their API default are left out rather than sent.
#pragma once

#include <string>

namespace gpt_image {

struct GenerateRequest {
  std::string model;
  std::string prompt;
  std::string quality = "medium";
  std::string size;                   // always explicit "WxH": the plug-in plans the size itself
  int n = 1;
  std::string output_format = "png";
  int output_compression = 100;       // sent for jpeg and webp only
  std::string background = "auto";    // sent unless auto
  std::string moderation = "auto";    // sent when low
  int partial_images = 0;             // 1-3: stream the answer with that many previews
};

// The JSON body, compact. dall-e-2 gets response_format b64_json instead of output_format.
std::string generate_request_json(const GenerateRequest &request);

}  // namespace gpt_image

// What each Images API model accepts: its size rule, prompt limit and quality names.
// Facts from ../shared/notes/images-api.md; unknown model names get the most widely accepted rule
// (the three standard sizes), so a relay's renamed model still receives a valid request.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "geometry.h"

namespace gpt_image {

enum class SizeRule {
  StandardSizes,    // gpt-image-1, -1.5, -1-mini: 1024x1024, 1536x1024, 1024x1536
  MultiplesOf16,    // gpt-image-2: any WxH, multiples of 16, aspect 1:3..3:1, edges <= 3840x2160
  SquareDallE2,     // dall-e-2: 256, 512 or 1024 square
};

struct ImageModel {
  std::string name;
  SizeRule size_rule = SizeRule::StandardSizes;
  std::vector<PixelSize> fixed_sizes;  // the accepted sizes for the fixed-size rules
  int prompt_limit = 32000;            // characters
  std::vector<std::string> qualities;  // accepted `quality` values
  bool streams = true;                 // accepts stream=true with partial_images
};

ImageModel describe_model(const std::string &name);

// Limits of the MultiplesOf16 rule.
constexpr int kFlexibleSizeStep = 16;
constexpr int kFlexibleMaxLongEdge = 3840;
constexpr int kFlexibleMaxShortEdge = 2160;
constexpr double kFlexibleMaxAspect = 3.0;

// The largest side a size may name: GIMP's largest image side, far below int overflow.
constexpr int kMaxSizeSide = 524288;
// Parses "WIDTHxHEIGHT" (or "X"): digits only on both sides (no sign, no space), each 1 to
// kMaxSizeSide. "auto" and anything else give nullopt.
std::optional<PixelSize> parse_size(const std::string &text);
std::string format_size(PixelSize size);

// Throws GenerativeError(InvalidArgument) with a sentence naming the accepted sizes when `size`
// ("auto" or "WxH") is not accepted by `model`.
void validate_size_for_model(const ImageModel &model, const std::string &size);

// False for models without an input_fidelity setting (gpt-image-1-mini, dall-e-2): the dialogs grey
// it out and a request asking "high" is refused.
bool takes_input_fidelity(const ImageModel &model);

// False for models without a background setting (dall-e-2): the fill then sends no
// background=opaque for an opaque picture.
bool takes_background(const ImageModel &model);

// Throws GenerativeError(InvalidArgument) unless `quality` is one of the model's qualities.
void validate_quality_for_model(const ImageModel &model, const std::string &quality);

}  // namespace gpt_image

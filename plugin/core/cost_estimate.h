// What a fill will cost before it is sent, from per-image output prices per model, quality and
// size. Only models with a known table get a number; the rest say "unknown", never a guess.
// After a run, the API's own `usage` is the bill (see ImagesResult::usage).
#pragma once

#include <optional>
#include <string>

#include "geometry.h"

namespace gpt_image {

struct CostEstimate {
  std::optional<double> low_usd;   // the estimate; for quality "auto", the cheapest possibility
  std::optional<double> high_usd;  // equal to low_usd unless the quality is "auto"
  std::string text;                // e.g. "≈ $0.15 for 3 × medium 1536×1024 on gpt-image-1.5"
};

// Price of one output image, nullopt when the model, quality or size has no known price.
std::optional<double> output_image_price(const std::string &model, const std::string &quality, PixelSize size);

// Each streamed partial image costs 100 image output tokens more (images-api.md); they are counted
// at the model's image output token price.
constexpr int kPartialImageTokens = 100;
std::optional<double> partial_image_price(const std::string &model);

CostEstimate estimate_cost(const std::string &model, const std::string &quality, PixelSize request, int images,
                           int partial_images = 0);

}  // namespace gpt_image

// What a fill will cost before it is sent, and what it cost after. Both read only the model
// catalogue's prices (image_models.h): a per-image table where one is published, otherwise the
// published output tokens per size and quality times the token price. Where neither is known the
// estimate says "unknown", never a guess. After a call the answer's `usage` times the catalogue's
// token prices is the actual cost (actual_cost), kept as a struct a ledger can store.
#pragma once

#include <optional>
#include <string>

#include "api_response.h"
#include "geometry.h"
#include "image_models.h"

namespace gpt_image {

struct CostEstimate {
  std::optional<double> low_usd;   // the estimate; for quality "auto", the cheapest possibility
  std::optional<double> high_usd;  // equal to low_usd unless the quality is "auto"
  std::string text;                // e.g. "≈ $0.15 for 3 × medium 1536×1024 on gpt-image-1.5"
};

// Price of one output image, nullopt when the model, quality or size has no known price.
std::optional<double> output_image_price(const ImageModel &model, const std::string &quality, PixelSize size);

// Each streamed partial image costs 100 image output tokens more (images-api.md); they are counted
// at the model's image output token price.
constexpr int kPartialImageTokens = 100;
std::optional<double> partial_image_price(const ImageModel &model);

CostEstimate estimate_cost(const ImageModel &model, const std::string &quality, PixelSize request, int images,
                           int partial_images = 0);

// What one call cost, from the answer's usage and the model's token prices.
struct ActualCost {
  std::string model;
  ImageUsage usage;
  std::optional<double> usd;  // nullopt: no token prices, or the usage does not split the input
  std::string price_source;   // the catalogue's source and date of the prices used
  std::string text;           // e.g. "Cost: $0.04 (1,200 input and 1,056 output tokens)"
};

// Tokens above this are not an image call's (a bad or hostile usage member): no cost is computed.
constexpr long long kMaxUsageTokens = 100000000;

ActualCost actual_cost(const ImageModel &model, const std::optional<ImageUsage> &usage);

}  // namespace gpt_image

#include "cost_estimate.h"

#include <cstdio>

#include "i18n.h"

namespace gpt_image {

namespace {

// Output image tokens of gpt-image-1 and gpt-image-1.5 (images-api.md), columns 1024x1024,
// 1024x1536, 1536x1024; priced per token below.
constexpr int kOutputTokens[3][3] = {{272, 408, 400}, {1056, 1584, 1568}, {4160, 6240, 6208}};
// gpt-image-1-mini's published per-image prices, same layout.
constexpr double kMiniPrices[3][3] = {{0.005, 0.006, 0.006}, {0.011, 0.015, 0.015}, {0.036, 0.052, 0.052}};

int quality_row(const std::string &quality) {
  if (quality == "low") return 0;
  if (quality == "medium") return 1;
  if (quality == "high") return 2;
  return -1;
}

int size_column(PixelSize size) {
  if (size == PixelSize{1024, 1024}) return 0;
  if (size == PixelSize{1024, 1536}) return 1;
  if (size == PixelSize{1536, 1024}) return 2;
  return -1;
}

// The quality as the dialog names it; "auto" and unknown values are shown as given.
const char *quality_word(const std::string &quality) {
  if (quality == "low") return _("low");
  if (quality == "medium") return _("medium");
  if (quality == "high") return _("high");
  if (quality == "auto") return _("auto");
  return quality.c_str();
}

std::string dollars(double usd) {
  char text[32];
  std::snprintf(text, sizeof text, "$%.2f", usd);
  return text;
}

}  // namespace

std::optional<double> output_image_price(const std::string &model, const std::string &quality, PixelSize size) {
  const int row = quality_row(quality), column = size_column(size);
  if (row < 0 || column < 0) return std::nullopt;
  if (model == "gpt-image-1") return kOutputTokens[row][column] * 40.0 / 1e6;
  if (model == "gpt-image-1.5") return kOutputTokens[row][column] * 32.0 / 1e6;
  if (model == "gpt-image-1-mini") return kMiniPrices[row][column];
  return std::nullopt;
}

std::optional<double> partial_image_price(const std::string &model) {
  if (model == "gpt-image-1") return kPartialImageTokens * 40.0 / 1e6;
  if (model == "gpt-image-1.5") return kPartialImageTokens * 32.0 / 1e6;
  if (model == "gpt-image-1-mini") return kPartialImageTokens * 8.0 / 1e6;
  return std::nullopt;
}

CostEstimate estimate_cost(const std::string &model, const std::string &quality, PixelSize request, int images,
                           int partial_images) {
  CostEstimate estimate;
  // TRANSLATORS: e.g. "3 × medium 1536×1024 on gpt-image-1.5"
  std::string what = format_text(_("%d × %s %d×%d on %s"), images, quality_word(quality), request.width,
                                 request.height, model.c_str());
  double previews = 0;
  if (partial_images > 0) {
    // TRANSLATORS: follows "3 × medium 1536×1024 on gpt-image-1.5"
    what += format_text(_(" with %d previews each"), partial_images);
    const auto price = partial_image_price(model);
    if (!price) {
      estimate.text = format_text(_("Cost unknown for %s: no price table for this model and size."), what.c_str());
      return estimate;
    }
    previews = *price * partial_images * images;
  }
  if (quality == "auto") {
    const auto low = output_image_price(model, "low", request), high = output_image_price(model, "high", request);
    if (low && high) {
      estimate.low_usd = *low * images + previews;
      estimate.high_usd = *high * images + previews;
      estimate.text = format_text(_("≈ %s–%s for %s (the server picks the quality)"),
                                  dollars(*estimate.low_usd).c_str(), dollars(*estimate.high_usd).c_str(), what.c_str());
      return estimate;
    }
  } else if (const auto price = output_image_price(model, quality, request)) {
    estimate.low_usd = estimate.high_usd = *price * images + previews;
    estimate.text = format_text(_("≈ %s for %s, plus input tokens"), dollars(*estimate.low_usd).c_str(), what.c_str());
    return estimate;
  }
  estimate.text = format_text(_("Cost unknown for %s: no price table for this model and size."), what.c_str());
  return estimate;
}

}  // namespace gpt_image

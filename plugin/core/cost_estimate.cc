#include "cost_estimate.h"

#include <algorithm>
#include <cstdio>

#include "i18n.h"

namespace gpt_image {

namespace {

// The quality as the dialog names it; other values are shown as given.
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

std::optional<double> output_image_price(const ImageModel &model, const std::string &quality, PixelSize size) {
  const ModelPrices &p = model.prices;
  if (p.per_image)
    if (const auto price = p.per_image->at(quality, size)) return price;
  if (p.output_tokens && p.tokens)
    if (const auto tokens = p.output_tokens->at(quality, size)) return *tokens * p.tokens->image_output / 1e6;
  return std::nullopt;
}

std::optional<double> partial_image_price(const ImageModel &model) {
  if (!model.prices.tokens) return std::nullopt;
  return kPartialImageTokens * model.prices.tokens->image_output / 1e6;
}

namespace {

CostEstimate estimate_from_prices(const ImageModel &model, const std::string &quality, PixelSize request, int images,
                                  int partial_images) {
  CostEstimate estimate;
  // TRANSLATORS: e.g. "3 × medium 1536×1024 on gpt-image-1.5"
  std::string what = format_text(_("%d × %s %d×%d on %s"), images, quality_word(quality), request.width,
                                 request.height, model.name.c_str());
  const std::string unknown =
      format_text(_("Cost unknown for %s: no price table for this model and size."), what.c_str());
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
    // The server may pick any of the model's qualities: the range over all of them, each priced.
    std::optional<double> low, high;
    for (const auto &q : model.qualities) {
      if (q == "auto") continue;
      const auto price = output_image_price(model, q, request);
      if (!price) {
        estimate.text = unknown;
        return estimate;
      }
      low = std::min(low.value_or(*price), *price);
      high = std::max(high.value_or(*price), *price);
    }
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

}  // namespace

CostEstimate estimate_cost(const ImageModel &model, const std::string &quality, PixelSize request, int images,
                           int partial_images) {
  CostEstimate estimate = estimate_from_prices(model, quality, request, images, partial_images);
  // The line the dialogs show: the place to say that an unknown model gets the plainest rules.
  if (!model.known && !model.note.empty()) estimate.text += " " + model.note;
  return estimate;
}

ActualCost actual_cost(const ImageModel &model, const std::optional<ImageUsage> &usage) {
  ActualCost cost;
  cost.model = model.name;
  if (!usage) {
    cost.text = _("Cost unknown: the server did not say how many tokens were used.");
    return cost;
  }
  cost.usage = *usage;
  const ImageUsage &u = *usage;
  auto plausible = [](long long n) { return n >= 0 && n <= kMaxUsageTokens; };
  // Counts no image call reaches (negative, or beyond kMaxUsageTokens) are not repeated to the user.
  if (!plausible(u.input_tokens) || !plausible(u.output_tokens)) {
    cost.text = _("Cost unknown: the token counts the server reported are not plausible.");
    return cost;
  }
  // TRANSLATORS: e.g. "1200 input and 1056 output tokens"
  const std::string tokens = format_text(_("%lld input and %lld output tokens"), u.input_tokens, u.output_tokens);
  const auto &prices = model.prices.tokens;
  const bool split_known = u.input_split && plausible(u.input_split->first) && plausible(u.input_split->second);
  if (!prices || (!split_known && u.input_tokens > 0 && prices->text_input != prices->image_input)) {
    cost.text = format_text(_("Cost unknown (%s): no token prices for %s, or the usage does not say which input "
                              "tokens were text and which image."),
                            tokens.c_str(), model.name.c_str());
    return cost;
  }
  const double text_in = split_known ? static_cast<double>(u.input_split->first) : static_cast<double>(u.input_tokens);
  const double image_in = split_known ? static_cast<double>(u.input_split->second) : 0.0;
  cost.usd = (text_in * prices->text_input + image_in * prices->image_input +
              static_cast<double>(u.output_tokens) * prices->image_output) / 1e6;
  cost.price_source = prices->source + ", " + prices->date;
  // TRANSLATORS: e.g. "Cost: $0.04 (1200 input and 1056 output tokens)"
  cost.text = format_text(_("Cost: %s (%s)"), dollars(*cost.usd).c_str(), tokens.c_str());
  return cost;
}

}  // namespace gpt_image

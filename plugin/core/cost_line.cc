#include "cost_line.h"

#include "errors.h"
#include "generate_formats.h"
#include "i18n.h"
#include "plugin_settings.h"

namespace gpt_image {

namespace {

CostEstimate unknown_cost(const GenerativeError &e) {
  CostEstimate unknown;
  unknown.text = format_text(_("Cost unknown: %s"), e.what());
  return unknown;
}

}  // namespace

CostEstimate fill_cost(ImageSource &image, const FillOptions &options, const std::string &settings_path) {
  try {
    const PluginSettings settings = with_environment_overrides(load_settings(settings_path));
    return estimate_fill_cost(image, options, model_for_rules(settings), settings.pixel_budget);
  } catch (const GenerativeError &e) {
    return unknown_cost(e);
  }
}

CostEstimate generate_cost(const GenerateOptions &options, PixelSize target, const std::string &settings_path) {
  try {
    const PluginSettings settings = with_environment_overrides(load_settings(settings_path));
    return estimate_generate_cost(options, target, model_for_rules(settings), settings.pixel_budget);
  } catch (const GenerativeError &e) {
    return unknown_cost(e);
  }
}

CostEstimate generate_cost(const GenerateOptions &options, const std::vector<PixelSize> &targets,
                           const std::string &settings_path) {
  if (targets.size() == 1) return generate_cost(options, targets.front(), settings_path);
  try {
    const PluginSettings settings = with_environment_overrides(load_settings(settings_path));
    double low = 0, high = 0;
    for (const PixelSize target : targets) {
      const CostEstimate one = estimate_generate_cost(side_by_side_options(options), target,
                                                      model_for_rules(settings), settings.pixel_budget);
      if (!one.low_usd || !one.high_usd) {  // one canvas without a price: the whole run's is unknown
        CostEstimate unknown;
        unknown.text = one.text;
        return unknown;
      }
      low += *one.low_usd;
      high += *one.high_usd;
    }
    const int count = static_cast<int>(targets.size());
    CostEstimate sum;
    sum.low_usd = low;
    sum.high_usd = high;
    sum.text = high > low
                   ? format_text(_("≈ $%.2f–$%.2f for %d canvases (the server picks the quality)"), low, high, count)
                   : format_text(_("≈ $%.2f for %d canvases, plus input tokens"), low, count);
    return sum;
  } catch (const GenerativeError &e) {
    return unknown_cost(e);
  }
}

std::string fill_cost_line(ImageSource &image, const FillOptions &options, const std::string &settings_path) {
  return fill_cost(image, options, settings_path).text;
}

std::string generate_cost_line(const GenerateOptions &options, PixelSize target, const std::string &settings_path) {
  return generate_cost(options, target, settings_path).text;
}

std::string generate_cost_line(const GenerateOptions &options, const std::vector<PixelSize> &targets,
                               const std::string &settings_path) {
  return generate_cost(options, targets, settings_path).text;
}

}  // namespace gpt_image

#include "cost_line.h"

#include "errors.h"
#include "i18n.h"
#include "plugin_settings.h"

namespace gpt_image {

std::string fill_cost_line(ImageSource &image, const FillOptions &options, const std::string &settings_path) {
  try {
    const PluginSettings settings = with_environment_overrides(load_settings(settings_path));
    return estimate_fill_cost(image, options, model_for_rules(settings), settings.pixel_budget).text;
  } catch (const GenerativeError &e) {
    return format_text(_("Cost unknown: %s"), e.what());
  }
}

std::string generate_cost_line(const GenerateOptions &options, PixelSize target, const std::string &settings_path) {
  try {
    const PluginSettings settings = with_environment_overrides(load_settings(settings_path));
    return estimate_generate_cost(options, target, model_for_rules(settings), settings.pixel_budget).text;
  } catch (const GenerativeError &e) {
    return format_text(_("Cost unknown: %s"), e.what());
  }
}

}  // namespace gpt_image

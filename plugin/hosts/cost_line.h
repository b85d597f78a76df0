// The dialog's cost line for a GIMP image: the model and pixel budget come from the settings
// (file and environment), the request size from the image's canvas and selection.
#pragma once

#include <string>

#include "errors.h"
#include "generative_fill.h"
#include "i18n.h"
#include "plugin_settings.h"

namespace gpt_image {

inline std::string cost_line(FillSource &image, const FillOptions &options, const std::string &settings_path) {
  try {
    const PluginSettings settings = with_environment_overrides(load_settings(settings_path));
    return estimate_fill_cost(image, options, model_for_rules(settings), settings.pixel_budget).text;
  } catch (const GenerativeError &e) {
    return format_text(_("Cost unknown: %s"), e.what());
  }
}

}  // namespace gpt_image

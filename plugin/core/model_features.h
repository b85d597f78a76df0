// What the dialogs and procedures offer depends on the model catalogue (model_catalogue.h) and on
// the model the settings name (file and environment).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "i18n.h"
#include "image_models.h"
#include "model_catalogue.h"
#include "plugin_settings.h"

namespace gpt_image {

// Input fidelity is offered only where the model has it (greyed out otherwise).
inline bool settings_model_takes_input_fidelity(const std::string &settings_path) {
  try {
    return takes_input_fidelity(describe_model(model_for_rules(with_environment_overrides(load_settings(settings_path)))));
  } catch (...) {
    return true;  // unreadable settings or catalogue: the request's own validation speaks later
  }
}

// The qualities the quality argument takes: every quality of the catalogue. Should the catalogue
// not load (the run then fails with the reason), the four qualities of the API's specification.
inline std::vector<std::string> offered_qualities() {
  try {
    return catalogue_qualities(*active_model_catalogue());
  } catch (...) {
    return {"auto", "low", "medium", "high"};
  }
}

// The qualities the settings' model accepts; every offered quality when that cannot be told.
inline std::vector<std::string> settings_model_qualities(const std::string &settings_path) {
  try {
    return describe_model(with_environment_overrides(load_settings(settings_path)).model).qualities;
  } catch (...) {
    return offered_qualities();
  }
}

// How a quality is shown: the API's words translated, a catalogue's own words as they are.
inline std::string quality_label(const std::string &quality) {
  if (quality == "auto") return _("Auto");
  if (quality == "low") return _("Low");
  if (quality == "medium") return _("Medium");
  if (quality == "high") return _("High");
  // TRANSLATORS: the quality "xhigh" of gpt-image-2.5 and later
  if (quality == "xhigh") return _("Extra high");
  // TRANSLATORS: the quality "max" of gpt-image-2.5 and later
  if (quality == "max") return _("Maximum");
  if (quality == "standard") return _("Standard");
  return quality;
}

// The quality list of a dialog: the settings' model's qualities, each with its label.
inline std::vector<std::pair<std::string, std::string>> quality_choices(const std::string &settings_path) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string &q : settings_model_qualities(settings_path)) out.emplace_back(q, quality_label(q));
  return out;
}

}  // namespace gpt_image

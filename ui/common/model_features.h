// What the dialogs offer depends on the model the settings name (file and environment).
#pragma once

#include <string>

#include "image_models.h"
#include "plugin_settings.h"

namespace gpt_image {

// Input fidelity is offered only where the model has it (greyed out otherwise).
inline bool settings_model_takes_input_fidelity(const std::string &settings_path) {
  try {
    return takes_input_fidelity(describe_model(model_for_rules(with_environment_overrides(load_settings(settings_path)))));
  } catch (...) {
    return true;  // unreadable settings: the request's own validation speaks later
  }
}

}  // namespace gpt_image

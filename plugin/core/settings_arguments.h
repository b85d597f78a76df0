// The non-interactive Settings procedure, shared by both GIMP versions: every argument is saved as
// given (the key is never an argument).
#pragma once

#include <string>

#include "plugin_settings.h"
#include "procedure_spec.h"
#include "procedures.h"

namespace gpt_image {

inline void save_settings_from_arguments(const std::string &path, const procedures::ArgumentValues &arguments) {
  PluginSettings settings = load_settings(path);  // keeps what the arguments do not cover
  settings.base_url = arguments.text(spec::kArgBaseUrl);
  settings.model = arguments.text(spec::kArgModel);
  settings.organization = arguments.text(spec::kArgOrganization);
  settings.project = arguments.text(spec::kArgProject);
  settings.timeout_seconds = arguments.number(spec::kArgTimeout);
  settings.ca_file = arguments.text(spec::kArgCaFile);
  settings.max_retries = arguments.number(spec::kArgRetries);
  settings.connect_timeout_seconds = arguments.number(spec::kArgConnectTimeout);
  settings.stall_timeout_seconds = arguments.number(spec::kArgStallTimeout);
  save_settings(settings, path);
}

}  // namespace gpt_image

// The non-interactive Settings procedure, shared by both GIMP versions: every argument is saved as
// given (the key is never an argument).
#pragma once

#include <string>

#include "plugin_settings.h"

namespace gpt_image {

inline void save_settings_from_arguments(const std::string &path, const std::string &base_url, const std::string &model,
                                         const std::string &organization, const std::string &project, long timeout,
                                         const std::string &ca_file, int retries, long connect_timeout,
                                         long stall_timeout) {
  PluginSettings settings = load_settings(path);  // keeps what the arguments do not cover
  settings.base_url = base_url;
  settings.model = model;
  settings.organization = organization;
  settings.project = project;
  settings.timeout_seconds = timeout;
  settings.ca_file = ca_file;
  settings.max_retries = retries;
  settings.connect_timeout_seconds = connect_timeout;
  settings.stall_timeout_seconds = stall_timeout;
  save_settings(settings, path);
}

}  // namespace gpt_image

// The Settings dialog, one source for GTK 2 (GIMP 2.10) and GTK 3 (GIMP 3): base URL, model (with
// what the server lists), organization, project, timeout, CA file, and the API key in a masked
// entry that goes to the system keyring. "Test connection" says in plain words what is wrong.
#pragma once

#include <string>

namespace gpt_image {

// Shows the dialog for the settings file at `settings_path`; on OK saves it (and a typed key to
// the keyring). Returns true when saved.
bool run_settings_dialog(const std::string &settings_path);

}  // namespace gpt_image

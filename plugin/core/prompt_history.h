// The last distinct prompts a user sent from the dialog, newest first, kept in GIMP's profile so
// the dialog can offer them again.
#pragma once

#include <string>
#include <vector>

namespace gpt_image {

constexpr size_t kPromptHistoryLength = 20;

// "<profile>/gimp-gpt-image/prompt-history.json".
std::string prompt_history_path_in_profile(const std::string &profile_directory);

// Newest first; a missing or unreadable file gives an empty history (it is a convenience).
std::vector<std::string> load_prompt_history(const std::string &path);

// Puts `prompt` first (moving it up if it was there), keeps kPromptHistoryLength entries, saves.
// Blank prompts are not remembered. Throws GenerativeError(Configuration) if it cannot save.
void remember_prompt(const std::string &path, const std::string &prompt);

// The same for dialogs: a history that cannot be saved must not stop the fill, so only warn.
void remember_prompt_quietly(const std::string &path, const std::string &prompt);

}  // namespace gpt_image

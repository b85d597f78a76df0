// History's "Use prompt": the prompt handed from the History window to the Generative Fill dialog
// it opens. GIMP 3 starts an interactive run from the last values it keeps itself (and 2.10 from
// ours), not from the arguments passed, so the prompt travels in a small file of the profile that
// the fill's next interactive run takes (reads and removes) before its dialog opens.
#pragma once

#include <optional>
#include <string>

namespace gpt_image {

// A hand-over older than this was not taken by the dialog it was meant for (GIMP refused to start
// it, or it crashed) and must not surprise a later, unrelated fill.
constexpr int kPromptHandoverSeconds = 120;

// "<profile>/gimp-gpt-image/next-prompt.txt".
std::string prompt_handover_path_in_profile(const std::string &profile_directory);

// Leaves `prompt` for the next interactive fill. Throws GenerativeError(Configuration) when the
// file cannot be written.
void hand_over_prompt(const std::string &path, const std::string &prompt);

// The prompt left at `path` within the last `max_age_seconds`, once: the file is removed whether
// it was fresh or not. nullopt when there is none, it is stale, too large (over 32 KiB) or not UTF-8.
std::optional<std::string> take_handed_over_prompt(const std::string &path,
                                                   int max_age_seconds = kPromptHandoverSeconds);

}  // namespace gpt_image

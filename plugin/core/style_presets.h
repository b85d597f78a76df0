// Style presets: named phrases the fill dialog can add to a prompt (the article this project grew
// from lists product shots, logos, diagrams, UI mock-ups, game assets and avatars as common uses).
#pragma once

#include <string>
#include <vector>

namespace gpt_image {

struct StylePreset {
  std::string name;    // shown in the dialog
  std::string phrase;  // added to the prompt
};

const std::vector<StylePreset> &style_presets();

// The prompt with the preset's phrase added as a last sentence; unchanged when the phrase is there
// already, so choosing a preset twice does not repeat it.
std::string apply_style_preset(const std::string &prompt, const StylePreset &preset);

}  // namespace gpt_image

#include "style_presets.h"

namespace gpt_image {

const std::vector<StylePreset> &style_presets() {
  static const std::vector<StylePreset> presets = {
      {"Photorealistic", "Photorealistic, natural light, matching the surrounding photo's grain and colour."},
      {"Product shot", "Clean studio product photography, soft shadows, sharp detail."},
      {"Watercolor", "Loose watercolor painting with soft washes and paper texture."},
      {"Flat illustration", "Flat vector illustration with clean shapes and a limited palette."},
      {"Line drawing", "Clean black ink line drawing on white."},
      {"Pixel art", "Crisp pixel art with a limited palette, no anti-aliasing."},
      {"Game asset", "Stylized game asset, readable silhouette, even lighting."},
  };
  return presets;
}

std::string apply_style_preset(const std::string &prompt, const StylePreset &preset) {
  if (prompt.find(preset.phrase) != std::string::npos) return prompt;
  std::string out = prompt;
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n' || out.back() == '\t')) out.pop_back();
  if (!out.empty()) out += (out.back() == '.' ? " " : ". ");
  return out + preset.phrase;
}

}  // namespace gpt_image

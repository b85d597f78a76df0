#include "style_presets.h"
#include "i18n.h"

namespace gpt_image {

const std::vector<StylePreset> &style_presets() {
  // Built on first use, after the plug-in has bound its translations.
  // TRANSLATORS: the second text of each preset is added to the user's prompt and sent to the model.
  static const std::vector<StylePreset> presets = {
      {_("Photorealistic"), _("Photorealistic, natural light, matching the surrounding photo's grain and colour.")},
      {_("Product shot"), _("Clean studio product photography, soft shadows, sharp detail.")},
      {_("Watercolor"), _("Loose watercolor painting with soft washes and paper texture.")},
      {_("Flat illustration"), _("Flat vector illustration with clean shapes and a limited palette.")},
      {_("Line drawing"), _("Clean black ink line drawing on white.")},
      {_("Pixel art"), _("Crisp pixel art with a limited palette, no anti-aliasing.")},
      {_("Game asset"), _("Stylized game asset, readable silhouette, even lighting.")},
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

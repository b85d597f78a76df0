#include "canvas_presets.h"

#include "errors.h"
#include "i18n.h"
#include "image_models.h"

namespace gpt_image {

const std::vector<CanvasPreset> &canvas_presets() {
  static const std::vector<CanvasPreset> presets = {
      {"square-post", N_("Square post 1080×1080"), {1080, 1080}},
      {"portrait-post", N_("Portrait post 1080×1350 (4:5)"), {1080, 1350}},
      {"story", N_("Story or reel 1080×1920 (9:16)"), {1080, 1920}},
      {"link-preview", N_("Link preview 1200×630"), {1200, 630}},
      {"landscape-post", N_("Landscape post 1200×675 (16:9)"), {1200, 675}},
      {"full-hd", N_("Full HD 1920×1080"), {1920, 1080}},
      {"4k", N_("4K UHD 3840×2160"), {3840, 2160}},
      {"icon", N_("Icon 1024×1024"), {1024, 1024}},
      {"a4-300dpi", N_("A4 portrait at 300 ppi 2480×3508"), {2480, 3508}},
  };
  return presets;
}

PixelSize resolve_canvas_size(const std::string &text) {
  for (const CanvasPreset &preset : canvas_presets())
    if (text == preset.name) return preset.size;
  if (const auto size = parse_size(text)) {
    if (size->width >= 1 && size->height >= 1 && size->width <= kMaxNewImageEdge && size->height <= kMaxNewImageEdge)
      return *size;
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("An image of %s cannot be made; each side must be 1 to %d pixels."),
                                      text.c_str(), kMaxNewImageEdge));
  }
  std::string names;
  for (const CanvasPreset &preset : canvas_presets()) names += (names.empty() ? "" : ", ") + std::string(preset.name);
  throw GenerativeError(ErrorKind::InvalidArgument,
                        format_text(_("Canvas \"%s\" is neither WIDTHxHEIGHT nor a preset (%s)."), text.c_str(),
                                    names.c_str()));
}

PixelSize canvas_size_or_square(const std::string &text) {
  try {
    return resolve_canvas_size(text);
  } catch (const GenerativeError &) {
    return {1024, 1024};
  }
}

}  // namespace gpt_image

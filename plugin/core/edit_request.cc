#include "edit_request.h"

namespace gpt_image {

namespace {
bool is_dall_e(const std::string &model) { return model.compare(0, 6, "dall-e") == 0; }
}  // namespace

size_t image_bytes(const EditRequest &request) {
  size_t bytes = request.image_png.size() + (request.mask_png ? request.mask_png->size() : 0);
  for (const auto &reference : request.reference_pngs) bytes += reference.size();
  return bytes;
}

std::vector<FormPart> edit_form_parts(const EditRequest &request) {
  std::vector<FormPart> parts;
  const bool several = !request.reference_pngs.empty();
  auto image = [&parts, several](const std::vector<std::uint8_t> &png, const std::string &filename) {
    FormPart part;
    part.name = several ? "image[]" : "image";
    part.file = &png;
    part.filename = filename;
    part.content_type = "image/png";
    parts.push_back(part);
  };
  image(request.image_png, "image.png");
  for (size_t i = 0; i < request.reference_pngs.size(); ++i)
    image(request.reference_pngs[i], "reference-" + std::to_string(i + 1) + ".png");
  if (request.mask_png) {
    FormPart mask;
    mask.name = "mask";
    mask.file = &*request.mask_png;
    mask.filename = "mask.png";
    mask.content_type = "image/png";
    parts.push_back(mask);
  }
  auto text = [&parts](const std::string &name, const std::string &value) {
    FormPart part;
    part.name = name;
    part.value = value;
    parts.push_back(part);
  };
  text("prompt", request.prompt);
  text("model", request.model);
  text("n", std::to_string(request.n));
  if (!request.quality.empty()) text("quality", request.quality);
  if (!request.size.empty()) text("size", request.size);
  if (is_dall_e(request.model)) {
    text("response_format", "b64_json");
    return parts;
  }
  if (!request.output_format.empty()) text("output_format", request.output_format);
  if (request.output_format == "jpeg" || request.output_format == "webp")
    text("output_compression", std::to_string(request.output_compression));
  if (!request.background.empty() && request.background != "auto") text("background", request.background);
  if (request.input_fidelity == "high") text("input_fidelity", request.input_fidelity);
  if (request.partial_images > 0) {
    text("stream", "true");
    text("partial_images", std::to_string(request.partial_images));
  }
  return parts;
}

}  // namespace gpt_image

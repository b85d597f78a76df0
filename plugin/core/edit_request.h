// The edit request as values, and the multipart form it becomes (fields per images-api.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gpt_image {

struct EditRequest {
  std::string model;
  std::string prompt;
  std::string quality = "medium";
  std::string size;                   // always explicit "WxH": the plug-in plans the size itself
  int n = 1;
  std::string output_format = "png";  // png by default: lossless, so nothing is lost before placement
  int output_compression = 100;       // sent for jpeg and webp only
  std::string background = "auto";    // sent unless auto
  std::string input_fidelity = "low"; // sent only when high (low is the API's default)
  int partial_images = 0;             // 1-3: stream the answer with that many previews; 0: plain JSON
  std::vector<std::uint8_t> image_png;
  std::optional<std::vector<std::uint8_t>> mask_png;  // applies to image_png only
  std::vector<std::vector<std::uint8_t>> reference_pngs;  // further images, sent after image_png
};

// The bytes of every image and the mask: what the upload weighs, without the text fields.
size_t image_bytes(const EditRequest &request);

// One multipart part: a text field, or a file when `file` is set.
struct FormPart {
  std::string name;
  std::string value;                                // text fields
  const std::vector<std::uint8_t> *file = nullptr;  // file parts (points into the EditRequest)
  std::string filename;
  std::string content_type;
};

// The parts in the order they are sent. With references every image goes as a repeated `image[]`
// part (image_png first, then the references in order); alone it goes as `image`. Fields the model does not know are left out rather than
// sent empty (dall-e-2 has no output_format and answers URLs unless asked for base64).
std::vector<FormPart> edit_form_parts(const EditRequest &request);

}  // namespace gpt_image

// Reference images: other layers sent with a request as extra `image[]` parts (a product shot, a
// face for try-on, a style to follow). The API takes at most 16 images per request; a fill's own
// capture is the first, and the selection's mask applies to that one only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "geometry.h"
#include "image_models.h"
#include "raster.h"

namespace gpt_image {

constexpr int kMaxImagesPerRequest = 16;

// A layer the user may pick as a reference (the dialogs' chooser lists them).
struct ReferenceCandidate {
  int id;             // the drawable's item id
  std::string label;  // e.g. "portrait.jpg ▸ Background"
};

// Throws GenerativeError(InvalidArgument) before anything is sent when `references` cannot go with
// a request to `model`: more than the API takes (the fill's capture counts as one when
// `with_capture`), or a model that edits a single image only (dall-e-2).
void validate_reference_count(const ImageModel &model, size_t references, bool with_capture);

// The size a reference of `source` size is sent at: scaled down to fit inside `request` with its
// aspect kept, never scaled up (at least 1x1).
PixelSize bounded_reference_size(PixelSize source, PixelSize request);

// The reference (RGBA) at bounded_reference_size(), as PNG.
std::vector<std::uint8_t> encode_reference(const Raster &pixels, PixelSize request);

}  // namespace gpt_image

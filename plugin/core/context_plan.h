// Region planning: which part of the canvas travels to the API, and at which request size.
//
// The context region is the selection's bounding box grown by `context_margin()` on every side and
// clamped to the canvas (no selection: the whole canvas). The frame is that region grown, about its
// centre and kept on the canvas where the canvas allows, until it has exactly the aspect of the
// request size; where the canvas is too small the frame reaches past it and the missing part is
// padding that is cut off the answer again. Content is never stretched and nothing beyond the frame
// is read or uploaded.
#pragma once

#include <optional>
#include <string>

#include "geometry.h"
#include "image_models.h"

namespace gpt_image {

// A margin argument of this value means "use context_margin()".
constexpr int kAutoMargin = -1;
constexpr int kMaxMargin = 4096;

// Default pixel budget for models that take any size (gpt-image-2): the area of 1536x1024.
constexpr long long kDefaultPixelBudget = 1536LL * 1024;

struct PlanInput {
  PixelSize canvas;
  std::optional<PixelRect> selection;  // bounding box of the selection; nullopt = no selection
  std::string size = "auto";           // "auto" or an explicit "WxH" the model accepts
  ImageModel model;
  long long pixel_budget = kDefaultPixelBudget;
  int margin = kAutoMargin;  // pixels around the selection; kAutoMargin = context_margin()
};

struct ContextPlan {
  PixelRect region;    // selection bounds + margin, clamped to the canvas
  PixelRect frame;     // what the request image shows, in canvas coordinates (may exceed the canvas)
  PixelRect captured;  // frame ∩ canvas: the pixels read, and where the answer is placed
  PixelSize request;   // the `size` sent to the API; the frame has this aspect
  PixelSize upload;    // the pixel size of the image and mask sent: see upload_size_for()
};

// The shorter side below which a small frame is enlarged before it is sent: a picture of a few dozen
// pixels risks a refusal and gives the model too little to read.
constexpr int kMinUploadShortSide = 128;

// A quarter of the selection's larger side, at least 32 px: enough surroundings for the model to
// continue textures and light, small enough to keep the upload near the selection.
int context_margin(const PixelRect &selection_bounds);

// Throws GenerativeError(InvalidArgument) when input.size is not valid for input.model.
ContextPlan plan_context(const PlanInput &input);

// The request size for something of `target`'s shape: `size` when explicit, otherwise the model's
// standard size nearest in aspect, dall-e-2's smallest square that keeps the resolution, or for
// gpt-image-2 and later the target's own aspect in multiples of 16 within `pixel_budget` (and
// enlarged to the model's pixel floor when the target is smaller). Also used by
// Generate Layer, whose target is the selection's bounding box or the canvas.
PixelSize request_size_for(const ImageModel &model, const std::string &size, PixelSize target,
                           long long pixel_budget);

// The size the frame is sent at: the request size when the frame is at least as large (scaled down,
// as the model cannot use more), otherwise the frame's own size (scaling up adds no detail, only
// bytes and encoding time; the answer still comes at the request size). A frame shorter than
// kMinUploadShortSide is enlarged by the smallest whole factor that reaches it (a whole factor, so
// the answer scaled back loses nothing to an odd ratio), never past the request size. Keeps the
// frame's aspect, which is the request's. A frame of fewer than `min_pixels` (the model's pixel
// floor, which holds for the image as for the size) is sent at the request size.
PixelSize upload_size_for(PixelSize frame, PixelSize request, long long min_pixels = 0);

// Grows `region` about its centre to the aspect aspect_w:aspect_h and positions it on the canvas
// (inside it where it fits, covering it fully where it does not). Exposed for tests.
PixelRect fit_frame_to_aspect(const PixelRect &region, int aspect_w, int aspect_h, PixelSize canvas);

}  // namespace gpt_image

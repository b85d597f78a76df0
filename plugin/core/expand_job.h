// The Generative Expand job without GIMP: from the old picture (read from the image before its
// canvas grows) to one layer per variation covering the new canvas, masked to the new area plus a
// blend band. The requests are the windows of expand_plan.h, sent in order: each shows the picture
// and earlier answers, transparent where it is to paint, with a mask that says so; each answer is
// blended into the earlier ones it overlaps (expand_paste.h). Nothing touches
// the image here; the host grows the canvas only once every request has succeeded.
#pragma once

#include <string>
#include <vector>

#include "connection_settings.h"
#include "expand_plan.h"
#include "generative_fill.h"
#include "procedures.h"
#include "progress_sink.h"
#include "raster.h"

namespace gpt_image {

// What an expansion is asked to do; expand_options() reads it from the procedure's arguments.
struct ExpandOptions {
  std::string prompt;  // may be blank: the model is asked to continue the picture
  std::string canvas;  // preset, WxH or W:H (expand_plan.h)
  std::string anchor;  // expand_anchor_names()
  std::string quality;
  int variations = 1;
  std::string background;
  std::string input_fidelity;
  std::string output_format;
  int output_compression = 100;
  int blend_band = -1;  // the feather-radius argument: width of the blend band, -1 = auto_blend_band()
  int partial_images = 0;
};

ExpandOptions expand_options(const procedures::ArgumentValues &arguments);

// The prompt sent with every request: the instruction to continue the picture, then the user's
// words when there are any.
std::string expand_request_prompt(const std::string &prompt);

// "Expand: <prompt>", or "Expand: <canvas size>" for a blank prompt.
std::string expand_layer_name(const std::string &prompt, PixelSize canvas);

// Everything about the options that can be checked before any request (prompt, quality, formats,
// ranges, canvas, anchor) for a picture of `image`. Throws GenerativeError(InvalidArgument).
void validate_expand_options(const ExpandOptions &options, const ImageModel &model, PixelSize image);

// One window's request, exposed so tests can check it: `known` is the new canvas with the picture
// and earlier answers (RGBA, transparent where nothing is known yet); `paint` (1 channel, canvas
// size) is 255 where this window is to paint. Both image and mask are `window.frame` scaled to
// the upload size; the image is transparent exactly where the mask is.
EditRequest expand_window_request(const Raster &known, const Raster &paint, const ExpandWindow &window,
                                  const ImageModel &model, const ExpandOptions &options, bool opaque_picture,
                                  const std::vector<Raster> &references = {});

// The whole job for `picture` (RGBA, what is visible in the image now); `references` (RGBA) go
// with every request after the window.
LayersToPlace run_expand(const Raster &picture, const ExpandOptions &options, const ConnectionSettings &connection,
                         ProgressSink &progress, const std::vector<Raster> &references = {});

// The dialog's and progress window's cost line for expanding a picture of `image`.
std::string expand_cost_line(PixelSize image, const ExpandOptions &options, const std::string &settings_path);
// The same as numbers, for the monthly budget (spending_budget.h); empty amounts when unknown.
CostEstimate expand_cost(PixelSize image, const ExpandOptions &options, const std::string &settings_path);

}  // namespace gpt_image

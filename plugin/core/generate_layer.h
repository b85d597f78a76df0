// Generate Layer and Generate Image without GIMP: a prompt (and optionally reference images)
// becomes layers that fill a target rectangle: the selection's bounding box, the canvas, or a new
// image. The request size follows the target's aspect as the fill's does; the answer is scaled to
// the target without distortion (letterboxed into transparency, or cropped when asked).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "connection_settings.h"
#include "cost_estimate.h"
#include "edit_request.h"
#include "generate_request.h"
#include "generative_fill.h"
#include "progress_sink.h"
#include "raster.h"

namespace gpt_image {

// What the user chose; the defaults are the procedures' defaults in both GIMP versions.
// What a Generate Layer or Generate Image run is asked to do. A default-made one holds the
// defaults of their procedure table (procedures.cc), the one place they are written.
struct GenerateOptions {
  GenerateOptions();
  std::string prompt;
  std::string quality;
  std::string size;            // auto: from the target's aspect; or WxH the model accepts
  int variations;
  std::string background;      // auto | transparent | opaque
  std::string output_format;   // png | jpeg | webp
  int output_compression;      // 0-100, jpeg and webp only
  int partial_images;
  std::string fit;             // letterbox: whole answer, transparent bars; crop: fill, cut the overflow
  std::string input_fidelity;  // with references only: how closely to keep their details
};

// Throws GenerativeError(InvalidArgument) with an actionable sentence for unusable options, before
// anything is read or sent (transparency with jpeg, too many references, …).
void validate_generate_options(const GenerateOptions &options, const ImageModel &model, size_t reference_count);

// Where a generated layer goes: the selection's bounding box, or the whole canvas without one.
PixelRect generation_target(PixelSize canvas, const std::optional<PixelRect> &selection);

// A request ready to send. Without references it is a generation (JSON); with references it is an
// edit without a mask whose images are the references, in order.
struct PreparedGeneration {
  PixelRect target;
  PixelSize request;
  std::optional<EditRequest> with_references;
  GenerateRequest generation;
  StageTimings timings;  // encode (of the references) so far
};

PreparedGeneration prepare_generation(const GenerateOptions &options, const PixelRect &target,
                                      const std::vector<Raster> &references, const std::string &model,
                                      long long pixel_budget = kDefaultPixelBudget);

// The answer scaled to `target` without distortion: letterboxed (fit "letterbox") or filling it
// with the overflow cut off equally on both sides (fit "crop"). RGBA in and out.
Raster fit_answer(const Raster &image, PixelSize target, const std::string &fit);

// Decodes each returned image and fits it to the target; no selection mask, no colour matching.
LayersToPlace placement_from_generation(const PreparedGeneration &prepared, const ImagesResult &answer,
                                        const GenerateOptions &options);

// The whole job: prepare, send, and turn the answer into layers to place at `target`.
LayersToPlace run_generate_layer(const GenerateOptions &options, const PixelRect &target,
                                 const std::vector<Raster> &references, const ConnectionSettings &connection,
                                 ProgressSink &progress);

// The cost of these options for a target of `target` size, or the reason it is unusable.
CostEstimate estimate_generate_cost(const GenerateOptions &options, PixelSize target, const std::string &model,
                                    long long pixel_budget = kDefaultPixelBudget);

// "Generated: <prompt>" with the prompt shortened to a readable layer name.
std::string generated_layer_name(const std::string &prompt);

}  // namespace gpt_image

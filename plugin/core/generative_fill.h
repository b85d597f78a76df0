// The Generative Fill job without GIMP: plan, capture (through the host), encode, request, decode,
// scale back. The host adapter only reads pixels before and writes layers after; nothing touches
// the image until every network step has succeeded.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "connection_settings.h"
#include "cost_estimate.h"
#include "context_plan.h"
#include "edit_request.h"
#include "api_response.h"
#include "color_match.h"
#include "mask_shape.h"
#include "progress_sink.h"
#include "raster.h"
#include "relay_deviations.h"
#include "stage_timings.h"

namespace gpt_image {

constexpr int kMaxVariations = 10;

constexpr int kMaxFeatherRadius = 256;

constexpr int kDefaultPartialImages = 2;
constexpr int kMaxPartialImages = 3;

// What the user chose; the defaults are the procedure's defaults in both GIMP versions.
// What a Generative Fill run is asked to do. A default-made one holds the defaults of Generative
// Fill's procedure table (procedures.cc), the one place they are written.
struct FillOptions {
  FillOptions();
  std::string prompt;
  std::string quality;
  std::string size;            // auto, or WxH the model accepts
  int variations;
  std::string background;      // auto | transparent | opaque
  std::string input_fidelity;  // low | high (not gpt-image-1-mini)
  std::string output_format;   // png | jpeg | webp
  int output_compression;      // 0-100, jpeg and webp only
  int context_margin;          // pixels around the selection, or kAutoMargin
  int feather_radius;          // soft edge of the layer mask in pixels; 0 = none, -1 = from the selection's size
  std::string sample;          // visible: what is visible; layer: the active layer only
  bool color_match;            // fit the answer's colours to the original around the selection
  int mask_grow;               // grow the layer mask beyond the selection; 0 = none, -1 = from its size
  int partial_images;          // previews streamed while the image is made; 0 = no streaming
  // Not an argument: Remove's run sets it. Without a selection its request would repaint the whole
  // picture, so the job refuses when the pixels are read (the selection may go while a dialog is open).
  bool needs_selection = false;
};

// Width of the ring outside the selection on which colours are compared.
constexpr int kColorRingWidth = 16;

// What a GIMP version must provide to the job. Rects passed in lie inside the canvas.
class ImageSource {
 public:
  virtual ~ImageSource() = default;
  virtual PixelSize canvas_size() = 0;
  virtual std::optional<PixelRect> selection_bounds() = 0;   // nullopt when nothing is selected
  virtual Raster read_visible(const PixelRect &rect) = 0;     // 4 channels, R'G'B'A u8
  virtual Raster read_active_layer(const PixelRect &rect) = 0;  // the same, of the active layer alone
  virtual Raster read_selection(const PixelRect &rect) = 0;   // 1 channel, 255 = selected
  // The pixels read_visible (or read_active_layer, when `active_layer`) gives, handed to `take` a
  // band of rows at a time, top to bottom, so a large region is never whole in memory. This
  // default reads them whole and hands them over as one band.
  using BandSink = std::function<void(Raster band)>;
  virtual void read_bands(const PixelRect &rect, bool active_layer, const BandSink &take) {
    take(active_layer ? read_active_layer(rect) : read_visible(rect));
  }
};

// The finished answer, ready to be placed: one raster per variation, each covering `at`.
struct LayersToPlace {
  PixelRect at;
  std::vector<Raster> layers;
  // Set when the region is larger than the answer: each layer then holds the whole answer at its
  // own resolution, covering this rect of the canvas (the frame, which contains `at`). Placement
  // scales the part over `at` up band by band as it writes the layer (layer_pixels.h), so the
  // region's pixels never exist whole in the plug-in (bench/README.md, issue 20).
  std::optional<PixelRect> scaled_to;
  std::string layer_name;
  bool has_selection = false;  // true: the layers get a mask made from `selection`
  // The selection over `at` as it was when the pixels were read (1 channel): the layer mask is made
  // from it, not from whatever is selected when the answer arrives.
  Raster selection;
  int mask_grow = 0;           // grow that mask by this many pixels (resolved, never -1)
  int feather_radius = 0;      // then soften it by this many pixels (resolved, never -1)
  // The canvas size when the pixels were read; placement is refused when it has changed since
  // (a crop or canvas resize while waiting would put the answer at stale offsets).
  std::optional<PixelSize> canvas;
  std::vector<ColorFit> color_fits;  // per layer, when colours were matched
  std::optional<ImageUsage> usage;
  ActualCost cost;  // what the call cost, from `usage` and the catalogue's token prices (for a ledger)
  std::vector<std::string> notes;  // things the user should know although the fill worked
  RelayDeviations ignored;          // what the server left out of the request (one note says it)
  StageTimings timings;            // the host adds place_ms and reports (stage_timings.h)
};

// A prepared request and the plan it came from; exposed so tests can check each stage.
struct PreparedEdit {
  ContextPlan plan;
  PixelSize canvas;  // the canvas size the plan was made for
  EditRequest request;
  bool has_selection = false;
  int mask_grow = 0;       // resolved from FillOptions (auto = from the selection's size)
  int feather_radius = 0;
  bool color_match = false;
  Raster original;   // what was sampled over plan.captured (RGBA), the colour match's reference
  Raster selection;  // the selection over plan.captured (1 channel), when there is one
  // When the frame was scaled down for the upload (it is larger than the request size): the
  // picture and selection exactly as sent, at the upload size. The answer's colours are then
  // fitted and checked at this resolution, and `original` is not kept (its full-size pixels are
  // needed nowhere after the upload).
  Raster sent_image;
  Raster sent_selection;
  // The sampled pixels are fully opaque and no transparent background was asked for: an answer
  // with transparency is laid over `original`.
  bool opaque_frame = false;
  StageTimings timings;  // capture and encode so far
};

// True when the prompt has nothing but white space (dialogs use it to keep themselves open).
bool prompt_is_blank(const std::string &prompt);

// Throws GenerativeError(InvalidArgument) with an actionable sentence for unusable options.
void validate_fill_options(const FillOptions &options, const ImageModel &model);

// `references` (RGBA, reference_images.h) go after the captured area, each at most at the request
// size; the hosts read them before anything is sent.
PreparedEdit prepare_edit(ImageSource &source, const FillOptions &options, const std::string &model,
                          long long pixel_budget = kDefaultPixelBudget, const std::vector<Raster> &references = {});

// Decodes each returned image and scales it back onto the captured part of the frame.
LayersToPlace placement_from_answer(const PreparedEdit &edit, const ImagesResult &answer, const std::string &prompt);

// What follows placement as one message: the notes, each on its own line, then what the call cost
// (placement.cost.text, which says "unknown" when it cannot be told). One message per call, so
// GIMP shows one box or console entry, and batch runs get one line set on stderr.
std::string result_message(const LayersToPlace &placement);

// The whole job: prepare, send, and turn the answer into layers to place.
LayersToPlace run_generative_fill(ImageSource &source, const FillOptions &options,
                                  const ConnectionSettings &connection, ProgressSink &progress,
                                  const std::vector<Raster> &references = {});

// The cost of these options on this image, before anything is sent: plans the request size from
// the canvas and the selection only (no pixels are read). An unusable size gives its error text.
CostEstimate estimate_fill_cost(ImageSource &source, const FillOptions &options, const std::string &model,
                                long long pixel_budget = kDefaultPixelBudget);

// The prompt on one line, shortened to 48 characters: the readable part of a layer name.
std::string prompt_for_layer_name(const std::string &prompt);

// "Generative Fill: <prompt>" with the prompt shortened to a readable layer name.
std::string layer_name_for_prompt(const std::string &prompt);

}  // namespace gpt_image

#include "generate_layer.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "background_job.h"
#include "errors.h"
#include "i18n.h"
#include "image_codec.h"
#include "images_api_client.h"
#include "raster_ops.h"
#include "relay_deviations.h"
#include "reference_images.h"

namespace gpt_image {

void validate_generate_options(const GenerateOptions &options, const ImageModel &model, size_t reference_count) {
  if (prompt_is_blank(options.prompt))
    throw GenerativeError(ErrorKind::InvalidArgument, _("The prompt is empty: describe the picture to generate."));
  // The choices a generation shares with the fill are checked by the fill's rules, so both
  // procedures refuse the same values with the same words.
  FillOptions shared;
  shared.prompt = options.prompt;
  shared.quality = options.quality;
  shared.size = options.size;
  shared.variations = options.variations;
  shared.background = options.background;
  shared.output_format = options.output_format;
  shared.output_compression = options.output_compression;
  shared.partial_images = options.partial_images;
  // Input fidelity only means something for references; without them it is not sent.
  shared.input_fidelity = reference_count > 0 ? options.input_fidelity : "low";
  validate_fill_options(shared, model);
  if (options.fit != "letterbox" && options.fit != "crop")
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("Fit \"%s\" is not one of: letterbox, crop."), options.fit.c_str()));
  validate_reference_count(model, reference_count, false);
}

PixelRect generation_target(PixelSize canvas, const std::optional<PixelRect> &selection) {
  if (selection) return *selection;
  return {0, 0, canvas.width, canvas.height};
}

namespace {

// The fields a generation (GenerateRequest) and an edit with references (EditRequest) share.
template <class Request>
void set_shared_fields(Request &r, const GenerateOptions &options, const ImageModel &model, PixelSize size,
                       int partial_images) {
  r.model = model.name;
  r.prompt = options.prompt;
  r.quality = options.quality;
  r.size = format_size(size);
  r.n = options.variations;
  r.output_format = takes_output_format(model) ? options.output_format : "";
  r.output_compression = options.output_compression;
  r.background = options.background;
  r.partial_images = partial_images;
}

}  // namespace

PreparedGeneration prepare_generation(const GenerateOptions &options, const PixelRect &target,
                                      const std::vector<Raster> &references, const std::string &model_name,
                                      long long pixel_budget) {
  const ImageModel model = describe_model(model_name);
  validate_generate_options(options, model, references.size());
  PreparedGeneration prepared;
  prepared.target = target;
  prepared.request = request_size_for(model, options.size, target.size(), pixel_budget);
  const int partials = model.streams ? options.partial_images : 0;
  if (references.empty()) {
    set_shared_fields(prepared.generation, options, model, prepared.request, partials);
    return prepared;
  }
  const auto started = std::chrono::steady_clock::now();
  EditRequest r;
  r.image_png = encode_reference(references.front(), prepared.request);
  for (size_t i = 1; i < references.size(); ++i)
    r.reference_pngs.push_back(encode_reference(references[i], prepared.request));
  set_shared_fields(r, options, model, prepared.request, partials);
  r.input_fidelity = options.input_fidelity;
  prepared.timings.encode_ms = elapsed_ms(started);
  prepared.timings.upload_bytes = image_bytes(r);
  prepared.with_references = std::move(r);
  return prepared;
}

Raster fit_answer(const Raster &image, PixelSize target, const std::string &fit) {
  if (fit != "crop") return fit_into(image, target);
  const double scale = std::max(static_cast<double>(target.width) / image.width,
                                static_cast<double>(target.height) / image.height);
  // The covering size is at least the target on both sides; the overflow is cut off evenly.
  const PixelSize covering{std::max(target.width, static_cast<int>(std::lround(image.width * scale))),
                           std::max(target.height, static_cast<int>(std::lround(image.height * scale)))};
  const PixelRect middle{(covering.width - target.width) / 2, (covering.height - target.height) / 2, target.width,
                         target.height};
  return scale_raster(image, covering, middle);
}

std::string generated_layer_name(const std::string &prompt) {
  // TRANSLATORS: the name of a generated layer, followed by the start of the prompt
  return format_text(_("Generated: %s"), prompt_for_layer_name(prompt).c_str());
}

LayersToPlace placement_from_generation(const PreparedGeneration &prepared, const ImagesResult &answer,
                                        const GenerateOptions &options) {
  LayersToPlace placement;
  placement.at = prepared.target;
  placement.layer_name = generated_layer_name(options.prompt);
  placement.usage = answer.usage;
  const std::string &model = prepared.with_references ? prepared.with_references->model : prepared.generation.model;
  placement.cost = actual_cost(describe_model(model), answer.usage);
  const size_t asked = static_cast<size_t>(std::max(1, options.variations));
  std::optional<PixelSize> first_size;
  for (size_t i = 0; i < answer.images.size() && i < asked; ++i) {  // a relay that ignores n must not flood
    const Raster image = decode_image(answer.images[i]);
    if (!first_size) first_size = image.size();
    placement.layers.push_back(fit_answer(image, prepared.target.size(), options.fit));
  }
  // As for fills: what a relay quietly left out (fewer images among it) is said once after placement.
  const AskedFields sent = prepared.with_references ? asked_fields(*prepared.with_references)
                                                    : asked_fields(prepared.generation);
  placement.ignored = find_relay_deviations(sent, answer, first_size);
  if (!placement.ignored.fields.empty()) placement.notes.push_back(relay_note(placement.ignored));
  return placement;
}

LayersToPlace run_generate_layer(const GenerateOptions &options, const PixelRect &target,
                                 const std::vector<Raster> &references, const ConnectionSettings &connection,
                                 ProgressSink &progress) {
  progress.set_text(_("Preparing the request…"));
  const PreparedGeneration prepared =
      prepare_generation(options, target, references, connection.model, connection.pixel_budget);
  // The request runs on a worker thread; this thread keeps the main loop (and any dialog) alive.
  auto started = std::chrono::steady_clock::now();
  const ImagesResult answer = run_in_background(
      [&](ProgressSink &worker_progress) {
        const ImagesApiClient client(connection);
        return prepared.with_references ? client.edit(*prepared.with_references, worker_progress)
                                        : client.generate(prepared.generation, worker_progress);
      },
      progress);
  const double request_ms = elapsed_ms(started);
  progress.set_text(_("Placing the result…"));
  started = std::chrono::steady_clock::now();
  LayersToPlace placement = placement_from_generation(prepared, answer, options);
  progress.show_cost(placement.cost.text);  // the estimate gives way to the actual cost
  placement.timings = prepared.timings;
  placement.timings.request_ms = request_ms;
  placement.timings.decode_ms = elapsed_ms(started);
  return placement;
}

CostEstimate estimate_generate_cost(const GenerateOptions &options, PixelSize target, const std::string &model_name,
                                    long long pixel_budget) {
  const ImageModel model = describe_model(model_name);
  try {
    validate_quality_for_model(model, options.quality);
    return estimate_cost(model, options.quality, request_size_for(model, options.size, target, pixel_budget),
                         options.variations, model.streams ? options.partial_images : 0);
  } catch (const GenerativeError &e) {
    CostEstimate unusable;
    unusable.text = e.what();
    return unusable;
  }
}

}  // namespace gpt_image

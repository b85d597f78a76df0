#include "expand_job.h"

#include <glib.h>

#include <chrono>
#include <cmath>

#include "background_job.h"
#include "cost_estimate.h"
#include "errors.h"
#include "expand_paste.h"
#include "i18n.h"
#include "image_codec.h"
#include "images_api_client.h"
#include "mask_shape.h"
#include "plugin_settings.h"
#include "png_encoder.h"
#include "procedure_spec.h"
#include "raster_ops.h"
#include "reference_images.h"
#include "relay_deviations.h"

namespace gpt_image {

namespace {

// Sent to the model, not shown to people: not translated.
constexpr const char *kContinueInstruction =
    "Extend this picture into the transparent area around it: continue the scene naturally, matching its light, "
    "perspective, colours and style, with no visible seam, border or frame.";

// The usage of several calls as one (the cost of the whole expansion).
void add_usage(std::optional<ImageUsage> &total, const std::optional<ImageUsage> &more) {
  if (!more) return;
  if (!total) {
    total = more;
    return;
  }
  total->input_tokens += more->input_tokens;
  total->output_tokens += more->output_tokens;
  total->total_tokens += more->total_tokens;
  if (total->input_split && more->input_split) {
    total->input_split->first += more->input_split->first;
    total->input_split->second += more->input_split->second;
  } else {
    total->input_split.reset();  // one call did not split its input: the sum cannot be split either
  }
}

void copy_pixel(Raster &to, int tx, int ty, const Raster &from, int fx, int fy) {
  std::copy_n(from.at(fx, fy), 4, to.at(tx, ty));
}

}  // namespace

ExpandOptions expand_options(const procedures::ArgumentValues &a) {
  ExpandOptions o;
  o.prompt = a.text(spec::kArgPrompt);
  o.canvas = a.text(spec::kArgCanvas);
  o.anchor = a.text(spec::kArgAnchor);
  o.quality = a.text(spec::kArgQuality);
  o.variations = a.number(spec::kArgVariations);
  o.background = a.text(spec::kArgBackground);
  o.input_fidelity = a.text(spec::kArgInputFidelity);
  o.output_format = a.text(spec::kArgOutputFormat);
  o.output_compression = a.number(spec::kArgOutputCompression);
  o.blend_band = a.number(spec::kArgFeatherRadius);
  o.partial_images = a.number(spec::kArgPartialImages);
  return o;
}

std::string expand_request_prompt(const std::string &prompt) {
  if (prompt_is_blank(prompt)) return kContinueInstruction;
  return std::string(kContinueInstruction) + " In the new area: " + prompt;
}

std::string expand_layer_name(const std::string &prompt, PixelSize canvas) {
  // TRANSLATORS: the name of the layer Generative Expand adds, followed by the start of the prompt
  // or, without a prompt, the new canvas size
  return format_text(_("Expand: %s"),
                     prompt_is_blank(prompt) ? format_size(canvas).c_str() : prompt_for_layer_name(prompt).c_str());
}

void validate_expand_options(const ExpandOptions &options, const ImageModel &model, PixelSize image) {
  // The fill's checks say everything about the shared fields; the prompt is the one sent, so a
  // blank one passes and the length counts the instruction too. Each request asks for one image.
  FillOptions fill;
  fill.prompt = expand_request_prompt(options.prompt);
  fill.quality = options.quality;
  fill.variations = 1;
  fill.background = options.background;
  fill.input_fidelity = options.input_fidelity;
  fill.output_format = options.output_format;
  fill.output_compression = options.output_compression;
  fill.feather_radius = options.blend_band;
  fill.partial_images = options.partial_images;
  validate_fill_options(fill, model);
  if (options.variations < 1 || options.variations > kMaxVariations)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("Variations must be between 1 and %d (got %d)."), kMaxVariations,
                                      options.variations));
  parse_expand_anchor(options.anchor);
  resolve_expand_canvas(options.canvas, image);
}

EditRequest expand_window_request(const Raster &known, const Raster &paint, const ExpandWindow &window,
                                  const ImageModel &model, const ExpandOptions &options, bool opaque_picture,
                                  const std::vector<Raster> &references) {
  const PixelRect &frame = window.frame;
  const PixelRect on_canvas = frame.intersected({0, 0, known.width, known.height});
  // Past the canvas: nothing known, painted and cut off again.
  Raster image(frame.width, frame.height, 4, 0);
  Raster to_paint(frame.width, frame.height, 1, 255);
  for (int y = on_canvas.y; y < on_canvas.bottom(); ++y)
    for (int x = on_canvas.x; x < on_canvas.right(); ++x) {
      copy_pixel(image, x - frame.x, y - frame.y, known, x, y);
      *to_paint.at(x - frame.x, y - frame.y) = *paint.at(x, y);
    }
  const PixelSize upload = upload_size_for(frame.size(), window.request, model.min_pixels);
  Raster mask = scale_raster(to_paint, upload);
  Raster sent = scale_raster(image, upload);
  // Scaling softens the border; the request must say one thing per pixel: paint it (and show
  // nothing there) or keep it, and an opaque picture stays opaque up to its edge.
  for (int y = 0; y < upload.height; ++y)
    for (int x = 0; x < upload.width; ++x) {
      std::uint8_t &m = *mask.at(x, y);
      m = m >= 128 ? 255 : 0;
      if (m)
        std::fill_n(sent.at(x, y), 4, 0);
      else if (opaque_picture)
        sent.at(x, y)[3] = 255;
    }
  EditRequest request;
  request.image_png = encode_png(sent);
  request.mask_png = encode_png(selection_to_edit_mask(mask));
  request.model = model.name;
  request.prompt = expand_request_prompt(options.prompt);
  request.quality = options.quality;
  request.size = format_size(window.request);
  request.n = 1;
  request.background =
      options.background == "auto" && opaque_picture && takes_background(model) ? "opaque" : options.background;
  request.input_fidelity = options.input_fidelity;
  request.output_format = takes_output_format(model) ? options.output_format : "";
  request.output_compression = options.output_compression;
  request.partial_images = model.streams ? options.partial_images : 0;
  for (const Raster &reference : references) request.reference_pngs.push_back(encode_reference(reference, window.request));
  return request;
}

LayersToPlace run_expand(const Raster &picture, const ExpandOptions &options, const ConnectionSettings &connection,
                         ProgressSink &progress, const std::vector<Raster> &references) {
  progress.set_text(_("Preparing the expansion…"));
  const ImageModel model = describe_model(connection.model);
  validate_expand_options(options, model, picture.size());
  validate_reference_count(model, references.size(), true);
  const PixelSize canvas = resolve_expand_canvas(options.canvas, picture.size());
  const PixelRect at = place_picture(picture.size(), canvas, parse_expand_anchor(options.anchor));
  const std::vector<ExpandWindow> windows = plan_expand_windows(canvas, at, model, connection.pixel_budget);
  const int band = options.blend_band == kAutoEdge ? auto_blend_band(at) : options.blend_band;
  const bool opaque_picture = fully_opaque(picture) && options.background != "transparent";

  LayersToPlace placement;
  placement.at = {0, 0, canvas.width, canvas.height};
  placement.canvas = canvas;
  placement.has_selection = true;
  placement.selection = expand_blend_mask(canvas, at, band);
  placement.layer_name = expand_layer_name(options.prompt, canvas);
  std::optional<ImageUsage> usage;
  std::optional<RelayDeviations> ignored;
  const int total = static_cast<int>(windows.size()) * options.variations;
  int sent = 0;
  double request_ms = 0, decode_ms = 0;
  for (int variation = 0; variation < options.variations; ++variation) {
    ExpandCanvas built = start_expand_canvas(picture, canvas, at);
    for (const ExpandWindow &window : windows) {
      ++sent;
      progress.set_text(total == 1 ? std::string(_("Expanding…"))
                                   : format_text(_("Expanding: request %d of %d…"), sent, total));
      const EditRequest request = expand_window_request(built.known, built.paint, window, model, options, opaque_picture, references);
      auto started = std::chrono::steady_clock::now();
      const ImagesResult answer = run_in_background(
          [&](ProgressSink &worker) { return ImagesApiClient(connection).edit(request, worker); }, progress);
      request_ms += elapsed_ms(started);
      started = std::chrono::steady_clock::now();
      if (answer.images.empty())
        throw GenerativeError(ErrorKind::BadResponse, _("The server answered without an image."));
      const Raster image = decode_image(answer.images[0]);
      if (!ignored) ignored = find_relay_deviations(asked_fields(request), answer, image.size());
      add_usage(usage, answer.usage);
      const double asked_aspect = static_cast<double>(window.request.width) / window.request.height;
      if (std::fabs(std::log(static_cast<double>(image.width) / image.height / asked_aspect)) > 0.02)
        throw GenerativeError(ErrorKind::BadResponse,
                              format_text(_("The server returned a %s image for a %s request; its shape does not "
                                            "match, so it cannot be placed."),
                                          format_size(image.size()).c_str(), format_size(window.request).c_str()));
      const Raster fitted = scale_raster(image, window.frame.size());
      paste_window_answer(built, fitted, window.frame, window_blend_band(window.frame));
      decode_ms += elapsed_ms(started);
    }
    placement.layers.push_back(std::move(built.layer));
  }
  placement.usage = usage;
  placement.cost = actual_cost(model, usage);
  progress.show_cost(placement.cost.text);
  if (ignored && !ignored->fields.empty()) {
    placement.ignored = *ignored;
    placement.notes.push_back(relay_note(*ignored));
  }
  placement.timings.request_ms = request_ms;
  placement.timings.decode_ms = decode_ms;
  return placement;
}

CostEstimate expand_cost(PixelSize image, const ExpandOptions &options, const std::string &settings_path) {
  try {
    const PluginSettings settings = with_environment_overrides(load_settings(settings_path));
    const ImageModel model = describe_model(model_for_rules(settings));
    validate_quality_for_model(model, options.quality);
    const PixelSize canvas = resolve_expand_canvas(options.canvas, image);
    const PixelRect at = place_picture(image, canvas, parse_expand_anchor(options.anchor));
    const std::vector<ExpandWindow> windows = plan_expand_windows(canvas, at, model, settings.pixel_budget);
    // Every window of a plan has the same request size.
    return estimate_cost(model, options.quality, windows.front().request,
                         static_cast<int>(windows.size()) * options.variations,
                         model.streams ? options.partial_images : 0);
  } catch (const GenerativeError &e) {
    CostEstimate unknown;
    unknown.text = format_text(_("Cost unknown: %s"), e.what());
    return unknown;
  }
}

std::string expand_cost_line(PixelSize image, const ExpandOptions &options, const std::string &settings_path) {
  return expand_cost(image, options, settings_path).text;
}

}  // namespace gpt_image

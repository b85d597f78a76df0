#include "generative_fill.h"

#include <glib.h>

#include <algorithm>
#include <cmath>
#include <future>

#include "errors.h"
#include "i18n.h"
#include "image_codec.h"
#include "background_job.h"
#include "images_api_client.h"
#include "outside_change.h"
#include "raster_ops.h"
#include "reference_images.h"
#include "relay_deviations.h"
#include "resample.h"

namespace gpt_image {

bool prompt_is_blank(const std::string &prompt) {
  for (unsigned char c : prompt)
    if (!g_ascii_isspace(c)) return false;
  return true;
}

void validate_fill_options(const FillOptions &options, const ImageModel &model) {
  if (prompt_is_blank(options.prompt))
    throw GenerativeError(ErrorKind::InvalidArgument, 
                          _("The prompt is empty: describe what should appear in the selection."));
  if (!g_utf8_validate(options.prompt.c_str(), static_cast<gssize>(options.prompt.size()), nullptr))
    throw GenerativeError(ErrorKind::InvalidArgument, _("The prompt is not valid UTF-8 text."));
  const long length = g_utf8_strlen(options.prompt.c_str(), static_cast<gssize>(options.prompt.size()));
  if (length > model.prompt_limit)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("The prompt has %ld characters; %s accepts at most %d. Shorten it."), length,
                                      model.name.c_str(), model.prompt_limit));
  if (options.variations < 1 || options.variations > kMaxVariations)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("Variations must be between 1 and %d (got %d)."), kMaxVariations,
                                      options.variations));
  validate_quality_for_model(model, options.quality);
  validate_size_for_model(model, options.size);
  auto one_of = [](const std::string &value, std::initializer_list<const char *> allowed, const std::string &what) {
    std::string list;
    for (const char *a : allowed) {
      if (value == a) return;
      list += (list.empty() ? "" : ", ") + std::string(a);
    }
    // TRANSLATORS: e.g. Background "none" is not one of: auto, transparent, opaque.
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("%s \"%s\" is not one of: %s."), what.c_str(), value.c_str(), list.c_str()));
  };
  one_of(options.background, {"auto", "transparent", "opaque"}, _("Background"));
  one_of(options.input_fidelity, {"low", "high"}, _("Input fidelity"));
  one_of(options.output_format, {"png", "jpeg", "webp"}, _("Output format"));
  one_of(options.sample, {"visible", "layer"}, _("Sample"));
  if (options.background == "transparent" && options.output_format == "jpeg")
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("A transparent background needs output format png or webp; jpeg has no transparency."));
  if (options.input_fidelity == "high" && !takes_input_fidelity(model))
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("%s has no input fidelity setting; use \"low\" or another model."),
                                      model.name.c_str()));
  validate_background_for_model(model, options.background);
  validate_output_format_for_model(model, options.output_format);
  if (options.variations > model.max_n)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("%s makes at most %d image(s) per request; ask for fewer variations."),
                                      model.name.c_str(), model.max_n));
  if (options.output_compression < 0 || options.output_compression > 100)
    throw GenerativeError(ErrorKind::InvalidArgument, _("Output compression must be between 0 and 100."));
  if (options.context_margin != kAutoMargin && (options.context_margin < 0 || options.context_margin > kMaxMargin))
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("The context margin must be -1 (automatic) or 0 to %d pixels."), kMaxMargin));
  if (options.feather_radius != kAutoEdge && (options.feather_radius < 0 || options.feather_radius > kMaxFeatherRadius))
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("The feather radius must be -1 (automatic) or 0 to %d pixels."),
                                      kMaxFeatherRadius));
  if (options.partial_images < 0 || options.partial_images > kMaxPartialImages)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("Partial images must be between 0 (no streaming) and %d."), kMaxPartialImages));
  if (options.mask_grow != kAutoEdge && (options.mask_grow < 0 || options.mask_grow > kMaxMaskGrow))
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("The mask growth must be -1 (automatic) or 0 to %d pixels."), kMaxMaskGrow));
}

std::string prompt_for_layer_name(const std::string &prompt) {
  constexpr long kMaxChars = 48;
  gchar *collapsed = g_strstrip(g_strdup(prompt.c_str()));
  for (gchar *p = collapsed; *p; ++p)
    if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
  std::string text = collapsed;
  g_free(collapsed);
  if (g_utf8_strlen(text.c_str(), -1) > kMaxChars) {
    const gchar *cut = g_utf8_offset_to_pointer(text.c_str(), kMaxChars);
    text = std::string(text.c_str(), cut) + "…";
  }
  return text;
}

std::string layer_name_for_prompt(const std::string &prompt) {
  // TRANSLATORS: the name of the inserted layer, followed by the start of the prompt
  return format_text(_("Generative Fill: %s"), prompt_for_layer_name(prompt).c_str());
}

namespace {

// The frame's captured part read a band at a time and scaled down to the upload size as it comes:
// each band is scaled on another thread while GIMP hands over the next, so the scaling mostly
// hides behind the reads, and memory holds a band, not the region (bench/README.md, issue 20).
// `opaque` says whether every pixel read was fully opaque.
Raster read_scaled_down(ImageSource &source, const ContextPlan &plan, bool active_layer, bool &opaque) {
  const PixelRect &captured = plan.captured;
  StreamingResample down(4, {captured.x - plan.frame.x, captured.y - plan.frame.y, captured.width, captured.height},
                         plan.frame.size(), plan.upload);
  opaque = true;
  std::future<void> scaling;  // declared after `down`: destroyed (and so waited for) first
  source.read_bands(captured, active_layer, [&](Raster band) {
    if (scaling.valid()) scaling.get();
    opaque = opaque && fully_opaque(band);
    scaling = std::async(std::launch::async, [&down, band = std::move(band)] { down.add_rows(band); });
  });
  if (scaling.valid()) scaling.get();
  return down.finish();
}

}  // namespace

PreparedEdit prepare_edit(ImageSource &source, const FillOptions &options, const std::string &model_name,
                          long long pixel_budget, const std::vector<Raster> &references) {
  const ImageModel model = describe_model(model_name);
  validate_fill_options(options, model);
  validate_reference_count(model, references.size(), true);

  PreparedEdit edit;
  PlanInput input;
  input.canvas = source.canvas_size();
  input.selection = source.selection_bounds();
  input.size = options.size;
  input.model = model;
  input.pixel_budget = pixel_budget;
  input.margin = options.context_margin;
  if (options.needs_selection && !input.selection)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("Remove needs a selection: select what should disappear, then choose Remove again."));
  edit.plan = plan_context(input);
  edit.canvas = input.canvas;
  edit.has_selection = input.selection.has_value();

  const ContextPlan &plan = edit.plan;
  // A frame larger than the request size goes scaled down (a small one at its own size, or
  // enlarged by a whole factor when tiny).
  const bool scaled_down = plan.upload.width < plan.frame.width || plan.upload.height < plan.frame.height;
  const bool active_layer = options.sample == "layer";
  auto started = std::chrono::steady_clock::now();
  Raster sent;
  if (scaled_down) {
    // Scaled down while it is read: the region's full-size pixels are never whole in memory.
    sent = read_scaled_down(source, plan, active_layer, edit.opaque_frame);
  } else {
    edit.original = active_layer ? source.read_active_layer(plan.captured) : source.read_visible(plan.captured);
    edit.opaque_frame = fully_opaque(edit.original);
  }
  if (edit.has_selection) edit.selection = source.read_selection(plan.captured);
  edit.timings.capture_ms = elapsed_ms(started);
  started = std::chrono::steady_clock::now();
  // The mask is made and encoded on another core while the image is: each takes a tenth of a
  // second or more for a large region (bench/README.md).
  std::future<Raster> mask_job;
  if (edit.has_selection)
    // (Deferred, on this thread at get(), when no thread can be started.)
    mask_job = std::async(std::launch::async | std::launch::deferred, [&edit, &plan] {
      // Padding outside the canvas is never selected: it stays "keep" in the mask.
      const Raster &selected = edit.selection;
      Raster padded;
      if (!(plan.captured == plan.frame)) {
        padded = Raster(plan.frame.width, plan.frame.height, 1, 0);
        for (int y = 0; y < selected.height; ++y)
          std::copy_n(selected.at(0, y), selected.width,
                      padded.at(plan.captured.x - plan.frame.x, plan.captured.y - plan.frame.y + y));
      }
      Raster sent_selection = scale_raster(padded.pixels.empty() ? selected : padded, plan.upload);
      edit.request.mask_png = encode_png(selection_to_edit_mask(sent_selection));
      return sent_selection;
    });
  if (!scaled_down) sent = scale_padded(edit.original, plan.captured, plan.frame, plan.upload);
  edit.request.image_png = encode_png(sent);
  if (scaled_down) edit.sent_image = std::move(sent);
  if (mask_job.valid()) {
    Raster sent_selection = mask_job.get();
    if (scaled_down) edit.sent_selection = std::move(sent_selection);
  }
  for (const Raster &reference : references) edit.request.reference_pngs.push_back(encode_reference(reference, plan.request));
  edit.request.model = model.name;
  edit.request.prompt = options.prompt;
  edit.request.quality = options.quality;
  edit.request.size = format_size(plan.request);
  edit.request.n = options.variations;
  // An opaque picture must come back opaque: a model that takes `background` is told so, unless the
  // user chose a background. (Answers that still carry transparency are laid over the original.)
  edit.opaque_frame = edit.opaque_frame && options.background != "transparent";
  edit.request.background =
      options.background == "auto" && edit.opaque_frame && takes_background(model) ? "opaque" : options.background;
  edit.request.input_fidelity = options.input_fidelity;
  edit.request.output_format = takes_output_format(model) ? options.output_format : "";
  edit.request.output_compression = options.output_compression;
  edit.request.partial_images = model.streams ? options.partial_images : 0;
  edit.timings.encode_ms = elapsed_ms(started);
  edit.timings.upload_bytes = image_bytes(edit.request);
  if (edit.has_selection) {
    const PixelRect &bounds = *input.selection;
    edit.mask_grow = options.mask_grow == kAutoEdge ? auto_mask_grow(bounds) : options.mask_grow;
    edit.feather_radius = options.feather_radius == kAutoEdge ? auto_feather_radius(bounds) : options.feather_radius;
    edit.color_match = options.color_match;
  }
  return edit;
}

CostEstimate estimate_fill_cost(ImageSource &source, const FillOptions &options, const std::string &model_name,
                                long long pixel_budget) {
  PlanInput input;
  input.canvas = source.canvas_size();
  input.selection = source.selection_bounds();
  input.size = options.size;
  input.model = describe_model(model_name);
  input.pixel_budget = pixel_budget;
  input.margin = options.context_margin;
  try {
    validate_quality_for_model(input.model, options.quality);
    return estimate_cost(input.model, options.quality, plan_context(input).request, options.variations,
                         input.model.streams ? options.partial_images : 0);
  } catch (const GenerativeError &e) {
    CostEstimate unusable;
    unusable.text = e.what();
    return unusable;
  }
}

namespace {

// The answer to a region larger than the request size, kept at its own resolution: laid over the
// picture as sent where it came back transparent, checked for repainting outside the mask, and
// colour-fitted on the ring around the selection, all against the picture and selection as sent
// (the frame at the upload size, brought to the answer's size if a server answered at another).
// A per-channel gain and offset commutes with scaling, so fitting here and scaling the layer up
// afterwards (layer_pixels.h) gives the colours a fit at full size would, at a fraction of the pixels.
Raster answer_at_own_size(const PreparedEdit &edit, const Raster &image, bool first, bool &composited,
                          bool &repainted, std::vector<ColorFit> &fits) {
  const ContextPlan &plan = edit.plan;
  Raster layer = image;
  const Raster sent = scale_raster(edit.sent_image, image.size());
  if (edit.opaque_frame && composite_over(layer, sent)) composited = true;
  if (!edit.has_selection) return layer;
  const Raster selection = scale_raster(edit.sent_selection, image.size());
  if (first) repainted = changed_far_outside(sent, layer, selection);
  if (edit.color_match) {
    // The part of the frame on the canvas, at the answer's resolution.
    const double sx = static_cast<double>(image.width) / plan.frame.width;
    const double sy = static_cast<double>(image.height) / plan.frame.height;
    const int x0 = static_cast<int>(std::ceil((plan.captured.x - plan.frame.x) * sx));
    const int y0 = static_cast<int>(std::ceil((plan.captured.y - plan.frame.y) * sy));
    const int x1 = static_cast<int>(std::floor((plan.captured.x + plan.captured.width - plan.frame.x) * sx));
    const int y1 = static_cast<int>(std::floor((plan.captured.y + plan.captured.height - plan.frame.y) * sy));
    const Raster ring = selection_ring(selection, {x0, y0, x1 - x0, y1 - y0}, kColorRingWidth);
    const ColorFit fit = fit_color(sent, layer, ring);
    apply_color_fit(layer, fit);
    fits.push_back(fit);
  }
  return layer;
}

}  // namespace

LayersToPlace placement_from_answer(const PreparedEdit &edit, const ImagesResult &answer, const std::string &prompt) {
  const ContextPlan &plan = edit.plan;
  LayersToPlace placement;
  placement.at = plan.captured;
  placement.has_selection = edit.has_selection;
  placement.selection = edit.selection;
  placement.canvas = edit.canvas;
  placement.mask_grow = edit.mask_grow;
  placement.feather_radius = edit.feather_radius;
  placement.layer_name = layer_name_for_prompt(prompt);
  placement.usage = answer.usage;
  placement.cost = actual_cost(describe_model(edit.request.model), answer.usage);
  const PixelRect roi{plan.captured.x - plan.frame.x, plan.captured.y - plan.frame.y, plan.captured.width,
                      plan.captured.height};
  const double frame_aspect = static_cast<double>(plan.frame.width) / plan.frame.height;
  const size_t asked = static_cast<size_t>(std::max(1, edit.request.n));
  // A region larger than the request size: the answer stays at its own resolution and is compared
  // with the picture as sent, which is the frame at that resolution (placement scales it up).
  const bool at_answer_size = !edit.sent_image.pixels.empty();
  if (at_answer_size) placement.scaled_to = plan.frame;
  Raster ring;
  if (edit.color_match && !at_answer_size) ring = selection_ring(edit.selection, {0, 0, roi.width, roi.height}, kColorRingWidth);
  bool composited = false, repainted = false;
  std::optional<PixelSize> first_size;
  for (size_t i = 0; i < answer.images.size() && i < asked; ++i) {  // a relay that ignores n must not flood
    const Raster image = decode_image(answer.images[i]);
    if (!first_size) first_size = image.size();
    const double aspect = static_cast<double>(image.width) / image.height;
    if (std::fabs(std::log(aspect / frame_aspect)) > 0.02)
      throw GenerativeError(ErrorKind::BadResponse,
                            format_text(_("The server returned a %s image for a %s request; its shape does not "
                                          "match, so it cannot be placed."),
                                        format_size(image.size()).c_str(), format_size(plan.request).c_str()));
    if (at_answer_size) {
      placement.layers.push_back(answer_at_own_size(edit, image, i == 0, composited, repainted, placement.color_fits));
      continue;
    }
    Raster layer = scale_raster(image, plan.frame.size(), roi);
    // Nothing of an opaque picture may show through where the answer came back transparent.
    if (edit.opaque_frame && composite_over(layer, edit.original)) composited = true;
    if (edit.has_selection && i == 0) repainted = changed_far_outside(edit.original, layer, edit.selection);
    if (edit.color_match) {
      const ColorFit fit = fit_color(edit.original, layer, ring);
      apply_color_fit(layer, fit);
      placement.color_fits.push_back(fit);
    }
    placement.layers.push_back(std::move(layer));
  }
  RelayDeviations ignored = find_relay_deviations(asked_fields(edit.request), answer, first_size);
  if (composited && edit.request.background == "opaque") ignored.add(IgnoredField::Background, "opaque");
  if (repainted) ignored.add(IgnoredField::Mask, "");
  placement.ignored = ignored;
  if (!ignored.fields.empty()) placement.notes.push_back(relay_note(ignored));
  return placement;
}

std::string result_message(const LayersToPlace &placement) {
  std::string message;
  for (const std::string &note : placement.notes) message += note + "\n";
  return message + placement.cost.text;
}

LayersToPlace run_generative_fill(ImageSource &source, const FillOptions &options, const ConnectionSettings &connection,
                                  ProgressSink &progress, const std::vector<Raster> &references) {
  progress.set_text(_("Preparing the selection…"));
  const PreparedEdit edit = prepare_edit(source, options, connection.model, connection.pixel_budget, references);
  // The request runs on a worker thread; this thread keeps the main loop (and any dialog) alive.
  auto started = std::chrono::steady_clock::now();
  const ImagesResult answer = run_in_background(
      [&](ProgressSink &worker_progress) { return ImagesApiClient(connection).edit(edit.request, worker_progress); },
      progress);
  const double request_ms = elapsed_ms(started);
  progress.set_text(_("Placing the result…"));
  started = std::chrono::steady_clock::now();
  LayersToPlace placement = placement_from_answer(edit, answer, options.prompt);
  progress.show_cost(placement.cost.text);  // the estimate gives way to the actual cost
  placement.timings = edit.timings;
  placement.timings.request_ms = request_ms;
  placement.timings.decode_ms = elapsed_ms(started);
  return placement;
}

}  // namespace gpt_image

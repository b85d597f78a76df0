// Generative Expand's run (flows.h), on the facade like the others: read the picture as it is,
// run every request, and only then grow the canvas and place the layer, both in one undo group. A
// failure before placement leaves the image untouched; a failure while placing removes what was
// inserted and sets the canvas back, so the image is as it was, canvas size included.
#include <libgimp/gimp.h>

#include "errors.h"
#include "flow_accounting.h"
#include "expand_job.h"
#include "flow_steps.h"
#include "flows.h"
#include "i18n.h"
#include "image_access.h"
#include "layer_placement.h"
#include "procedure_spec.h"
#include "run_and_place.h"

namespace gpt_image {

namespace {

// Throws GenerativeError(InvalidArgument) for images Expand cannot work in, before the dialog.
void check_image_takes_expand(gimp::ImageId image) {
  if (gimp::image_is_indexed(image))
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("Generative Expand works on RGB and grayscale images; convert this indexed image with "
                            "Image ▸ Mode ▸ RGB first."));
  if (gimp::image_layers(image).empty())
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("The image has no layers; there is no picture to expand."));
}

// Grows the canvas to the placement's and places its layers, in one undo step; returns the layer
// or group. `at` is where the picture of `old_size` goes on the new canvas.
int grow_and_place(gimp::ImageId image, gimp::ItemId anchor, PixelSize old_size, const PixelRect &at,
                   const LayersToPlace &placement) {
  if (!gimp::image_is_valid(image))
    throw GenerativeError(ErrorKind::Host, _("The image was closed while the answer was on its way."));
  if (gimp::image_size(image) != old_size)
    throw GenerativeError(ErrorKind::Host,
                          _("The canvas was resized or cropped while the answer was on its way, so the expansion no "
                            "longer fits; nothing was changed. Run Generative Expand again."));
  {
    // What placing would refuse (the layer to go above deleted meanwhile), refused before the
    // canvas grows: growing and shrinking back would leave an empty undo step and a dirty image.
    GimpLayerTarget before(image, anchor);
    LayersToPlace unchanged;
    unchanged.canvas = old_size;
    check_target_unchanged(before, unchanged);
  }
  gimp::undo_group_start(image);
  try {
    if (!gimp::resize_image(image, *placement.canvas, {at.x, at.y}))
      throw GenerativeError(ErrorKind::Host, _("GIMP refused to resize the canvas; nothing was changed."));
    GimpLayerTarget target(image, anchor);
    const int placed = place_layers(target, placement);  // removes what it inserted when it fails
    gimp::undo_group_end(image);
    return placed;
  } catch (...) {
    const bool restored =
        gimp::image_size(image) == old_size || gimp::resize_image(image, old_size, {-at.x, -at.y});
    gimp::undo_group_end(image);
    if (!restored)
      throw GenerativeError(ErrorKind::Host,
                            format_text(_("Placing the expansion failed and GIMP refused to set the canvas back to %s; "
                                          "take the expansion back with Edit ▸ Undo."),
                                        format_size(old_size).c_str()));
    throw;
  }
}

}  // namespace

Outcome run_generative_expand(ProcedureCall &call) {
  return flow_steps::guarded(_("Generative Expand failed unexpectedly: %s"), [&] {
    const std::string settings = flow_steps::settings_path();
    const gimp::ImageId image = call.image();
    const gimp::ItemId anchor = anchor_for(call.drawable());
    check_image_takes_expand(image);  // nothing to ask when it cannot work
    GimpImageSource source(image, anchor);
    const PixelSize old_size = source.canvas_size();
    procedures::ArgumentValues values = flow_steps::run_arguments(call);
    const bool interactive = call.run_mode() == RunMode::Interactive;
    auto describe_cost = [&](const procedures::ArgumentValues &chosen) {
      return expand_cost_line(old_size, expand_options(chosen), settings);
    };
    if (interactive && !flow_steps::ask(call, values, describe_cost)) return Outcome{Outcome::Status::Cancel};
    const ExpandOptions options = expand_options(values);
    const ConnectionSettings connection = accounted_connection(settings, values);
    const ImageModel model = describe_model(connection.model);
    // Wrong arguments are told before any pixel is read.
    validate_expand_options(options, model, old_size);
    const std::vector<int> &reference_ids = values.layers(spec::kArgReferences);
    validate_reference_count(model, reference_ids.size(), true);
    const std::vector<Raster> references = read_references(reference_ids);
    const PixelSize canvas = resolve_expand_canvas(options.canvas, old_size);
    check_expand_size(canvas, options.variations);  // before any pixel is read
    const PixelRect at = place_picture(old_size, canvas, parse_expand_anchor(options.anchor));
    const Raster picture = source.read_visible({0, 0, old_size.width, old_size.height});
    LayersToPlace placement = run_with_progress(
        _("Generative Expand…"), _("Generative Expand in progress"), interactive,
        [&] { return expand_cost(old_size, options, settings); },
        [&](ProgressSink &progress) { return run_expand(picture, options, connection, progress, references); });
    const int result =
        place_and_report(placement, [&] { return grow_and_place(image, anchor, old_size, at, placement); });
    if (call.run_mode() != RunMode::NonInteractive) gimp_displays_flush();
    return Outcome{Outcome::Status::Success, "", result};
  });
}

}  // namespace gpt_image

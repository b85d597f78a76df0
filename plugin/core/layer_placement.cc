#include "layer_placement.h"

#include <future>
#include <stdexcept>

#include "errors.h"
#include "i18n.h"
#include "mask_shape.h"

namespace gpt_image {

void check_target_unchanged(LayerTarget &target, const LayersToPlace &placement) {
  const LayerTarget::State now = target.state();
  if (!now.image_open)
    throw GenerativeError(ErrorKind::Host,
                          _("The image was closed while the answer was on its way, so there is nowhere to place it."));
  if (placement.canvas && now.canvas != *placement.canvas)
    // TRANSLATORS: the sizes are WIDTHxHEIGHT in pixels, e.g. "from 800x600 to 640x480"
    throw GenerativeError(ErrorKind::Host,
                          format_text(_("The canvas changed from %dx%d to %dx%d pixels while the answer was on its "
                                        "way, so it would land in the wrong place. The image was left as it was; run "
                                        "the command again."),
                                      placement.canvas->width, placement.canvas->height, now.canvas.width,
                                      now.canvas.height));
  if (!now.anchor_present)
    throw GenerativeError(ErrorKind::Host,
                          _("The layer the result was to go above was deleted while the answer was on its way. The "
                            "image was left as it was; run the command again."));
}

LayerTarget::ItemId place_layers(LayerTarget &target, const LayersToPlace &placement) {
  check_target_unchanged(target, placement);  // before the undo group: a refusal leaves no trace
  const bool grouped = placement.layers.size() > 1;
  // Every variation gets the same mask: the selection captured with the request, shaped once, on
  // another core while the first layer is written (a tenth of a second for a large region).
  if (placement.has_selection && (placement.selection.width != placement.at.width ||
                                  placement.selection.height != placement.at.height || placement.selection.channels != 1))
    throw GenerativeError(ErrorKind::Host, _("The selection captured with the request does not fit the result."));
  // An answer at its own resolution covers the frame and is scaled up to the region as it is
  // written; any other layer has the region's size already. (The core makes them so.)
  const PixelRect frame = placement.scaled_to.value_or(placement.at);
  const PixelRect roi{placement.at.x - frame.x, placement.at.y - frame.y, placement.at.width, placement.at.height};
  if (!frame.contains(placement.at))
    throw std::invalid_argument("place_layers: the region lies outside the frame the answer covers");
  for (const Raster &answer : placement.layers)
    if (answer.channels != 4 || (!placement.scaled_to && answer.size() != placement.at.size()))
      throw std::invalid_argument("place_layers: a layer does not fit the region");
  std::shared_future<Raster> mask;
  if (placement.has_selection)
    mask = std::async(std::launch::async | std::launch::deferred, [&placement] {  // deferred: no thread left
      return shape_mask(placement.selection, placement.mask_grow, placement.feather_radius);
    });
  LayerTarget::ItemId top = 0;  // the item that holds everything inserted
  target.begin_undo_group();
  try {
    if (grouped) top = target.insert_group(placement.layer_name);
    for (size_t i = 0; i < placement.layers.size(); ++i) {
      const std::string name = grouped ? placement.layer_name + " #" + std::to_string(i + 1) : placement.layer_name;
      const WholeLayerPixels whole(placement.layers[i]);
      const ScaledLayerPixels scaled(placement.layers[i], frame.size(), roi);
      const LayerPixels &pixels = placement.scaled_to ? static_cast<const LayerPixels &>(scaled) : whole;
      const auto layer = target.insert_layer(name, grouped ? top : 0, static_cast<int>(i), pixels, placement.at);
      if (!grouped) top = layer;
      if (placement.has_selection) target.add_mask(layer, mask.get());
      target.set_visible(layer, i == 0);  // variations to compare: only the first shows
    }
  } catch (...) {
    if (top) target.remove(top);
    target.end_undo_group();
    throw;
  }
  target.end_undo_group();
  return top;
}

}  // namespace gpt_image

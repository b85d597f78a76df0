#include "layer_placement.h"

namespace gpt_image {

LayerTarget::ItemId place_fill_layers(LayerTarget &target, const FillPlacement &placement) {
  const bool grouped = placement.layers.size() > 1;
  LayerTarget::ItemId top = 0;  // the item that holds everything inserted
  target.begin_undo_group();
  try {
    if (grouped) top = target.insert_group(placement.layer_name);
    for (size_t i = 0; i < placement.layers.size(); ++i) {
      const std::string name = grouped ? placement.layer_name + " #" + std::to_string(i + 1) : placement.layer_name;
      const auto layer = target.insert_layer(name, grouped ? top : 0, static_cast<int>(i), placement.layers[i],
                                             placement.at);
      if (!grouped) top = layer;
      if (placement.has_selection) target.add_selection_mask(layer, placement.mask_grow, placement.feather_radius);
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

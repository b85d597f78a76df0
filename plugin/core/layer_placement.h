// How finished layers go into an image, written once for both GIMP versions: one undo group; one
// layer, or a group holding every variation with only the first visible; a selection mask on each
// when there was a selection; and on any failure everything inserted is removed again.
#pragma once

#include <string>

#include "generative_fill.h"

namespace gpt_image {

// The operations placement needs from an image. Item ids are GIMP's item ids.
class LayerTarget {
 public:
  using ItemId = int;
  virtual ~LayerTarget() = default;
  virtual void begin_undo_group() = 0;
  virtual void end_undo_group() = 0;
  // Inserts an empty layer group directly above the active layer (at the top without one).
  virtual ItemId insert_group(const std::string &name) = 0;
  // Inserts a layer holding `pixels` at canvas offset `at`: inside `group` at `index` (0 = top),
  // or directly above the active layer when `group` is 0.
  virtual ItemId insert_layer(const std::string &name, ItemId group, int index, const Raster &pixels,
                              const PixelRect &at) = 0;
  // Adds a layer mask made from the selection, grown by `grow` and softened by `feather` pixels
  // (shape_mask()).
  virtual void add_selection_mask(ItemId layer, int grow, int feather) = 0;
  virtual void set_visible(ItemId item, bool visible) = 0;
  virtual void remove(ItemId item) = 0;
};

// Places the layers; returns the single layer or the group. Errors from the target propagate
// (after the inserted items are removed and the undo group is closed).
LayerTarget::ItemId place_fill_layers(LayerTarget &target, const FillPlacement &placement);

}  // namespace gpt_image

// How finished layers go into an image, written once for both GIMP versions: one undo group; one
// layer, or a group holding every variation with only the first visible; a layer mask on each made
// from the selection captured with the request when there was one; and on any failure everything
// inserted is removed again. GIMP stays usable while the answer is on its way, so placement first
// checks that the image still fits what was sent and refuses, untouched, when it does not.
#pragma once

#include <string>

#include "generative_fill.h"
#include "layer_pixels.h"

namespace gpt_image {

// The operations placement needs from an image. Item ids are GIMP's item ids.
class LayerTarget {
 public:
  using ItemId = int;
  // The image as it is now, for the checks before anything is inserted.
  struct State {
    bool image_open = true;     // false: the image was closed (deleted)
    PixelSize canvas;           // its canvas size now
    bool anchor_present = true; // false: the layer the result goes above was deleted
  };
  virtual ~LayerTarget() = default;
  virtual State state() = 0;
  virtual void begin_undo_group() = 0;
  virtual void end_undo_group() = 0;
  // Inserts an empty layer group directly above the active layer (at the top without one).
  virtual ItemId insert_group(const std::string &name) = 0;
  // Inserts a layer holding `pixels` (of `at`'s size) at canvas offset `at`: inside `group` at
  // `index` (0 = top), or directly above the active layer when `group` is 0. The pixels are
  // written a band of rows at a time.
  virtual ItemId insert_layer(const std::string &name, ItemId group, int index, const LayerPixels &pixels,
                              const PixelRect &at) = 0;
  // Adds a layer mask holding `mask` (1 channel, the layer's size, 255 = shown).
  virtual void add_mask(ItemId layer, const Raster &mask) = 0;
  virtual void set_visible(ItemId item, bool visible) = 0;
  virtual void remove(ItemId item) = 0;
};

// Throws GenerativeError(Host), saying what changed, when the image no longer fits `placement`:
// closed, its canvas resized or cropped, or the anchor layer deleted since the request was made.
void check_target_unchanged(LayerTarget &target, const LayersToPlace &placement);

// Places the layers; returns the single layer or the group. Refuses first (check_target_unchanged)
// without touching the image. Errors from the target propagate (after the inserted items are
// removed and the undo group is closed).
LayerTarget::ItemId place_layers(LayerTarget &target, const LayersToPlace &placement);

}  // namespace gpt_image

// GIMP 2.10 side of the job: read the visible pixels and the selection, and place finished layers.
#pragma once

#include <libgimp/gimp.h>

#include "generative_fill.h"
#include "layer_placement.h"
#include "common/reference_picker.h"

#include <vector>

namespace gpt_image {

class Gimp2FillSource : public FillSource {
 public:
  // `active` is what "sample: layer" reads; it may be -1 or not a layer.
  Gimp2FillSource(gint32 image, gint32 active) : image_(image), active_(active) {}
  PixelSize canvas_size() override;
  std::optional<PixelRect> selection_bounds() override;
  Raster read_visible(const PixelRect &rect) override;
  Raster read_selection(const PixelRect &rect) override;
  Raster read_active_layer(const PixelRect &rect) override;

 private:
  gint32 image_;
  gint32 active_;
};

// Throws GenerativeError(InvalidArgument) for images the plug-in cannot place layers in.
void check_image_supported_gimp2(gint32 image);

// Throws GenerativeError(InvalidArgument) for images a generated layer cannot go into (indexed).
void check_image_takes_generated_layers_gimp2(gint32 image);

// The pixels of each reference drawable id (RGBA, the drawable's whole area), read before anything
// is sent. Throws GenerativeError(InvalidArgument) naming a reference that is not a drawable or is
// a layer group.
std::vector<Raster> read_references_gimp2(const std::vector<gint32> &references);

// Every layer of every open image that can be a reference (groups' children, not groups).
std::vector<ReferenceCandidate> reference_candidates_gimp2();

// The drawable a fill works from: a layer mask stands for its layer; anything else as it is
// (a channel or nothing puts the result at the top of the layer stack).
gint32 fill_anchor_gimp2(gint32 drawable);

// Where placed layers go: above `anchor` when it is a layer, at the top of the stack otherwise.
// `anchor` is the drawable the job started from (-1: none); state() reports it missing when it has
// been deleted since.
class Gimp2LayerTarget : public LayerTarget {
 public:
  Gimp2LayerTarget(gint32 image, gint32 anchor);
  State state() override;
  void begin_undo_group() override { gimp_image_undo_group_start(image_); }
  void end_undo_group() override { gimp_image_undo_group_end(image_); }
  ItemId insert_group(const std::string &name) override;
  ItemId insert_layer(const std::string &name, ItemId group, int index, const Raster &pixels,
                      const PixelRect &at) override;
  void add_mask(ItemId layer, const Raster &mask) override;
  void set_visible(ItemId item, bool visible) override { gimp_item_set_visible(item, visible); }
  void remove(ItemId item) override { gimp_image_remove_layer(image_, item); }

 private:
  gint32 image_;
  gint32 anchor_;
  gint32 anchor_parent_ = 0;
  gint anchor_position_ = 0;
};

}  // namespace gpt_image

// The job's side of an open image, written once for GIMP 2.10 and 3 on gimp_facade.h: read the
// visible pixels and the selection, check the image, read references, and place finished layers.
// The adapters convert their libgimp handles to ids at their edge (2.10 has ids already; 3 asks
// gimp_image_get_id / gimp_item_get_id).
#pragma once

#include <vector>

#include "generative_fill.h"
#include "gimp_facade.h"
#include "layer_placement.h"
#include "reference_images.h"

namespace gpt_image {

class GimpImageSource : public ImageSource {
 public:
  // `active` is what "sample: layer" reads; it may be none or not a layer.
  GimpImageSource(gimp::ImageId image, gimp::ItemId active) : image_(image), active_(active) {}
  PixelSize canvas_size() override;
  std::optional<PixelRect> selection_bounds() override;
  Raster read_visible(const PixelRect &rect) override;
  Raster read_selection(const PixelRect &rect) override;
  Raster read_active_layer(const PixelRect &rect) override;
  void read_bands(const PixelRect &rect, bool active_layer, const BandSink &take) override;

 private:
  void read_visible_bands(const PixelRect &rect, const BandSink &take);
  void check_active_layer() const;
  gimp::ImageId image_;
  gimp::ItemId active_;
};

// Throws GenerativeError(InvalidArgument) for images Generative Fill cannot work in (indexed, or
// without layers).
void check_image_takes_fill(gimp::ImageId image);

// Throws GenerativeError(InvalidArgument) for images a generated layer cannot go into (indexed).
void check_image_takes_generated_layers(gimp::ImageId image);

// The pixels of each reference drawable, by item id (RGBA, the drawable's whole area), read before
// anything is sent. Throws GenerativeError(InvalidArgument) naming a reference that no longer exists (or, from
// a GIMP 2.10 script, never did) or is a layer group.
std::vector<Raster> read_references(const std::vector<int> &references);

// Every layer of every open image that can be a reference (groups' children, not groups).
std::vector<ReferenceCandidate> reference_candidates();

// The drawable a fill works from: a layer mask stands for its layer; anything else as it is
// (a channel or nothing puts the result at the top of the layer stack).
gimp::ItemId anchor_for(gimp::ItemId drawable);

// Where placed layers go: above `anchor` when it is a layer, at the top of the stack otherwise.
// `anchor` is the drawable the job started from (may be none); state() reports it missing when it
// has been deleted since.
class GimpLayerTarget : public LayerTarget {
 public:
  GimpLayerTarget(gimp::ImageId image, gimp::ItemId anchor);
  State state() override;
  void begin_undo_group() override { gimp::undo_group_start(image_); }
  void end_undo_group() override { gimp::undo_group_end(image_); }
  ItemId insert_group(const std::string &name) override;
  ItemId insert_layer(const std::string &name, ItemId group, int index, const LayerPixels &pixels,
                      const PixelRect &at) override;
  void add_mask(ItemId layer, const Raster &mask) override;
  void set_visible(ItemId item, bool visible) override { gimp::set_item_visible({item}, visible); }
  void remove(ItemId item) override { gimp::remove_layer(image_, {item}); }

 private:
  gimp::ImageId image_;
  gimp::ItemId anchor_;
  gimp::ItemId anchor_parent_;  // none: the top level
  int anchor_position_ = 0;
};

}  // namespace gpt_image

// GIMP 3 side of the job: read the visible pixels and the selection, and place finished layers.
#pragma once

#include <libgimp/gimp.h>

#include "generative_fill.h"
#include "layer_placement.h"
#include "common/reference_picker.h"

#include <vector>

namespace gpt_image {

class Gimp3FillSource : public FillSource {
 public:
  // `active` is what "sample: layer" reads; it may be null or not a layer.
  Gimp3FillSource(GimpImage *image, GimpDrawable *active) : image_(image), active_(active) {}
  PixelSize canvas_size() override;
  std::optional<PixelRect> selection_bounds() override;
  Raster read_visible(const PixelRect &rect) override;
  Raster read_selection(const PixelRect &rect) override;
  Raster read_active_layer(const PixelRect &rect) override;

 private:
  GimpImage *image_;
  GimpDrawable *active_;
};

// Throws GenerativeError(InvalidArgument) for images the plug-in cannot place layers in.
void check_image_supported_gimp3(GimpImage *image);

// Throws GenerativeError(InvalidArgument) for images a generated layer cannot go into (indexed).
void check_image_takes_generated_layers_gimp3(GimpImage *image);

// The pixels of each reference (RGBA, the drawable's whole area), read before anything is sent.
// Throws GenerativeError(InvalidArgument) naming a reference that is a layer group.
std::vector<Raster> read_references_gimp3(const std::vector<GimpDrawable *> &references);

// Every layer of every open image that can be a reference (groups' children, not groups).
std::vector<ReferenceCandidate> reference_candidates_gimp3();

// The drawable a fill works from: a layer mask stands for its layer; anything else as it is
// (a channel or nothing puts the result at the top of the layer stack).
GimpDrawable *fill_anchor_gimp3(GimpDrawable *drawable);

// Where placed layers go: above `anchor` when it is a layer, at the top of the stack otherwise.
// `anchor` is the drawable the job started from (may be null); state() reports it missing when it
// has been deleted since.
class Gimp3LayerTarget : public LayerTarget {
 public:
  Gimp3LayerTarget(GimpImage *image, GimpDrawable *anchor);
  State state() override;
  void begin_undo_group() override { gimp_image_undo_group_start(image_); }
  void end_undo_group() override { gimp_image_undo_group_end(image_); }
  ItemId insert_group(const std::string &name) override;
  ItemId insert_layer(const std::string &name, ItemId group, int index, const Raster &pixels,
                      const PixelRect &at) override;
  void add_mask(ItemId layer, const Raster &mask) override;
  void set_visible(ItemId item, bool visible) override;
  void remove(ItemId item) override;

 private:
  GimpImage *image_;
  GimpDrawable *anchor_;
  GimpLayer *anchor_parent_ = nullptr;
  gint anchor_position_ = 0;
};

}  // namespace gpt_image

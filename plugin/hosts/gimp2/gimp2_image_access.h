// GIMP 2.10 side of the job: read the visible pixels and the selection, and place finished layers.
#pragma once

#include <libgimp/gimp.h>

#include "generative_fill.h"

namespace gpt_image {

class Gimp2FillSource : public FillSource {
 public:
  explicit Gimp2FillSource(gint32 image) : image_(image) {}
  PixelSize canvas_size() override;
  std::optional<PixelRect> selection_bounds() override;
  Raster read_visible(const PixelRect &rect) override;
  Raster read_selection(const PixelRect &rect) override;

 private:
  gint32 image_;
};

// Throws GenerativeError(InvalidArgument) for images the plug-in cannot place layers in.
void check_image_supported_gimp2(gint32 image);

// Inserts the layers above `anchor` (or at the top when it is not a layer) in one undo group and
// returns the single layer or the group. On a GIMP failure everything inserted is removed again
// and GenerativeError(Host) is thrown.
gint32 place_fill_layers_gimp2(gint32 image, gint32 anchor, const FillPlacement &placement);

}  // namespace gpt_image

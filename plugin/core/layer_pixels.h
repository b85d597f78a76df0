// A new layer's pixels, handed to the host a band of rows at a time. An answer for a region larger
// than the request size is scaled up to the region band by band as it is written into GIMP, so
// the region's pixels never exist whole in the plug-in (issue 20, bench/README.md): memory follows
// the band, and GIMP's own scaling, which takes seconds for a region of tens of megapixels, is
// not needed.
#pragma once

#include "geometry.h"
#include "raster.h"

namespace gpt_image {

class LayerPixels {
 public:
  virtual ~LayerPixels() = default;
  virtual PixelSize size() const = 0;
  // Rows [first, first + count) of the layer: 4 channels, R'G'B'A u8, size().width wide.
  virtual Raster rows(int first, int count) const = 0;
};

// A layer that is already whole: the answer for a region no larger than the request size.
class WholeLayerPixels : public LayerPixels {
 public:
  explicit WholeLayerPixels(const Raster &pixels) : pixels_(pixels) {}
  PixelSize size() const override { return pixels_.size(); }
  Raster rows(int first, int count) const override;

 private:
  const Raster &pixels_;
};

// The part `roi` of `answer` scaled (Lanczos-3, resample.h) to cover a frame of size `frame`:
// each band is exactly the same rows of resample_lanczos3(answer, frame, roi).
class ScaledLayerPixels : public LayerPixels {
 public:
  ScaledLayerPixels(const Raster &answer, PixelSize frame, const PixelRect &roi)
      : answer_(answer), frame_(frame), roi_(roi) {}
  PixelSize size() const override { return roi_.size(); }
  Raster rows(int first, int count) const override;

 private:
  const Raster &answer_;
  PixelSize frame_;
  PixelRect roi_;
};

}  // namespace gpt_image

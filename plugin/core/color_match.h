// Colour matching: a model repaints the whole picture and drifts its colour and brightness even
// where the mask says "keep". On a ring just outside the selection both the original and the
// generated pixels are known and should agree; a per-channel gain and offset fitted there by least
// squares (orig ≈ gain * generated + offset, with outliers trimmed, since a model may also change a
// few ring pixels for real) is applied to the generated pixels before they are placed. It undoes a
// global drift exactly and a smooth one approximately; content the model added is left alone.
#pragma once

#include <array>

#include "raster.h"

namespace gpt_image {

struct ChannelFit {
  double gain = 1.0;
  double offset = 0.0;
};

struct ColorFit {
  std::array<ChannelFit, 3> channels;  // R, G, B (gray images use the first)
  int samples = 0;                     // ring pixels the fit used; 0 = no fit (too few)
};

constexpr int kMinColorSamples = 64;

// `original` and `generated` are RGBA u8 of the same size; `ring` is 1 channel (255 = compare
// here). Pixels that are not opaque in both are left out.
ColorFit fit_color(const Raster &original, const Raster &generated, const Raster &ring);

// Applies the fit to the colour channels of an RGBA u8 raster (alpha untouched).
void apply_color_fit(Raster &image, const ColorFit &fit);

}  // namespace gpt_image

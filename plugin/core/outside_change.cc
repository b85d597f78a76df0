#include "outside_change.h"

#include <algorithm>
#include <cstdlib>

#include "color_match.h"
#include "mask_shape.h"

namespace gpt_image {

bool changed_far_outside(const Raster &original, const Raster &answer, const Raster &selection) {
  if (original.channels != 4 || answer.channels != 4 || selection.channels != 1 ||
      !(original.size() == answer.size()) || !(original.size() == selection.size()))
    return false;
  const Raster near = near_selection(selection, kFarFromSelection);
  Raster far(selection.width, selection.height, 1, 0);
  int far_pixels = 0;
  for (size_t i = 0; i < far.pixels.size(); ++i) {
    if (near.pixels[i] || original.pixels[i * 4 + 3] != 255 || answer.pixels[i * 4 + 3] != 255) continue;
    far.pixels[i] = 255;
    ++far_pixels;
  }
  if (far_pixels < kMinFarPixels) return false;
  // Undo the drift first: a model that honours the mask may still shift every colour.
  Raster fitted = answer;
  apply_color_fit(fitted, fit_color(original, answer, far));
  int changed = 0;
  for (size_t i = 0; i < far.pixels.size(); ++i) {
    if (!far.pixels[i]) continue;
    int worst = 0;
    for (int c = 0; c < 3; ++c)
      worst = std::max(worst, std::abs(fitted.pixels[i * 4 + c] - original.pixels[i * 4 + c]));
    if (worst > kChangedLevel) ++changed;
  }
  return changed * 2 > far_pixels;
}

}  // namespace gpt_image

// Did the answer ignore the mask? A model that honours the mask still drifts colour everywhere and
// retouches near the selection's edge, but keeps what lies far from it: after undoing the drift, the
// picture there is the original's. A relay that drops the mask gets the whole frame repainted.
#pragma once

#include "raster.h"

namespace gpt_image {

// How far from the selection a pixel must be to be judged. Beyond the layer mask's automatic grow
// and feather (at most 16 and 32 px) and the blend a model paints across the mask's edge.
constexpr int kFarFromSelection = 32;
// A pixel counts as changed when, after the best per-channel gain and offset (color_match.h), one of
// its channels still differs by more than this: well above a model's noise and resampling error
// (a few levels) and JPEG artefacts (about 10), well below the difference between unrelated
// pictures (about 60-80 on average).
constexpr int kChangedLevel = 48;
// Fewer far pixels than this cannot tell anything (a selection that fills nearly the whole frame).
constexpr int kMinFarPixels = 256;

// `original` and `answer` RGBA of the same size, `selection` 1 channel (255 = selected) over them.
// True when more than half of the opaque pixels at least kFarFromSelection px from the selection
// changed by more than kChangedLevel after colour fitting: the mask was ignored.
bool changed_far_outside(const Raster &original, const Raster &answer, const Raster &selection);

}  // namespace gpt_image

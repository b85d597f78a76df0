// How Generative Expand puts each window's answer onto the new canvas, without GIMP or the network.
//
// Why blend: a model drifts in colour and never keeps the pixels it was shown exactly, so a later
// window pasted with a hard cut next to what an earlier window painted can leave a visible seam.
// Across the strip where a later window overlaps earlier answers, the later answer is ramped in
// linearly: at the window's edge it is the earlier answer, where the window's own new area begins it
// is the later one. The ramp is at most `band` pixels wide and never wider than the strip both
// cover. The old picture's pixels are never changed in what the next window sees; over the picture
// the layer carries the first answer that covered it (only its blend band shows through the mask).
#pragma once

#include "geometry.h"
#include "raster.h"

namespace gpt_image {

struct ExpandCanvas {
  PixelRect picture;  // where the old picture sits on the canvas
  Raster known;       // RGBA: the picture and answers so far (what the next window is shown)
  Raster paint;       // 1 channel: 255 where no answer has painted yet (never over the picture)
  Raster layer;       // RGBA: the layer being built
  Raster answered;    // 1 channel: 255 over picture pixels some answer has already covered
};

// The canvas before any answer: the picture at `at`, everything else transparent and to paint.
ExpandCanvas start_expand_canvas(const Raster &picture, PixelSize canvas, const PixelRect &at);

// Pastes `answer` (RGBA, already scaled to frame's size; the frame may reach past the canvas) onto
// `canvas`: the pixels still to paint take it as it is, earlier answers within `band` pixels of
// them are ramped into it, and picture pixels no answer covered yet take it on the layer only.
void paste_window_answer(ExpandCanvas &canvas, const Raster &answer, const PixelRect &frame, int band);

// The ramp width run_expand uses for a window: a quarter of its shorter side, the least overlap
// the plan gives neighbouring windows (expand_plan.h).
int window_blend_band(const PixelRect &frame);

}  // namespace gpt_image

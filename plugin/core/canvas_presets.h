// Canvas sizes for Generate Image: named presets for common targets (social posts, stories, link
// previews, screens) that the dialog offers and scripts can name, or an explicit WIDTHxHEIGHT.
#pragma once

#include <string>
#include <vector>

#include "geometry.h"

namespace gpt_image {

struct CanvasPreset {
  const char *name;   // what scripts pass, e.g. "story"
  const char *label;  // what the dialog shows (N_(), translate with _())
  PixelSize size;
};

const std::vector<CanvasPreset> &canvas_presets();

// Largest edge of a new image: GIMP takes more, but an answer of at most 3840 px scaled further
// only adds blur and memory.
constexpr int kMaxNewImageEdge = 16384;

// A preset's name or "WxH" -> the size. Throws GenerativeError(InvalidArgument) naming the presets.
PixelSize resolve_canvas_size(const std::string &text);

// The same, but a 1024x1024 square where `text` does not name a size yet (the cost line of a
// dialog whose canvas is still being typed).
PixelSize canvas_size_or_square(const std::string &text);

}  // namespace gpt_image

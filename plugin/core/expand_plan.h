// Generative Expand's geometry, without GIMP: how large the new canvas is, where the old picture
// sits on it, which windows of the new canvas are sent (each one request the model takes, in
// order), and the mask that blends the answers into the old picture.
//
// Why windows: a request is at most the model's size (gpt-image-1: 1536x1024). When the new canvas
// fits one request, one window covers it all. When it does not, scaling the whole canvas into one
// request would come back blurred when scaled up again, so the canvas is covered by a grid of
// windows at the request's own resolution, overlapping by a quarter. They are sent nearest the old
// picture first: each window paints only the part of the new area no earlier window painted, and
// sees the old picture or earlier answers as the context it continues.
#pragma once

#include <string>
#include <vector>

#include "geometry.h"
#include "image_models.h"
#include "raster.h"

namespace gpt_image {

// Where the old picture stays on the grown canvas.
enum class ExpandAnchor { Center, Top, Bottom, Left, Right, TopLeft, TopRight, BottomLeft, BottomRight };

// The anchor names scripts pass, in the order of ExpandAnchor.
const std::vector<const char *> &expand_anchor_names();

// "center", "top-left", ... -> the anchor. Throws GenerativeError(InvalidArgument) naming the choices.
ExpandAnchor parse_expand_anchor(const std::string &name);

// The new canvas for an image of `image`: a preset name of Generate Image, "WxH", or an aspect
// "W:H" (the least growth of one side that reaches it). Throws GenerativeError(InvalidArgument)
// when the text is none of these, or when the canvas would be smaller than the image in either
// side, or larger than kMaxNewImageEdge.
PixelSize resolve_expand_canvas(const std::string &text, PixelSize image);

// Each variation is a layer over the whole new canvas, and the job holds a few canvas-sized
// buffers besides: the canvas and canvas x variations are bounded so memory stays within reach of
// an ordinary machine (64 MP of RGBA is 256 MiB per buffer).
constexpr long long kMaxExpandCanvasPixels = 8192LL * 8192;
constexpr long long kMaxExpandLayerPixels = 2 * kMaxExpandCanvasPixels;
// Throws GenerativeError(InvalidArgument) for a canvas, or canvas x variations, past those bounds.
void check_expand_size(PixelSize canvas, int variations);

// The old picture's rectangle on the new canvas (`canvas` is at least `image` in both sides).
// Centred anchors put an odd extra pixel after the picture (right or below).
PixelRect place_picture(PixelSize image, PixelSize canvas, ExpandAnchor anchor);

// One request: `frame` is the part of the new canvas it shows (in new-canvas coordinates; it may
// reach past the canvas, and that padding is painted and thrown away), sent as `request`.
struct ExpandWindow {
  PixelRect frame;
  PixelSize request;
};

// The most requests one variation may take; more is refused (expand in steps, or use a model
// that takes larger sizes).
constexpr int kMaxExpandWindows = 24;

// The windows, in the order they are sent. Each has some new area no earlier window covered, and
// each overlaps the picture or an earlier window (its context). Throws GenerativeError
// (InvalidArgument) when the canvas equals the picture (nothing to expand) or needs more than
// kMaxExpandWindows windows.
std::vector<ExpandWindow> plan_expand_windows(PixelSize canvas, const PixelRect &picture, const ImageModel &model,
                                              long long pixel_budget);

// Width of the blend band when the caller says -1: a sixteenth of the picture's shorter side,
// 4 to 64 pixels (enough to hide a seam, small enough to keep the picture's own pixels).
int auto_blend_band(const PixelRect &picture);

// The new layer's mask over the whole canvas (1 channel): 255 over the new area, and inside the
// picture a ramp down to 0 over `band` pixels from each side that grew (sides that stayed on the
// canvas edge get no band: there is nothing to blend).
Raster expand_blend_mask(PixelSize canvas, const PixelRect &picture, int band);

}  // namespace gpt_image

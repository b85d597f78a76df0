#include "expand_plan.h"

#include <glib.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "canvas_presets.h"
#include "context_plan.h"
#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

// One window covers the canvas when it is at most this much larger than the request in each side:
// an answer scaled up by up to 1.5 is a little soft, which the new area bears better than the
// seams of several requests.
constexpr double kSingleWindowScale = 1.5;

// The largest number either side of an aspect may have ("16:9", "3:2"); beyond it the text is
// more likely a size typed with the wrong separator.
constexpr int kMaxAspectTerm = 100;

// "W:H" with both terms 1 to kMaxAspectTerm, digits only; false otherwise.
bool parse_aspect(const std::string &text, int &w, int &h) {
  const size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 >= text.size()) return false;
  auto term = [](const std::string &digits, int &out) {
    if (digits.empty() || digits.size() > 3) return false;
    for (char c : digits)
      if (!g_ascii_isdigit(c)) return false;
    out = std::stoi(digits);
    return out >= 1 && out <= kMaxAspectTerm;
  };
  return term(text.substr(0, colon), w) && term(text.substr(colon + 1), h);
}

// Where windows of `window` pixels start along an axis of `length`, overlapping by at least
// `overlap`: one window centred when it covers the axis, else evenly spread from one end to the other.
std::vector<int> window_starts(int length, int window, int overlap) {
  if (length <= window) return {(length - window) / 2};
  const int step = window - overlap;
  const int count = (length - overlap + step - 1) / step;
  std::vector<int> starts;
  for (int i = 0; i < count; ++i)
    starts.push_back(static_cast<int>(std::lround(static_cast<double>(i) * (length - window) / (count - 1))));
  return starts;
}

// Squared distance between two rectangles; 0 when they overlap.
long long gap_squared(const PixelRect &a, const PixelRect &b) {
  const long long dx = std::max({0, b.x - a.right(), a.x - b.right()});
  const long long dy = std::max({0, b.y - a.bottom(), a.y - b.bottom()});
  return dx * dx + dy * dy;
}

long long area(const PixelRect &r) { return r.empty() ? 0 : static_cast<long long>(r.width) * r.height; }

}  // namespace

const std::vector<const char *> &expand_anchor_names() {
  static const std::vector<const char *> names{"center",    "top",       "bottom",      "left",        "right",
                                               "top-left", "top-right", "bottom-left", "bottom-right"};
  return names;
}

ExpandAnchor parse_expand_anchor(const std::string &name) {
  const std::vector<const char *> &names = expand_anchor_names();
  std::string list;
  for (size_t i = 0; i < names.size(); ++i) {
    if (name == names[i]) return static_cast<ExpandAnchor>(i);
    list += (list.empty() ? "" : ", ") + std::string(names[i]);
  }
  throw GenerativeError(ErrorKind::InvalidArgument,
                        format_text(_("Anchor \"%s\" is not one of: %s."), name.c_str(), list.c_str()));
}

PixelSize resolve_expand_canvas(const std::string &text, PixelSize image) {
  PixelSize canvas;
  int aw = 0, ah = 0;
  if (parse_aspect(text, aw, ah)) {
    // The least growth: keep the side that is already long enough, grow the other (rounding up so
    // the aspect is reached, never missed).
    const long long w = image.width, h = image.height;
    if (w * ah < h * aw)
      canvas = {static_cast<int>((h * aw + ah - 1) / ah), image.height};
    else
      canvas = {image.width, static_cast<int>((w * ah + aw - 1) / aw)};
  } else {
    try {
      canvas = resolve_canvas_size(text);
    } catch (const GenerativeError &) {
      if (parse_size(text)) throw;  // WIDTHxHEIGHT out of range: its own sentence says the range
      std::string names;
      for (const CanvasPreset &preset : canvas_presets())
        names += (names.empty() ? "" : ", ") + std::string(preset.name);
      throw GenerativeError(ErrorKind::InvalidArgument,
                            format_text(_("Canvas \"%s\" is neither WIDTHxHEIGHT, an aspect such as 16:9, nor a "
                                          "preset (%s)."),
                                        text.c_str(), names.c_str()));
    }
  }
  if (canvas.width < image.width || canvas.height < image.height)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("The canvas %s is smaller than the image (%s); Generative Expand only grows "
                                        "the canvas. Choose a canvas at least as large as the image in both sides."),
                                      format_size(canvas).c_str(), format_size(image).c_str()));
  if (canvas.width > kMaxNewImageEdge || canvas.height > kMaxNewImageEdge)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("The canvas %s is too large; each side may be at most %d pixels."),
                                      format_size(canvas).c_str(), kMaxNewImageEdge));
  return canvas;
}

void check_expand_size(PixelSize canvas, int variations) {
  const long long pixels = static_cast<long long>(canvas.width) * canvas.height;
  if (pixels > kMaxExpandCanvasPixels)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("The canvas %s has %lld megapixels; Generative Expand makes at most %lld (its "
                                        "layer covers the whole canvas). Expand to a smaller canvas, or in steps."),
                                      format_size(canvas).c_str(), pixels / 1000000,
                                      kMaxExpandCanvasPixels / 1000000));
  if (pixels * variations > kMaxExpandLayerPixels)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("%d variations of a %s canvas would hold %lld megapixels of layers; at most "
                                        "%lld are made at once. Ask for fewer variations."),
                                      variations, format_size(canvas).c_str(), pixels * variations / 1000000,
                                      kMaxExpandLayerPixels / 1000000));
}

PixelRect place_picture(PixelSize image, PixelSize canvas, ExpandAnchor anchor) {
  const int spare_x = canvas.width - image.width, spare_y = canvas.height - image.height;
  int x = spare_x / 2, y = spare_y / 2;  // centred; the odd pixel goes after the picture
  switch (anchor) {
    case ExpandAnchor::Center: break;
    case ExpandAnchor::Top: y = 0; break;
    case ExpandAnchor::Bottom: y = spare_y; break;
    case ExpandAnchor::Left: x = 0; break;
    case ExpandAnchor::Right: x = spare_x; break;
    case ExpandAnchor::TopLeft: x = 0, y = 0; break;
    case ExpandAnchor::TopRight: x = spare_x, y = 0; break;
    case ExpandAnchor::BottomLeft: x = 0, y = spare_y; break;
    case ExpandAnchor::BottomRight: x = spare_x, y = spare_y; break;
  }
  return {x, y, image.width, image.height};
}

std::vector<ExpandWindow> plan_expand_windows(PixelSize canvas, const PixelRect &picture, const ImageModel &model,
                                              long long pixel_budget) {
  const PixelRect whole{0, 0, canvas.width, canvas.height};
  if (picture == whole)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("The canvas %s is the image's own size: there is nothing to expand. Choose a "
                                        "larger canvas."),
                                      format_size(canvas).c_str()));
  if (!whole.contains(picture) || picture.empty()) throw std::logic_error("the picture must lie on the canvas");

  const PixelSize request = request_size_for(model, "auto", canvas, pixel_budget);
  const PixelRect single = fit_frame_to_aspect(whole, request.width, request.height, canvas);
  if (single.width <= request.width * kSingleWindowScale && single.height <= request.height * kSingleWindowScale)
    return {{single, request}};

  // A grid of windows at the request's resolution, overlapping by a quarter: the overlap is the
  // context a window far from the picture sees of its neighbour's answer.
  std::vector<PixelRect> candidates;
  for (int y : window_starts(canvas.height, request.height, request.height / 4))
    for (int x : window_starts(canvas.width, request.width, request.width / 4))
      candidates.push_back({x, y, request.width, request.height});
  // Nearest the picture first; of those touching it, the ones seeing most of it; then top to
  // bottom, left to right (stable).
  std::stable_sort(candidates.begin(), candidates.end(), [&](const PixelRect &a, const PixelRect &b) {
    const long long ga = gap_squared(a, picture), gb = gap_squared(b, picture);
    if (ga != gb) return ga < gb;
    return area(a.intersected(picture)) > area(b.intersected(picture));
  });

  // Which canvas pixels are known (the picture, then what each window paints), to keep only
  // windows that paint something and check each sees something known.
  std::vector<std::uint8_t> known(static_cast<size_t>(canvas.width) * canvas.height, 0);
  for (int y = picture.y; y < picture.bottom(); ++y)
    std::fill_n(known.begin() + static_cast<long>(y) * canvas.width + picture.x, picture.width, 1);
  std::vector<ExpandWindow> windows;
  for (const PixelRect &frame : candidates) {
    const PixelRect on_canvas = frame.intersected(whole);
    long long unknown = 0, seen = 0;
    for (int y = on_canvas.y; y < on_canvas.bottom(); ++y)
      for (int x = on_canvas.x; x < on_canvas.right(); ++x)
        (known[static_cast<size_t>(y) * canvas.width + x] ? seen : unknown) += 1;
    if (unknown == 0) continue;  // earlier windows painted all of it
    if (seen == 0) throw std::logic_error("an expand window without context");
    for (int y = on_canvas.y; y < on_canvas.bottom(); ++y)
      std::fill_n(known.begin() + static_cast<long>(y) * canvas.width + on_canvas.x, on_canvas.width, 1);
    windows.push_back({frame, request});
  }
  if (static_cast<int>(windows.size()) > kMaxExpandWindows)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("Expanding to %s would take %d requests at %s; at most %d are sent. Expand in "
                                        "smaller steps, or use a model that takes larger sizes."),
                                      format_size(canvas).c_str(), static_cast<int>(windows.size()),
                                      format_size(request).c_str(), kMaxExpandWindows));
  return windows;
}

int auto_blend_band(const PixelRect &picture) {
  return std::clamp(std::min(picture.width, picture.height) / 16, 4, 64);
}

Raster expand_blend_mask(PixelSize canvas, const PixelRect &picture, int band) {
  Raster mask(canvas.width, canvas.height, 1, 255);
  // Distance inward from each side that grew; a side on the canvas edge did not grow.
  const bool left = picture.x > 0, top = picture.y > 0;
  const bool right = picture.right() < canvas.width, bottom = picture.bottom() < canvas.height;
  for (int y = picture.y; y < picture.bottom(); ++y) {
    for (int x = picture.x; x < picture.right(); ++x) {
      int d = band;  // at least the band: hidden
      if (left) d = std::min(d, x - picture.x);
      if (top) d = std::min(d, y - picture.y);
      if (right) d = std::min(d, picture.right() - 1 - x);
      if (bottom) d = std::min(d, picture.bottom() - 1 - y);
      // d = 0 is the picture's outermost pixel: mostly the answer, fading to none at the band's end.
      *mask.at(x, y) = d >= band ? 0 : static_cast<std::uint8_t>(std::lround(255.0 * (band - d) / (band + 1)));
    }
  }
  return mask;
}

}  // namespace gpt_image

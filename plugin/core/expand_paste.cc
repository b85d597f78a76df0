#include "expand_paste.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace gpt_image {

namespace {

constexpr int kFar = std::numeric_limits<int>::max() / 4;

// Chessboard distance from every cell of a w x h grid to the nearest cell where `source` is set
// (kFar when there is none): two passes, which is exact for this metric.
std::vector<int> chessboard_distance(const std::vector<std::uint8_t> &source, int w, int h) {
  std::vector<int> d(source.size());
  for (size_t i = 0; i < source.size(); ++i) d[i] = source[i] ? 0 : kFar;
  auto relax = [&](int x, int y, int nx, int ny) {
    if (nx < 0 || ny < 0 || nx >= w || ny >= h) return;
    int &here = d[static_cast<size_t>(y) * w + x];
    here = std::min(here, d[static_cast<size_t>(ny) * w + nx] + 1);
  };
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      relax(x, y, x - 1, y);
      relax(x, y, x - 1, y - 1);
      relax(x, y, x, y - 1);
      relax(x, y, x + 1, y - 1);
    }
  for (int y = h - 1; y >= 0; --y)
    for (int x = w - 1; x >= 0; --x) {
      relax(x, y, x + 1, y);
      relax(x, y, x + 1, y + 1);
      relax(x, y, x, y + 1);
      relax(x, y, x - 1, y + 1);
    }
  return d;
}

}  // namespace

ExpandCanvas start_expand_canvas(const Raster &picture, PixelSize canvas, const PixelRect &at) {
  ExpandCanvas c{at, Raster(canvas.width, canvas.height, 4, 0), Raster(canvas.width, canvas.height, 1, 255), {},
                 Raster(canvas.width, canvas.height, 1, 0)};
  for (int y = 0; y < at.height; ++y)
    for (int x = 0; x < at.width; ++x) {
      std::copy_n(picture.at(x, y), 4, c.known.at(at.x + x, at.y + y));
      *c.paint.at(at.x + x, at.y + y) = 0;
    }
  c.layer = c.known;
  return c;
}

void paste_window_answer(ExpandCanvas &c, const Raster &answer, const PixelRect &frame, int band) {
  const PixelRect whole{0, 0, c.known.width, c.known.height};
  const PixelRect on = frame.intersected(whole);
  if (on.empty()) return;
  // A grid over the window's part of the canvas with a one-pixel rim: rim cells on the canvas are
  // where the window ends (the ramp reaches the earlier answer there); rim cells past the canvas
  // are no edge at all.
  const int w = on.width + 2, h = on.height + 2;
  std::vector<std::uint8_t> edge(static_cast<size_t>(w) * h, 0), fresh(edge.size(), 0);
  for (int gy = 0; gy < h; ++gy)
    for (int gx = 0; gx < w; ++gx) {
      const int x = on.x + gx - 1, y = on.y + gy - 1;
      const bool inside = gx > 0 && gy > 0 && gx < w - 1 && gy < h - 1;
      const size_t i = static_cast<size_t>(gy) * w + gx;
      if (!inside)
        edge[i] = whole.contains({x, y, 1, 1}) ? 1 : 0;
      else
        fresh[i] = *c.paint.at(x, y) ? 1 : 0;
    }
  const std::vector<int> to_edge = chessboard_distance(edge, w, h);
  const std::vector<int> to_fresh = chessboard_distance(fresh, w, h);

  for (int y = on.y; y < on.bottom(); ++y)
    for (int x = on.x; x < on.right(); ++x) {
      const std::uint8_t *later = answer.at(x - frame.x, y - frame.y);
      const size_t i = static_cast<size_t>(y - on.y + 1) * w + (x - on.x + 1);
      if (*c.paint.at(x, y)) {
        std::copy_n(later, 4, c.known.at(x, y));
        std::copy_n(later, 4, c.layer.at(x, y));
        *c.paint.at(x, y) = 0;
        continue;
      }
      if (c.picture.contains({x, y, 1, 1})) {
        std::uint8_t &done = *c.answered.at(x, y);
        if (!done) std::copy_n(later, 4, c.layer.at(x, y));
        done = 255;
        continue;
      }
      // An earlier answer: the later one's weight falls from 1 next to the window's new area to 0
      // at the window's edge or `band` pixels away, whichever is nearer.
      const int d_fresh = to_fresh[i];
      if (d_fresh >= kFar) continue;  // this window paints nothing new nearby
      const long long span = std::min<long long>(band, static_cast<long long>(d_fresh) + to_edge[i]);
      if (span <= 0 || d_fresh >= span) continue;
      const double weight = 1.0 - static_cast<double>(d_fresh) / static_cast<double>(span);
      std::uint8_t *earlier = c.layer.at(x, y);
      for (int ch = 0; ch < 4; ++ch)
        earlier[ch] = static_cast<std::uint8_t>(std::lround(earlier[ch] + (later[ch] - earlier[ch]) * weight));
      std::copy_n(earlier, 4, c.known.at(x, y));
    }
}

int window_blend_band(const PixelRect &frame) { return std::min(frame.width, frame.height) / 4; }

}  // namespace gpt_image

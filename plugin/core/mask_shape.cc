#include "mask_shape.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <vector>

namespace gpt_image {

namespace {

int scaled(const PixelRect &selection, double fraction, int low, int high) {
  const double mean_side = std::sqrt(static_cast<double>(selection.width) * selection.height);
  return std::clamp(static_cast<int>(std::lround(mean_side * fraction)), low, high);
}

// Sliding-window maximum of one row over [x - half, x + half] (a monotonic deque: O(width)).
void row_max(const std::uint8_t *row, int width, int half, std::uint8_t *out) {
  std::deque<int> window;  // indices with decreasing values
  int next = 0;
  for (int x = 0; x < width; ++x) {
    const int right = std::min(width - 1, x + half);
    for (; next <= right; ++next) {
      while (!window.empty() && row[window.back()] <= row[next]) window.pop_back();
      window.push_back(next);
    }
    while (window.front() < x - half) window.pop_front();
    out[x] = row[window.front()];
  }
}

}  // namespace

int auto_mask_grow(const PixelRect &selection) { return scaled(selection, 0.01, 1, 16); }

int auto_feather_radius(const PixelRect &selection) { return scaled(selection, 0.02, 2, 32); }

Raster dilate_mask(const Raster &mask, int radius) {
  if (radius <= 0 || mask.pixels.empty()) return mask;
  const int w = mask.width, h = mask.height;
  // A disc is the union of horizontal runs: for each vertical offset dy the run is
  // +-floor(sqrt(r^2 - dy^2)) wide. Row maxima are computed once per distinct half-width.
  std::vector<int> half_width(radius + 1);
  for (int dy = 0; dy <= radius; ++dy)
    half_width[dy] = static_cast<int>(std::floor(std::sqrt(static_cast<double>(radius) * radius - dy * dy)));
  std::vector<int> widths(half_width.begin(), half_width.end());
  std::sort(widths.begin(), widths.end());
  widths.erase(std::unique(widths.begin(), widths.end()), widths.end());
  std::vector<Raster> row_maxima;  // row_maxima[i]: every row's maximum over +-widths[i]
  for (int half : widths) {
    Raster m(w, h, 1);
    for (int y = 0; y < h; ++y) row_max(mask.at(0, y), w, half, m.at(0, y));
    row_maxima.push_back(std::move(m));
  }
  auto maxima_for = [&](int half) -> const Raster & {
    return row_maxima[std::lower_bound(widths.begin(), widths.end(), half) - widths.begin()];
  };
  Raster out(w, h, 1, 0);
  for (int y = 0; y < h; ++y) {
    std::uint8_t *o = out.at(0, y);
    for (int dy = -radius; dy <= radius; ++dy) {
      const int sy = y + dy;
      if (sy < 0 || sy >= h) continue;
      const std::uint8_t *r = maxima_for(half_width[std::abs(dy)]).at(0, sy);
      for (int x = 0; x < w; ++x) o[x] = std::max(o[x], r[x]);
    }
  }
  return out;
}

Raster selection_ring(const Raster &selection, const PixelRect &known, int width) {
  Raster selected(selection.width, selection.height, 1, 0);
  for (size_t i = 0; i < selection.pixels.size(); ++i) selected.pixels[i] = selection.pixels[i] ? 255 : 0;
  const Raster near = dilate_mask(selected, width);
  Raster ring(selection.width, selection.height, 1, 0);
  const PixelRect inside = known.intersected({0, 0, selection.width, selection.height});
  for (int y = inside.y; y < inside.y + inside.height; ++y)
    for (int x = inside.x; x < inside.x + inside.width; ++x)
      if (*near.at(x, y) && !*selected.at(x, y)) *ring.at(x, y) = 255;
  return ring;
}

}  // namespace gpt_image

#include "raster_ops.h"

namespace gpt_image {

Raster shape_mask(const Raster &mask, int grow, int feather) { return feather_mask(dilate_mask(mask, grow), feather); }

}  // namespace gpt_image

#include "mask_shape.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <vector>

#include "parallel_blocks.h"

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

namespace {

// One line of the squared Euclidean distance transform (Felzenszwalb and Huttenlocher, "Distance
// Transforms of Sampled Functions", 2012): out[x] = min over q of (x - q)^2 + f[q], where f[q] is
// a squared distance already found along the other axis or kFar for none. Parabolas whose f is
// kFar are left out of the lower envelope.
constexpr double kFar = 1e30;

void distance_line(const double *f, int n, std::vector<int> &v, std::vector<double> &z, double *out) {
  int k = -1;
  for (int q = 0; q < n; ++q) {
    if (f[q] >= kFar) continue;
    double s = -kFar;
    while (k >= 0) {
      const int p = v[k];
      s = ((f[q] + static_cast<double>(q) * q) - (f[p] + static_cast<double>(p) * p)) / (2.0 * (q - p));
      if (s > z[k]) break;
      --k;
    }
    ++k;
    v[k] = q;
    z[k] = k == 0 ? -kFar : s;
  }
  if (k < 0) {
    std::fill_n(out, n, kFar);
    return;
  }
  z[k + 1] = kFar;
  int j = 0;
  for (int x = 0; x < n; ++x) {
    while (z[j + 1] < x) ++j;
    const double dx = x - v[j];
    out[x] = dx * dx + f[v[j]];
  }
}

}  // namespace

Raster near_selection(const Raster &selection, int radius) {
  const int w = selection.width, h = selection.height;
  Raster out(w, h, 1, 0);
  if (selection.channels != 1 || selection.pixels.empty() || radius < 0) return out;
  // Down the columns: the distance to the nearest selected pixel in the same column, in two
  // sweeps, capped at `far` (farther than `radius` is all that matters), 2 bytes a pixel.
  const int far = std::min(radius, 65534) + 1;
  std::vector<std::uint16_t> column_distance(static_cast<size_t>(w) * h);
  for (int x = 0; x < w; ++x) {
    int d = far;
    for (int y = 0; y < h; ++y) {
      d = *selection.at(x, y) ? 0 : std::min(d + 1, far);
      column_distance[static_cast<size_t>(y) * w + x] = static_cast<std::uint16_t>(d);
    }
    d = far;
    for (int y = h - 1; y >= 0; --y) {
      std::uint16_t &here = column_distance[static_cast<size_t>(y) * w + x];
      d = here == 0 ? 0 : std::min(d + 1, far);
      here = static_cast<std::uint16_t>(std::min<int>(here, d));
    }
  }
  // Along the rows: the squared distance is the lower envelope of the columns' parabolas.
  std::vector<double> f(w), d(w), z(w + 1);
  std::vector<int> v(w);
  const double reach = static_cast<double>(radius) * radius;
  for (int y = 0; y < h; ++y) {
    const std::uint16_t *row_distance = column_distance.data() + static_cast<size_t>(y) * w;
    for (int x = 0; x < w; ++x) f[x] = row_distance[x] >= far ? kFar : static_cast<double>(row_distance[x]) * row_distance[x];
    distance_line(f.data(), w, v, z, d.data());
    std::uint8_t *row = out.at(0, y);
    for (int x = 0; x < w; ++x) row[x] = d[x] <= reach ? 255 : 0;
  }
  return out;
}

Raster dilate_mask_by_levels(const Raster &mask, int radius) {
  // Each level costs one distance transform, about as much as six rows of dilate_mask()'s disc
  // (measured on the 254x254 neighbourhoods shape_mask() dilates, grow 16): four levels are cheaper
  // than any disc of radius 8 or more.
  constexpr int kMostLevels = 4;
  if (radius <= 0 || mask.pixels.empty() || mask.channels != 1) return dilate_mask(mask, radius);
  bool present[256] = {};
  for (const std::uint8_t value : mask.pixels) present[value] = true;
  std::vector<std::uint8_t> levels;
  for (int value = 1; value < 256; ++value)
    if (present[value]) levels.push_back(static_cast<std::uint8_t>(value));
  if (static_cast<int>(levels.size()) > kMostLevels || radius < 2 * kMostLevels) return dilate_mask(mask, radius);
  Raster out(mask.width, mask.height, 1, 0);
  Raster at_least(mask.width, mask.height, 1, 0);
  for (const std::uint8_t level : levels) {  // rising, so each pixel ends with the largest level near it
    for (size_t i = 0; i < mask.pixels.size(); ++i) at_least.pixels[i] = mask.pixels[i] >= level ? 255 : 0;
    const Raster near = near_selection(at_least, radius);
    for (size_t i = 0; i < out.pixels.size(); ++i)
      if (near.pixels[i]) out.pixels[i] = level;
  }
  return out;
}

Raster selection_ring(const Raster &selection, const PixelRect &known, int width) {
  const Raster near = near_selection(selection, width);
  Raster ring(selection.width, selection.height, 1, 0);
  const PixelRect inside = known.intersected({0, 0, selection.width, selection.height});
  for (int y = inside.y; y < inside.y + inside.height; ++y)
    for (int x = inside.x; x < inside.x + inside.width; ++x)
      if (*near.at(x, y) && !*selection.at(x, y)) *ring.at(x, y) = 255;
  return ring;
}

}  // namespace gpt_image

#include "raster_ops.h"

namespace gpt_image {

namespace {

constexpr int kMaskTile = 128;

// The part `part` (inside `source`) of a 1-channel raster.
Raster part_of(const Raster &source, const PixelRect &part) {
  Raster out(part.width, part.height, 1);
  for (int y = 0; y < part.height; ++y)
    std::copy_n(source.at(part.x, part.y + y), part.width, out.at(0, y));
  return out;
}

PixelRect grown(const PixelRect &r, int by, const PixelRect &inside) {
  return PixelRect{r.x - by, r.y - by, r.width + 2 * by, r.height + 2 * by}.intersected(inside);
}

}  // namespace

// feather_mask(dilate_mask(mask, grow), feather), tile by tile. A large selection's mask is one
// value almost everywhere: an output pixel depends only on the selection within grow + the
// feather's reach, so a tile whose neighbourhood that far is one value is that value, and only
// the tiles along the selection's edge are shaped, each on its own neighbourhood. Both steps are
// exact (a maximum; integer box sums), so the result equals the whole-mask one bit for bit
// (tests/unit/test_mask_shape.cc) while time and memory follow the edge, not the region: half of a
// 100 MP image took 11 s and several full-size copies before (bench/README.md).
Raster shape_mask(const Raster &mask, int grow, int feather) {
  if (mask.channels != 1 || mask.pixels.empty() || (grow <= 0 && feather <= 0)) return mask;
  const int w = mask.width, h = mask.height;
  const int reach = std::max(0, feather_reach(feather)), apron = std::max(0, grow) + reach;
  const PixelRect whole{0, 0, w, h};
  // The smallest and largest selection value of each tile.
  const int tiles_x = (w + kMaskTile - 1) / kMaskTile, tiles_y = (h + kMaskTile - 1) / kMaskTile;
  std::vector<std::uint8_t> low(static_cast<size_t>(tiles_x) * tiles_y, 255), high(low.size(), 0);
  for (int y = 0; y < h; ++y) {
    const std::uint8_t *row = mask.at(0, y);
    for (int tx = 0; tx < tiles_x; ++tx) {
      const size_t t = static_cast<size_t>(y / kMaskTile) * tiles_x + tx;
      const auto [lo, hi] = std::minmax_element(row + tx * kMaskTile, row + std::min(w, (tx + 1) * kMaskTile));
      low[t] = std::min(low[t], *lo);
      high[t] = std::max(high[t], *hi);
    }
  }
  Raster out(w, h, 1);
  // Each tile writes only its own pixels of `out`, so bands of tile rows run on separate cores.
  auto shape_tile_rows = [&](int first_row, int end_row) {
    for (int ty = first_row; ty < end_row; ++ty)
      for (int tx = 0; tx < tiles_x; ++tx) {
        const PixelRect tile = PixelRect{tx * kMaskTile, ty * kMaskTile, kMaskTile, kMaskTile}.intersected(whole);
        const PixelRect near = grown(tile, apron, whole);
        std::uint8_t lo = 255, hi = 0;
        for (int ny = near.y / kMaskTile; ny <= (near.y + near.height - 1) / kMaskTile; ++ny)
          for (int nx = near.x / kMaskTile; nx <= (near.x + near.width - 1) / kMaskTile; ++nx) {
            lo = std::min(lo, low[static_cast<size_t>(ny) * tiles_x + nx]);
            hi = std::max(hi, high[static_cast<size_t>(ny) * tiles_x + nx]);
          }
        if (lo == hi) {  // growing and blurring one value leaves it as it is
          for (int y = 0; y < tile.height; ++y) std::fill_n(out.at(tile.x, tile.y + y), tile.width, lo);
          continue;
        }
        // Dilated values are exact up to `grow` inside `near`'s cut edges, which leaves `blurred`
        // (the tile and the feather's reach); the blur is exact up to `reach` inside that: the tile.
        const Raster dilated = dilate_mask_by_levels(part_of(mask, near), grow);
        const PixelRect blurred = grown(tile, reach, whole);
        const Raster soft = feather_mask(
            part_of(dilated, {blurred.x - near.x, blurred.y - near.y, blurred.width, blurred.height}), feather);
        for (int y = 0; y < tile.height; ++y)
          std::copy_n(soft.at(tile.x - blurred.x, tile.y - blurred.y + y), tile.width, out.at(tile.x, tile.y + y));
      }
  };
  // A thread is worth it from about a megapixel (a large selection's mask: 12 MP and up).
  const long long pixels = static_cast<long long>(w) * h;
  run_in_blocks(tiles_y, blocks_for(pixels, 500'000, tiles_y), shape_tile_rows);
  return out;
}

}  // namespace gpt_image

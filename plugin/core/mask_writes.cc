#include "mask_writes.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace gpt_image {

namespace {

enum class TileKind : std::uint8_t { Mixed, AllZero, AllFull };

TileKind classify(const Raster &mask, const PixelRect &tile) {
  const std::uint8_t first = *mask.at(tile.x, tile.y);
  if (first != 0 && first != 255) return TileKind::Mixed;
  for (int y = tile.y; y < tile.y + tile.height; ++y) {
    const std::uint8_t *row = mask.at(tile.x, y);
    // A row is uniform when it equals itself shifted by one pixel.
    if (row[0] != first || std::memcmp(row, row + 1, static_cast<size_t>(tile.width) - 1) != 0)
      return TileKind::Mixed;
  }
  return first == 0 ? TileKind::AllZero : TileKind::AllFull;
}

}  // namespace

MaskWrites plan_mask_writes(const Raster &mask, PixelSize tile) {
  if (mask.channels != 1 || tile.width <= 0 || tile.height <= 0)
    throw std::invalid_argument("plan_mask_writes: a 1-channel mask and a tile size");
  MaskWrites out;
  if (mask.width <= 0 || mask.height <= 0) return out;
  const int columns = (mask.width + tile.width - 1) / tile.width;
  const int rows = (mask.height + tile.height - 1) / tile.height;
  std::vector<TileKind> kinds(static_cast<size_t>(columns) * rows);
  long long zero = 0, full = 0;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < columns; ++c) {
      const PixelRect area{c * tile.width, r * tile.height, std::min(tile.width, mask.width - c * tile.width),
                           std::min(tile.height, mask.height - r * tile.height)};
      const TileKind kind = classify(mask, area);
      kinds[static_cast<size_t>(r) * columns + c] = kind;
      zero += kind == TileKind::AllZero;
      full += kind == TileKind::AllFull;
    }
  out.fill = full > zero ? 255 : 0;
  const TileKind filled = out.fill == 255 ? TileKind::AllFull : TileKind::AllZero;
  for (int r = 0; r < rows; ++r) {
    const int top = r * tile.height, height = std::min(tile.height, mask.height - top);
    for (int c = 0; c < columns;) {
      if (kinds[static_cast<size_t>(r) * columns + c] == filled) {
        ++c;
        continue;
      }
      const int first = c;
      while (c < columns && kinds[static_cast<size_t>(r) * columns + c] != filled) ++c;
      const int left = first * tile.width;
      out.parts.push_back({left, top, std::min(c * tile.width, mask.width) - left, height});
    }
  }
  return out;
}

}  // namespace gpt_image

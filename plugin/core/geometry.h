// Plain integer geometry shared by planning, capture and placement.
#pragma once

#include <algorithm>

namespace gpt_image {

struct PixelSize {
  int width = 0;
  int height = 0;
  bool operator==(const PixelSize &o) const { return width == o.width && height == o.height; }
  bool operator!=(const PixelSize &o) const { return !(*this == o); }
};

// A rectangle in canvas coordinates; it may reach outside the canvas (then the outside is padding).
struct PixelRect {
  int x = 0;
  int y = 0;
  int width = 0;
  int height = 0;

  int right() const { return x + width; }
  int bottom() const { return y + height; }
  bool empty() const { return width <= 0 || height <= 0; }
  PixelSize size() const { return {width, height}; }
  bool operator==(const PixelRect &o) const {
    return x == o.x && y == o.y && width == o.width && height == o.height;
  }
  bool contains(const PixelRect &o) const {
    return o.x >= x && o.y >= y && o.right() <= right() && o.bottom() <= bottom();
  }
  PixelRect intersected(const PixelRect &o) const {
    const int l = std::max(x, o.x), t = std::max(y, o.y);
    const int r = std::min(right(), o.right()), b = std::min(bottom(), o.bottom());
    if (r <= l || b <= t) return {l, t, 0, 0};
    return {l, t, r - l, b - t};
  }
};

}  // namespace gpt_image

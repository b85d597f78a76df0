// Pixel I/O through GEGL on the facade's drawable buffers (drawable_pixels.h).
#include "drawable_pixels.h"

#include <gegl.h>

#include <algorithm>
#include <functional>
#include <future>
#include <memory>
#include <vector>

namespace gpt_image {

namespace {

// Rows per band: one row of the tiles GIMP hands plug-ins (128 pixels high), so no tile is fetched
// or written twice.
constexpr int kBandRows = 128;

// The band of rows `y` lies in (rounded down, also below 0).
int band_of(int y) { return y / kBandRows - (y % kBandRows < 0 ? 1 : 0); }

// A drawable's GEGL buffer, released when it goes out of scope (which flushes what was written to
// GIMP), also when an exception passes.
using OwnedBuffer = std::unique_ptr<GeglBuffer, decltype(&g_object_unref)>;
OwnedBuffer buffer_of(gimp::ItemId drawable) { return OwnedBuffer(gimp::drawable_buffer(drawable), g_object_unref); }

// Each band goes through a buffer of its own, released after it: a GEGL buffer keeps every tile
// it fetched or wrote in its cache for as long as it lives, which for one buffer over half of a
// 100 MP image was a second copy of the region (bench/README.md, issue 20).
// Bands end on multiples of kBandRows in the drawable's own rows, where its tiles end, so that no
// tile is fetched by two bands.
template <typename Band>
void for_each_band(gimp::ItemId drawable, const PixelRect &rect, Band band) {
  const int bottom = rect.y + rect.height;
  for (int y = rect.y; y < bottom;) {
    const int end = std::min(bottom, (band_of(y) + 1) * kBandRows);
    const OwnedBuffer buffer = buffer_of(drawable);
    band(buffer.get(), GeglRectangle{rect.x, y, rect.width, end - y}, y - rect.y);
    y = end;
  }
}

}  // namespace

Raster read_drawable_pixels(gimp::ItemId drawable, const PixelRect &rect, const char *format, int channels) {
  Raster out(rect.width, rect.height, channels);
  const Babl *pixel_format = babl_format(format);
  for_each_band(drawable, rect, [&](GeglBuffer *buffer, const GeglRectangle &area, int first) {
    gegl_buffer_get(buffer, &area, 1.0, pixel_format, out.at(0, first), static_cast<gint>(out.stride()),
                    GEGL_ABYSS_NONE);
  });
  return out;
}

// A drawable without alpha is read without it and widened here, a band at a time: asking babl for
// a channel layout the buffer lacks sends it searching for a conversion path, which in a plug-in
// (no babl cache, quick_start.h) costs a second and 300 MB.
void read_drawable_rgba_bands(gimp::ItemId drawable, const PixelRect &rect, const std::function<void(Raster)> &take) {
  GeglBuffer *probe = gimp::drawable_buffer(drawable);
  const bool has_alpha = babl_format_has_alpha(gegl_buffer_get_format(probe));
  const GeglRectangle *extent_area = gegl_buffer_get_extent(probe);
  const PixelRect extent{extent_area->x, extent_area->y, extent_area->width, extent_area->height};
  g_object_unref(probe);
  const Babl *format = babl_format(has_alpha ? "R'G'B'A u8" : "R'G'B' u8");
  std::vector<std::uint8_t> rgb;
  for_each_band(drawable, rect, [&](GeglBuffer *buffer, const GeglRectangle &area, int) {
    Raster band(area.width, area.height, 4, 0);  // what lies outside the drawable stays transparent
    if (has_alpha) {
      gegl_buffer_get(buffer, &area, 1.0, format, band.pixels.data(), static_cast<gint>(band.stride()),
                      GEGL_ABYSS_NONE);
    } else if (const PixelRect inside = PixelRect{area.x, area.y, area.width, area.height}.intersected(extent);
               !inside.empty()) {
      rgb.resize(static_cast<size_t>(inside.width) * inside.height * 3);
      const GeglRectangle part{inside.x, inside.y, inside.width, inside.height};
      gegl_buffer_get(buffer, &part, 1.0, format, rgb.data(), inside.width * 3, GEGL_ABYSS_NONE);
      for (int y = 0; y < inside.height; ++y) {
        const std::uint8_t *from = rgb.data() + static_cast<size_t>(y) * inside.width * 3;
        std::uint8_t *to = band.at(inside.x - area.x, inside.y - area.y + y);
        for (int x = 0; x < inside.width; ++x, from += 3, to += 4)
          to[0] = from[0], to[1] = from[1], to[2] = from[2], to[3] = 255;
      }
    }
    take(std::move(band));
  });
}

Raster read_drawable_rgba(gimp::ItemId drawable, const PixelRect &rect) {
  Raster out(rect.width, rect.height, 4);
  int filled = 0;
  read_drawable_rgba_bands(drawable, rect, [&](Raster band) {
    std::copy(band.pixels.begin(), band.pixels.end(), out.at(0, filled));
    filled += band.height;
  });
  return out;
}

void write_drawable_pixels(gimp::ItemId drawable, const Raster &pixels, const char *format) {
  const Babl *pixel_format = babl_format(format);
  for_each_band(drawable, {0, 0, pixels.width, pixels.height},
                [&](GeglBuffer *buffer, const GeglRectangle &area, int first) {
                  gegl_buffer_set(buffer, &area, 0, pixel_format, pixels.at(0, first),
                                  static_cast<gint>(pixels.stride()));
                });
  gimp::drawable_update(drawable, {0, 0, pixels.width, pixels.height});
}

PixelSize drawable_tile_size(gimp::ItemId drawable) {
  const OwnedBuffer buffer = buffer_of(drawable);
  gint width = 0, height = 0;
  g_object_get(buffer.get(), "tile-width", &width, "tile-height", &height, nullptr);
  if (width <= 0 || height <= 0) return {64, 64};  // unknown: small parts are still exact, only slower
  return {width, height};
}

void write_drawable_parts(gimp::ItemId drawable, const Raster &pixels, const std::vector<PixelRect> &parts,
                          const char *format) {
  const Babl *pixel_format = babl_format(format);
  // One buffer for the parts within one band of rows, released (flushed) before the next band's.
  for (size_t first = 0; first < parts.size();) {
    const int band = band_of(parts[first].y);
    size_t end = first;
    while (end < parts.size() && band_of(parts[end].y) == band) ++end;
    const OwnedBuffer buffer = buffer_of(drawable);
    for (size_t i = first; i < end; ++i) {
      const PixelRect &part = parts[i];
      const GeglRectangle area{part.x, part.y, part.width, part.height};
      gegl_buffer_set(buffer.get(), &area, 0, pixel_format, pixels.at(part.x, part.y),
                      static_cast<gint>(pixels.stride()));
    }
    first = end;
  }
  gimp::drawable_update(drawable, {0, 0, pixels.width, pixels.height});
}

void write_drawable_bands(gimp::ItemId drawable, const LayerPixels &pixels) {
  const PixelSize size = pixels.size();
  const Babl *format = babl_format("R'G'B'A u8");
  auto make = [&pixels, size](int first) { return pixels.rows(first, std::min(kBandRows, size.height - first)); };
  // The next band is made while this one is written.
  std::future<Raster> next = std::async(std::launch::async, make, 0);
  for_each_band(drawable, {0, 0, size.width, size.height}, [&](GeglBuffer *buffer, const GeglRectangle &area, int first) {
    const Raster band = next.get();
    if (first + kBandRows < size.height) next = std::async(std::launch::async, make, first + kBandRows);
    gegl_buffer_set(buffer, &area, 0, format, band.pixels.data(), static_cast<gint>(band.stride()));
  });
  gimp::drawable_update(drawable, {0, 0, size.width, size.height});
}

}  // namespace gpt_image

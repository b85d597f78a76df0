// Pixel I/O through GEGL on the facade's drawable buffers (drawable_pixels.h).
#include "drawable_pixels.h"

#include <gegl.h>

#include <algorithm>
#include <future>

namespace gpt_image {

Raster read_drawable_pixels(gimp::ItemId drawable, const PixelRect &rect, const char *format, int channels) {
  Raster out(rect.width, rect.height, channels);
  GeglBuffer *buffer = gimp::drawable_buffer(drawable);
  const GeglRectangle area{rect.x, rect.y, rect.width, rect.height};
  gegl_buffer_get(buffer, &area, 1.0, babl_format(format), out.pixels.data(), static_cast<gint>(out.stride()),
                  GEGL_ABYSS_NONE);
  g_object_unref(buffer);
  return out;
}

// A drawable without alpha is read without it and widened here: asking babl for a channel layout
// the buffer lacks sends it searching for a conversion path, which in a plug-in (no babl cache,
// quick_start.h) costs a second and 300 MB.
Raster read_drawable_rgba(gimp::ItemId drawable, const PixelRect &rect) {
  GeglBuffer *buffer = gimp::drawable_buffer(drawable);
  const bool has_alpha = babl_format_has_alpha(gegl_buffer_get_format(buffer));
  const GeglRectangle *extent = gegl_buffer_get_extent(buffer);
  const PixelRect inside = rect.intersected({extent->x, extent->y, extent->width, extent->height});
  g_object_unref(buffer);
  if (has_alpha) return read_drawable_pixels(drawable, rect, "R'G'B'A u8", 4);
  Raster out(rect.width, rect.height, 4, 0);
  if (inside.empty()) return out;
  const Raster rgb = read_drawable_pixels(drawable, inside, "R'G'B' u8", 3);
  for (int y = 0; y < inside.height; ++y)
    for (int x = 0; x < inside.width; ++x) {
      std::uint8_t *to = out.at(inside.x - rect.x + x, inside.y - rect.y + y);
      const std::uint8_t *from = rgb.at(x, y);
      to[0] = from[0], to[1] = from[1], to[2] = from[2], to[3] = 255;
    }
  return out;
}

void write_drawable_pixels(gimp::ItemId drawable, const Raster &pixels, const char *format) {
  GeglBuffer *buffer = gimp::drawable_buffer(drawable);
  const GeglRectangle area{0, 0, pixels.width, pixels.height};
  gegl_buffer_set(buffer, &area, 0, babl_format(format), pixels.pixels.data(), static_cast<gint>(pixels.stride()));
  g_object_unref(buffer);  // flushes the tiles to GIMP
  gimp::drawable_update(drawable, {0, 0, pixels.width, pixels.height});
}

namespace {
// Rows per band: two of GIMP's 64-pixel tile rows, so no tile is written twice.
constexpr int kBandRows = 128;
}  // namespace

void write_drawable_bands(gimp::ItemId drawable, const LayerPixels &pixels) {
  const PixelSize size = pixels.size();
  GeglBuffer *buffer = gimp::drawable_buffer(drawable);
  const Babl *format = babl_format("R'G'B'A u8");
  auto make = [&pixels, size](int first) {
    return pixels.rows(first, std::min(kBandRows, size.height - first));
  };
  try {
    std::future<Raster> next = std::async(std::launch::async, make, 0);
    for (int first = 0; first < size.height; first += kBandRows) {
      const Raster band = next.get();
      if (first + kBandRows < size.height) next = std::async(std::launch::async, make, first + kBandRows);
      const GeglRectangle area{0, first, band.width, band.height};
      gegl_buffer_set(buffer, &area, 0, format, band.pixels.data(), static_cast<gint>(band.stride()));
      gegl_buffer_flush(buffer);
    }
  } catch (...) {
    g_object_unref(buffer);
    throw;
  }
  g_object_unref(buffer);
  gimp::drawable_update(drawable, {0, 0, size.width, size.height});
}

}  // namespace gpt_image

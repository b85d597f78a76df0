#include "raster_ops.h"

#include <gegl.h>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "errors.h"
#include "i18n.h"
#include "resample.h"

namespace gpt_image {

namespace {

// GIMP 3 plug-ins get a GEGL without its operation modules loaded; gegl_init is idempotent, so
// make sure before building a graph.
void ensure_gegl_ready() {
  static const bool ready = [] {
    gegl_init(nullptr, nullptr);
    return true;
  }();
  (void)ready;
}

}  // namespace

Raster pad_to_frame(const Raster &captured, const PixelRect &captured_at, const PixelRect &frame) {
  if (captured.width != captured_at.width || captured.height != captured_at.height || captured.pixels.empty())
    throw GenerativeError(ErrorKind::Image, _("Captured pixels do not match the planned region."));
  if (captured_at == frame) return captured;
  Raster out(frame.width, frame.height, captured.channels);
  for (int y = 0; y < frame.height; ++y) {
    const int sy = std::clamp(frame.y + y - captured_at.y, 0, captured.height - 1);
    for (int x = 0; x < frame.width; ++x) {
      const int sx = std::clamp(frame.x + x - captured_at.x, 0, captured.width - 1);
      std::memcpy(out.at(x, y), captured.at(sx, sy), captured.channels);
    }
  }
  return out;
}

Raster selection_to_edit_mask(const Raster &selection) {
  Raster mask(selection.width, selection.height, 4, 0);
  const size_t n = static_cast<size_t>(selection.width) * selection.height;
  for (size_t i = 0; i < n; ++i) mask.pixels[i * 4 + 3] = static_cast<std::uint8_t>(255 - selection.pixels[i]);
  return mask;
}

Raster crop_raster(const Raster &source, const PixelRect &rect) {
  Raster out(rect.width, rect.height, source.channels);
  for (int y = 0; y < rect.height; ++y)
    std::memcpy(out.at(0, y), source.at(rect.x, rect.y + y), out.stride());
  return out;
}

Raster fit_into(const Raster &image, PixelSize target) {
  const double scale = std::min(static_cast<double>(target.width) / image.width,
                                static_cast<double>(target.height) / image.height);
  // Round the fitted side that touches the target to it exactly; the other keeps the aspect.
  PixelSize fitted{std::clamp(static_cast<int>(std::lround(image.width * scale)), 1, target.width),
                   std::clamp(static_cast<int>(std::lround(image.height * scale)), 1, target.height)};
  const Raster scaled = scale_raster(image, fitted);
  Raster out(target.width, target.height, 4, 0);
  const int x0 = (target.width - fitted.width) / 2, y0 = (target.height - fitted.height) / 2;
  for (int y = 0; y < fitted.height; ++y)
    std::memcpy(out.at(x0, y0 + y), scaled.at(0, y), scaled.stride());
  return out;
}

Raster scale_raster(const Raster &source, PixelSize target, const PixelRect &roi) {
  if (source.size() == target) return crop_raster(source, roi);
  return resample_lanczos3(source, target, roi);
}

}  // namespace gpt_image

namespace gpt_image {

Raster feather_mask(const Raster &mask, int radius) {
  if (radius <= 0) return mask;
  ensure_gegl_ready();
  const Babl *format = babl_format("Y u8");
  GeglBuffer *input = gegl_buffer_linear_new_from_data(const_cast<std::uint8_t *>(mask.pixels.data()), format,
                                                       GEGL_RECTANGLE(0, 0, mask.width, mask.height),
                                                       static_cast<gint>(mask.stride()), nullptr, nullptr);
  GeglNode *graph = gegl_node_new();
  GeglNode *read = gegl_node_new_child(graph, "operation", "gegl:buffer-source", "buffer", input, nullptr);
  GeglNode *blur = gegl_node_new_child(graph, "operation", "gegl:gaussian-blur", "std-dev-x", radius / 2.0,
                                       "std-dev-y", radius / 2.0, "abyss-policy", GEGL_ABYSS_CLAMP, nullptr);
  gegl_node_link(read, blur);
  Raster out(mask.width, mask.height, 1);
  const GeglRectangle area{0, 0, mask.width, mask.height};
  gegl_node_blit(blur, 1.0, &area, format, out.pixels.data(), static_cast<gint>(out.stride()), GEGL_BLIT_DEFAULT);
  g_object_unref(graph);
  g_object_unref(input);
  return out;
}

}  // namespace gpt_image

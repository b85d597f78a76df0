// A canvas in memory standing in for a GIMP image in core tests.
#pragma once

#include <algorithm>
#include <cstring>

#include "generative_fill.h"

namespace gpt_image::testing {

class FakeImageSource : public ImageSource {
 public:
  FakeImageSource(Raster canvas, Raster selection, Raster active_layer = {})
      : canvas_(std::move(canvas)), selection_(std::move(selection)), layer_(std::move(active_layer)) {}

  PixelSize canvas_size() override { return canvas_.size(); }
  std::optional<PixelRect> selection_bounds() override {
    int x1 = canvas_.width, y1 = canvas_.height, x2 = -1, y2 = -1;
    for (int y = 0; y < selection_.height; ++y)
      for (int x = 0; x < selection_.width; ++x)
        if (*selection_.at(x, y)) x1 = std::min(x1, x), y1 = std::min(y1, y), x2 = std::max(x2, x), y2 = std::max(y2, y);
    if (x2 < 0) return std::nullopt;
    return PixelRect{x1, y1, x2 - x1 + 1, y2 - y1 + 1};
  }
  Raster read_visible(const PixelRect &rect) override { return crop(canvas_, rect); }
  Raster read_selection(const PixelRect &rect) override { return crop(selection_, rect); }
  Raster read_active_layer(const PixelRect &rect) override { return crop(layer_, rect); }
  // In bands of `band_rows` (a GIMP reads 128), so the core's band handling is always exercised.
  void read_bands(const PixelRect &rect, bool active_layer, const BandSink &take) override {
    ++band_reads;
    for (int y = 0; y < rect.height; y += band_rows)
      take(crop(active_layer ? layer_ : canvas_, {rect.x, rect.y + y, rect.width, std::min(band_rows, rect.height - y)}));
  }
  int band_rows = 37;
  int band_reads = 0;  // how many times read_bands was called

  // The user selects something else (or nothing) while the answer is on its way.
  void set_selection(Raster selection) { selection_ = std::move(selection); }

 private:
  Raster crop(const Raster &source, const PixelRect &rect) {
    Raster out(rect.width, rect.height, source.channels);
    for (int y = 0; y < rect.height; ++y) std::memcpy(out.at(0, y), source.at(rect.x, rect.y + y), out.stride());
    return out;
  }
  Raster canvas_;
  Raster selection_;
  Raster layer_;
};

// What the client tests send: the edit request prepare_edit builds for a 40x30 rectangle selected
// on a grey 200x100 canvas, with `options` (its prompt, previews, variations).
inline EditRequest small_fill_request(const FillOptions &options) {
  Raster canvas(200, 100, 4, 120);
  Raster selection(200, 100, 1, 0);
  for (int y = 30; y < 60; ++y)
    for (int x = 80; x < 120; ++x) *selection.at(x, y) = 255;
  FakeImageSource source(canvas, selection);
  return prepare_edit(source, options, "gpt-image-1.5").request;
}

}  // namespace gpt_image::testing

// Pipeline micro-benchmark (Google Benchmark): the plug-in's own work around the API call, on plain
// buffers, without GIMP, so a regression shows without GIMP's start-up noise. Per image size (1, 24
// and 100 MP) and selection (small 300x200, large: half the canvas), it times
//   prepare: capture from the source, pad, scale to the request size, PNG-encode image and mask;
//   place:   decode the answer, scale it back to the frame, fit the colours;
//   mask:    grow and feather the layer mask over the frame (what the host does when placing);
// and reports the upload's bytes. The answer is the request image itself, re-encoded.
//
//   build/gimp2/bench/pipeline_bench [--benchmark_filter=24MP] [--benchmark_format=json]
//
// The source renders its pixels on demand for just the rectangle asked for, as GIMP's tiles do, so
// whatever grows with the image rather than the region shows up here as time.
#include <benchmark/benchmark.h>

#include <cmath>
#include <string>

#include "generative_fill.h"
#include "image_codec.h"
#include "raster_ops.h"
#include "mask_shape.h"

using namespace gpt_image;

namespace {

// A canvas of any size whose pixels exist only when read: gradients and a checker, so PNG sizes
// are realistic; a rectangular selection.
class RenderedCanvas : public ImageSource {
 public:
  RenderedCanvas(PixelSize canvas, PixelRect selection) : canvas_(canvas), selection_(selection) {}
  PixelSize canvas_size() override { return canvas_; }
  std::optional<PixelRect> selection_bounds() override { return selection_; }
  Raster read_visible(const PixelRect &rect) override {
    Raster out(rect.width, rect.height, 4, 255);
    for (int y = 0; y < rect.height; ++y)
      for (int x = 0; x < rect.width; ++x) {
        const int cx = rect.x + x, cy = rect.y + y;
        std::uint8_t *p = out.at(x, y);
        p[0] = static_cast<std::uint8_t>(cx * 255 / canvas_.width);
        p[1] = static_cast<std::uint8_t>(cy * 255 / canvas_.height);
        p[2] = static_cast<std::uint8_t>(((cx / 16 + cy / 16) % 2) * 80 + 40);
      }
    return out;
  }
  Raster read_active_layer(const PixelRect &rect) override { return read_visible(rect); }
  // A band at a time, as the plug-in reads GIMP's drawables (128 rows).
  void read_bands(const PixelRect &rect, bool, const BandSink &take) override {
    for (int y = 0; y < rect.height; y += 128)
      take(read_visible({rect.x, rect.y + y, rect.width, std::min(128, rect.height - y)}));
  }
  Raster read_selection(const PixelRect &rect) override {
    Raster out(rect.width, rect.height, 1, 0);
    for (int y = 0; y < rect.height; ++y)
      for (int x = 0; x < rect.width; ++x) {
        const int cx = rect.x + x, cy = rect.y + y;
        if (cx >= selection_.x && cx < selection_.x + selection_.width && cy >= selection_.y &&
            cy < selection_.y + selection_.height)
          *out.at(x, y) = 255;
      }
    return out;
  }

 private:
  PixelSize canvas_;
  PixelRect selection_;
};

// Canvas sizes of about 1, 24 and 100 MP with a 3:2 aspect, as photos have.
PixelSize canvas_of(int megapixels) {
  const int height = static_cast<int>(std::lround(std::sqrt(megapixels * 1e6 / 1.5)));
  return {static_cast<int>(std::lround(height * 1.5)), height};
}

// Small: 300x200 in the middle; large: the left half of the canvas.
PixelRect selection_on(PixelSize canvas, bool large) {
  if (large) return {0, 0, canvas.width / 2, canvas.height};
  return {canvas.width / 2 - 150, canvas.height / 2 - 100, 300, 200};
}

FillOptions bench_options() {
  FillOptions options;
  options.prompt = "benchmark";
  options.partial_images = 0;
  return options;
}

void prepare(benchmark::State &state, int megapixels, bool large) {
  const PixelSize canvas = canvas_of(megapixels);
  RenderedCanvas source(canvas, selection_on(canvas, large));
  size_t bytes = 0;
  for (auto _ : state) {
    const PreparedEdit edit = prepare_edit(source, bench_options(), "gpt-image-1.5");
    bytes = edit.timings.upload_bytes;
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["upload_bytes"] = static_cast<double>(bytes);
}

void place(benchmark::State &state, int megapixels, bool large) {
  const PixelSize canvas = canvas_of(megapixels);
  RenderedCanvas source(canvas, selection_on(canvas, large));
  const PreparedEdit edit = prepare_edit(source, bench_options(), "gpt-image-1.5");
  ImagesResult answer;  // the server answers at the request size, whatever size the frame went at
  answer.images.push_back(encode_png(scale_raster(decode_image(edit.request.image_png), edit.plan.request)));
  for (auto _ : state) {
    const LayersToPlace placed = placement_from_answer(edit, answer, "benchmark");
    benchmark::DoNotOptimize(placed.layers.front().pixels.data());
  }
  state.counters["frame_px"] = static_cast<double>(edit.plan.captured.width) * edit.plan.captured.height;
}

void mask(benchmark::State &state, int megapixels, bool large) {
  const PixelSize canvas = canvas_of(megapixels);
  RenderedCanvas source(canvas, selection_on(canvas, large));
  const PreparedEdit edit = prepare_edit(source, bench_options(), "gpt-image-1.5");
  shape_mask(edit.selection, edit.mask_grow, edit.feather_radius);  // GEGL starts on first use
  for (auto _ : state) {
    const Raster shaped = shape_mask(edit.selection, edit.mask_grow, edit.feather_radius);
    benchmark::DoNotOptimize(shaped.pixels.data());
  }
}

}  // namespace

int main(int argc, char **argv) {
  for (int megapixels : {1, 24, 100})
    for (bool large : {false, true}) {
      const std::string name = std::to_string(megapixels) + "MP/" + (large ? "half_canvas" : "300x200");
      benchmark::RegisterBenchmark(("prepare/" + name).c_str(), prepare, megapixels, large)->Unit(benchmark::kMillisecond);
      benchmark::RegisterBenchmark(("place/" + name).c_str(), place, megapixels, large)->Unit(benchmark::kMillisecond);
      benchmark::RegisterBenchmark(("mask/" + name).c_str(), mask, megapixels, large)->Unit(benchmark::kMillisecond);
    }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

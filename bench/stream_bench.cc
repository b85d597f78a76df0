// Stream bench: what streaming buys while the model works. Against the stand-in API, whose
// streamed answer sends a preview every D seconds and the finished image D seconds after the
// last one (so a plain answer is simulated with the same total silence, "think"), it prints the
// time to the first preview and to the finished image, streamed and not, and their ratio. The
// headline is the ratio: how early, as a share of the whole wait, the user sees something.
//
//   build/gimp2/bench/stream_bench
#include <chrono>
#include <cstdio>
#include <string>

#include "fake_image_source.h"
#include "generative_fill.h"
#include "images_api_client.h"
#include "standin_process.h"

using namespace gpt_image;
using Clock = std::chrono::steady_clock;

namespace {

class Stopwatch : public ProgressSink {
 public:
  void set_text(const std::string &) override {}
  void set_fraction(double) override {}
  void pulse() override {}
  void preview(int, const Raster *) override {
    if (first_preview < 0) first_preview = seconds();
  }
  double seconds() const { return std::chrono::duration<double>(Clock::now() - started).count(); }
  Clock::time_point started = Clock::now();
  double first_preview = -1;
};

EditRequest request(const std::string &prompt, int partials) {
  Raster canvas(800, 600, 4, 120);
  Raster selection(800, 600, 1, 0);
  for (int y = 200; y < 350; ++y)
    for (int x = 300; x < 500; ++x) *selection.at(x, y) = 255;
  gpt_image::testing::FakeImageSource source(canvas, selection);
  FillOptions options;
  options.prompt = prompt;
  options.partial_images = partials;
  return prepare_edit(source, options, "gpt-image-1.5").request;
}

}  // namespace

int main() {
  gpt_image::testing::StandInProcess standin("sk-bench");
  ConnectionSettings c;
  c.base_url = "http://127.0.0.1:" + std::to_string(standin.port()) + "/v1";
  c.api_key = "sk-bench";
  std::printf("Stream bench: stand-in on loopback, 1024x1024 answers\n\n");
  std::printf("| delay per step | previews | first preview | finished, streamed | finished, not streamed | first preview / finished |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (double delay : {0.5, 1.0, 2.0}) {
    for (int partials : {1, 2, 3}) {
      char marker[64];
      std::snprintf(marker, sizeof marker, "standin-stream-delay:%.1f", delay);
      Stopwatch streamed;
      ImagesApiClient(c).edit(request(std::string("bench ") + marker, partials), streamed);
      const double streamed_total = streamed.seconds();
      std::snprintf(marker, sizeof marker, "standin-fault:think:%.1f", delay * (partials + 1));
      Stopwatch plain;
      ImagesApiClient(c).edit(request(std::string("bench ") + marker, 0), plain);
      const double plain_total = plain.seconds();
      std::printf("| %.1f s | %d | %.2f s | %.2f s | %.2f s | %.0f%% |\n", delay, partials, streamed.first_preview,
                  streamed_total, plain_total, 100 * streamed.first_preview / streamed_total);
    }
  }
  return 0;
}

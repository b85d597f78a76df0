// What the plug-in itself spends around the API's wait, stage by stage, for the benchmarks
// (bench/): with GPT_IMAGE_TIMINGS=1 in the environment, each fill ends with one line on stderr:
//   gimp-gpt-image timings: capture_ms=.. encode_ms=.. upload_bytes=.. request_ms=.. decode_ms=..
//   place_ms=.. total_ms=.. peak_rss_kb=..
// Measured inside the plug-in, so GIMP's start-up never counts.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace gpt_image {

struct StageTimings {
  double capture_ms = 0;   // reading the visible pixels and the selection from GIMP
  double encode_ms = 0;    // padding, scaling to the upload size, PNG-encoding image and mask
  std::size_t upload_bytes = 0;
  double request_ms = 0;   // the HTTP exchange, the model's work included
  double decode_ms = 0;    // decoding the answer, scaling it back, colour matching
  double place_ms = 0;     // creating the layers and masks in GIMP
  double total_ms() const { return capture_ms + encode_ms + request_ms + decode_ms + place_ms; }
};

bool stage_timings_enabled();  // GPT_IMAGE_TIMINGS is set and not "0"

std::string format_stage_timings(const StageTimings &timings, long peak_rss_kb);

// This process's peak resident memory in KiB (VmHWM; ru_maxrss where /proc is missing).
long peak_resident_kb();

// Writes the line to stderr when enabled, with this process's peak resident memory.
void report_stage_timings(const StageTimings &timings);

// Milliseconds since `start`.
inline double elapsed_ms(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace gpt_image

// Peak memory while the largest accepted answer is read (README, "Limits"). The peak is the
// process's own high-water mark (VmHWM), reset just before reading (/proc/self/clear_refs), so it
// counts every copy the reading makes, json-glib's included. Built without sanitizers only: ASan
// keeps freed memory in quarantine and would measure itself.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "api_response.h"
#include "image_stream.h"

using namespace gpt_image;

namespace {

constexpr double kMiB = 1024.0 * 1024.0;

long status_kb(const char *field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::string(field).size()));
  return -1;
}

// Resets the high-water mark to the current resident size; returns that size in KiB.
long reset_peak() {
  std::ofstream("/proc/self/clear_refs") << "5";
  return status_kb("VmRSS:");
}

// The largest image answer accepted: base64 of exactly kMaxImageBase64Bytes.
std::string largest_base64() { return std::string(kMaxImageBase64Bytes, 'A'); }

// Peak above the resident size before reading, as a multiple of the answer's size.
double peak_over(long before_kb, size_t answer_bytes) {
  return (status_kb("VmHWM:") - before_kb) * 1024.0 / static_cast<double>(answer_bytes);
}

}  // namespace

// The README's figures: json-glib holds a string twice while it reads it (its scanner's buffer and
// the node's copy), so a plain answer peaks at the body plus twice the image's base64, a streamed
// one at the event line plus that. The bounds leave a little room above the measured 2.0x and 3.3x;
// before the copies were cut the same reading took 4.5x and more.
constexpr double kPlainPeakBound = 2.25;
constexpr double kStreamedPeakBound = 3.6;

TEST(AnswerPeakMemory, APlainAnswerAtTheCapPeaksAtTheBodyPlusTwiceItsImage) {
  std::string body = "{\"created\": 1, \"data\": [{\"b64_json\": \"" + largest_base64() + "\"}]}";
  const size_t size = body.size();
  const long before = reset_peak();  // the body itself is already resident
  const ImagesResult result = parse_images_response(std::move(body));
  const double ratio = peak_over(before, size);
  ASSERT_EQ(result.images.size(), 1u);
  EXPECT_EQ(result.images[0].size(), kMaxImageBase64Bytes / 4 * 3);
  std::printf("plain answer of %.1f MiB: peak %.2fx its size above the body\n", size / kMiB, ratio);
  EXPECT_LT(ratio, kPlainPeakBound);
}

TEST(AnswerPeakMemory, AStreamedAnswerAtTheCapPeaksAtItsLinePlusTwiceItsImage) {
  const std::string event = "event: image_edit.completed\ndata: {\"type\": \"image_edit.completed\", \"b64_json\": \"" +
                            largest_base64() + "\"}\n\n";
  ImageStream stream(nullptr, 0);
  const long before = reset_peak();
  // As libcurl hands it over: 16 KiB at a time.
  for (size_t at = 0; at < event.size(); at += 16384) stream.feed(event.data() + at, std::min<size_t>(16384, event.size() - at));
  const ImagesResult result = stream.finish();
  const double ratio = peak_over(before, event.size());
  ASSERT_EQ(result.images.size(), 1u);
  std::printf("streamed answer of %.1f MiB: peak %.2fx its size above what was resident\n", event.size() / kMiB, ratio);
  EXPECT_LT(ratio, kStreamedPeakBound);
}

#include "resample.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <stdexcept>
#include <vector>

#include "parallel_blocks.h"

namespace gpt_image {

namespace {

constexpr double kLobes = 3.0;

double lanczos(double x) {
  x = std::fabs(x);
  if (x < 1e-9) return 1.0;
  if (x >= kLobes) return 0.0;
  const double pi_x = M_PI * x;
  return kLobes * std::sin(pi_x) * std::sin(pi_x / kLobes) / (pi_x * pi_x);
}

using resample_detail::Taps;

// Output sample i covers input position (i + 0.5) / scale - 0.5; a downscale stretches the kernel
// by 1 / scale so it averages what it skips (antialiasing). Out-of-range taps clamp to the edge.
// The input may stand for the part [valid_first, valid_last] of a longer line of `in` samples
// whose others repeat its end samples (a frame padded outside the canvas, pad_to_frame): taps then
// clamp to that part, and `first` counts from valid_first.
std::vector<Taps> axis_taps(int in, int out, int first_out, int count, int valid_first, int valid_last) {
  const double scale = static_cast<double>(out) / in;
  const double stretch = std::min(scale, 1.0);
  const double support = kLobes / stretch;
  std::vector<Taps> taps(count);
  for (int k = 0; k < count; ++k) {
    const int i = first_out + k;
    const double centre = (i + 0.5) / scale - 0.5;
    const int lo = static_cast<int>(std::ceil(centre - support)), hi = static_cast<int>(std::floor(centre + support));
    // Clamped to the line, then to the part of it that exists (the same when it all does).
    auto source_index = [&](int j) { return std::clamp(std::clamp(j, 0, in - 1), valid_first, valid_last); };
    const int first = source_index(lo), last = source_index(hi);
    Taps &t = taps[k];
    t.first = first - valid_first;
    t.weights.assign(last - first + 1, 0.0f);
    double sum = 0;
    for (int j = lo; j <= hi; ++j) {
      const double w = lanczos((j - centre) * stretch);
      t.weights[source_index(j) - first] += static_cast<float>(w);
      sum += w;
    }
    for (float &w : t.weights) w = static_cast<float>(w / sum);
  }
  return taps;
}

// Runs body(first, last) over [0, count) in contiguous blocks, one per core: a large selection's
// region is tens of megapixels. Small jobs stay on this thread (a thread costs more than they do).
template <typename Body>
void for_row_blocks(int count, long long work_per_row, Body body) {
  constexpr long long kWorkPerThread = 4'000'000;  // multiply-adds worth a thread
  run_in_blocks(count, blocks_for(work_per_row * count, kWorkPerThread, std::max(count, 1)), body);
}

// One input row (`width` pixels of C channels, u8) premultiplied by alpha and resampled across
// to `columns`: `out` gets columns.size() * C floats. `input` is scratch.
template <int C>
void resample_across(const std::uint8_t *pixels, int width, const std::vector<Taps> &columns,
                     std::vector<float> &input, float *out) {
  constexpr bool alpha = C == 4;
  input.resize(static_cast<size_t>(width) * C);
  for (int x = 0; x < width; ++x) {
    const float a = alpha ? pixels[x * C + 3] / 255.0f : 1.0f;
    for (int c = 0; c < C; ++c) input[x * C + c] = (alpha && c < 3) ? pixels[x * C + c] * a : pixels[x * C + c];
  }
  for (size_t x = 0; x < columns.size(); ++x) {
    const Taps &t = columns[x];
    float acc[C] = {};
    const float *px = input.data() + static_cast<size_t>(t.first) * C;
    for (size_t k = 0; k < t.weights.size(); ++k, px += C)
      for (int c = 0; c < C; ++c) acc[c] += t.weights[k] * px[c];
    for (int c = 0; c < C; ++c) out[x * C + c] = acc[c];
  }
}

// One output row: the rows resampled across (`across(k)` is the k-th row `taps` reads) summed down
// with its weights, un-premultiplied and rounded into `out` (`width` pixels). `sum` is scratch.
template <int C, typename Across>
void resample_down(const Taps &taps, Across across, int width, std::vector<float> &sum, std::uint8_t *out) {
  constexpr bool alpha = C == 4;
  sum.assign(static_cast<size_t>(width) * C, 0.0f);
  for (size_t k = 0; k < taps.weights.size(); ++k) {
    const float w = taps.weights[k];
    const float *row = across(k);
    for (int x = 0; x < width; ++x)
      for (int c = 0; c < C; ++c) sum[x * C + c] += w * row[x * C + c];
  }
  for (int x = 0; x < width; ++x) {
    const float *px = sum.data() + static_cast<size_t>(x) * C;
    const float a = alpha ? std::clamp(px[3], 0.0f, 255.0f) : 255.0f;
    for (int c = 0; c < C; ++c) {
      float v = px[c];
      if (alpha && c < 3) v = a > 0.0f ? v / (a / 255.0f) : 0.0f;
      out[x * C + c] = static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
    }
  }
}

// Output rows made per round: the horizontal pass keeps only the input rows one round reads, so
// scaling a region of tens of megapixels down holds a few megabytes of floats, not the region's
// rows (134 MB for half of 100 MP). Each row is computed exactly as in one round.
constexpr int kRowsPerRound = 128;

// The two passes with the channel count known to the compiler, so the per-pixel loops unroll and
// vectorise. `placed`: where `source` lies in the (virtual) frame that is resampled.
template <int C>
Raster resample(const Raster &source, const PixelRect &placed, PixelSize frame, PixelSize target,
                const PixelRect &roi) {
  const std::vector<Taps> columns =
      axis_taps(frame.width, target.width, roi.x, roi.width, placed.x, placed.x + placed.width - 1);
  const std::vector<Taps> rows =
      axis_taps(frame.height, target.height, roi.y, roi.height, placed.y, placed.y + placed.height - 1);
  const size_t across_stride = static_cast<size_t>(roi.width) * C;
  const long long column_taps = static_cast<long long>(columns.front().weights.size()) * roi.width * C;
  const long long row_taps = static_cast<long long>(rows.front().weights.size()) * across_stride;
  Raster result(roi.width, roi.height, C);
  std::vector<float> across;
  for (int round = 0; round < roi.height; round += kRowsPerRound) {
    const int round_end = std::min(roi.height, round + kRowsPerRound);
    // Only the input rows this round's output rows read (taps move forward monotonically).
    const int first_row = rows[round].first;
    const int row_count = rows[round_end - 1].first + static_cast<int>(rows[round_end - 1].weights.size()) - first_row;

    // Horizontal pass: each needed input row, premultiplied as it is read, to the roi's columns.
    across.assign(static_cast<size_t>(row_count) * across_stride, 0.0f);
    for_row_blocks(row_count, column_taps + source.width * C, [&](int begin, int end) {
      std::vector<float> input;
      for (int r = begin; r < end; ++r)
        resample_across<C>(source.at(0, first_row + r), source.width, columns, input,
                           across.data() + r * across_stride);
    });

    // Vertical pass into the result, un-premultiplied and rounded.
    for_row_blocks(round_end - round, row_taps, [&](int begin, int end) {
      std::vector<float> sum;
      for (int y = round + begin; y < round + end; ++y) {
        const Taps &t = rows[y];
        resample_down<C>(
            t, [&](size_t k) { return across.data() + static_cast<size_t>(t.first - first_row + k) * across_stride; },
            roi.width, sum, result.at(0, y));
      }
    });
  }
  return result;
}

}  // namespace

Raster resample_lanczos3(const Raster &source, const PixelRect &placed, PixelSize frame, PixelSize target,
                         const PixelRect &roi) {
  if (roi.empty()) return Raster(std::max(0, roi.width), std::max(0, roi.height), source.channels);
  if (placed.width != source.width || placed.height != source.height || placed.empty() ||
      !PixelRect{0, 0, frame.width, frame.height}.contains(placed))
    throw std::invalid_argument("resample_lanczos3: the source does not lie in the frame");
  if (source.channels == 4) return resample<4>(source, placed, frame, target, roi);
  if (source.channels == 1) return resample<1>(source, placed, frame, target, roi);
  throw std::invalid_argument("resample_lanczos3: 1 or 4 channels");
}

Raster resample_lanczos3(const Raster &source, PixelSize target, const PixelRect &roi) {
  if (roi.empty()) return Raster(std::max(0, roi.width), std::max(0, roi.height), source.channels);
  return resample_lanczos3(source, {0, 0, source.width, source.height}, source.size(), target, roi);
}

}  // namespace gpt_image

namespace gpt_image {

StreamingResample::StreamingResample(int channels, const PixelRect &placed, PixelSize frame, PixelSize target)
    : channels_(channels), width_(placed.width), height_(placed.height), result_(target.width, target.height, channels) {
  if ((channels != 1 && channels != 4) || placed.empty() || target.width <= 0 || target.height <= 0 ||
      !PixelRect{0, 0, frame.width, frame.height}.contains(placed))
    throw std::invalid_argument("StreamingResample: 1 or 4 channels, and the source inside the frame");
  columns_ = axis_taps(frame.width, target.width, 0, target.width, placed.x, placed.x + placed.width - 1);
  rows_ = axis_taps(frame.height, target.height, 0, target.height, placed.y, placed.y + placed.height - 1);
}

void StreamingResample::add_rows(const Raster &band) {
  if (band.channels != channels_ || band.width != width_ || received_ + band.height > height_)
    throw std::invalid_argument("StreamingResample: a band that does not continue the source");
  const size_t across_stride = columns_.size() * channels_;
  const size_t first_new = held_.size();
  for (int r = 0; r < band.height; ++r) held_.emplace_back(across_stride);
  const long long work_per_row = static_cast<long long>(columns_.front().weights.size()) * across_stride;
  for_row_blocks(band.height, work_per_row + static_cast<long long>(width_) * channels_, [&](int begin, int end) {
    std::vector<float> input;
    for (int r = begin; r < end; ++r) {
      float *across = held_[first_new + r].data();
      if (channels_ == 4) resample_across<4>(band.at(0, r), width_, columns_, input, across);
      else resample_across<1>(band.at(0, r), width_, columns_, input, across);
    }
  });
  received_ += band.height;
  // Every output row whose taps have all arrived, then the rows no later output row reads.
  while (next_output_ < result_.height) {
    const Taps &t = rows_[next_output_];
    if (t.first + static_cast<int>(t.weights.size()) > received_) break;
    auto across = [&](size_t k) { return held_[t.first - held_first_ + k].data(); };
    if (channels_ == 4) resample_down<4>(t, across, result_.width, sum_, result_.at(0, next_output_));
    else resample_down<1>(t, across, result_.width, sum_, result_.at(0, next_output_));
    ++next_output_;
  }
  const int still_needed = next_output_ < result_.height ? rows_[next_output_].first : received_;
  while (held_first_ < still_needed && !held_.empty()) {
    held_.pop_front();
    ++held_first_;
  }
}

Raster StreamingResample::finish() {
  if (received_ != height_ || next_output_ != result_.height)
    throw std::logic_error("StreamingResample: the source ended before all its rows arrived");
  return std::move(result_);
}

}  // namespace gpt_image

#include "resample.h"

#include <algorithm>
#include <cmath>
#include <vector>

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

// The input samples and weights that make one output sample along an axis.
struct Taps {
  int first = 0;                // first input index
  std::vector<float> weights;  // for first, first + 1, ...
};

// Output sample i covers input position (i + 0.5) / scale - 0.5; a downscale stretches the kernel
// by 1 / scale so it averages what it skips (antialiasing). Out-of-range taps clamp to the edge.
std::vector<Taps> axis_taps(int in, int out, int first_out, int count) {
  const double scale = static_cast<double>(out) / in;
  const double stretch = std::min(scale, 1.0);
  const double support = kLobes / stretch;
  std::vector<Taps> taps(count);
  for (int k = 0; k < count; ++k) {
    const int i = first_out + k;
    const double centre = (i + 0.5) / scale - 0.5;
    const int lo = static_cast<int>(std::ceil(centre - support)), hi = static_cast<int>(std::floor(centre + support));
    const int first = std::clamp(lo, 0, in - 1), last = std::clamp(hi, 0, in - 1);
    Taps &t = taps[k];
    t.first = first;
    t.weights.assign(last - first + 1, 0.0f);
    double sum = 0;
    for (int j = lo; j <= hi; ++j) {
      const double w = lanczos((j - centre) * stretch);
      t.weights[std::clamp(j, 0, in - 1) - first] += static_cast<float>(w);
      sum += w;
    }
    for (float &w : t.weights) w = static_cast<float>(w / sum);
  }
  return taps;
}

}  // namespace

Raster resample_lanczos3(const Raster &source, PixelSize target, const PixelRect &roi) {
  const int channels = source.channels;
  const bool alpha = channels == 4;
  // Premultiplied float copy of the source.
  std::vector<float> input(source.pixels.size());
  for (size_t p = 0; p < source.pixels.size(); p += channels) {
    const float a = alpha ? source.pixels[p + 3] / 255.0f : 1.0f;
    for (int c = 0; c < channels; ++c)
      input[p + c] = (alpha && c < 3) ? source.pixels[p + c] * a : source.pixels[p + c];
  }
  const std::vector<Taps> columns = axis_taps(source.width, target.width, roi.x, roi.width);
  const std::vector<Taps> rows = axis_taps(source.height, target.height, roi.y, roi.height);
  // Horizontal pass: every input row, only the roi's columns.
  std::vector<float> across(static_cast<size_t>(source.height) * roi.width * channels, 0.0f);
  for (int y = 0; y < source.height; ++y) {
    const float *row = input.data() + static_cast<size_t>(y) * source.width * channels;
    float *out = across.data() + static_cast<size_t>(y) * roi.width * channels;
    for (int x = 0; x < roi.width; ++x) {
      const Taps &t = columns[x];
      for (size_t k = 0; k < t.weights.size(); ++k) {
        const float w = t.weights[k];
        const float *px = row + static_cast<size_t>(t.first + k) * channels;
        for (int c = 0; c < channels; ++c) out[x * channels + c] += w * px[c];
      }
    }
  }
  // Vertical pass into the result, un-premultiplied and rounded.
  Raster result(roi.width, roi.height, channels);
  std::vector<float> sum(static_cast<size_t>(roi.width) * channels);
  for (int y = 0; y < roi.height; ++y) {
    std::fill(sum.begin(), sum.end(), 0.0f);
    const Taps &t = rows[y];
    for (size_t k = 0; k < t.weights.size(); ++k) {
      const float w = t.weights[k];
      const float *row = across.data() + static_cast<size_t>(t.first + k) * roi.width * channels;
      for (size_t i = 0; i < sum.size(); ++i) sum[i] += w * row[i];
    }
    std::uint8_t *out = result.at(0, y);
    for (int x = 0; x < roi.width; ++x) {
      float *px = sum.data() + static_cast<size_t>(x) * channels;
      const float a = alpha ? std::clamp(px[3], 0.0f, 255.0f) : 255.0f;
      for (int c = 0; c < channels; ++c) {
        float v = px[c];
        if (alpha && c < 3) v = a > 0.0f ? v / (a / 255.0f) : 0.0f;
        out[x * channels + c] = static_cast<std::uint8_t>(std::clamp(std::lround(v), 0L, 255L));
      }
    }
  }
  return result;
}

}  // namespace gpt_image

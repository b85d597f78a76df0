#include "color_match.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace gpt_image {

namespace {

constexpr double kMinGain = 0.5, kMaxGain = 2.0;

// The ring's pixels as counts of (generated, original) value pairs, one table per channel: values
// are 8-bit, so every statistic below is taken over at most 65,536 pairs however large the ring,
// and gives what it would give over the list of samples (issue 20: a list of doubles per sample,
// copied for every quantile, took 200 ms on a 1 MP answer).
struct PairCounts {
  std::vector<std::uint32_t> count = std::vector<std::uint32_t>(256 * 256, 0);  // [generated * 256 + original]
  long long total = 0;
  void add(int generated, int original) {
    ++count[static_cast<size_t>(generated) * 256 + original];
    ++total;
  }
};

// The k-th smallest (from 0) of `total` values counted in `histogram` (index = value).
int kth_value(const std::array<long long, 256> &histogram, long long k) {
  long long seen = 0;
  for (int v = 0; v < 256; ++v) {
    seen += histogram[v];
    if (seen > k) return v;
  }
  return 255;
}

// The value at fraction q of the sorted values, as the element q * (n - 1) (rounded down) of the
// sorted list.
long long quantile_index(long long n, double q) { return static_cast<long long>(q * static_cast<double>(n - 1)); }

// Least squares of original = gain * generated + offset over the pairs `keep` admits; a flat
// channel keeps gain 1.
template <typename Keep>
ChannelFit least_squares(const PairCounts &pairs, Keep keep) {
  double sg = 0, so = 0, n = 0;
  for (int g = 0; g < 256; ++g)
    for (int o = 0; o < 256; ++o)
      if (const std::uint32_t c = pairs.count[static_cast<size_t>(g) * 256 + o]; c && keep(g, o)) {
        sg += static_cast<double>(c) * g, so += static_cast<double>(c) * o, n += c;
      }
  const double mg = sg / n, mo = so / n;
  double covariance = 0, variance = 0;
  for (int g = 0; g < 256; ++g)
    for (int o = 0; o < 256; ++o)
      if (const std::uint32_t c = pairs.count[static_cast<size_t>(g) * 256 + o]; c && keep(g, o)) {
        covariance += static_cast<double>(c) * (g - mg) * (o - mo);
        variance += static_cast<double>(c) * (g - mg) * (g - mg);
      }
  ChannelFit fit;
  if (variance / n >= 1.0) fit.gain = std::clamp(covariance / variance, kMinGain, kMaxGain);
  fit.offset = mo - fit.gain * mg;
  return fit;
}

// A fit that pixels the model really changed (a tenth of the ring repainted, say) cannot pull
// away: start from quartiles and medians, keep the samples within 3 robust standard deviations
// (1.4826 MAD) of that line, and fit least squares on those; twice.
ChannelFit robust_fit(const PairCounts &pairs) {
  std::array<long long, 256> generated{}, original{};
  for (int g = 0; g < 256; ++g)
    for (int o = 0; o < 256; ++o) {
      const std::uint32_t c = pairs.count[static_cast<size_t>(g) * 256 + o];
      generated[g] += c, original[o] += c;
    }
  const long long n = pairs.total;
  auto quantile = [n](const std::array<long long, 256> &histogram, double q) {
    return static_cast<double>(kth_value(histogram, quantile_index(n, q)));
  };
  ChannelFit fit;
  const double spread_g = quantile(generated, 0.75) - quantile(generated, 0.25);
  const double spread_o = quantile(original, 0.75) - quantile(original, 0.25);
  if (spread_g >= 1.0) fit.gain = std::clamp(spread_o / spread_g, kMinGain, kMaxGain);
  fit.offset = quantile(original, 0.5) - fit.gain * quantile(generated, 0.5);
  std::vector<std::pair<double, std::uint32_t>> residuals;  // (residual, how many pairs have it)
  for (int round = 0; round < 2; ++round) {
    auto residual = [&fit](int g, int o) { return std::fabs(o - (fit.gain * g + fit.offset)); };
    residuals.clear();
    for (int g = 0; g < 256; ++g)
      for (int o = 0; o < 256; ++o)
        if (const std::uint32_t c = pairs.count[static_cast<size_t>(g) * 256 + o]) residuals.push_back({residual(g, o), c});
    std::sort(residuals.begin(), residuals.end());
    const long long middle = quantile_index(n, 0.5);
    double median = residuals.back().first;
    long long seen = 0;
    for (const auto &[value, c] : residuals)
      if ((seen += c) > middle) {
        median = value;
        break;
      }
    const double limit = 3.0 * 1.4826 * median + 1.0;
    long long kept = 0;
    for (const auto &[value, c] : residuals)
      if (value <= limit) kept += c;
    if (kept < kMinColorSamples) break;
    // (`residual` reads `fit` as it was: least_squares() is done before `fit` changes.)
    fit = least_squares(pairs, [&residual, limit](int g, int o) { return residual(g, o) <= limit; });
  }
  return fit;
}

}  // namespace

ColorFit fit_color(const Raster &original, const Raster &generated, const Raster &ring) {
  ColorFit fit;
  if (original.size() != generated.size() || original.size() != ring.size() || original.channels != 4 ||
      generated.channels != 4)
    return fit;
  std::array<PairCounts, 3> pairs;
  for (int y = 0; y < ring.height; ++y)
    for (int x = 0; x < ring.width; ++x) {
      if (!*ring.at(x, y)) continue;
      const std::uint8_t *o = original.at(x, y), *g = generated.at(x, y);
      if (o[3] < 250 || g[3] < 250) continue;
      for (int c = 0; c < 3; ++c) pairs[c].add(g[c], o[c]);
    }
  const long long count = pairs[0].total;
  if (count < kMinColorSamples) return fit;
  for (int c = 0; c < 3; ++c) fit.channels[c] = robust_fit(pairs[c]);
  fit.samples = static_cast<int>(count);
  return fit;
}

void apply_color_fit(Raster &image, const ColorFit &fit) {
  if (fit.samples == 0 || image.channels != 4) return;
  std::array<std::array<std::uint8_t, 256>, 3> table;
  for (int c = 0; c < 3; ++c)
    for (int v = 0; v < 256; ++v)
      table[c][v] = static_cast<std::uint8_t>(
          std::clamp(std::lround(fit.channels[c].gain * v + fit.channels[c].offset), 0L, 255L));
  for (size_t i = 0; i < image.pixels.size(); i += 4)
    for (int c = 0; c < 3; ++c) image.pixels[i + c] = table[c][image.pixels[i + c]];
}

}  // namespace gpt_image

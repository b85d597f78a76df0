#include "color_match.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace gpt_image {

namespace {

constexpr double kMinGain = 0.5, kMaxGain = 2.0;

struct Sample {
  double generated, original;
};

// Least squares of original = gain * generated + offset; a flat channel keeps gain 1.
ChannelFit least_squares(const std::vector<Sample> &samples) {
  double sg = 0, so = 0;
  for (const Sample &s : samples) sg += s.generated, so += s.original;
  const double n = static_cast<double>(samples.size());
  const double mg = sg / n, mo = so / n;
  double covariance = 0, variance = 0;
  for (const Sample &s : samples) {
    covariance += (s.generated - mg) * (s.original - mo);
    variance += (s.generated - mg) * (s.generated - mg);
  }
  ChannelFit fit;
  if (variance / n >= 1.0) fit.gain = std::clamp(covariance / variance, kMinGain, kMaxGain);
  fit.offset = mo - fit.gain * mg;
  return fit;
}

double quantile(std::vector<double> values, double q) {
  const size_t k = static_cast<size_t>(q * static_cast<double>(values.size() - 1));
  std::nth_element(values.begin(), values.begin() + static_cast<long>(k), values.end());
  return values[k];
}

// A fit that pixels the model really changed (a tenth of the ring repainted, say) cannot pull
// away: start from quartiles and medians, keep the samples within 3 robust standard deviations
// (1.4826 MAD) of that line, and fit least squares on those; twice.
ChannelFit robust_fit(const std::vector<Sample> &samples) {
  std::vector<double> generated, original;
  for (const Sample &s : samples) generated.push_back(s.generated), original.push_back(s.original);
  ChannelFit fit;
  const double spread_g = quantile(generated, 0.75) - quantile(generated, 0.25);
  const double spread_o = quantile(original, 0.75) - quantile(original, 0.25);
  if (spread_g >= 1.0) fit.gain = std::clamp(spread_o / spread_g, kMinGain, kMaxGain);
  fit.offset = quantile(original, 0.5) - fit.gain * quantile(generated, 0.5);
  for (int round = 0; round < 2; ++round) {
    std::vector<double> residuals;
    residuals.reserve(samples.size());
    for (const Sample &s : samples) residuals.push_back(std::fabs(s.original - (fit.gain * s.generated + fit.offset)));
    const double limit = 3.0 * 1.4826 * quantile(residuals, 0.5) + 1.0;
    std::vector<Sample> kept;
    for (size_t i = 0; i < samples.size(); ++i)
      if (residuals[i] <= limit) kept.push_back(samples[i]);
    if (kept.size() < static_cast<size_t>(kMinColorSamples)) break;
    fit = least_squares(kept);
  }
  return fit;
}

}  // namespace

ColorFit fit_color(const Raster &original, const Raster &generated, const Raster &ring) {
  ColorFit fit;
  if (original.size() != generated.size() || original.size() != ring.size() || original.channels != 4 ||
      generated.channels != 4)
    return fit;
  std::array<std::vector<Sample>, 3> samples;
  for (int y = 0; y < ring.height; ++y)
    for (int x = 0; x < ring.width; ++x) {
      if (!*ring.at(x, y)) continue;
      const std::uint8_t *o = original.at(x, y), *g = generated.at(x, y);
      if (o[3] < 250 || g[3] < 250) continue;
      for (int c = 0; c < 3; ++c) samples[c].push_back({static_cast<double>(g[c]), static_cast<double>(o[c])});
    }
  const int count = static_cast<int>(samples[0].size());
  if (count < kMinColorSamples) return fit;
  for (int c = 0; c < 3; ++c) fit.channels[c] = robust_fit(samples[c]);
  fit.samples = count;
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

#include "image_models.h"

#include <cmath>
#include <cstdio>

#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

bool starts_with(const std::string &s, const std::string &prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

std::string join_sizes(const std::vector<PixelSize> &sizes) {
  std::string out;
  for (const auto &s : sizes) out += (out.empty() ? "" : ", ") + format_size(s);
  return out;
}

}  // namespace

ImageModel describe_model(const std::string &name) {
  ImageModel model;
  model.name = name;
  if (starts_with(name, "dall-e-2")) {
    model.size_rule = SizeRule::SquareDallE2;
    model.fixed_sizes = {{256, 256}, {512, 512}, {1024, 1024}};
    model.prompt_limit = 1000;
    model.qualities = {"standard"};
    model.streams = false;
    return model;
  }
  model.qualities = {"auto", "low", "medium", "high"};
  if (starts_with(name, "gpt-image-2")) {
    model.size_rule = SizeRule::MultiplesOf16;
    return model;
  }
  model.size_rule = SizeRule::StandardSizes;
  model.fixed_sizes = {{1024, 1024}, {1536, 1024}, {1024, 1536}};
  return model;
}

bool takes_input_fidelity(const ImageModel &model) {
  return model.name.rfind("gpt-image-1-mini", 0) != 0 && model.size_rule != SizeRule::SquareDallE2;
}

bool takes_background(const ImageModel &model) { return model.size_rule != SizeRule::SquareDallE2; }

namespace {

// Digits only (no sign, no space), at most kMaxSizeSide; nullopt otherwise.
std::optional<int> parse_side(const std::string &digits) {
  if (digits.empty() || digits.size() > 6) return std::nullopt;
  int value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value <= 0 || value > kMaxSizeSide) return std::nullopt;
  return value;
}

}  // namespace

std::optional<PixelSize> parse_size(const std::string &text) {
  const size_t x = text.find_first_of("xX");
  if (x == std::string::npos || text.find_first_of("xX", x + 1) != std::string::npos) return std::nullopt;
  const auto w = parse_side(text.substr(0, x)), h = parse_side(text.substr(x + 1));
  if (!w || !h) return std::nullopt;
  return PixelSize{*w, *h};
}

std::string format_size(PixelSize size) {
  return std::to_string(size.width) + "x" + std::to_string(size.height);
}

void validate_size_for_model(const ImageModel &model, const std::string &size) {
  if (size == "auto") return;
  const auto parsed = parse_size(size);
  if (!parsed) {
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("Size \"%s\" is not understood: use \"auto\" or WIDTHxHEIGHT, e.g. 1536x1024."),
                                      size.c_str()));
  }
  if (model.size_rule != SizeRule::MultiplesOf16) {
    for (const auto &s : model.fixed_sizes)
      if (s == *parsed) return;
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("Model %s does not accept size %s; it accepts auto, %s."), model.name.c_str(),
                                      size.c_str(), join_sizes(model.fixed_sizes).c_str()));
  }
  const int w = parsed->width, h = parsed->height;
  std::string why;
  if (w % kFlexibleSizeStep || h % kFlexibleSizeStep) {
    why = format_text(_("both sides must be multiples of %d"), kFlexibleSizeStep);
  } else if (std::max(w, h) > kFlexibleMaxLongEdge || std::min(w, h) > kFlexibleMaxShortEdge) {
    why = format_text(_("the largest accepted size is %dx%d (or %dx%d)"), kFlexibleMaxLongEdge, kFlexibleMaxShortEdge,
                      kFlexibleMaxShortEdge, kFlexibleMaxLongEdge);
  } else if (std::max(w, h) > kFlexibleMaxAspect * std::min(w, h)) {
    why = _("the aspect ratio must lie between 1:3 and 3:1");
  } else {
    return;
  }
  throw GenerativeError(ErrorKind::InvalidArgument, format_text(_("Model %s does not accept size %s: %s."),
                                                                model.name.c_str(), size.c_str(), why.c_str()));
}

void validate_quality_for_model(const ImageModel &model, const std::string &quality) {
  for (const auto &q : model.qualities)
    if (q == quality) return;
  std::string accepted;
  for (const auto &q : model.qualities) accepted += (accepted.empty() ? "" : ", ") + q;
  throw GenerativeError(ErrorKind::InvalidArgument,
                        format_text(_("Quality \"%s\" is not accepted by %s; use one of: %s."), quality.c_str(),
                                    model.name.c_str(), accepted.c_str()));
}

}  // namespace gpt_image

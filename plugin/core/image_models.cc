#include "image_models.h"

#include <cmath>
#include <cstdio>
#include <sstream>

#include "errors.h"

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

std::optional<PixelSize> parse_size(const std::string &text) {
  int w = 0, h = 0;
  char x = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3) return std::nullopt;
  if ((x != 'x' && x != 'X') || w <= 0 || h <= 0) return std::nullopt;
  return PixelSize{w, h};
}

std::string format_size(PixelSize size) {
  return std::to_string(size.width) + "x" + std::to_string(size.height);
}

void validate_size_for_model(const ImageModel &model, const std::string &size) {
  if (size == "auto") return;
  const auto parsed = parse_size(size);
  if (!parsed) {
    throw GenerativeError(ErrorKind::InvalidArgument,
                          "Size \"" + size + "\" is not understood: use \"auto\" or WIDTHxHEIGHT, e.g. 1536x1024.");
  }
  if (model.size_rule != SizeRule::MultiplesOf16) {
    for (const auto &s : model.fixed_sizes)
      if (s == *parsed) return;
    throw GenerativeError(ErrorKind::InvalidArgument, "Model " + model.name + " does not accept size " + size +
                                                          "; it accepts auto, " + join_sizes(model.fixed_sizes) + ".");
  }
  const int w = parsed->width, h = parsed->height;
  std::ostringstream why;
  if (w % kFlexibleSizeStep || h % kFlexibleSizeStep) {
    why << "both sides must be multiples of " << kFlexibleSizeStep;
  } else if (std::max(w, h) > kFlexibleMaxLongEdge || std::min(w, h) > kFlexibleMaxShortEdge) {
    why << "the largest accepted size is " << kFlexibleMaxLongEdge << "x" << kFlexibleMaxShortEdge
        << " (or " << kFlexibleMaxShortEdge << "x" << kFlexibleMaxLongEdge << ")";
  } else if (std::max(w, h) > kFlexibleMaxAspect * std::min(w, h)) {
    why << "the aspect ratio must lie between 1:3 and 3:1";
  } else {
    return;
  }
  throw GenerativeError(ErrorKind::InvalidArgument,
                        "Model " + model.name + " does not accept size " + size + ": " + why.str() + ".");
}

void validate_quality_for_model(const ImageModel &model, const std::string &quality) {
  for (const auto &q : model.qualities)
    if (q == quality) return;
  std::string accepted;
  for (const auto &q : model.qualities) accepted += (accepted.empty() ? "" : ", ") + q;
  throw GenerativeError(ErrorKind::InvalidArgument,
                        "Quality \"" + quality + "\" is not accepted by " + model.name + "; use one of: " + accepted + ".");
}

}  // namespace gpt_image

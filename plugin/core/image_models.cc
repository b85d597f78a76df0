#include "image_models.h"

#include <algorithm>
#include <cstdio>

#include "errors.h"
#include "i18n.h"
#include "model_catalogue.h"

namespace gpt_image {

namespace {

std::string join_sizes(const std::vector<PixelSize> &sizes) {
  std::string out;
  for (const auto &s : sizes) out += (out.empty() ? "" : ", ") + format_size(s);
  return out;
}

std::string join_words(const std::vector<std::string> &words) {
  std::string out;
  for (const auto &w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

bool contains(const std::vector<std::string> &words, const std::string &word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

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

std::optional<double> SizedTable::at(const std::string &quality, PixelSize size) const {
  const auto row = values.find(quality);
  if (row == values.end()) return std::nullopt;
  const auto cell = row->second.find(format_size(size));
  if (cell == row->second.end()) return std::nullopt;
  return cell->second;
}

ImageModel describe_model(const std::string &name) { return lookup_model(*active_model_catalogue(), name); }

std::vector<ModelListEntry> model_list_entries(const std::vector<std::string> &names) {
  std::vector<ModelListEntry> entries;
  for (const std::string &name : names) {
    bool known = true;
    try {
      known = describe_model(name).known;
    } catch (const GenerativeError &) {
    }
    // TRANSLATORS: shown after a model's name in the settings dialog's model list
    entries.push_back({name, known ? std::string() : _("(not in the catalogue: standard sizes, no optional fields)")});
  }
  return entries;
}

bool takes_input_fidelity(const ImageModel &model) { return model.input_fidelity; }

bool takes_background(const ImageModel &model) { return model.background != BackgroundSupport::None; }

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
  if (model.size_rule != SizeRule::Multiples) {
    for (const auto &s : model.fixed_sizes)
      if (s == *parsed) return;
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("Model %s does not accept size %s; it accepts auto, %s."), model.name.c_str(),
                                      size.c_str(), join_sizes(model.fixed_sizes).c_str()));
  }
  const int w = parsed->width, h = parsed->height;
  const long long pixels = static_cast<long long>(w) * h;
  std::string why;
  if (w % model.size_step || h % model.size_step) {
    why = format_text(_("both sides must be multiples of %d"), model.size_step);
  } else if (std::max(w, h) > model.max_long_edge) {
    why = format_text(_("no side may be longer than %d"), model.max_long_edge);
  } else if (model.max_short_edge > 0 && std::min(w, h) > model.max_short_edge) {
    why = format_text(_("the largest accepted size is %dx%d (or %dx%d)"), model.max_long_edge, model.max_short_edge,
                      model.max_short_edge, model.max_long_edge);
  } else if (std::max(w, h) > model.max_aspect * std::min(w, h)) {
    why = format_text(_("the aspect ratio must lie between 1:%g and %g:1"), model.max_aspect, model.max_aspect);
  } else if (model.min_pixels > 0 && pixels < model.min_pixels) {
    why = format_text(_("it needs at least %lld pixels (e.g. 1024x640)"), model.min_pixels);
  } else if (model.max_pixels > 0 && pixels > model.max_pixels) {
    why = format_text(_("it takes at most %lld pixels"), model.max_pixels);
  } else {
    return;
  }
  throw GenerativeError(ErrorKind::InvalidArgument, format_text(_("Model %s does not accept size %s: %s."),
                                                                model.name.c_str(), size.c_str(), why.c_str()));
}

void validate_quality_for_model(const ImageModel &model, const std::string &quality) {
  if (contains(model.qualities, quality)) return;
  throw GenerativeError(ErrorKind::InvalidArgument,
                        format_text(_("Quality \"%s\" is not accepted by %s; use one of: %s."), quality.c_str(),
                                    model.name.c_str(), join_words(model.qualities).c_str()));
}

void validate_background_for_model(const ImageModel &model, const std::string &background) {
  if (background == "auto") return;
  const bool taken = background == "opaque" ? model.background != BackgroundSupport::None
                                            : model.background == BackgroundSupport::Transparent ||
                                                  model.background == BackgroundSupport::TransparentPreview;
  if (taken) return;
  throw GenerativeError(ErrorKind::InvalidArgument,
                        format_text(_("%s takes no \"%s\" background; use \"auto\" or another model."),
                                    model.name.c_str(), background.c_str()));
}

void validate_output_format_for_model(const ImageModel &model, const std::string &output_format) {
  if (output_format == "png" || contains(model.output_formats, output_format)) return;
  throw GenerativeError(ErrorKind::InvalidArgument,
                        format_text(_("%s does not answer in %s; use png or another model."), model.name.c_str(),
                                    output_format.c_str()));
}

bool takes_output_format(const ImageModel &model) {
  for (const auto &f : model.output_formats)
    if (f != "png") return true;
  return false;
}

}  // namespace gpt_image

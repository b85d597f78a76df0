#include "canvas_list.h"

#include "canvas_presets.h"
#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

std::string trimmed(const std::string &text) {
  const char *space = " \t\r\n";
  const size_t first = text.find_first_not_of(space);
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(space) - first + 1);
}

std::vector<std::string> entries_of(const std::string &text) {
  std::vector<std::string> entries;
  size_t start = 0;
  for (;;) {
    const size_t comma = text.find(',', start);
    entries.push_back(trimmed(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) return entries;
    start = comma + 1;
  }
}

}  // namespace

size_t max_canvases_per_run() { return canvas_presets().size(); }

std::vector<CanvasChoice> parse_canvas_list(const std::string &text) {
  const std::vector<std::string> entries = entries_of(text);
  if (entries.size() > max_canvases_per_run())
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("The canvas list has %d entries; one run makes at most %d images."),
                                      static_cast<int>(entries.size()), static_cast<int>(max_canvases_per_run())));
  std::vector<CanvasChoice> canvases;
  for (const std::string &entry : entries) {
    if (entry.empty())
      throw GenerativeError(ErrorKind::InvalidArgument,
                            format_text(_("The canvas list \"%s\" has an empty entry; separate the canvases by "
                                          "single commas."),
                                        text.c_str()));
    const CanvasChoice choice{entry, resolve_canvas_size(entry)};
    for (const CanvasChoice &earlier : canvases)
      if (earlier.size == choice.size)
        throw GenerativeError(
            ErrorKind::InvalidArgument,
            format_text(_("The canvas list asks twice for %dx%d (%s and %s); each size is made once."),
                        choice.size.width, choice.size.height, earlier.name.c_str(), choice.name.c_str()));
    canvases.push_back(choice);
  }
  return canvases;
}

std::vector<PixelSize> canvas_sizes_or_square(const std::string &text) {
  std::vector<PixelSize> sizes;
  for (const std::string &entry : entries_of(text)) {
    try {
      sizes.push_back(resolve_canvas_size(entry));
    } catch (const GenerativeError &) {
      // still being typed: left out of the estimate
    }
  }
  if (sizes.empty()) sizes.push_back({1024, 1024});
  return sizes;
}

bool canvas_list_names(const std::string &text, const std::string &entry) {
  for (const std::string &e : entries_of(text))
    if (e == entry) return true;
  return false;
}

std::string canvas_list_with(const std::string &text, const std::string &entry, bool on) {
  std::string out;
  for (const std::string &e : entries_of(text)) {
    if (e.empty() || e == entry) continue;  // a half-typed ",," is tidied away with it
    out += (out.empty() ? "" : ", ") + e;
  }
  if (on) out += (out.empty() ? "" : ", ") + entry;
  return out;
}

}  // namespace gpt_image

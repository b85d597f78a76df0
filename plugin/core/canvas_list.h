// Generate Image's `canvas` as a list: "square-post, story, 1200x630" asks for one new image per
// canvas. Each entry is what a single canvas takes (a preset's name or WIDTHxHEIGHT); spaces
// around the commas are ignored. Two entries of the same size are refused rather than collapsed:
// the same request twice only costs twice (variations are the way to get several pictures).
#pragma once

#include <string>
#include <vector>

#include "geometry.h"

namespace gpt_image {

struct CanvasChoice {
  std::string name;  // the entry as written, trimmed ("story", "1200x630"): how errors name it
  PixelSize size;
};

// The most canvases one run takes: one of each preset. More is refused with a sentence saying so.
size_t max_canvases_per_run();

// The entries in order. Throws GenerativeError(InvalidArgument) naming the entry at fault: an empty
// entry, an unknown preset or bad size (resolve_canvas_size's sentence), two entries of one size,
// or more than max_canvases_per_run() entries.
std::vector<CanvasChoice> parse_canvas_list(const std::string &text);

// The sizes of the list for the dialog's cost line while it is being typed: each entry that names
// a size already, or one 1024x1024 square when none does.
std::vector<PixelSize> canvas_sizes_or_square(const std::string &text);

// For the dialog's preset check boxes: whether the list names `entry`, and the list with `entry`
// added at its end (on) or every occurrence of it taken out (off); the other entries keep their
// order and text, the result is joined by ", ".
bool canvas_list_names(const std::string &text, const std::string &entry);
std::string canvas_list_with(const std::string &text, const std::string &entry, bool on);

}  // namespace gpt_image

// The History window, one source for GTK 2 (GIMP 2.10) and GTK 3 (GIMP 3): the result cache's
// entries newest first, each a thumbnail beside its prompt, model, quality, size, cost and date; a
// search field that narrows the list by prompt text; "Insert as layer" and "Use prompt".
// It knows rows, not the cache: the flow (plugin/hosts/flow_history.cc) turns cache entries into
// rows and acts on the choice. Thumbnails are read only when their row is drawn, so thousands of
// entries open as fast as a few.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <gtk/gtk.h>

namespace gpt_image {

// One entry as the window shows it; every text already formatted.
struct HistoryRow {
  std::string key;        // the request key, shown shortened, for scripts' `entry`
  std::string prompt;
  std::string details;    // "gpt-image-1 · medium · 1024x1024 · $0.042 · 2026-11-30 05:40 UTC"
  std::string thumbnail;  // path of a PNG; missing or unreadable: no picture
};

struct HistoryChoice {
  enum class Action { Close, Insert, UsePrompt };
  Action action = Action::Close;
  std::size_t row = 0;  // index into the rows given, for Insert and UsePrompt
};

// Side of the thumbnails drawn in the list (the cached ones are at most 128 pixels).
constexpr int kHistoryThumbnailSide = 64;

// The list's model: one row per entry, in the given order (column 0: the entry's index).
// Separate from the window so bench/ can measure filling it without a display.
GtkListStore *new_history_store(const std::vector<HistoryRow> &rows);

// Shows the window until the user inserts, uses a prompt or closes it. `status` is a line under
// the list (e.g. where the cache is and how large it is).
HistoryChoice run_history_window(const std::vector<HistoryRow> &rows, const std::string &status);

}  // namespace gpt_image

// The row above the prompt in both fill dialogs (GTK 2 and GTK 3): the recent prompts to pick from,
// style presets that add their phrase to the prompt, and a "Settings…" button.
#pragma once

#include <gtk/gtk.h>

#include <functional>
#include <string>
#include <vector>

namespace gpt_image {

struct PromptTools {
  std::vector<std::string> recent_prompts;             // newest first
  std::function<void(const std::string &)> pick;       // puts a recent prompt into the prompt box
  std::function<std::string()> current;                // the prompt box's text (for style presets)
  std::function<void()> settings_saved;                // e.g. recompute the cost line
  std::string settings_path;
};

// The caller keeps `tools` alive as long as the row exists.
GtkWidget *new_prompt_tools_row(PromptTools *tools);

}  // namespace gpt_image

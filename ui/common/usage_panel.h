// The settings dialog's "Usage" part: today, this month and all time (calls, success rate, median
// seconds, spend) from the usage ledger beside the settings file, and a button that opens the
// ledger's folder. One source for GTK 2 and GTK 3.
#pragma once

#include <gtk/gtk.h>

#include <string>

namespace gpt_image {

// A new widget (a frame) for the ledger at `ledger_path`; read once, when it is made.
GtkWidget *new_usage_panel(const std::string &ledger_path);

}  // namespace gpt_image

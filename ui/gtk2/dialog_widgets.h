// The GTK 2 pieces the GIMP 2.10 dialogs are built from (2.10 has no procedure dialogs).
#pragma once

#include <gtk/gtk.h>

#include <initializer_list>
#include <string>
#include <vector>
#include <utility>

namespace gpt_image {

// A labelled row of a two-column table; `focus` is what the label's mnemonic activates (the
// widget itself unless it is a container).
void add_row(GtkWidget *table, int row, const char *label_text, GtkWidget *widget, GtkWidget *focus = nullptr);

// A combo box showing translated labels for argument values; combo_text() gives the value chosen.
GtkWidget *choice_combo(std::initializer_list<std::pair<const char *, const char *>> choices,
                        const std::string &current);
GtkWidget *choice_combo(const std::vector<std::pair<std::string, std::string>> &choices, const std::string &current);
std::string combo_text(GtkWidget *combo);

GtkWidget *int_spin(int low, int high, int value);
int spin_value(GtkWidget *spin);

// A two-column table with the dialogs' spacing.
GtkWidget *form_table(int rows);

// A word-wrapping multi-line prompt box in a scrolled window; `view` receives the text view.
GtkWidget *prompt_box(const std::string &text, GtkWidget **view);
std::string text_view_text(GtkWidget *view);

}  // namespace gpt_image

// The few GTK calls whose spelling differs between GTK 2 (GIMP 2.10) and GTK 3 (GIMP 3), so the
// shared dialogs are written once.
#pragma once

#include <gtk/gtk.h>

namespace gpt_image {

inline GtkWidget *vertical_box(int spacing = 6) {
#if GTK_CHECK_VERSION(3, 0, 0)
  return gtk_box_new(GTK_ORIENTATION_VERTICAL, spacing);
#else
  return gtk_vbox_new(FALSE, spacing);
#endif
}

inline GtkWidget *horizontal_box(int spacing = 6) {
#if GTK_CHECK_VERSION(3, 0, 0)
  return gtk_box_new(GTK_ORIENTATION_HORIZONTAL, spacing);
#else
  return gtk_hbox_new(FALSE, spacing);
#endif
}

inline void align_start(GtkWidget *label) {
#if GTK_CHECK_VERSION(3, 0, 0)
  gtk_label_set_xalign(GTK_LABEL(label), 0.0);
#else
  gtk_misc_set_alignment(GTK_MISC(label), 0.0, 0.5);
#endif
}

}  // namespace gpt_image

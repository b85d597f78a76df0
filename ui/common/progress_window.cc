#include "common/progress_window.h"

#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <algorithm>
#include <chrono>

#include "common/gtk_compat.h"
#include "errors.h"
#include "i18n.h"
#include "procedure_spec.h"

namespace gpt_image {

namespace {
constexpr int kPreviewSide = 256;  // the preview fits in a square this big
}  // namespace

struct ProgressWindow::Widgets {
  GtkWidget *dialog = nullptr, *stage = nullptr, *bar = nullptr, *elapsed = nullptr, *cost = nullptr,
            *preview = nullptr;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  guint timer = 0;
  bool cancelled = false;
};

namespace {
gboolean update_elapsed(gpointer data) {
  auto *w = static_cast<ProgressWindow::Widgets *>(data);
  const long seconds = static_cast<long>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - w->started).count());
  gtk_label_set_text(GTK_LABEL(w->elapsed), format_text(_("Elapsed: %ld:%02ld"), seconds / 60, seconds % 60).c_str());
  return G_SOURCE_CONTINUE;
}

void on_response(GtkDialog *, gint, gpointer data) {
  auto *w = static_cast<ProgressWindow::Widgets *>(data);
  w->cancelled = true;  // Cancel, Escape or closing the window: all mean stop
  gtk_label_set_text(GTK_LABEL(w->stage), _("Cancelling…"));
  gtk_widget_set_sensitive(w->dialog, FALSE);
}
}  // namespace

ProgressWindow::ProgressWindow(const std::string &title, ProgressSink &also, const std::string &cost)
    : w_(new Widgets), also_(also) {
  w_->dialog = gimp_dialog_new(title.c_str(), spec::kBinaryName, nullptr, GtkDialogFlags(0),
                               nullptr, nullptr, _("_Cancel"), GTK_RESPONSE_CANCEL, nullptr);
  GtkWidget *box = vertical_box();
  gtk_container_set_border_width(GTK_CONTAINER(box), 12);
  gtk_box_pack_start(GTK_BOX(gtk_dialog_get_content_area(GTK_DIALOG(w_->dialog))), box, TRUE, TRUE, 0);
  w_->stage = gtk_label_new(_("Preparing the request…"));
  align_start(w_->stage);
  gtk_box_pack_start(GTK_BOX(box), w_->stage, FALSE, FALSE, 0);
  w_->bar = gtk_progress_bar_new();
  gtk_widget_set_size_request(w_->bar, 360, -1);
  gtk_box_pack_start(GTK_BOX(box), w_->bar, FALSE, FALSE, 0);
  w_->elapsed = gtk_label_new("");
  align_start(w_->elapsed);
  gtk_box_pack_start(GTK_BOX(box), w_->elapsed, FALSE, FALSE, 0);
  w_->cost = gtk_label_new(cost.c_str());
  align_start(w_->cost);
  gtk_label_set_line_wrap(GTK_LABEL(w_->cost), TRUE);
  gtk_box_pack_start(GTK_BOX(box), w_->cost, FALSE, FALSE, 0);
  w_->preview = gtk_image_new();
  gtk_widget_set_size_request(w_->preview, kPreviewSide, kPreviewSide);
  gtk_box_pack_start(GTK_BOX(box), w_->preview, TRUE, TRUE, 0);
  g_signal_connect(w_->dialog, "response", G_CALLBACK(on_response), w_.get());
  update_elapsed(w_.get());
  w_->timer = g_timeout_add(250, update_elapsed, w_.get());
  gtk_widget_show_all(w_->dialog);
}

ProgressWindow::~ProgressWindow() {
  if (w_->timer) g_source_remove(w_->timer);
  gtk_widget_destroy(w_->dialog);
}

void ProgressWindow::set_text(const std::string &text) {
  also_.set_text(text);
  if (!w_->cancelled) gtk_label_set_text(GTK_LABEL(w_->stage), text.c_str());
}

// The estimate gives way to what the answer says it cost; the same line follows placement as a
// message, which stays where the window does not.
void ProgressWindow::show_cost(const std::string &text) {
  also_.show_cost(text);
  gtk_label_set_text(GTK_LABEL(w_->cost), text.c_str());
}

void ProgressWindow::set_fraction(double fraction) {
  also_.set_fraction(fraction);
  gtk_progress_bar_set_fraction(GTK_PROGRESS_BAR(w_->bar), std::clamp(fraction, 0.0, 1.0));
}

void ProgressWindow::pulse() {
  also_.pulse();
  gtk_progress_bar_pulse(GTK_PROGRESS_BAR(w_->bar));
}

// The picture comes decoded (on the transfer's thread) and no larger than the request: here it is
// only shrunk to the preview's square.
void ProgressWindow::preview(int index, const Raster *picture) {
  also_.preview(index, nullptr);
  if (!picture || picture->width <= 0 || picture->height <= 0 || picture->channels != 4) return;
  GdkPixbuf *full = gdk_pixbuf_new_from_data(picture->pixels.data(), GDK_COLORSPACE_RGB, TRUE, 8, picture->width,
                                             picture->height, static_cast<int>(picture->stride()), nullptr, nullptr);
  const double scale = std::min(static_cast<double>(kPreviewSide) / picture->width,
                                static_cast<double>(kPreviewSide) / picture->height);
  GdkPixbuf *fitted = gdk_pixbuf_scale_simple(full, std::max(1, static_cast<int>(picture->width * scale)),
                                              std::max(1, static_cast<int>(picture->height * scale)),
                                              GDK_INTERP_BILINEAR);
  gtk_image_set_from_pixbuf(GTK_IMAGE(w_->preview), fitted);
  g_object_unref(fitted);
  g_object_unref(full);
}

bool ProgressWindow::cancelled() const { return w_->cancelled; }

}  // namespace gpt_image

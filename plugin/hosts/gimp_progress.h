// Core progress shown in GIMP's progress bar. libgimp has the same progress calls in 2.10 and 3,
// so this one header serves both adapters.
#pragma once

#include <libgimp/gimp.h>

#include "i18n.h"
#include "progress_sink.h"

namespace gpt_image {

class GimpProgress : public ProgressSink {
 public:
  explicit GimpProgress(const char *first_text) { gimp_progress_init(first_text); }
  ~GimpProgress() override { gimp_progress_end(); }
  void set_text(const std::string &text) override { gimp_progress_set_text(text.c_str()); }
  void set_fraction(double fraction) override { gimp_progress_update(fraction); }
  void pulse() override { gimp_progress_pulse(); }
  void preview(int index, const Raster *) override {
    gimp_progress_set_text(format_text(_("Preview %d arrived; waiting for the finished image…"), index + 1).c_str());
  }
};

}  // namespace gpt_image

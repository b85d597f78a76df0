// The plug-in's own progress window for interactive runs (like G'MIC-Qt's): the stage, the time so
// far, the estimated cost (what the call cost once the answer is in), the latest streamed preview,
// and a Cancel button that stops the transfer at once. It is a ProgressSink used on the main thread
// (see background_job.h); GIMP's own progress bar is kept informed as well.
#pragma once

#include <memory>
#include <string>

#include "progress_sink.h"

namespace gpt_image {

class ProgressWindow : public ProgressSink {
 public:
  // `title` names the job ("Generative Fill in progress"); `also` receives every report too (GIMP's
  // progress bar); `cost` is the dialog's cost line.
  ProgressWindow(const std::string &title, ProgressSink &also, const std::string &cost);
  ~ProgressWindow() override;

  void set_text(const std::string &text) override;
  void set_fraction(double fraction) override;
  void pulse() override;
  void show_cost(const std::string &text) override;
  void preview(int index, const Raster *picture) override;
  bool wants_preview_pixels() const override { return true; }
  bool cancelled() const override;

  struct Widgets;  // GTK's widgets and the window's state (progress_window.cc)

 private:
  std::unique_ptr<Widgets> w_;
  ProgressSink &also_;
};

}  // namespace gpt_image

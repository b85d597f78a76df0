// What each GIMP version hands the flows (flows.h) for one run of a procedure: how it was started,
// its arguments, and its dialog. GIMP 2.10 (gimp2/gimp2_plugin.cc) reads a script's params or the
// remembered last values and shows the hand-built GTK 2 dialog; GIMP 3 (gimp3/gimp3_plugin.cc)
// reads the procedure's config and shows GimpProcedureDialog. Everything else is written once.
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "common/reference_picker.h"
#include "gimp_facade.h"
#include "procedures.h"

namespace gpt_image {

enum class RunMode { Interactive, NonInteractive, WithLastValues };  // GimpRunMode, in both versions

// A script called the procedure wrongly (GIMP 2.10: the wrong number of params): the text says how
// to call it. GIMP answers with a calling error rather than an execution error.
class CallingError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using CostDescriber = std::function<std::string(const procedures::ArgumentValues &)>;

class ProcedureCall {
 public:
  virtual ~ProcedureCall() = default;
  virtual RunMode run_mode() const = 0;
  // For procedures on an image: the image, and the first drawable chosen (may be none).
  virtual gimp::ImageId image() const { return {}; }
  virtual gimp::ItemId drawable() const { return {}; }
  // The run's arguments: what a script passed, or what was used last (GIMP 2.10 keeps them itself
  // by name, GIMP 3 in the config). Throws CallingError for a call GIMP 2.10 cannot read.
  virtual procedures::ArgumentValues arguments() = 0;
  // The procedure's dialog over `values`, with `references` below the choices; false when
  // cancelled. On OK `values` hold the choices (the references are read from the chooser after).
  virtual bool show_dialog(procedures::ArgumentValues &values, const CostDescriber &describe_cost,
                           const std::vector<std::string> &recent_prompts, const std::string &settings_path,
                           ReferencePicker &references) = 0;
  // Keeps the chosen values for the next run with the last values (before the request, so a failed
  // call does not lose the prompt).
  virtual void remember(const procedures::ArgumentValues &values) = 0;
};

// How a run ended, for the version to turn into GIMP's return values.
struct Outcome {
  enum class Status { Success, Cancel, ExecutionError, CallingError };
  Outcome(Status status, std::string message = "", int result = 0)
      : status(status), message(std::move(message)), result(result) {}
  Status status;
  std::string message;  // the error's text; empty otherwise
  int result;           // the returned layer's or image's id, on success
  std::vector<double> figures;  // Returns::Figures: the procedure's figures, in its table's order
};

}  // namespace gpt_image

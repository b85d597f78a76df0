#include "flows.h"
#include "flow_steps.h"

#include <libgimp/gimp.h>

#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "canvas_list.h"
#include "canvas_presets.h"
#include "common/gimp_ui_init.h"
#include "common/settings_dialog.h"
#include "connection_settings.h"
#include "cost_line.h"
#include "errors.h"
#include "flow_accounting.h"
#include "flow_formats.h"
#include "generate_layer.h"
#include "i18n.h"
#include "image_access.h"
#include "model_catalogue.h"
#include "plugin_settings.h"
#include "procedure_spec.h"
#include "prompt_history.h"
#include "prompt_handover.h"
#include "reference_images.h"
#include "removal.h"
#include "run_and_place.h"
#include "settings_arguments.h"

namespace gpt_image {

namespace {

using Status = Outcome::Status;
using procedures::ArgumentValues;

// Where this GIMP keeps the plug-in's settings and recent prompts.
std::string settings_path() { return settings_path_in_profile(gimp_directory()); }

// Runs `flow`, turning what it throws into the outcome GIMP reports: a cancel says nothing, a
// known error says its sentence, anything else `unexpected` (c-format, the exception's text).
Outcome guarded(const char *unexpected, const std::function<Outcome()> &flow) {
  try {
    return flow();
  } catch (const CallingError &e) {
    return {Status::CallingError, e.what()};
  } catch (const GenerativeError &e) {
    if (e.kind() == ErrorKind::Cancelled) return {Status::Cancel};
    return {Status::ExecutionError, e.what()};
  } catch (const std::exception &e) {
    return {Status::ExecutionError, format_text(unexpected, e.what())};
  }
}

// The run's arguments. Only a script's own call may take answers from the result cache: an
// interactive run starts at "off" (the user pressed OK to get something new; the dialog may choose
// reuse for that run), and Repeat never reuses because an earlier dialog once chose it.
ArgumentValues run_arguments(ProcedureCall &call) {
  ArgumentValues values = call.arguments();
  if (call.run_mode() != RunMode::NonInteractive && values.procedure().find(spec::kArgCache))
    values.set_text(spec::kArgCache, "off");
  return values;
}

// The procedure's dialog with the reference chooser (every open layer; those in `values` ticked,
// at most as many as the table's references row takes). On OK `values` hold the choices, and the
// prompt and the values are remembered. False when cancelled.
// A dialog without the chooser (Remove's) sends no references.
bool ask(ProcedureCall &call, ArgumentValues &values, const CostDescriber &describe_cost) {
  init_gimp_ui();  // before the chooser's widgets: GTK needs its display first
  const int most = values.procedure().find(spec::kArgReferences)->max;
  const bool chooser = procedures::dialog_layout(values.procedure()).reference_chooser;
  ReferencePicker picker(chooser ? reference_candidates() : std::vector<ReferenceCandidate>{},
                         chooser ? values.layers(spec::kArgReferences) : std::vector<int>{}, most);
  const bool has_prompt = values.procedure().find(spec::kArgPrompt) != nullptr;
  const std::string history = prompt_history_path_in_profile(gimp_directory());
  const std::vector<std::string> recent = has_prompt ? load_prompt_history(history) : std::vector<std::string>{};
  if (!call.show_dialog(values, describe_cost, recent, settings_path(), picker)) return false;
  values.set_layers(spec::kArgReferences, picker.chosen());
  if (has_prompt) remember_prompt_quietly(history, values.text(spec::kArgPrompt));
  call.remember(values);
  return true;
}

// Generate Layer's and Generate Image's request for `target`; returns the layers to place.
LayersToPlace generate(const ArgumentValues &values, const PixelRect &target, bool interactive,
                       const char *progress_text, const char *window_title) {
  const std::string settings = settings_path();
  const GenerateOptions options = procedures::generate_options(values);
  const ConnectionSettings connection = accounted_connection(settings, values);
  const std::vector<int> &reference_ids = values.layers(spec::kArgReferences);
  validate_generate_options(options, describe_model(connection.model), reference_ids.size());
  const std::vector<Raster> references = read_references(reference_ids);
  return run_with_progress(
      progress_text, window_title, interactive, [&] { return generate_cost(options, target.size(), settings); },
      [&](ProgressSink &progress) { return run_generate_layer(options, target, references, connection, progress); });
}

}  // namespace

namespace {

// What Generative Fill and Remove differ in; the rest of their run is one.
struct FillFlavour {
  const char *unexpected, *progress_text, *window_title;  // _(): c-format, then plain texts
  FillOptions (*options)(const ArgumentValues &);
  std::string (*layer_name)(const ArgumentValues &);  // nullptr: the core's, from the prompt
  bool needs_selection;
};

// Remove without a selection: refused before anything is asked (the job refuses it again when it
// reads the pixels, in case the selection went while the dialog was open).
void check_selection_for(const FillFlavour &flavour, GimpImageSource &source) {
  if (flavour.needs_selection && !source.selection_bounds())
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("Remove needs a selection: select what should disappear, then choose Remove again."));
}

Outcome run_fill(ProcedureCall &call, const FillFlavour &flavour) {
  return guarded(flavour.unexpected, [&] {
    const std::string settings = settings_path();
    const gimp::ImageId image = call.image();
    const gimp::ItemId anchor = anchor_for(call.drawable());  // with several drawables, the first
    check_image_takes_fill(image);  // before the dialog: nothing to ask when it cannot work
    ArgumentValues values = run_arguments(call);  // a script's wrong call is told so first
    GimpImageSource source(image, anchor);
    check_selection_for(flavour, source);
    const bool interactive = call.run_mode() == RunMode::Interactive;
    if (interactive) {
      // History's "Use prompt" (flow_history.cc) left a prompt for this dialog.
      if (values.procedure().find(spec::kArgPrompt))
        if (auto handed = take_handed_over_prompt(prompt_handover_path_in_profile(gimp_directory())))
          values.set_text(spec::kArgPrompt, *handed);
      auto describe_cost = [&](const ArgumentValues &chosen) {
        try {
          return fill_cost_line(source, flavour.options(chosen), settings);
        } catch (const GenerativeError &e) {  // e.g. a hint too long: said where the cost would be
          return std::string(e.what());
        }
      };
      if (!ask(call, values, describe_cost)) return Outcome{Status::Cancel};
    }
    const FillOptions options = flavour.options(values);
    const ConnectionSettings connection = accounted_connection(settings, values);
    const std::vector<int> &reference_ids = values.layers(spec::kArgReferences);
    validate_reference_count(describe_model(connection.model), reference_ids.size(), true);
    const std::vector<Raster> references = read_references(reference_ids);
    LayersToPlace placement = run_with_progress(
        flavour.progress_text, flavour.window_title, interactive,
        [&] { return fill_cost(source, options, settings); },
        [&](ProgressSink &progress) { return run_generative_fill(source, options, connection, progress, references); });
    if (flavour.layer_name) placement.layer_name = flavour.layer_name(values);
    const int result = place_and_report(placement, [&] {
      GimpLayerTarget target(image, anchor);
      return place_layers(target, placement);
    });
    if (call.run_mode() != RunMode::NonInteractive) gimp_displays_flush();
    return Outcome{Status::Success, "", result};
  });
}

std::string remove_layer_name(const ArgumentValues &values) { return removal_layer_name(values.text(spec::kArgHint)); }

}  // namespace

Outcome run_edit(ProcedureCall &call) {
  const FillFlavour fill{_("Generative Fill failed unexpectedly: %s"), _("Generative Fill…"),
                                _("Generative Fill in progress"), procedures::fill_options, nullptr, false};
  return run_fill(call, fill);
}

Outcome run_remove(ProcedureCall &call) {
  const FillFlavour removal{_("Remove failed unexpectedly: %s"), _("Removing…"), _("Remove in progress"),
                                   procedures::remove_options, remove_layer_name, true};
  return run_fill(call, removal);
}

Outcome run_generate_layer(ProcedureCall &call) {
  return guarded(_("Generate Layer failed unexpectedly: %s"), [&] {
    const gimp::ImageId image = call.image();
    const gimp::ItemId anchor = anchor_for(call.drawable());
    check_image_takes_generated_layers(image);
    GimpImageSource canvas(image, anchor);
    const PixelSize canvas_size = canvas.canvas_size();
    const PixelRect target = generation_target(canvas_size, canvas.selection_bounds());
    ArgumentValues values = run_arguments(call);
    const bool interactive = call.run_mode() == RunMode::Interactive;
    const std::string settings = settings_path();
    auto describe_cost = [&](const ArgumentValues &chosen) {
      return generate_cost_line(procedures::generate_options(chosen), target.size(), settings);
    };
    if (interactive && !ask(call, values, describe_cost)) return Outcome{Status::Cancel};
    LayersToPlace placement =
        generate(values, target, interactive, _("Generate Layer…"), _("Generate Layer in progress"));
    placement.canvas = canvas_size;  // a crop while waiting would misplace the layer: refused
    const int result = place_and_report(placement, [&] {
      GimpLayerTarget layers(image, anchor);
      return place_layers(layers, placement);
    });
    if (call.run_mode() != RunMode::NonInteractive) gimp_displays_flush();
    return Outcome{Status::Success, "", result};
  });
}

Outcome run_new_image(ProcedureCall &call) {
  return guarded(_("Generate Image failed unexpectedly: %s"), [&] {
    ArgumentValues values = run_arguments(call);
    const bool interactive = call.run_mode() == RunMode::Interactive;
    const std::string settings = settings_path();
    auto describe_cost = [&](const ArgumentValues &chosen) {
      return generate_cost_line(procedures::generate_options(chosen),
                                canvas_sizes_or_square(chosen.text(spec::kArgCanvas)), settings);
    };
    if (interactive && !ask(call, values, describe_cost)) return Outcome{Status::Cancel};
    // Several canvases: their own run (flow_formats.h), side by side.
    const std::vector<CanvasChoice> canvases = parse_canvas_list(values.text(spec::kArgCanvas));
    if (canvases.size() > 1) return Outcome{Status::Success, "", run_new_images(values, canvases, interactive).id};
    const PixelSize canvas = canvases.front().size;
    LayersToPlace placement = generate(values, {0, 0, canvas.width, canvas.height}, interactive,
                                       _("Generate Image…"), _("Generate Image in progress"));
    // The image is made only now that the answer is here: a failed run leaves nothing behind.
    const gimp::ImageId image = place_and_report(placement, [&] { return make_new_image(canvas, placement); });
    if (interactive) {
      gimp::show_in_display(image);
      gimp_displays_flush();
    }
    return Outcome{Status::Success, "", image.id};
  });
}

Outcome run_settings(ProcedureCall &call) {
  return guarded(_("Settings failed unexpectedly: %s"), [&] {
    const std::string path = settings_path();
    switch (call.run_mode()) {
      case RunMode::Interactive: return Outcome{run_settings_dialog(path) ? Status::Success : Status::Cancel};
      case RunMode::NonInteractive: save_settings_from_arguments(path, call.arguments()); break;
      case RunMode::WithLastValues: break;  // the settings are saved already
    }
    return Outcome{Status::Success};
  });
}

}  // namespace gpt_image

// The steps above, for flows written in files of their own (flow_steps.h).
namespace gpt_image::flow_steps {

std::string settings_path() { return gpt_image::settings_path(); }
Outcome guarded(const char *unexpected, const std::function<Outcome()> &flow) {
  return gpt_image::guarded(unexpected, flow);
}
bool ask(ProcedureCall &call, procedures::ArgumentValues &values, const CostDescriber &describe_cost) {
  return gpt_image::ask(call, values, describe_cost);
}
procedures::ArgumentValues run_arguments(ProcedureCall &call) { return gpt_image::run_arguments(call); }

}  // namespace gpt_image::flow_steps

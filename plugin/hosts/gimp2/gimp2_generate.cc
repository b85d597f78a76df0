#include "gimp2/gimp2_generate.h"

#include <libgimp/gimpui.h>

#include <cstring>
#include <exception>

#include "canvas_presets.h"
#include "cost_line.h"
#include "errors.h"
#include "generate_layer.h"
#include "gtk2/generate_dialog_gimp2.h"
#include "gimp2/gimp2_procedures.h"
#include "gimp2/gimp2_last_values.h"
#include "gimp2/gimp2_return_values.h"
#include "i18n.h"
#include "image_access.h"
#include "layer_placement.h"
#include "plugin_settings.h"
#include "procedure_spec.h"
#include "procedures.h"
#include "prompt_history.h"
#include "reference_images.h"
#include "run_and_place.h"

namespace gpt_image {

namespace {

struct DialogState {
  GenerateDialogValues values;
  std::vector<gint32> references;
};

// Generate Layer's and Generate Image's last values by argument name (only Generate Image uses the
// canvas). Reference ids are remembered too: they stay valid while the images are open.
std::vector<LastValue> generate_last_values(DialogState &state) {
  GenerateDialogValues &v = state.values;
  return {LastValue::text(spec::kArgPrompt, v.prompt),
          LastValue::text(spec::kArgCanvas, v.canvas),
          LastValue::text(spec::kArgQuality, v.quality),
          LastValue::text(spec::kArgSize, v.size),
          LastValue::number(spec::kArgVariations, v.variations, 1, kMaxVariations),
          LastValue::text(spec::kArgBackground, v.background),
          LastValue::text(spec::kArgOutputFormat, v.output_format),
          LastValue::number(spec::kArgOutputCompression, v.output_compression, 0, 100),
          LastValue::number(spec::kArgPartialImages, v.partial_images, 0, kMaxPartialImages),
          LastValue::text(spec::kArgFit, v.fit),
          LastValue::text(spec::kArgInputFidelity, v.input_fidelity),
          LastValue::ids(spec::kArgReferences, state.references, kMaxImagesPerRequest)};
}

DialogState load_last_values(const char *procedure) {
  DialogState state;  // the procedure's defaults
  load_last_values_gimp2(procedure, generate_last_values(state));
  return state;
}

// A script's arguments, read by name into the dialog's values.
void read_arguments(gint nparams, const GimpParam *param, const procedures::Procedure &table, DialogState &state) {
  procedures::ArgumentValues arguments(table);
  read_params(nparams, param, arguments);
  static_cast<GenerateOptions &>(state.values) = procedures::generate_options(arguments);
  if (table.find(spec::kArgCanvas)) state.values.canvas = arguments.text(spec::kArgCanvas);
  state.references = arguments.layers(spec::kArgReferences);
}

// The dialog with the reference chooser; false when cancelled. Remembers the prompt and the values.
bool run_dialog(const char *procedure, bool new_image, const PixelRect &target, DialogState &state) {
  const std::string settings_path = settings_path_in_profile(gimp_directory());
  const std::string history = prompt_history_path_in_profile(gimp_directory());
  gimp_ui_init(spec::kBinaryName, FALSE);  // before the chooser's widgets: GTK needs its display first
  ReferencePicker picker(reference_candidates(), state.references, kMaxImagesPerRequest);
  auto describe_cost = [&](const GenerateDialogValues &chosen) {
    return generate_cost_line(chosen, new_image ? canvas_size_or_square(chosen.canvas) : target.size(), settings_path);
  };
  if (!run_generate_dialog_gimp2(state.values, new_image, describe_cost, load_prompt_history(history), settings_path,
                                 &picker))
    return false;
  state.references = picker.chosen();
  remember_prompt_quietly(history, state.values.prompt);
  // Before the request, so a failed call does not lose the prompt.
  store_last_values_gimp2(procedure, generate_last_values(state));
  return true;
}

// Runs the request for `target` and returns the placement, or throws.
LayersToPlace generate(const DialogState &state, const PixelRect &target, bool interactive, const char *progress_text,
                       const char *window_title) {
  const std::string settings_path = settings_path_in_profile(gimp_directory());
  const ConnectionSettings connection = resolve_connection(settings_path);
  validate_generate_options(state.values, describe_model(connection.model), state.references.size());
  const std::vector<Raster> references = read_references(state.references);
  return run_with_progress(
      progress_text, window_title, interactive,
      [&] { return generate_cost_line(state.values, target.size(), settings_path); },
      [&](ProgressSink &progress) { return run_generate_layer(state.values, target, references, connection, progress); });
}

void run_generate_layer_procedure(gint nparams, const GimpParam *param, gint *nreturn_vals, GimpParam **return_vals) {
  const auto run_mode = static_cast<GimpRunMode>(param[0].data.d_int32);
  const gimp::ImageId image{param[1].data.d_image};
  const gimp::ItemId anchor = anchor_for({param[2].data.d_drawable});
  check_image_takes_generated_layers(image);
  GimpImageSource canvas(image, anchor);
  const PixelSize canvas_size = canvas.canvas_size();
  const PixelRect target = generation_target(canvas_size, canvas.selection_bounds());
  DialogState state = load_last_values(spec::kGenerateProcedure);
  if (run_mode == GIMP_RUN_NONINTERACTIVE) {
    if (nparams != full_param_count(procedures::generate()))
      return set_status(nreturn_vals, return_vals, GIMP_PDB_CALLING_ERROR,
                        _("plug-in-gpt-image-generate takes run-mode, image, drawable, prompt, quality, size, "
                          "variations, background, output-format, output-compression, partial-images, fit, "
                          "input-fidelity, num-references, references."));
    read_arguments(nparams, param, procedures::generate(), state);
  } else if (run_mode == GIMP_RUN_INTERACTIVE && !run_dialog(spec::kGenerateProcedure, false, target, state)) {
    return set_status(nreturn_vals, return_vals, GIMP_PDB_CANCEL, "");
  }
  LayersToPlace placement =
      generate(state, target, run_mode == GIMP_RUN_INTERACTIVE, _("Generate Layer…"), _("Generate Layer in progress"));
  placement.canvas = canvas_size;  // a crop while waiting would misplace the layer: refused
  const gint32 result = place_and_report(placement, [&] {
    GimpLayerTarget layers(image, anchor);
    return place_layers(layers, placement);
  });
  if (run_mode != GIMP_RUN_NONINTERACTIVE) gimp_displays_flush();
  set_result(nreturn_vals, return_vals, GIMP_PDB_LAYER, result);
}

void run_new_image_procedure(gint nparams, const GimpParam *param, gint *nreturn_vals, GimpParam **return_vals) {
  const auto run_mode = static_cast<GimpRunMode>(param[0].data.d_int32);
  DialogState state = load_last_values(spec::kNewProcedure);
  if (run_mode == GIMP_RUN_NONINTERACTIVE) {
    if (nparams != full_param_count(procedures::new_image()))
      return set_status(nreturn_vals, return_vals, GIMP_PDB_CALLING_ERROR,
                        _("plug-in-gpt-image-new takes run-mode, canvas, prompt, quality, size, variations, "
                          "background, output-format, output-compression, partial-images, fit, input-fidelity, "
                          "num-references, references."));
    read_arguments(nparams, param, procedures::new_image(), state);
  } else if (run_mode == GIMP_RUN_INTERACTIVE && !run_dialog(spec::kNewProcedure, true, {}, state)) {
    return set_status(nreturn_vals, return_vals, GIMP_PDB_CANCEL, "");
  }
  const PixelSize canvas = resolve_canvas_size(state.values.canvas);
  LayersToPlace placement = generate(state, {0, 0, canvas.width, canvas.height}, run_mode == GIMP_RUN_INTERACTIVE,
                                     _("Generate Image…"), _("Generate Image in progress"));
  // The image is made only now that the answer is here: a failed run leaves nothing behind.
  const gint32 image = place_and_report(placement, [&] {
    const gint32 made = gimp_image_new(canvas.width, canvas.height, GIMP_RGB);
    gimp_image_undo_disable(made);  // a new image starts without history
    try {
      GimpLayerTarget layers({made}, {});
      place_layers(layers, placement);
    } catch (...) {
      gimp_image_delete(made);
      throw;
    }
    gimp_image_undo_enable(made);
    gimp_image_clean_all(made);
    return made;
  });
  if (run_mode == GIMP_RUN_INTERACTIVE) {
    gimp_display_new(image);
    gimp_displays_flush();
  }
  set_result(nreturn_vals, return_vals, GIMP_PDB_IMAGE, image);
}

}  // namespace

void run_generate_gimp2(const gchar *name, gint nparams, const GimpParam *param, gint *nreturn_vals,
                        GimpParam **return_vals) {
  const bool new_image = std::strcmp(name, spec::kNewProcedure) == 0;
  try {
    if (nparams < (new_image ? 1 : 3))
      return set_status(nreturn_vals, return_vals, GIMP_PDB_CALLING_ERROR, _("Unknown procedure or missing arguments."));
    if (new_image)
      run_new_image_procedure(nparams, param, nreturn_vals, return_vals);
    else
      run_generate_layer_procedure(nparams, param, nreturn_vals, return_vals);
  } catch (const GenerativeError &e) {
    set_status(nreturn_vals, return_vals, e.kind() == ErrorKind::Cancelled ? GIMP_PDB_CANCEL : GIMP_PDB_EXECUTION_ERROR,
               e.kind() == ErrorKind::Cancelled ? "" : e.what());
  } catch (const std::exception &e) {
    set_status(nreturn_vals, return_vals, GIMP_PDB_EXECUTION_ERROR,
               format_text(new_image ? _("Generate Image failed unexpectedly: %s")
                                     : _("Generate Layer failed unexpectedly: %s"),
                           e.what()));
  }
}

}  // namespace gpt_image

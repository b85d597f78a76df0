// GIMP 2.10 entry point: registers the procedures and turns their arguments into core requests.
#include <libgimp/gimp.h>
#include <libgimp/gimpui.h>

#include <chrono>
#include <cstring>
#include <exception>
#include <memory>
#include <string>

#include "errors.h"
#include "generative_fill.h"
#include "common/progress_window.h"
#include "common/settings_dialog.h"
#include "gtk2/fill_dialog_gimp2.h"
#include "gimp2/gimp2_generate.h"
#include "gimp2/gimp2_procedures.h"
#include "gimp2/gimp2_last_values.h"
#include "gimp2/gimp2_return_values.h"
#include "gimp_progress.h"
#include "i18n.h"
#include "image_access.h"
#include "model_catalogue.h"
#include "cost_line.h"
#include "procedure_spec.h"
#include "procedures.h"
#include "prompt_history.h"
#include "quick_start.h"
#include "reference_images.h"
#include "run_and_place.h"
#include "settings_arguments.h"

namespace {

using namespace gpt_image;

// Before main(): see quick_start.h.
[[maybe_unused]] const bool babl_cache_skipped = skip_babl_fish_cache();

// Generative Fill's last values by argument name; what `values` and `references` hold is read
// into them (the defaults before loading) or written from them.
std::vector<LastValue> fill_last_values(FillDialogValues &values, std::vector<gint32> &references) {
  return {LastValue::text(spec::kArgPrompt, values.prompt),
          LastValue::text(spec::kArgQuality, values.quality),
          LastValue::text(spec::kArgSize, values.size),
          LastValue::number(spec::kArgVariations, values.variations, 1, kMaxVariations),
          LastValue::text(spec::kArgBackground, values.background),
          LastValue::text(spec::kArgInputFidelity, values.input_fidelity),
          LastValue::text(spec::kArgOutputFormat, values.output_format),
          LastValue::number(spec::kArgOutputCompression, values.output_compression, 0, 100),
          LastValue::number(spec::kArgContextMargin, values.context_margin, kAutoMargin, kMaxMargin),
          LastValue::number(spec::kArgFeatherRadius, values.feather_radius, kAutoEdge, kMaxFeatherRadius),
          LastValue::text(spec::kArgSample, values.sample),
          LastValue::toggle(spec::kArgColorMatch, values.color_match),
          LastValue::number(spec::kArgMaskGrow, values.mask_grow, kAutoEdge, kMaxMaskGrow),
          LastValue::number(spec::kArgPartialImages, values.partial_images, 0, kMaxPartialImages),
          LastValue::ids(spec::kArgReferences, references, kMaxImagesPerRequest - 1)};
}

void query() {
  // GIMP 2.10 translates menu labels and blurbs itself, with the domain registered here.
  gimp_plugin_domain_register(GETTEXT_PACKAGE, bind_plugin_translations(gimp_get_progname()).c_str());
  for (const procedures::Procedure *procedure : procedures::all()) install_procedure(*procedure);
}

void run_settings(gint nparams, const GimpParam *param, gint *nreturn_vals, GimpParam **return_vals) {
  const auto run_mode = static_cast<GimpRunMode>(param[0].data.d_int32);
  const std::string path = settings_path_in_profile(gimp_directory());
  try {
    if (run_mode == GIMP_RUN_INTERACTIVE) {
      if (!run_settings_dialog(path)) return set_status(nreturn_vals, return_vals, GIMP_PDB_CANCEL, "");
    } else if (run_mode == GIMP_RUN_NONINTERACTIVE) {
      if (nparams != full_param_count(procedures::settings()))
        return set_status(nreturn_vals, return_vals, GIMP_PDB_CALLING_ERROR,
                           _("plug-in-gpt-image-settings takes run-mode, base-url, model, organization, "
                             "project, timeout, ca-file, retries, connect-timeout, stall-timeout."));
      procedures::ArgumentValues arguments(procedures::settings());
      read_params(nparams, param, arguments);
      save_settings_from_arguments(path, arguments);
    }
    set_status(nreturn_vals, return_vals, GIMP_PDB_SUCCESS, "");
  } catch (const GenerativeError &e) {
    set_status(nreturn_vals, return_vals, GIMP_PDB_EXECUTION_ERROR, e.what());
  }
}

void run(const gchar *name, gint nparams, const GimpParam *param, gint *nreturn_vals, GimpParam **return_vals) {
  bind_plugin_translations(gimp_get_progname());
  // The user's model catalogue amends the shipped one; it is read on the first describe_model().
  set_user_catalogue_path(user_catalogue_path_in_profile(gimp_directory()));
  gegl_init(nullptr, nullptr);
  if (std::strcmp(name, spec::kSettingsProcedure) == 0 && nparams >= 1)
    return run_settings(nparams, param, nreturn_vals, return_vals);
  if (std::strcmp(name, spec::kGenerateProcedure) == 0 || std::strcmp(name, spec::kNewProcedure) == 0)
    return run_generate_gimp2(name, nparams, param, nreturn_vals, return_vals);
  if (std::strcmp(name, spec::kEditProcedure) != 0 || nparams < 3)
    return set_status(nreturn_vals, return_vals, GIMP_PDB_CALLING_ERROR, _("Unknown procedure or missing arguments."));
  const auto run_mode = static_cast<GimpRunMode>(param[0].data.d_int32);
  const gimp::ImageId image{param[1].data.d_image};
  const gimp::ItemId drawable = anchor_for({param[2].data.d_drawable});

  try {
    check_image_takes_fill(image);  // before the dialog: nothing to ask when it cannot work
  } catch (const GenerativeError &e) {
    return set_status(nreturn_vals, return_vals, GIMP_PDB_EXECUTION_ERROR, e.what());
  }
  std::vector<gint32> reference_ids;
  FillDialogValues values;  // the procedure's defaults
  load_last_values_gimp2(spec::kEditProcedure, fill_last_values(values, reference_ids));
  if (run_mode == GIMP_RUN_NONINTERACTIVE) {
    // Also without the last row: scripts written before references were appended.
    const int full = full_param_count(procedures::edit());
    if (nparams != full && nparams != full - 2)
      return set_status(nreturn_vals, return_vals, GIMP_PDB_CALLING_ERROR,
                         _("plug-in-gpt-image-edit takes run-mode, image, drawable, prompt, quality, size, "
                           "variations, background, input-fidelity, output-format, output-compression, "
                           "context-margin, feather-radius, sample, color-match, mask-grow, partial-images, "
                           "num-references, references."));
    procedures::ArgumentValues arguments(procedures::edit());
    read_params(nparams, param, arguments);
    values = procedures::fill_options(arguments);
    reference_ids = arguments.layers(spec::kArgReferences);
  } else if (run_mode == GIMP_RUN_INTERACTIVE) {
    GimpImageSource preview(image, drawable);
    const std::string settings_path = settings_path_in_profile(gimp_directory());
    auto describe_cost = [&](const FillDialogValues &chosen) {
      return fill_cost_line(preview, chosen, settings_path);
    };
    const std::string history = prompt_history_path_in_profile(gimp_directory());
    gimp_ui_init(spec::kBinaryName, FALSE);  // before the chooser's widgets: GTK needs its display first
    ReferencePicker picker(reference_candidates(), reference_ids, kMaxImagesPerRequest - 1);
    if (!run_fill_dialog_gimp2(values, describe_cost, load_prompt_history(history), settings_path, &picker))
      return set_status(nreturn_vals, return_vals, GIMP_PDB_CANCEL, "");
    reference_ids = picker.chosen();
    remember_prompt_quietly(history, values.prompt);
    // Before the request, so a failed call does not lose the prompt.
    store_last_values_gimp2(spec::kEditProcedure, fill_last_values(values, reference_ids));
  }

  try {
    const std::string settings_path = settings_path_in_profile(gimp_directory());
    const ConnectionSettings connection = resolve_connection(settings_path);
    const FillOptions &options = values;
    validate_reference_count(describe_model(connection.model), reference_ids.size(), true);
    const std::vector<Raster> references = read_references(reference_ids);
    GimpImageSource source(image, drawable);
    LayersToPlace placement = run_with_progress(
        _("Generative Fill…"), _("Generative Fill in progress"), run_mode == GIMP_RUN_INTERACTIVE,
        [&] { return fill_cost_line(source, options, settings_path); },
        [&](ProgressSink &progress) { return run_generative_fill(source, options, connection, progress, references); });
    const gint32 result = place_and_report(placement, [&] {
      GimpLayerTarget target(image, drawable);
      return place_layers(target, placement);
    });
    if (run_mode != GIMP_RUN_NONINTERACTIVE) gimp_displays_flush();
    set_result(nreturn_vals, return_vals, GIMP_PDB_LAYER, result);
  } catch (const GenerativeError &e) {
    set_status(nreturn_vals, return_vals, e.kind() == ErrorKind::Cancelled ? GIMP_PDB_CANCEL : GIMP_PDB_EXECUTION_ERROR,
               e.kind() == ErrorKind::Cancelled ? "" : e.what());
  } catch (const std::exception &e) {
    set_status(nreturn_vals, return_vals, GIMP_PDB_EXECUTION_ERROR,
               format_text(_("Generative Fill failed unexpectedly: %s"), e.what()));
  }
}

}  // namespace

const GimpPlugInInfo PLUG_IN_INFO = {nullptr, nullptr, query, run};

MAIN()

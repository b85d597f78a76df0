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
#include "text_prefix.h"

namespace {

using namespace gpt_image;

// Before main(): see quick_start.h.
[[maybe_unused]] const bool babl_cache_skipped = skip_babl_fish_cache();

// Last values for GIMP 2.10's gimp_get_data/gimp_set_data, which store a fixed-size block.
struct SavedFillValues {
  char prompt[32768 + 4];
  char quality[16];
  char size[16];
  gint32 variations;
  char background[16];
  char input_fidelity[8];
  char output_format[8];
  gint32 output_compression;
  gint32 context_margin;
  gint32 feather_radius;
  char sample[16];
  gint32 color_match;
  gint32 mask_grow;
  gint32 partial_images;
  gint32 reference_count;
  gint32 references[kMaxImagesPerRequest - 1];
};

// Cut at a character boundary: half a UTF-8 sequence at the end of a long non-ASCII prompt would
// make the saved prompt invalid text, and "repeat last" would then refuse it.
void copy_text(char *destination, size_t capacity, const std::string &text) {
  g_strlcpy(destination, utf8_prefix(text, capacity - 1).c_str(), capacity);
}

template <size_t N>
std::string saved_text(char (&field)[N]) {
  field[N - 1] = 0;
  return field;
}

FillDialogValues load_last_values(std::vector<gint32> &references) {
  FillDialogValues values;  // the procedure's defaults
  SavedFillValues saved;
  if (gimp_get_data_size(spec::kEditProcedure) == sizeof saved && gimp_get_data(spec::kEditProcedure, &saved)) {
    values.prompt = saved_text(saved.prompt);
    values.quality = saved_text(saved.quality);
    values.size = saved_text(saved.size);
    values.variations = saved.variations;
    values.background = saved_text(saved.background);
    values.input_fidelity = saved_text(saved.input_fidelity);
    values.output_format = saved_text(saved.output_format);
    values.output_compression = saved.output_compression;
    values.context_margin = saved.context_margin;
    values.feather_radius = saved.feather_radius;
    values.sample = saved_text(saved.sample);
    values.color_match = saved.color_match != 0;
    values.mask_grow = saved.mask_grow;
    values.partial_images = saved.partial_images;
    for (int i = 0; i < saved.reference_count && i < kMaxImagesPerRequest - 1; ++i)
      references.push_back(saved.references[i]);
  }
  return values;
}

void store_last_values(const FillDialogValues &values, const std::vector<gint32> &references) {
  SavedFillValues saved;
  std::memset(&saved, 0, sizeof saved);
  copy_text(saved.prompt, sizeof saved.prompt, values.prompt);
  copy_text(saved.quality, sizeof saved.quality, values.quality);
  copy_text(saved.size, sizeof saved.size, values.size);
  saved.variations = values.variations;
  copy_text(saved.background, sizeof saved.background, values.background);
  copy_text(saved.input_fidelity, sizeof saved.input_fidelity, values.input_fidelity);
  copy_text(saved.output_format, sizeof saved.output_format, values.output_format);
  saved.output_compression = values.output_compression;
  saved.context_margin = values.context_margin;
  saved.feather_radius = values.feather_radius;
  copy_text(saved.sample, sizeof saved.sample, values.sample);
  saved.color_match = values.color_match ? 1 : 0;
  saved.mask_grow = values.mask_grow;
  saved.partial_images = values.partial_images;
  for (gint32 id : references)
    if (saved.reference_count < kMaxImagesPerRequest - 1) saved.references[saved.reference_count++] = id;
  gimp_set_data(spec::kEditProcedure, &saved, sizeof saved);
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
  FillDialogValues values = load_last_values(reference_ids);
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
    store_last_values(values, reference_ids);  // before the request, so a failed call does not lose the prompt
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

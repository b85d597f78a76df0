#include "gimp3/gimp3_generate.h"

#include <libgimp/gimpui.h>

#include <exception>
#include <string>
#include <vector>

#include "canvas_presets.h"
#include "cost_line.h"
#include "errors.h"
#include "generate_layer.h"
#include "gimp3/gimp3_procedures.h"
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

// Both procedures' options; Generate Image's canvas is read on its own.
GenerateOptions read_generate_options(GimpProcedureConfig *config, const procedures::Procedure &table) {
  return procedures::generate_options(read_arguments(config, table));
}

}  // namespace

GimpValueArray *run_generate_gimp3(GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image,
                                   GimpDrawable **drawables, GimpProcedureConfig *config, gpointer) {
  const std::string settings_path = settings_path_in_profile(gimp_directory());
  const gimp::ImageId image_id{gimp_image_get_id(image)};
  const gimp::ItemId anchor = anchor_for({drawables && drawables[0] ? gimp_item_get_id(GIMP_ITEM(drawables[0])) : 0});
  try {
    check_image_takes_generated_layers(image_id);
    GimpImageSource canvas(image_id, anchor);
    const PixelSize canvas_size = canvas.canvas_size();
    const PixelRect target = generation_target(canvas_size, canvas.selection_bounds());
    if (run_mode == GIMP_RUN_INTERACTIVE &&
        !run_dialog_with_references_gimp3(procedure, config, generate_dialog_layout(),
                                          [&] { return generate_cost_line(read_generate_options(config, procedures::generate()), target.size(), settings_path); },
                                          kMaxImagesPerRequest))
      return gimp_procedure_new_return_values(procedure, GIMP_PDB_CANCEL, nullptr);
    const GenerateOptions options = read_generate_options(config, procedures::generate());
    const ConnectionSettings connection = resolve_connection(settings_path);
    validate_generate_options(options, describe_model(connection.model),
                              drawable_ids_property(config, spec::kArgReferences).size());
    const std::vector<Raster> references = read_references(drawable_ids_property(config, spec::kArgReferences));
    LayersToPlace placement = run_with_progress(
        _("Generate Layer…"), _("Generate Layer in progress"), run_mode == GIMP_RUN_INTERACTIVE,
        [&] { return generate_cost_line(read_generate_options(config, procedures::generate()), target.size(), settings_path); },
        [&](ProgressSink &progress) { return run_generate_layer(options, target, references, connection, progress); });
    placement.canvas = canvas_size;  // a crop while waiting would misplace the layer: refused
    GimpLayer *result = place_and_report(placement, [&] {
      GimpLayerTarget layers(image_id, anchor);
      return GIMP_LAYER(gimp_item_get_by_id(place_layers(layers, placement)));
    });
    if (run_mode != GIMP_RUN_NONINTERACTIVE) gimp_displays_flush();
    GimpValueArray *values = gimp_procedure_new_return_values(procedure, GIMP_PDB_SUCCESS, nullptr);
    GIMP_VALUES_SET_LAYER(values, 1, result);
    return values;
  } catch (const GenerativeError &e) {
    if (e.kind() == ErrorKind::Cancelled) return gimp_procedure_new_return_values(procedure, GIMP_PDB_CANCEL, nullptr);
    return fail(procedure, e.what());
  } catch (const std::exception &e) {
    return fail(procedure, format_text(_("Generate Layer failed unexpectedly: %s"), e.what()));
  }
}

GimpValueArray *run_new_image_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config, gpointer) {
  const GimpRunMode run_mode = run_mode_property(config);
  const std::string settings_path = settings_path_in_profile(gimp_directory());
  try {
    if (run_mode == GIMP_RUN_INTERACTIVE &&
        !run_dialog_with_references_gimp3(procedure, config, new_image_dialog_layout(),
                                          [&] {
                                            return generate_cost_line(
                                                read_generate_options(config, procedures::new_image()),
                                                canvas_size_or_square(string_property(config, spec::kArgCanvas)),
                                                settings_path);
                                          },
                                          kMaxImagesPerRequest))
      return gimp_procedure_new_return_values(procedure, GIMP_PDB_CANCEL, nullptr);
    const PixelSize canvas = resolve_canvas_size(string_property(config, spec::kArgCanvas));
    const GenerateOptions options = read_generate_options(config, procedures::new_image());
    const ConnectionSettings connection = resolve_connection(settings_path);
    validate_generate_options(options, describe_model(connection.model),
                              drawable_ids_property(config, spec::kArgReferences).size());
    const std::vector<Raster> references = read_references(drawable_ids_property(config, spec::kArgReferences));
    const PixelRect target{0, 0, canvas.width, canvas.height};
    LayersToPlace placement = run_with_progress(
        _("Generate Image…"), _("Generate Image in progress"), run_mode == GIMP_RUN_INTERACTIVE,
        [&] { return generate_cost_line(read_generate_options(config, procedures::new_image()), canvas, settings_path); },
        [&](ProgressSink &progress) { return run_generate_layer(options, target, references, connection, progress); });
    // The image is made only now that the answer is here: a failed run leaves nothing behind.
    GimpImage *image = place_and_report(placement, [&] {
      GimpImage *made = gimp_image_new(canvas.width, canvas.height, GIMP_RGB);
      gimp_image_undo_disable(made);  // a new image starts without history
      try {
        GimpLayerTarget layers({gimp_image_get_id(made)}, {});
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
    GimpValueArray *values = gimp_procedure_new_return_values(procedure, GIMP_PDB_SUCCESS, nullptr);
    GIMP_VALUES_SET_IMAGE(values, 1, image);
    return values;
  } catch (const GenerativeError &e) {
    if (e.kind() == ErrorKind::Cancelled) return gimp_procedure_new_return_values(procedure, GIMP_PDB_CANCEL, nullptr);
    return fail(procedure, e.what());
  } catch (const std::exception &e) {
    return fail(procedure, format_text(_("Generate Image failed unexpectedly: %s"), e.what()));
  }
}

bool run_dialog_with_references_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config,
                                      const PromptDialogLayout &layout,
                                      const std::function<std::string()> &describe_cost, int reference_limit) {
  gimp_ui_init(spec::kBinaryName);  // before the chooser's widgets: GTK needs its display first
  const std::string settings_path = settings_path_in_profile(gimp_directory());
  ReferencePicker picker(reference_candidates(), drawable_ids_property(config, spec::kArgReferences), reference_limit);
  const std::string history = prompt_history_path_in_profile(gimp_directory());
  if (!run_prompt_dialog_gimp3(procedure, config, layout, describe_cost, load_prompt_history(history), settings_path,
                               &picker))
    return false;
  std::vector<GimpDrawable *> chosen;
  for (int id : picker.chosen())
    if (GimpDrawable *drawable = gimp_drawable_get_by_id(id)) chosen.push_back(drawable);
  set_drawables_property(config, spec::kArgReferences, chosen);
  remember_prompt_quietly(history, string_property(config, spec::kArgPrompt));
  return true;
}

}  // namespace gpt_image

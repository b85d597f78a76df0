#include "gimp3/gimp3_generate.h"

#include <libgimp/gimpui.h>

#include <exception>
#include <string>
#include <vector>

#include "canvas_presets.h"
#include "cost_line.h"
#include "errors.h"
#include "generate_layer.h"
#include "gimp3/gimp3_config.h"
#include "i18n.h"
#include "image_access.h"
#include "layer_placement.h"
#include "plugin_settings.h"
#include "procedure_spec.h"
#include "prompt_history.h"
#include "reference_images.h"
#include "run_and_place.h"

namespace gpt_image {

namespace {

GenerateOptions read_generate_options(GimpProcedureConfig *config) {
  GenerateOptions options;
  options.prompt = string_property(config, spec::kArgPrompt);
  options.quality = string_property(config, spec::kArgQuality);
  options.size = string_property(config, spec::kArgSize);
  options.variations = int_property(config, spec::kArgVariations);
  options.background = string_property(config, spec::kArgBackground);
  options.output_format = string_property(config, spec::kArgOutputFormat);
  options.output_compression = int_property(config, spec::kArgOutputCompression);
  options.partial_images = int_property(config, spec::kArgPartialImages);
  options.fit = string_property(config, spec::kArgFit);
  options.input_fidelity = string_property(config, spec::kArgInputFidelity);
  return options;
}

void add_choice(GimpProcedure *procedure, const char *name, const char *label, const char *blurb, const char *value,
                std::initializer_list<std::pair<const char *, const char *>> items) {
  GimpChoice *options = gimp_choice_new();
  int id = 0;
  for (const auto &[nick, text] : items) gimp_choice_add(options, nick, id++, text, nullptr);
  gimp_procedure_add_choice_argument(procedure, name, label, blurb, options, value, G_PARAM_READWRITE);
}

// The arguments both generate procedures take, in the order procedure_spec.h gives.
void add_generate_arguments(GimpProcedure *procedure) {
  const auto flags = static_cast<GParamFlags>(G_PARAM_READWRITE);
  gimp_procedure_add_string_argument(procedure, spec::kArgPrompt, _("_Prompt"), _(spec::kGeneratePromptBlurb), "",
                                     flags);
  gimp_procedure_add_choice_argument(procedure, spec::kArgQuality, _("_Quality"), _(spec::kQualityBlurb),
                                     quality_choice(), spec::kDefaultQuality, flags);
  gimp_procedure_add_string_argument(procedure, spec::kArgSize, _("Si_ze"), _(spec::kGenerateSizeBlurb),
                                     spec::kDefaultSize, flags);
  gimp_procedure_add_int_argument(procedure, spec::kArgVariations, _("_Variations"), _(spec::kVariationsBlurb), 1,
                                  kMaxVariations, spec::kDefaultVariations, flags);
  add_choice(procedure, spec::kArgBackground, _("_Background"), _(spec::kBackgroundBlurb), "auto",
             {{"auto", _("Auto")}, {"transparent", _("Transparent")}, {"opaque", _("Opaque")}});
  add_choice(procedure, spec::kArgOutputFormat, _("Output _format"), _(spec::kOutputFormatBlurb), "png",
             {{"png", "PNG"}, {"jpeg", "JPEG"}, {"webp", "WebP"}});
  gimp_procedure_add_int_argument(procedure, spec::kArgOutputCompression, _("O_utput compression"),
                                  _(spec::kOutputCompressionBlurb), 0, 100, 100, flags);
  gimp_procedure_add_int_argument(procedure, spec::kArgPartialImages, _("Previe_ws"), _(spec::kPartialImagesBlurb), 0,
                                  kMaxPartialImages, kDefaultPartialImages, flags);
  add_choice(procedure, spec::kArgFit, _("F_it"), _(spec::kFitBlurb), "letterbox",
             {{"letterbox", _("Letterbox (whole picture)")}, {"crop", _("Crop (fill the target)")}});
  add_choice(procedure, spec::kArgInputFidelity, _("Input fi_delity"), _(spec::kGenerateInputFidelityBlurb), "low",
             {{"low", _("Low")}, {"high", _("High")}});
  add_references_argument_gimp3(procedure, _(spec::kGenerateReferencesBlurb));
}

GimpValueArray *run_generate(GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image,
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
                                          [&] { return generate_cost_line(read_generate_options(config), target.size(), settings_path); },
                                          kMaxImagesPerRequest))
      return gimp_procedure_new_return_values(procedure, GIMP_PDB_CANCEL, nullptr);
    const GenerateOptions options = read_generate_options(config);
    const ConnectionSettings connection = resolve_connection(settings_path);
    validate_generate_options(options, describe_model(connection.model),
                              drawable_ids_property(config, spec::kArgReferences).size());
    const std::vector<Raster> references = read_references(drawable_ids_property(config, spec::kArgReferences));
    LayersToPlace placement = run_with_progress(
        _("Generate Layer…"), _("Generate Layer in progress"), run_mode == GIMP_RUN_INTERACTIVE,
        [&] { return generate_cost_line(read_generate_options(config), target.size(), settings_path); },
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

GimpValueArray *run_new_image(GimpProcedure *procedure, GimpProcedureConfig *config, gpointer) {
  GimpRunMode run_mode = GIMP_RUN_INTERACTIVE;
  g_object_get(config, "run-mode", &run_mode, nullptr);
  const std::string settings_path = settings_path_in_profile(gimp_directory());
  try {
    if (run_mode == GIMP_RUN_INTERACTIVE &&
        !run_dialog_with_references_gimp3(procedure, config, new_image_dialog_layout(),
                                          [&] {
                                            return generate_cost_line(
                                                read_generate_options(config),
                                                canvas_size_or_square(string_property(config, spec::kArgCanvas)),
                                                settings_path);
                                          },
                                          kMaxImagesPerRequest))
      return gimp_procedure_new_return_values(procedure, GIMP_PDB_CANCEL, nullptr);
    const PixelSize canvas = resolve_canvas_size(string_property(config, spec::kArgCanvas));
    const GenerateOptions options = read_generate_options(config);
    const ConnectionSettings connection = resolve_connection(settings_path);
    validate_generate_options(options, describe_model(connection.model),
                              drawable_ids_property(config, spec::kArgReferences).size());
    const std::vector<Raster> references = read_references(drawable_ids_property(config, spec::kArgReferences));
    const PixelRect target{0, 0, canvas.width, canvas.height};
    LayersToPlace placement = run_with_progress(
        _("Generate Image…"), _("Generate Image in progress"), run_mode == GIMP_RUN_INTERACTIVE,
        [&] { return generate_cost_line(read_generate_options(config), canvas, settings_path); },
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

}  // namespace

void add_references_argument_gimp3(GimpProcedure *procedure, const char *blurb) {
  // Not validated by GIMP: 3.0 refuses an empty or absent object array as "out of range" (as it
  // would for image procedures' own drawables, which use the same flag). read_references_gimp3()
  // checks every element instead.
  gimp_procedure_add_core_object_array_argument(procedure, spec::kArgReferences, _("_References"), blurb,
                                                GIMP_TYPE_DRAWABLE,
                                                static_cast<GParamFlags>(G_PARAM_READWRITE | GIMP_PARAM_NO_VALIDATE));
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

GimpProcedure *create_generate_procedure_gimp3(GimpPlugIn *plug_in) {
  GimpProcedure *procedure = gimp_image_procedure_new(plug_in, spec::kGenerateProcedure, GIMP_PDB_PROC_TYPE_PLUGIN,
                                                      run_generate, nullptr, nullptr);
  gimp_procedure_set_image_types(procedure, "RGB*, GRAY*");
  gimp_procedure_set_sensitivity_mask(procedure, GIMP_PROCEDURE_SENSITIVE_DRAWABLE |
                                                     GIMP_PROCEDURE_SENSITIVE_DRAWABLES |
                                                     GIMP_PROCEDURE_SENSITIVE_NO_DRAWABLES);
  gimp_procedure_set_menu_label(procedure, _(spec::kGenerateMenuLabel));
  gimp_procedure_add_menu_path(procedure, spec::kMenuPath);
  gimp_procedure_set_documentation(procedure, _(spec::kGenerateBlurb), _(spec::kGenerateHelp),
                                   spec::kGenerateProcedure);
  gimp_procedure_set_attribution(procedure, spec::kAuthor, spec::kCopyright, spec::kDate);
  add_generate_arguments(procedure);
  gimp_procedure_add_layer_return_value(procedure, "layer", _("Layer"), _(spec::kGenerateResultBlurb), FALSE,
                                        G_PARAM_READWRITE);
  return procedure;
}

GimpProcedure *create_new_image_procedure_gimp3(GimpPlugIn *plug_in) {
  GimpProcedure *procedure =
      gimp_procedure_new(plug_in, spec::kNewProcedure, GIMP_PDB_PROC_TYPE_PLUGIN, run_new_image, nullptr, nullptr);
  gimp_procedure_set_menu_label(procedure, _(spec::kNewMenuLabel));
  gimp_procedure_add_menu_path(procedure, spec::kNewMenuPath);
  gimp_procedure_set_documentation(procedure, _(spec::kNewBlurb), _(spec::kNewHelp), spec::kNewProcedure);
  gimp_procedure_set_attribution(procedure, spec::kAuthor, spec::kCopyright, spec::kDate);
  gimp_procedure_add_enum_argument(procedure, "run-mode", _("Run mode"), _("The run mode"), GIMP_TYPE_RUN_MODE,
                                   GIMP_RUN_INTERACTIVE, G_PARAM_READWRITE);
  gimp_procedure_add_string_argument(procedure, spec::kArgCanvas, _("C_anvas"), _(spec::kCanvasBlurb), "square-post",
                                     G_PARAM_READWRITE);
  add_generate_arguments(procedure);
  gimp_procedure_add_image_return_value(procedure, "image", _("Image"), _(spec::kNewResultBlurb), FALSE,
                                        G_PARAM_READWRITE);
  return procedure;
}

}  // namespace gpt_image

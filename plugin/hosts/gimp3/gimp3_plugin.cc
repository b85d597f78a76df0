// GIMP 3 entry point: registers the procedures and turns their arguments into core requests.
#include <libgimp/gimp.h>

#include <chrono>
#include <exception>
#include <memory>
#include <string>

#include "errors.h"
#include "generative_fill.h"
#include "common/progress_window.h"
#include "common/settings_dialog.h"
#include "gtk3/prompt_dialog.h"
#include "gimp3/gimp3_config.h"
#include "gimp3/gimp3_generate.h"
#include "gimp_progress.h"
#include "i18n.h"
#include "image_access.h"
#include "model_catalogue.h"
#include "cost_line.h"
#include "procedure_spec.h"
#include "prompt_history.h"
#include "quick_start.h"
#include "reference_images.h"
#include "run_and_place.h"
#include "settings_arguments.h"

namespace {

using namespace gpt_image;

// Before main(): see quick_start.h.
[[maybe_unused]] const bool babl_cache_skipped = skip_babl_fish_cache();


FillOptions read_fill_options(GimpProcedureConfig *config) {
  FillOptions options;
  options.prompt = string_property(config, spec::kArgPrompt);
  options.quality = string_property(config, spec::kArgQuality);
  options.size = string_property(config, spec::kArgSize);
  options.variations = int_property(config, spec::kArgVariations);
  options.background = string_property(config, spec::kArgBackground);
  options.input_fidelity = string_property(config, spec::kArgInputFidelity);
  options.output_format = string_property(config, spec::kArgOutputFormat);
  options.output_compression = int_property(config, spec::kArgOutputCompression);
  options.context_margin = int_property(config, spec::kArgContextMargin);
  options.feather_radius = int_property(config, spec::kArgFeatherRadius);
  options.sample = string_property(config, spec::kArgSample);
  gboolean color_match = TRUE;
  g_object_get(config, spec::kArgColorMatch, &color_match, nullptr);
  options.color_match = color_match;
  options.mask_grow = int_property(config, spec::kArgMaskGrow);
  options.partial_images = int_property(config, spec::kArgPartialImages);
  return options;
}

GimpValueArray *run_edit(GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image, GimpDrawable **drawables,
                         GimpProcedureConfig *config, gpointer) {
  const std::string settings_path = settings_path_in_profile(gimp_directory());
  // With several drawables selected the first one is the anchor: the result goes above it.
  const gimp::ImageId image_id{gimp_image_get_id(image)};
  const gimp::ItemId anchor = anchor_for({drawables && drawables[0] ? gimp_item_get_id(GIMP_ITEM(drawables[0])) : 0});
  try {
    check_image_takes_fill(image_id);  // before the dialog: nothing to ask when it cannot work
  } catch (const GenerativeError &e) {
    return fail(procedure, e.what());
  }
  if (run_mode == GIMP_RUN_INTERACTIVE) {
    GimpImageSource preview(image_id, anchor);
    auto describe_cost = [&] { return fill_cost_line(preview, read_fill_options(config), settings_path); };
    if (!run_dialog_with_references_gimp3(procedure, config, fill_dialog_layout(), describe_cost,
                                          kMaxImagesPerRequest - 1))
      return gimp_procedure_new_return_values(procedure, GIMP_PDB_CANCEL, nullptr);
  }
  try {
    const FillOptions options = read_fill_options(config);
    const ConnectionSettings connection = resolve_connection(settings_path);
    const std::vector<int> reference_ids = drawable_ids_property(config, spec::kArgReferences);
    validate_reference_count(describe_model(connection.model), reference_ids.size(), true);
    const std::vector<Raster> references = read_references(reference_ids);
    GimpImageSource source(image_id, anchor);
    LayersToPlace placement = run_with_progress(
        _("Generative Fill…"), _("Generative Fill in progress"), run_mode == GIMP_RUN_INTERACTIVE,
        [&] { return fill_cost_line(source, options, settings_path); },
        [&](ProgressSink &progress) { return run_generative_fill(source, options, connection, progress, references); });
    GimpLayer *result = place_and_report(placement, [&] {
      GimpLayerTarget target(image_id, anchor);
      return GIMP_LAYER(gimp_item_get_by_id(place_layers(target, placement)));
    });
    if (run_mode != GIMP_RUN_NONINTERACTIVE) gimp_displays_flush();
    GimpValueArray *values = gimp_procedure_new_return_values(procedure, GIMP_PDB_SUCCESS, nullptr);
    GIMP_VALUES_SET_LAYER(values, 1, result);
    return values;
  } catch (const GenerativeError &e) {
    if (e.kind() == ErrorKind::Cancelled) return gimp_procedure_new_return_values(procedure, GIMP_PDB_CANCEL, nullptr);
    return fail(procedure, e.what());
  } catch (const std::exception &e) {
    return fail(procedure, format_text(_("Generative Fill failed unexpectedly: %s"), e.what()));
  }
}

GimpProcedure *create_edit_procedure(GimpPlugIn *plug_in) {
  GimpProcedure *procedure =
      gimp_image_procedure_new(plug_in, spec::kEditProcedure, GIMP_PDB_PROC_TYPE_PLUGIN, run_edit, nullptr, nullptr);
  gimp_procedure_set_image_types(procedure, "RGB*, GRAY*");
  gimp_procedure_set_sensitivity_mask(procedure, GIMP_PROCEDURE_SENSITIVE_DRAWABLE |
                                                     GIMP_PROCEDURE_SENSITIVE_DRAWABLES |
                                                     GIMP_PROCEDURE_SENSITIVE_NO_DRAWABLES);
  gimp_procedure_set_menu_label(procedure, _(spec::kEditMenuLabel));
  gimp_procedure_add_menu_path(procedure, spec::kMenuPath);
  gimp_procedure_set_documentation(procedure, _(spec::kEditBlurb), _(spec::kEditHelp), spec::kEditProcedure);
  gimp_procedure_set_attribution(procedure, spec::kAuthor, spec::kCopyright, spec::kDate);

  const auto flags = static_cast<GParamFlags>(G_PARAM_READWRITE);
  gimp_procedure_add_string_argument(procedure, spec::kArgPrompt, _("_Prompt"), _(spec::kPromptBlurb), "", flags);
  auto choice = [procedure, flags](const char *name, const char *label, const char *blurb, const char *value,
                                   std::initializer_list<std::pair<const char *, const char *>> items) {
    GimpChoice *options = gimp_choice_new();
    int id = 0;
    for (const auto &[nick, text] : items) gimp_choice_add(options, nick, id++, text, nullptr);
    gimp_procedure_add_choice_argument(procedure, name, label, blurb, options, value, flags);
  };
  gimp_procedure_add_choice_argument(procedure, spec::kArgQuality, _("_Quality"), _(spec::kQualityBlurb),
                                     quality_choice(), spec::kDefaultQuality, flags);
  gimp_procedure_add_string_argument(procedure, spec::kArgSize, _("Si_ze"), _(spec::kSizeBlurb), spec::kDefaultSize,
                                     flags);
  gimp_procedure_add_int_argument(procedure, spec::kArgVariations, _("_Variations"), _(spec::kVariationsBlurb), 1,
                                  kMaxVariations, spec::kDefaultVariations, flags);
  choice(spec::kArgBackground, _("_Background"), _(spec::kBackgroundBlurb), "auto",
         {{"auto", _("Auto")}, {"transparent", _("Transparent")}, {"opaque", _("Opaque")}});
  choice(spec::kArgInputFidelity, _("Input fi_delity"), _(spec::kInputFidelityBlurb), "low",
         {{"low", _("Low")}, {"high", _("High")}});
  choice(spec::kArgOutputFormat, _("Output _format"), _(spec::kOutputFormatBlurb), "png",
         {{"png", "PNG"}, {"jpeg", "JPEG"}, {"webp", "WebP"}});
  gimp_procedure_add_int_argument(procedure, spec::kArgOutputCompression, _("O_utput compression"),
                                  _(spec::kOutputCompressionBlurb), 0, 100, 100, flags);
  gimp_procedure_add_int_argument(procedure, spec::kArgContextMargin, _("Context _margin"), _(spec::kContextMarginBlurb),
                                  kAutoMargin, kMaxMargin, kAutoMargin, flags);
  gimp_procedure_add_int_argument(procedure, spec::kArgFeatherRadius, _("Feather rad_ius"),
                                  _(spec::kFeatherRadiusBlurb), kAutoEdge, kMaxFeatherRadius, kAutoEdge, flags);
  choice(spec::kArgSample, _("Sampl_e"), _(spec::kSampleBlurb), "visible",
         {{"visible", _("What is visible")}, {"layer", _("The active layer")}});
  gimp_procedure_add_boolean_argument(procedure, spec::kArgColorMatch, _("M_atch colours"), _(spec::kColorMatchBlurb),
                                      TRUE, flags);
  gimp_procedure_add_int_argument(procedure, spec::kArgMaskGrow, _("_Grow mask"), _(spec::kMaskGrowBlurb), kAutoEdge,
                                  kMaxMaskGrow, kAutoEdge, flags);
  gimp_procedure_add_int_argument(procedure, spec::kArgPartialImages, _("Previe_ws"), _(spec::kPartialImagesBlurb), 0,
                                  kMaxPartialImages, kDefaultPartialImages, flags);
  add_references_argument_gimp3(procedure, _(spec::kReferencesBlurb));
  gimp_procedure_add_layer_return_value(procedure, "layer", _("Layer"), _(spec::kResultBlurb), FALSE, flags);
  return procedure;
}

GimpValueArray *run_settings(GimpProcedure *procedure, GimpProcedureConfig *config, gpointer) {
  GimpRunMode run_mode = GIMP_RUN_INTERACTIVE;
  g_object_get(config, "run-mode", &run_mode, nullptr);
  const std::string path = settings_path_in_profile(gimp_directory());
  try {
    if (run_mode == GIMP_RUN_INTERACTIVE) {
      const bool saved = run_settings_dialog(path);
      return gimp_procedure_new_return_values(procedure, saved ? GIMP_PDB_SUCCESS : GIMP_PDB_CANCEL, nullptr);
    }
    if (run_mode == GIMP_RUN_NONINTERACTIVE) {
      gint timeout = 0;
      g_object_get(config, spec::kArgTimeout, &timeout, nullptr);
      save_settings_from_arguments(path, string_property(config, spec::kArgBaseUrl),
                                   string_property(config, spec::kArgModel),
                                   string_property(config, spec::kArgOrganization),
                                   string_property(config, spec::kArgProject), timeout,
                                   string_property(config, spec::kArgCaFile),
                                   int_property(config, spec::kArgRetries),
                                   int_property(config, spec::kArgConnectTimeout),
                                   int_property(config, spec::kArgStallTimeout));
    }
    return gimp_procedure_new_return_values(procedure, GIMP_PDB_SUCCESS, nullptr);
  } catch (const GenerativeError &e) {
    return fail(procedure, e.what());
  }
}

GimpProcedure *create_settings_procedure(GimpPlugIn *plug_in) {
  GimpProcedure *procedure =
      gimp_procedure_new(plug_in, spec::kSettingsProcedure, GIMP_PDB_PROC_TYPE_PLUGIN, run_settings, nullptr, nullptr);
  gimp_procedure_set_menu_label(procedure, _(spec::kSettingsMenuLabel));
  gimp_procedure_add_menu_path(procedure, spec::kMenuPath);
  gimp_procedure_set_documentation(procedure, _(spec::kSettingsBlurb), _(spec::kSettingsHelp),
                                   spec::kSettingsProcedure);
  gimp_procedure_set_attribution(procedure, spec::kAuthor, spec::kCopyright, spec::kDate);
  const auto flags = static_cast<GParamFlags>(G_PARAM_READWRITE);
  gimp_procedure_add_enum_argument(procedure, "run-mode", _("Run mode"), _("The run mode"), GIMP_TYPE_RUN_MODE,
                                   GIMP_RUN_INTERACTIVE, flags);
  gimp_procedure_add_string_argument(procedure, spec::kArgBaseUrl, _("Base URL"), _(spec::kBaseUrlBlurb),
                                     kDefaultBaseUrl, flags);
  gimp_procedure_add_string_argument(procedure, spec::kArgModel, _("Model"), _(spec::kModelBlurb), kDefaultModel,
                                     flags);
  gimp_procedure_add_string_argument(procedure, spec::kArgOrganization, _("Organization"),
                                     _(spec::kOrganizationBlurb), "", flags);
  gimp_procedure_add_string_argument(procedure, spec::kArgProject, _("Project"), _(spec::kProjectBlurb), "", flags);
  gimp_procedure_add_int_argument(procedure, spec::kArgTimeout, _("Timeout"), _(spec::kTimeoutBlurb), 1,
                                  kMaxTimeoutSeconds, kDefaultTimeoutSeconds, flags);
  gimp_procedure_add_string_argument(procedure, spec::kArgCaFile, _("CA file"), _(spec::kCaFileBlurb), "", flags);
  gimp_procedure_add_int_argument(procedure, spec::kArgRetries, _("Retries"), _(spec::kRetriesBlurb), 0,
                                  kMaxRetriesLimit, kDefaultMaxRetries, flags);
  gimp_procedure_add_int_argument(procedure, spec::kArgConnectTimeout, _("Connect timeout"),
                                  _(spec::kConnectTimeoutBlurb), 1, kMaxConnectTimeoutSeconds,
                                  kDefaultConnectTimeoutSeconds, flags);
  gimp_procedure_add_int_argument(procedure, spec::kArgStallTimeout, _("Stall timeout"), _(spec::kStallTimeoutBlurb),
                                  0, kMaxStallTimeoutSeconds, kDefaultStallTimeoutSeconds, flags);
  return procedure;
}

}  // namespace

G_BEGIN_DECLS
#define GPT_IMAGE_TYPE_PLUG_IN (gpt_image_plug_in_get_type())
G_DECLARE_FINAL_TYPE(GptImagePlugIn, gpt_image_plug_in, GPT_IMAGE, PLUG_IN, GimpPlugIn)
G_END_DECLS

struct _GptImagePlugIn {
  GimpPlugIn parent_instance;
};

G_DEFINE_TYPE(GptImagePlugIn, gpt_image_plug_in, GIMP_TYPE_PLUG_IN)

static GList *gpt_image_query_procedures(GimpPlugIn *) {
  GList *names = nullptr;
  for (const char *name : {gpt_image::spec::kEditProcedure, gpt_image::spec::kGenerateProcedure,
                           gpt_image::spec::kNewProcedure, gpt_image::spec::kSettingsProcedure})
    names = g_list_append(names, g_strdup(name));
  return names;
}

static GimpProcedure *gpt_image_create_procedure(GimpPlugIn *plug_in, const gchar *name) {
  // Every run creates its procedure first: the place to say where the user's model catalogue is
  // (read on the first describe_model(), amending the shipped one).
  gpt_image::set_user_catalogue_path(gpt_image::user_catalogue_path_in_profile(gimp_directory()));
  if (g_strcmp0(name, gpt_image::spec::kEditProcedure) == 0) return create_edit_procedure(plug_in);
  if (g_strcmp0(name, gpt_image::spec::kGenerateProcedure) == 0)
    return gpt_image::create_generate_procedure_gimp3(plug_in);
  if (g_strcmp0(name, gpt_image::spec::kNewProcedure) == 0) return gpt_image::create_new_image_procedure_gimp3(plug_in);
  if (g_strcmp0(name, gpt_image::spec::kSettingsProcedure) == 0) return create_settings_procedure(plug_in);
  return nullptr;
}

// Catalogues live in locale/ beside the binary (GIMP's default layout); the domain is ours, not the
// folder's name. Binding here as well sets the locale before any procedure is created.
static gboolean gpt_image_set_i18n(GimpPlugIn *, const gchar *, gchar **gettext_domain, gchar **catalog_dir) {
  gpt_image::bind_plugin_translations(gimp_get_progname());
  *gettext_domain = g_strdup(GETTEXT_PACKAGE);
  *catalog_dir = g_strdup("locale");
  return TRUE;
}

static void gpt_image_plug_in_class_init(GptImagePlugInClass *klass) {
  GimpPlugInClass *plug_in_class = GIMP_PLUG_IN_CLASS(klass);
  plug_in_class->query_procedures = gpt_image_query_procedures;
  plug_in_class->create_procedure = gpt_image_create_procedure;
  plug_in_class->set_i18n = gpt_image_set_i18n;
}

static void gpt_image_plug_in_init(GptImagePlugIn *) {}

GIMP_MAIN(GPT_IMAGE_TYPE_PLUG_IN)

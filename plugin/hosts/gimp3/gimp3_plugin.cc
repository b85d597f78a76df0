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
#include "gimp3/gimp3_procedures.h"
#include "gimp3/gimp3_generate.h"
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


FillOptions read_fill_options(GimpProcedureConfig *config) {
  return procedures::fill_options(read_arguments(config, procedures::edit()));
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

GimpValueArray *run_settings(GimpProcedure *procedure, GimpProcedureConfig *config, gpointer) {
  const GimpRunMode run_mode = run_mode_property(config);
  const std::string path = settings_path_in_profile(gimp_directory());
  try {
    if (run_mode == GIMP_RUN_INTERACTIVE) {
      const bool saved = run_settings_dialog(path);
      return gimp_procedure_new_return_values(procedure, saved ? GIMP_PDB_SUCCESS : GIMP_PDB_CANCEL, nullptr);
    }
    if (run_mode == GIMP_RUN_NONINTERACTIVE)
      save_settings_from_arguments(path, read_arguments(config, procedures::settings()));
    return gimp_procedure_new_return_values(procedure, GIMP_PDB_SUCCESS, nullptr);
  } catch (const GenerativeError &e) {
    return fail(procedure, e.what());
  }
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
  for (const gpt_image::procedures::Procedure *procedure : gpt_image::procedures::all())
    names = g_list_append(names, g_strdup(procedure->name));
  return names;
}

static GimpProcedure *gpt_image_create_procedure(GimpPlugIn *plug_in, const gchar *name) {
  // Every run creates its procedure first: the place to say where the user's model catalogue is
  // (read on the first describe_model(), amending the shipped one).
  gpt_image::set_user_catalogue_path(gpt_image::user_catalogue_path_in_profile(gimp_directory()));
  using namespace gpt_image;
  if (g_strcmp0(name, spec::kEditProcedure) == 0) return create_image_procedure(plug_in, procedures::edit(), run_edit);
  if (g_strcmp0(name, spec::kGenerateProcedure) == 0)
    return create_image_procedure(plug_in, procedures::generate(), run_generate_gimp3);
  if (g_strcmp0(name, spec::kNewProcedure) == 0)
    return create_plain_procedure(plug_in, procedures::new_image(), run_new_image_gimp3);
  if (g_strcmp0(name, spec::kSettingsProcedure) == 0)
    return create_plain_procedure(plug_in, procedures::settings(), run_settings);
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

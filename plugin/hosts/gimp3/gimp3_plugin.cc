// GIMP 3 entry point: registers the procedures from their tables (gimp3_procedures.cc) and runs
// each through its flow (flows.h), with the config as the arguments and GimpProcedureDialog as the
// dialog.
#include <libgimp/gimp.h>

#include <string>
#include <vector>

#include "flows.h"
#include "gimp3/gimp3_procedures.h"
#include "gtk3/prompt_dialog.h"
#include "i18n.h"
#include "model_catalogue.h"
#include "procedure_spec.h"
#include "procedures.h"
#include "quick_start.h"

namespace {

using namespace gpt_image;

// Before main(): see quick_start.h.
[[maybe_unused]] const bool babl_cache_skipped = skip_babl_fish_cache();

// Only an interactive run shows a dialog: any other value is a script's, run with what it has.
RunMode run_mode_of(GimpRunMode mode) {
  if (mode == GIMP_RUN_INTERACTIVE) return RunMode::Interactive;
  return mode == GIMP_RUN_NONINTERACTIVE ? RunMode::NonInteractive : RunMode::WithLastValues;
}

// One run: the config holds the arguments, as a script passed them or as the dialog (or GIMP's
// last values) left them.
class Gimp3Call : public ProcedureCall {
 public:
  Gimp3Call(const procedures::Procedure &table, GimpProcedure *procedure, GimpProcedureConfig *config,
            GimpRunMode run_mode, GimpImage *image = nullptr, GimpDrawable **drawables = nullptr)
      : table_(table), procedure_(procedure), config_(config), run_mode_(run_mode_of(run_mode)),
        image_{image ? gimp_image_get_id(image) : 0},
        drawable_{drawables && drawables[0] ? gimp_item_get_id(GIMP_ITEM(drawables[0])) : 0} {}

  RunMode run_mode() const override { return run_mode_; }
  gimp::ImageId image() const override { return image_; }
  gimp::ItemId drawable() const override { return drawable_; }
  procedures::ArgumentValues arguments() override { return read_arguments(config_, table_); }

  bool show_dialog(procedures::ArgumentValues &values, const CostDescriber &describe_cost,
                   const std::vector<std::string> &recent_prompts, const std::string &settings_path,
                   ReferencePicker &references) override {
    // The flow may have set the prompt (History's "Use prompt" hands one over): the dialog shows it.
    if (table_.find(spec::kArgPrompt))
      g_object_set(config_, spec::kArgPrompt, values.text(spec::kArgPrompt).c_str(), nullptr);
    // And the cache: a dialog starts at "off" whatever an earlier run chose (flows.cc, run_arguments).
    if (table_.find(spec::kArgCache))
      g_object_set(config_, spec::kArgCache, values.text(spec::kArgCache).c_str(), nullptr);
    // The dialog edits the config; the cost line reads it back as it changes.
    auto cost_of_config = [&] { return describe_cost(read_arguments(config_, table_)); };
    if (!run_prompt_dialog_gimp3(procedure_, config_, procedures::dialog_layout(table_), cost_of_config,
                                 recent_prompts, settings_path, &references))
      return false;
    values = read_arguments(config_, table_);
    return true;
  }

  // GIMP keeps the config as the last values; the chosen references go into it too.
  void remember(const procedures::ArgumentValues &values) override {
    std::vector<GimpDrawable *> chosen;
    for (int id : values.layers(spec::kArgReferences))
      if (GimpDrawable *drawable = gimp_drawable_get_by_id(id)) chosen.push_back(drawable);
    set_drawables_property(config_, spec::kArgReferences, chosen);
  }

  // GIMP's return values for how the run ended.
  GimpValueArray *answer(const Outcome &outcome) const {
    switch (outcome.status) {
      case Outcome::Status::Cancel: return gimp_procedure_new_return_values(procedure_, GIMP_PDB_CANCEL, nullptr);
      case Outcome::Status::CallingError: return fail(procedure_, outcome.message, GIMP_PDB_CALLING_ERROR);
      case Outcome::Status::ExecutionError: return fail(procedure_, outcome.message);
      case Outcome::Status::Success: break;
    }
    GimpValueArray *values = gimp_procedure_new_return_values(procedure_, GIMP_PDB_SUCCESS, nullptr);
    if (table_.returns == procedures::Returns::Layer)
      GIMP_VALUES_SET_LAYER(values, 1, gimp_layer_get_by_id(outcome.result));
    else if (table_.returns == procedures::Returns::Image)
      GIMP_VALUES_SET_IMAGE(values, 1, gimp_image_get_by_id(outcome.result));
    else if (table_.returns == procedures::Returns::Figures)
      for (std::size_t i = 0; i < table_.figures.size(); ++i) {
        const double value = i < outcome.figures.size() ? outcome.figures[i] : 0;
        if (table_.figures[i].whole)
          GIMP_VALUES_SET_INT(values, static_cast<int>(i) + 1, static_cast<int>(value));
        else
          GIMP_VALUES_SET_DOUBLE(values, static_cast<int>(i) + 1, value);
      }
    return values;
  }

 private:
  const procedures::Procedure &table_;
  GimpProcedure *procedure_;
  GimpProcedureConfig *config_;
  RunMode run_mode_;
  gimp::ImageId image_;
  gimp::ItemId drawable_;
};

GimpValueArray *run_edit_gimp3(GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image,
                               GimpDrawable **drawables, GimpProcedureConfig *config, gpointer) {
  Gimp3Call call(procedures::edit(), procedure, config, run_mode, image, drawables);
  return call.answer(run_edit(call));
}

GimpValueArray *run_generate_gimp3(GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image,
                                   GimpDrawable **drawables, GimpProcedureConfig *config, gpointer) {
  Gimp3Call call(procedures::generate(), procedure, config, run_mode, image, drawables);
  return call.answer(run_generate_layer(call));
}

GimpValueArray *run_remove_gimp3(GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image,
                                 GimpDrawable **drawables, GimpProcedureConfig *config, gpointer) {
  Gimp3Call call(procedures::removal(), procedure, config, run_mode, image, drawables);
  return call.answer(run_remove(call));
}

GimpValueArray *run_new_image_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config, gpointer) {
  Gimp3Call call(procedures::new_image(), procedure, config, run_mode_property(config));
  return call.answer(run_new_image(call));
}

GimpValueArray *run_settings_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config, gpointer) {
  Gimp3Call call(procedures::settings(), procedure, config, run_mode_property(config));
  return call.answer(run_settings(call));
}

GimpValueArray *run_expand_gimp3(GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image,
                                 GimpDrawable **drawables, GimpProcedureConfig *config, gpointer) {
  Gimp3Call call(procedures::expand(), procedure, config, run_mode, image, drawables);
  return call.answer(run_generative_expand(call));
}

GimpValueArray *run_usage_gimp3(GimpProcedure *procedure, GimpProcedureConfig *config, gpointer) {
  Gimp3Call call(procedures::usage(), procedure, config, run_mode_property(config));
  return call.answer(run_usage(call));
}

GimpValueArray *run_history_gimp3(GimpProcedure *procedure, GimpRunMode run_mode, GimpImage *image,
                                  GimpDrawable **drawables, GimpProcedureConfig *config, gpointer) {
  Gimp3Call call(procedures::history(), procedure, config, run_mode, image, drawables);
  return call.answer(run_history(call));
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
  using namespace gpt_image;
  // Every run creates its procedure first: the place to say where the user's model catalogue is
  // (read on the first describe_model(), amending the shipped one).
  set_user_catalogue_path(user_catalogue_path_in_profile(gimp_directory()));
  if (g_strcmp0(name, spec::kEditProcedure) == 0)
    return create_image_procedure(plug_in, procedures::edit(), run_edit_gimp3);
  if (g_strcmp0(name, spec::kGenerateProcedure) == 0)
    return create_image_procedure(plug_in, procedures::generate(), run_generate_gimp3);
  if (g_strcmp0(name, spec::kNewProcedure) == 0)
    return create_plain_procedure(plug_in, procedures::new_image(), run_new_image_gimp3);
  if (g_strcmp0(name, spec::kSettingsProcedure) == 0)
    return create_plain_procedure(plug_in, procedures::settings(), run_settings_gimp3);
  if (g_strcmp0(name, spec::kRemoveProcedure) == 0)
    return create_image_procedure(plug_in, procedures::removal(), run_remove_gimp3);
  if (g_strcmp0(name, spec::kExpandProcedure) == 0)
    return create_image_procedure(plug_in, procedures::expand(), run_expand_gimp3);
  if (g_strcmp0(name, spec::kUsageProcedure) == 0)
    return create_plain_procedure(plug_in, procedures::usage(), run_usage_gimp3);
  if (g_strcmp0(name, spec::kHistoryProcedure) == 0)
    return create_image_procedure(plug_in, procedures::history(), run_history_gimp3);
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

// GIMP 2.10 entry point: installs the procedures from their tables (gimp2_procedures.cc) and runs
// each through its flow (flows.h), with a script's params or the remembered last values as the
// arguments and the hand-built GTK 2 dialog as the dialog.
#include <libgimp/gimp.h>

#include <string>
#include <vector>

#include "flows.h"
#include "gimp2/gimp2_last_values.h"
#include "gimp2/gimp2_procedures.h"
#include "gimp2/gimp2_return_values.h"
#include "gtk2/prompt_dialog.h"
#include "i18n.h"
#include "model_catalogue.h"
#include "procedure_spec.h"
#include "procedures.h"
#include "quick_start.h"

namespace {

using namespace gpt_image;

// Before main(): see quick_start.h.
[[maybe_unused]] const bool babl_cache_skipped = skip_babl_fish_cache();

// What a script that passed the wrong number of params is told (GIMP 2.10 has no named arguments).
std::string usage(const procedures::Procedure &table) {
  if (&table == &procedures::edit())
    return _("plug-in-gpt-image-edit takes run-mode, image, drawable, prompt, quality, size, "
             "variations, background, input-fidelity, output-format, output-compression, "
             "context-margin, feather-radius, sample, color-match, mask-grow, partial-images, "
             "num-references, references, cache.");
  if (&table == &procedures::generate())
    return _("plug-in-gpt-image-generate takes run-mode, image, drawable, prompt, quality, size, "
             "variations, background, output-format, output-compression, partial-images, fit, "
             "input-fidelity, num-references, references, cache.");
  if (&table == &procedures::new_image())
    return _("plug-in-gpt-image-new takes run-mode, canvas, prompt, quality, size, variations, "
             "background, output-format, output-compression, partial-images, fit, input-fidelity, "
             "num-references, references, cache.");
  if (&table == &procedures::removal())
    return _("plug-in-gpt-image-remove takes run-mode, image, drawable, hint, quality, size, "
             "variations, background, input-fidelity, output-format, output-compression, "
             "context-margin, feather-radius, sample, color-match, mask-grow, partial-images, "
             "num-references, references, cache.");
  if (&table == &procedures::expand())
    return _("plug-in-gpt-image-expand takes run-mode, image, drawable, prompt, canvas, anchor, quality, "
             "variations, background, input-fidelity, output-format, output-compression, feather-radius, "
             "partial-images, num-references, references, cache.");
  if (&table == &procedures::usage()) return _("plug-in-gpt-image-usage takes run-mode only.");
  if (&table == &procedures::history()) return _("plug-in-gpt-image-history takes run-mode, image, drawable, entry.");
  return _("plug-in-gpt-image-settings takes run-mode, base-url, model, organization, "
           "project, timeout, ca-file, retries, connect-timeout, stall-timeout.");
}

// Every param; or all but the trailing `cache` (issue 19) for procedures that have it; or
// (Generative Fill only) all but the references and the cache: scripts written before they were
// appended.
bool accepted_count(const procedures::Procedure &table, gint nparams) {
  const int full = full_param_count(table);
  const int cache = table.find(spec::kArgCache) ? 1 : 0;
  return nparams == full || nparams == full - cache || (&table == &procedures::edit() && nparams == full - 3);
}

class Gimp2Call : public ProcedureCall {
 public:
  Gimp2Call(const procedures::Procedure &table, gint nparams, const GimpParam *param)
      : table_(table), nparams_(nparams), param_(param) {}

  // Only an interactive run shows a dialog: any other value is a script's, run with what it has.
  RunMode run_mode() const override {
    const gint32 mode = param_[0].data.d_int32;
    if (mode == GIMP_RUN_INTERACTIVE) return RunMode::Interactive;
    return mode == GIMP_RUN_NONINTERACTIVE ? RunMode::NonInteractive : RunMode::WithLastValues;
  }
  gimp::ImageId image() const override {
    return table_.target == procedures::Target::Image ? gimp::ImageId{param_[1].data.d_image} : gimp::ImageId{};
  }
  gimp::ItemId drawable() const override {
    return table_.target == procedures::Target::Image ? gimp::ItemId{param_[2].data.d_drawable} : gimp::ItemId{};
  }

  procedures::ArgumentValues arguments() override {
    procedures::ArgumentValues values(table_);  // the defaults
    if (run_mode() == RunMode::NonInteractive) {
      if (!accepted_count(table_, nparams_)) throw CallingError(usage(table_));
      read_params(nparams_, param_, values);
    } else if (procedures::remembers_last_values(table_)) {
      load_last_values_gimp2(table_.name, values.as_last_values());
    }
    return values;
  }

  bool show_dialog(procedures::ArgumentValues &values, const CostDescriber &describe_cost,
                   const std::vector<std::string> &recent_prompts, const std::string &settings_path,
                   ReferencePicker &references) override {
    return run_prompt_dialog_gimp2(values, describe_cost, recent_prompts, settings_path, &references);
  }

  void remember(const procedures::ArgumentValues &values) override {
    procedures::ArgumentValues kept = values;  // as_last_values() binds to what it writes from
    store_last_values_gimp2(table_.name, kept.as_last_values());
  }

 private:
  const procedures::Procedure &table_;
  gint nparams_;
  const GimpParam *param_;
};

void query() {
  // GIMP 2.10 translates menu labels and blurbs itself, with the domain registered here.
  gimp_plugin_domain_register(GETTEXT_PACKAGE, bind_plugin_translations(gimp_get_progname()).c_str());
  for (const procedures::Procedure *procedure : procedures::all()) install_procedure(*procedure);
}

void run(const gchar *name, gint nparams, const GimpParam *param, gint *nreturn_vals, GimpParam **return_vals) {
  bind_plugin_translations(gimp_get_progname());
  // The user's model catalogue amends the shipped one; it is read on the first describe_model().
  set_user_catalogue_path(user_catalogue_path_in_profile(gimp_directory()));
  gegl_init(nullptr, nullptr);
  const procedures::Procedure *table = procedures::named(name);
  if (!table || nparams < leading_param_count(*table))
    return set_status(nreturn_vals, return_vals, GIMP_PDB_CALLING_ERROR, _("Unknown procedure or missing arguments."));
  Gimp2Call call(*table, nparams, param);
  const Outcome outcome = table == &procedures::edit()       ? run_edit(call)
                          : table == &procedures::generate() ? run_generate_layer(call)
                          : table == &procedures::new_image() ? run_new_image(call)
                          : table == &procedures::removal()    ? run_remove(call)
                          : table == &procedures::expand()    ? run_generative_expand(call)
                          : table == &procedures::usage()     ? run_usage(call)
                          : table == &procedures::history()   ? run_history(call)
                                                              : run_settings(call);
  switch (outcome.status) {
    case Outcome::Status::Success:
      if (table->returns == procedures::Returns::Nothing) return set_status(nreturn_vals, return_vals, GIMP_PDB_SUCCESS, "");
      if (table->returns == procedures::Returns::Figures)
        return set_figures(nreturn_vals, return_vals, table->figures, outcome.figures);
      return set_result(nreturn_vals, return_vals,
                        table->returns == procedures::Returns::Image ? GIMP_PDB_IMAGE : GIMP_PDB_LAYER, outcome.result);
    case Outcome::Status::Cancel: return set_status(nreturn_vals, return_vals, GIMP_PDB_CANCEL, "");
    case Outcome::Status::CallingError:
      return set_status(nreturn_vals, return_vals, GIMP_PDB_CALLING_ERROR, outcome.message);
    case Outcome::Status::ExecutionError:
      return set_status(nreturn_vals, return_vals, GIMP_PDB_EXECUTION_ERROR, outcome.message);
  }
}

}  // namespace

const GimpPlugInInfo PLUG_IN_INFO = {nullptr, nullptr, query, run};

MAIN()

#include "gimp3/gimp3_procedures.h"

#include "i18n.h"
#include "model_features.h"
#include "procedure_spec.h"

namespace gpt_image {

namespace {

using procedures::Argument;
using procedures::Kind;

constexpr auto kFlags = static_cast<GParamFlags>(G_PARAM_READWRITE);

// The quality argument's choices: every quality of the model catalogue (a new model's qualities
// need no new code). The dialog greys out those the settings' model does not take.
GimpChoice *quality_choice() {
  GimpChoice *choice = gimp_choice_new();
  int id = 0;
  for (const std::string &q : offered_qualities()) gimp_choice_add(choice, q.c_str(), id++, quality_label(q).c_str(), nullptr);
  return choice;
}

GimpChoice *table_choice(const Argument &row) {
  GimpChoice *choice = gimp_choice_new();
  int id = 0;
  for (const procedures::ChoiceItem &item : row.choices) gimp_choice_add(choice, item.value, id++, _(item.label), nullptr);
  return choice;
}

void add_argument(GimpProcedure *procedure, const Argument &row) {
  const char *label = _(row.label), *blurb = _(row.blurb);
  switch (row.kind) {
    case Kind::Text:
      gimp_procedure_add_string_argument(procedure, row.name, label, blurb, row.text_default.c_str(), kFlags);
      break;
    case Kind::Choice:
      gimp_procedure_add_choice_argument(procedure, row.name, label, blurb, table_choice(row), row.text_default.c_str(),
                                         kFlags);
      break;
    case Kind::Quality:
      gimp_procedure_add_choice_argument(procedure, row.name, label, blurb, quality_choice(), row.text_default.c_str(),
                                         kFlags);
      break;
    case Kind::Int:
      gimp_procedure_add_int_argument(procedure, row.name, label, blurb, row.min, row.max, row.int_default, kFlags);
      break;
    case Kind::Toggle:
      gimp_procedure_add_boolean_argument(procedure, row.name, label, blurb, row.int_default != 0, kFlags);
      break;
    case Kind::Layers:
      // Not validated by GIMP: 3.0 refuses an empty or absent object array as "out of range" (as it
      // would for image procedures' own drawables, which use the same flag). read_references()
      // checks every element instead.
      gimp_procedure_add_core_object_array_argument(procedure, row.name, label, blurb, GIMP_TYPE_DRAWABLE,
                                                    static_cast<GParamFlags>(kFlags | GIMP_PARAM_NO_VALIDATE));
      break;
  }
}

// Menu entry, texts, arguments and return value: everything but how the procedure runs.
GimpProcedure *describe(GimpProcedure *procedure, const procedures::Procedure &table) {
  if (table.menu_label) gimp_procedure_set_menu_label(procedure, _(table.menu_label));
  if (table.menu_path) gimp_procedure_add_menu_path(procedure, table.menu_path);
  gimp_procedure_set_documentation(procedure, _(table.blurb), _(table.help), table.name);
  gimp_procedure_set_attribution(procedure, spec::kAuthor, spec::kCopyright, spec::kDate);
  if (table.target == procedures::Target::Plain)
    gimp_procedure_add_enum_argument(procedure, "run-mode", _("Run mode"), _("The run mode"), GIMP_TYPE_RUN_MODE,
                                     GIMP_RUN_INTERACTIVE, kFlags);
  for (const Argument &row : table.arguments) add_argument(procedure, row);
  switch (table.returns) {
    case procedures::Returns::Layer:
      gimp_procedure_add_layer_return_value(procedure, table.result_name, _(table.result_label),
                                            _(table.result_blurb), FALSE, kFlags);
      break;
    case procedures::Returns::Image:
      gimp_procedure_add_image_return_value(procedure, table.result_name, _(table.result_label),
                                            _(table.result_blurb), FALSE, kFlags);
      break;
    case procedures::Returns::Figures:
      for (const procedures::Figure &figure : table.figures) {
        if (figure.whole)
          gimp_procedure_add_int_return_value(procedure, figure.name, _(figure.label), _(figure.blurb), 0, G_MAXINT, 0,
                                              kFlags);
        else
          gimp_procedure_add_double_return_value(procedure, figure.name, _(figure.label), _(figure.blurb), 0,
                                                 G_MAXDOUBLE, 0, kFlags);
      }
      break;
    case procedures::Returns::Nothing: break;
  }
  return procedure;
}

int int_property(GimpProcedureConfig *config, const char *name) {
  gint value = 0;
  g_object_get(config, name, &value, nullptr);
  return value;
}

}  // namespace

GimpProcedure *create_image_procedure(GimpPlugIn *plug_in, const procedures::Procedure &table, GimpRunImageFunc run) {
  GimpProcedure *procedure = gimp_image_procedure_new(plug_in, table.name, GIMP_PDB_PROC_TYPE_PLUGIN, run, nullptr, nullptr);
  gimp_procedure_set_image_types(procedure, table.image_types);
  gimp_procedure_set_sensitivity_mask(procedure, GIMP_PROCEDURE_SENSITIVE_DRAWABLE |
                                                     GIMP_PROCEDURE_SENSITIVE_DRAWABLES |
                                                     GIMP_PROCEDURE_SENSITIVE_NO_DRAWABLES);
  return describe(procedure, table);
}

GimpProcedure *create_plain_procedure(GimpPlugIn *plug_in, const procedures::Procedure &table, GimpRunFunc run) {
  return describe(gimp_procedure_new(plug_in, table.name, GIMP_PDB_PROC_TYPE_PLUGIN, run, nullptr, nullptr), table);
}

procedures::ArgumentValues read_arguments(GimpProcedureConfig *config, const procedures::Procedure &table) {
  procedures::ArgumentValues values(table);
  for (const Argument &row : table.arguments) {
    switch (row.kind) {
      case Kind::Text:
      case Kind::Choice:
      case Kind::Quality: values.set_text(row.name, string_property(config, row.name)); break;
      case Kind::Int: values.set_number(row.name, int_property(config, row.name)); break;
      case Kind::Toggle: {
        gboolean on = row.int_default != 0;
        g_object_get(config, row.name, &on, nullptr);
        values.set_toggle(row.name, on);
        break;
      }
      case Kind::Layers: values.set_layers(row.name, drawable_ids_property(config, row.name)); break;
    }
  }
  return values;
}

GimpRunMode run_mode_property(GimpProcedureConfig *config) {
  GimpRunMode run_mode = GIMP_RUN_INTERACTIVE;
  g_object_get(config, "run-mode", &run_mode, nullptr);
  return run_mode;
}

std::string string_property(GimpProcedureConfig *config, const char *name) {
  gchar *value = nullptr;
  g_object_get(config, name, &value, nullptr);
  std::string out = value ? value : "";
  g_free(value);
  return out;
}

std::vector<int> drawable_ids_property(GimpProcedureConfig *config, const char *name) {
  std::vector<int> out;
  GimpDrawable **array = nullptr;
  g_object_get(config, name, &array, nullptr);
  for (GimpDrawable **d = array; d && *d; ++d) out.push_back(gimp_item_get_id(GIMP_ITEM(*d)));
  g_free(array);  // a copy of the array; the drawables are not ours to unref
  return out;
}

void set_drawables_property(GimpProcedureConfig *config, const char *name, const std::vector<GimpDrawable *> &drawables) {
  if (drawables.empty()) {  // none is NULL: GIMP 3.0 calls an empty array invalid
    g_object_set(config, name, nullptr, nullptr);
    return;
  }
  std::vector<GObject *> objects;
  for (GimpDrawable *drawable : drawables) objects.push_back(G_OBJECT(drawable));
  gimp_procedure_config_set_core_object_array(config, name, objects.data(), objects.size());
}

GimpValueArray *fail(GimpProcedure *procedure, const std::string &message, GimpPDBStatusType status) {
  GError *error = g_error_new_literal(GIMP_PLUG_IN_ERROR, 0, message.c_str());
  return gimp_procedure_new_return_values(procedure, status, error);
}

}  // namespace gpt_image

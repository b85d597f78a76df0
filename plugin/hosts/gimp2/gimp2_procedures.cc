#include "gimp2/gimp2_procedures.h"

#include <string>
#include <vector>

#include "procedure_spec.h"

namespace gpt_image {

namespace {

using procedures::Argument;
using procedures::Kind;

GimpParamDef param_def(GimpPDBArgType type, const char *name, const char *blurb) {
  // GIMP copies the strings; it only lacks the const.
  return {type, const_cast<gchar *>(name), const_cast<gchar *>(blurb)};
}

std::vector<GimpParamDef> leading_params(const procedures::Procedure &table) {
  std::vector<GimpParamDef> params{param_def(
      GIMP_PDB_INT32, "run-mode",
      procedures::remembers_last_values(table) ? "The run mode { RUN-INTERACTIVE (0), RUN-NONINTERACTIVE (1), RUN-WITH-LAST-VALS (2) }"
                : "The run mode { RUN-INTERACTIVE (0), RUN-NONINTERACTIVE (1) }")};
  if (table.target == procedures::Target::Image) {
    params.push_back(param_def(GIMP_PDB_IMAGE, "image", "Input image"));
    params.push_back(param_def(GIMP_PDB_DRAWABLE, "drawable", "The new layer goes above this layer"));
  }
  return params;
}

std::string text_param(const GimpParam &param) { return param.data.d_string ? param.data.d_string : ""; }

}  // namespace

int leading_param_count(const procedures::Procedure &table) {
  return table.target == procedures::Target::Image ? 3 : 1;
}

int full_param_count(const procedures::Procedure &table) {
  int count = leading_param_count(table);
  for (const Argument &row : table.arguments) count += row.kind == Kind::Layers ? 2 : 1;
  return count;
}

void install_procedure(const procedures::Procedure &table) {
  // GIMP sends the defs to the core during the call; they need not outlive it.
  std::vector<GimpParamDef> params = leading_params(table);
  for (const Argument &row : table.arguments) {
    switch (row.kind) {
      case Kind::Text:
      case Kind::Choice:
      case Kind::Quality: params.push_back(param_def(GIMP_PDB_STRING, row.name, row.blurb)); break;
      case Kind::Int:
      case Kind::Toggle: params.push_back(param_def(GIMP_PDB_INT32, row.name, row.blurb)); break;
      case Kind::Layers:
        params.push_back(param_def(GIMP_PDB_INT32, row.count_name, row.count_blurb));
        params.push_back(param_def(GIMP_PDB_INT32ARRAY, row.name, row.blurb));
        break;
    }
  }
  std::vector<GimpParamDef> results;
  switch (table.returns) {
    case procedures::Returns::Nothing: break;
    case procedures::Returns::Layer:
    case procedures::Returns::Image:
      results.push_back(param_def(table.returns == procedures::Returns::Image ? GIMP_PDB_IMAGE : GIMP_PDB_LAYER,
                                  table.result_name, table.result_blurb));
      break;
    case procedures::Returns::Figures:
      for (const procedures::Figure &figure : table.figures)
        results.push_back(param_def(figure.whole ? GIMP_PDB_INT32 : GIMP_PDB_FLOAT, figure.name, figure.blurb));
      break;
  }
  gimp_install_procedure(table.name, table.blurb, table.help, spec::kAuthor, spec::kCopyright, spec::kDate,
                         table.menu_label, table.image_types, GIMP_PLUGIN, static_cast<gint>(params.size()),
                         static_cast<gint>(results.size()), params.data(), results.empty() ? nullptr : results.data());
  if (table.menu_path) gimp_plugin_menu_register(table.name, table.menu_path);
}

void read_params(gint nparams, const GimpParam *param, procedures::ArgumentValues &into) {
  const procedures::Procedure &table = into.procedure();
  int index = leading_param_count(table);
  for (const Argument &row : table.arguments) {
    const int width = row.kind == Kind::Layers ? 2 : 1;
    if (index + width > nparams) return;
    switch (row.kind) {
      case Kind::Text:
      case Kind::Choice:
      case Kind::Quality: into.set_text(row.name, text_param(param[index])); break;
      case Kind::Int: into.set_number(row.name, param[index].data.d_int32); break;
      case Kind::Toggle: into.set_toggle(row.name, param[index].data.d_int32 != 0); break;
      case Kind::Layers: {
        std::vector<int> ids;
        const gint32 count = param[index].data.d_int32;
        const gint32 *array = param[index + 1].data.d_int32array;
        for (gint32 i = 0; i < count && array; ++i) ids.push_back(array[i]);
        into.set_layers(row.name, std::move(ids));
        break;
      }
    }
    index += width;
  }
}

}  // namespace gpt_image

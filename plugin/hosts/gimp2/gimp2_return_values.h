// GIMP 2.10's return values: a status, then a message or the procedure's result. They must outlive
// run(), since GIMP reads them after it returns, so they live in static storage.
#pragma once

#include <libgimp/gimp.h>

#include <string>
#include <vector>

#include "procedures.h"

namespace gpt_image {

inline GimpParam *return_values_storage() {
  static GimpParam values[2];
  return values;
}

// Sets the return values to `status` and, when there is one, its message.
inline void set_status(gint *nreturn_vals, GimpParam **return_vals, GimpPDBStatusType status,
                       const std::string &message) {
  static std::string last_message;
  last_message = message;
  GimpParam *values = return_values_storage();
  values[0].type = GIMP_PDB_STATUS;
  values[0].data.d_status = status;
  values[1].type = GIMP_PDB_STRING;
  values[1].data.d_string = const_cast<gchar *>(last_message.c_str());
  *nreturn_vals = message.empty() ? 1 : 2;
  *return_vals = values;
}

// Success with one item id (a layer or an image) as the result.
inline void set_result(gint *nreturn_vals, GimpParam **return_vals, GimpPDBArgType type, gint32 id) {
  GimpParam *values = return_values_storage();
  values[0].type = GIMP_PDB_STATUS;
  values[0].data.d_status = GIMP_PDB_SUCCESS;
  values[1].type = type;
  if (type == GIMP_PDB_IMAGE)
    values[1].data.d_image = id;
  else
    values[1].data.d_layer = id;
  *nreturn_vals = 2;
  *return_vals = values;
}

// Success with a procedure's figures (procedures::Returns::Figures): INT32 for counts, FLOAT for
// amounts, in the table's order. `values` holds one number per figure.
inline void set_figures(gint *nreturn_vals, GimpParam **return_vals, const std::vector<procedures::Figure> &figures,
                        const std::vector<double> &values) {
  static std::vector<GimpParam> params;
  params.assign(1 + figures.size(), GimpParam{});
  params[0].type = GIMP_PDB_STATUS;
  params[0].data.d_status = GIMP_PDB_SUCCESS;
  for (std::size_t i = 0; i < figures.size(); ++i) {
    const double value = i < values.size() ? values[i] : 0;
    GimpParam &param = params[i + 1];
    param.type = figures[i].whole ? GIMP_PDB_INT32 : GIMP_PDB_FLOAT;
    if (figures[i].whole)
      param.data.d_int32 = static_cast<gint32>(value);
    else
      param.data.d_float = value;
  }
  *nreturn_vals = static_cast<gint>(params.size());
  *return_vals = params.data();
}

}  // namespace gpt_image

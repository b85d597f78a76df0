// GIMP 2.10's return values: a status, then a message or the procedure's result. They must outlive
// run(), since GIMP reads them after it returns, so they live in static storage.
#pragma once

#include <libgimp/gimp.h>

#include <string>

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

}  // namespace gpt_image

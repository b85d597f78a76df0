// Reading a GIMP 3 procedure's config and answering with an error, shared by its procedures.
#pragma once

#include <libgimp/gimp.h>

#include <string>
#include <vector>

#include "model_features.h"

namespace gpt_image {

// The quality argument's choices: every quality of the model catalogue (a new model's qualities
// need no new code). The dialog greys out those the settings' model does not take.
inline GimpChoice *quality_choice() {
  GimpChoice *choice = gimp_choice_new();
  int id = 0;
  for (const std::string &q : offered_qualities()) gimp_choice_add(choice, q.c_str(), id++, quality_label(q).c_str(), nullptr);
  return choice;
}

inline std::string string_property(GimpProcedureConfig *config, const char *name) {
  gchar *value = nullptr;
  g_object_get(config, name, &value, nullptr);
  std::string out = value ? value : "";
  g_free(value);
  return out;
}

inline int int_property(GimpProcedureConfig *config, const char *name) {
  gint value = 0;
  g_object_get(config, name, &value, nullptr);
  return value;
}

// The item ids of a drawable-array argument's drawables, in order (gimp_facade.h's handles).
inline std::vector<int> drawable_ids_property(GimpProcedureConfig *config, const char *name) {
  std::vector<int> out;
  GimpDrawable **array = nullptr;
  g_object_get(config, name, &array, nullptr);
  for (GimpDrawable **d = array; d && *d; ++d) out.push_back(gimp_item_get_id(GIMP_ITEM(*d)));
  g_free(array);  // a copy of the array; the drawables are not ours to unref
  return out;
}

inline void set_drawables_property(GimpProcedureConfig *config, const char *name,
                                   const std::vector<GimpDrawable *> &drawables) {
  if (drawables.empty()) {  // none is NULL: GIMP 3.0 calls an empty array invalid
    g_object_set(config, name, nullptr, nullptr);
    return;
  }
  std::vector<GObject *> objects;
  for (GimpDrawable *drawable : drawables) objects.push_back(G_OBJECT(drawable));
  gimp_procedure_config_set_core_object_array(config, name, objects.data(), objects.size());
}

inline GimpValueArray *fail(GimpProcedure *procedure, const std::string &message) {
  GError *error = g_error_new_literal(GIMP_PLUG_IN_ERROR, 0, message.c_str());
  return gimp_procedure_new_return_values(procedure, GIMP_PDB_EXECUTION_ERROR, error);
}

}  // namespace gpt_image

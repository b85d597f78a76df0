// For the two gimp_facade.h implementations: the strings libgimp hands over for the caller to free
// (names), spelled alike in GIMP 2.10 and 3.
#pragma once

#include <glib.h>

#include <string>

namespace gpt_image::gimp {

// `text` as a std::string (NULL: empty), freed.
inline std::string take_text(gchar *text) {
  std::string out = text ? text : "";
  g_free(text);
  return out;
}

}  // namespace gpt_image::gimp

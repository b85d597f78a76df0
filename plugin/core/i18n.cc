#include "i18n.h"

#include <clocale>
#include <cstdarg>

namespace gpt_image {

std::string bind_plugin_translations(const char *binary_path) {
  // Messages and character classes follow the user's language; numbers in requests and settings
  // files must not, so LC_NUMERIC stays "C".
  setlocale(LC_ALL, "");
  setlocale(LC_NUMERIC, "C");
  gchar *folder = g_path_get_dirname(binary_path ? binary_path : ".");
  gchar *locale_dir = g_build_filename(folder, "locale", nullptr);
  bindtextdomain(GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset(GETTEXT_PACKAGE, "UTF-8");
  std::string out = locale_dir;
  g_free(locale_dir);
  g_free(folder);
  return out;
}

std::string format_text(const char *format, ...) {
  va_list arguments;
  va_start(arguments, format);
  gchar *text = g_strdup_vprintf(format, arguments);
  va_end(arguments);
  std::string out = text ? text : "";
  g_free(text);
  return out;
}

}  // namespace gpt_image

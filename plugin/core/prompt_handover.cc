#include "prompt_handover.h"

#include <glib.h>
#include <glib/gstdio.h>

#include <ctime>

#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {
constexpr gsize kMostHandoverBytes = 32 * 1024;  // prompts are at most 32,000 characters
}

std::string prompt_handover_path_in_profile(const std::string &profile_directory) {
  gchar *path = g_build_filename(profile_directory.c_str(), "gimp-gpt-image", "next-prompt.txt", nullptr);
  std::string out = path;
  g_free(path);
  return out;
}

void hand_over_prompt(const std::string &path, const std::string &prompt) {
  gchar *folder = g_path_get_dirname(path.c_str());
  g_mkdir_with_parents(folder, 0700);
  g_free(folder);
  GError *error = nullptr;
  if (!g_file_set_contents(path.c_str(), prompt.data(), static_cast<gssize>(prompt.size()), &error)) {
    const std::string why = error ? error->message : "";
    g_clear_error(&error);
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("Could not hand the prompt to Generative Fill: %s"), why.c_str()));
  }
}

std::optional<std::string> take_handed_over_prompt(const std::string &path, int max_age_seconds) {
  GStatBuf info;
  if (g_stat(path.c_str(), &info) != 0) return std::nullopt;
  const bool fresh = std::difftime(std::time(nullptr), info.st_mtime) <= max_age_seconds;
  const bool small = info.st_size >= 0 && static_cast<gsize>(info.st_size) <= kMostHandoverBytes;
  gchar *text = nullptr;
  gsize length = 0;
  const bool read = fresh && small && g_file_get_contents(path.c_str(), &text, &length, nullptr);
  g_remove(path.c_str());  // taken once, fresh or not
  std::optional<std::string> out;
  if (read && length <= kMostHandoverBytes && g_utf8_validate(text, static_cast<gssize>(length), nullptr))
    out = std::string(text, length);
  g_free(text);
  return out;
}

}  // namespace gpt_image

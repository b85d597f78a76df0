#include "removal.h"

#include <glib.h>

#include "errors.h"
#include "generative_fill.h"
#include "i18n.h"

namespace gpt_image {

namespace {

// Written for the model, not for people: never translated. It names the mask because edits
// repaint only its transparent part, and forbids new objects because a model asked to "fill"
// an area tends to put something there.
constexpr const char *kRemovalInstruction =
    "Remove everything inside the masked area and fill it with a seamless, natural continuation of the "
    "surrounding scene: the same background, surfaces, textures, lighting, shadows and perspective. "
    "Do not add any new object, person, animal, text or logo.";

// The hint on one line, its ends trimmed, without the full stop the prompt adds itself.
std::string one_line(const std::string &hint) {
  gchar *copy = g_strdup(hint.c_str());
  for (gchar *p = copy; *p; ++p)
    if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
  std::string out = g_strstrip(copy);
  g_free(copy);
  while (!out.empty() && (out.back() == '.' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

std::string removal_prompt(const std::string &hint) {
  if (!g_utf8_validate(hint.c_str(), static_cast<gssize>(hint.size()), nullptr))
    throw GenerativeError(ErrorKind::InvalidArgument, _("The hint is not valid UTF-8 text."));
  const std::string what = one_line(hint);
  const long length = g_utf8_strlen(what.c_str(), -1);
  if (length > kMaxHintCharacters)
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("The hint is %ld characters long; Remove takes at most %ld. Say in a few "
                                        "words what to remove."),
                                      length, kMaxHintCharacters));
  if (what.empty()) return kRemovalInstruction;
  return std::string(kRemovalInstruction) + " What to remove: " + what + ".";
}

std::string removal_layer_name(const std::string &hint) {
  const std::string what = prompt_for_layer_name(hint);
  // TRANSLATORS: the name of the layer Remove inserts, followed by the start of the hint
  if (!what.empty()) return format_text(_("Remove: %s"), what.c_str());
  // TRANSLATORS: the name of the layer Remove inserts when no hint was given
  return _("Remove: selection");
}

}  // namespace gpt_image

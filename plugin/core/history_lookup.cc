#include "history_lookup.h"

#include <glib.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "errors.h"
#include "generative_fill.h"
#include "i18n.h"

namespace gpt_image {

namespace {

std::string trimmed_lower(const std::string &text) {
  const auto blank = [](unsigned char c) { return std::isspace(c) != 0; };
  auto first = std::find_if_not(text.begin(), text.end(), blank);
  auto last = std::find_if_not(text.rbegin(), text.rend(), blank).base();
  std::string out = first < last ? std::string(first, last) : std::string();
  for (char &c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_hex(const std::string &text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
}

// Case folded and normalised, so that composed and decomposed umlauts compare equal.
std::string folded(const std::string &text) {
  std::unique_ptr<gchar, decltype(&g_free)> normal(g_utf8_normalize(text.c_str(), -1, G_NORMALIZE_ALL), g_free);
  if (!normal) return text;  // not UTF-8: compared as it is
  std::unique_ptr<gchar, decltype(&g_free)> fold(g_utf8_casefold(normal.get(), -1), g_free);
  return fold.get();
}

}  // namespace

std::size_t resolve_history_entry(const std::vector<std::string> &keys, const std::string &wanted) {
  if (keys.empty())
    throw GenerativeError(ErrorKind::InvalidArgument,
                          _("The result cache is empty: there is nothing in the History yet. Results are kept "
                            "after a call of Generative Fill, Generate Layer, Generate Image, Remove or Expand "
                            "while the cache size in the settings is above 0."));
  const std::string prefix = trimmed_lower(wanted);
  if (prefix == kLatestEntry) return 0;
  if (prefix.size() < kShortestKeyPrefix || !is_hex(prefix))
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("\"%s\" does not name a History entry: give \"latest\" or at least the first "
                                        "%d hexadecimal digits of an entry's key."),
                                      wanted.c_str(), static_cast<int>(kShortestKeyPrefix)));
  std::size_t found = keys.size();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (keys[i].compare(0, prefix.size(), prefix) != 0) continue;
    if (keys[i].size() == prefix.size()) return i;  // a whole key is never ambiguous
    if (found != keys.size())
      throw GenerativeError(ErrorKind::InvalidArgument,
                            format_text(_("\"%s\" is the start of more than one History entry's key (%s… and %s… at "
                                          "least); give more digits."),
                                        wanted.c_str(), keys[found].substr(0, 12).c_str(), keys[i].substr(0, 12).c_str()));
    found = i;
  }
  if (found == keys.size())
    throw GenerativeError(ErrorKind::InvalidArgument,
                          format_text(_("No History entry has a key starting with \"%s\". The entry may have been "
                                      "evicted from the result cache; give \"latest\" or a key the History shows."),
                                      wanted.c_str()));
  return found;
}

std::string history_layer_name(const std::string &prompt) {
  // TRANSLATORS: the name of a layer inserted from the History, followed by the start of its prompt
  return format_text(_("History: %s"), prompt_for_layer_name(prompt).c_str());
}

bool prompt_matches_search(const std::string &prompt, const std::string &query) {
  const std::string haystack = folded(prompt);
  const std::string needles = folded(query);
  std::size_t at = 0;
  while (at < needles.size()) {
    const std::size_t start = needles.find_first_not_of(" \t\r\n", at);
    if (start == std::string::npos) break;
    std::size_t end = needles.find_first_of(" \t\r\n", start);
    if (end == std::string::npos) end = needles.size();
    if (haystack.find(needles.substr(start, end - start)) == std::string::npos) return false;
    at = end;
  }
  return true;
}

}  // namespace gpt_image

#include "server_text.h"

#include <glib.h>

#include <algorithm>

namespace gpt_image {

namespace {

constexpr const char *kRemoved = "[key removed]";
// Only this much of a server's text is looked at; far more than is ever shown.
constexpr size_t kMaxServerTextBytes = 16 * 1024;
// Runs this long that appear in the key are taken for a piece of it (a relay echoing half a key).
constexpr size_t kMinKeyPiece = 8;

// The characters API keys and bearer tokens are made of.
bool is_key_char(char c) { return g_ascii_isalnum(c) || c == '-' || c == '_'; }

std::string replace_all(const std::string &text, const std::string &what, const std::string &with) {
  if (what.empty()) return text;
  std::string out;
  size_t from = 0;
  for (size_t at; (at = text.find(what, from)) != std::string::npos; from = at + what.size())
    out.append(text, from, at - from).append(with);
  return out.append(text, from, std::string::npos);
}

// Replaces "Bearer <token>" (any case) and key-shaped or key-piece tokens.
std::string without_tokens(const std::string &text, const std::string &secret) {
  std::string out;
  out.reserve(text.size());
  bool after_bearer = false;
  for (size_t i = 0; i < text.size();) {
    if (!is_key_char(text[i])) {
      out += text[i++];
      continue;
    }
    size_t end = i;
    while (end < text.size() && is_key_char(text[end])) ++end;
    const std::string token = text.substr(i, end - i);
    const bool key_shaped = (token.rfind("sk-", 0) == 0 || token.rfind("sess-", 0) == 0) && token.size() >= 16;
    const bool key_piece = !secret.empty() && token.size() >= kMinKeyPiece && secret.find(token) != std::string::npos;
    out += (after_bearer || key_shaped || key_piece) ? kRemoved : token;
    after_bearer = g_ascii_strcasecmp(token.c_str(), "bearer") == 0;
    i = end;
  }
  return out;
}

}  // namespace

std::string without_secret(const std::string &text, const std::string &secret) {
  return without_tokens(replace_all(text, secret, kRemoved), secret);
}

std::string shown_server_text(const std::string &text, const std::string &secret, size_t max_chars) {
  gchar *valid = g_utf8_make_valid(text.c_str(), static_cast<gssize>(std::min(text.size(), kMaxServerTextBytes)));
  std::string raw = replace_all(valid, secret, kRemoved);
  g_free(valid);
  // One line without control characters (C0, DEL, C1): white-space ones become a space.
  std::string flat;
  flat.reserve(raw.size());
  for (const gchar *p = raw.c_str(); *p; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    const bool control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029;
    if (control) {
      if ((c == '\n' || c == '\r' || c == '\t' || c == 0x2028 || c == 0x2029) && !flat.empty() && flat.back() != ' ')
        flat += ' ';
      continue;
    }
    flat.append(p, g_utf8_next_char(p) - p);
  }
  // Again after the flattening: the pieces of a key split by a control character are caught here.
  flat = without_secret(flat, secret);
  while (!flat.empty() && flat.back() == ' ') flat.pop_back();
  if (static_cast<size_t>(g_utf8_strlen(flat.c_str(), -1)) <= max_chars) return flat;
  const gchar *cut = g_utf8_offset_to_pointer(flat.c_str(), static_cast<glong>(max_chars));
  return flat.substr(0, static_cast<size_t>(cut - flat.c_str())) + "…";
}

}  // namespace gpt_image

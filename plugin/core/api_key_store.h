// The API key: from OPENAI_API_KEY when set (scripts, CI), otherwise from the system keyring
// through libsecret (Secret Service: GNOME Keyring, KWallet), one key per base URL. Never from a
// plain file, and never written anywhere but the keyring.
#pragma once

#include <string>

namespace gpt_image {

enum class KeySource { None, Environment, Keyring };

struct ApiKeyLookup {
  std::string key;
  KeySource source = KeySource::None;
  std::string keyring_problem;  // why the keyring could not be asked, when it could not
};

ApiKeyLookup find_api_key(const std::string &base_url);

// A sentence for the user when no key was found, saying where to put one.
std::string missing_key_message(const ApiKeyLookup &lookup, const std::string &base_url);

// Throws GenerativeError(Configuration) when no Secret Service answers, saying so.
void store_api_key_in_keyring(const std::string &base_url, const std::string &key);
void forget_api_key_in_keyring(const std::string &base_url);

}  // namespace gpt_image

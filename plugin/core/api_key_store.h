// The API key: from OPENAI_API_KEY when set (scripts, CI), otherwise from the system keyring
// through libsecret (Secret Service: GNOME Keyring, KWallet), one key per base URL. Never from a
// plain file, and never written anywhere but the keyring.
// Azure OpenAI keys are kept apart: AZURE_OPENAI_API_KEY, or a keyring item of their own schema
// whose attributes name the service and the endpoint. An OpenAI key is never looked up for an
// Azure endpoint, nor the reverse; OpenAI keys stored before Azure existed stay readable as they
// are (their schema and attributes did not change).
#pragma once

#include <string>

#include "service.h"

namespace gpt_image {

enum class KeySource { None, Environment, Keyring };

struct ApiKeyLookup {
  std::string key;
  KeySource source = KeySource::None;
  std::string keyring_problem;  // why the keyring could not be asked, when it could not
};

// `address` is the normalised base URL, or for Azure the normalised endpoint.
ApiKeyLookup find_api_key(const std::string &address, Service service = Service::OpenAi);

// A sentence for the user when no key was found, saying where to put one.
std::string missing_key_message(const ApiKeyLookup &lookup, const std::string &address,
                                Service service = Service::OpenAi);

// The environment variable a service's key is read from.
const char *api_key_variable(Service service);

// Throws GenerativeError(Configuration) when no Secret Service answers, saying so.
void store_api_key_in_keyring(const std::string &address, const std::string &key, Service service = Service::OpenAi);
void forget_api_key_in_keyring(const std::string &address, Service service = Service::OpenAi);

}  // namespace gpt_image

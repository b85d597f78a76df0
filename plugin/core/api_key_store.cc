#include "api_key_store.h"

#include <libsecret/secret.h>

#include <cstdlib>

#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

const SecretSchema *key_schema() {
  static const SecretSchema schema = [] {
    SecretSchema s{};
    s.name = "org.gimp.plugin.gpt-image.ApiKey";
    s.flags = SECRET_SCHEMA_NONE;
    s.attributes[0] = {"base_url", SECRET_SCHEMA_ATTRIBUTE_STRING};
    s.attributes[1] = {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING};
    return s;
  }();
  return &schema;
}

std::string keyring_unavailable(const GError *error) {
  return format_text(_("no keyring service (Secret Service) answered: %s"), error ? error->message : _("unknown error"));
}

}  // namespace

ApiKeyLookup find_api_key(const std::string &base_url) {
  ApiKeyLookup lookup;
  if (const char *value = std::getenv("OPENAI_API_KEY"); value && *value) {
    lookup.key = value;
    lookup.source = KeySource::Environment;
    return lookup;
  }
  GError *error = nullptr;
  gchar *secret = secret_password_lookup_sync(key_schema(), nullptr, &error, "base_url", base_url.c_str(), nullptr);
  if (error) {
    lookup.keyring_problem = keyring_unavailable(error);
    g_error_free(error);
  } else if (secret) {
    lookup.key = secret;
    lookup.source = KeySource::Keyring;
  }
  if (secret) secret_password_free(secret);
  return lookup;
}

std::string missing_key_message(const ApiKeyLookup &lookup, const std::string &base_url) {
  if (!lookup.keyring_problem.empty())
    return format_text(_("No API key: %s. On a computer without a keyring, set the environment variable "
                         "OPENAI_API_KEY before starting GIMP (for example in ~/.profile: export OPENAI_API_KEY=...)."),
                       lookup.keyring_problem.c_str());
  return format_text(_("No API key is stored for %s. Enter it in Filters ▸ Generative ▸ Settings… (it is kept in the "
                       "system keyring), or set the environment variable OPENAI_API_KEY before starting GIMP."),
                     base_url.c_str());
}

void store_api_key_in_keyring(const std::string &base_url, const std::string &key) {
  GError *error = nullptr;
  const std::string label = format_text(_("GIMP Generative Fill API key for %s"), base_url.c_str());
  if (!secret_password_store_sync(key_schema(), SECRET_COLLECTION_DEFAULT, label.c_str(), key.c_str(), nullptr, &error,
                                  "base_url", base_url.c_str(), nullptr)) {
    const std::string why = keyring_unavailable(error);
    g_clear_error(&error);
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The key could not be saved: %s. It was not written anywhere else; set "
                                        "OPENAI_API_KEY in GIMP's environment instead."),
                                      why.c_str()));
  }
}

void forget_api_key_in_keyring(const std::string &base_url) {
  GError *error = nullptr;
  secret_password_clear_sync(key_schema(), nullptr, &error, "base_url", base_url.c_str(), nullptr);
  if (error) {
    const std::string why = keyring_unavailable(error);
    g_error_free(error);
    throw GenerativeError(ErrorKind::Configuration, format_text(_("The key could not be removed: %s."), why.c_str()));
  }
}

}  // namespace gpt_image

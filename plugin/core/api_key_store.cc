#include "api_key_store.h"

#include <libsecret/secret.h>

#include <cstdlib>

#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

// The OpenAI-compatible schema, unchanged since the first release: its items hold one attribute.
const SecretSchema *openai_schema() {
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

// Azure keys: a schema of their own (libsecret matches the schema's name too, so neither kind of
// lookup can find the other kind's item) with the service and the endpoint as attributes.
const SecretSchema *azure_schema() {
  static const SecretSchema schema = [] {
    SecretSchema s{};
    s.name = "org.gimp.plugin.gpt-image.AzureApiKey";
    s.flags = SECRET_SCHEMA_NONE;
    s.attributes[0] = {"service", SECRET_SCHEMA_ATTRIBUTE_STRING};
    s.attributes[1] = {"endpoint", SECRET_SCHEMA_ATTRIBUTE_STRING};
    s.attributes[2] = {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING};
    return s;
  }();
  return &schema;
}

// The schema and attributes of a service's item for an address.
struct Item {
  const SecretSchema *schema;
  GHashTable *attributes;
  explicit Item(const std::string &address, Service service)
      : schema(service == Service::Azure ? azure_schema() : openai_schema()),
        attributes(g_hash_table_new_full(g_str_hash, g_str_equal, nullptr, g_free)) {
    if (service == Service::Azure) {
      g_hash_table_insert(attributes, const_cast<char *>("service"), g_strdup("azure"));
      g_hash_table_insert(attributes, const_cast<char *>("endpoint"), g_strdup(address.c_str()));
    } else {
      g_hash_table_insert(attributes, const_cast<char *>("base_url"), g_strdup(address.c_str()));
    }
  }
  ~Item() { g_hash_table_unref(attributes); }
  Item(const Item &) = delete;
  Item &operator=(const Item &) = delete;
};

std::string keyring_unavailable(const GError *error) {
  return format_text(_("no keyring service (Secret Service) answered: %s"), error ? error->message : _("unknown error"));
}

}  // namespace

const char *api_key_variable(Service service) {
  return service == Service::Azure ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY";
}

ApiKeyLookup find_api_key(const std::string &address, Service service) {
  ApiKeyLookup lookup;
  if (const char *value = std::getenv(api_key_variable(service)); value && *value) {
    lookup.key = value;
    lookup.source = KeySource::Environment;
    return lookup;
  }
  GError *error = nullptr;
  const Item item(address, service);
  gchar *secret = secret_password_lookupv_sync(item.schema, item.attributes, nullptr, &error);
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

std::string missing_key_message(const ApiKeyLookup &lookup, const std::string &address, Service service) {
  const char *variable = api_key_variable(service);
  if (!lookup.keyring_problem.empty())
    return format_text(_("No API key: %s. On a computer without a keyring, set the environment variable "
                         "%s before starting GIMP (for example in ~/.profile: export %s=...)."),
                       lookup.keyring_problem.c_str(), variable, variable);
  return format_text(_("No API key is stored for %s. Enter it in Filters ▸ Generative ▸ Settings… (it is kept in the "
                       "system keyring), or set the environment variable %s before starting GIMP."),
                     address.c_str(), variable);
}

void store_api_key_in_keyring(const std::string &address, const std::string &key, Service service) {
  GError *error = nullptr;
  const std::string label =
      service == Service::Azure
          ? format_text(_("GIMP Generative Fill Azure OpenAI key for %s"), address.c_str())
          : format_text(_("GIMP Generative Fill API key for %s"), address.c_str());
  const Item item(address, service);
  if (!secret_password_storev_sync(item.schema, item.attributes, SECRET_COLLECTION_DEFAULT, label.c_str(), key.c_str(),
                                   nullptr, &error)) {
    const std::string why = keyring_unavailable(error);
    g_clear_error(&error);
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The key could not be saved: %s. It was not written anywhere else; set "
                                        "%s in GIMP's environment instead."),
                                      why.c_str(), api_key_variable(service)));
  }
}

void forget_api_key_in_keyring(const std::string &address, Service service) {
  GError *error = nullptr;
  const Item item(address, service);
  secret_password_clearv_sync(item.schema, item.attributes, nullptr, &error);
  if (error) {
    const std::string why = keyring_unavailable(error);
    g_error_free(error);
    throw GenerativeError(ErrorKind::Configuration, format_text(_("The key could not be removed: %s."), why.c_str()));
  }
}

}  // namespace gpt_image

#include "connection_settings.h"

#include <curl/curl.h>

#include <memory>

#include "api_key_store.h"
#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

bool is_loopback_host(const std::string &host) {
  return host == "localhost" || host == "[::1]" || host == "::1" || host.compare(0, 4, "127.") == 0;
}

std::string url_part(CURLU *url, CURLUPart part) {
  char *value = nullptr;
  if (curl_url_get(url, part, &value, 0) != CURLUE_OK || !value) return {};
  std::string out(value);
  curl_free(value);
  return out;
}

}  // namespace

std::string validate_base_url(const std::string &raw) {
  std::string url = raw;
  while (!url.empty() && url.back() == '/') url.pop_back();
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), curl_url_cleanup);
  if (url.empty() || curl_url_set(parsed.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The base URL \"%s\" is not a valid URL; it should look like %s."), raw.c_str(),
                                      kDefaultBaseUrl));
  const std::string scheme = url_part(parsed.get(), CURLUPART_SCHEME);
  const std::string host = url_part(parsed.get(), CURLUPART_HOST);
  if (!url_part(parsed.get(), CURLUPART_USER).empty() || !url_part(parsed.get(), CURLUPART_PASSWORD).empty())
    throw GenerativeError(ErrorKind::Configuration,
                          _("The base URL must not contain a user name or password; the key goes in OPENAI_API_KEY."));
  if (scheme == "https") return url;
  if (scheme == "http" && is_loopback_host(host)) return url;
  if (scheme == "http")
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("Refusing plain http:// to %s: the key and your image would travel unencrypted. "
                                        "Use an https:// base URL (plain http is allowed only to this computer)."),
                                      host.c_str()));
  throw GenerativeError(ErrorKind::Configuration,
                        format_text(_("The base URL must start with https:// (it starts with \"%s://\")."), scheme.c_str()));
}

ConnectionSettings connection_for(const PluginSettings &settings, const std::string &api_key) {
  validate_settings(settings);
  ConnectionSettings connection;
  connection.base_url = validate_base_url(settings.base_url);
  connection.api_key = api_key;
  connection.model = settings.model;
  connection.organization = settings.organization;
  connection.project = settings.project;
  connection.ca_file = settings.ca_file;
  connection.timeout_seconds = settings.timeout_seconds;
  connection.connect_timeout_seconds = settings.connect_timeout_seconds;
  connection.stall_timeout_seconds = settings.stall_timeout_seconds;
  connection.pixel_budget = settings.pixel_budget;
  connection.max_retries = settings.max_retries;
  return connection;
}

ConnectionSettings resolve_connection(const std::string &settings_path) {
  const PluginSettings settings =
      with_environment_overrides(settings_path.empty() ? PluginSettings{} : load_settings(settings_path));
  const std::string base_url = validate_base_url(settings.base_url);
  const ApiKeyLookup key = find_api_key(base_url);
  if (key.key.empty()) throw GenerativeError(ErrorKind::Configuration, missing_key_message(key, base_url));
  return connection_for(settings, key.key);
}

}  // namespace gpt_image

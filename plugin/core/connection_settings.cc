#include "connection_settings.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>

#include <memory>

#include "api_key_store.h"
#include "errors.h"
#include "i18n.h"
#include "server_text.h"
#include "service_route.h"

namespace gpt_image {

namespace {

std::string url_part(CURLU *url, CURLUPart part) {
  char *value = nullptr;
  if (curl_url_get(url, part, &value, 0) != CURLUE_OK || !value) return {};
  std::string out(value);
  curl_free(value);
  return out;
}

GenerativeError not_a_url(const std::string &raw) {
  return GenerativeError(ErrorKind::Configuration,
                         format_text(_("The base URL \"%s\" is not a valid URL; it should look like %s."),
                                     shown_server_text(raw).c_str(), kDefaultBaseUrl));
}

}  // namespace

bool is_loopback_host(const std::string &host) {
  if (host == "localhost") return true;  // libcurl resolves it to loopback itself, never through DNS
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    in6_addr v6{};
    const std::string inner = host.substr(1, host.size() - 2);
    return inet_pton(AF_INET6, inner.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
  }
  return false;
}

std::string validate_base_url(const std::string &raw) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), curl_url_cleanup);
  if (raw.empty() || curl_url_set(parsed.get(), CURLUPART_URL, raw.c_str(), 0) != CURLUE_OK) throw not_a_url(raw);
  // Everything below reads libcurl's own parse, the one the transfer will use: no second opinion
  // of where the host name ends.
  const std::string scheme = url_part(parsed.get(), CURLUPART_SCHEME);
  const std::string host = url_part(parsed.get(), CURLUPART_HOST);
  if (!url_part(parsed.get(), CURLUPART_USER).empty() || !url_part(parsed.get(), CURLUPART_PASSWORD).empty())
    throw GenerativeError(ErrorKind::Configuration,
                          _("The base URL must not contain a user name or password; the key goes in OPENAI_API_KEY."));
  if (!url_part(parsed.get(), CURLUPART_QUERY).empty() || !url_part(parsed.get(), CURLUPART_FRAGMENT).empty() ||
      raw.find_first_of("?#") != std::string::npos)
    throw GenerativeError(ErrorKind::Configuration,
                          _("The base URL must not contain a query (?…) or a fragment (#…): the plug-in adds the "
                            "paths of the API to it. Remove everything from the \"?\" or \"#\" on."));
  if (scheme == "http" && !is_loopback_host(host))
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("Refusing plain http:// to %s: the key and your image would travel unencrypted. "
                                        "Use an https:// base URL (plain http is allowed only to this computer: "
                                        "127.0.0.1, [::1] or localhost)."),
                                      shown_server_text(host).c_str()));
  if (scheme != "https" && scheme != "http")
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The base URL must start with https:// (it starts with \"%s://\")."),
                                      shown_server_text(scheme).c_str()));
  // The normalised form is what every request URL is built from.
  std::string url = url_part(parsed.get(), CURLUPART_URL);
  if (url.empty()) throw not_a_url(raw);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

ApiKeyLookup usable_api_key(ApiKeyLookup found) {
  found.key = checked_api_key(found.key);
  return found;
}

std::string checked_api_key(const std::string &raw) {
  // Surrounding white space (a pasted key, a CRLF env file's trailing \r) is never part of a key.
  const size_t first = raw.find_first_not_of(" \t\r\n\v\f");
  if (first == std::string::npos) return {};
  const std::string key = raw.substr(first, raw.find_last_not_of(" \t\r\n\v\f") - first + 1);
  for (const unsigned char c : key)
    if (c < 0x20 || c == 0x7f)
      throw GenerativeError(ErrorKind::Configuration,
                            _("The API key contains a control character (a line break or tab inside it), so it "
                              "cannot be sent. Copy the key again, on one line, into Filters ▸ Generative ▸ "
                              "Settings… or OPENAI_API_KEY."));
  return key;
}

ConnectionSettings connection_for(const PluginSettings &settings, const std::string &api_key) {
  validate_settings(settings);
  ConnectionSettings connection;
  connection.service = settings.service;
  connection.api_key = checked_api_key(api_key);
  if (settings.service == Service::Azure) {
    connection.base_url = validate_azure_endpoint(settings.azure_endpoint);
    connection.deployment = settings.azure_deployment;
    connection.api_version = settings.azure_api_version;
    connection.model = model_for_rules(settings);  // the deployment's name unless told otherwise
  } else {
    connection.base_url = validate_base_url(settings.base_url);
    connection.model = settings.model;
  }
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

std::string key_address(const PluginSettings &settings) {
  return settings.service == Service::Azure ? validate_azure_endpoint(settings.azure_endpoint)
                                            : validate_base_url(settings.base_url);
}

ConnectionSettings resolve_connection(const std::string &settings_path) {
  const PluginSettings settings =
      with_environment_overrides(settings_path.empty() ? PluginSettings{} : load_settings(settings_path));
  const std::string address = key_address(settings);
  const ApiKeyLookup key = usable_api_key(find_api_key(address, settings.service));
  if (key.key.empty())
    throw GenerativeError(ErrorKind::Configuration, missing_key_message(key, address, settings.service));
  return connection_for(settings, key.key);
}

}  // namespace gpt_image

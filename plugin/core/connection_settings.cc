#include "connection_settings.h"

#include <curl/curl.h>

#include <cstdlib>
#include <memory>

#include "errors.h"

namespace gpt_image {

namespace {

std::string env_or(const char *name, const std::string &fallback) {
  const char *value = std::getenv(name);
  return value && *value ? std::string(value) : fallback;
}

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
                          "The base URL \"" + raw + "\" is not a valid URL; it should look like " + kDefaultBaseUrl + ".");
  const std::string scheme = url_part(parsed.get(), CURLUPART_SCHEME);
  const std::string host = url_part(parsed.get(), CURLUPART_HOST);
  if (!url_part(parsed.get(), CURLUPART_USER).empty() || !url_part(parsed.get(), CURLUPART_PASSWORD).empty())
    throw GenerativeError(ErrorKind::Configuration,
                          "The base URL must not contain a user name or password; the key goes in OPENAI_API_KEY.");
  if (scheme == "https") return url;
  if (scheme == "http" && is_loopback_host(host)) return url;
  if (scheme == "http")
    throw GenerativeError(ErrorKind::Configuration, "Refusing plain http:// to " + host +
                                                        ": the key and your image would travel unencrypted. Use an "
                                                        "https:// base URL (plain http is allowed only to this computer).");
  throw GenerativeError(ErrorKind::Configuration,
                        "The base URL must start with https:// (it starts with \"" + scheme + "://\").");
}

ConnectionSettings connection_from_environment() {
  ConnectionSettings settings;
  settings.api_key = env_or("OPENAI_API_KEY", "");
  settings.base_url = validate_base_url(env_or("OPENAI_BASE_URL", kDefaultBaseUrl));
  settings.model = env_or("OPENAI_IMAGE_MODEL", kDefaultModel);
  const std::string budget = env_or("GPT_IMAGE_PIXEL_BUDGET", "");
  if (!budget.empty()) {
    char *end = nullptr;
    const long long value = std::strtoll(budget.c_str(), &end, 10);
    if (*end != '\0' || value < 65536)
      throw GenerativeError(ErrorKind::Configuration,
                            "GPT_IMAGE_PIXEL_BUDGET must be a whole number of pixels, at least 65536 (got \"" + budget + "\").");
    settings.pixel_budget = value;
  }
  if (settings.api_key.empty())
    throw GenerativeError(ErrorKind::Configuration,
                          "No API key is set. Set the environment variable OPENAI_API_KEY to your key before "
                          "starting GIMP (for example in ~/.profile: export OPENAI_API_KEY=...), then start GIMP again.");
  return settings;
}

}  // namespace gpt_image

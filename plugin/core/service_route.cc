#include "service_route.h"

#include <curl/curl.h>
#include <glib.h>

#include <cstring>
#include <memory>

#include "errors.h"
#include "i18n.h"
#include "server_text.h"

namespace gpt_image {

namespace {

constexpr size_t kMaxDeploymentChars = 64;
constexpr size_t kMaxApiVersionChars = 32;
constexpr size_t kMaxModelNameChars = 100;

bool only_name_characters(const std::string &text, const char *also) {
  for (const unsigned char c : text)
    if (!g_ascii_isalnum(c) && !std::strchr(also, c)) return false;
  return true;
}

std::string azure_url(const std::string &endpoint, const std::string &path, const std::string &query) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> url(curl_url(), curl_url_cleanup);
  // The endpoint was validated (a URL without query); the path holds only checked name characters.
  if (curl_url_set(url.get(), CURLUPART_URL, (endpoint + path).c_str(), 0) != CURLUE_OK ||
      (!query.empty() &&
       curl_url_set(url.get(), CURLUPART_QUERY, query.c_str(), CURLU_APPENDQUERY | CURLU_URLENCODE) != CURLUE_OK))
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The Azure endpoint \"%s\" does not make a valid request URL."),
                                      shown_server_text(endpoint).c_str()));
  char *text = nullptr;
  if (curl_url_get(url.get(), CURLUPART_URL, &text, 0) != CURLUE_OK || !text)
    throw GenerativeError(ErrorKind::Configuration, _("The Azure request URL could not be built."));
  std::string out = text;
  curl_free(text);
  return out;
}

}  // namespace

std::string request_url(const ConnectionSettings &connection, const std::string &path) {
  if (connection.service != Service::Azure) return connection.base_url + path;
  const std::string &endpoint = connection.base_url;
  if (connection.api_version.empty()) return azure_url(endpoint, "/openai/v1" + path, "");
  const std::string version = "api-version=" + connection.api_version;
  if (path == "/models") return azure_url(endpoint, "/openai/models", version);
  validate_azure_deployment(connection.deployment);  // it becomes a path segment
  return azure_url(endpoint, "/openai/deployments/" + connection.deployment + path, version);
}

std::string key_header(const ConnectionSettings &connection) {
  if (connection.service == Service::Azure) return "api-key: " + connection.api_key;
  return "Authorization: Bearer " + connection.api_key;
}

std::string model_field(const ConnectionSettings &connection, const std::string &model) {
  return connection.service == Service::Azure ? connection.deployment : model;
}

std::string validate_azure_endpoint(const std::string &endpoint) {
  if (endpoint.empty())
    throw GenerativeError(ErrorKind::Configuration,
                          _("Enter the Azure OpenAI endpoint (https://RESOURCE.openai.azure.com), or set "
                            "AZURE_OPENAI_ENDPOINT."));
  const std::string url = validate_base_url(endpoint);
  // The plug-in adds /openai/... itself: an endpoint copied with a route would double it.
  const bool ends_in_openai = url.size() >= 7 && url.compare(url.size() - 7, 7, "/openai") == 0;
  if (ends_in_openai || url.find("/openai/v1") != std::string::npos ||
      url.find("/openai/deployments") != std::string::npos)
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The Azure endpoint should be the resource's address alone, such as "
                                        "https://RESOURCE.openai.azure.com; remove \"/openai\" and what follows from "
                                        "\"%s\"."),
                                      shown_server_text(endpoint).c_str()));
  return url;
}

void validate_azure_deployment(const std::string &deployment) {
  if (deployment.empty())
    throw GenerativeError(ErrorKind::Configuration,
                          _("Enter the name of the Azure deployment (it takes the model's place), or set "
                            "OPENAI_IMAGE_MODEL to it."));
  if (deployment.size() > kMaxDeploymentChars || !only_name_characters(deployment, "-_."))
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The deployment name \"%s\" is not one Azure gives: use up to %zu letters, "
                                        "digits, '-', '_' or '.', as in the Azure portal."),
                                      shown_server_text(deployment, "", 80).c_str(), kMaxDeploymentChars));
}

void validate_azure_api_version(const std::string &version) {
  if (version.size() > kMaxApiVersionChars || !only_name_characters(version, "-."))
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The API version \"%s\" is not a version Azure names (such as "
                                        "2025-04-01-preview). Leave it empty to use Azure's v1 routes."),
                                      shown_server_text(version, "", 80).c_str()));
}

void validate_azure_model(const std::string &model) {
  if (model.size() > kMaxModelNameChars || !only_name_characters(model, "-_.:"))
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The model behind the deployment, \"%s\", is not a model name (such as "
                                        "gpt-image-1.5). Leave it empty when the deployment is named after its "
                                        "model."),
                                      shown_server_text(model, "", 80).c_str()));
}

}  // namespace gpt_image

#include "connection_check.h"

#include <algorithm>

#include "errors.h"
#include "images_api_client.h"

namespace gpt_image {

namespace {
// Error texts may or may not end a sentence; the check's message adds its own after them.
std::string sentence(const std::string &text) {
  return !text.empty() && text.back() != '.' ? text + "." : text;
}
}  // namespace

std::vector<std::string> image_models_among(const std::vector<std::string> &ids) {
  std::vector<std::string> out;
  for (const auto &id : ids)
    if (id.rfind("gpt-image", 0) == 0 || id.rfind("dall-e", 0) == 0 || id.find("image") != std::string::npos)
      out.push_back(id);
  return out;
}

ConnectionCheck check_connection(const ConnectionSettings &settings) {
  ConnectionCheck check;
  ConnectionSettings connection = settings;
  connection.max_retries = 0;  // a check answers now; retries would only hide the problem
  if (connection.api_key.empty()) {
    check.message = "No API key: enter one, or set OPENAI_API_KEY.";
    return check;
  }
  std::vector<std::string> ids;
  try {
    ids = ImagesApiClient(connection).list_models();
  } catch (const GenerativeError &e) {
    switch (e.kind()) {
      case ErrorKind::Tls:
        check.message = std::string("Secure connection failed: ") + e.what();
        break;
      case ErrorKind::Network:
        check.message = "Unreachable: " + sentence(e.what()) + " Check the base URL and your network.";
        break;
      case ErrorKind::Api:
        if (e.http_status() == 401)
          check.message = std::string("The key was refused (bad or revoked key). ") + e.what();
        else if (e.http_status() == 403)
          check.message = std::string("The key is not allowed to use this service (organization, project or region). ") + e.what();
        else if (e.http_status() == 404)
          check.message = std::string("No OpenAI-compatible API answers at this base URL (it usually ends in /v1). ") + e.what();
        else
          check.message = e.what();
        break;
      default:
        check.message = e.what();
    }
    return check;
  }
  check.models = image_models_among(ids);
  if (std::find(ids.begin(), ids.end(), connection.model) == ids.end()) {
    std::string offered;
    for (const auto &m : check.models) offered += (offered.empty() ? "" : ", ") + m;
    check.message = "Connected, but the server does not list the model " + connection.model + "." +
                    (offered.empty() ? " It lists no image models." : " Image models it lists: " + offered + ".");
    return check;
  }
  check.ok = true;
  check.message = "Connected: " + connection.model + " is available at " + connection.base_url + ".";
  return check;
}

}  // namespace gpt_image

#include "connection_check.h"

#include <algorithm>

#include "errors.h"
#include "i18n.h"
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
    check.message = _("No API key: enter one, or set OPENAI_API_KEY.");
    return check;
  }
  std::vector<std::string> ids;
  try {
    ids = ImagesApiClient(connection).list_models();
  } catch (const GenerativeError &e) {
    switch (e.kind()) {
      case ErrorKind::Tls:
        check.message = format_text(_("Secure connection failed: %s"), e.what());
        break;
      case ErrorKind::Network:
        check.message = format_text(_("Unreachable: %s Check the base URL and your network."), sentence(e.what()).c_str());
        break;
      case ErrorKind::Api:
        if (e.http_status() == 401)
          check.message = format_text(_("The key was refused (bad or revoked key). %s"), e.what());
        else if (e.http_status() == 403)
          check.message = format_text(
              _("The key is not allowed to use this service (organization, project or region). %s"), e.what());
        else if (e.http_status() == 404)
          check.message = format_text(
              _("No OpenAI-compatible API answers at this base URL (it usually ends in /v1). %s"), e.what());
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
    check.message =
        offered.empty()
            ? format_text(_("Connected, but the server does not list the model %s. It lists no image models."),
                          connection.model.c_str())
            : format_text(_("Connected, but the server does not list the model %s. Image models it lists: %s."),
                          connection.model.c_str(), offered.c_str());
    return check;
  }
  check.ok = true;
  check.message = format_text(_("Connected: %s is available at %s."), connection.model.c_str(),
                              connection.base_url.c_str());
  return check;
}

}  // namespace gpt_image

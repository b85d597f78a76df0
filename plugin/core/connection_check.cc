#include "connection_check.h"

#include <algorithm>

#include "api_key_store.h"
#include "errors.h"
#include "i18n.h"
#include "images_api_client.h"

namespace gpt_image {

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
    check.message = format_text(_("No API key: enter one, or set %s."), api_key_variable(connection.service));
    return check;
  }
  std::vector<std::string> ids;
  try {
    ids = ImagesApiClient(connection).list_models();
  } catch (const GenerativeError &e) {
    check.message = e.what();  // already one sentence saying what is wrong and what to do
    return check;
  }
  if (connection.service == Service::Azure) {
    // Azure lists the models a resource offers, not its deployments (that takes the management
    // API and other credentials): the answer proves endpoint, key and API version, and the
    // deployment is proved by the first request. Its list is not offered as deployment names.
    check.ok = true;
    check.message = format_text(_("Connected: the Azure endpoint %s accepted the key. Azure does not list "
                                  "deployments here, so the deployment %s is checked by the first fill."),
                                connection.base_url.c_str(), connection.deployment.c_str());
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

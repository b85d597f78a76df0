#include "connection_check.h"

#include <algorithm>

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
    check.message = _("No API key: enter one, or set OPENAI_API_KEY.");
    return check;
  }
  std::vector<std::string> ids;
  try {
    ids = ImagesApiClient(connection).list_models();
  } catch (const GenerativeError &e) {
    check.message = e.what();  // already one sentence saying what is wrong and what to do
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

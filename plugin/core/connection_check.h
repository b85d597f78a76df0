// "Test connection": asks the server for its model list and says in plain words what is wrong.
// For Azure OpenAI the list (of the resource's models) proves the endpoint, key and API version;
// deployments are not listed (service_route.h).
#pragma once

#include <string>
#include <vector>

#include "connection_settings.h"

namespace gpt_image {

struct ConnectionCheck {
  bool ok = false;
  std::string message;              // one or two sentences for the user
  std::vector<std::string> models;  // image models the server lists, when it answered
};

// Never throws; the key is never part of the message.
ConnectionCheck check_connection(const ConnectionSettings &connection);

// The image models among a server's model ids (gpt-image-*, dall-e-*), in the server's order.
std::vector<std::string> image_models_among(const std::vector<std::string> &ids);

}  // namespace gpt_image

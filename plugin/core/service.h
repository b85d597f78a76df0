// Which kind of server the plug-in talks to. An OpenAI-compatible server takes the model in the
// body and the key as "Authorization: Bearer"; Azure OpenAI addresses a deployment in the URL and
// takes the key in an "api-key" header. Keys are kept apart per service (api_key_store.h).
#pragma once

namespace gpt_image {

enum class Service { OpenAi, Azure };

}  // namespace gpt_image

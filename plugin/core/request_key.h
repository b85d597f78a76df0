// The result cache's key: the lower-case hex SHA-256 of the exact request the client sends. Every
// piece goes in length-prefixed (an 8-byte length, then the bytes), so no two different requests
// serialise alike however their fields are split ("ab"+"c" is not "a"+"bc"). The URL carries the
// base URL, the path and, for Azure, the deployment and the api-version; the body is every form
// field and every file part's bytes, or the JSON document, exactly as sent (the model field as
// service_route.h's model_field() puts it).
#pragma once

#include <string>
#include <vector>

#include "connection_settings.h"
#include "edit_request.h"
#include "generate_request.h"

namespace gpt_image {

// A multipart POST to `url`: the parts as the client sends them (names, values, file names, content
// types and bytes).
std::string multipart_request_key(const std::string &url, const std::vector<FormPart> &parts);

// A JSON POST to `url`.
std::string json_request_key(const std::string &url, const std::string &json);

// The key of an edit (POST {base}/images/edits) as ImagesApiClient::edit sends it.
std::string edit_request_key(const ConnectionSettings &connection, const EditRequest &request);

// The JSON body ImagesApiClient::generate sends: generate_request_json with the model field as
// model_field() has it (for Azure, the deployment).
std::string generate_request_body(const ConnectionSettings &connection, const GenerateRequest &request);

// The key of a generation (POST {base}/images/generations) as ImagesApiClient::generate sends it.
std::string generate_request_key(const ConnectionSettings &connection, const GenerateRequest &request);

}  // namespace gpt_image

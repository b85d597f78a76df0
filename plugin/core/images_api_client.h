// The HTTP side of the Images API: libcurl, multipart via curl_mime, TLS always verified, no
// redirects followed (so the Authorization header never reaches another host).
#pragma once

#include <string>

#include "api_response.h"
#include "connection_settings.h"
#include "edit_request.h"
#include "progress_sink.h"

namespace gpt_image {

class ImagesApiClient {
 public:
  explicit ImagesApiClient(ConnectionSettings connection) : connection_(std::move(connection)) {}

  // POST {base}/images/edits. Throws GenerativeError: Network when the server cannot be reached,
  // Api (with the server's own message) for an error status, BadResponse for an unusable answer.
  ImagesResult edit(const EditRequest &request, ProgressSink &progress) const;

 private:
  ConnectionSettings connection_;
};

}  // namespace gpt_image

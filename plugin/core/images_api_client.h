// The HTTP side of the Images API: libcurl, multipart via curl_mime, TLS always verified, no
// redirects followed (so the Authorization header never reaches another host).
#pragma once

#include <string>
#include <vector>

#include "api_response.h"
#include "connection_settings.h"
#include "edit_request.h"
#include "progress_sink.h"
#include "retry_policy.h"

namespace gpt_image {

class ImagesApiClient {
 public:
  explicit ImagesApiClient(ConnectionSettings connection) : connection_(std::move(connection)) {}

  // POST {base}/images/edits. Throws GenerativeError: Network or Tls when the server cannot be
  // reached, Api (with the server's own message) for an error status, BadResponse for an unusable
  // answer.
  ImagesResult edit(const EditRequest &request, ProgressSink &progress) const;

  // GET {base}/models: the model ids the server offers. Throws as edit() does.
  std::vector<std::string> list_models() const;

 private:
  struct Reply {
    long status = 0;
    std::string body;
    std::string request_id;
  };
  // Sends GET (no form) or a multipart POST to {base}{path}, retrying as retry_policy.h says;
  // throws for transport failures and error statuses, returns the successful reply.
  Reply send(const std::string &path, const EditRequest *form_source, ProgressSink &progress,
             const std::string &waiting_for) const;
  // One attempt; fills `outcome` with what the retry policy needs, also when it throws.
  Reply send_once(const std::string &path, const EditRequest *form_source, ProgressSink &progress,
                  const std::string &waiting_for, AttemptOutcome &outcome) const;

  ConnectionSettings connection_;
};

}  // namespace gpt_image

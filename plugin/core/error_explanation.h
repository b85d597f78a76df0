// Turns a failed exchange with the Images API into one sentence a person can act on: what went
// wrong and what to do, then the server's own message and its x-request-id (for support).
// Kept apart from the HTTP client so every case is unit-tested without a network.
#pragma once

#include <optional>
#include <string>

#include "api_response.h"

namespace gpt_image {

// What the server answered with an error status.
struct FailedAnswer {
  long status = 0;
  std::optional<ApiErrorBody> error;  // the {"error": {...}} body, when there was one
  std::string request_id;             // x-request-id, may be empty
  bool redirect = false;              // a 3xx, which is never followed
};

// How the transfer failed when there was no HTTP answer.
enum class TransportFailure {
  Dns,             // the host name did not resolve
  Connect,         // refused, unreachable, or the connect timeout passed
  ConnectTimeout,  // no connection within the connect timeout
  Timeout,         // no complete answer within the request timeout
  Stalled,         // no bytes moved for the stall timeout while sending or receiving
  Broken,          // reset, closed early, or cut off mid-answer
  TooLarge,        // the answer passed the size cap
  Other,
};

// Where the exchange was going and how long it was allowed to take, for the sentences.
struct ExchangeContext {
  std::string base_url;
  std::string model;
  bool azure = false;        // Azure OpenAI: the words name the endpoint, deployment and version
  std::string deployment;
  std::string api_version;
  int attempts = 1;  // how many attempts were made in all
  long connect_timeout_seconds = 0;
  long timeout_seconds = 0;
  long stall_timeout_seconds = 0;
  long long max_response_bytes = 0;
};

std::string explain_failed_answer(const FailedAnswer &answer, const ExchangeContext &context);
// An "error" event in the middle of a streamed answer (the HTTP status was already 200).
std::string explain_stream_error(const ApiErrorBody &error, const std::string &request_id,
                                 const ExchangeContext &context);

std::string explain_transport_failure(TransportFailure failure, const std::string &detail,
                                      const ExchangeContext &context);

}  // namespace gpt_image

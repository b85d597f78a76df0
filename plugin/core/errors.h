// One exception type for everything the user must be told about; `kind` lets callers and tests
// tell the failures apart without parsing the sentence.
#pragma once

#include <stdexcept>
#include <string>

namespace gpt_image {

enum class ErrorKind {
  InvalidArgument,  // the caller's input (prompt, size, quality, ...) cannot be used
  Configuration,    // key, base URL or model settings are missing or unsafe
  Network,          // could not reach the server or the transfer broke
  Tls,              // the server's certificate could not be verified
  Api,              // the server answered with an error body
  BadResponse,      // the server answered, but not with something usable
  Image,            // pixels could not be encoded, decoded or scaled
  Host,             // GIMP refused an operation
  Cancelled,        // the user stopped the job (not a failure: nothing is reported)
};

class GenerativeError : public std::runtime_error {
 public:
  GenerativeError(ErrorKind kind, const std::string &message, int http_status = 0)
      : std::runtime_error(message), kind_(kind), http_status_(http_status) {}
  ErrorKind kind() const { return kind_; }
  int http_status() const { return http_status_; }  // for ErrorKind::Api

 private:
  ErrorKind kind_;
  int http_status_;
};

}  // namespace gpt_image

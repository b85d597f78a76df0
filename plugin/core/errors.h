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
  Api,              // the server answered with an error body
  BadResponse,      // the server answered, but not with something usable
  Image,            // pixels could not be encoded, decoded or scaled
  Host,             // GIMP refused an operation
};

class GenerativeError : public std::runtime_error {
 public:
  GenerativeError(ErrorKind kind, const std::string &message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace gpt_image

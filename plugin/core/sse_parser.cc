#include "sse_parser.h"

#include <algorithm>

namespace gpt_image {

void SseParser::feed(const char *bytes, size_t size) {
  size_t start = 0;
  if (!bom_checked_ && pending_.size() + size >= 3) {
    bom_checked_ = true;
    const std::string head = (pending_ + std::string(bytes, std::min<size_t>(size, 3))).substr(0, 3);
    if (head == "\xEF\xBB\xBF") {
      const size_t from_pending = std::min<size_t>(pending_.size(), 3);
      pending_.erase(0, from_pending);
      start = 3 - from_pending;
    }
  }
  for (size_t i = start; i < size; ++i) {
    const char c = bytes[i];
    if (c == '\n' && after_cr_) {  // the LF of a CRLF split from its CR: already ended the line
      after_cr_ = false;
      continue;
    }
    after_cr_ = c == '\r';
    if (c == '\r' || c == '\n') {
      line(pending_);
      pending_.clear();
      continue;
    }
    // Copy runs of ordinary bytes at once: event lines can be megabytes long.
    size_t end = i;
    while (end < size && bytes[end] != '\r' && bytes[end] != '\n') ++end;
    pending_.append(bytes + i, end - i);
    i = end - 1;
  }
}

void SseParser::line(const std::string &text) {
  if (text.empty()) {  // dispatch
    if (has_data_) {
      if (!current_.data.empty() && current_.data.back() == '\n') current_.data.pop_back();
      current_.id = last_id_;
      ++events_;
      handler_(current_);
    }
    current_ = ServerEvent();
    has_data_ = false;
    return;
  }
  if (text[0] == ':') return;  // a comment (servers send them to keep a connection alive)
  const size_t colon = text.find(':');
  const std::string field = text.substr(0, colon);
  std::string value;
  if (colon != std::string::npos) {
    value = text.substr(colon + 1);
    if (!value.empty() && value[0] == ' ') value.erase(0, 1);
  }
  if (field == "data") {
    current_.data += value;
    current_.data += '\n';
    has_data_ = true;
  } else if (field == "event") {
    current_.event = value.empty() ? "message" : value;
  } else if (field == "id") {
    if (value.find('\0') == std::string::npos) last_id_ = value;
  }  // "retry" and unknown fields are ignored
}

bool SseParser::finish() {
  if (!pending_.empty()) {
    line(pending_);
    pending_.clear();
  }
  const bool dropped = has_data_;
  current_ = ServerEvent();
  has_data_ = false;
  return dropped;
}

}  // namespace gpt_image

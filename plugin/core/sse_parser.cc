#include "sse_parser.h"

#include <algorithm>

namespace gpt_image {

void SseParser::feed(const char *bytes, size_t size) {
  if (overflowed_) return;
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
      line();
      pending_.clear();
      continue;
    }
    // Copy runs of ordinary bytes at once: event lines can be megabytes long.
    size_t end = i;
    while (end < size && bytes[end] != '\r' && bytes[end] != '\n') ++end;
    if (current_.data.size() + pending_.size() + (end - i) > max_event_bytes_) {
      overflowed_ = true;
      std::string().swap(pending_);
      current_ = ServerEvent();
      return;
    }
    pending_.append(bytes + i, end - i);
    i = end - 1;
  }
}

void SseParser::line() {
  std::string &text = pending_;
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
  const size_t name_end = colon == std::string::npos ? text.size() : colon;
  // Compared in place: a line without a colon may be megabytes long.
  auto field_is = [&](const std::string &name) { return name_end == name.size() && text.compare(0, name_end, name) == 0; };
  size_t value_at = colon == std::string::npos ? text.size() : colon + 1;
  if (value_at < text.size() && text[value_at] == ' ') ++value_at;
  if (field_is("data")) {
    // A whole image travels in one data line: take its bytes rather than copy them.
    if (!has_data_) {
      current_.data.swap(text);
      current_.data.erase(0, value_at);
    } else {
      current_.data.append(text, value_at, std::string::npos);
    }
    current_.data += '\n';
    has_data_ = true;
    return;
  }
  if (field_is("event")) {
    current_.event = value_at < text.size() ? text.substr(value_at) : "message";
  } else if (field_is("id")) {
    const std::string value = text.substr(value_at);
    if (value.find('\0') == std::string::npos) last_id_ = value;
  }  // "retry" and unknown fields are ignored
}

bool SseParser::finish() {
  if (!pending_.empty() && !overflowed_) {
    line();
    pending_.clear();
  }
  const bool dropped = has_data_;
  current_ = ServerEvent();
  has_data_ = false;
  return dropped;
}

}  // namespace gpt_image

// Server-sent events (the WHATWG "event stream" format), parsed incrementally as bytes arrive:
// lines end in LF, CR or CRLF (also when the CR and LF arrive in different reads); "field: value"
// with at most one space dropped after the colon; several "data" lines join with "\n"; lines
// starting with ":" are comments; a blank line dispatches the event. Lines may be as long as a
// whole base64 image; an event (its data so far plus the line being read) longer than
// `max_event_bytes` stops the parser for good (overflowed()), so a hostile stream cannot grow one
// line without bound.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace gpt_image {

struct ServerEvent {
  std::string event = "message";  // the "event" field, or "message"
  std::string data;               // the "data" lines joined with "\n"
  std::string id;                 // the last "id" seen
};

class SseParser {
 public:
  using Handler = std::function<void(const ServerEvent &)>;
  explicit SseParser(Handler handler, size_t max_event_bytes = SIZE_MAX)
      : handler_(std::move(handler)), max_event_bytes_(max_event_bytes) {}

  // Feeds the next bytes; calls the handler for every event they complete.
  void feed(const char *bytes, size_t size);
  void feed(const std::string &bytes) { feed(bytes.data(), bytes.size()); }

  // The stream ended: a last line without its end of line counts as a line, but an event not
  // followed by a blank line is dropped, as the format says. Returns true when such an
  // incomplete event was dropped (a truncated stream).
  bool finish();

  size_t events_seen() const { return events_; }
  bool overflowed() const { return overflowed_; }

 private:
  // Handles the line in `pending_` (and may take its bytes).
  void line();

  Handler handler_;
  size_t max_event_bytes_;
  bool overflowed_ = false;
  std::string pending_;   // the current line so far
  bool after_cr_ = false;  // the last byte was CR: an LF right after it ends nothing
  bool bom_checked_ = false;
  ServerEvent current_;
  bool has_data_ = false;
  std::string last_id_;
  size_t events_ = 0;
};

}  // namespace gpt_image

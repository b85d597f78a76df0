#include "usage_ledger.h"

#include <glib.h>
#include <glib/gstdio.h>

#include <cerrno>
#include <cmath>

#ifdef G_OS_UNIX
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace gpt_image {

namespace {

std::string c_number(const char *format, double value) {
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(text, sizeof text, format, value);
  return text;
}

// The longest request id kept: ours are a few dozen characters.
constexpr std::size_t kMaxRequestIdLength = 200;

}  // namespace

std::string ledger_text_field(const std::string &value) {
  // A spreadsheet takes a cell starting with one of these for a formula (OWASP's CSV injection
  // advice: a leading quote makes it text).
  const bool formula = !value.empty() && std::string("=+-@\t\r").find(value[0]) != std::string::npos;
  std::string out = formula ? "'" + value : value;
  // One record is one physical line: a line break inside a prompt becomes a space, so a reader
  // that restarts at the next line never mistakes a field's rest for a record of its own.
  for (char &c : out)
    if (c == '\r' || c == '\n') c = ' ';
  return out;
}

std::string ledger_request_id(const std::string &value) {
  std::string out;
  for (char c : value) {
    if (out.size() >= kMaxRequestIdLength) break;
    if (g_ascii_isalnum(c) || c == '.' || c == '_' || c == ':' || c == '-') out += c;
  }
  return ledger_text_field(out);  // a leading '-' survives the filter
}

std::string ledger_path_in_profile(const std::string &profile_directory) {
  gchar *path = g_build_filename(profile_directory.c_str(), "gimp-gpt-image", "usage.csv", nullptr);
  std::string out = path;
  g_free(path);
  return out;
}

std::string ledger_time(std::int64_t unix_us) {
  GDateTime *t = g_date_time_new_from_unix_utc(unix_us / 1000000);
  if (!t) return "";
  gchar *text = g_date_time_format(t, "%Y-%m-%dT%H:%M:%SZ");
  std::string out = text ? text : "";
  g_free(text);
  g_date_time_unref(t);
  return out;
}

std::string ledger_outcome(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::InvalidArgument: return "error:invalid_argument";
    case ErrorKind::Configuration: return "error:configuration";
    case ErrorKind::Network: return "error:network";
    case ErrorKind::Tls: return "error:tls";
    case ErrorKind::Api: return "error:api";
    case ErrorKind::BadResponse: return "error:bad_response";
    case ErrorKind::Image: return "error:image";
    case ErrorKind::Host: return "error:host";
    case ErrorKind::Cancelled: return "cancelled";
  }
  return "error:unknown";
}

std::string csv_field(const std::string &value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string ledger_line(const LedgerEntry &e) {
  auto tokens = [](const std::optional<long long> &t) { return t ? std::to_string(*t) : std::string(); };
  const std::string cost = e.cost_usd && std::isfinite(*e.cost_usd) ? c_number("%.6f", *e.cost_usd) : "";
  // The time and the numbers are ours and written as they are; every text is made safe.
  const std::string fields[] = {e.time,
                                ledger_text_field(e.procedure),
                                ledger_text_field(e.host),
                                ledger_text_field(e.model),
                                ledger_text_field(e.quality),
                                ledger_text_field(e.size),
                                std::to_string(e.n),
                                tokens(e.input_tokens),
                                tokens(e.output_tokens),
                                cost,
                                c_number("%.3f", e.seconds),
                                ledger_text_field(e.outcome),
                                ledger_request_id(e.request_id),
                                ledger_text_field(e.prompt)};
  std::string line;
  bool first = true;
  for (const std::string &field : fields) {
    if (!first) line += ',';
    first = false;
    line += csv_field(field);
  }
  return line + "\n";
}

bool append_to_ledger(const std::string &path, const LedgerEntry &entry) {
#ifdef G_OS_UNIX
  gchar *folder = g_path_get_dirname(path.c_str());
  const bool have_folder = g_mkdir_with_parents(folder, 0700) == 0;
  g_free(folder);
  if (!have_folder) return false;
  // Read access too: the last byte is checked under the lock.
  const int fd = open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  while (flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      close(fd);
      return false;
    }
  }
  // Under the lock: an empty file gets the header, in the same write as the first line.
  struct stat st;
  std::string text = ledger_line(entry);
  const bool stated = fstat(fd, &st) == 0;
  if (stated && st.st_size == 0) {
    text = std::string(kLedgerHeader) + "\n" + text;
  } else if (stated && st.st_size > 0) {
    // A last line cut short (a full disk, a killed GIMP) is ended first, in the same write, so it
    // stays one junk line instead of swallowing this one.
    char last = '\n';
    if (pread(fd, &last, 1, st.st_size - 1) == 1 && last != '\n') text = "\n" + text;
  }
  ssize_t written;
  do {
    written = write(fd, text.data(), text.size());
  } while (written < 0 && errno == EINTR);
  flock(fd, LOCK_UN);
  close(fd);
  return written == static_cast<ssize_t>(text.size());
#else
  (void)path;
  (void)entry;
  return false;
#endif
}

}  // namespace gpt_image

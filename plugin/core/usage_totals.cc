#include "usage_totals.h"

#include <glib.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <vector>

#include "errors.h"
#include "i18n.h"

namespace gpt_image {

namespace {

// A cost or a call's seconds beyond this is not one of ours: the line is junk.
constexpr double kMaxLedgerNumber = 1000000;

struct Record {
  std::vector<std::string> fields;
  bool complete = false;  // ended with "\n": the writer's lines always do
};

bool is_ledger_time(const std::string &time) {
  static const char kPattern[] = "dddd-dd-ddTdd:dd:ddZ";
  if (time.size() != sizeof(kPattern) - 1) return false;
  for (std::size_t i = 0; i < time.size(); ++i) {
    const bool digit = time[i] >= '0' && time[i] <= '9';
    if (kPattern[i] == 'd' ? !digit : time[i] != kPattern[i]) return false;
  }
  return true;
}

// True when a ledger record starts at `at`: its time (YYYY-MM-DDTHH:MM:SSZ) and a comma.
bool starts_like_record(const std::string &text, std::size_t at) {
  constexpr std::size_t kTime = 20;
  return at + kTime < text.size() && text[at + kTime] == ',' && is_ledger_time(text.substr(at, kTime));
}

// Splits RFC 4180 text into records: fields separated by commas, a quoted field may hold commas,
// doubled quotes and line breaks; a record ends at a line feed outside quotes (a CR before it is
// dropped). One exception keeps a stray quote from hiding the rest of the file: when a quoted
// field would go on onto a line that starts like a record (the writer puts no line break inside
// a field; old ledgers' prompts with line breaks go on with their text, not with a time), the
// record so far is junk (an incomplete record: skipped) and reading starts again at that line.
std::vector<Record> split_records(const std::string &text, std::size_t start) {
  std::vector<Record> records;
  Record record;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = start; i < text.size(); ++i) {
    const char c = text[i];
    any = true;
    if (quoted) {
      if (c == '\n' && starts_like_record(text, i + 1)) {
        record.fields.push_back(std::move(field));
        field.clear();
        records.push_back(std::move(record));  // not complete: counted as skipped
        record = Record{};
        quoted = false;
        any = false;
      } else if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      if (!field.empty() && field.back() == '\r') field.pop_back();
      record.fields.push_back(std::move(field));
      field.clear();
      record.complete = true;
      records.push_back(std::move(record));
      record = Record{};
      any = false;
    } else {
      field += c;
    }
  }
  if (any) {  // a last line without its line feed: cut short, or still being written
    record.fields.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

enum class Outcome { Ok, Cached, Cancelled, Error };

std::optional<Outcome> parse_outcome(const std::string &text) {
  if (text == "ok") return Outcome::Ok;
  if (text == "cached") return Outcome::Cached;
  if (text == "cancelled") return Outcome::Cancelled;
  const std::string prefix = "error:";
  if (text.size() <= prefix.size() || text.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  for (std::size_t i = prefix.size(); i < text.size(); ++i)
    if (!((text[i] >= 'a' && text[i] <= 'z') || text[i] == '_')) return std::nullopt;
  return Outcome::Error;
}

// An empty field is "unknown" (nullopt in *out); a number is read in the C locale whatever GIMP's
// is. False for anything else, or a number no call of ours has.
bool parse_amount(const std::string &text, std::optional<double> *out) {
  *out = std::nullopt;
  if (text.empty()) return true;
  if (text.size() > 32) return false;
  char *end = nullptr;
  errno = 0;
  const double value = g_ascii_strtod(text.c_str(), &end);
  if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(value) || value < 0 ||
      value > kMaxLedgerNumber)
    return false;
  *out = value;
  return true;
}

struct Row {
  std::string time;
  Outcome outcome = Outcome::Ok;
  std::optional<double> cost, seconds;
};

// Where the fields are: the contract's order (time,procedure,host,model,quality,size,n,input_tokens,
// output_tokens,cost_usd,seconds,outcome,request_id,prompt) unless the text starts with its header,
// which then wins, so extra or moved columns are found by name.
struct Columns {
  int time = 0, cost = 9, seconds = 10, outcome = 11;
};

int column_named(const std::vector<std::string> &header, const char *name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

std::optional<Row> parse_row(const Record &record, const Columns &columns) {
  const int needed = std::max({columns.time, columns.cost, columns.seconds, columns.outcome});
  if (!record.complete || static_cast<int>(record.fields.size()) <= needed) return std::nullopt;
  Row row;
  row.time = record.fields[columns.time];
  const std::optional<Outcome> outcome = parse_outcome(record.fields[columns.outcome]);
  if (!is_ledger_time(row.time) || !outcome) return std::nullopt;
  row.outcome = *outcome;
  if (!parse_amount(record.fields[columns.cost], &row.cost) ||
      !parse_amount(record.fields[columns.seconds], &row.seconds))
    return std::nullopt;
  return row;
}

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

// Adds one call to a period; `seconds` collects the ok calls' times for the median.
void count(const Row &row, UsagePeriod &period, std::vector<double> &seconds) {
  ++period.calls;
  switch (row.outcome) {
    case Outcome::Ok:
      ++period.ok;
      if (row.seconds) seconds.push_back(*row.seconds);
      break;
    case Outcome::Error: ++period.failures; break;
    case Outcome::Cached: ++period.cached; return;  // no spend, known or unknown
    case Outcome::Cancelled: ++period.cancelled; break;
  }
  if (row.cost) {
    period.spend_usd += *row.cost;
  } else {
    ++period.unknown_cost;
    if (row.outcome == Outcome::Ok) ++period.answered_unknown_cost;
  }
}

void finish(UsagePeriod &period, std::vector<double> &seconds) {
  if (period.ok + period.failures > 0)
    period.success_rate = static_cast<double>(period.ok) / static_cast<double>(period.ok + period.failures);
  period.median_seconds = median(std::move(seconds));
}

std::string utc_prefix(std::time_t now, const char *format) {
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[16];
  std::strftime(text, sizeof text, format, &parts);
  return text;
}

}  // namespace

std::string usage_ledger_path_in_profile(const std::string &profile_directory) {
  gchar *path = g_build_filename(profile_directory.c_str(), "gimp-gpt-image", "usage.csv", nullptr);
  std::string out = path;
  g_free(path);
  return out;
}

UsageTotals usage_totals_from_text(const std::string &text, std::time_t now, bool starts_mid_file) {
  UsageTotals totals;
  std::size_t start = 0;
  if (starts_mid_file) {
    // The text may start inside a record, even inside a quoted field over several lines: reading
    // starts at the first line that starts like a record.
    start = text.size();
    for (std::size_t line_feed = text.find('\n'); line_feed != std::string::npos;
         line_feed = text.find('\n', line_feed + 1)) {
      if (starts_like_record(text, line_feed + 1)) {
        start = line_feed + 1;
        break;
      }
    }
  }
  std::vector<Record> records = split_records(text, start);
  Columns columns;
  std::size_t first = 0;
  if (!records.empty() && !records.front().fields.empty() && records.front().fields.front() == "time") {
    const std::vector<std::string> &header = records.front().fields;
    columns = {column_named(header, "time"), column_named(header, "cost_usd"), column_named(header, "seconds"),
               column_named(header, "outcome")};
    first = 1;
    if (columns.time < 0 || columns.cost < 0 || columns.seconds < 0 || columns.outcome < 0) {
      totals.skipped_lines = static_cast<long long>(records.size() - 1);  // not a ledger we can read
      return totals;
    }
  }
  // The newest lines are the ones that matter (this month, the budget): past the line bound the
  // oldest are dropped.
  if (records.size() - first > kMaxLedgerLines) {
    first = records.size() - kMaxLedgerLines;
    totals.truncated = true;
  }
  const std::string today = utc_prefix(now, "%Y-%m-%d"), month = utc_prefix(now, "%Y-%m");
  std::vector<double> today_seconds, month_seconds, all_seconds;
  for (std::size_t i = first; i < records.size(); ++i) {
    const std::optional<Row> row = parse_row(records[i], columns);
    if (!row) {
      ++totals.skipped_lines;
      continue;
    }
    count(*row, totals.all_time, all_seconds);
    if (row->time.compare(0, month.size(), month) == 0) count(*row, totals.month, month_seconds);
    if (row->time.compare(0, today.size(), today) == 0) count(*row, totals.today, today_seconds);
  }
  finish(totals.today, today_seconds);
  finish(totals.month, month_seconds);
  finish(totals.all_time, all_seconds);
  return totals;
}

UsageTotals read_usage_totals(const std::string &path, std::time_t now) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    if (!g_file_test(path.c_str(), G_FILE_TEST_EXISTS)) return UsageTotals{};
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The usage ledger %s cannot be read: %s."), path.c_str(), std::strerror(errno)));
  }
  file.seekg(0, std::ios::end);
  const std::streamoff size = file.tellg();
  const bool cut = size > static_cast<std::streamoff>(kMaxLedgerBytes);
  const std::streamoff from = cut ? size - static_cast<std::streamoff>(kMaxLedgerBytes) : 0;
  std::string text(static_cast<std::size_t>(size - from), '\0');
  file.seekg(from);
  file.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (!file)
    throw GenerativeError(ErrorKind::Configuration,
                          format_text(_("The usage ledger %s cannot be read: %s."), path.c_str(), std::strerror(errno)));
  UsageTotals totals = usage_totals_from_text(text, now, cut);
  totals.truncated = totals.truncated || cut;
  return totals;
}

}  // namespace gpt_image

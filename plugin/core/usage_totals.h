// What the plug-in's calls cost and how they went, read back from the ledger the request path
// writes (usage.csv in the profile, one RFC 4180 line per call; see usage_ledger_path_in_profile).
// The reader is forgiving because the file is shared: another GIMP may be appending (a last line
// cut short), a person may have edited it (junk lines), a later version may add columns. Lines it
// cannot read are skipped and counted, never guessed at. It reads at most kMaxLedgerBytes, from the
// end of the file, so this month's figures (the budget's) stay right however large the file grows.
#pragma once

#include <cstddef>
#include <ctime>
#include <optional>
#include <string>

namespace gpt_image {

// Past this the oldest part of the ledger is not read; UsageTotals::truncated says so.
constexpr std::size_t kMaxLedgerBytes = 64u * 1024 * 1024;
constexpr std::size_t kMaxLedgerLines = 1000000;

// The figures for one period (today, this month, all time; UTC).
struct UsagePeriod {
  long long calls = 0;      // every line: ok, cached, cancelled and errors
  long long ok = 0;         // answered (`ok`)
  long long failures = 0;   // `error:<kind>`
  long long cached = 0;     // taken from the result cache: nothing sent, nothing spent
  long long cancelled = 0;  // stopped by the user
  // Share of the calls the server was asked to finish that it did: ok / (ok + failures). Cached
  // and cancelled calls are left out (nothing was asked of the server, or the user stopped it);
  // nullopt when there is nothing to divide.
  std::optional<double> success_rate;
  // Median wall time of the `ok` calls (a cached answer takes no time worth telling; a failure's
  // time says how long it took to fail, not to make a picture). nullopt without `ok` calls.
  std::optional<double> median_seconds;
  double spend_usd = 0;            // the known costs summed
  long long unknown_cost = 0;      // calls (not cached) whose cost is unknown: not in spend_usd
  // Of those, the answered ones: pictures made whose price no one knows (a relay that sends no
  // usage, a model without prices). The budget cannot count them and says so.
  long long answered_unknown_cost = 0;
};

struct UsageTotals {
  UsagePeriod today, month, all_time;
  long long skipped_lines = 0;  // junk, or a last line cut short
  bool truncated = false;       // the file was larger than the reader reads: all_time is its newest part
};

// "<profile>/gimp-gpt-image/usage.csv" for a GIMP profile directory (as settings.ini).
std::string usage_ledger_path_in_profile(const std::string &profile_directory);

// Totals of a ledger's text, `now` deciding today and this month (UTC). `text` may be the end of a
// larger file (starting mid-line): lines before the first whole one are skipped, not counted.
UsageTotals usage_totals_from_text(const std::string &text, std::time_t now, bool starts_mid_file = false);

// Reads the file (at most its last kMaxLedgerBytes). A missing file is an empty ledger. Throws
// GenerativeError(Configuration) naming the file when it exists but cannot be read.
UsageTotals read_usage_totals(const std::string &path, std::time_t now);

}  // namespace gpt_image

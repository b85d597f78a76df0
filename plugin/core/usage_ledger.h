// The spending ledger, <profile>/gimp-gpt-image/usage.csv: one CSV line (RFC 4180) per request the
// plug-in sends. This is the writing side; the totals are read elsewhere. A line is appended with
// one write() on a file opened with O_APPEND while holding flock(LOCK_EX) on it, so threads of one
// run and two GIMPs at once never interleave or cut each other's lines, and the header goes in
// exactly once (by whoever finds the file empty under the lock).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "errors.h"

namespace gpt_image {

// The first line, exactly (the contract the reader parses by).
constexpr const char *kLedgerHeader =
    "time,procedure,host,model,quality,size,n,input_tokens,output_tokens,cost_usd,seconds,outcome,request_id,prompt";

struct LedgerEntry {
  std::string time;       // UTC, YYYY-MM-DDTHH:MM:SSZ (ledger_time)
  std::string procedure;  // the PDB name, e.g. plug-in-gpt-image-edit
  std::string host;       // the request URL's host
  std::string model;      // the model sent (Azure: the deployment)
  std::string quality;    // as sent
  std::string size;       // as sent
  int n = 1;              // as sent
  std::optional<long long> input_tokens;   // from the answer's usage; empty when none
  std::optional<long long> output_tokens;
  std::optional<double> cost_usd;          // empty when unknown
  double seconds = 0;                      // wall time of the call, retries included
  std::string outcome;    // ok, cached, cancelled or error:<kind> (ledger_outcome)
  std::string request_id; // the server's x-request-id, when given
  std::string prompt;     // empty unless the user keeps prompts in the ledger
};

// <profile>/gimp-gpt-image/usage.csv
std::string ledger_path_in_profile(const std::string &profile_directory);

// A time (microseconds since 1970) as the ledger writes it: 2026-03-01T09:05:00Z.
std::string ledger_time(std::int64_t unix_us);

// "error:<kind>" for a failure (the ErrorKind in lower case with underscores), "cancelled" for
// ErrorKind::Cancelled.
std::string ledger_outcome(ErrorKind kind);

// One field as CSV writes it: quoted, with quotes doubled, when it holds a comma, a double quote,
// CR or LF; as it is otherwise.
std::string csv_field(const std::string &value);

// A text field as the ledger keeps it: a leading = + - @ tab or CR gets a ' in front (a
// spreadsheet would run it as a formula), and each CR or LF becomes a space (a record is one line).
std::string ledger_text_field(const std::string &value);

// The server's x-request-id as the ledger keeps it: only A-Za-z0-9 . _ : - (others dropped), at
// most 200 characters, then as ledger_text_field.
std::string ledger_request_id(const std::string &value);

// The entry as one line, "\n" at its end; numbers in the C locale whatever the user's; texts as
// ledger_text_field makes them.
std::string ledger_line(const LedgerEntry &entry);

// Appends the entry to the ledger at `path`, creating its folder and the header when missing.
// Returns false when the file cannot be written (the call itself never fails for its ledger).
bool append_to_ledger(const std::string &path, const LedgerEntry &entry);

}  // namespace gpt_image

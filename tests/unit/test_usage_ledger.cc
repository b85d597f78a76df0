// The ledger writer: the exact line, CSV quoting, the header once, and writers side by side
// (threads and processes) that never cut or interleave each other's lines.
#include <gtest/gtest.h>
#include <glib.h>

#include <sys/wait.h>
#include <unistd.h>

#include <sys/file.h>
#include <fcntl.h>

#include <chrono>
#include <clocale>
#include <future>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "temp_directory.h"
#include "usage_ledger.h"

using namespace gpt_image;
using gpt_image::testing::TempDirectory;

namespace {

LedgerEntry entry() {
  LedgerEntry e;
  e.time = "2026-03-01T09:05:00Z";
  e.procedure = "plug-in-gpt-image-edit";
  e.host = "api.openai.com";
  e.model = "gpt-image-1.5";
  e.quality = "medium";
  e.size = "1024x1024";
  e.n = 2;
  e.input_tokens = 1200;
  e.output_tokens = 2112;
  e.cost_usd = 0.0712;
  e.seconds = 23.4567;
  e.outcome = "ok";
  e.request_id = "req_abc123";
  return e;
}

std::string read(const std::string &path) {
  gchar *text = nullptr;
  gsize length = 0;
  if (!g_file_get_contents(path.c_str(), &text, &length, nullptr)) return "";
  std::string out(text, length);
  g_free(text);
  return out;
}

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST(UsageLedger, WritesTheExactLine) {
  EXPECT_EQ(ledger_line(entry()),
            "2026-03-01T09:05:00Z,plug-in-gpt-image-edit,api.openai.com,gpt-image-1.5,medium,1024x1024,2,1200,2112,"
            "0.071200,23.457,ok,req_abc123,\n");
  LedgerEntry unknown = entry();
  unknown.input_tokens.reset();
  unknown.output_tokens.reset();
  unknown.cost_usd.reset();
  unknown.request_id.clear();
  unknown.outcome = "error:bad_response";
  unknown.seconds = 0.5;
  EXPECT_EQ(ledger_line(unknown),
            "2026-03-01T09:05:00Z,plug-in-gpt-image-edit,api.openai.com,gpt-image-1.5,medium,1024x1024,2,,,,0.500,"
            "error:bad_response,,\n");
}

TEST(UsageLedger, NumbersInTheCLocaleWhateverTheUsers) {
  // tools/install-deps.sh installs de_DE; a test that did not run counts as failed, never skipped.
  ASSERT_NE(std::setlocale(LC_NUMERIC, "de_DE.UTF-8"), nullptr) << "no German locale: run tools/install-deps.sh";
  const std::string line = ledger_line(entry());
  std::setlocale(LC_NUMERIC, "C");
  EXPECT_NE(line.find(",0.071200,23.457,"), std::string::npos) << line;
}

TEST(UsageLedger, QuotesCommasQuotesAndLineBreaks) {
  EXPECT_EQ(csv_field("plain text"), "plain text");
  EXPECT_EQ(csv_field("a, b"), "\"a, b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("one\ntwo"), "\"one\ntwo\"");
  EXPECT_EQ(csv_field("cr\rhere"), "\"cr\rhere\"");
  LedgerEntry e = entry();
  e.prompt = "a \"red\" boat,\nat dusk";
  const std::string line = ledger_line(e);
  // The line break became a space: one record, one physical line.
  EXPECT_EQ(line.substr(line.find("req_abc123")), "req_abc123,\"a \"\"red\"\" boat, at dusk\"\n");
}

TEST(UsageLedger, OutcomeNamesTheErrorKind) {
  EXPECT_EQ(ledger_outcome(ErrorKind::Api), "error:api");
  EXPECT_EQ(ledger_outcome(ErrorKind::BadResponse), "error:bad_response");
  EXPECT_EQ(ledger_outcome(ErrorKind::InvalidArgument), "error:invalid_argument");
  EXPECT_EQ(ledger_outcome(ErrorKind::Network), "error:network");
  EXPECT_EQ(ledger_outcome(ErrorKind::Tls), "error:tls");
  EXPECT_EQ(ledger_outcome(ErrorKind::Configuration), "error:configuration");
  EXPECT_EQ(ledger_outcome(ErrorKind::Cancelled), "cancelled");
}

TEST(UsageLedger, TimeIsUtcIso8601) {
  EXPECT_EQ(ledger_time(std::int64_t{1772355900} * 1000000 + 999999), "2026-03-01T09:05:00Z");
}

TEST(UsageLedger, CreatesFolderAndHeaderOnce) {
  TempDirectory dir;
  const std::string path = ledger_path_in_profile(dir.path());
  EXPECT_EQ(path, dir.path() + "/gimp-gpt-image/usage.csv");
  ASSERT_TRUE(append_to_ledger(path, entry()));
  ASSERT_TRUE(append_to_ledger(path, entry()));
  const auto lines = lines_of(read(path));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "time,procedure,host,model,quality,size,n,input_tokens,output_tokens,cost_usd,seconds,outcome,request_id,"
            "prompt");
  EXPECT_EQ(lines[1] + "\n", ledger_line(entry()));
  EXPECT_EQ(lines[2], lines[1]);
}

TEST(UsageLedger, ThreadsAndProcessesNeverInterleave) {
  TempDirectory dir;
  const std::string path = ledger_path_in_profile(dir.path());
  constexpr int kWriters = 4, kLinesEach = 300;
  // Each writer's lines are its own and long (a prompt of 2000 characters), so a torn or
  // interleaved write shows as a line that is not exactly one of the expected ones.
  auto line_for = [](const std::string &who) {
    LedgerEntry e = entry();
    e.request_id = who;
    e.prompt = std::string(2000, who.back());
    return e;
  };
  auto write_lines = [&](const std::string &who) {
    for (int i = 0; i < kLinesEach; ++i) append_to_ledger(path, line_for(who));
  };
  std::vector<pid_t> children;
  for (int p = 0; p < kWriters; ++p) {
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      write_lines("process-" + std::to_string(p));
      _exit(0);
    }
    children.push_back(child);
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < kWriters; ++t) threads.emplace_back(write_lines, "thread-" + std::to_string(t));
  for (auto &thread : threads) thread.join();
  for (pid_t child : children) {
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }

  const std::string text = read(path);
  ASSERT_EQ(text.rfind(std::string(kLedgerHeader) + "\n", 0), 0u);
  std::map<std::string, int> seen;
  size_t at = std::string(kLedgerHeader).size() + 1;
  int lines = 0;
  while (at < text.size()) {
    bool matched = false;
    for (const std::string kind : {"process-", "thread-"})
      for (int i = 0; i < kWriters && !matched; ++i) {
        const std::string expected = ledger_line(line_for(kind + std::to_string(i)));
        if (text.compare(at, expected.size(), expected) == 0) {
          ++seen[kind + std::to_string(i)];
          at += expected.size();
          matched = true;
        }
      }
    ASSERT_TRUE(matched) << "a line cut or mixed at byte " << at;
    ++lines;
  }
  EXPECT_EQ(lines, 2 * kWriters * kLinesEach);
  for (const auto &[who, count] : seen) EXPECT_EQ(count, kLinesEach) << who;
  EXPECT_EQ(seen.size(), 2u * kWriters);
  // Exactly one header.
  EXPECT_EQ(text.find("time,procedure"), 0u);
  EXPECT_EQ(text.find("time,procedure", 1), std::string::npos);
}

TEST(UsageLedger, LineBreaksInAPromptBecomeSpaces) {
  LedgerEntry e = entry();
  e.prompt = "one\r\ntwo\nthree\rfour";
  const std::string line = ledger_line(e);
  EXPECT_EQ(line.substr(line.find("req_abc123")), "req_abc123,one  two three four\n");
  EXPECT_EQ(line.find('\r'), std::string::npos);
  EXPECT_EQ(line.find('\n'), line.size() - 1);
}

TEST(UsageLedger, FormulaLikeTextsAreQuotedAndTheRequestIdFiltered) {
  LedgerEntry e = entry();
  e.request_id = "=HYPERLINK(\"x\")";
  e.prompt = "+1 cat";
  EXPECT_EQ(ledger_line(e),
            "2026-03-01T09:05:00Z,plug-in-gpt-image-edit,api.openai.com,gpt-image-1.5,medium,1024x1024,2,1200,2112,"
            "0.071200,23.457,ok,HYPERLINKx,'+1 cat\n");
  // Each character a spreadsheet starts a formula with; CR and tab too (the CR then a space).
  e.request_id.clear();
  for (const auto &[prompt, written] : std::vector<std::pair<std::string, std::string>>{
           {"=1+2", "'=1+2"}, {"-2", "'-2"}, {"@SUM(A1)", "'@SUM(A1)"}, {"\tx", "'\tx"}, {"\rx", "' x"},
           {"a=b", "a=b"}, {"'quoted", "'quoted"}}) {
    e.prompt = prompt;
    const std::string line = ledger_line(e);
    EXPECT_EQ(line.substr(line.find(",ok,") + 5), written + "\n") << prompt;
  }
  e.prompt.clear();
  e.model = "-deployment";  // every text field, not only the prompt
  EXPECT_NE(ledger_line(e).find(",'-deployment,"), std::string::npos);
  // The request id: only A-Za-z0-9 . _ : -, at most 200 characters, a leading - quoted.
  EXPECT_EQ(ledger_request_id("-req"), "'-req");
  EXPECT_EQ(ledger_request_id("req 1,\"2\"\n\xc3\xa9:ok_3.x-y"), "req12:ok_3.x-y");
  EXPECT_EQ(ledger_request_id(std::string(250, 'a')), std::string(200, 'a'));
  EXPECT_EQ(ledger_request_id(std::string(150, '!') + std::string(250, 'b')), std::string(200, 'b'));
}

TEST(UsageLedger, ALastLineCutShortIsEndedBeforeTheNextOne) {
  TempDirectory dir;
  const std::string path = ledger_path_in_profile(dir.path());
  ASSERT_TRUE(append_to_ledger(path, entry()));
  const std::string cut = read(path) + "2026-03-01T09:06:00Z,plug-in-gpt-image-edit,api.op";
  ASSERT_TRUE(g_file_set_contents(path.c_str(), cut.c_str(), static_cast<gssize>(cut.size()), nullptr));
  ASSERT_TRUE(append_to_ledger(path, entry()));
  EXPECT_EQ(read(path), cut + "\n" + ledger_line(entry()));
  ASSERT_TRUE(append_to_ledger(path, entry()));  // a file that ends well gets no empty line
  EXPECT_EQ(read(path), cut + "\n" + ledger_line(entry()) + ledger_line(entry()));
}

TEST(UsageLedger, AppendWaitsForAnotherWritersLock) {
  TempDirectory dir;
  const std::string path = ledger_path_in_profile(dir.path());
  ASSERT_TRUE(append_to_ledger(path, entry()));
  const int other = open(path.c_str(), O_RDWR | O_CLOEXEC);  // another GIMP, mid-write
  ASSERT_GE(other, 0);
  ASSERT_EQ(flock(other, LOCK_EX), 0);
  std::future<bool> appended = std::async(std::launch::async, [&] { return append_to_ledger(path, entry()); });
  // Bounded: a writer that ignored the lock would be done well within this.
  EXPECT_EQ(appended.wait_for(std::chrono::milliseconds(150)), std::future_status::timeout);
  EXPECT_EQ(lines_of(read(path)).size(), 2u);
  ASSERT_EQ(flock(other, LOCK_UN), 0);
  close(other);
  ASSERT_EQ(appended.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_TRUE(appended.get());
  EXPECT_EQ(lines_of(read(path)).size(), 3u);
}

// The ledger reader (usage_totals.h) on hand-written usage.csv text: every expected figure below is
// worked out by hand from the lines in the test, not by the reader.
#include <glib.h>
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "errors.h"
#include "temp_directory.h"
#include "usage_totals.h"

using namespace gpt_image;

namespace {

const std::string kHeader =
    "time,procedure,host,model,quality,size,n,input_tokens,output_tokens,cost_usd,seconds,outcome,request_id,prompt\n";

// 2026-11-30T12:00:00Z
std::time_t noon_on_the_30th() {
  GDateTime *when = g_date_time_new_utc(2026, 11, 30, 12, 0, 0);
  const std::time_t out = static_cast<std::time_t>(g_date_time_to_unix(when));
  g_date_time_unref(when);
  return out;
}

std::string line(const std::string &time, const std::string &cost, const std::string &seconds,
                 const std::string &outcome, const std::string &prompt = "") {
  return time + ",plug-in-gpt-image-edit,api.openai.com,gpt-image-1.5,medium,1024x1024,1,100,200," + cost + "," +
         seconds + "," + outcome + ",req_1," + prompt + "\n";
}

}  // namespace

TEST(UsageTotals, CountsEachPeriodByUtcDayAndMonth) {
  const std::string text = kHeader +
                           line("2026-10-31T23:59:59Z", "1.000000", "10.000", "ok") +     // last month
                           line("2026-11-01T00:00:00Z", "0.250000", "20.000", "ok") +     // this month
                           line("2026-11-29T10:00:00Z", "", "5.000", "error:api") +       // this month
                           line("2026-11-30T08:00:00Z", "0.040000", "30.000", "ok") +     // today
                           line("2026-11-30T09:00:00Z", "0.000000", "0.010", "cached") +  // today
                           line("2026-11-30T10:00:00Z", "", "2.000", "cancelled");        // today
  const UsageTotals totals = usage_totals_from_text(text, noon_on_the_30th());
  EXPECT_EQ(totals.skipped_lines, 0);
  EXPECT_FALSE(totals.truncated);

  // Today: ok 30 s ($0.04), cached, cancelled (cost unknown).
  EXPECT_EQ(totals.today.calls, 3);
  EXPECT_EQ(totals.today.ok, 1);
  EXPECT_EQ(totals.today.failures, 0);
  EXPECT_EQ(totals.today.cached, 1);
  EXPECT_EQ(totals.today.cancelled, 1);
  EXPECT_DOUBLE_EQ(*totals.today.success_rate, 1.0);  // 1 ok of 1 ok + 0 failures
  EXPECT_DOUBLE_EQ(*totals.today.median_seconds, 30.0);
  EXPECT_NEAR(totals.today.spend_usd, 0.04, 1e-9);
  EXPECT_EQ(totals.today.unknown_cost, 1);  // the cancelled one; cached is never unknown

  // This month: + Nov 1st ok 20 s ($0.25) and the Nov 29th failure.
  EXPECT_EQ(totals.month.calls, 5);
  EXPECT_EQ(totals.month.ok, 2);
  EXPECT_EQ(totals.month.failures, 1);
  EXPECT_DOUBLE_EQ(*totals.month.success_rate, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(*totals.month.median_seconds, 25.0);  // (20 + 30) / 2
  EXPECT_NEAR(totals.month.spend_usd, 0.29, 1e-9);
  EXPECT_EQ(totals.month.unknown_cost, 2);

  // All time: + Oct 31st ok 10 s ($1).
  EXPECT_EQ(totals.all_time.calls, 6);
  EXPECT_EQ(totals.all_time.ok, 3);
  EXPECT_DOUBLE_EQ(*totals.all_time.success_rate, 3.0 / 4.0);
  EXPECT_DOUBLE_EQ(*totals.all_time.median_seconds, 20.0);  // 10, 20, 30
  EXPECT_NEAR(totals.all_time.spend_usd, 1.29, 1e-9);
}

TEST(UsageTotals, AnEmptyLedgerHasNoRateAndNoMedian) {
  const UsageTotals totals = usage_totals_from_text(kHeader, noon_on_the_30th());
  EXPECT_EQ(totals.all_time.calls, 0);
  EXPECT_FALSE(totals.all_time.success_rate);
  EXPECT_FALSE(totals.all_time.median_seconds);
  // Only cached lines: nothing asked of the server, so still no rate.
  const UsageTotals cached =
      usage_totals_from_text(kHeader + line("2026-11-30T09:00:00Z", "0.000000", "0.010", "cached"), noon_on_the_30th());
  EXPECT_EQ(cached.all_time.calls, 1);
  EXPECT_FALSE(cached.all_time.success_rate);
  EXPECT_FALSE(cached.all_time.median_seconds);
  EXPECT_EQ(cached.all_time.spend_usd, 0);
}

TEST(UsageTotals, SkipsJunkAndALastLineCutShort) {
  const std::string text = kHeader + line("2026-11-30T08:00:00Z", "0.100000", "3.000", "ok") +
                           "this is not a ledger line\n" +
                           line("30/11/2026 08:00", "0.100000", "3.000", "ok") +            // bad time
                           line("2026-11-30T08:00:00Z", "lots", "3.000", "ok") +            // bad cost
                           line("2026-11-30T08:00:00Z", "-1.000000", "3.000", "ok") +       // negative cost
                           line("2026-11-30T08:00:00Z", "0.100000", "3.000", "maybe") +     // bad outcome
                           line("2026-11-30T08:00:00Z", "0.100000", "3.000", "error:Api!") + // bad kind
                           "\n" +                                                           // empty line
                           "2026-11-30T09:00:00Z,plug-in-gpt-image-edit,api.openai.com,gpt-image-1.5,medium,1024x"
                           "1024,1,100,200,0.200000,4.000,ok,req_2,";  // being written: no line feed yet
  const UsageTotals totals = usage_totals_from_text(text, noon_on_the_30th());
  EXPECT_EQ(totals.all_time.calls, 1);
  EXPECT_NEAR(totals.all_time.spend_usd, 0.1, 1e-9);
  EXPECT_EQ(totals.skipped_lines, 8);
}

TEST(UsageTotals, ReadsQuotedPromptsAndExtraColumnsByTheHeader) {
  // A later writer added a column in the middle and one at the end; a prompt holds a comma, a
  // doubled quote and a line break.
  const std::string text =
      "time,procedure,host,model,quality,size,n,input_tokens,output_tokens,region,cost_usd,seconds,outcome,"
      "request_id,prompt,extra\n"
      "2026-11-30T08:00:00Z,plug-in-gpt-image-new,h,m,low,1024x1024,1,,,eu,0.011000,7.500,ok,,\"a cat, \"\"sitting\"\"\n"
      "on a mat\",x\n"
      "2026-11-30T08:01:00Z,plug-in-gpt-image-new,h,m,low,1024x1024,1,,,eu,0.011000,8.500,ok,,plain,y\n";
  const UsageTotals totals = usage_totals_from_text(text, noon_on_the_30th());
  EXPECT_EQ(totals.skipped_lines, 0);
  EXPECT_EQ(totals.today.calls, 2);
  EXPECT_NEAR(totals.today.spend_usd, 0.022, 1e-9);
  EXPECT_DOUBLE_EQ(*totals.today.median_seconds, 8.0);  // (7.5 + 8.5) / 2
}

TEST(UsageTotals, CrLfLineEndsAreRead) {
  const std::string text = "time,procedure,host,model,quality,size,n,input_tokens,output_tokens,cost_usd,seconds,"
                           "outcome,request_id,prompt\r\n"
                           "2026-11-30T08:00:00Z,p,h,m,q,s,1,,,0.500000,1.000,ok,,\r\n";
  const UsageTotals totals = usage_totals_from_text(text, noon_on_the_30th());
  EXPECT_EQ(totals.today.ok, 1);
  EXPECT_NEAR(totals.today.spend_usd, 0.5, 1e-9);
}

TEST(UsageTotals, TextFromTheMiddleOfAFileSkipsItsFirstPartialLine) {
  // As read_usage_totals passes the end of a file past its bound: no header, a broken first line.
  const std::string text = "8:00:00Z,p,h,m,q,s,1,,,9.000000,1.000,ok,,\n" +
                           line("2026-11-30T08:00:00Z", "0.300000", "3.000", "ok");
  const UsageTotals totals = usage_totals_from_text(text, noon_on_the_30th(), true);
  EXPECT_EQ(totals.all_time.calls, 1);
  EXPECT_EQ(totals.skipped_lines, 0);
  EXPECT_NEAR(totals.month.spend_usd, 0.3, 1e-9);
}

TEST(UsageTotals, AStrayQuoteSpoilsOnlyItsOwnLine) {
  // The third line opens a quote it never closes; the lines after it start like records, so the
  // junk ends at its own line feed.
  const std::string text =
      kHeader + line("2026-11-30T08:00:00Z", "0.100000", "3.000", "ok") +
      "2026-11-30T08:10:00Z,plug-in-gpt-image-edit,api.openai.com,gpt-image-1.5,medium,1024x1024,1,100,200,"
      "0.700000,3.000,ok,req_9,\"a prompt with one stray quote\n" +
      line("2026-11-30T08:20:00Z", "0.200000", "4.000", "ok") +  // today
      line("2026-11-29T08:00:00Z", "", "6.000", "error:api") +   // this month
      line("2026-10-15T08:00:00Z", "1.000000", "2.000", "ok");   // last month
  const UsageTotals totals = usage_totals_from_text(text, noon_on_the_30th());
  EXPECT_EQ(totals.skipped_lines, 1);  // the junk line and nothing else
  // Today: 08:00 ($0.10, 3 s) and 08:20 ($0.20, 4 s).
  EXPECT_EQ(totals.today.calls, 2);
  EXPECT_EQ(totals.today.ok, 2);
  EXPECT_NEAR(totals.today.spend_usd, 0.3, 1e-9);
  EXPECT_DOUBLE_EQ(*totals.today.median_seconds, 3.5);
  // This month: + the failure on the 29th (cost unknown).
  EXPECT_EQ(totals.month.calls, 3);
  EXPECT_EQ(totals.month.failures, 1);
  EXPECT_DOUBLE_EQ(*totals.month.success_rate, 2.0 / 3.0);
  EXPECT_NEAR(totals.month.spend_usd, 0.3, 1e-9);
  EXPECT_EQ(totals.month.unknown_cost, 1);
  // All time: + October's $1.00 in 2 s.
  EXPECT_EQ(totals.all_time.calls, 4);
  EXPECT_EQ(totals.all_time.ok, 3);
  EXPECT_NEAR(totals.all_time.spend_usd, 1.3, 1e-9);
  EXPECT_DOUBLE_EQ(*totals.all_time.median_seconds, 3.0);  // 2, 3, 4
}

TEST(UsageTotals, AnOldPromptWithALineBreakIsStillOneRecord) {
  // Ledgers written before line breaks became spaces: the prompt's second line starts with a
  // date, but not with a record's time and comma, so the quoted field goes on.
  const std::string text = kHeader +
                           line("2026-11-30T08:00:00Z", "0.100000", "3.000", "ok",
                                "\"a cat,\n2026-11-30 at noon, \"\"sitting\"\"\n on a mat\"") +
                           line("2026-11-30T08:05:00Z", "0.200000", "5.000", "ok");
  const UsageTotals totals = usage_totals_from_text(text, noon_on_the_30th());
  EXPECT_EQ(totals.skipped_lines, 0);
  EXPECT_EQ(totals.today.calls, 2);
  EXPECT_NEAR(totals.today.spend_usd, 0.3, 1e-9);
  EXPECT_DOUBLE_EQ(*totals.today.median_seconds, 4.0);
}

TEST(UsageTotals, TextFromTheMiddleOfAQuotedPromptStartsAtTheNextRecord) {
  // The bound cut an old multi-line prompt: the first whole line is its rest, with a closing
  // quote that would open a field swallowing everything after it.
  const std::string text = "ing\"\" on a mat\n and a dog\",x\n" +
                           line("2026-11-30T08:00:00Z", "0.300000", "3.000", "ok") +
                           line("2026-11-30T09:00:00Z", "0.100000", "5.000", "ok");
  const UsageTotals totals = usage_totals_from_text(text, noon_on_the_30th(), true);
  EXPECT_EQ(totals.all_time.calls, 2);
  EXPECT_EQ(totals.skipped_lines, 0);
  EXPECT_NEAR(totals.month.spend_usd, 0.4, 1e-9);
}

TEST(UsageTotals, ReadsAFileAndAMissingOneIsEmpty) {
  gpt_image::testing::TempDirectory profile;
  const std::string path = usage_ledger_path_in_profile(profile.path());
  EXPECT_EQ(path, profile.path() + "/gimp-gpt-image/usage.csv");
  EXPECT_EQ(read_usage_totals(path, noon_on_the_30th()).all_time.calls, 0);
  g_mkdir_with_parents((profile.path() + "/gimp-gpt-image").c_str(), 0700);
  std::ofstream(path) << kHeader << line("2026-11-30T08:00:00Z", "0.120000", "3.000", "ok")
                      << line("2026-11-30T08:05:00Z", "", "4.000", "error:network");
  const UsageTotals totals = read_usage_totals(path, noon_on_the_30th());
  EXPECT_EQ(totals.today.calls, 2);
  EXPECT_EQ(totals.today.failures, 1);
  EXPECT_NEAR(totals.month.spend_usd, 0.12, 1e-9);
  EXPECT_FALSE(totals.truncated);
}

TEST(UsageTotals, ALedgerPastTheByteBoundIsReadFromItsEnd) {
  gpt_image::testing::TempDirectory profile;
  const std::string path = profile.path() + "/usage.csv";
  {
    std::ofstream file(path);
    file << kHeader;
    const std::string old = line("2025-01-01T00:00:00Z", "1.000000", "3.000", "ok");
    for (std::size_t written = 0; written <= kMaxLedgerBytes; written += old.size()) file << old;
    file << line("2026-11-30T08:00:00Z", "0.500000", "3.000", "ok");
  }
  const UsageTotals totals = read_usage_totals(path, noon_on_the_30th());
  EXPECT_TRUE(totals.truncated);
  EXPECT_EQ(totals.today.calls, 1);  // the newest line is always read
  EXPECT_NEAR(totals.month.spend_usd, 0.5, 1e-9);
  EXPECT_LT(totals.all_time.calls, static_cast<long long>(kMaxLedgerBytes / 100));
  EXPECT_EQ(totals.skipped_lines, 0);  // the cut first line is dropped, not counted as junk
}

TEST(UsageTotals, AnUnreadableLedgerIsAConfigurationError) {
  gpt_image::testing::TempDirectory profile;
  const std::string path = profile.path() + "/usage.csv";
  g_mkdir(path.c_str(), 0700);  // a folder where the file should be
  try {
    read_usage_totals(path, noon_on_the_30th());
    FAIL() << "a folder was read as a ledger";
  } catch (const GenerativeError &e) {
    EXPECT_EQ(e.kind(), ErrorKind::Configuration);
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
  }
}

TEST(UsageTotals, AnsweredCallsOfUnknownCostAreCountedApartFromFailures) {
  // A relay without usage: its answered calls have no cost. Failures without a cost and cached
  // answers are not such calls.
  const std::string text = kHeader + line("2026-11-02T08:00:00Z", "", "12.000", "ok") +
                           line("2026-11-03T08:00:00Z", "", "13.000", "ok") +
                           line("2026-11-04T08:00:00Z", "", "1.000", "error:network") +
                           line("2026-11-05T08:00:00Z", "0.000000", "0.010", "cached") +
                           line("2026-10-05T08:00:00Z", "", "11.000", "ok");  // last month
  const UsageTotals totals = usage_totals_from_text(text, noon_on_the_30th());
  EXPECT_EQ(totals.month.answered_unknown_cost, 2);
  EXPECT_EQ(totals.month.unknown_cost, 3);
  EXPECT_EQ(totals.all_time.answered_unknown_cost, 3);
}

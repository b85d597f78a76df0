// Several jobs side by side: the concurrency limit, one report per job on the calling thread, the
// aggregated progress, and a cancel that stops the running jobs and keeps the waiting ones from
// starting.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "concurrent_jobs.h"
#include "errors.h"

using namespace gpt_image;

namespace {

class MainSink : public ProgressSink {
 public:
  void set_text(const std::string &text) override { texts.push_back(text); }
  void set_fraction(double fraction) override { fractions.push_back(fraction); }
  void pulse() override {}
  bool cancelled() const override { return cancel_now; }
  std::vector<std::string> texts;
  std::vector<double> fractions;
  bool cancel_now = false;
};

}  // namespace

TEST(ConcurrentJobs, AtMostTheLimitRunAtOnceAndEachIsReportedOnceOnTheCaller) {
  std::atomic<int> running{0}, most{0};
  std::vector<ConcurrentJob> jobs;
  for (int i = 0; i < 7; ++i)
    jobs.push_back({"job" + std::to_string(i), [&, i](ProgressSink &) {
                      const int now = ++running;
                      for (int seen = most.load(); now > seen && !most.compare_exchange_weak(seen, now);) {
                      }
                      std::this_thread::sleep_for(std::chrono::milliseconds(15));
                      --running;
                      LayersToPlace result;
                      result.layer_name = "made " + std::to_string(i);
                      return result;
                    }});
  MainSink sink;
  std::vector<int> reports(jobs.size(), 0);
  const std::thread::id caller = std::this_thread::get_id();
  run_concurrently(jobs, 3, sink, [&](size_t index, LayersToPlace *result, std::exception_ptr failure) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    EXPECT_FALSE(failure);
    ASSERT_NE(result, nullptr);
    EXPECT_EQ(result->layer_name, "made " + std::to_string(index));
    ++reports[index];
  });
  EXPECT_EQ(most.load(), 3);  // 7 jobs of 15 ms: three overlap, never a fourth
  EXPECT_EQ(reports, std::vector<int>(jobs.size(), 1));
  ASSERT_FALSE(sink.fractions.empty());
  EXPECT_DOUBLE_EQ(sink.fractions.back(), 1.0);
}

TEST(ConcurrentJobs, AFailureIsReportedForItsJobAndTheOthersGoOn) {
  std::vector<ConcurrentJob> jobs = {
      {"a", [](ProgressSink &) { return LayersToPlace{}; }},
      {"b", [](ProgressSink &) -> LayersToPlace { throw GenerativeError(ErrorKind::Api, "refused"); }},
      {"c", [](ProgressSink &) { return LayersToPlace{}; }}};
  MainSink sink;
  std::vector<std::string> outcome(3);
  run_concurrently(jobs, 2, sink, [&](size_t index, LayersToPlace *result, std::exception_ptr failure) {
    if (!failure) {
      outcome[index] = result ? "made" : "nothing";
      return;
    }
    try {
      std::rethrow_exception(failure);
    } catch (const GenerativeError &e) {
      outcome[index] = e.what();
    }
  });
  EXPECT_EQ(outcome, (std::vector<std::string>{"made", "refused", "made"}));
}

TEST(ConcurrentJobs, TheTextSaysWhichJobSpoke) {
  std::vector<ConcurrentJob> jobs = {{"story", [](ProgressSink &p) {
                                        p.set_text("Waiting for the image…");
                                        return LayersToPlace{};
                                      }}};
  MainSink sink;
  run_concurrently(jobs, 3, sink, [](size_t, LayersToPlace *, std::exception_ptr) {});
  ASSERT_FALSE(sink.texts.empty());
  EXPECT_EQ(sink.texts.back(), "story: Waiting for the image…");
}

TEST(ConcurrentJobs, ACancelStopsTheRunningJobsAndTheWaitingOnesNeverStart) {
  std::atomic<int> started{0};
  std::vector<ConcurrentJob> jobs;
  for (int i = 0; i < 5; ++i)
    jobs.push_back({"job", [&](ProgressSink &p) -> LayersToPlace {
                      ++started;
                      while (!p.cancelled()) std::this_thread::sleep_for(std::chrono::milliseconds(2));
                      throw GenerativeError(ErrorKind::Cancelled, "Cancelled.");
                    }});
  MainSink sink;
  sink.cancel_now = true;  // the user pressed Cancel as the jobs began
  int cancelled = 0;
  run_concurrently(jobs, 2, sink, [&](size_t, LayersToPlace *, std::exception_ptr failure) {
    try {
      std::rethrow_exception(failure);
    } catch (const GenerativeError &e) {
      cancelled += e.kind() == ErrorKind::Cancelled;
    }
  });
  EXPECT_EQ(cancelled, 5);
  EXPECT_LE(started.load(), 2);  // only those already running when the cancel came
}

TEST(ConcurrentJobs, TheFractionIsTheDoneJobsPlusTheRunningOnesShare) {
  EXPECT_DOUBLE_EQ(aggregate_fraction(0, {}, 4), 0.0);
  EXPECT_DOUBLE_EQ(aggregate_fraction(1, {0.5, 0.5}, 4), 0.5);   // (1 + 0.5 + 0.5) / 4
  EXPECT_DOUBLE_EQ(aggregate_fraction(2, {0.25}, 3), 0.75);      // (2 + 0.25) / 3
  EXPECT_DOUBLE_EQ(aggregate_fraction(3, {}, 3), 1.0);
  EXPECT_DOUBLE_EQ(aggregate_fraction(0, {7.0}, 2), 0.5);        // a job's wild fraction counts as 1
}

#include <glib.h>
#include <glib/gstdio.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <thread>
#include <vector>

#include "prompt_history.h"
#include "temp_directory.h"

using namespace gpt_image;

namespace {
class PromptHistory : public ::testing::Test {
 protected:
  gpt_image::testing::TempDirectory profile_;
  std::string path_ = prompt_history_path_in_profile(profile_.path());
};
}  // namespace

TEST_F(PromptHistory, NewestFirstAndDistinct) {
  EXPECT_TRUE(load_prompt_history(path_).empty());
  remember_prompt(path_, "a red apple");
  remember_prompt(path_, "a blue door");
  remember_prompt(path_, "a red apple");
  remember_prompt(path_, "   ");
  EXPECT_EQ(load_prompt_history(path_), (std::vector<std::string>{"a red apple", "a blue door"}));
}

TEST_F(PromptHistory, KeepsTheLastTwentyWithNewlinesAndUnicode) {
  for (int i = 0; i < 25; ++i) remember_prompt(path_, "prompt " + std::to_string(i));
  remember_prompt(path_, "一只红苹果\n放在桌子上");
  const auto history = load_prompt_history(path_);
  ASSERT_EQ(history.size(), kPromptHistoryLength);
  EXPECT_EQ(history.front(), "一只红苹果\n放在桌子上");
  EXPECT_EQ(history[1], "prompt 24");
  EXPECT_EQ(history.back(), "prompt 6");
}

TEST_F(PromptHistory, DamagedFileIsAnEmptyHistoryNotAnError) {
  gchar *folder = g_path_get_dirname(path_.c_str());
  g_mkdir_with_parents(folder, 0700);
  g_free(folder);
  ASSERT_TRUE(g_file_set_contents(path_.c_str(), "{not json", -1, nullptr));
  EXPECT_TRUE(load_prompt_history(path_).empty());
  remember_prompt(path_, "fresh start");
  EXPECT_EQ(load_prompt_history(path_), (std::vector<std::string>{"fresh start"}));
}

// Two GIMPs adding prompts at the same moment: each add reads the file, puts its prompt first and
// writes it back, so without a lock around that the second write drops the first one's prompt.
// Threads stand in for the processes (the lock is per open file, so it separates threads too).
TEST_F(PromptHistory, ConcurrentAddsLoseNothing) {
  constexpr int kPerWriter = kPromptHistoryLength / 2;  // together exactly a full history
  for (int round = 0; round < 10; ++round) {
    g_remove(path_.c_str());
    auto writer = [this, round](const char *who) {
      for (int i = 0; i < kPerWriter; ++i)
        remember_prompt(path_, std::string(who) + " " + std::to_string(round) + "." + std::to_string(i));
    };
    std::thread first(writer, "first"), second(writer, "second");
    first.join();
    second.join();
    std::vector<std::string> history = load_prompt_history(path_);
    std::sort(history.begin(), history.end());
    std::vector<std::string> expected;
    for (const char *who : {"first", "second"})
      for (int i = 0; i < kPerWriter; ++i)
        expected.push_back(std::string(who) + " " + std::to_string(round) + "." + std::to_string(i));
    std::sort(expected.begin(), expected.end());
    ASSERT_EQ(history, expected) << "round " << round;
  }
}

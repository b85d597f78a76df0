// History's "Use prompt" hand-over: taken once, only while fresh, bounded.
#include <gtest/gtest.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <utime.h>

#include <ctime>
#include <string>

#include "prompt_handover.h"

namespace gpt_image {
namespace {

class PromptHandover : public ::testing::Test {
 protected:
  void SetUp() override {
    gchar *dir = g_dir_make_tmp("handover-XXXXXX", nullptr);
    profile_ = dir;
    g_free(dir);
    path_ = prompt_handover_path_in_profile(profile_);
  }
  void TearDown() override {
    g_remove(path_.c_str());
    gchar *folder = g_path_get_dirname(path_.c_str());
    g_rmdir(folder);
    g_free(folder);
    g_rmdir(profile_.c_str());
  }
  std::string profile_, path_;
};

TEST_F(PromptHandover, IsTakenOnceWithItsExactText) {
  EXPECT_EQ(path_, profile_ + "/gimp-gpt-image/next-prompt.txt");
  hand_over_prompt(path_, "a red kite, \"quoted\"\nsecond line äö");
  EXPECT_EQ(take_handed_over_prompt(path_), std::optional<std::string>("a red kite, \"quoted\"\nsecond line äö"));
  EXPECT_EQ(take_handed_over_prompt(path_), std::nullopt);  // gone after the first take
}

TEST_F(PromptHandover, AStaleOneIsDroppedUnread) {
  hand_over_prompt(path_, "old");
  const std::time_t then = std::time(nullptr) - kPromptHandoverSeconds - 5;
  struct utimbuf times{then, then};
  ASSERT_EQ(utime(path_.c_str(), &times), 0);
  EXPECT_EQ(take_handed_over_prompt(path_), std::nullopt);
  EXPECT_FALSE(g_file_test(path_.c_str(), G_FILE_TEST_EXISTS));  // and removed
}

TEST_F(PromptHandover, OversizedOrNonUtf8IsRefused) {
  hand_over_prompt(path_, std::string(40 * 1024, 'x'));
  EXPECT_EQ(take_handed_over_prompt(path_), std::nullopt);
  hand_over_prompt(path_, std::string("caf\xE9"));
  EXPECT_EQ(take_handed_over_prompt(path_), std::nullopt);
  EXPECT_FALSE(g_file_test(path_.c_str(), G_FILE_TEST_EXISTS));
}

}  // namespace
}  // namespace gpt_image

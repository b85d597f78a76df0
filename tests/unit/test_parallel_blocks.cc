#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "parallel_blocks.h"

using namespace gpt_image;

// Every index is covered exactly once, whatever the number of blocks.
TEST(ParallelBlocks, EveryRowIsWorkedOnceInContiguousBlocks) {
  for (const int blocks : {1, 2, 3, 7}) {
    std::vector<std::atomic<int>> seen(101);
    run_in_blocks(101, blocks, [&](int first, int end) {
      for (int i = first; i < end; ++i) ++seen[i];
    });
    for (const auto &count : seen) EXPECT_EQ(count.load(), 1) << blocks << " blocks";
  }
}

// A block that throws does not end the process: every other block still finishes, then the
// exception reaches the caller.
TEST(ParallelBlocks, AThrowingBlockIsRethrownAfterTheOthersFinish) {
  std::atomic<int> finished{0};
  EXPECT_THROW(run_in_blocks(4, 4,
                             [&](int first, int) {
                               if (first == 2) throw std::runtime_error("out of memory");
                               ++finished;
                             }),
               std::runtime_error);
  EXPECT_EQ(finished.load(), 3);
}

TEST(ParallelBlocks, ThreadsAreWorthItOnlyForEnoughWork) {
  EXPECT_EQ(blocks_for(10, 1000, 50), 1);
  EXPECT_EQ(blocks_for(0, 1000, 50), 1);
  EXPECT_LE(blocks_for(1'000'000, 1000, 3), 3);
  EXPECT_GE(blocks_for(1'000'000, 1000, 3), 1);
}

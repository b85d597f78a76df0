// Runs work over rows (or rows of tiles) in contiguous blocks, one per thread, for the few stages
// that touch a large selection's tens of megapixels. Robust where a bare std::thread is not: a
// block that throws (out of memory) has its exception passed on after every block has finished,
// and when no further thread can be started the remaining blocks run on the calling thread.
#pragma once

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace gpt_image {

// body(first, end) for `blocks` contiguous parts of [0, count); block 0 runs on this thread.
template <typename Body>
void run_in_blocks(int count, int blocks, Body body) {
  if (blocks <= 1) {
    body(0, count);
    return;
  }
  auto start = [&](int b) { return static_cast<int>(static_cast<long long>(count) * b / blocks); };
  std::vector<std::exception_ptr> failures(blocks);
  auto run = [&](int b) {
    try {
      body(start(b), start(b + 1));
    } catch (...) {
      failures[b] = std::current_exception();
    }
  };
  std::vector<std::thread> helpers;
  int b = 1;
  try {
    for (; b < blocks; ++b) helpers.emplace_back(run, b);
  } catch (...) {  // no more threads: the rest run here
  }
  for (int rest = b; rest < blocks; ++rest) run(rest);
  run(0);
  for (std::thread &helper : helpers) helper.join();
  for (const std::exception_ptr &failure : failures)
    if (failure) std::rethrow_exception(failure);
}

// How many threads a job of `work` units is worth at `per_thread` units each: at least 1, at most
// the cores and `count`.
inline int blocks_for(long long work, long long per_thread, int count) {
  const long long cores = std::max(1u, std::thread::hardware_concurrency());
  long long blocks = work / per_thread;
  if (blocks > cores) blocks = cores;
  if (blocks > count) blocks = count;
  return blocks < 1 ? 1 : static_cast<int>(blocks);
}

}  // namespace gpt_image

// A test fixture that unsets the environment variables a test may set, and restores them after it,
// so tests of environment overrides neither see the caller's settings nor leak their own.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <initializer_list>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gpt_image::testing {

class SavedEnvironment : public ::testing::Test {
 protected:
  explicit SavedEnvironment(std::initializer_list<const char *> names) : names_(names.begin(), names.end()) {}
  void SetUp() override {
    for (const std::string &name : names_) {
      const char *value = std::getenv(name.c_str());
      saved_.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
      unsetenv(name.c_str());
    }
  }
  void TearDown() override {
    for (const auto &[name, value] : saved_) {
      if (value) setenv(name.c_str(), value->c_str(), 1);
      else unsetenv(name.c_str());
    }
  }

 private:
  std::vector<std::string> names_;
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

}  // namespace gpt_image::testing

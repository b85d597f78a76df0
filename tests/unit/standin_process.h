// Starts the project's stand-in Images API (tests/standin) for a test suite and reads back what it
// recorded. STANDIN_SCRIPT is set by meson.
#pragma once

#include <curl/curl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "temp_directory.h"

namespace gpt_image::testing {

class StandInProcess {
 public:
  // `extra` are more command-line arguments (for example --tls-cert/--tls-key).
  explicit StandInProcess(const std::string &key, std::vector<std::string> extra = {}) {
    const std::string port_file = dir_.path() + "/port";
    std::vector<std::string> args = {"/usr/bin/python3", STANDIN_SCRIPT, "--port-file", port_file, "--key", key};
    args.insert(args.end(), extra.begin(), extra.end());
    std::vector<gchar *> argv;
    for (auto &a : args) argv.push_back(const_cast<gchar *>(a.c_str()));
    argv.push_back(nullptr);
    if (!g_spawn_async(nullptr, argv.data(), nullptr, G_SPAWN_DEFAULT, nullptr, nullptr, &pid_, nullptr)) return;
    for (int i = 0; i < 400 && !g_file_test(port_file.c_str(), G_FILE_TEST_EXISTS); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    std::ifstream(port_file) >> port_;
  }
  ~StandInProcess() {
    if (pid_) kill(pid_, SIGTERM);
    g_spawn_close_pid(pid_);
  }
  int port() const { return port_; }

  // The stand-in's record of requests, as JSON text (plain HTTP only).
  std::string recorded() const { return call("/_requests", nullptr); }

  // Sends a control message, e.g. {"fail_next": [...]} (plain HTTP only).
  void control(const std::string &json) const { call("/_control", &json); }

 private:
  std::string call(const std::string &path, const std::string *post) const {
    std::string body;
    CURL *curl = curl_easy_init();
    const std::string url = "http://127.0.0.1:" + std::to_string(port_) + path;
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    if (post) curl_easy_setopt(curl, CURLOPT_POSTFIELDS, post->c_str());
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, +[](char *d, size_t s, size_t n, void *u) {
      static_cast<std::string *>(u)->append(d, s * n);
      return s * n;
    });
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_perform(curl);
    curl_easy_cleanup(curl);
    return body;
  }

  TempDirectory dir_;
  GPid pid_ = 0;
  int port_ = 0;
};

}  // namespace gpt_image::testing

// A tiny HTTP/1.1 server on loopback for the hostile-relay tests: it reads each request whole
// (headers and Content-Length body, answering "Expect: 100-continue") and sends back exactly the
// bytes `answer` makes from it, then closes. Unlike the stand-in API it can say anything at all:
// echo the key, nest brackets 100,000 deep, flood previews, or record what a proxy was sent.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace gpt_image::testing {

class HostileServer {
 public:
  using Answer = std::function<std::string(const std::string &request)>;

  explicit HostileServer(Answer answer) : answer_(std::move(answer)) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listener_, reinterpret_cast<sockaddr *>(&address), sizeof address);
    listen(listener_, 8);
    socklen_t length = sizeof address;
    getsockname(listener_, reinterpret_cast<sockaddr *>(&address), &length);
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~HostileServer() {
    stop_ = true;
    thread_.join();
    close(listener_);
  }

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  // Every request received so far, whole; and how many connections were made at all.
  std::vector<std::string> requests() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  int connections() const { return connections_.load(); }

  // Helpers for answers.
  static std::string http(int status, const std::string &content_type, const std::string &body) {
    return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: " + content_type +
           "\r\nContent-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  }
  static std::string bearer_token(const std::string &request) {
    const size_t at = request.find("Authorization: Bearer ");
    if (at == std::string::npos) return {};
    const size_t from = at + 22;
    return request.substr(from, request.find("\r\n", from) - from);
  }

 private:
  void serve() {
    while (!stop_) {
      pollfd p{listener_, POLLIN, 0};
      if (poll(&p, 1, 50) <= 0) continue;
      const int client = accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      ++connections_;
      const std::string request = read_request(client);
      {
        std::lock_guard<std::mutex> lock(mutex_);
        requests_.push_back(request);
      }
      const std::string reply = answer_(request);
      for (size_t sent = 0; sent < reply.size();) {
        const ssize_t n = send(client, reply.data() + sent, reply.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<size_t>(n);
      }
      shutdown(client, SHUT_WR);
      close(client);
    }
  }

  static std::string read_request(int client) {
    std::string data;
    char buffer[65536];
    size_t body_from = std::string::npos, content_length = 0;
    bool continued = false;
    for (;;) {
      pollfd p{client, POLLIN, 0};
      if (poll(&p, 1, 5000) <= 0) break;
      const ssize_t n = recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      data.append(buffer, static_cast<size_t>(n));
      if (body_from == std::string::npos && (body_from = data.find("\r\n\r\n")) != std::string::npos) {
        body_from += 4;
        const std::string head = data.substr(0, body_from);
        const size_t at = head.find("Content-Length: ");
        if (at != std::string::npos) content_length = std::stoul(head.substr(at + 16));
        if (head.find("Expect: 100-continue") != std::string::npos && !continued) {
          const char *go_on = "HTTP/1.1 100 Continue\r\n\r\n";
          send(client, go_on, 25, MSG_NOSIGNAL);
          continued = true;
        }
      }
      if (body_from != std::string::npos && data.size() >= body_from + content_length) break;
    }
    return data;
  }

  Answer answer_;
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::mutex mutex_;
  std::vector<std::string> requests_;
};

}  // namespace gpt_image::testing

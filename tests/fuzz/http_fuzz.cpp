// The HTTP control plane's request handling: any bytes a local client can send, on a real
// connection to the server `mosaic serve` runs (HttpApi on loopback, with a token), with a
// stand-in for the serve loop that answers every command. The server must answer or close,
// and never with 500: an internal error is a bug.
#include "host/serve/control_plane.hpp"
#include "host/serve/http_api.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

namespace {

using namespace mosaic::host::serve;

// Started once, for the life of the fuzzing process.
struct Server {
  ControlPlane control;
  std::unique_ptr<HttpApi> api;
  std::thread loop;

  Server() {
    control.publish({.health = R"({"status":"ok"})",
                     .modules = R"({"modules":[],"rejected":[]})",
                     .signals = "{}",
                     .metrics = "mosaic_up 1\n",
                     .config = "{}"});
    api = std::make_unique<HttpApi>(control, HttpSettings{.bind = "127.0.0.1", .port = 0, .token = "fuzz-token"});
    loop = std::thread([this] {
      for (;;) {
        for (auto& c : control.take_commands()) c.reply.set_value({200, R"({"ok":true})"});
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
    });
    loop.detach();
  }
};

Server& server() {
  static Server* s = new Server();  // never destroyed: its threads run until the process exits
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const int port = server().api->port();
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return 0;
  }
  for (size_t sent = 0; sent < size;) {
    const ssize_t n = ::send(fd, data + sent, size - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  ::shutdown(fd, SHUT_WR);
  std::string reply;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) reply.append(buffer, static_cast<size_t>(n));
  ::close(fd);
  // Every response on the connection, keep-alive ones included.
  for (size_t at = reply.find("HTTP/1.1 "); at != std::string::npos; at = reply.find("HTTP/1.1 ", at + 1))
    if (reply.compare(at + 9, 3, "500") == 0) std::abort();
  return 0;
}

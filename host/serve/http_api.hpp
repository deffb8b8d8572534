// The HTTP control plane (cpp-httplib): GET /health, /metrics, /modules, /signals, /config
// and POST /modules/<name>/enable|disable|reload, POST /config (a config's TOML text to
// deploy; an X-Mosaic-Config-Name header names it in the record). Control routes need `Authorization: Bearer
// <token>` whenever a token is set, and a token must be set to bind anything but loopback.
#pragma once

#include "host/serve/control_plane.hpp"

#include <atomic>
#include <memory>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace mosaic::host::serve {

struct HttpSettings {
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port
  std::string token;
};

bool is_loopback(const std::string& address);

class HttpApi {
 public:
  // Binds at once; throws std::runtime_error naming the address when it cannot, or when a
  // non-loopback address has no token.
  HttpApi(ControlPlane& control, const HttpSettings& settings);
  ~HttpApi();
  int port() const { return port_; }

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::atomic<bool> listen_returned_{false};
  int port_ = 0;
};

}  // namespace mosaic::host::serve

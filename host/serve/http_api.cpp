#include "host/serve/http_api.hpp"

#include "host/data/allocator.hpp"
#include "host/data/utf8.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace mosaic::host::serve {
namespace {

// Compares without an early exit, so response timing says nothing about the token.
bool same_secret(const std::string& given, const std::string& expected) {
  unsigned diff = given.size() == expected.size() ? 0u : 1u;
  for (size_t i = 0; i < given.size(); ++i) diff |= static_cast<unsigned char>(given[i]) ^
                                                    static_cast<unsigned char>(expected[i % expected.size()]);
  return diff == 0;
}

void send_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body + "\n", "application/json");
}

// The control routes' gate: true when the request may go on, else the 401 is written.
bool authorised(const std::string& token, const httplib::Request& req, httplib::Response& res) {
  if (token.empty() || same_secret(req.get_header_value("Authorization"), "Bearer " + token)) return true;
  res.set_header("WWW-Authenticate", "Bearer");
  send_json(res, 401, nlohmann::json{{"error", "control routes need Authorization: Bearer <token>"}}.dump());
  return false;
}

// Who sent a config, for its record: the peer, and the name the sender gave it.
std::string deploy_source(const httplib::Request& req, const std::string& name) {
  const std::string source = fmt::format("POST /config from {}", req.remote_addr);
  return name.empty() ? source : fmt::format("{} ({})", source, name);
}

// Threads of the HTTP pool: it serves this many idle connections at once and still answers.
constexpr size_t kPoolThreads = 256;

// Each of the pool's threads serves a request now and then: an allocator cache per thread
// held megabytes across the pool (the soak test's resident size rose 19 MB under jemalloc).
class CachelessPool : public httplib::ThreadPool {
 public:
  using httplib::ThreadPool::ThreadPool;
  void enqueue(std::function<void()> fn) override {
    httplib::ThreadPool::enqueue([fn = std::move(fn)] {
      stop_thread_cache();
      fn();
    });
  }
};

}  // namespace

bool is_loopback(const std::string& address) {
  return address == "localhost" || address == "::1" || address.starts_with("127.");
}

HttpApi::HttpApi(ControlPlane& control, const HttpSettings& settings) : server_(std::make_unique<httplib::Server>()) {
  if (!is_loopback(settings.bind) && settings.token.empty())
    throw std::runtime_error(fmt::format("--bind {}: a non-loopback address needs a token for the control routes (set "
                                         "MOSAIC_SERVE_TOKEN or pass --token-file FILE)",
                                         settings.bind));
  auto& s = *server_;
  // Any local client can open connections and send nothing: cpp-httplib gives each
  // connection a pool thread until it closes or times out, so a pool of 8 was stalled by 8
  // idle sockets for 5 s. The pool holds kIdleConnections of them with threads to spare, and
  // an idle connection is dropped after 2 s. Replies go out at once (TCP_NODELAY): with
  // Nagle's algorithm on, each request on a kept-alive connection waited ~40 ms.
  s.new_task_queue = [] { return new CachelessPool(kPoolThreads); };
  s.set_tcp_nodelay(true);
  s.set_read_timeout(2, 0);
  s.set_keep_alive_timeout(2);
  s.Get("/health", [&control](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, control.documents().health);
  });
  s.Get("/modules", [&control](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, control.documents().modules);
  });
  s.Get("/signals", [&control](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, control.documents().signals);
  });
  s.Get("/metrics", [&control](const httplib::Request&, httplib::Response& res) {
    res.set_content(control.documents().metrics, "text/plain; version=0.0.4; charset=utf-8");
  });
  s.Get("/config", [&control](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, control.documents().config);
  });
  const std::string token = settings.token;
  s.Post(R"(/modules/([^/]+)/(enable|disable|reload))",
         [&control, token](const httplib::Request& req, httplib::Response& res) {
           if (!authorised(token, req, res)) return;
           const std::string module = req.matches[1];
           if (!is_utf8(module)) {
             send_json(res, 400, nlohmann::json{{"error", fmt::format("the module name in the path, '{}', is not UTF-8",
                                                                      excerpt(module))}}.dump());
             return;
           }
           Reply reply = control.command(module, req.matches[2], std::chrono::seconds(30));
           send_json(res, reply.status, reply.body);
         });
  s.Post("/config", [&control, token](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(token, req, res)) return;
    if (req.body.empty()) {
      send_json(res, 400, nlohmann::json{{"error", "POST /config: expected the config's TOML text as the body"}}.dump());
      return;
    }
    const std::string name = req.get_header_value("X-Mosaic-Config-Name");
    Reply reply = control.deploy(req.body, name, deploy_source(req, name), std::chrono::seconds(60));
    send_json(res, reply.status, reply.body);
  });
  s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string why = res.status == 404 ? "no such route (GET /health, /metrics, /modules, /signals, /config; "
                                                "POST /modules/NAME/enable|disable|reload, /config)"
                                              : fmt::format("HTTP {}", res.status);
    // The path is the client's, decoded: any bytes (GET /%ff). JSON takes UTF-8 only, and an
    // exception here would end the process, not the request.
    send_json(res, res.status,
              nlohmann::json{{"error", fmt::format("{} {}: {}", excerpt(req.method), excerpt(req.path), why)}}.dump());
  });

  port_ = settings.port == 0 ? s.bind_to_any_port(settings.bind) : (s.bind_to_port(settings.bind, settings.port) ? settings.port : -1);
  if (port_ <= 0)
    throw std::runtime_error(fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)",
                                         settings.bind, settings.port));
  thread_ = std::thread([this] {
    server_->listen_after_bind();
    listen_returned_ = true;
  });
  // httplib's stop() is a no-op until the listener runs: wait for it, so that stopping
  // right after starting cannot leave the accept loop (and the join) hanging.
  while (!server_->is_running() && !listen_returned_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

HttpApi::~HttpApi() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

}  // namespace mosaic::host::serve

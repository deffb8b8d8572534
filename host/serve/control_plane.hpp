// Where the HTTP threads and the serve loop meet. The loop publishes ready-made documents
// after every change; HTTP threads only read them. A control request is queued for the
// loop, which carries it out between runs and replies: no pipeline state is ever touched
// from an HTTP thread.
#pragma once

#include <chrono>
#include <future>
#include <mutex>
#include <string>
#include <vector>

namespace mosaic::host::serve {

struct Documents {
  std::string health;   // JSON
  std::string modules;  // JSON
  std::string signals;  // JSON
  std::string metrics;  // Prometheus text
};

struct Reply {
  int status = 200;  // HTTP status
  std::string body;  // JSON
};

struct PendingCommand {
  std::string module;
  std::string action;  // enable, disable, reload
  std::promise<Reply> reply;
};

class ControlPlane {
 public:
  void publish(Documents documents);
  Documents documents() const;

  // HTTP side: queues the command and waits for the loop's reply (503 after `timeout`).
  Reply command(const std::string& module, const std::string& action, std::chrono::milliseconds timeout);
  // Loop side.
  std::vector<PendingCommand> take_commands();
  // The loop has stopped: queued and later commands are answered 503 at once.
  void close();

 private:
  mutable std::mutex mutex_;
  Documents documents_;
  std::vector<PendingCommand> commands_;
  bool closed_ = false;
};

}  // namespace mosaic::host::serve

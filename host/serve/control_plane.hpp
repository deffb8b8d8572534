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
  std::string config;   // JSON
};

struct Reply {
  int status = 200;  // HTTP status
  std::string body;  // JSON
};

struct PendingCommand {
  std::string module;
  std::string action;  // enable, disable, reload; deploy (module is then empty)
  std::string body;    // deploy: the config's text
  std::string name;    // deploy: the name its sender gave it, for messages ("" if none)
  std::string source;  // deploy: who sent it, for the record
  std::promise<Reply> reply;
};

class ControlPlane {
 public:
  void publish(Documents documents);
  Documents documents() const;

  // HTTP side: queues the command and waits for the loop's reply (503 after `timeout`).
  Reply command(const std::string& module, const std::string& action, std::chrono::milliseconds timeout);
  // HTTP side: queues a config to deploy and waits for the loop's verdict, as command().
  Reply deploy(std::string text, std::string name, std::string source, std::chrono::milliseconds timeout);
  // Loop side.
  std::vector<PendingCommand> take_commands();
  // The loop has stopped: queued and later commands are answered 503 at once.
  void close();

 private:
  Reply queue(PendingCommand command, std::chrono::milliseconds timeout);
  mutable std::mutex mutex_;
  Documents documents_;
  std::vector<PendingCommand> commands_;
  bool closed_ = false;
};

}  // namespace mosaic::host::serve

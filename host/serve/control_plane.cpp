#include "host/serve/control_plane.hpp"

#include <nlohmann/json.hpp>

namespace mosaic::host::serve {
namespace {

Reply stopping_reply() { return {503, nlohmann::json{{"error", "the server is stopping"}}.dump()}; }

}  // namespace

void ControlPlane::publish(Documents documents) {
  std::lock_guard lock(mutex_);
  documents_ = std::move(documents);
}

Documents ControlPlane::documents() const {
  std::lock_guard lock(mutex_);
  return documents_;
}

Reply ControlPlane::command(const std::string& module, const std::string& action, std::chrono::milliseconds timeout) {
  return queue({module, action, {}, {}, {}, {}}, timeout);
}

Reply ControlPlane::deploy(std::string text, std::string name, std::string source, std::chrono::milliseconds timeout) {
  return queue({{}, "deploy", std::move(text), std::move(name), std::move(source), {}}, timeout);
}

Reply ControlPlane::queue(PendingCommand command, std::chrono::milliseconds timeout) {
  std::future<Reply> reply;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return stopping_reply();
    commands_.push_back(std::move(command));
    reply = commands_.back().reply.get_future();
  }
  if (reply.wait_for(timeout) != std::future_status::ready)
    return {503, nlohmann::json{{"error", "the serve loop did not answer in time; the command may still run"}}.dump()};
  return reply.get();
}

void ControlPlane::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  for (auto& c : commands_) c.reply.set_value(stopping_reply());
  commands_.clear();
}

std::vector<PendingCommand> ControlPlane::take_commands() {
  std::lock_guard lock(mutex_);
  return std::exchange(commands_, {});
}

}  // namespace mosaic::host::serve

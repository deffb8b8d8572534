#include "host/isolation/module_child.hpp"

#include "host/loader/host_services.hpp"
#include "host/monitor/log.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <vector>

extern char** environ;

namespace mosaic::host::isolation {
namespace {

// The fds the child finds its ends on (module_host/main.cpp).
constexpr int kChildSocket = 3, kChildInput = 4, kChildOutput = 5;

// An fd above the ones the child's are dup2'ed to, so no dup2 is a no-op that keeps CLOEXEC.
int high_fd(int fd) {
  const int moved = fcntl(fd, F_DUPFD_CLOEXEC, 10);
  if (moved < 0) throw std::runtime_error(fmt::format("fcntl: {}", std::strerror(errno)));
  return moved;
}

void forward_log(MessageReader& m) {
  int32_t level = MOSAIC_LOG_INFO;
  std::string module, text;
  if (m.get(level) && m.get_text(module) && m.get_text(text)) log_line(level, module, text);
}

}  // namespace

std::filesystem::path module_host_executable() {
  if (const char* env = std::getenv("MOSAIC_MODULE_HOST"); env && *env) return env;
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  return (ec ? std::filesystem::path(".") : self.parent_path()) / "mosaic-module-host";
}

std::string describe_exit(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    return fmt::format("killed by signal {} ({})", sig, strsignal(sig));
  }
  if (WIFEXITED(status)) return fmt::format("exited with status {}", WEXITSTATUS(status));
  return "ended";
}

ModuleChild::ModuleChild(ChildOptions options)
    : options_(std::move(options)), input_("mosaic-inputs:" + options_.module), output_("mosaic-outputs:" + options_.module) {
  const auto exe = module_host_executable();
  if (access(exe.c_str(), X_OK) != 0)
    throw std::runtime_error(fmt::format("cannot run the module host {}: {} (set MOSAIC_MODULE_HOST to its path)",
                                         exe.string(), std::strerror(errno)));
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) != 0)
    throw std::runtime_error(fmt::format("socketpair: {}", std::strerror(errno)));
  channel_ = Channel(pair[0]);
  Channel child_end(high_fd(pair[1]));
  ::close(pair[1]);
  const int input_fd = high_fd(input_.fd()), output_fd = high_fd(output_.fd());

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, child_end.fd(), kChildSocket);
  posix_spawn_file_actions_adddup2(&actions, input_fd, kChildInput);
  posix_spawn_file_actions_adddup2(&actions, output_fd, kChildOutput);
  // The host's signal mask and handlers (Ctrl-C handling, a test runner's crash reporter)
  // are not the child's: a crash must end it with its own signal.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setsigdefault(&attr, &all);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  const std::string memory = std::to_string(options_.memory_mb);
  const std::string& data_dir = host_data_dir();
  std::vector<const char*> argv = {exe.c_str(), options_.library.c_str(), options_.module.c_str(), memory.c_str(),
                                   data_dir.c_str(), nullptr};
  const int rc = posix_spawn(&pid_, exe.c_str(), &actions, &attr, const_cast<char* const*>(argv.data()), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  ::close(input_fd);
  ::close(output_fd);
  if (rc != 0) {
    pid_ = -1;
    throw std::runtime_error(fmt::format("cannot start {}: {}", exe.string(), std::strerror(rc)));
  }
  child_end.close();

  // The child's first word: the library loaded, or why not.
  std::string message;
  const auto timeout = static_cast<int>(std::ceil(options_.timeout_ms));
  for (;;) {
    const Received got = channel_.receive(message, timeout);
    if (got == Received::TimedOut)
      throw std::runtime_error(fmt::format("the module host did not start within {:g} ms ({})", options_.timeout_ms,
                                           end(true)));
    if (got == Received::Closed) throw std::runtime_error("the module host " + end(false) + " while loading the library");
    MessageReader m(message);
    if (m.op() == Op::Log) {
      forward_log(m);
      continue;
    }
    std::string error;
    if (m.op() != Op::Ready || !m.get_text(error)) {
      const std::string how = end(true);
      throw std::runtime_error("the module host sent something other than its ready message (" + how + ")");
    }
    if (!error.empty()) {
      end(true);
      throw std::runtime_error(error);
    }
    return;
  }
}

ModuleChild::~ModuleChild() {
  if (alive()) end(true);
}

std::string ModuleChild::end(bool kill_first) {
  channel_.close();
  if (pid_ <= 0) return "ended";
  int status = 0;
  // A child whose socket closed is normally dead already; one that closed it and lives on
  // is given a moment, then killed.
  for (int waited_ms = 0; !kill_first; waited_ms += 5) {
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      return describe_exit(status);
    }
    if (done < 0 && errno != EINTR) break;
    if (waited_ms >= 2000) break;
    usleep(5000);
  }
  ::kill(pid_, SIGKILL);
  while (waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  return describe_exit(status);
}

CallOutcome ModuleChild::call(const MessageWriter& request) {
  CallOutcome out;
  if (!alive()) {
    out.death = "not running";
    return out;
  }
  if (!channel_.send(request)) {
    out.death = end(false);
    return out;
  }
  const auto timeout = static_cast<int>(std::ceil(options_.timeout_ms));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout);
  std::string message;
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    const Received got = channel_.receive(message, std::max<int>(0, static_cast<int>(left.count())));
    if (got == Received::TimedOut) {
      out.timed_out = true;
      end(true);
      out.death = fmt::format("timed out after {:g} ms (killed)", options_.timeout_ms);
      return out;
    }
    if (got == Received::Closed) {
      out.death = end(false);
      return out;
    }
    MessageReader m(message);
    if (m.op() == Op::Log) {
      forward_log(m);
      continue;
    }
    if (m.op() != Op::Reply) {
      end(true);
      out.death = "sent a message out of turn (killed)";
      return out;
    }
    out.reply = std::move(message);
    return out;
  }
}

}  // namespace mosaic::host::isolation

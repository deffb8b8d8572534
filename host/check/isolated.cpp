#include "host/check/isolated.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>

namespace mosaic::host::check {
namespace {

// The child's answer on the pipe: the verdict's digit, the module field, a unit
// separator, then the detail.
void answer(int fd, const CheckResult& r) {
  std::string text = std::to_string(static_cast<int>(r.verdict)) + r.module + '\x1f' + r.detail;
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    const ssize_t n = write(fd, p, left);
    if (n <= 0) break;
    p += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace

CheckResult run_isolated(const std::function<CheckResult()>& work, double timeout_seconds) {
  CheckResult out;
  int fds[2];
  if (pipe(fds) != 0) {
    out.detail = fmt::format("could not make a pipe: {}", std::strerror(errno));
    return out;
  }
  std::fflush(nullptr);  // nothing buffered is written twice
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    out.detail = fmt::format("could not fork: {}", std::strerror(errno));
    return out;
  }
  if (pid == 0) {
    close(fds[0]);
    // The parent's handlers (a test runner's crash reporter, Ctrl-C handling) are not the
    // child's: a crash must end the child with its signal, for the parent to name it.
    for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGINT, SIGTERM}) signal(sig, SIG_DFL);
    CheckResult r;
    try {
      r = work();
    } catch (const std::exception& e) {
      r.verdict = Verdict::Fail;
      r.detail = e.what();
    } catch (...) {
      r.verdict = Verdict::Fail;
      r.detail = "an exception that is not a std::exception";
    }
    answer(fds[1], r);
    close(fds[1]);
    _exit(0);  // the parent's atexit handlers and buffers are not the child's to run
  }
  close(fds[1]);
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_seconds);
  bool timed_out = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    char buf[4096];
    const ssize_t n = read(fds[0], buf, sizeof buf);
    if (n <= 0) break;  // the child closed its end: done or dead
    text.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    out.detail = fmt::format("did not finish within {:g} s (killed): a hang or an endless loop", timeout_seconds);
    return out;
  }
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    out.detail = fmt::format("the module crashed the process: signal {} ({})", sig, strsignal(sig));
    return out;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || text.empty()) {
    out.detail = fmt::format("the check's process exited with status {} before answering",
                             WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return out;
  }
  out.verdict = static_cast<Verdict>(text[0] - '0');
  const size_t sep = text.find('\x1f');
  out.module = text.substr(1, sep == std::string::npos ? std::string::npos : sep - 1);
  out.detail = sep == std::string::npos ? std::string() : text.substr(sep + 1);
  return out;
}

}  // namespace mosaic::host::check

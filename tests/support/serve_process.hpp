// A real `mosaic serve` process for integration tests: started with fork/exec, its port
// read from the "listening on" line it prints, stopped with SIGTERM (as an operator
// would) and killed if a test ends early.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace mosaic_test {

class ServeProcess {
 public:
  // `args` follow "mosaic serve"; stderr goes to `stderr_file`.
  ServeProcess(const std::vector<std::string>& args, const std::filesystem::path& stderr_file,
               const std::vector<std::string>& env = {})
      : stderr_file_(stderr_file) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe failed");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      std::FILE* err = std::fopen(stderr_file.c_str(), "w");
      if (err) ::dup2(::fileno(err), STDERR_FILENO);
      ::close(out[0]);
      for (const auto& e : env) ::putenv(const_cast<char*>(e.c_str()));
      std::vector<std::string> all{std::string(MOSAIC_BIN_DIR) + "/mosaic", "serve"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    ::close(out[1]);
    stdout_ = ::fdopen(out[0], "r");
  }

  ~ServeProcess() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (stdout_) std::fclose(stdout_);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  // The port from the "listening on http://ADDR:PORT" line; 0 when the process exited
  // without printing it (see exit_code() and stderr_text()).
  int port() {
    if (port_ == 0) {
      char line[512];
      while (std::fgets(line, sizeof line, stdout_)) {
        const std::string text = line;
        if (text.rfind("listening on http://", 0) == 0) {
          port_ = std::stoi(text.substr(text.rfind(':') + 1));
          break;
        }
      }
    }
    return port_;
  }

  pid_t pid() const { return pid_; }

  // SIGTERM, then the exit code.
  int stop() {
    if (!exited_) ::kill(pid_, SIGTERM);
    return exit_code();
  }

  int exit_code() {
    if (!exited_) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
      exited_ = true;
      code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    return code_;
  }

  std::string stderr_text() const {
    std::ifstream in(stderr_file_);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }

  httplib::Client client() {
    httplib::Client c("127.0.0.1", port());
    c.set_read_timeout(std::chrono::seconds(30));
    return c;
  }

  nlohmann::json get_json(const std::string& path) {
    auto res = client().Get(path.c_str());
    if (!res || res->status != 200) throw std::runtime_error("GET " + path + " failed");
    return nlohmann::json::parse(res->body);
  }

 private:
  std::filesystem::path stderr_file_;
  pid_t pid_ = -1;
  std::FILE* stdout_ = nullptr;
  int port_ = 0;
  bool exited_ = false;
  int code_ = -1;
};

// One module's entry in /modules (an array) or /health (its "modules" list).
inline nlohmann::json module_entry(ServeProcess& p, const std::string& route, const std::string& name) {
  nlohmann::json doc = p.get_json(route);
  const nlohmann::json& list = doc.is_array() ? doc : doc["modules"];
  for (const auto& m : list)
    if (m["name"] == name) return m;
  throw std::runtime_error(name + " is not in " + route);
}

// Polls `ready` every 10 ms until it is true or `limit` passes; returns the time it took,
// or a negative duration on timeout.
template <typename Ready>
double wait_for(Ready ready, std::chrono::milliseconds limit) {
  const auto start = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - start < limit) {
    if (ready()) return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1;
}

}  // namespace mosaic_test

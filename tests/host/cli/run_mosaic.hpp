// Runs the built `mosaic` executable as a user would and captures what it printed.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace mosaic_test {

struct Outcome {
  int code = -1;
  std::string out, err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `args` is appended to the command line as is (quote paths with spaces yourself); the
// command runs in `cwd` when one is given.
inline Outcome run_mosaic(const std::string& args, const std::filesystem::path& cwd = {}) {
  static int counter = 0;
  const auto dir = std::filesystem::temp_directory_path() / ("mosaic-cli-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto out = dir / ("out" + std::to_string(counter) + ".txt");
  const auto err = dir / ("err" + std::to_string(counter++) + ".txt");
  const std::string cd = cwd.empty() ? std::string() : "cd " + cwd.string() + " && ";
  const std::string cmd = cd + std::string(MOSAIC_BIN_DIR) + "/mosaic " + args + " >" + out.string() + " 2>" +
                          err.string() + " </dev/null";
  const int status = std::system(cmd.c_str());
  Outcome o;
  o.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  o.out = slurp(out);
  o.err = slurp(err);
  return o;
}

// A fresh empty folder under the temp dir.
inline std::filesystem::path temp_folder(const std::string& name) {
  auto d = std::filesystem::temp_directory_path() / ("mosaic-cli-test-" + std::to_string(::getpid())) / name;
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

inline void write_file(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }

}  // namespace mosaic_test

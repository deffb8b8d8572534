// The host's side of one `mosaic-module-host` child: spawns it with the library to load,
// hands it the socket and the two shared regions, and runs one request at a time against a
// deadline. A child that dies or misses the deadline is reaped, and the outcome says how
// (the signal, the exit status, the timeout); the host itself is never touched.
#pragma once

#include "host/isolation/channel.hpp"
#include "host/isolation/shared_region.hpp"

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>

namespace mosaic::host::isolation {

struct ChildOptions {
  std::filesystem::path library;  // the library file the child opens (the host's shadow copy)
  std::string module;             // the factory's module name
  double timeout_ms = 30000;      // per request; the child is killed past it
  uint64_t memory_mb = 4096;      // the child's RLIMIT_DATA; 0 = the host's own limit
};

// What became of a request: the reply, or how the child ended.
struct CallOutcome {
  std::optional<std::string> reply;  // the Reply message, when one came
  std::string death;                 // otherwise: "killed by signal 11 (Segmentation fault)", ...
  bool timed_out = false;
};

class ModuleChild {
 public:
  // Spawns the child and waits for it to load the library. Throws std::runtime_error with
  // the reason (the helper missing, the library refused, the child dead at start).
  explicit ModuleChild(ChildOptions options);
  // Kills and reaps the child.
  ~ModuleChild();
  ModuleChild(const ModuleChild&) = delete;
  ModuleChild& operator=(const ModuleChild&) = delete;

  CallOutcome call(const MessageWriter& request);
  bool alive() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  SharedRegion& input() { return input_; }
  SharedRegion& output() { return output_; }

 private:
  std::string end(bool kill_first);  // reaps the child; returns how it ended
  ChildOptions options_;
  SharedRegion input_, output_;
  Channel channel_;
  pid_t pid_ = -1;
};

// The helper executable: $MOSAIC_MODULE_HOST, else mosaic-module-host next to the running
// executable.
std::filesystem::path module_host_executable();

// "killed by signal 11 (Segmentation fault)", "exited with status 3".
std::string describe_exit(int wait_status);

}  // namespace mosaic::host::isolation

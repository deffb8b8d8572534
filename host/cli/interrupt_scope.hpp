// Ctrl-C (and SIGTERM) as a request to stop cleanly, for long commands: while a scope is
// alive the signal sets a flag that the work polls; a second signal ends the process the
// usual way.
#pragma once

#include <atomic>

namespace mosaic::host::cli {

class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

  // Set once a signal arrived.
  static const std::atomic<bool>& flag();

 private:
  void (*previous_int_)(int);
  void (*previous_term_)(int);
};

}  // namespace mosaic::host::cli

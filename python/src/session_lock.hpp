// One engine call at a time on a session, from any Python thread. A call made from inside
// another on the same thread (a progress callback that runs the session it watches) is
// refused with a UsageError instead of waiting on itself for ever.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

namespace mosaic::python {

struct SessionGate {
  std::mutex mutex;
  std::atomic<std::thread::id> owner{};
};

// Take it with the GIL released. Throws app::Error (Usage) for a call from inside a call.
class SessionLock {
 public:
  explicit SessionLock(SessionGate& gate);
  ~SessionLock();
  SessionLock(const SessionLock&) = delete;
  SessionLock& operator=(const SessionLock&) = delete;

 private:
  SessionGate& gate_;
};

}  // namespace mosaic::python

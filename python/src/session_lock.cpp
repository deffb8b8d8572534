#include "session_lock.hpp"

#include "host/app/error.hpp"

namespace mosaic::python {

SessionLock::SessionLock(SessionGate& gate) : gate_(gate) {
  if (gate_.owner.load() == std::this_thread::get_id())
    throw host::app::Error(host::app::ErrorKind::Usage,
                           "this session is busy with the call that is running this code (a progress callback); "
                           "use another mosaic.Session for work inside it");
  gate_.mutex.lock();
  gate_.owner.store(std::this_thread::get_id());
}

SessionLock::~SessionLock() {
  gate_.owner.store(std::thread::id{});
  gate_.mutex.unlock();
}

}  // namespace mosaic::python

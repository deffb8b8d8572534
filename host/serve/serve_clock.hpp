// The two clocks serve's records use: steady time for how long a step took, wall time
// (Unix ms) for when something happened.
#pragma once

#include <chrono>
#include <cstdint>

namespace mosaic::host::serve {

inline double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

inline int64_t unix_ms_now() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace mosaic::host::serve

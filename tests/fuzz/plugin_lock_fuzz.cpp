// The plugin lock file ([plugins] lock, sha256sum's format): any bytes either read or throw
// LockError, and what is read checks a library as its entry says.
#include "host/loader/plugin_lock.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const auto lock = mosaic::host::parse_plugin_lock(std::string_view(reinterpret_cast<const char*>(data), size),
                                                      "fuzz.lock");
    for (const auto& [name, entry] : lock.entries)
      if (!lock.refusal(name, entry.sha256).empty()) std::abort();  // an entry refuses its own digest
  } catch (const mosaic::host::LockError&) {
  }
  return 0;
}

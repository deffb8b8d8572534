// mosaic/error.hpp: the one exception type the SDK's helpers throw. The export macro's
// trampolines turn it (and any other exception) into a status and an error message, so
// nothing C++ crosses the ABI.
#pragma once

#include <mosaic/mosaic.h>

#include <cstdio>
#include <stdexcept>
#include <string>

namespace mosaic {

class Error : public std::runtime_error {
 public:
  Error(int32_t status, const std::string& message) : std::runtime_error(message), status_(status) {}
  explicit Error(const std::string& message) : Error(MOSAIC_ERR_FAILED, message) {}
  int32_t status() const { return status_; }

 private:
  int32_t status_;
};

// Copies a message into a caller-owned error buffer, truncating safely.
inline void write_error(mosaic_error* err, const char* message) {
  if (err) std::snprintf(err->message, sizeof(err->message), "%s", message ? message : "");
}

}  // namespace mosaic

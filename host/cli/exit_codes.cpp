#include "host/cli/exit_codes.hpp"

namespace mosaic::host::cli {

int exit_code(app::ErrorKind kind) {
  switch (kind) {
    case app::ErrorKind::Module: return kModule;
    case app::ErrorKind::Data: return kData;
    case app::ErrorKind::Usage:
    case app::ErrorKind::Config:
    case app::ErrorKind::Output: break;
  }
  return kUsage;
}

}  // namespace mosaic::host::cli

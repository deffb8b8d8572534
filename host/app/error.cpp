#include "host/app/error.hpp"

namespace mosaic::host::app {

const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Usage: return "usage";
    case ErrorKind::Config: return "config";
    case ErrorKind::Data: return "data";
    case ErrorKind::Module: return "module";
    case ErrorKind::Output: break;
  }
  return "output";
}

}  // namespace mosaic::host::app

// The lower layers' own errors as app::Error, with their facts as fields: the one
// conversion every entry point of host/app uses. Internal to host/app.
#pragma once

#include "host/app/error.hpp"
#include "host/config/config_error.hpp"
#include "host/data/data_error.hpp"
#include "host/loader/library.hpp"
#include "host/loader/plugin_lock.hpp"

namespace mosaic::host::app {

inline Error from(const ConfigError& e) { return Error(ErrorKind::Config, e.what(), {e.file, e.line, e.key, {}, {}}); }
inline Error from(const DataError& e) { return Error(ErrorKind::Data, e.what(), {e.file, e.line, {}, {}, {}}); }
inline Error from(const LockError& e) {
  return Error(ErrorKind::Config, e.what(), {.file = e.file.string(), .line = e.line});
}
inline Error from(const LoadError& e) { return Error(ErrorKind::Module, e.what(), {.file = e.file.string()}); }

}  // namespace mosaic::host::app

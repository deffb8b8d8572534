// The table of services the host hands to every module library (mosaic.h's mosaic_host).
#pragma once

#include "host/data/port_value.hpp"

#include <mosaic/mosaic.h>

#include <string>

namespace mosaic::host {

// The process-wide table; static storage, valid for the life of the process.
const mosaic_host* host_services();

// Where the bundled data lives, offered to modules as mosaic.ext.data_dir/1. Set it once
// at start-up, before any library is loaded; empty (the default) offers no extension.
void set_host_data_dir(const std::string& absolute_path);
// The folder set above; "" when none is offered.
const std::string& host_data_dir();

// The library file whose init the calling thread runs, offered to it as
// mosaic.ext.library_file/1 for the life of this object (around one init call).
class InitialisingLibrary {
 public:
  explicit InitialisingLibrary(const std::string& file);
  ~InitialisingLibrary();
  InitialisingLibrary(const InitialisingLibrary&) = delete;
  InitialisingLibrary& operator=(const InitialisingLibrary&) = delete;
  // Whether the library asked for its file: it reads the files beside it (a bridge).
  bool asked() const;

 private:
  const std::string* previous_;
  bool previous_asked_;
};

// The inputs of the process call the calling thread makes, for the extensions that answer
// about them, for the life of this object (one per call, on the call's thread):
// mosaic.ext.content_key/1 (keys[i] is inputs->ports[i]'s key, 0 where unknown) and
// mosaic.ext.shared_timeline/1 (ports[i] is the host's value behind inputs->ports[i]).
class CallInputs {
 public:
  CallInputs(const mosaic_inputs* inputs, const uint64_t* keys, const PortValue* const* ports);
  ~CallInputs();
  CallInputs(const CallInputs&) = delete;
  CallInputs& operator=(const CallInputs&) = delete;

 private:
  const mosaic_inputs* previous_inputs_;
  const uint64_t* previous_keys_;
  const PortValue* const* previous_ports_;
};

}  // namespace mosaic::host

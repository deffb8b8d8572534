// The table of services the host hands to every module library (mosaic.h's mosaic_host).
#pragma once

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

// The keys of the inputs of the process call the calling thread makes, offered to the
// module as mosaic.ext.content_key/1 for the life of this object (one per call, on the
// call's thread). keys[i] is inputs->ports[i]'s key, 0 where unknown.
class CallInputKeys {
 public:
  CallInputKeys(const mosaic_inputs* inputs, const uint64_t* keys);
  ~CallInputKeys();
  CallInputKeys(const CallInputKeys&) = delete;
  CallInputKeys& operator=(const CallInputKeys&) = delete;

 private:
  const mosaic_inputs* previous_inputs_;
  const uint64_t* previous_keys_;
};

}  // namespace mosaic::host

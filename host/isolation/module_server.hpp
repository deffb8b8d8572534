// The child's side: what `mosaic-module-host` runs. It opens one module library, offers its
// module's instance to the host over the socket, and answers one request at a time, reading
// inputs from the input region in place and writing outputs into the output region.
#pragma once

#include <string>

namespace mosaic::host::isolation {

struct ServerSetup {
  int socket_fd;
  int input_fd;
  int output_fd;
  std::string library;  // the file to open
  std::string module;   // the factory's module name
};

// Serves until the host closes the socket; returns the process's exit status.
int serve_module(const ServerSetup& setup);

}  // namespace mosaic::host::isolation

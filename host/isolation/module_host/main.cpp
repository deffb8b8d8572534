// mosaic-module-host: runs one module of an isolated pipeline slot in its own process, so
// that a crash, a hang or a runaway allocation in the module ends this process and not the
// host. Started by the host only (host/isolation/module_child.cpp), never by hand:
//   mosaic-module-host LIBRARY MODULE MEMORY_MB DATA_DIR
// with the socket on fd 3 and the input and output regions on fds 4 and 5. It ends when
// the host closes its end of the socket, or dies.
#include "host/isolation/module_server.hpp"
#include "host/loader/host_services.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "mosaic-module-host is started by mosaic for modules with isolate = true\n");
    return 2;
  }
  const unsigned long long memory_mb = std::strtoull(argv[3], nullptr, 10);
#if !defined(__SANITIZE_ADDRESS__)
  // The data segment and private mappings (malloc's arenas): exhausting them makes
  // allocation fail in here. AddressSanitizer's shadow memory would count too, so the
  // sanitizer build leaves the limit out.
  if (memory_mb > 0) {
    const rlim_t bytes = static_cast<rlim_t>(memory_mb) << 20;
    rlimit limit{bytes, bytes};
    setrlimit(RLIMIT_DATA, &limit);
  }
#else
  (void)memory_mb;
#endif
  mosaic::host::set_host_data_dir(argv[4]);
  return mosaic::host::isolation::serve_module({3, 4, 5, argv[1], argv[2]});
}

#include "host/loader/host_services.hpp"

#include "host/data/arrow_memory.hpp"
#include "host/data/shared_timeline.hpp"
#include "host/monitor/log.hpp"

#include <mosaic/ext_content_key.h>
#include <mosaic/ext_data_dir.h>
#include <mosaic/ext_library_file.h>
#include <mosaic/ext_shared_timeline.h>

#include <chrono>
#include <string_view>

namespace mosaic::host {
namespace {

// Called from module code: nothing may escape as an exception.
void service_log(const mosaic_host*, int32_t level, const char* module, const char* message) noexcept {
  try {
    log_line(level, module ? module : "", message ? message : "");
  } catch (...) {
    // A log line that cannot be written is dropped.
  }
}
void* service_alloc(const mosaic_host*, size_t size, size_t alignment) noexcept { return arrow_alloc(size, alignment); }
void service_free(const mosaic_host*, void* ptr) noexcept { arrow_free(ptr); }
int64_t service_now_ns(const mosaic_host*) noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
std::string g_data_dir;  // written once at start-up, before modules load; read-only after
mosaic_ext_data_dir g_data_dir_ext{sizeof(mosaic_ext_data_dir), 0, nullptr};

// The process call this thread is making, if any (CallInputs).
thread_local const mosaic_inputs* t_call_inputs = nullptr;
thread_local const uint64_t* t_call_keys = nullptr;
thread_local const PortValue* const* t_call_ports = nullptr;

uint64_t content_key_of(const mosaic_host*, const mosaic_inputs* inputs, uint32_t port) noexcept {
  if (!inputs || inputs != t_call_inputs || !t_call_keys || port >= inputs->n_ports) return 0;
  return t_call_keys[port];
}
const mosaic_ext_content_key g_content_key_ext{sizeof(mosaic_ext_content_key), 0, &content_key_of};

int32_t share_timeline_of(const mosaic_host*, const ArrowArray* panel, ArrowSchema** schema,
                          ArrowArray** array) noexcept {
  if (!panel || !schema || !array || !t_call_inputs || !t_call_ports) return MOSAIC_ERR_INVALID_ARGUMENT;
  for (uint32_t i = 0; i < t_call_inputs->n_ports; ++i) {
    if (t_call_inputs->ports[i].array != panel || !t_call_ports[i]) continue;
    try {
      return share_timeline(t_call_ports[i]->batch, schema, array) ? MOSAIC_OK : MOSAIC_ERR_INVALID_ARGUMENT;
    } catch (...) {
      return MOSAIC_ERR_OUT_OF_MEMORY;
    }
  }
  return MOSAIC_ERR_INVALID_ARGUMENT;
}
const mosaic_ext_shared_timeline g_shared_timeline_ext{sizeof(mosaic_ext_shared_timeline), 0, &share_timeline_of};

// The library whose init this thread runs, if any (InitialisingLibrary), and whether it asked.
thread_local const std::string* t_library_file = nullptr;
thread_local bool t_library_file_asked = false;

const char* library_file_of(const mosaic_host*) noexcept {
  if (!t_library_file) return nullptr;
  t_library_file_asked = true;
  return t_library_file->c_str();
}
const mosaic_ext_library_file g_library_file_ext{sizeof(mosaic_ext_library_file), 0, &library_file_of};

const void* service_get_extension(const mosaic_host*, const char* id) noexcept {
  if (!id) return nullptr;
  const std::string_view wanted(id);
  if (g_data_dir_ext.path && wanted == MOSAIC_EXT_DATA_DIR_ID) return &g_data_dir_ext;
  if (wanted == MOSAIC_EXT_CONTENT_KEY_ID) return &g_content_key_ext;
  if (wanted == MOSAIC_EXT_SHARED_TIMELINE_ID) return &g_shared_timeline_ext;
  if (wanted == MOSAIC_EXT_LIBRARY_FILE_ID) return &g_library_file_ext;
  return nullptr;
}

const mosaic_host kServices = {
    sizeof(mosaic_host),
    {MOSAIC_ABI_MAJOR, MOSAIC_ABI_MINOR, MOSAIC_ABI_PATCH},
    nullptr,
    &service_log,
    &service_alloc,
    &service_free,
    &service_now_ns,
    &service_get_extension,
    &release_array,
    &release_schema,
};

}  // namespace

const mosaic_host* host_services() { return &kServices; }

void set_host_data_dir(const std::string& absolute_path) {
  g_data_dir = absolute_path;
  g_data_dir_ext.path = g_data_dir.empty() ? nullptr : g_data_dir.c_str();
}

const std::string& host_data_dir() { return g_data_dir; }

InitialisingLibrary::InitialisingLibrary(const std::string& file)
    : previous_(t_library_file), previous_asked_(t_library_file_asked) {
  t_library_file = &file;
  t_library_file_asked = false;
}

InitialisingLibrary::~InitialisingLibrary() {
  t_library_file = previous_;
  t_library_file_asked = previous_asked_;
}

bool InitialisingLibrary::asked() const { return t_library_file_asked; }

CallInputs::CallInputs(const mosaic_inputs* inputs, const uint64_t* keys, const PortValue* const* ports)
    : previous_inputs_(t_call_inputs), previous_keys_(t_call_keys), previous_ports_(t_call_ports) {
  t_call_inputs = inputs;
  t_call_keys = keys;
  t_call_ports = ports;
}

CallInputs::~CallInputs() {
  t_call_inputs = previous_inputs_;
  t_call_keys = previous_keys_;
  t_call_ports = previous_ports_;
}

}  // namespace mosaic::host

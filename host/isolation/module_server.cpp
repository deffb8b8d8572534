#include "host/isolation/module_server.hpp"

#include "host/data/host_owned_check.hpp"
#include "host/isolation/arrow_wire.hpp"
#include "host/isolation/channel.hpp"
#include "host/loader/host_services.hpp"
#include "host/loader/instance_check.hpp"
#include "host/loader/library.hpp"
#include "host/loader/module_message.hpp"

#include <mosaic/error.hpp>
#include <mosaic/ext_warmup.h>

#include <dlfcn.h>
#include <poll.h>
#include <unistd.h>
#include <fmt/format.h>

#include <cerrno>
#include <deque>
#include <thread>
#include <vector>

namespace mosaic::host::isolation {
namespace {

const Channel* g_channel = nullptr;  // for the log service; set before the library loads

// The module's log lines go to the host's log, over the socket.
void forward_log(const mosaic_host*, int32_t level, const char* module, const char* message) noexcept {
  try {
    MessageWriter m(Op::Log);
    m.put(level).put_text(module ? module : "").put_text(message ? message : "");
    if (g_channel) g_channel->send(m);
  } catch (...) {
    // A line that cannot be sent is dropped.
  }
}

struct Emitted {
  std::string name;
  double confidence;
  uint64_t at;
};

// The emit side of a call: each output goes straight into the output region.
struct Outputs {
  mosaic_outputs c{};
  RegionWriter* writer = nullptr;
  const mosaic_host* host = nullptr;
  std::vector<Emitted> emitted;
  // The first refused output: it fails the call even if the module goes on, as in process.
  std::string problem;

  static int32_t emit(mosaic_outputs* self, const char* port, ArrowSchema* schema, ArrowArray* array, double confidence,
                      mosaic_error* err) noexcept {
    auto* o = static_cast<Outputs*>(self->host_data);
    try {
      const std::string name = port ? port : "";
      auto refuse = [&](const std::string& why) {
        if (o->problem.empty()) o->problem = why;
        mosaic::write_error(err, why.c_str());
        return static_cast<int32_t>(MOSAIC_ERR_INVALID_ARGUMENT);
      };
      if (!schema || !array || !schema->release || !array->release)
        return refuse(fmt::format("output '{}' was emitted without live Arrow structs", name));
      // The check the host makes in process, made here where the module's pointers are valid.
      if (std::string why = check_host_owned(schema, array, o->host); !why.empty())
        return refuse(fmt::format("output '{}' refused: {}", name, why));
      std::string error;
      const size_t at = write_arrow(*o->writer, schema, array, error);
      if (at == RegionWriter::kFailed) return refuse(fmt::format("output '{}' cannot cross to the host: {}", name, error));
      o->emitted.push_back({port ? port : "", confidence, at});
      // Moved, as mosaic.h says: the host owns the data now (its copy is in the region).
      schema->release(schema);
      array->release(array);
      return MOSAIC_OK;
    } catch (...) {
      mosaic::write_error(err, "out of memory while passing an output to the host");
      return MOSAIC_ERR_OUT_OF_MEMORY;
    }
  }
};

class Server {
 public:
  Server(const ServerSetup& setup)
      : channel_(setup.socket_fd), input_(SharedRegion::adopt(setup.input_fd)),
        output_(SharedRegion::adopt(setup.output_fd)), out_writer_(output_) {
    g_channel = &channel_;
    services_ = *host_services();
    services_.log = &forward_log;
  }

  int run(const ServerSetup& setup) {
    std::string error = load(setup.library, setup.module);
    channel_.send(MessageWriter(Op::Ready).put_text(error));
    if (!error.empty()) return 3;
    std::string message;
    while (channel_.receive(message, -1) == Received::Message) {
      MessageReader m(message);
      MessageWriter reply(Op::Reply);
      switch (m.op()) {
        case Op::Create: create(m, reply); break;
        case Op::Process: process(m, reply); break;
        case Op::SelfTest: self_test(reply); break;
        case Op::Destroy: destroy(reply); break;
        default: answer(reply, MOSAIC_ERR_INVALID_ARGUMENT, "unknown request");
      }
      if (!channel_.send(reply)) break;
    }
    if (instance_) instance_->destroy(instance_);
    return 0;
  }

 private:
  std::string load(const std::string& library, const std::string& module) {
    void* handle = dlopen(library.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) return fmt::format("{}: cannot open: {}", library, dlerror());
    const auto* entry = static_cast<const mosaic_module_entry*>(dlsym(handle, MOSAIC_ENTRY_SYMBOL));
    if (!entry) return fmt::format("{}: no {}", library, MOSAIC_ENTRY_SYMBOL);
    std::string why;
    if (!abi_compatible(entry->abi_version, &why)) return fmt::format("{}: {}", library, why);
    mosaic_error err{};
    if (entry->init && entry->init(&services_, &err) != MOSAIC_OK)
      return fmt::format("{}: init failed: {}", library, module_message(err));
    for (uint32_t i = 0; i < entry->n_factories; ++i) {
      const mosaic_factory& f = entry->factories[i];
      if (f.contract && f.contract->name && module == f.contract->name) factory_ = &f;
    }
    return factory_ ? "" : fmt::format("{}: offers no module '{}'", library, module);
  }

  void answer(MessageWriter& reply, int32_t status, const std::string& error) { reply.put(status).put_text(error); }

  void create(MessageReader& m, MessageWriter& reply) {
    uint32_t n = 0;
    m.get(n);
    std::deque<std::string> names, texts;
    std::vector<mosaic_param_value> params;
    for (uint32_t i = 0; i < n && m.ok(); ++i) {
      mosaic_param_value p{};
      uint8_t has_text = 0;
      m.get_text(names.emplace_back());
      m.get(p.value.type);
      m.get(p.value.b);
      m.get(p.value.i);
      m.get(p.value.f);
      m.get(has_text);
      m.get_text(texts.emplace_back());
      p.name = names.back().c_str();
      p.value.s = has_text ? texts.back().c_str() : nullptr;
      params.push_back(p);
    }
    if (!m.ok()) return answer(reply, MOSAIC_ERR_INVALID_ARGUMENT, "malformed create request");
    if (instance_) instance_->destroy(instance_);
    instance_ = nullptr;
    mosaic_error err{};
    const int32_t status = factory_->create(&services_, params.data(), n, &instance_, &err);
    if (status != MOSAIC_OK || !instance_) {
      instance_ = nullptr;
      return answer(reply, status == MOSAIC_OK ? MOSAIC_ERR_FAILED : status, module_message(err));
    }
    if (!instance_usable(instance_)) {
      instance_ = nullptr;
      return answer(reply, MOSAIC_ERR_ABI, "create returned a malformed instance (struct_size or function pointers)");
    }
    answer(reply, MOSAIC_OK, "");
  }

  void process(MessageReader& m, MessageWriter& reply) {
    uint64_t input_size = 0;
    uint32_t n = 0;
    m.get(input_size);
    m.get(n);
    std::deque<std::string> names;
    std::deque<ArrowView> views;
    std::vector<mosaic_port_data> ports;
    std::string error;
    if (!input_.accept_size(input_size)) error = "the input region is larger than its reservation";
    for (uint32_t i = 0; i < n && m.ok() && error.empty(); ++i) {
      double confidence = 0;
      uint64_t at = 0;
      m.get_text(names.emplace_back());
      m.get(confidence);
      m.get(at);
      if (!m.ok() || !views.emplace_back().read(input_, at, error)) break;
      ports.push_back({names.back().c_str(), views.back().schema(), views.back().array(), confidence});
    }
    if (!m.ok() || !error.empty()) return answer(reply, MOSAIC_ERR_BAD_INPUT, "malformed process request: " + error);
    if (!instance_) return answer(reply, MOSAIC_ERR_FAILED, "no instance");
    out_writer_.reset();
    Outputs outputs;
    outputs.c.struct_size = sizeof(mosaic_outputs);
    outputs.c.host_data = &outputs;
    outputs.c.emit = &Outputs::emit;
    outputs.writer = &out_writer_;
    outputs.host = &services_;
    const mosaic_inputs inputs{sizeof(mosaic_inputs), static_cast<uint32_t>(ports.size()), ports.data()};
    mosaic_error err{};
    int32_t status = instance_->process(instance_, &inputs, &outputs.c, &err);
    if (status == MOSAIC_OK && !outputs.problem.empty()) {
      status = MOSAIC_ERR_INVALID_ARGUMENT;
      mosaic::write_error(&err, outputs.problem.c_str());
    }
    answer(reply, status, status == MOSAIC_OK ? "" : module_message(err));
    if (status != MOSAIC_OK) return;
    const auto* warm = instance_->get_extension
                           ? static_cast<const mosaic_ext_warmup*>(instance_->get_extension(instance_, MOSAIC_EXT_WARMUP_ID))
                           : nullptr;
    if (warm && (warm->struct_size < sizeof(mosaic_ext_warmup) || !warm->is_warmup)) warm = nullptr;
    reply.put(static_cast<uint64_t>(output_.size())).put(static_cast<uint32_t>(outputs.emitted.size()));
    for (const auto& e : outputs.emitted) {
      const uint8_t is_warm = warm && warm->is_warmup(instance_, e.name.c_str()) == 1;
      reply.put_text(e.name).put(e.confidence).put(e.at).put(is_warm);
    }
  }

  void self_test(MessageWriter& reply) {
    if (!instance_) return answer(reply, MOSAIC_ERR_FAILED, "no instance");
    mosaic_error err{};
    const int32_t status = instance_->self_test(instance_, &err);
    answer(reply, status, status == MOSAIC_OK ? "" : module_message(err));
  }

  void destroy(MessageWriter& reply) {
    if (instance_) instance_->destroy(instance_);
    instance_ = nullptr;
    answer(reply, MOSAIC_OK, "");
  }

  Channel channel_;
  SharedRegion input_, output_;
  RegionWriter out_writer_;
  mosaic_host services_{};
  const mosaic_factory* factory_ = nullptr;
  mosaic_instance* instance_ = nullptr;
};

// Ends the process when the host's end of the socket closes, whatever the module is doing:
// the host is gone (or has given up on this child), and a module stuck in a loop must not
// outlive it. Not PR_SET_PDEATHSIG: that fires when the host *thread* that started the child
// ends, and a search thread or an HTTP worker may start one for a pipeline that lives on.
void watch_for_hangup(int fd) {
  std::thread([fd] {
    for (;;) {
      pollfd p{fd, 0, 0};  // no events asked: poll wakes only for a hang-up or an error
      const int ready = poll(&p, 1, -1);
      if (ready > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL))) _exit(0);
      if (ready < 0 && errno != EINTR) _exit(0);
    }
  }).detach();
}

}  // namespace

int serve_module(const ServerSetup& setup) {
  watch_for_hangup(setup.socket_fd);
  Server server(setup);
  return server.run(setup);
}

}  // namespace mosaic::host::isolation

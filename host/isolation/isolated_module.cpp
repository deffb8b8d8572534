#include "host/isolation/isolated_module.hpp"

#include "host/isolation/arrow_wire.hpp"
#include "host/monitor/log.hpp"

#include <mosaic/error.hpp>
#include <mosaic/ext_warmup.h>

#include <fmt/format.h>

#include <cstring>
#include <stdexcept>

namespace mosaic::host::isolation {

struct IsolatedModule::Proxy {
  mosaic_instance c{};
  mosaic_ext_warmup warmup{};
  IsolatedModule* owner = nullptr;
};

namespace {

// The status and error text every Reply starts with; false for a malformed reply.
bool read_status(MessageReader& m, int32_t& status, std::string& error) { return m.get(status) && m.get_text(error); }

}  // namespace

IsolatedModule::IsolatedModule(ChildOptions options) : options_(std::move(options)) {}
IsolatedModule::~IsolatedModule() = default;

mosaic_instance* IsolatedModule::create(const std::vector<mosaic_param_value>& params, std::string& error) {
  if (proxy_) {
    error = "an isolated module holds one instance at a time";
    return nullptr;
  }
  param_names_.clear();
  param_texts_.clear();
  params_ = params;
  for (const auto& p : params) {
    param_names_.push_back(p.name ? p.name : "");
    param_texts_.push_back(p.value.s ? p.value.s : "");
  }
  error = start();
  if (!error.empty()) return nullptr;
  proxy_ = std::make_unique<Proxy>();
  proxy_->owner = this;
  proxy_->c = {sizeof(mosaic_instance), 0, proxy_.get(), &IsolatedModule::process, &IsolatedModule::self_test,
               &IsolatedModule::get_extension, &IsolatedModule::destroy};
  proxy_->warmup = {sizeof(mosaic_ext_warmup), 0, &IsolatedModule::is_warmup};
  return &proxy_->c;
}

std::string IsolatedModule::start() {
  if (!child_ || !child_->alive()) {
    child_.reset();
    try {
      child_ = std::make_unique<ModuleChild>(options_);
    } catch (const std::exception& e) {
      return e.what();
    }
  }
  MessageWriter m(Op::Create);
  m.put(static_cast<uint32_t>(params_.size()));
  for (size_t i = 0; i < params_.size(); ++i) {
    const mosaic_value& v = params_[i].value;
    m.put_text(param_names_[i]).put(v.type).put(v.b).put(v.i).put(v.f);
    m.put(static_cast<uint8_t>(v.s != nullptr)).put_text(param_texts_[i]);
  }
  const CallOutcome outcome = child_->call(m);
  if (!outcome.reply) {
    ++crashes_;
    last_crash_ = outcome.death;
    return fmt::format("the module's process {} while creating the instance", outcome.death);
  }
  MessageReader r(*outcome.reply);
  int32_t status = 0;
  std::string error;
  if (!read_status(r, status, error)) return "the module's process sent a malformed reply to create";
  return status == MOSAIC_OK ? "" : fmt::format("create failed ({}): {}", status, error);
}

std::string IsolatedModule::ensure_running() { return child_ && child_->alive() ? "" : start(); }

std::string IsolatedModule::crashed(const CallOutcome& outcome) {
  ++crashes_;
  last_crash_ = outcome.death;
  std::string message = fmt::format("the isolated module's process {}", outcome.death);
  // A child that answered out of turn or malformed is still running: it is ended, not asked
  // to create the instance again.
  child_.reset();
  const std::string why = start();
  message += why.empty() ? "; a new process with a new instance has taken over"
                         : fmt::format("; starting a new one failed: {}", why);
  return message;
}

int32_t IsolatedModule::run_process(const mosaic_inputs* inputs, mosaic_outputs* outputs, mosaic_error* err) {
  warm_.clear();
  if (std::string why = ensure_running(); !why.empty()) {
    write_error(err, ("the isolated module could not be started: " + why).c_str());
    return MOSAIC_ERR_FAILED;
  }
  RegionWriter in(child_->input());
  MessageWriter request(Op::Process);
  std::vector<uint64_t> offsets;
  for (uint32_t i = 0; i < inputs->n_ports; ++i) {
    const mosaic_port_data& port = inputs->ports[i];
    std::string error;
    const size_t at = write_arrow(in, port.schema, port.array, error);
    if (at == RegionWriter::kFailed) {
      write_error(err, fmt::format("input '{}' cannot cross to the isolated module: {}", port.name, error).c_str());
      return MOSAIC_ERR_BAD_INPUT;
    }
    offsets.push_back(at);
  }
  request.put(static_cast<uint64_t>(child_->input().size())).put(inputs->n_ports);
  for (uint32_t i = 0; i < inputs->n_ports; ++i)
    request.put_text(inputs->ports[i].name).put(inputs->ports[i].confidence).put(offsets[i]);

  const CallOutcome outcome = child_->call(request);
  if (!outcome.reply) {
    write_error(err, crashed(outcome).c_str());
    return MOSAIC_ERR_FAILED;
  }
  MessageReader reply(*outcome.reply);
  int32_t status = 0;
  std::string error;
  uint64_t output_size = 0;
  uint32_t n = 0;
  if (read_status(reply, status, error) && status != MOSAIC_OK) {
    write_error(err, error.c_str());
    return status;
  }
  const SharedRegion& region = child_->output();
  if (!reply.get(output_size) || !reply.get(n) || output_size > region.file_size()) {
    write_error(err, crashed({std::nullopt, "sent a malformed reply (killed)"}).c_str());
    return MOSAIC_ERR_FAILED;
  }
  for (uint32_t i = 0; i < n; ++i) {
    std::string name;
    double confidence = 0;
    uint64_t at = 0;
    uint8_t warm = 0;
    if (!reply.get_text(name) || !reply.get(confidence) || !reply.get(at) || !reply.get(warm)) {
      write_error(err, crashed({std::nullopt, "sent a malformed reply (killed)"}).c_str());
      return MOSAIC_ERR_FAILED;
    }
    ArrowSchema schema;
    ArrowArray array;
    if (!copy_arrow(region, output_size, at, &schema, &array, error)) {
      write_error(err, fmt::format("output '{}' came back unreadable: {}", name, error).c_str());
      return MOSAIC_ERR_FAILED;
    }
    const int32_t emitted = outputs->emit(outputs, name.c_str(), &schema, &array, confidence, err);
    if (emitted != MOSAIC_OK) {
      if (schema.release) schema.release(&schema);
      if (array.release) array.release(&array);
      return emitted;
    }
    if (warm) warm_.insert(name);
  }
  return MOSAIC_OK;
}

int32_t IsolatedModule::process(mosaic_instance* self, const mosaic_inputs* inputs, mosaic_outputs* outputs,
                                mosaic_error* err) {
  try {
    return static_cast<Proxy*>(self->module_data)->owner->run_process(inputs, outputs, err);
  } catch (const std::exception& e) {
    write_error(err, e.what());
    return MOSAIC_ERR_FAILED;
  }
}

int32_t IsolatedModule::self_test(mosaic_instance* self, mosaic_error* err) {
  IsolatedModule& m = *static_cast<Proxy*>(self->module_data)->owner;
  try {
    if (std::string why = m.ensure_running(); !why.empty()) {
      write_error(err, why.c_str());
      return MOSAIC_ERR_FAILED;
    }
    const CallOutcome outcome = m.child_->call(MessageWriter(Op::SelfTest));
    if (!outcome.reply) {
      write_error(err, m.crashed(outcome).c_str());
      return MOSAIC_ERR_FAILED;
    }
    MessageReader reply(*outcome.reply);
    int32_t status = MOSAIC_ERR_FAILED;
    std::string error = "malformed reply";
    read_status(reply, status, error);
    if (status != MOSAIC_OK) write_error(err, error.c_str());
    return status;
  } catch (const std::exception& e) {
    write_error(err, e.what());
    return MOSAIC_ERR_FAILED;
  }
}

const void* IsolatedModule::get_extension(mosaic_instance* self, const char* id) {
  if (id && std::strcmp(id, MOSAIC_EXT_WARMUP_ID) == 0) return &static_cast<Proxy*>(self->module_data)->warmup;
  return nullptr;
}

int32_t IsolatedModule::is_warmup(mosaic_instance* self, const char* port) {
  const IsolatedModule& m = *static_cast<Proxy*>(self->module_data)->owner;
  return port && m.warm_.count(port) ? 1 : 0;
}

void IsolatedModule::destroy(mosaic_instance* self) {
  IsolatedModule& m = *static_cast<Proxy*>(self->module_data)->owner;
  try {
    if (m.child_ && m.child_->alive()) m.child_->call(MessageWriter(Op::Destroy));
  } catch (...) {
    // The child is killed with the module anyway.
  }
  m.proxy_.reset();
}

}  // namespace mosaic::host::isolation

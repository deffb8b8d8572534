// Hot swap and unload: the parts of Pipeline that replace a module's code while the
// pipeline lives on.
#include "host/loader/host_services.hpp"
#include "host/loader/module_message.hpp"
#include "host/monitor/log.hpp"
#include "host/pipeline/pipeline_slot.hpp"

#include <mosaic/ext_state.h>

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace mosaic::host {
namespace {

const mosaic_ext_state* state_extension(mosaic_instance* instance) {
  if (!instance || !instance->get_extension) return nullptr;
  auto* ext = static_cast<const mosaic_ext_state*>(instance->get_extension(instance, MOSAIC_EXT_STATE_ID));
  if (!ext || ext->struct_size < sizeof(mosaic_ext_state) || !ext->save || !ext->load) return nullptr;
  return ext;
}

using HostBlock = std::unique_ptr<void, void (*)(void*)>;

// The instance's saved state in a block from the host's allocator; "" or the reason.
std::string save_state(mosaic_instance* from, const mosaic_ext_state* ext, HostBlock& data, size_t& size) {
  void* raw = nullptr;
  mosaic_error err{};
  const int32_t status = ext->save(from, &raw, &size, &err);
  data = HostBlock(raw, [](void* p) { host_services()->free(host_services(), p); });
  return status == MOSAIC_OK ? "" : fmt::format("state save failed ({}): {}", status, module_message(err));
}

// Saves `from` and loads the bytes into `to`. Returns "" on success, else why.
std::string hand_over_state(mosaic_instance* from, mosaic_instance* to, SwapReport& report) {
  const mosaic_ext_state* save_side = state_extension(from);
  const mosaic_ext_state* load_side = state_extension(to);
  if (!save_side || !load_side) return "";  // nothing to hand over: the new build starts fresh
  HostBlock data(nullptr, nullptr);
  size_t size = 0;
  if (std::string why = save_state(from, save_side, data, size); !why.empty()) return why;
  mosaic_error err{};
  const int32_t status = load_side->load(to, data.get(), size, &err);
  if (status != MOSAIC_OK) return fmt::format("state load failed ({}): {}", status, module_message(err));
  report.state_handed_over = true;
  report.state_bytes = size;
  return "";
}

}  // namespace

std::optional<std::vector<uint8_t>> Pipeline::saved_state(const std::string& name) {
  Slot& s = slot(name);
  const mosaic_ext_state* ext = state_extension(s.instance);
  if (!ext) return std::nullopt;
  HostBlock data(nullptr, nullptr);
  size_t size = 0;
  if (std::string why = save_state(s.instance, ext, data, size); !why.empty()) throw std::runtime_error(name + ": " + why);
  const auto* bytes = static_cast<const uint8_t*>(data.get());
  return std::vector<uint8_t>(bytes, bytes + size);
}

SwapReport Pipeline::swap_module(const std::string& name, ModuleSetup next) {
  Slot& s = slot(name);
  SwapReport report;
  if (!next.factory || next.factory->contract.name != name) {
    report.error = fmt::format("the new build offers '{}', not '{}'", next.factory ? next.factory->contract.name : "",
                               name);
    return report;
  }
  std::unique_ptr<Slot> fresh = make_slot(std::move(next));
  if (!fresh->instance) {
    report.error = fresh->create_error;
    return report;  // `fresh` destroys nothing live; the old instance serves on
  }
  if (std::string why = hand_over_state(s.instance, fresh->instance, report); !why.empty()) {
    report.error = why;
    return report;
  }
  if (s.instance) s.instance->destroy(s.instance);
  s.instance = std::exchange(fresh->instance, nullptr);
  s.isolated = std::move(fresh->isolated);  // the new build's child, when isolated; the old one ends
  s.crashes_seen = s.isolated ? s.isolated->crashes() : 0;
  s.instance_calls = 0;
  s.setup = std::move(fresh->setup);  // the old library's last reference from here goes now
  s.setup_key.reset();
  s.contract_copy = std::move(fresh->contract_copy);
  s.create_error.clear();
  lift_quarantine(s);
  s.cache_misses = 0;
  return report;
}

SwapReport Pipeline::take_over(const std::string& name, Pipeline& from) {
  Slot& to = slot(name);
  Slot& old = from.slot(name);
  SwapReport report;
  to.stats = old.stats;
  to.stats.consecutive_failures = 0;
  report.error = hand_over_state(old.instance, to.instance, report);
  return report;
}

void Pipeline::add_module(ModuleSetup setup, const std::vector<std::string>& order) {
  const std::string name = setup.factory->contract.name;
  if (has(name)) throw std::logic_error("module '" + name + "' is already in the pipeline");
  // Checked before anything moves, so a bad order leaves the pipeline as it was.
  std::vector<std::string> expected = this->order();
  expected.push_back(name);
  std::vector<std::string> given = order;
  std::sort(expected.begin(), expected.end());
  std::sort(given.begin(), given.end());
  if (given != expected) throw std::logic_error("the new order does not name every module of the pipeline once");
  slots_.push_back(make_slot(std::move(setup)));
  std::vector<std::unique_ptr<Slot>> ordered;
  for (const auto& n : order)
    ordered.push_back(std::move(
        *std::find_if(slots_.begin(), slots_.end(), [&](const auto& slot) { return slot && slot->name == n; })));
  slots_ = std::move(ordered);
}

void Pipeline::unload_module(const std::string& name, const std::string& reason) {
  Slot& s = slot(name);
  if (s.instance) s.instance->destroy(s.instance);
  s.instance = nullptr;
  s.isolated.reset();
  s.setup.library.reset();
  s.setup.factory = nullptr;
  s.create_error = reason;
  log_warn(name, fmt::format("unloaded: {}", reason));
}

}  // namespace mosaic::host

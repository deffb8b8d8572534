// An isolated module as the pipeline sees it: the usual mosaic_instance, whose calls are
// carried out by a `mosaic-module-host` child. A crash or a timeout in the child fails the
// call with the reason, and a new child with a new instance (same parameters) takes over,
// so the next call runs again; the crash is counted for the quarantine.
#pragma once

#include "host/isolation/module_child.hpp"

#include <mosaic/mosaic.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace mosaic::host::isolation {

class IsolatedModule {
 public:
  explicit IsolatedModule(ChildOptions options);
  ~IsolatedModule();
  IsolatedModule(const IsolatedModule&) = delete;
  IsolatedModule& operator=(const IsolatedModule&) = delete;

  // An instance with these parameters, in a child started now if none runs. nullptr with
  // `error` set when the child cannot start or the module refuses the parameters. One
  // instance at a time: it must be destroyed before the next is created.
  mosaic_instance* create(const std::vector<mosaic_param_value>& params, std::string& error);

  // Crashes and timeouts so far, and how the last one ended.
  uint64_t crashes() const { return crashes_; }
  const std::string& last_crash() const { return last_crash_; }
  // The child's process id; -1 when none runs.
  int child_pid() const { return child_ ? child_->pid() : -1; }

 private:
  struct Proxy;
  static int32_t process(mosaic_instance* self, const mosaic_inputs* inputs, mosaic_outputs* outputs, mosaic_error* err);
  static int32_t self_test(mosaic_instance* self, mosaic_error* err);
  static const void* get_extension(mosaic_instance* self, const char* id);
  static void destroy(mosaic_instance* self);
  static int32_t is_warmup(mosaic_instance* self, const char* port);

  int32_t run_process(const mosaic_inputs* inputs, mosaic_outputs* outputs, mosaic_error* err);
  // Starts a child and creates the instance in it; "" or why not.
  std::string start();
  // start() unless a child is running.
  std::string ensure_running();
  // Records a crash and starts over; returns the message for the failed call.
  std::string crashed(const CallOutcome& outcome);

  ChildOptions options_;
  std::unique_ptr<ModuleChild> child_;
  std::unique_ptr<Proxy> proxy_;
  // The live instance's parameters, owned here, for re-creating it in a new child.
  std::vector<std::string> param_names_, param_texts_;
  std::vector<mosaic_param_value> params_;
  std::set<std::string> warm_;  // outputs of the last call the module marked warm-up
  uint64_t crashes_ = 0;
  std::string last_crash_;
};

}  // namespace mosaic::host::isolation

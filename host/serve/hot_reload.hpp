// Hot reload of module libraries into a live pipeline, in DESIGN.md's order: open a
// per-generation copy (retrying a half-written file), validate the candidate (ABI,
// contract and the dependents' version ranges, parameters, self-test, a golden run on the
// inputs of the last live run), hand state over, swap between runs, confirm the old
// generation is unmapped. On any failure the old build keeps serving and the record says
// why. Runs on the thread that runs the pipeline, so a swap always falls between runs.
#pragma once

#include "host/config/config.hpp"
#include "host/loader/shadow_dir.hpp"
#include "host/pipeline/pipeline.hpp"

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mosaic::host::serve {

struct ReloadRecord {
  std::string module;
  std::string file;
  std::string version;      // the candidate's, when its contract could be read
  uint64_t generation = 0;  // the candidate's library generation
  bool ok = false;
  std::string result;  // "serving", or why the candidate was rejected
  int64_t unix_ms = 0;
  // Where the time went, in ms: the debounce wait, then each step.
  double wait_ms = 0, load_ms = 0, validate_ms = 0, self_test_ms = 0, golden_ms = 0, swap_ms = 0;
  bool state_handed_over = false;
  size_t state_bytes = 0;
  bool old_unloaded = false;  // the previous generation is no longer mapped
};

// What the last live run saw: the golden input for a candidate.
struct LiveInputs {
  const std::map<std::string, PortValue>* ports = nullptr;  // nullptr before the first run
  Shape shape;
  std::map<std::string, int32_t> data_layouts;  // the data source's ports
};

class HotReloader {
 public:
  HotReloader(Pipeline& pipeline, const Config& config, ShadowDir& shadow)
      : pipeline_(pipeline), config_(config), shadow_(shadow) {}

  // Loads `file` (after re-reading the config's plugin lock, so a publisher updates the
  // lock, then renames the build in) and swaps in every pipeline module it offers (only those: a library's
  // other modules are ignored). A file that offers none of them is refused when it was
  // serving one, and otherwise ignored (an empty result).
  std::vector<ReloadRecord> reload_file(const std::filesystem::path& file, const LiveInputs& live,
                                        std::chrono::steady_clock::time_point first_seen);

  // Config modules that do not run yet, with why, and the loaded setups of those whose
  // library is there but whose inputs or dependencies are not (partial_pipeline.hpp). A
  // library that offers a waiting module adds it, and any parked module it completes.
  void set_waiting(std::map<std::string, std::string> waiting, std::map<std::string, ModuleSetup> parked);
  const std::map<std::string, std::string>& waiting() const { return waiting_; }
  // Moves the waiting and parked modules out (a config that goes live replaces the reloader,
  // and a rollback gives them back with set_waiting).
  std::pair<std::map<std::string, std::string>, std::map<std::string, ModuleSetup>> take_waiting() {
    return {std::exchange(waiting_, {}), std::exchange(parked_, {})};
  }

  // Why the last reload_file could not load its file (not ELF, no mosaic_entry, wrong ABI,
  // plugin lock, permissions, ...); "" when it loaded.
  const std::string& last_load_refusal() const { return last_load_refusal_; }

  // The file was deleted: every module it served is unloaded.
  std::vector<ReloadRecord> remove_file(const std::filesystem::path& file);

  // The file a module's library was loaded from (also after an unload); empty if unknown.
  std::filesystem::path file_of(const std::string& module) const;

  // The files of the loaded libraries that read the files beside them (bridges,
  // Library::reads_its_folder): a change to a module file of theirs (a .py) reloads them.
  std::vector<std::filesystem::path> folder_readers() const;
  // The pipeline modules whose library was loaded from `file` (matched by file name).
  std::vector<std::string> modules_from(const std::filesystem::path& file) const;

 private:
  ReloadRecord swap_in(const std::string& name, std::shared_ptr<Library> library, const ModuleFactory& factory,
                       const LiveInputs& live);
  std::vector<ReloadRecord> admit(std::vector<ModuleSetup> arrivals, const LiveInputs& live);
  Pipeline& pipeline_;
  const Config& config_;
  ShadowDir& shadow_;  // its plugin lock is re-read before every load
  std::map<std::string, std::string> served_from_;  // module -> file name, kept after an unload
  std::map<std::string, std::string> waiting_;      // module -> why it does not run yet
  std::map<std::string, ModuleSetup> parked_;       // waiting modules whose library is loaded
  std::string last_load_refusal_;
};

}  // namespace mosaic::host::serve

// One engine session for Python: the config, the data and the loaded plugins, shared with
// every array a result hands out (arrays.hpp). One engine call at a time: a pipeline is not
// shared between threads.
#pragma once

#include "host/app/run.hpp"
#include "host/app/session.hpp"
#include "session_lock.hpp"

#include <pybind11/pybind11.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace mosaic::python {

struct PySession {
  // The GIL is released while the files are read and the plugins loaded. `prices_text`: the
  // prices as a price file's text (a DataFrame written out), named `prices_label` in errors.
  PySession(std::optional<std::string> config, std::optional<std::string> data, std::optional<std::string> plugins,
            std::optional<std::string> prices_text, std::string prices_label);

  // As opened: compare opens both sides again from it, and a DataFrame's prices
  // (spec->prices_text) are saved into every run folder.
  std::shared_ptr<const host::app::SessionSpec> spec;
  std::shared_ptr<host::app::Session> session;
  // Held by every engine call on the session, and by a run's write (it reads the pipeline).
  std::shared_ptr<SessionGate> busy = std::make_shared<SessionGate>();
};

// A run kept for writing its run folder later (RunResult.write).
struct RunHandle {
  std::shared_ptr<host::app::Session> session;
  std::shared_ptr<SessionGate> busy;
  std::shared_ptr<const host::app::SessionSpec> spec;
  std::shared_ptr<const host::app::RunOutcome> outcome;
};

// Writes the run folder as `mosaic run` does (ports/ too with `ports`) and its report.html:
// {"run_dir", "report"}.
pybind11::dict write_run(const RunHandle& run, std::optional<std::string> out, bool ports);

// {"metrics", "ts", "tickers", "equity", "weights", "weights_port", "ports", "summary",
// "handle"}: summary is the JSON of `mosaic run --json`, handle a RunHandle.
pybind11::dict run(PySession& s);

struct OptimizeArgs {
  std::optional<std::string> method;
  std::optional<uint64_t> budget;
  std::optional<double> seconds;
  std::optional<std::vector<std::string>> targets;
  std::optional<int> threads;
  std::optional<uint64_t> seed;
  std::optional<double> train_fraction;
  std::optional<int> walk_forward;
  std::optional<std::string> out;
  pybind11::object progress;  // None, or called with a dict about five times a second
};

// Runs the search and writes its run folder as `mosaic optimize` does: {"run_dir",
// "summary" (the JSON of `mosaic optimize --json`), "interrupted", "report"}.
pybind11::dict optimize(PySession& s, const OptimizeArgs& args);

// Ablation and the A/B comparison, each writing its run folder as the command does:
// {"run_dir", "summary" (the command's --json), "report"}.
pybind11::dict ablate(PySession& s, uint64_t seed, std::optional<std::string> out);
pybind11::dict compare(const PySession& a, const PySession& b, uint64_t seed, std::optional<std::string> out);

// The contracts of a plugin folder's modules, as `mosaic modules list --json` gives them:
// {"plugins", "modules", "skipped"} (skipped: libraries that failed to load).
pybind11::dict modules(std::optional<std::string> config, std::optional<std::string> plugins);

// A new run folder for `command`: `out`, else one under runs/ (report::make_run_folder).
std::filesystem::path new_run_folder(const std::optional<std::string>& out, const char* command);

// With prices from a DataFrame (spec.prices_text), writes them to `folder`/prices.csv and
// makes that the session's price file, so that the folder's best.toml runs on them. Under
// the session's lock, the GIL released.
void save_prices(host::app::Session& session, const host::app::SessionSpec& spec, const std::filesystem::path& folder);

// report.html for a run folder; "" when it cannot be built (the folder's results stand
// without it), with why in `warning`, for warn_if() once the GIL is held again.
std::string report_page(const std::filesystem::path& folder, std::string& warning);
// Issues `warning` as a RuntimeWarning unless it is empty; raises if the warning is an error
// (python -W error). Needs the GIL.
void warn_if(const std::string& warning);

}  // namespace mosaic::python

// Test-only modules that misbehave on purpose, or declare broken contracts. One source
// serves every kind: it is compiled once, and each module library links it together
// with kind.cpp, compiled per target with FAULT_KIND="<kind>" (see CMakeLists.txt).
// The module's name is its kind unless a row below says otherwise.
//
//   kind         contract                                   process
//   counter      close -> signal.counter, string `trace`    the call number, every cell;
//                appends "create counter" / "destroy counter" to the file `trace` names
//   no_create    signal.counter -> signal.no_create         create fails (the constructor throws)
//   thrower      close -> signal.thrower                    throws std::runtime_error
//   erroring     close -> signal.erroring                   returns MOSAIC_ERR_FAILED
//   sleeper      close -> signal.sleeper, SLA 5 ms          sleeps sleep_ms (30)
//   lowconf      close -> signal.lowconf, SLA conf >= 0.5   emits with confidence 0.1
//   warming      close -> signal.warming, SLA conf >= 0.5,  its first warm_calls calls (1) emit NaN,
//                int `warm_calls`, bool `lie`               confidence 0, marked warm-up (with `lie`,
//                                                           a value at the last bar all the same);
//                                                           later calls emit 0, confidence 0.1
//   badshape     close -> signal.badshape, enum `kind`      a panel of the wrong shape
//   flaky        close -> signal.flaky, int `fail_calls`,   throws on its first fail_calls calls; with
//                int `fail_after`                           fail_after N > 0, on every call after its Nth
//   req_reader   signal.flaky (required) -> signal.req_reader
//   opt_reader   close, signal.flaky (optional) -> signal.opt_reader: 1 where flaky was
//                passed, 0 where it was absent
//   cycle_a      signal.cycle_b -> signal.cycle_a
//   cycle_b      signal.cycle_a -> signal.cycle_b
//   provider     1.3.0, close -> signal.provider
//   consumer     depends on provider ^2.0 (unsatisfiable with provider 1.3.0)
//   consumer_ok  module "consumer", depends on provider ^1.2 (satisfied)
//   orphan       requires signal.nobody, which no module produces
//   twin_a/b     both produce signal.twin
//   bad_semver   version "1.0"
//   dup_port     input close declared twice
//   dup_param    param lookback declared twice
//   bad_default  param lookback default 500 outside [2, 250]
//
// Each of these fails one check of `mosaic modules check` and passes the others it reaches:
//   crasher      close -> signal.crasher                    stores to address 8 (SIGSEGV)
//   hangs        close -> signal.hangs                      never returns
//   peeker       close -> signal.peeker                     each bar: the last bar's close (look-ahead)
//   snooper      close -> signal.snooper                    reads check.undeclared when it is there
//   squatter     id "mosaic.squatter", no descriptions      a constant
//   amnesiac     close -> signal.amnesiac, saves state      0; after load_state, 1: it restores wrongly
//   cornered     close -> signal.cornered, int `lookback`   create refuses lookback at the top of its range
//   racy         close -> signal.racy                       how many calls, of any instance, are in flight
//                                                           (library-wide state): 1 unless run concurrently
//   pinned       close -> signal.pinned                     a constant; linked -z nodelete, so dlclose
//                                                           leaves it mapped
//   keyed        close -> signal.keyed: the host's content key of close (mosaic.ext.content_key/1),
//                its top 53 bits as a double (exact), 0 when the host has none
//
// For crash isolation (isolate = true): what a module can do to the process it runs in.
//   wrecker      close -> signal.wrecker, enum `how`,       `how`: segfault, abort, stack_overflow,
//                string `marker`                            hang (never returns), hog (allocates until
//                                                           allocation fails, keeping it all), none; with
//                                                           `marker`, only while that file does not
//                                                           exist (it is created first), then a constant
#include <mosaic/module.hpp>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

namespace mosaic_test {

extern const char* const kFaultKind;  // kind.cpp

namespace {

using mosaic::Contract;
using mosaic::Layout;
using mosaic::Role;

std::string_view kind() { return kFaultKind; }

// The usual shape: close in, signal.<name> out.
Contract signal_module(const std::string& name, const std::string& version = "1.0.0") {
  return Contract(name, version, Role::Signal)
      .id("test.mosaic." + name)
      .describe("test-only module '" + name + "'")
      .input("close", Layout::Panel, "closing prices")
      .output("signal." + name, Layout::Panel, "a test signal");
}

Contract reader_of(const std::string& name, const std::string& port) {
  return Contract(name, "1.0.0", Role::Signal)
      .input(port, Layout::Panel)
      .output("signal." + name, Layout::Panel);
}

Contract make_contract() {
  const std::string k(kind());
  if (k == "counter") return signal_module(k).param_string("trace", "", "file to log create/destroy to");
  if (k == "no_create") return reader_of(k, "signal.counter");
  if (k == "sleeper") return signal_module(k).param_int("sleep_ms", 30, 0, 10000, "how long process sleeps").sla_latency_ms(5);
  if (k == "lowconf") return signal_module(k).sla_min_confidence(0.5);
  if (k == "warming")
    return signal_module(k)
        .param_int("warm_calls", 1, 0, 1000, "calls that are warm-up")
        .param_bool("lie", false, "claim warm-up while publishing a value at the last bar")
        .sla_min_confidence(0.5);
  if (k == "badshape")
    return signal_module(k).param_enum("kind", "length", {"length", "universe", "order", "no_ts", "timestamps"},
                                       "how the emitted panel is wrong");
  if (k == "flaky")
    return signal_module(k)
        .param_int("fail_calls", 0, 0, 1000000, "calls that throw before it recovers")
        .param_int("fail_after", 0, 0, 1000000, "calls that succeed before every later one throws (0: never)");
  if (k == "req_reader") return reader_of(k, "signal.flaky");
  if (k == "opt_reader") return signal_module(k).optional_input("signal.flaky", Layout::Panel);
  if (k == "cycle_a") return reader_of(k, "signal.cycle_b");
  if (k == "cycle_b") return reader_of(k, "signal.cycle_a");
  if (k == "provider") return signal_module(k, "1.3.0");
  if (k == "consumer") return signal_module("consumer").depends("provider", "^2.0");
  if (k == "consumer_ok") return signal_module("consumer").depends("provider", "^1.2");
  if (k == "orphan") return reader_of(k, "signal.nobody");
  if (k == "twin_a" || k == "twin_b")
    return Contract(k, "1.0.0", Role::Signal).input("close", Layout::Panel).output("signal.twin", Layout::Panel);
  if (k == "bad_semver") return signal_module(k, "1.0");
  if (k == "dup_port") return signal_module(k).input("close", Layout::Panel);
  if (k == "dup_param")
    return signal_module(k).param_int("lookback", 20, 2, 250, "bars").param_int("lookback", 10, 2, 250, "again");
  if (k == "bad_default") return signal_module(k).param_int("lookback", 500, 2, 250, "bars");
  if (k == "cornered") return signal_module(k).param_int("lookback", 20, 2, 250, "bars");
  if (k == "wrecker")
    return signal_module(k)
        .param_enum("how", "segfault", {"none", "segfault", "abort", "stack_overflow", "hang", "hog"}, "the fault")
        .param_string("marker", "", "fault only while this file does not exist, creating it first");
  if (k == "squatter")
    return Contract(k, "1.0.0", Role::Signal).id("mosaic.squatter").input("close", Layout::Panel).output("signal.squatter", Layout::Panel);
  return signal_module(k);  // thrower, erroring
}

// A real SIGSEGV: a store to an address no process maps. Not a null pointer, which the
// compiler may treat as unreachable and UBSan (the sanitizer build) would report and abort on
// before the signal the tests look for.
void crash() {
  volatile std::uintptr_t address = 8;
  *reinterpret_cast<volatile int*>(address) = 1;
}

// Recursion the compiler cannot turn into a loop: each frame keeps a live array. The
// bound is never reached (a stack is far smaller); it only tells the compiler the
// recursion ends.
int overflow_stack(int depth) {
  volatile char frame[4096];
  frame[0] = static_cast<char>(depth);
  if (depth > (1 << 30)) return frame[0];
  return overflow_stack(depth + 1) + frame[0];
}

// Allocates and touches 16 MiB blocks, keeping every one, until allocation fails.
void hog_memory() {
  static std::vector<std::unique_ptr<char[]>> kept;
  for (;;) {
    kept.emplace_back(new char[size_t{16} << 20]);
    std::memset(kept.back().get(), 1, size_t{16} << 20);
  }
}

void wreck(const std::string& how, const std::string& marker) {
  if (!marker.empty()) {
    if (std::filesystem::exists(marker)) return;
    std::ofstream(marker) << how << '\n';
  }
  if (how == "segfault") crash();
  if (how == "abort") std::abort();
  if (how == "stack_overflow") (void)overflow_stack(0);
  if (how == "hang")
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
  if (how == "hog") hog_memory();
}

class FaultModule final : public mosaic::Module {
 public:
  static Contract contract() { return make_contract(); }

  explicit FaultModule(const mosaic::Params& p) : kind_(kind()) {
    if (p.has("sleep_ms")) sleep_ms_ = p.get_int("sleep_ms");
    if (p.has("kind")) shape_fault_ = p.get_enum("kind");
    if (p.has("fail_calls")) fail_calls_ = p.get_int("fail_calls");
    if (p.has("fail_after")) fail_after_ = p.get_int("fail_after");
    if (p.has("trace")) trace_ = p.get_string("trace");
    if (p.has("how")) how_ = p.get_enum("how");
    if (p.has("marker")) marker_ = p.get_string("marker");
    if (p.has("warm_calls")) warm_calls_ = p.get_int("warm_calls");
    if (p.has("lie")) lie_ = p.get_bool("lie");
    if (kind_ == "no_create") throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, "no_create: refuses to be created");
    if (kind_ == "cornered" && p.get_int("lookback") == 250)
      throw mosaic::Error(MOSAIC_ERR_INVALID_ARGUMENT, "cornered: cannot handle lookback 250");
    trace("create");
  }
  ~FaultModule() override { trace("destroy"); }

  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    ++calls_;
    if (kind_ == "thrower") throw std::runtime_error("thrower: deliberate exception in process");
    if (kind_ == "erroring") throw mosaic::Error(MOSAIC_ERR_FAILED, "erroring: deliberate error status");
    if (kind_ == "flaky" && (calls_ <= fail_calls_ || (fail_after_ > 0 && calls_ > fail_after_)))
      throw std::runtime_error("flaky: deliberate failure on call " + std::to_string(calls_));
    if (kind_ == "sleeper") std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms_));
    if (kind_ == "crasher") crash();
    if (kind_ == "wrecker") wreck(how_, marker_);
    if (kind_ == "hangs")
      for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));

    const std::string port = kind_ == "twin_a" || kind_ == "twin_b" ? "signal.twin"
                             : kind_ == "consumer_ok"               ? "signal.consumer"
                                                                    : "signal." + kind_;
    const mosaic::PanelView source = in.panel(in.has("close") ? "close" : first_input(in));
    mosaic::Shape shape = source.shape();
    if (kind_ == "badshape") return emit_bad_shape(shape, out);

    double value = 0.0;
    if (kind_ == "counter") value = static_cast<double>(calls_);
    if (kind_ == "amnesiac") value = restored_wrong_;
    if (kind_ == "racy") {
      static std::atomic<int> in_flight{0};  // the fault: state shared by every instance
      ++in_flight;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      value = in_flight.load();
      --in_flight;
    }
    if (kind_ == "peeker" && source.rows() > 0) value = source.column(0)[source.rows() - 1];
    if (kind_ == "snooper" && in.has("check.undeclared")) value = 1.0;
    if (kind_ == "opt_reader") value = in.has("signal.flaky") ? 1.0 : 0.0;
    if (kind_ == "keyed") value = static_cast<double>(in.content_key("close") >> 11);
    mosaic::PanelWriter& panel = out.panel(port, shape);
    for (size_t a = 0; a < panel.assets(); ++a)
      for (double& x : panel.column(a)) x = value;
    if (kind_ == "lowconf") out.set_confidence(port, 0.1);
    if (kind_ == "warming") {
      const bool warming = calls_ <= warm_calls_;
      for (size_t a = 0; a < panel.assets(); ++a)
        for (double& x : panel.column(a)) x = warming ? std::nan("") : 0.0;
      if (warming && lie_ && panel.rows() > 0) panel.column(0)[panel.rows() - 1] = 0.5;
      out.set_confidence(port, warming ? 0.0 : 0.1);
      if (warming) out.set_warmup(port);
    }
  }

 bool saves_state() const override { return kind_ == "amnesiac"; }
  std::vector<uint8_t> save_state() override { return std::vector<uint8_t>(8, 0); }
  void load_state(std::span<const uint8_t>) override { restored_wrong_ = 1.0; }

 private:
  void trace(const char* event) const {
    if (!trace_.empty()) std::ofstream(trace_, std::ios::app) << event << ' ' << kind_ << '\n';
  }

  static std::string first_input(const mosaic::Inputs& in) {
    for (const char* name : {"signal.flaky", "signal.counter", "signal.cycle_a", "signal.cycle_b", "signal.nobody"})
      if (in.has(name)) return name;
    throw mosaic::Error(MOSAIC_ERR_MISSING_INPUT, "no input to take the shape from");
  }

  void emit_bad_shape(mosaic::Shape shape, mosaic::Outputs& out) const {
    const std::string port = "signal.badshape";
    if (shape_fault_ == "no_ts") {
      // Asset columns only: a struct array whose child 0 is not `ts`.
      mosaic::TableWriter& t = out.table(port, shape.rows());
      const std::vector<double> zeros(shape.rows(), 0.0);
      for (const auto& ticker : shape.tickers) t.add_float64(ticker, zeros);
      return;
    }
    if (shape_fault_ == "length") shape.ts.pop_back();
    if (shape_fault_ == "universe") shape.tickers.pop_back();
    if (shape_fault_ == "order") std::swap(shape.tickers.front(), shape.tickers.back());
    if (shape_fault_ == "timestamps")
      for (auto& t : shape.ts) t += 1;
    mosaic::PanelWriter& panel = out.panel(port, shape);
    for (size_t a = 0; a < panel.assets(); ++a)
      for (double& x : panel.column(a)) x = 0.0;
  }

  std::string kind_;
  int64_t calls_ = 0;
  int64_t sleep_ms_ = 0;
  int64_t fail_calls_ = 0;
  int64_t fail_after_ = 0;
  int64_t warm_calls_ = 0;
  bool lie_ = false;
  double restored_wrong_ = 0.0;
  std::string shape_fault_;
  std::string how_, marker_;
  std::string trace_;
};

}  // namespace
}  // namespace mosaic_test

MOSAIC_EXPORT_MODULE(mosaic_test::FaultModule)

// module.hpp: port patterns, Inputs/Outputs, the export macro and the noexcept trampolines
// that turn exceptions into statuses, driven through the C ABI as the host drives them.
#include "test_host.hpp"

#include <mosaic/module.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

using sdktest::TestHost;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// --- modules under test ------------------------------------------------------------------

class Scale final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("scale", "1.4.0", mosaic::Role::Signal)
        .input("close", mosaic::Layout::Panel, "prices")
        .output("signal.scale", mosaic::Layout::Panel, "close times factor")
        .param_float("factor", 2.0, -10.0, 10.0, "multiplier")
        .sla_latency_ms(3);
  }
  explicit Scale(const mosaic::Params& p) : factor_(p.get_float("factor")) {}
  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    const mosaic::PanelView close = in.panel("close");
    mosaic::PanelWriter& sig = out.panel("signal.scale", close.shape());
    for (size_t a = 0; a < close.assets(); ++a)
      for (size_t r = 0; r < close.rows(); ++r) sig.column(a)[r] = factor_ * close.column(a)[r];
  }
  void self_test() override { mosaic::expect_near(factor_ * 1.5, 3.0, 1e-12, "scale(1.5)"); }

 private:
  double factor_;
};

// Throws from process after it has started an output: nothing may be emitted or leaked.
class Thrower final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("thrower", "0.1.0", mosaic::Role::Signal)
        .input("close", mosaic::Layout::Panel)
        .output("signal.thrower", mosaic::Layout::Panel)
        .param_enum("how", "runtime_error", {"runtime_error", "mosaic_error", "bad_alloc", "int", "none"}, "what to throw");
  }
  explicit Thrower(const mosaic::Params& p) : how_(p.get_enum("how")) {}
  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    mosaic::PanelWriter& sig = out.panel("signal.thrower", in.panel("close").shape());
    sig.column(0)[0] = 1.0;
    if (how_ == "runtime_error") throw std::runtime_error("kaboom at bar 7");
    if (how_ == "mosaic_error") throw mosaic::Error(MOSAIC_ERR_BAD_INPUT, "close has gaps");
    if (how_ == "bad_alloc") throw std::bad_alloc();
    if (how_ == "int") throw 42;
  }
  void self_test() override { throw std::logic_error("self-test logic broke"); }
  const void* get_extension(const char*) override { throw std::runtime_error("no"); }

 private:
  std::string how_;
};

// Its constructor refuses; its contract can be built.
class Refuser final : public mosaic::Module {
 public:
  static mosaic::Contract contract() {
    return mosaic::Contract("refuser", "1.0.0", mosaic::Role::Risk).param_bool("typed", false, "throw mosaic::Error");
  }
  explicit Refuser(const mosaic::Params& p) {
    if (p.get_bool("typed")) throw mosaic::Error(MOSAIC_ERR_UNSUPPORTED, "refuser: not on this host");
    throw std::invalid_argument("refuser: lookback must exceed 1");
  }
  void process(const mosaic::Inputs&, mosaic::Outputs&) override {}
};

// Emits a table and a panel with an explicit confidence, and has an extension.
class Reporter final : public mosaic::Module {
 public:
  static inline const int kExtension = 7;
  static mosaic::Contract contract() {
    return mosaic::Contract("reporter", "2.0.0", mosaic::Role::Regime)
        .input("close", mosaic::Layout::Panel)
        .output("regime.*", mosaic::Layout::Panel)
        .output("report", mosaic::Layout::Table);
  }
  explicit Reporter(const mosaic::Params&) {}
  void process(const mosaic::Inputs& in, mosaic::Outputs& out) override {
    mosaic::PanelWriter& p = out.panel("regime.p_high_vol", in.panel("close").shape());
    for (size_t a = 0; a < p.assets(); ++a) p.column(a)[0] = 0.25;
    out.set_confidence("regime.p_high_vol", 0.9);
    mosaic::TableWriter& t = out.table("report", 2);
    t.add_strings("line", {"calm", "stormy"});
  }
  const void* get_extension(const char* id) override {
    return std::string(id) == "test.ext/1" ? &kExtension : nullptr;
  }
};

// A contract that cannot be built: the host must see struct_size 0, not a crash.
class BrokenContract final : public mosaic::Module {
 public:
  static mosaic::Contract contract() { throw std::runtime_error("contract failed"); }
  explicit BrokenContract(const mosaic::Params&) {}
  void process(const mosaic::Inputs&, mosaic::Outputs&) override {}
};

}  // namespace

// The export macro, as a module library uses it (harmless in a test executable).
MOSAIC_EXPORT_MODULES(Scale, Thrower, Refuser, Reporter)

namespace {

// --- a host-side harness ---------------------------------------------------------------

struct Emitted {
  std::string port;
  ArrowSchema schema{};
  ArrowArray array{};
  double confidence = 0;
};

// A mosaic_outputs the way a host implements it: emit moves the structs and marks the
// module's copies released; or refuses, leaving them with the module.
struct Sink {
  mosaic_outputs c{};
  std::vector<Emitted> got;
  bool refuse = false;

  Sink() {
    c.struct_size = sizeof(mosaic_outputs);
    c.host_data = this;
    c.emit = &emit;
  }
  ~Sink() {
    for (auto& e : got) sdktest::release(e.schema, e.array);
  }
  static int32_t emit(mosaic_outputs* self, const char* port, ArrowSchema* schema, ArrowArray* array,
                      double confidence, mosaic_error* err) {
    Sink* s = static_cast<Sink*>(self->host_data);
    if (s->refuse) {
      mosaic::write_error(err, (std::string("port '") + port + "' is not declared").c_str());
      return MOSAIC_ERR_INVALID_ARGUMENT;
    }
    Emitted& e = s->got.emplace_back();
    e.port = port;
    e.schema = *schema;
    e.array = *array;
    e.confidence = confidence;
    schema->release = nullptr;
    array->release = nullptr;
    return MOSAIC_OK;
  }
};

// A close panel on the test host, owned by the harness like a host's input cache.
struct Close {
  ArrowSchema schema{};
  ArrowArray array{};
  mosaic_port_data port{};
  mosaic_inputs inputs{};
  Close(const mosaic_host* host, std::vector<std::vector<double>> columns) {
    mosaic::Shape shape;
    for (size_t r = 0; r < columns.at(0).size(); ++r) shape.ts.push_back(static_cast<int64_t>(r + 1) * 1'000'000'000);
    for (size_t a = 0; a < columns.size(); ++a) shape.tickers.push_back("T" + std::to_string(a));
    mosaic::PanelWriter w(host, shape);
    for (size_t a = 0; a < columns.size(); ++a)
      for (size_t r = 0; r < columns[a].size(); ++r) w.column(a)[r] = columns[a][r];
    w.release_into(&schema, &array);
    port = {"close", &schema, &array, 1.0};
    inputs = {sizeof(mosaic_inputs), 1, &port};
  }
  ~Close() { sdktest::release(schema, array); }
};

const mosaic_factory& factory_named(const std::string& name) {
  for (uint32_t i = 0; i < mosaic_entry.n_factories; ++i)
    if (name == mosaic_entry.factories[i].contract->name) return mosaic_entry.factories[i];
  FAIL("no factory " << name);
  throw std::logic_error("unreachable");
}

// Creates an instance with one parameter value (or none).
mosaic_instance* create(const mosaic_host* host, const std::string& module, const mosaic_param_value* params = nullptr,
                        uint32_t n = 0) {
  mosaic_instance* inst = nullptr;
  mosaic_error err{};
  const int32_t status = factory_named(module).create(host, params, n, &inst, &err);
  INFO(err.message);
  REQUIRE(status == MOSAIC_OK);
  REQUIRE(inst != nullptr);
  return inst;
}

mosaic_param_value enum_param(const char* name, const char* value) {
  mosaic_param_value p{};
  p.name = name;
  p.value.type = MOSAIC_PARAM_ENUM;
  p.value.s = value;
  return p;
}

}  // namespace

// --- port patterns ---------------------------------------------------------------------------

TEST_CASE("port_matches: exact names and family patterns") {
  CHECK(mosaic::port_matches("close", "close"));
  CHECK_FALSE(mosaic::port_matches("close", "closes"));
  CHECK_FALSE(mosaic::port_matches("close", "clos"));
  CHECK(mosaic::port_matches("signal.momentum", "signal.momentum"));

  CHECK(mosaic::port_matches("technical.*", "technical.sma_20"));
  CHECK(mosaic::port_matches("technical.*", "technical.x"));
  CHECK(mosaic::port_matches("signal.*", "signal.a.b"));
  CHECK_FALSE(mosaic::port_matches("technical.*", "technical."));  // the family needs a member
  CHECK_FALSE(mosaic::port_matches("technical.*", "technical"));
  CHECK_FALSE(mosaic::port_matches("technical.*", "technicalx.sma"));
  CHECK_FALSE(mosaic::port_matches("technical.*", "signal.technical"));
  CHECK_FALSE(mosaic::port_matches("signal.*", ""));

  CHECK(mosaic::port_matches("technical.*", "technical.*"));  // a pattern names itself literally too
  CHECK_FALSE(mosaic::port_matches("*", "close"));            // only ".*" at the end is a pattern
  CHECK(mosaic::port_matches("*", "*"));
  CHECK_FALSE(mosaic::port_matches("", "close"));
}

TEST_CASE("inputs: lookup, absent ports and pattern matches") {
  TestHost host;
  {
    Close close(host, {{1, 2}});
    ArrowSchema s{};
    ArrowArray a{};
    const mosaic_port_data ports[] = {close.port, {"signal.a", &s, &a, 0.5}, {"signal.b", &s, &a, 0.7},
                                      {"regime.x", &s, &a, 1.0}};
    const mosaic_inputs c{sizeof(mosaic_inputs), 4, ports};
    const mosaic::Inputs in(&c);
    CHECK(in.has("close"));
    CHECK_FALSE(in.has("open"));
    CHECK(in.confidence("signal.b") == 0.7);
    CHECK(in.panel("close").rows() == 2);
    CHECK(in.matching("signal.*") == std::vector<std::string_view>{"signal.a", "signal.b"});
    CHECK(in.matching("news.*").empty());
    try {
      (void)in.panel("open");
      FAIL("expected a MISSING_INPUT error");
    } catch (const mosaic::Error& e) {
      CHECK(e.status() == MOSAIC_ERR_MISSING_INPUT);
      CHECK(std::string(e.what()) == "input 'open' is absent");
    }
    // A port that is present but not a panel is BAD_INPUT, naming the port.
    try {
      (void)in.panel("signal.a");
      FAIL("expected a BAD_INPUT error");
    } catch (const mosaic::Error& e) {
      CHECK(e.status() == MOSAIC_ERR_BAD_INPUT);
      CHECK(std::string(e.what()).find("panel 'signal.a'") == 0);
    }
  }
  CHECK(host.clean());
}

// --- the export macro and the factory glue ---------------------------------------------------

TEST_CASE("export macro: mosaic_entry describes every module of the library") {
  CHECK(mosaic_entry.abi_version.major == MOSAIC_ABI_MAJOR);
  CHECK(mosaic_entry.abi_version.minor == MOSAIC_ABI_MINOR);
  CHECK(mosaic_entry.abi_version.patch == MOSAIC_ABI_PATCH);
  CHECK(mosaic_entry.struct_size == sizeof(mosaic_module_entry));
  CHECK((mosaic_entry.init != nullptr));
  CHECK((mosaic_entry.deinit != nullptr));
  REQUIRE(mosaic_entry.n_factories == 4);
  const char* names[] = {"scale", "thrower", "refuser", "reporter"};
  for (uint32_t i = 0; i < 4; ++i) {
    const mosaic_factory& f = mosaic_entry.factories[i];
    CHECK(f.struct_size == sizeof(mosaic_factory));
    CHECK((f.create != nullptr));
    REQUIRE(f.contract != nullptr);
    CHECK(f.contract->struct_size == sizeof(mosaic_contract));  // built by the static registration
    CHECK(std::string(f.contract->name) == names[i]);
  }
  const mosaic_contract& scale = *mosaic_entry.factories[0].contract;
  CHECK(std::string(scale.version) == "1.4.0");
  CHECK(scale.sla.max_latency_ms == 3.0);
  REQUIRE(scale.n_params == 1);
  CHECK(scale.params[0].default_value.f == 2.0);
  CHECK(&scale == &mosaic::detail::Glue<Scale>::c_contract);
}

TEST_CASE("glue: a contract that throws leaves struct_size 0 for the host to report") {
  mosaic::detail::Glue<BrokenContract>::build_contract();
  CHECK(mosaic::detail::Glue<BrokenContract>::c_contract.struct_size == 0);
  CHECK(mosaic::detail::Glue<BrokenContract>::c_contract.name == nullptr);
  CHECK(mosaic::detail::Glue<BrokenContract>::storage == nullptr);  // nothing half-built is kept
}

TEST_CASE("library init: checks the host's ABI major, then publishes the host") {
  TestHost host;
  mosaic_error err{};
  CHECK(mosaic_entry.init(nullptr, &err) == MOSAIC_ERR_ABI);
  host.table().abi_version.major = MOSAIC_ABI_MAJOR + 1;
  CHECK(mosaic_entry.init(host, &err) == MOSAIC_ERR_ABI);
  CHECK(std::string(err.message) == "host ABI major differs from the module's");
  CHECK(mosaic::host() == nullptr);

  host.table().abi_version.major = MOSAIC_ABI_MAJOR;
  CHECK(mosaic_entry.init(host, &err) == MOSAIC_OK);
  CHECK(mosaic::host() == host.get());
  mosaic::log(MOSAIC_LOG_WARN, "scale", "hello");
  REQUIRE(sdktest::stats().log.size() == 1);
  CHECK(sdktest::stats().log[0] == "2 scale: hello");
  mosaic_entry.deinit();
  CHECK(mosaic::host() == nullptr);
  mosaic::log(MOSAIC_LOG_WARN, "scale", "dropped");  // no host: ignored
  CHECK(sdktest::stats().log.size() == 1);
}

// --- the trampolines -------------------------------------------------------------------------

TEST_CASE("trampolines: process emits through the host's outputs table") {
  TestHost host;
  {
    Close close(host, {{1.0, 2.0, 3.0}, {4.0, 5.0, kNaN}});
    const mosaic_param_value factor = {"factor", {MOSAIC_PARAM_FLOAT, 0, 0, -0.5, nullptr}};
    mosaic_instance* inst = create(host, "scale", &factor, 1);
    CHECK(inst->struct_size == sizeof(mosaic_instance));
    Sink sink;
    mosaic_error err{};
    REQUIRE(inst->process(inst, &close.inputs, &sink.c, &err) == MOSAIC_OK);
    REQUIRE(sink.got.size() == 1);
    const Emitted& e = sink.got[0];
    CHECK(e.port == "signal.scale");
    CHECK(e.confidence == 0.5);  // default: the share of assets with a finite last value
    const mosaic::PanelView v(&e.schema, &e.array);
    CHECK(v.column(0)[2] == -1.5);
    CHECK(v.column(1)[0] == -2.0);
    CHECK(std::isnan(v.column(1)[2]));
    CHECK(v.ticker(1) == "T1");

    CHECK(inst->self_test(inst, &err) == MOSAIC_ERR_SELF_TEST);  // factor -0.5: 1.5 * -0.5 != 3
    CHECK(std::string(err.message).find("scale(1.5): got -0.750000, expected 3.000000") == 0);
    CHECK(inst->get_extension(inst, "anything") == nullptr);
    inst->destroy(inst);
  }
  CHECK(host.clean());
}

TEST_CASE("trampolines: a throwing process returns a status and the message, emits nothing, leaks nothing") {
  struct Case {
    const char* how;
    int32_t status;
    const char* message;
  };
  const Case cases[] = {
      {"runtime_error", MOSAIC_ERR_EXCEPTION, "kaboom at bar 7"},
      {"mosaic_error", MOSAIC_ERR_BAD_INPUT, "close has gaps"},
      {"bad_alloc", MOSAIC_ERR_OUT_OF_MEMORY, "out of memory"},
      {"int", MOSAIC_ERR_EXCEPTION, "unknown exception"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.how);
    TestHost host;
    {
      Close close(host, {{1.0, 2.0}});
      const mosaic_param_value how = enum_param("how", c.how);
      mosaic_instance* inst = create(host, "thrower", &how, 1);
      Sink sink;
      mosaic_error err{};
      CHECK(inst->process(inst, &close.inputs, &sink.c, &err) == c.status);
      CHECK(std::string(err.message) == c.message);
      CHECK(sink.got.empty());
      inst->destroy(inst);
    }
    CHECK(host.clean());
  }
}

TEST_CASE("trampolines: a missing input is MISSING_INPUT") {
  TestHost host;
  const mosaic_param_value factor = {"factor", {MOSAIC_PARAM_FLOAT, 0, 0, 1.0, nullptr}};
  mosaic_instance* inst = create(host, "scale", &factor, 1);
  const mosaic_inputs none{sizeof(mosaic_inputs), 0, nullptr};
  Sink sink;
  mosaic_error err{};
  CHECK(inst->process(inst, &none, &sink.c, &err) == MOSAIC_ERR_MISSING_INPUT);
  CHECK(std::string(err.message) == "input 'close' is absent");
  CHECK(sink.got.empty());
  inst->destroy(inst);
  CHECK(host.clean());
}

TEST_CASE("trampolines: self_test and get_extension") {
  TestHost host;
  const mosaic_param_value none = enum_param("how", "none");
  mosaic_instance* inst = create(host, "thrower", &none, 1);
  mosaic_error err{};
  CHECK(inst->self_test(inst, &err) == MOSAIC_ERR_SELF_TEST);  // any exception fails the self-test
  CHECK(std::string(err.message) == "self-test logic broke");
  CHECK(inst->get_extension(inst, "x") == nullptr);  // a throwing get_extension is "absent"

  // A process that does not throw emits its panel.
  {
    Close close(host, {{1.0}});
    Sink sink;
    CHECK(inst->process(inst, &close.inputs, &sink.c, &err) == MOSAIC_OK);
    CHECK(sink.got.size() == 1);
  }
  inst->destroy(inst);

  mosaic_instance* rep = create(host, "reporter");
  CHECK(rep->self_test(rep, &err) == MOSAIC_OK);  // the default self-test passes
  const void* ext = rep->get_extension(rep, "test.ext/1");
  CHECK(ext == &Reporter::kExtension);
  CHECK(rep->get_extension(rep, "test.ext/2") == nullptr);
  rep->destroy(rep);
  CHECK(host.clean());
}

TEST_CASE("trampolines: tables, explicit confidence and pattern outputs") {
  TestHost host;
  {
    Close close(host, {{1.0, 2.0}, {3.0, 4.0}});
    mosaic_instance* inst = create(host, "reporter");
    Sink sink;
    mosaic_error err{};
    REQUIRE(inst->process(inst, &close.inputs, &sink.c, &err) == MOSAIC_OK);
    REQUIRE(sink.got.size() == 2);
    CHECK(sink.got[0].port == "regime.p_high_vol");
    CHECK(sink.got[0].confidence == 0.9);
    CHECK(sink.got[1].port == "report");
    CHECK(sink.got[1].confidence == 1.0);  // tables default to 1
    const mosaic::TableView t(&sink.got[1].schema, &sink.got[1].array);
    CHECK(t.string("line", 1) == "stormy");
    inst->destroy(inst);
  }
  CHECK(host.clean());
}

TEST_CASE("trampolines: a refused emit is returned with the host's message, and the module frees its output") {
  TestHost host;
  {
    Close close(host, {{1.0, 2.0}});
    mosaic_instance* inst = create(host, "reporter");
    Sink sink;
    sink.refuse = true;
    mosaic_error err{};
    CHECK(inst->process(inst, &close.inputs, &sink.c, &err) == MOSAIC_ERR_INVALID_ARGUMENT);
    CHECK(std::string(err.message) == "port 'regime.p_high_vol' is not declared");
    CHECK(sink.got.empty());
    inst->destroy(inst);
  }
  CHECK(host.clean());
}

TEST_CASE("trampolines: create turns constructor exceptions into statuses") {
  TestHost host;
  mosaic_instance* inst = reinterpret_cast<mosaic_instance*>(0x1);
  mosaic_error err{};
  mosaic_param_value typed{};
  typed.name = "typed";
  typed.value.type = MOSAIC_PARAM_BOOL;

  typed.value.b = 0;
  CHECK(factory_named("refuser").create(host, &typed, 1, &inst, &err) == MOSAIC_ERR_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "refuser: lookback must exceed 1");
  CHECK(inst == reinterpret_cast<mosaic_instance*>(0x1));  // untouched on failure

  typed.value.b = 1;
  CHECK(factory_named("refuser").create(host, &typed, 1, &inst, &err) == MOSAIC_ERR_UNSUPPORTED);
  CHECK(std::string(err.message) == "refuser: not on this host");

  // A parameter the module reads but the host did not pass.
  CHECK(factory_named("scale").create(host, nullptr, 0, &inst, &err) == MOSAIC_ERR_INVALID_ARGUMENT);
  CHECK(std::string(err.message) == "parameter 'factor' was not passed");
  CHECK(host.clean());
}

TEST_CASE("expect_near: tolerance, NaN and the message") {
  CHECK_NOTHROW(mosaic::expect_near(1.0, 1.0 + 1e-10, 1e-9, "x"));
  CHECK_NOTHROW(mosaic::expect_near(kNaN, kNaN, 1e-9, "both missing"));
  CHECK_THROWS_AS(mosaic::expect_near(kNaN, 1.0, 1e-9, "x"), mosaic::Error);
  CHECK_THROWS_AS(mosaic::expect_near(1.0, kNaN, 1e-9, "x"), mosaic::Error);
  try {
    mosaic::expect_near(2.0, 1.0, 0.5, "sma(3)[2]");
    FAIL("expected a self-test failure");
  } catch (const mosaic::Error& e) {
    CHECK(e.status() == MOSAIC_ERR_SELF_TEST);
    CHECK(std::string(e.what()) == "sma(3)[2]: got 2.000000, expected 1.000000 (tolerance 0.500000)");
  }
}

TEST_CASE("trampolines: process under a failing host alloc is OUT_OF_MEMORY and leaks nothing") {
  const mosaic_param_value factor = {"factor", {MOSAIC_PARAM_FLOAT, 0, 0, 1.0, nullptr}};
  for (long fail_at = 0; fail_at < 40; ++fail_at) {
    CAPTURE(fail_at);
    TestHost host;
    {
      Close close(host, {{1.0, 2.0}, {3.0, 4.0}});  // built before allocs start failing
      mosaic_instance* inst = create(host, "scale", &factor, 1);
      host.fail_after(static_cast<long>(host.allocs()) + fail_at);
      Sink sink;
      mosaic_error err{};
      const int32_t status = inst->process(inst, &close.inputs, &sink.c, &err);
      if (status == MOSAIC_OK) {
        CHECK(sink.got.size() == 1);
      } else {
        CHECK(status == MOSAIC_ERR_OUT_OF_MEMORY);
        CHECK(std::string(err.message).find("host alloc of") == 0);
        CHECK(sink.got.empty());
      }
      inst->destroy(inst);
    }
    CHECK(host.clean());
  }
}

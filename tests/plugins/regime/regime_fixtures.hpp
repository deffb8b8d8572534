// Shared by the regime tests: the bundled price files, a seeded simulator of Gaussian HMM
// data, and a driver that runs the real module class through the SDK's C glue (create,
// process, mosaic.ext.state/1) against the SDK tests' tracking host.
#pragma once

#include "regime.hpp"
#include "sdk/test_host.hpp"

#include <mosaic/ext_state.h>
#include <mosaic/module.hpp>

#include <doctest/doctest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace regime_test {

using mosaic::regime::HmmParams;
inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// --- data ---------------------------------------------------------------------------------

// A long price file (date,ticker,close; NA = missing) as closes per ticker, in file order.
// Every file used here has a row for every (date, ticker), so the columns are aligned.
struct Closes {
  std::vector<std::string> tickers;
  std::map<std::string, std::vector<double>> columns;
  size_t rows() const { return columns.empty() ? 0 : columns.begin()->second.size(); }
};

inline Closes read_long_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::string line;
  std::getline(in, line);  // header: date,ticker,close
  Closes c;
  while (std::getline(in, line)) {
    std::stringstream row(line);
    std::string date, ticker, close;
    std::getline(row, date, ',');
    std::getline(row, ticker, ',');
    std::getline(row, close, ',');
    if (!c.columns.count(ticker)) c.tickers.push_back(ticker);
    c.columns[ticker].push_back(close == "NA" || close.empty() ? kNaN : std::stod(close));
  }
  return c;
}

inline Closes spisector() { return read_long_csv(std::string(MOSAIC_DATA_DIR) + "/spisector.csv"); }
inline Closes swx() { return read_long_csv(std::string(MOSAIC_DATA_DIR) + "/swx.csv"); }

// --- simulation ---------------------------------------------------------------------------

// splitmix64 with Box-Muller normals: the same numbers on every platform.
struct Rng {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }  // (0, 1)
  double normal() {
    return std::sqrt(-2.0 * std::log(uniform())) * std::cos(6.283185307179586 * uniform());
  }
};

struct Simulated {
  std::vector<double> returns;
  std::vector<int> states;
};

// A path of the HMM p, starting from its stationary distribution.
inline Simulated simulate(const HmmParams& p, size_t n, uint64_t seed) {
  Rng rng{seed};
  Simulated s;
  const auto pi = mosaic::regime::stationary(p);
  auto draw = [&](const double* probs) {
    double u = rng.uniform(), acc = 0.0;
    for (int j = 0; j < p.k; ++j)
      if (u < (acc += probs[j])) return j;
    return p.k - 1;
  };
  int state = draw(pi.data());
  for (size_t t = 0; t < n; ++t) {
    if (t > 0) state = draw(p.trans[static_cast<size_t>(state)].data());
    s.states.push_back(state);
    s.returns.push_back(p.mean[static_cast<size_t>(state)] + std::sqrt(p.var[static_cast<size_t>(state)]) * rng.normal());
  }
  return s;
}

// Prices whose log returns are `returns` (the first price is 100, its return NaN).
inline std::vector<double> prices_from(const std::vector<double>& returns) {
  std::vector<double> p(returns.size() + 1, 100.0);
  for (size_t t = 0; t < returns.size(); ++t) p[t + 1] = p[t] * std::exp(returns[t]);
  return p;
}

inline bool same_bits(const std::vector<double>& a, const std::vector<double>& b, size_t upto) {
  if (a.size() < upto || b.size() < upto) return false;
  return upto == 0 || std::memcmp(a.data(), b.data(), upto * sizeof(double)) == 0;
}

// --- the module through the C glue --------------------------------------------------------

struct Param {
  std::string name;
  mosaic_value value;
};
inline Param int_param(const char* name, int64_t v) {
  mosaic_value x{};
  x.type = MOSAIC_PARAM_INT;
  x.i = v;
  return {name, x};
}
inline Param float_param(const char* name, double v) {
  mosaic_value x{};
  x.type = MOSAIC_PARAM_FLOAT;
  x.f = v;
  return {name, x};
}
inline Param string_param(const char* name, const char* v, int32_t type = MOSAIC_PARAM_STRING) {
  mosaic_value x{};
  x.type = type;
  x.s = v;
  return {name, x};
}

// The contract's defaults, overridden by `overrides`, as the host would pass them.
inline std::vector<Param> params_with(std::vector<Param> overrides = {}) {
  using Glue = mosaic::detail::Glue<mosaic::regime::RegimeModule>;
  if (Glue::c_contract.struct_size == 0) Glue::build_contract();
  std::vector<Param> all;
  const mosaic_contract& c = Glue::c_contract;
  for (uint32_t i = 0; i < c.n_params; ++i) {
    Param p{c.params[i].name, c.params[i].default_value};
    for (const auto& o : overrides)
      if (o.name == p.name) p.value = o.value;
    all.push_back(p);
  }
  return all;
}

struct Outputs {
  std::vector<double> p_high_vol, state;
  std::string p_column, state_column;
  double p_confidence = -1.0, state_confidence = -1.0;
  int32_t status = MOSAIC_OK;
  std::string error;
};

// One module instance, created through Glue<RegimeModule>::create as the host does.
class Instance {
 public:
  Instance(const mosaic_host* host, std::vector<Param> overrides = {}) : host_(host) {
    const auto params = params_with(std::move(overrides));
    std::vector<mosaic_param_value> c;
    for (const auto& p : params) c.push_back({p.name.c_str(), p.value});
    mosaic_error err{};
    status_ = mosaic::detail::Glue<mosaic::regime::RegimeModule>::create(host, c.data(), static_cast<uint32_t>(c.size()),
                                                                         &inst_, &err);
    error_ = err.message;
  }
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;
  ~Instance() {
    if (inst_) inst_->destroy(inst_);
  }
  int32_t create_status() const { return status_; }
  const std::string& create_error() const { return error_; }

  mosaic::regime::RegimeModule& module() {
    return static_cast<mosaic::regime::RegimeModule&>(*mosaic::detail::box(inst_)->module);
  }

  // Runs process on a close panel with the given columns (all the same length).
  Outputs process(const std::vector<std::string>& tickers, const std::vector<std::vector<double>>& columns) {
    mosaic::Shape shape;
    const size_t rows = columns.empty() ? 0 : columns.front().size();
    for (size_t t = 0; t < rows; ++t) shape.ts.push_back(946684800'000000000 + static_cast<int64_t>(t) * 86400'000000000);
    shape.tickers = tickers;
    mosaic::PanelWriter writer(host_, shape);
    for (size_t a = 0; a < columns.size(); ++a) std::copy(columns[a].begin(), columns[a].end(), writer.column(a).begin());
    ArrowSchema schema{};
    ArrowArray array{};
    writer.release_into(&schema, &array);
    mosaic_port_data port{"close", &schema, &array, 1.0};
    mosaic_inputs in{sizeof(mosaic_inputs), 1, &port};

    Sink sink;
    sink.c.struct_size = sizeof(mosaic_outputs);
    sink.c.host_data = &sink;
    sink.c.emit = &Sink::emit;
    mosaic_error err{};
    Outputs out;
    out.status = inst_->process(inst_, &in, &sink.c, &err);
    out.error = err.message;
    for (auto& e : sink.emitted) {
      const mosaic::PanelView view(&e.schema, &e.array, e.port);
      REQUIRE(view.rows() == rows);
      REQUIRE(view.assets() == 1);
      std::vector<double> values(view.column(0).begin(), view.column(0).end());
      if (e.port == "regime.p_high_vol") {
        out.p_high_vol = values;
        out.p_column = std::string(view.ticker(0));
        out.p_confidence = e.confidence;
      } else if (e.port == "regime.state") {
        out.state = values;
        out.state_column = std::string(view.ticker(0));
        out.state_confidence = e.confidence;
      }
      sdktest::release(e.schema, e.array);
    }
    sdktest::release(schema, array);
    return out;
  }
  Outputs process(const regime_test::Closes& c) {
    std::vector<std::vector<double>> columns;
    for (const auto& t : c.tickers) columns.push_back(c.columns.at(t));
    return process(c.tickers, columns);
  }

  const mosaic_ext_state* state_extension() {
    return static_cast<const mosaic_ext_state*>(inst_->get_extension(inst_, MOSAIC_EXT_STATE_ID));
  }
  std::vector<uint8_t> save() {
    const mosaic_ext_state* ext = state_extension();
    REQUIRE(ext != nullptr);
    void* data = nullptr;
    size_t size = 0;
    mosaic_error err{};
    REQUIRE(ext->save(inst_, &data, &size, &err) == MOSAIC_OK);
    std::vector<uint8_t> bytes(static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
    host_->free(host_, data);
    return bytes;
  }
  int32_t load(const std::vector<uint8_t>& bytes, std::string* message = nullptr) {
    const mosaic_ext_state* ext = state_extension();
    REQUIRE(ext != nullptr);
    mosaic_error err{};
    const int32_t status = ext->load(inst_, bytes.data(), bytes.size(), &err);
    if (message) *message = err.message;
    return status;
  }
  int32_t self_test(std::string* message = nullptr) {
    mosaic_error err{};
    const int32_t status = inst_->self_test(inst_, &err);
    if (message) *message = err.message;
    return status;
  }

 private:
  struct Emitted {
    std::string port;
    ArrowSchema schema;
    ArrowArray array;
    double confidence;
  };
  struct Sink {
    mosaic_outputs c{};
    std::vector<Emitted> emitted;
    static int32_t emit(mosaic_outputs* self, const char* port, ArrowSchema* schema, ArrowArray* array,
                        double confidence, mosaic_error*) {
      auto* s = static_cast<Sink*>(self->host_data);
      s->emitted.push_back({port, *schema, *array, confidence});
      schema->release = nullptr;  // moved
      array->release = nullptr;
      return MOSAIC_OK;
    }
  };
  const mosaic_host* host_;
  mosaic_instance* inst_ = nullptr;
  int32_t status_ = MOSAIC_OK;
  std::string error_;
};

}  // namespace regime_test

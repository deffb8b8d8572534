// The optimizer's search space: one dimension per tunable parameter declared in the loaded
// modules' contracts, plus one on/off gene per optional module, narrowed by the config's
// [optimize.space.<module>] overrides. A point of the space is a Candidate, from which a
// pipeline can be built (its params are BoundParams in declaration order).
#pragma once

#include "host/config/param_binding.hpp"
#include "host/config/space_overrides.hpp"
#include "host/registry/contract_info.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mosaic::host::research {

using host::ParamOverride;
using host::SpaceOverrides;

// what() is the whole message. `label` is the [optimize.space] key the problem is about
// ("module" or "module.param"), empty when it is about no one key, so that a front end
// can point at the config line that wrote it.
struct SpaceError : std::runtime_error {
  explicit SpaceError(const std::string& message, std::string label = {})
      : std::runtime_error(message), label(std::move(label)) {}
  std::string label;
};

// Sizes above this are not counted exactly: they saturate and read "more than 1e18".
inline constexpr uint64_t kSizeLimit = 1'000'000'000'000'000'000ULL;

// One module of the pipeline as the search space sees it.
struct SpaceModule {
  std::string name;  // its name in the pipeline ([modules.<name>])
  ContractInfo contract;
  // Its configured values (as bind_params returns them); a parameter missing here takes
  // its declared default. Parameters that are not searched keep these values.
  std::vector<BoundParam> configured;
  bool enabled = true;  // its state at the base point (and throughout, unless it has a Switch)
};

struct Dimension {
  enum class Kind { Int, Float, Bool, Enum, Switch };
  Kind kind = Kind::Int;
  std::string module;
  std::string param;  // empty for a Switch (the module's on/off gene)
  // Int and Float: the range; step 0 on a Float means continuous.
  double min = 0, max = 0, step = 0;
  std::vector<std::string> choices;  // Enum

  std::string label() const;  // "module.param", or "module" for a Switch
  bool continuous() const { return kind == Kind::Float && step == 0; }
  // The number of values (saturated at kSizeLimit + 1); 0 when continuous.
  uint64_t count() const;
  double count_approx() const;  // the unsaturated count as a double; +inf when continuous
  // The index-th value, for index < count(). A Switch yields a bool (true: on), listed
  // on first. Int and Float: min + index * step.
  ParamValue value_at(uint64_t index) const;
  // Whether a value is one of this dimension's values (continuous: within [min, max]).
  bool contains(const ParamValue& v) const;
};

struct SpaceSize {
  uint64_t count = 1;      // exact when !saturated && !continuous
  double approx = 1;       // product of the counts as a double (+inf when continuous)
  bool saturated = false;  // more than kSizeLimit
  bool continuous = false;  // a continuous dimension: no finite size
  // "1200", "more than 1e18", or "unbounded (continuous dimensions: a.k)"
  std::string str() const;
  std::vector<std::string> continuous_dimensions;
};

// A point of the space: every module's switch and every declared parameter's value.
struct Candidate {
  std::map<std::string, bool> enabled;                    // module -> on
  std::map<std::string, std::vector<BoundParam>> params;  // module -> all params, declaration order

  const ParamValue* param(const std::string& module, const std::string& name) const;
  // Canonical text ("a:on fast=10 k=2.0; b:off ..."), equal exactly when the candidates are.
  std::string key() const;
  bool operator==(const Candidate& o) const { return key() == o.key(); }
};

class SearchSpace {
 public:
  SearchSpace() = default;
  // Throws SpaceError naming "module.param" and what was expected when an override does
  // not fit its declaration, names an unknown module or parameter, or an optional module
  // is not in `modules`.
  SearchSpace(std::vector<SpaceModule> modules, const std::vector<std::string>& optional_modules,
              const SpaceOverrides& overrides = {});

  const std::vector<Dimension>& dimensions() const { return dims_; }
  const std::vector<SpaceModule>& modules() const { return modules_; }
  SpaceSize size() const;

  // The configured point: every module on, every parameter at its configured value.
  const Candidate& base() const { return base_; }
  // The candidate at one value per dimension (in dimensions() order); a Switch takes a bool.
  Candidate make(const std::vector<ParamValue>& point) const;

  // For `mosaic optimize --dry-run`: one line per dimension (values or range, count),
  // the fixed parameters, then the total size.
  std::string describe() const;

 private:
  std::vector<SpaceModule> modules_;
  std::vector<Dimension> dims_;
  Candidate base_;
  std::vector<std::string> fixed_;  // "module.param = value (why)" for describe()
  std::vector<std::string> settings_;  // "module.param" of the settings left out, for describe()
};

}  // namespace mosaic::host::research

// The regime module through the SDK's C glue, as the host drives it: contract, outputs on
// the real sample, warm-up, parameters, fit reuse, state handover and its validation.
#include "market_series.hpp"
#include "regime.hpp"
#include "regime_fixtures.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

using namespace mosaic::regime;
using regime_test::Instance;
using regime_test::int_param;
using regime_test::string_param;

namespace {

const mosaic_contract& c_contract() {
  using Glue = mosaic::detail::Glue<RegimeModule>;
  if (Glue::c_contract.struct_size == 0) Glue::build_contract();
  return Glue::c_contract;
}

// Overwrites the double at byte `offset` of a saved state.
std::vector<uint8_t> patched(std::vector<uint8_t> bytes, size_t offset, double value) {
  std::memcpy(bytes.data() + offset, &value, sizeof value);
  return bytes;
}

// Byte offsets in the RGM1 format (see RegimeModule::save_state), 2 states.
constexpr size_t kHeader = 4 + 4 + 4 + 8 + 8;
constexpr size_t kFitHead = 8 + 8 + 8 + 8 + 4;
constexpr size_t kFitBytes2 = kFitHead + 8 * (2 + 2 + 4);

}  // namespace

TEST_CASE("contract: ports, and every parameter declared with a range or choices") {
  const mosaic_contract& c = c_contract();
  CHECK(std::string(c.name) == "regime");
  CHECK(c.role == MOSAIC_ROLE_REGIME);
  REQUIRE(c.n_inputs == 1);
  CHECK(std::string(c.inputs[0].name) == "close");
  CHECK(c.inputs[0].required == 1);
  CHECK(c.inputs[0].layout == MOSAIC_LAYOUT_PANEL);
  REQUIRE(c.n_outputs == 2);
  CHECK(std::string(c.outputs[0].name) == "regime.p_high_vol");
  CHECK(std::string(c.outputs[1].name) == "regime.state");
  for (uint32_t i = 0; i < c.n_params; ++i) {
    const mosaic_param_decl& d = c.params[i];
    CAPTURE(std::string(d.name));
    CHECK(std::string(d.description).size() > 10);
    switch (d.default_value.type) {
      case MOSAIC_PARAM_INT:
        REQUIRE(d.has_range == 1);
        CHECK(static_cast<double>(d.default_value.i) >= d.min);
        CHECK(static_cast<double>(d.default_value.i) <= d.max);
        break;
      case MOSAIC_PARAM_FLOAT:
        REQUIRE(d.has_range == 1);
        CHECK(d.default_value.f >= d.min);
        CHECK(d.default_value.f <= d.max);
        break;
      case MOSAIC_PARAM_ENUM: CHECK(d.n_choices == 2); break;
      case MOSAIC_PARAM_STRING: CHECK(std::string(d.name) == "market"); break;  // a ticker: no range
      default: FAIL("unexpected parameter type");
    }
  }
  CHECK(c.n_params == 10);
}

TEST_CASE("spisector, defaults: one-column 'market' panels, NaN through the warm-up, then probabilities") {
  sdktest::TestHost host;
  {
    Instance m(host);
    REQUIRE(m.create_status() == MOSAIC_OK);
    const regime_test::Closes data = regime_test::spisector();
    const regime_test::Outputs out = m.process(data);
    REQUIRE(out.status == MOSAIC_OK);
    CHECK(out.p_column == "market");
    CHECK(out.state_column == "market");
    REQUIRE(out.p_high_vol.size() == 2216);
    // Bar 0 has no return, so the 252nd return arrives at bar 252: the first fit.
    for (size_t t = 0; t < 252; ++t) {
      CHECK(std::isnan(out.p_high_vol[t]));
      CHECK(std::isnan(out.state[t]));
    }
    for (size_t t = 252; t < 2216; ++t) {
      CHECK(out.p_high_vol[t] >= 0.0);
      CHECK(out.p_high_vol[t] <= 1.0);
      CHECK(out.state[t] == (out.p_high_vol[t] > 0.5 ? 1.0 : 0.0));
    }
    // Confidence: the posterior of the chosen state at the last bar.
    const double last = out.p_high_vol.back();
    CHECK(out.p_confidence == doctest::Approx(std::max(last, 1.0 - last)).epsilon(1e-15));
    CHECK(out.state_confidence == out.p_confidence);
    // Fits at 252, 315, ..., 2205: every 63 bars.
    const auto& fits = m.module().fits();
    REQUIRE(fits.size() == 32);
    CHECK(fits.front().bar == 252);
    CHECK(fits.back().bar == 252 + 31 * 63);
    for (const auto& f : fits) {
      CHECK(f.first == 1);  // expanding: from the first return
      CHECK(f.params.var[0] < f.params.var[1]);
    }
    // Both regimes occur on this sample (2000-2003 and 2008 are volatile).
    const auto volatile_bars = std::count(out.state.begin(), out.state.end(), 1.0);
    CHECK(volatile_bars > 200);
    CHECK(volatile_bars < 1500);
    CHECK(m.self_test() == MOSAIC_OK);
  }
  CHECK(host.clean());
}

TEST_CASE("market = a ticker: the module models that column's log returns") {
  sdktest::TestHost host;
  const regime_test::Closes data = regime_test::spisector();
  Instance m(host, {string_param("market", "SPI")});
  const regime_test::Outputs out = m.process(data);
  REQUIRE(out.status == MOSAIC_OK);
  // The same walk forward called directly on SPI's log returns.
  std::vector<FitRecord> fits;
  EmWorkspace ws;
  const RegimePath path = walk_forward(log_returns(data.columns.at("SPI")), m.module().settings(), fits, ws);
  CHECK(regime_test::same_bits(out.p_high_vol, path.p_high_vol, path.p_high_vol.size()));
  CHECK(fits == m.module().fits());
  SUBCASE("a ticker that is not in the universe is a bad input, named") {
    Instance bad(host, {string_param("market", "NOPE")});
    const regime_test::Outputs b = bad.process(data);
    CHECK(b.status == MOSAIC_ERR_BAD_INPUT);
    CHECK(b.error.find("'NOPE'") != std::string::npos);
  }
}

TEST_CASE("three states: state in {0, 1, 2}, p_high_vol is the posterior of state 2") {
  sdktest::TestHost host;
  Instance m(host, {int_param("states", 3), int_param("refit_every", 126)});
  const regime_test::Outputs out = m.process(regime_test::spisector());
  REQUIRE(out.status == MOSAIC_OK);
  std::vector<int> seen(3, 0);
  for (size_t t = 252; t < out.state.size(); ++t) {
    REQUIRE((out.state[t] == 0.0 || out.state[t] == 1.0 || out.state[t] == 2.0));
    ++seen[static_cast<size_t>(out.state[t])];
    if (out.state[t] == 2.0) CHECK(out.p_high_vol[t] >= 1.0 / 3.0);
  }
  CHECK(seen[2] > 0);
  for (const auto& f : m.module().fits()) {
    CHECK(f.params.k == 3);
    CHECK(f.params.var[1] < f.params.var[2]);
  }
}

TEST_CASE("rolling window: each fit sees the last window_length bars") {
  sdktest::TestHost host;
  Instance m(host, {string_param("window", "rolling", MOSAIC_PARAM_ENUM), int_param("window_length", 300),
                    int_param("refit_every", 100)});
  const regime_test::Outputs out = m.process(regime_test::spisector());
  REQUIRE(out.status == MOSAIC_OK);
  for (const auto& f : m.module().fits()) CHECK(f.first == std::max<int64_t>(1, f.bar - 299));
}

TEST_CASE("shorter than min_history: all NaN, confidence 0") {
  sdktest::TestHost host;
  regime_test::Closes data = regime_test::spisector();
  for (auto& [t, col] : data.columns) col.resize(200);
  Instance m(host);
  const regime_test::Outputs out = m.process(data);
  REQUIRE(out.status == MOSAIC_OK);
  CHECK(std::all_of(out.p_high_vol.begin(), out.p_high_vol.end(), [](double v) { return std::isnan(v); }));
  CHECK(out.p_confidence == 0.0);
  CHECK(m.module().fits().empty());
}

TEST_CASE("fits are reused across calls: same data costs no fit, a longer series only the new ones") {
  sdktest::TestHost host;
  const regime_test::Closes full = regime_test::spisector();
  regime_test::Closes head = full;
  for (auto& [t, col] : head.columns) col.resize(1500);
  Instance m(host);
  const regime_test::Outputs a = m.process(head);
  CHECK(m.module().last_path().fits_computed == 20);  // 252, 315, ..., 1449
  const regime_test::Outputs b = m.process(head);
  CHECK(m.module().last_path().fits_computed == 0);
  CHECK(m.module().last_path().fits_reused == 20);
  CHECK(regime_test::same_bits(a.p_high_vol, b.p_high_vol, 1500));
  const regime_test::Outputs c = m.process(full);
  CHECK(m.module().last_path().fits_reused == 20);
  CHECK(m.module().last_path().fits_computed == 12);
  // Identical to a fresh instance that computed every fit itself.
  Instance fresh(host);
  const regime_test::Outputs d = fresh.process(full);
  CHECK(regime_test::same_bits(c.p_high_vol, d.p_high_vol, 2216));
  CHECK(regime_test::same_bits(c.state, d.state, 2216));
  CHECK(regime_test::same_bits(a.p_high_vol, d.p_high_vol, 1500));
}

TEST_CASE("state handover: a reloaded instance keeps the fitted model") {
  sdktest::TestHost host;
  const regime_test::Closes data = regime_test::spisector();
  Instance old_instance(host);
  const regime_test::Outputs before = old_instance.process(data);
  const std::vector<uint8_t> bytes = old_instance.save();
  CHECK(bytes.size() == kHeader + 32 * kFitBytes2);

  Instance next(host);
  REQUIRE(next.load(bytes) == MOSAIC_OK);
  CHECK(next.module().fits() == old_instance.module().fits());
  const regime_test::Outputs after = next.process(data);
  CHECK(next.module().last_path().fits_computed == 0);  // no refit after the reload
  CHECK(next.module().last_path().fits_reused == 32);
  CHECK(regime_test::same_bits(before.p_high_vol, after.p_high_vol, 2216));
  CHECK(regime_test::same_bits(before.state, after.state, 2216));
  CHECK(after.p_confidence == before.p_confidence);
  // Saving again gives the same bytes.
  CHECK(next.save() == bytes);

  SUBCASE("a fresh instance saves an empty, loadable model") {
    Instance empty(host);
    const auto none = empty.save();
    CHECK(none.size() == kHeader);
    CHECK(next.load(none) == MOSAIC_OK);
    CHECK(next.module().fits().empty());
  }
}

TEST_CASE("state handover: load refuses bytes it cannot trust, and then changes nothing") {
  sdktest::TestHost host;
  Instance source(host);
  source.process(regime_test::spisector());
  const std::vector<uint8_t> good = source.save();
  Instance target(host);
  REQUIRE(target.load(good) == MOSAIC_OK);
  const std::vector<FitRecord> loaded = target.module().fits();
  std::string why;

  SUBCASE("a different state count") {
    Instance three(host, {int_param("states", 3)});
    CHECK(three.load(good, &why) == MOSAIC_ERR_INVALID_ARGUMENT);
    CHECK(why.find("2 states") != std::string::npos);
    CHECK(why.find("configured for 3") != std::string::npos);
    CHECK(three.module().fits().empty());
  }
  SUBCASE("truncated anywhere") {
    for (size_t n = 0; n < good.size(); n += (n < kHeader + kFitBytes2 ? 1 : 97)) {
      CAPTURE(n);
      CHECK(target.load(std::vector<uint8_t>(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(n))) ==
            MOSAIC_ERR_INVALID_ARGUMENT);
    }
  }
  SUBCASE("trailing bytes") {
    std::vector<uint8_t> longer = good;
    longer.push_back(0);
    CHECK(target.load(longer, &why) == MOSAIC_ERR_INVALID_ARGUMENT);
    CHECK(why.find("trailing") != std::string::npos);
  }
  SUBCASE("another format") {
    std::vector<uint8_t> other = good;
    other[0] ^= 0xff;
    CHECK(target.load(other, &why) == MOSAIC_ERR_INVALID_ARGUMENT);
    CHECK(why.find("RGM1") != std::string::npos);
  }
  SUBCASE("probabilities that are not probabilities") {
    const size_t trans00 = kHeader + kFitHead + 8 * 4;  // fit 0: after bar..iterations, means, variances
    CHECK(target.load(patched(good, trans00, 1.5), &why) == MOSAIC_ERR_INVALID_ARGUMENT);
    CHECK(why.find("trans[0][0]") != std::string::npos);
    CHECK(target.load(patched(good, trans00, 0.5), &why) == MOSAIC_ERR_INVALID_ARGUMENT);  // row sums to ~0.5
    CHECK(why.find("row 0") != std::string::npos);
  }
  SUBCASE("a non-positive or NaN variance, or states out of variance order") {
    const size_t var0 = kHeader + kFitHead + 8 * 2;
    CHECK(target.load(patched(good, var0, -1e-4)) == MOSAIC_ERR_INVALID_ARGUMENT);
    CHECK(target.load(patched(good, var0, regime_test::kNaN)) == MOSAIC_ERR_INVALID_ARGUMENT);
    CHECK(target.load(patched(good, var0, 1.0), &why) == MOSAIC_ERR_INVALID_ARGUMENT);
    CHECK(why.find("ordered by variance") != std::string::npos);
  }
  CHECK(target.module().fits() == loaded);  // every refusal left the instance as it was
}

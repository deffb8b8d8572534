#include "host/registry/param_value.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

using mosaic::host::ParamValue;

TEST_CASE("param value: written as TOML, and append_to appends exactly that text") {
  const std::pair<ParamValue, std::string> cases[] = {
      {ParamValue::of_int(-42), "-42"},
      {ParamValue::of_float(2.0), "2.0"},
      {ParamValue::of_float(0.1), "0.1"},
      {ParamValue::of_float(1e-7), "1e-07"},
      {ParamValue::of_float(NAN), "nan"},
      {ParamValue::of_bool(false), "false"},
      {ParamValue::of_string("say \"hi\" \\ bye"), "\"say \\\"hi\\\" \\\\ bye\""},
      {ParamValue::of_string("sma", MOSAIC_PARAM_ENUM), "\"sma\""},
  };
  for (const auto& [value, text] : cases) {
    CAPTURE(text);
    CHECK(value.to_string() == text);
    // The float rule (add ".0" to a float that reads as an integer) looks at the value's own
    // text only, not at a '.' earlier in the string it is appended to.
    std::string out = "module.param=";
    value.append_to(out);
    CHECK(out == "module.param=" + text);
  }
}

TEST_CASE("param value: a float's text is the same on every write, whichever values were written between") {
  // More values than a thread keeps texts for, so kept texts are replaced and written again;
  // extremes and integral values among them.
  std::vector<double> values = {0.0, -0.0, 1.0, 100000.0, 1e16, 1e-300, 5e-324, 1.7976931348623157e308,
                                -2.5, INFINITY, -INFINITY};
  for (int k = 0; k < 300; ++k) values.push_back(0.001 * k - 0.1);
  std::vector<std::string> first;
  for (double v : values) first.push_back(ParamValue::of_float(v).to_string());
  CHECK(first[0] == "0.0");
  CHECK(first[1] == "-0.0");
  CHECK(first[3] == "100000.0");
  CHECK(first[4] == "1e+16");
  CHECK(first[9] == "inf");
  for (int round = 0; round < 3; ++round)
    for (size_t i = 0; i < values.size(); ++i) {
      const size_t at = (i * 7 + static_cast<size_t>(round)) % values.size();
      CAPTURE(values[at]);
      CHECK(ParamValue::of_float(values[at]).to_string() == first[at]);
    }
}

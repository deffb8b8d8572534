#include "host/registry/param_value.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

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

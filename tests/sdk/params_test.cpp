// Params: typed reads of the values the host passes to create, and their errors.
#include <mosaic/params.hpp>

#include <doctest/doctest.h>

#include <string>

namespace {

mosaic_value int_value(int64_t v) {
  mosaic_value x{};
  x.type = MOSAIC_PARAM_INT;
  x.i = v;
  return x;
}
mosaic_value float_value(double v) {
  mosaic_value x{};
  x.type = MOSAIC_PARAM_FLOAT;
  x.f = v;
  return x;
}
mosaic_value bool_value(bool v) {
  mosaic_value x{};
  x.type = MOSAIC_PARAM_BOOL;
  x.b = v ? 1 : 0;
  return x;
}
mosaic_value text_value(int32_t type, const char* s) {
  mosaic_value x{};
  x.type = type;
  x.s = s;
  return x;
}

const mosaic_param_value kValues[] = {
    {"lookback", int_value(20)},
    {"threshold", float_value(0.75)},
    {"long_only", bool_value(true)},
    {"short_ok", bool_value(false)},
    {"mode", text_value(MOSAIC_PARAM_ENUM, "ema")},
    {"label", text_value(MOSAIC_PARAM_STRING, "hello")},
    {"empty", text_value(MOSAIC_PARAM_STRING, nullptr)},
};
const mosaic::Params kParams(kValues, sizeof(kValues) / sizeof(kValues[0]));

// The status and message of the mosaic::Error that f throws.
template <class F>
std::pair<int32_t, std::string> error_of(F&& f) {
  try {
    f();
  } catch (const mosaic::Error& e) {
    return {e.status(), e.what()};
  }
  return {MOSAIC_OK, ""};
}

}  // namespace

TEST_CASE("params: typed getters read the member the type selects") {
  CHECK(kParams.get_int("lookback") == 20);
  CHECK(kParams.get_float("threshold") == 0.75);
  CHECK(kParams.get_bool("long_only"));
  CHECK_FALSE(kParams.get_bool("short_ok"));
  CHECK(kParams.get_enum("mode") == "ema");
  CHECK(kParams.get_string("mode") == "ema");  // an enum reads as its string
  CHECK(kParams.get_string("label") == "hello");
  CHECK(kParams.get_string("empty").empty());  // NULL string reads as empty
}

TEST_CASE("params: an int widens to float, nothing else converts") {
  CHECK(kParams.get_float("lookback") == 20.0);
  auto [status, message] = error_of([] { (void)kParams.get_int("threshold"); });
  CHECK(status == MOSAIC_ERR_INVALID_ARGUMENT);
  CHECK(message == "parameter 'threshold' read with the wrong type");
}

TEST_CASE("params: has() tells declared names from absent ones") {
  CHECK(kParams.has("lookback"));
  CHECK(kParams.has("label"));
  CHECK_FALSE(kParams.has("missing"));
  CHECK_FALSE(kParams.has(""));
  CHECK_FALSE(kParams.has("lookbac"));  // no prefix matches
}

TEST_CASE("params: a wrong type is an INVALID_ARGUMENT error naming the parameter") {
  struct Case {
    const char* what;
    std::pair<int32_t, std::string> got;
    const char* name;
  };
  const Case cases[] = {
      {"bool as int", error_of([] { (void)kParams.get_int("long_only"); }), "long_only"},
      {"string as int", error_of([] { (void)kParams.get_int("label"); }), "label"},
      {"bool as float", error_of([] { (void)kParams.get_float("long_only"); }), "long_only"},
      {"int as bool", error_of([] { (void)kParams.get_bool("lookback"); }), "lookback"},
      {"float as string", error_of([] { (void)kParams.get_string("threshold"); }), "threshold"},
      {"int as enum", error_of([] { (void)kParams.get_enum("lookback"); }), "lookback"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.what);
    CHECK(c.got.first == MOSAIC_ERR_INVALID_ARGUMENT);
    CHECK(c.got.second == "parameter '" + std::string(c.name) + "' read with the wrong type");
  }
}

TEST_CASE("params: a name that was not passed is an INVALID_ARGUMENT error") {
  for (auto got : {error_of([] { (void)kParams.get_int("missing"); }),
                   error_of([] { (void)kParams.get_float("missing"); }),
                   error_of([] { (void)kParams.get_bool("missing"); }),
                   error_of([] { (void)kParams.get_string("missing"); })}) {
    CHECK(got.first == MOSAIC_ERR_INVALID_ARGUMENT);
    CHECK(got.second == "parameter 'missing' was not passed");
  }
}

TEST_CASE("params: an empty set and NULL names") {
  const mosaic::Params none(nullptr, 0);
  CHECK_FALSE(none.has("x"));
  CHECK(error_of([&] { (void)none.get_int("x"); }).first == MOSAIC_ERR_INVALID_ARGUMENT);

  const mosaic_param_value odd[] = {{nullptr, int_value(1)}, {"x", int_value(2)}};
  const mosaic::Params p(odd, 2);
  CHECK(p.get_int("x") == 2);  // a NULL name is skipped, not dereferenced
}

TEST_CASE("params: mosaic::Error carries its status and write_error truncates") {
  const mosaic::Error plain("boom");
  CHECK(plain.status() == MOSAIC_ERR_FAILED);
  CHECK(std::string(plain.what()) == "boom");

  mosaic_error err{};
  mosaic::write_error(&err, std::string(5000, 'x').c_str());
  CHECK(std::string(err.message).size() == MOSAIC_ERROR_MESSAGE_SIZE - 1);
  mosaic::write_error(&err, nullptr);
  CHECK(std::string(err.message).empty());
  mosaic::write_error(nullptr, "ignored");  // a NULL buffer is allowed
}

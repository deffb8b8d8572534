// mosaic/c_module.h: the C helpers read a panel, build and emit one from the host's
// allocator (nothing leaked, also when the host runs out of memory), and look up
// parameters, as a C module uses them (c_helpers.c, strict C11).
#include "c_helpers.h"
#include "test_host.hpp"

#include <mosaic/arrow.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

namespace {

int32_t capture_emit(mosaic_outputs* self, const char* port, ArrowSchema* s, ArrowArray* a, double confidence,
                     mosaic_error* err);

struct Captured {
  mosaic_outputs table{sizeof(mosaic_outputs), 0, nullptr, &capture_emit};
  std::string port;
  ArrowSchema schema{};
  ArrowArray array{};
  double confidence = -1;
  bool refuse = false;
};

int32_t capture_emit(mosaic_outputs* self, const char* port, ArrowSchema* s, ArrowArray* a, double confidence,
                mosaic_error* err) {
  auto* c = reinterpret_cast<Captured*>(self);
  if (c->refuse) {
    std::snprintf(err->message, sizeof err->message, "refused");
    return MOSAIC_ERR_INVALID_ARGUMENT;
  }
  c->port = port;
  c->schema = *s;
  c->array = *a;
  s->release = nullptr;
  a->release = nullptr;
  c->confidence = confidence;
  return MOSAIC_OK;
}

struct Close {
  ArrowSchema schema{};
  ArrowArray array{};
  mosaic_port_data port{};
  explicit Close(const mosaic_host* host) {
    mosaic::Shape shape{{100, 200, 300}, {"AAA", "BBB"}};
    mosaic::PanelWriter w(host, shape);
    w.column(0)[0] = 1.5, w.column(0)[1] = NAN, w.column(0)[2] = 3.0;
    w.column(1)[0] = -1.0, w.column(1)[1] = 0.0, w.column(1)[2] = 7.0;
    w.release_into(&schema, &array);
    port = {"close", &schema, &array, 1.0};
  }
  ~Close() { sdktest::release(schema, array); }
};

}  // namespace

TEST_CASE("c_module.h: read a panel, write one from the host's allocator, emit it with its confidence") {
  sdktest::TestHost host;
  {
    Close close(host);
    const mosaic_inputs in{sizeof(mosaic_inputs), 1, &close.port};
    Captured out;
    mosaic_error err{};
    REQUIRE(c_helpers_double_close(host, &in, &out.table, &err) == MOSAIC_OK);
    CHECK(out.port == "signal.double");
    CHECK(out.confidence == 0.5);
    const mosaic::PanelView view(&out.schema, &out.array);
    CHECK(view.rows() == 3);
    REQUIRE(view.assets() == 2);
    CHECK(view.ticker(1) == "BBB");
    CHECK(view.ts()[2] == 300);
    CHECK(view.column(0)[0] == 3.0);
    CHECK(std::isnan(view.column(0)[1]));
    CHECK(view.column(1)[2] == 14.0);
    sdktest::release(out.schema, out.array);
  }
  CHECK(host.clean());
}

TEST_CASE("c_module.h: a missing port and a refused emit are errors with a reason, and nothing leaks") {
  sdktest::TestHost host;
  {
    Close close(host);
    mosaic_error err{};
    Captured out;
    const mosaic_inputs none{sizeof(mosaic_inputs), 0, nullptr};
    CHECK(c_helpers_double_close(host, &none, &out.table, &err) == MOSAIC_ERR_MISSING_INPUT);
    CHECK(std::string(err.message) == "no input port: close");
    const mosaic_inputs in{sizeof(mosaic_inputs), 1, &close.port};
    out.refuse = true;
    CHECK(c_helpers_double_close(host, &in, &out.table, &err) == MOSAIC_ERR_INVALID_ARGUMENT);
  }
  CHECK(host.clean());
}

TEST_CASE("c_module.h: a host out of memory at any allocation gives an error and leaks nothing") {
  for (long n = 0; n < 40; ++n) {
    sdktest::TestHost host;
    {
      Close close(host);
      const mosaic_inputs in{sizeof(mosaic_inputs), 1, &close.port};
      Captured out;
      mosaic_error err{};
      host.fail_after(static_cast<long>(host.allocs()) + n);
      const int32_t status = c_helpers_double_close(host, &in, &out.table, &err);
      host.fail_after(-1);
      CAPTURE(n);
      if (status == MOSAIC_OK) sdktest::release(out.schema, out.array);
      else CHECK(status == MOSAIC_ERR_OUT_OF_MEMORY);
    }
    CHECK(host.clean());
  }
}

TEST_CASE("c_module.h: parameters by name and type, the fallback otherwise; declarations by macro") {
  mosaic_param_value params[] = {
      {"lookback", {MOSAIC_PARAM_INT, 0, 42, 0.0, nullptr}},
      {"scale", {MOSAIC_PARAM_FLOAT, 0, 0, 2.5, nullptr}},
      {"short", {MOSAIC_PARAM_BOOL, 1, 0, 0.0, nullptr}},
      {"mode", {MOSAIC_PARAM_ENUM, 0, 0, 0.0, "fast"}},
  };
  CHECK(c_helpers_param_int(params, 4, "lookback") == 42);
  CHECK(c_helpers_param_int(params, 4, "scale") == -1);  // a float is not an int
  CHECK(c_helpers_param_float(params, 4, "scale") == 2.5);
  CHECK(c_helpers_param_bool(params, 4, "short") == 1);
  CHECK(std::string(c_helpers_param_text(params, 4, "mode")) == "fast");
  CHECK(std::string(c_helpers_param_text(params, 4, "absent")) == "fallback");
  const mosaic_param_decl* d = c_helpers_int_decl();
  CHECK(std::string(d->name) == "lookback");
  CHECK(d->default_value.type == MOSAIC_PARAM_INT);
  CHECK(d->default_value.i == 20);
  CHECK(d->has_range == 1);
  CHECK(d->min == 2);
  CHECK(d->max == 250);
  CHECK(d->flags == 0);
  CHECK(d->type == MOSAIC_PARAM_INT);
}

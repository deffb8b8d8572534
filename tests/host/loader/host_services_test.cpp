// The host table's mosaic.ext.content_key/1: a key only for the inputs of the call the
// thread is making, and only while it makes it.
#include <doctest/doctest.h>

#include "host/loader/host_services.hpp"

#include <mosaic/ext_content_key.h>

#include <thread>

using mosaic::host::CallInputKeys;
using mosaic::host::host_services;

namespace {

const mosaic_ext_content_key* extension() {
  const mosaic_host* host = host_services();
  return static_cast<const mosaic_ext_content_key*>(host->get_extension(host, MOSAIC_EXT_CONTENT_KEY_ID));
}

}  // namespace

TEST_CASE("content key: offered by the host, with its size") {
  const auto* ext = extension();
  REQUIRE(ext != nullptr);
  CHECK(ext->struct_size == sizeof(mosaic_ext_content_key));
  CHECK(static_cast<bool>(ext->of));
}

TEST_CASE("content key: the call's keys by port; 0 outside the call, for other inputs, past the ports") {
  const mosaic_host* host = host_services();
  const auto* ext = extension();
  REQUIRE(ext != nullptr);
  mosaic_port_data ports[2]{};
  const mosaic_inputs inputs{sizeof(mosaic_inputs), 2, ports}, other{sizeof(mosaic_inputs), 2, ports};
  const uint64_t keys[2] = {11, 0};
  CHECK(ext->of(host, &inputs, 0) == 0);
  {
    const CallInputKeys call(&inputs, keys);
    CHECK(ext->of(host, &inputs, 0) == 11);
    CHECK(ext->of(host, &inputs, 1) == 0);  // unknown
    CHECK(ext->of(host, &inputs, 2) == 0);  // no such port
    CHECK(ext->of(host, &other, 0) == 0);   // not this call's table
    CHECK(ext->of(host, nullptr, 0) == 0);
    uint64_t elsewhere = 1;
    std::thread([&] { elsewhere = ext->of(host, &inputs, 0); }).join();
    CHECK(elsewhere == 0);  // another thread makes no call
    {
      const uint64_t inner_keys[2] = {22, 33};
      const CallInputKeys inner(&other, inner_keys);
      CHECK(ext->of(host, &other, 1) == 33);
      CHECK(ext->of(host, &inputs, 0) == 0);
    }
    CHECK(ext->of(host, &inputs, 0) == 11);  // the outer call's again
  }
  CHECK(ext->of(host, &inputs, 0) == 0);
}

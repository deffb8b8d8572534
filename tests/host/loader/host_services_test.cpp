// The host table's extensions about the inputs of the call the thread is making, and only
// while it makes it: mosaic.ext.content_key/1 (a key) and mosaic.ext.shared_timeline/1 (an
// input's 'ts' column, shared, that outlives the input).
#include <doctest/doctest.h>

#include "host/data/arrow_memory.hpp"
#include "host/data/host_owned_check.hpp"
#include "host/data/port_value.hpp"
#include "host/data/shared_timeline.hpp"
#include "host/loader/host_services.hpp"

#include <mosaic/arrow.hpp>
#include <mosaic/ext_content_key.h>
#include <mosaic/ext_library_file.h>
#include <mosaic/ext_shared_timeline.h>

#include <memory>
#include <thread>
#include <vector>

using mosaic::host::CallInputs;
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
    const mosaic::host::PortValue* values[2] = {nullptr, nullptr};
    const CallInputs call(&inputs, keys, values);
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
      const CallInputs inner(&other, inner_keys, values);
      CHECK(ext->of(host, &other, 1) == 33);
      CHECK(ext->of(host, &inputs, 0) == 0);
    }
    CHECK(ext->of(host, &inputs, 0) == 11);  // the outer call's again
  }
  CHECK(ext->of(host, &inputs, 0) == 0);
}

namespace {

const mosaic_ext_shared_timeline* timeline_extension() {
  const mosaic_host* host = host_services();
  return static_cast<const mosaic_ext_shared_timeline*>(host->get_extension(host, MOSAIC_EXT_SHARED_TIMELINE_ID));
}

// A one-asset panel on four days, as the host holds a port.
mosaic::host::PortValue panel_port(const std::string& name) {
  mosaic::Shape shape{{10, 20, 30, 40}, {"AAA"}};
  mosaic::PanelWriter writer(host_services(), shape);
  ArrowSchema schema{};
  ArrowArray array{};
  writer.release_into(&schema, &array);
  return {name, "data", std::make_shared<mosaic::host::ArrowBatch>(&schema, &array), 1.0};
}

}  // namespace

TEST_CASE("shared timeline: offered by the host, with its size") {
  const auto* ext = timeline_extension();
  REQUIRE(ext != nullptr);
  CHECK(ext->struct_size == sizeof(mosaic_ext_shared_timeline));
  CHECK(static_cast<bool>(ext->share));
}

TEST_CASE("shared timeline: an input's ts column without a copy, alive after the input is gone") {
  const mosaic_host* host = host_services();
  const auto* ext = timeline_extension();
  REQUIRE(ext != nullptr);
  auto close = std::make_unique<mosaic::host::PortValue>(panel_port("close"));
  const mosaic::host::PortValue* values[1] = {close.get()};
  mosaic_port_data ports[1] = {{"close", close->batch->schema(), close->batch->array(), 1.0}};
  const mosaic_inputs inputs{sizeof(mosaic_inputs), 1, ports};
  const uint64_t keys[1] = {0};
  const int64_t* shared_rows = mosaic::PanelView(close->batch->schema(), close->batch->array()).ts().data();

  ArrowSchema* schema = nullptr;
  ArrowArray* array = nullptr;
  CHECK(ext->share(host, close->batch->array(), &schema, &array) == MOSAIC_ERR_INVALID_ARGUMENT);  // no call
  CHECK(schema == nullptr);
  {
    const CallInputs call(&inputs, keys, values);
    ArrowArray stranger{};
    CHECK(ext->share(host, &stranger, &schema, &array) == MOSAIC_ERR_INVALID_ARGUMENT);  // not an input
    CHECK(schema == nullptr);
    REQUIRE(ext->share(host, close->batch->array(), &schema, &array) == MOSAIC_OK);
  }
  REQUIRE(schema != nullptr);
  REQUIRE(array != nullptr);
  CHECK(std::string(schema->format) == "tsn:UTC");
  CHECK(std::string(schema->name) == "ts");
  CHECK(array->length == 4);
  CHECK(array->buffers[1] == shared_rows);  // the input's own rows
  CHECK(mosaic::host::check_host_owned(schema, array, host).empty());

  close.reset();  // the input goes; the column keeps its rows
  const auto* rows = static_cast<const int64_t*>(array->buffers[1]) + array->offset;
  CHECK(std::vector<int64_t>(rows, rows + 4) == std::vector<int64_t>{10, 20, 30, 40});
  array->release(array);
  const bool released = array->release == nullptr;
  CHECK(released);
  schema->release(schema);
  host->free(host, array);
  host->free(host, schema);
}

TEST_CASE("shared timeline: a sliced panel's column starts at its first row; a table is refused") {
  const mosaic_host* host = host_services();
  const auto* ext = timeline_extension();
  REQUIRE(ext != nullptr);
  mosaic::host::PortValue close = panel_port("close");
  close.batch->array()->offset = 1;  // rows 20, 30, 40
  close.batch->array()->length = 3;
  mosaic::TableWriter table(host, 1);
  table.add_float64("x", std::vector<double>{1.0});
  ArrowSchema table_schema{};
  ArrowArray table_array{};
  table.release_into(&table_schema, &table_array);
  mosaic::host::PortValue news{"news", "data", std::make_shared<mosaic::host::ArrowBatch>(&table_schema, &table_array),
                               1.0};
  const mosaic::host::PortValue* values[2] = {&close, &news};
  mosaic_port_data ports[2] = {{"close", close.batch->schema(), close.batch->array(), 1.0},
                               {"news", news.batch->schema(), news.batch->array(), 1.0}};
  const mosaic_inputs inputs{sizeof(mosaic_inputs), 2, ports};
  const uint64_t keys[2] = {0, 0};
  const CallInputs call(&inputs, keys, values);
  ArrowSchema* schema = nullptr;
  ArrowArray* array = nullptr;
  CHECK(ext->share(host, news.batch->array(), &schema, &array) == MOSAIC_ERR_INVALID_ARGUMENT);
  CHECK(schema == nullptr);
  REQUIRE(ext->share(host, close.batch->array(), &schema, &array) == MOSAIC_OK);
  CHECK(array->length == 3);
  const auto* rows = static_cast<const int64_t*>(array->buffers[1]) + array->offset;
  CHECK(std::vector<int64_t>(rows, rows + 3) == std::vector<int64_t>{20, 30, 40});
  array->release(array);
  schema->release(schema);
  host->free(host, array);
  host->free(host, schema);
}

TEST_CASE("library file: offered by the host; the initialising library's file inside init, NULL outside") {
  const mosaic_host* host = host_services();
  const auto* ext =
      static_cast<const mosaic_ext_library_file*>(host->get_extension(host, MOSAIC_EXT_LIBRARY_FILE_ID));
  REQUIRE(ext != nullptr);
  CHECK(ext->struct_size == sizeof(mosaic_ext_library_file));
  CHECK(ext->path(host) == nullptr);
  const std::string outer = "/plugins/python.so", inner = "/plugins/other.so";
  {
    const mosaic::host::InitialisingLibrary initialising(outer);
    CHECK(std::string(ext->path(host)) == outer);
    {
      const mosaic::host::InitialisingLibrary nested(inner);
      CHECK(std::string(ext->path(host)) == inner);
    }
    CHECK(std::string(ext->path(host)) == outer);
    std::thread([&] { CHECK(ext->path(host) == nullptr); }).join();  // another thread runs no init
  }
  CHECK(ext->path(host) == nullptr);
}

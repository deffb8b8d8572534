// The checks on what a module emits: where in the tree a problem is, and which row of the
// calendar a panel gets wrong.
#include "host/loader/host_services.hpp"
#include "host/pipeline/output_check.hpp"

#include <mosaic/arrow.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

using namespace mosaic::host;

namespace {

// A two-column panel built the way a module builds one, released when the test is done.
struct Panel {
  ArrowSchema schema{};
  ArrowArray array{};
  explicit Panel(const mosaic::Shape& shape) {
    mosaic::PanelWriter w(host_services(), shape);
    w.release_into(&schema, &array);
  }
  ~Panel() {
    if (array.release) array.release(&array);
    if (schema.release) schema.release(&schema);
  }
};

void foreign_release(ArrowSchema*) {}

const mosaic::Shape kShape{{10, 20, 30, 40}, {"AAA", "BBB"}};

}  // namespace

TEST_CASE("output check: a problem below the root is reported with its path") {
  Panel p(kShape);
  CHECK(check_host_owned(&p.schema, &p.array, host_services()).empty());

  void (*const host_release)(ArrowSchema*) = p.schema.children[2]->release;
  p.schema.children[2]->release = &foreign_release;
  CHECK(check_host_owned(&p.schema, &p.array, host_services()).starts_with("root/BBB: not built through the host"));
  p.schema.children[2]->release = host_release;

  // A child without a name is named by its index.
  const char* name = p.schema.children[1]->name;
  const char* format = p.schema.children[1]->format;
  p.schema.children[1]->name = nullptr;
  p.schema.children[1]->format = nullptr;
  CHECK(check_host_owned(&p.schema, &p.array, host_services()) == "root/1: schema has no format");
  p.schema.children[1]->name = name;
  p.schema.children[1]->format = format;
  CHECK(check_host_owned(&p.schema, &p.array, host_services()).empty());
}

TEST_CASE("output check: a panel's calendar is compared row by row, and the first wrong row named") {
  Panel p(kShape);
  CHECK(check_panel_shape(&p.schema, &p.array, kShape).empty());
  mosaic::Shape other = kShape;
  other.ts[2] = 31;
  CHECK(check_panel_shape(&p.schema, &p.array, other) == "wrong timestamps: row 2 differs from the run's calendar");
  other.ts.push_back(50);
  CHECK(check_panel_shape(&p.schema, &p.array, other) == "wrong length: 4 rows, the run has 5");
}

TEST_CASE("output check: a timeline found equal is remembered, and one on it is not compared again") {
  Panel p(kShape);
  VerifiedTimelines verified;
  CHECK(check_panel_shape(&p.schema, &p.array, kShape, &verified).empty());
  REQUIRE(verified.size() == 1);
  CHECK(verified[0] == static_cast<const int64_t*>(p.array.children[0]->buffers[1]));

  // Taken as verified: the shape is not read again (a different calendar passes).
  mosaic::Shape other = kShape;
  other.ts[2] = 31;
  CHECK(check_panel_shape(&p.schema, &p.array, other, &verified).empty());

  // Without the memo, or on a timeline not in it, the calendar is compared.
  Panel q(kShape);
  CHECK(check_panel_shape(&q.schema, &q.array, other, &verified) == "wrong timestamps: row 2 differs from the run's calendar");
  CHECK(verified.size() == 1);  // a wrong one is not remembered
  CHECK(!check_panel_shape(&p.schema, &p.array, other).empty());
}

TEST_CASE("output check: the timelines of data ports that are the shape's, found once") {
  auto port = [](const mosaic::Shape& shape) {
    mosaic::PanelWriter w(host_services(), shape);
    ArrowSchema schema{};
    ArrowArray array{};
    w.release_into(&schema, &array);
    return PortValue{"p", "data", std::make_shared<ArrowBatch>(&schema, &array), 1.0};
  };
  mosaic::Shape other = kShape;
  other.ts[3] = 41;
  mosaic::TableWriter table(host_services(), 1);
  table.add_float64("x", std::vector<double>{1.0});
  ArrowSchema table_schema{};
  ArrowArray table_array{};
  table.release_into(&table_schema, &table_array);
  const std::map<std::string, PortValue> ports{
      {"close", port(kShape)},
      {"open", port(kShape)},
      {"stale", port(other)},
      {"news", PortValue{"news", "data", std::make_shared<ArrowBatch>(&table_schema, &table_array), 1.0}}};
  const VerifiedTimelines on = timelines_on_shape(ports, kShape);
  REQUIRE(on.size() == 2);
  for (const char* name : {"close", "open"}) {
    const auto* rows = static_cast<const int64_t*>(ports.at(name).batch->array()->children[0]->buffers[1]);
    CHECK(std::find(on.begin(), on.end(), rows) != on.end());
  }
}

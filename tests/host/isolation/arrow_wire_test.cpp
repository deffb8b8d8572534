// Arrow trees written into a shared region and read back, as the host and an isolated
// module's child exchange them: a view reads in place, a copy is host-owned, and a record
// that points outside the region is refused rather than read.
#include <doctest/doctest.h>

#include "host/data/arrow_memory.hpp"
#include "host/isolation/arrow_wire.hpp"
#include "host/loader/host_services.hpp"

#include <mosaic/arrow.hpp>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

using mosaic::host::isolation::ArrowView;
using mosaic::host::isolation::copy_arrow;
using mosaic::host::isolation::RegionWriter;
using mosaic::host::isolation::SharedRegion;
using mosaic::host::isolation::write_arrow;

namespace {

// A struct array of a timestamp, a float64 with a NaN and a utf8 column, built in host
// blocks as modules build outputs.
struct Table {
  ArrowSchema schema{};
  ArrowArray array{};
  Table() {
    mosaic::TableWriter writer(mosaic::host::host_services(), 4);
    const std::vector<int64_t> ts = {1, 2, 3, 4};
    const std::vector<double> x = {1.5, std::nan(""), -2.0, 1e300};
    writer.add_timestamps("ts", ts);
    writer.add_float64("x", x);
    writer.add_strings("name", {"a", "", "ccc", "dd"});
    writer.release_into(&schema, &array);
  }
  ~Table() {
    if (schema.release) schema.release(&schema);
    if (array.release) array.release(&array);
  }
};

void check_same(const ArrowSchema* s, const ArrowArray* a, const Table& t) {
  REQUIRE(std::string(s->format) == "+s");
  REQUIRE(s->n_children == 3);
  REQUIRE(a->n_children == 3);
  CHECK(a->length == 4);
  for (int c = 0; c < 3; ++c) {
    CAPTURE(c);
    CHECK(std::string(s->children[c]->format) == t.schema.children[c]->format);
    CHECK(std::string(s->children[c]->name) == t.schema.children[c]->name);
  }
  CHECK(std::memcmp(a->children[1]->buffers[1], t.array.children[1]->buffers[1], 4 * sizeof(double)) == 0);
  CHECK(std::memcmp(a->children[2]->buffers[2], "acccdd", 6) == 0);
}

}  // namespace

TEST_CASE("arrow wire: a table crosses as a view in place and as a host-owned copy") {
  Table t;
  SharedRegion region("wire-test");
  RegionWriter writer(region);
  std::string error;
  const size_t root = write_arrow(writer, &t.schema, &t.array, error);
  REQUIRE_MESSAGE(root != RegionWriter::kFailed, error);

  ArrowView view;
  REQUIRE_MESSAGE(view.read(region, root, error), error);
  check_same(view.schema(), view.array(), t);
  // In place: the view's buffers are the region's memory.
  const auto* data = static_cast<const uint8_t*>(view.array()->children[1]->buffers[1]);
  CHECK(data >= region.data());
  CHECK(data < region.data() + region.size());

  ArrowSchema s;
  ArrowArray a;
  REQUIRE_MESSAGE(copy_arrow(region, region.file_size(), root, &s, &a, error), error);
  check_same(&s, &a, t);
  CHECK((s.release == &mosaic::host::release_schema));
  CHECK((a.release == &mosaic::host::release_array));
  // The copy outlives what the region held.
  std::memset(region.data(), 0xff, writer.used());
  CHECK(static_cast<const double*>(a.children[1]->buffers[1])[0] == 1.5);
  s.release(&s);
  a.release(&a);
}

TEST_CASE("arrow wire: a record pointing outside the region is refused, not read") {
  Table t;
  SharedRegion region("wire-test");
  RegionWriter writer(region);
  std::string error;
  const size_t root = write_arrow(writer, &t.schema, &t.array, error);
  REQUIRE(root != RegionWriter::kFailed);
  ArrowSchema s;
  ArrowArray a;
  // A root beyond the size the other side claims.
  CHECK_FALSE(copy_arrow(region, region.file_size(), region.file_size() + 64, &s, &a, error));
  CHECK(error.find("outside the shared region") != std::string::npos);
  // A size claim that cuts the tree short.
  error.clear();
  CHECK_FALSE(copy_arrow(region, root + 8, root, &s, &a, error));
  CHECK_FALSE(error.empty());
  CHECK((s.release == nullptr));
  CHECK((a.release == nullptr));
}

TEST_CASE("arrow wire: a format whose buffer sizes are unknown does not cross") {
  Table t;
  const char* saved = t.schema.children[1]->format;
  t.schema.children[1]->format = "w:16";  // fixed-size binary: not a layout the host sizes
  SharedRegion region("wire-test");
  RegionWriter writer(region);
  std::string error;
  CHECK(write_arrow(writer, &t.schema, &t.array, error) == RegionWriter::kFailed);
  CHECK(error.find("'w:16' cannot cross") != std::string::npos);
  t.schema.children[1]->format = saved;
}

// PanelWriter/PanelView and TableWriter/TableView round trips through the Arrow C Data
// Interface, with every block allocated and freed through a counting test host.
#include "test_host.hpp"

#include <mosaic/arrow.hpp>
#include <mosaic/ext_shared_timeline.h>

#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

using sdktest::TestHost;

namespace {

constexpr int64_t kDay = 86'400'000'000'000;

mosaic::Shape make_shape(size_t rows, std::vector<std::string> tickers) {
  mosaic::Shape s;
  for (size_t r = 0; r < rows; ++r) s.ts.push_back(1'700'000'000'000'000'000 + static_cast<int64_t>(r) * kDay);
  s.tickers = std::move(tickers);
  return s;
}

template <class F>
std::pair<int32_t, std::string> error_of(F&& f) {
  try {
    f();
  } catch (const mosaic::Error& e) {
    return {e.status(), e.what()};
  }
  return {MOSAIC_OK, ""};
}

// A record batch of the given columns built with TableWriter: the raw material for
// panels that are well-formed Arrow but not well-formed panels.
struct Batch {
  ArrowSchema schema{};
  ArrowArray array{};
  ~Batch() { sdktest::release(schema, array); }
};

}  // namespace

TEST_CASE("panel: writer -> release_into -> view round trip") {
  TestHost host;
  const mosaic::Shape shape = make_shape(4, {"AAA", "BBB", "CCC"});
  ArrowSchema schema{};
  ArrowArray array{};
  {
    mosaic::PanelWriter w(host, shape);
    CHECK(w.rows() == 4);
    CHECK(w.assets() == 3);
    for (size_t a = 0; a < w.assets(); ++a) {
      REQUIRE(w.column(a).size() == 4);
      for (double v : w.column(a)) CHECK(std::isnan(v));  // every value starts missing
    }
    auto b = w.column(1);
    for (size_t r = 0; r < 4; ++r) b[r] = 10.0 + static_cast<double>(r);
    w.column(2)[3] = -0.5;
    w.release_into(&schema, &array);
  }  // the writer is empty after release_into; destroying it frees nothing twice

  // The base structs are a struct array whose release callbacks are the host's.
  CHECK(std::string(schema.format) == "+s");
  CHECK(schema.n_children == 4);
  CHECK((schema.release == host.get()->schema_release));
  CHECK((array.release == host.get()->array_release));
  CHECK(schema.private_data == nullptr);
  CHECK(array.private_data == nullptr);
  CHECK(array.length == 4);
  CHECK(array.n_children == 4);
  CHECK(array.null_count == 0);
  CHECK(std::string(schema.children[0]->format) == "tsn:UTC");
  CHECK(std::string(schema.children[0]->name) == "ts");
  for (int i = 1; i < 4; ++i) CHECK(std::string(schema.children[i]->format) == "g");

  {
    const mosaic::PanelView view(&schema, &array, "signal.x");
    CHECK(view.rows() == 4);
    CHECK(view.assets() == 3);
    CHECK(view.ticker(0) == "AAA");
    CHECK(view.ticker(1) == "BBB");
    CHECK(view.ticker(2) == "CCC");
    CHECK(view.find("CCC") == 2);
    CHECK(view.find("ZZZ") == view.assets());
    REQUIRE(view.ts().size() == 4);
    for (size_t r = 0; r < 4; ++r) CHECK(view.ts()[r] == shape.ts[r]);
    for (double v : view.column(0)) CHECK(std::isnan(v));
    for (size_t r = 0; r < 4; ++r) CHECK(view.column(1)[r] == 10.0 + static_cast<double>(r));
    CHECK(std::isnan(view.column(2)[0]));
    CHECK(view.column(2)[3] == -0.5);

    const mosaic::Shape back = view.shape();
    CHECK(back.ts == shape.ts);
    CHECK(back.tickers == shape.tickers);
  }

  CHECK(host.live_blocks() > 0);
  sdktest::release(schema, array);
  CHECK((schema.release == nullptr));  // marked released
  CHECK((array.release == nullptr));
  CHECK(host.live_blocks() == 0);
  CHECK(host.clean());
}

TEST_CASE("panel: a writer that is never released frees all its blocks") {
  TestHost host;
  {
    mosaic::PanelWriter w(host, make_shape(100, {"A", "B"}));
    w.column(0)[0] = 1.0;
    CHECK(host.live_blocks() > 0);
  }
  CHECK(host.allocs() > 0);
  CHECK(host.clean());
}

TEST_CASE("panel: ts only, no assets") {
  TestHost host;
  Batch b;
  mosaic::PanelWriter w(host, make_shape(3, {}));
  CHECK(w.assets() == 0);
  w.release_into(&b.schema, &b.array);
  const mosaic::PanelView view(&b.schema, &b.array);
  CHECK(view.rows() == 3);
  CHECK(view.assets() == 0);
  CHECK(view.shape().tickers.empty());
}

TEST_CASE("panel: a zero-row panel") {
  TestHost host;
  Batch b;
  {
    mosaic::PanelWriter w(host, make_shape(0, {"A", "B"}));  // an empty ts: its data() may be null
    CHECK(w.rows() == 0);
    CHECK(w.column(1).empty());
    w.release_into(&b.schema, &b.array);
  }
  const mosaic::PanelView view(&b.schema, &b.array);
  CHECK(view.rows() == 0);
  CHECK(view.assets() == 2);
}

TEST_CASE("panel: a view honours the parent's offset (a sliced panel)") {
  TestHost host;
  Batch b;
  {
    mosaic::PanelWriter w(host, make_shape(5, {"A"}));
    for (size_t r = 0; r < 5; ++r) w.column(0)[r] = static_cast<double>(r);
    w.release_into(&b.schema, &b.array);
  }
  b.array.offset = 2;
  b.array.length = 3;
  const mosaic::PanelView view(&b.schema, &b.array);
  REQUIRE(view.rows() == 3);
  CHECK(view.column(0)[0] == 2.0);
  CHECK(view.column(0)[2] == 4.0);
  CHECK(view.ts()[0] == make_shape(5, {}).ts[2]);
}

namespace {

// A host's mosaic.ext.shared_timeline/1 for the writer test below: a 'ts' column on the
// given panel's buffer, or a refusal.
const mosaic_host* g_sharing_host = nullptr;
int32_t g_share_answer = MOSAIC_OK;
int g_shares = 0;

void release_shared(ArrowArray* a) {
  g_sharing_host->free(g_sharing_host, static_cast<void*>(a->buffers));
  a->release = nullptr;
}

int32_t share(const mosaic_host* host, const ArrowArray* panel, ArrowSchema** schema, ArrowArray** array) {
  ++g_shares;
  if (g_share_answer != MOSAIC_OK) return g_share_answer;
  auto* s = static_cast<ArrowSchema*>(host->alloc(host, sizeof(ArrowSchema), 64));
  auto* a = static_cast<ArrowArray*>(host->alloc(host, sizeof(ArrowArray), 64));
  *s = ArrowSchema{};
  *a = ArrowArray{};
  auto* format = static_cast<char*>(host->alloc(host, 8, 64));
  std::strcpy(format, "tsn:UTC");
  auto* name = static_cast<char*>(host->alloc(host, 3, 64));
  std::strcpy(name, "ts");
  s->format = format;
  s->name = name;
  s->release = host->schema_release;
  auto** buffers = static_cast<const void**>(host->alloc(host, 2 * sizeof(void*), 64));
  buffers[0] = nullptr;
  buffers[1] = panel->children[0]->buffers[1];
  a->buffers = buffers;
  a->n_buffers = 2;
  a->length = panel->length;
  a->offset = panel->children[0]->offset + panel->offset;
  a->release = &release_shared;
  *schema = s;
  *array = a;
  return MOSAIC_OK;
}

const mosaic_ext_shared_timeline kSharing{sizeof(mosaic_ext_shared_timeline), 0, &share};
const void* sharing_extension(const mosaic_host*, const char* id) {
  return std::string_view(id) == MOSAIC_EXT_SHARED_TIMELINE_ID ? &kSharing : nullptr;
}

}  // namespace

TEST_CASE("panel: a writer on an input's view shares its timeline when the host offers it, and copies it otherwise") {
  TestHost host;
  host.table().get_extension = &sharing_extension;
  g_sharing_host = host;
  Batch input;
  {
    mosaic::PanelWriter w(host, make_shape(5, {"A"}));
    w.release_into(&input.schema, &input.array);
  }
  const mosaic::PanelView like(&input.schema, &input.array);
  for (int32_t answer : {MOSAIC_OK, MOSAIC_ERR_INVALID_ARGUMENT}) {
    CAPTURE(answer);
    g_share_answer = answer;
    g_shares = 0;
    Batch out;
    {
      mosaic::PanelWriter w(host, like);
      w.column(0)[4] = 1.5;
      w.release_into(&out.schema, &out.array);
    }
    CHECK(g_shares == 1);
    const mosaic::PanelView view(&out.schema, &out.array);
    CHECK(view.ts().size() == 5);
    CHECK(std::vector<int64_t>(view.ts().begin(), view.ts().end()) == make_shape(5, {}).ts);
    CHECK(view.ticker(0) == "A");
    CHECK(view.column(0)[4] == 1.5);
    CHECK((view.ts().data() == like.ts().data()) == (answer == MOSAIC_OK));  // shared, or a copy
  }
  sdktest::release(input.schema, input.array);
  CHECK(host.clean());  // the shared column freed only its own blocks
}

TEST_CASE("panel: an Unfilled writer leaves the columns to the module, and what it writes reads back") {
  TestHost host;
  Batch input;
  {
    mosaic::PanelWriter w(host, make_shape(6, {"A", "B"}));
    w.release_into(&input.schema, &input.array);
  }
  const mosaic::PanelView like(&input.schema, &input.array);
  Batch out;
  {
    mosaic::PanelWriter w(host, like, mosaic::kUnfilled);
    REQUIRE(w.assets() == 2);
    for (size_t a = 0; a < 2; ++a)
      for (size_t r = 0; r < 6; ++r) w.column(a)[r] = static_cast<double>(10 * a + r);
    w.release_into(&out.schema, &out.array);
  }
  const mosaic::PanelView view(&out.schema, &out.array);
  CHECK(view.ts()[5] == like.ts()[5]);
  CHECK(view.ticker(1) == "B");
  for (size_t a = 0; a < 2; ++a)
    for (size_t r = 0; r < 6; ++r) CHECK(view.column(a)[r] == static_cast<double>(10 * a + r));
}

TEST_CASE("table: writer -> release_into -> view round trip with utf8, int64, float64 and timestamps") {
  TestHost host;
  const std::vector<int64_t> ts = {1'000, 2'000, 3'000};
  const std::vector<int64_t> counts = {-7, 0, 9'000'000'000};
  const std::vector<double> scores = {0.25, -1.0, 1e300};
  const std::vector<std::string> tickers = {"AAA", "", "Zürich AG"};
  ArrowSchema schema{};
  ArrowArray array{};
  {
    mosaic::TableWriter w(host, 3);
    w.add_timestamps("ts", ts);
    w.add_strings("ticker", tickers);
    w.add_int64("count", counts);
    w.add_float64("score", scores);
    w.release_into(&schema, &array);
  }
  CHECK(std::string(schema.format) == "+s");
  CHECK(std::string(schema.children[0]->format) == "tsn:UTC");
  CHECK(std::string(schema.children[1]->format) == "u");
  CHECK(std::string(schema.children[2]->format) == "l");
  CHECK(std::string(schema.children[3]->format) == "g");
  CHECK(array.children[1]->n_buffers == 3);  // validity, offsets, data

  {
    const mosaic::TableView t(&schema, &array, "news");
    CHECK(t.rows() == 3);
    const std::vector<std::string_view> names = t.column_names();
    CHECK(names == std::vector<std::string_view>{"ts", "ticker", "count", "score"});
    CHECK(t.has("ticker"));
    CHECK_FALSE(t.has("headline"));
    for (size_t r = 0; r < 3; ++r) {
      CHECK(t.int64s("ts")[r] == ts[r]);  // timestamps read as int64 nanoseconds
      CHECK(t.string("ticker", r) == tickers[r]);
      CHECK(t.int64s("count")[r] == counts[r]);
      CHECK(t.float64s("score")[r] == scores[r]);
    }
    CHECK(t.int64s("count").size() == 3);
    CHECK(t.float64s("score").size() == 3);

    auto wrong = error_of([&] { (void)t.float64s("count"); });
    CHECK(wrong.first == MOSAIC_ERR_BAD_INPUT);
    CHECK(wrong.second == "table 'news': column 'count' has format 'l', expected 'g'");
    CHECK(error_of([&] { (void)t.int64s("score"); }).first == MOSAIC_ERR_BAD_INPUT);
    CHECK(error_of([&] { (void)t.int64s("ticker"); }).first == MOSAIC_ERR_BAD_INPUT);
    CHECK(error_of([&] { (void)t.string("count", 0); }).first == MOSAIC_ERR_BAD_INPUT);
    auto missing = error_of([&] { (void)t.string("headline", 0); });
    CHECK(missing.first == MOSAIC_ERR_BAD_INPUT);
    CHECK(missing.second == "table 'news': no column 'headline'");
  }
  sdktest::release(schema, array);
  CHECK(host.clean());
}

TEST_CASE("table: a null utf8 entry reads as empty") {
  TestHost host;
  Batch b;
  {
    mosaic::TableWriter w(host, 3);
    w.add_strings("headline", {"up", "ignored", "down"});
    w.release_into(&b.schema, &b.array);
  }
  // Mark row 1 null with a validity bitmap from the host, as a producer would.
  ArrowArray* col = b.array.children[0];
  auto* bits = static_cast<uint8_t*>(host.get()->alloc(host, 1, 0));
  bits[0] = 0b101;
  col->buffers[0] = bits;
  col->null_count = 1;
  const mosaic::TableView t(&b.schema, &b.array);
  CHECK(t.string("headline", 0) == "up");
  CHECK(t.string("headline", 1).empty());
  CHECK(t.string("headline", 2) == "down");
}

TEST_CASE("table: a column with the wrong row count is refused and nothing leaks") {
  TestHost host;
  {
    mosaic::TableWriter w(host, 2);
    w.add_float64("ok", std::vector<double>{1, 2});
    auto e = error_of([&] { w.add_int64("short", std::vector<int64_t>{1}); });
    CHECK(e.first == MOSAIC_ERR_INVALID_ARGUMENT);
    CHECK(e.second == "column 'short' has 1 rows, table has 2");
    CHECK(error_of([&] { w.add_strings("long", {"a", "b", "c"}); }).first == MOSAIC_ERR_INVALID_ARGUMENT);
  }
  CHECK(host.clean());
}

TEST_CASE("table: a zero-row table") {
  TestHost host;
  Batch b;
  {
    mosaic::TableWriter w(host, 0);
    w.add_strings("headline", {});
    w.add_int64("n", std::vector<int64_t>{});
    w.add_float64("x", std::vector<double>{});
    w.release_into(&b.schema, &b.array);
  }
  const mosaic::TableView t(&b.schema, &b.array);
  CHECK(t.rows() == 0);
  CHECK(t.int64s("n").empty());
  CHECK(t.float64s("x").empty());
}

TEST_CASE("panel view: malformed panels are BAD_INPUT errors that say why") {
  TestHost host;
  const std::vector<int64_t> ts = {1, 2};
  const std::vector<double> x = {1.0, 2.0};

  SUBCASE("missing structs") {
    auto e = error_of([] { mosaic::PanelView(nullptr, nullptr, "close"); });
    CHECK(e.first == MOSAIC_ERR_BAD_INPUT);
    CHECK(e.second == "panel 'close': missing Arrow structs");
  }
  SUBCASE("an already released array") {
    Batch b;
    mosaic::PanelWriter(host, make_shape(2, {"A"})).release_into(&b.schema, &b.array);
    ArrowArray released = b.array;
    released.release = nullptr;
    CHECK(error_of([&] { mosaic::PanelView(&b.schema, &released); }).first == MOSAIC_ERR_BAD_INPUT);
  }
  SUBCASE("not a struct array") {
    Batch b;
    mosaic::PanelWriter(host, make_shape(2, {"A"})).release_into(&b.schema, &b.array);
    const char* saved = b.schema.format;
    b.schema.format = "+l";
    auto e = error_of([&] { mosaic::PanelView(&b.schema, &b.array, "close"); });
    b.schema.format = saved;
    CHECK(e.first == MOSAIC_ERR_BAD_INPUT);
    CHECK(e.second == "panel 'close': expected a struct array ('+s'), got '+l'");
  }
  SUBCASE("no columns at all") {
    Batch b;
    mosaic::TableWriter(host, 0).release_into(&b.schema, &b.array);
    auto e = error_of([&] { mosaic::PanelView(&b.schema, &b.array); });
    CHECK(e.first == MOSAIC_ERR_BAD_INPUT);
    CHECK(e.second == "panel: expected a 'ts' column and one column per asset");
  }
  SUBCASE("no ts column") {
    Batch b;
    mosaic::TableWriter w(host, 2);
    w.add_float64("AAA", x);
    w.add_float64("BBB", x);
    w.release_into(&b.schema, &b.array);
    auto e = error_of([&] { mosaic::PanelView(&b.schema, &b.array, "close"); });
    CHECK(e.first == MOSAIC_ERR_BAD_INPUT);
    CHECK(e.second == "panel 'close': child 0 must be 'ts', nanosecond timestamps ('tsn:UTC')");
  }
  SUBCASE("ts stored as plain int64") {
    Batch b;
    mosaic::TableWriter w(host, 2);
    w.add_int64("ts", ts);
    w.add_float64("AAA", x);
    w.release_into(&b.schema, &b.array);
    CHECK(error_of([&] { mosaic::PanelView(&b.schema, &b.array); }).first == MOSAIC_ERR_BAD_INPUT);
  }
  SUBCASE("timestamps not named ts") {
    Batch b;
    mosaic::TableWriter w(host, 2);
    w.add_timestamps("time", ts);
    w.add_float64("AAA", x);
    w.release_into(&b.schema, &b.array);
    CHECK(error_of([&] { mosaic::PanelView(&b.schema, &b.array); }).first == MOSAIC_ERR_BAD_INPUT);
  }
  SUBCASE("an int64 asset column") {
    Batch b;
    mosaic::TableWriter w(host, 2);
    w.add_timestamps("ts", ts);
    w.add_float64("AAA", x);
    w.add_int64("BBB", ts);
    w.release_into(&b.schema, &b.array);
    auto e = error_of([&] { mosaic::PanelView(&b.schema, &b.array, "close"); });
    CHECK(e.first == MOSAIC_ERR_BAD_INPUT);
    CHECK(e.second == "panel 'close': asset column BBB must be float64 ('g')");
  }
  SUBCASE("a utf8 asset column") {
    Batch b;
    mosaic::TableWriter w(host, 2);
    w.add_timestamps("ts", ts);
    w.add_strings("AAA", {"1.0", "2.0"});
    w.release_into(&b.schema, &b.array);
    CHECK(error_of([&] { mosaic::PanelView(&b.schema, &b.array); }).first == MOSAIC_ERR_BAD_INPUT);
  }
  SUBCASE("a column shorter than the panel") {
    Batch b;
    mosaic::PanelWriter(host, make_shape(2, {"A", "B"})).release_into(&b.schema, &b.array);
    b.array.children[2]->length = 1;
    auto e = error_of([&] { mosaic::PanelView(&b.schema, &b.array); });
    CHECK(e.first == MOSAIC_ERR_BAD_INPUT);
    CHECK(e.second == "panel: column B is shorter than the panel");
  }
  SUBCASE("schema and array disagree on the column count") {
    Batch b;
    mosaic::PanelWriter(host, make_shape(2, {"A", "B"})).release_into(&b.schema, &b.array);
    b.array.n_children = 2;
    CHECK(error_of([&] { mosaic::PanelView(&b.schema, &b.array); }).first == MOSAIC_ERR_BAD_INPUT);
    b.array.n_children = 3;  // restore, so release frees every child
  }
  CHECK(host.clean());
}

TEST_CASE("table view: a non-struct array is BAD_INPUT") {
  TestHost host;
  Batch b;
  mosaic::TableWriter w(host, 1);
  w.add_float64("x", std::vector<double>{1.0});
  w.release_into(&b.schema, &b.array);
  ArrowSchema* child = b.schema.children[0];
  auto e = error_of([&] { mosaic::TableView(child, b.array.children[0], "news"); });
  CHECK(e.first == MOSAIC_ERR_BAD_INPUT);
  CHECK(e.second == "table 'news': expected a struct array ('+s')");
  CHECK(error_of([] { mosaic::TableView(nullptr, nullptr); }).first == MOSAIC_ERR_BAD_INPUT);
}

TEST_CASE("writers: a failing host alloc is OUT_OF_MEMORY, at every point, and leaks nothing") {
  // Count the allocations a full build makes, then fail each one in turn.
  size_t total = 0;
  {
    TestHost host;
    Batch b;
    mosaic::PanelWriter w(host, make_shape(3, {"A", "B"}));
    w.release_into(&b.schema, &b.array);
    mosaic::TableWriter t(host, 2);
    t.add_strings("s", {"x", "y"});
    t.add_int64("i", std::vector<int64_t>{1, 2});
    Batch tb;
    t.release_into(&tb.schema, &tb.array);
    total = host.allocs();
  }
  REQUIRE(total > 10);
  for (size_t fail_at = 0; fail_at < total; ++fail_at) {
    CAPTURE(fail_at);
    TestHost host;
    host.fail_after(static_cast<long>(fail_at));
    auto e = error_of([&] {
      Batch b;
      mosaic::PanelWriter w(host, make_shape(3, {"A", "B"}));
      w.release_into(&b.schema, &b.array);
      mosaic::TableWriter t(host, 2);
      t.add_strings("s", {"x", "y"});
      t.add_int64("i", std::vector<int64_t>{1, 2});
      Batch tb;
      t.release_into(&tb.schema, &tb.array);
    });
    CHECK(e.first == MOSAIC_ERR_OUT_OF_MEMORY);
    CHECK(host.live_blocks() == 0);
    CHECK(host.clean());
  }
}

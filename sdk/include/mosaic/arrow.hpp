// mosaic/arrow.hpp: typed access to the Arrow C Data Interface structs that carry panels
// and tables across the ABI. Header-only; used by modules and by the host alike.
//
// Views borrow: they read a struct tree someone else owns and never release it.
// Writers own: they allocate every block through the host's alloc service and, on
// release_into, move the tree into Arrow structs whose release callbacks live in the host,
// so the data outlives the library that built it.
#pragma once

#include <mosaic/error.hpp>
#include <mosaic/ext_shared_timeline.h>
#include <mosaic/mosaic.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace mosaic {

inline constexpr std::string_view kStructFormat = "+s";
inline constexpr std::string_view kTimestampFormat = "tsn:UTC";
inline constexpr std::string_view kFloat64Format = "g";
inline constexpr std::string_view kInt64Format = "l";
inline constexpr std::string_view kUtf8Format = "u";

// Column names of the one-column panels that hold a figure for the whole market or the
// whole portfolio rather than one per asset (regime.p_high_vol, risk.var_95).
inline constexpr std::string_view kMarketColumn = "market";
inline constexpr std::string_view kPortfolioColumn = "portfolio";

// The timeline and universe a panel lives on. Every panel of a run shares the run's ts;
// its columns are the run's universe, or a single kMarketColumn or kPortfolioColumn.
struct Shape {
  std::vector<int64_t> ts;
  std::vector<std::string> tickers;
  size_t rows() const { return ts.size(); }
  size_t assets() const { return tickers.size(); }
  // The same timeline with one aggregate column, e.g. shape.aggregate(kMarketColumn).
  Shape aggregate(std::string_view column) const { return Shape{ts, {std::string(column)}}; }
};

namespace detail {
inline bool is_timestamp_ns(const char* format) {
  return format != nullptr && std::strncmp(format, "tsn:", 4) == 0;
}
inline std::string_view name_of(const ArrowSchema* s) {
  return (s && s->name) ? std::string_view(s->name) : std::string_view();
}
}  // namespace detail

// Read-only view of a PANEL. Construction checks the layout and throws Error(BAD_INPUT)
// with the reason, so a module never indexes a malformed struct.
class PanelView {
 public:
  PanelView(const ArrowSchema* schema, const ArrowArray* array, std::string_view port = {})
      : schema_(schema), array_(array) {
    const std::string where = port.empty() ? std::string("panel") : "panel '" + std::string(port) + "'";
    if (!schema || !array || !schema->format || !array->release)
      throw Error(MOSAIC_ERR_BAD_INPUT, where + ": missing Arrow structs");
    if (std::string_view(schema->format) != kStructFormat)
      throw Error(MOSAIC_ERR_BAD_INPUT, where + ": expected a struct array ('+s'), got '" + schema->format + "'");
    if (schema->n_children < 1 || array->n_children != schema->n_children)
      throw Error(MOSAIC_ERR_BAD_INPUT, where + ": expected a 'ts' column and one column per asset");
    if (!detail::is_timestamp_ns(schema->children[0]->format) || detail::name_of(schema->children[0]) != "ts")
      throw Error(MOSAIC_ERR_BAD_INPUT, where + ": child 0 must be 'ts', nanosecond timestamps ('tsn:UTC')");
    rows_ = static_cast<size_t>(array->length);
    for (int64_t i = 0; i < array->n_children; ++i) {
      const ArrowArray* child = array->children[i];
      if (child->length < array->length + array->offset)
        throw Error(MOSAIC_ERR_BAD_INPUT, where + ": column " + std::string(detail::name_of(schema->children[i])) +
                                              " is shorter than the panel");
      if (child->n_buffers != 2 || child->buffers[1] == nullptr)
        throw Error(MOSAIC_ERR_BAD_INPUT, where + ": column " + std::string(detail::name_of(schema->children[i])) +
                                              " has no data buffer");
      if (i > 0 && std::string_view(schema->children[i]->format) != kFloat64Format)
        throw Error(MOSAIC_ERR_BAD_INPUT, where + ": asset column " + std::string(detail::name_of(schema->children[i])) +
                                              " must be float64 ('g')");
    }
  }

  size_t rows() const { return rows_; }
  size_t assets() const { return static_cast<size_t>(schema_->n_children - 1); }
  std::span<const int64_t> ts() const { return column_of<int64_t>(0); }
  std::span<const double> column(size_t asset) const { return column_of<double>(asset + 1); }
  std::string_view ticker(size_t asset) const { return detail::name_of(schema_->children[asset + 1]); }
  // Index of a ticker, or assets() when absent.
  size_t find(std::string_view ticker_name) const {
    for (size_t a = 0; a < assets(); ++a)
      if (ticker(a) == ticker_name) return a;
    return assets();
  }
  // The viewed struct array, e.g. to name this panel to the host.
  const ArrowArray* array() const { return array_; }
  Shape shape() const {
    Shape s;
    auto t = ts();
    s.ts.assign(t.begin(), t.end());
    for (size_t a = 0; a < assets(); ++a) s.tickers.emplace_back(ticker(a));
    return s;
  }

 private:
  template <class T>
  std::span<const T> column_of(size_t child) const {
    const ArrowArray* c = array_->children[child];
    const T* data = static_cast<const T*>(c->buffers[1]) + c->offset + array_->offset;
    return {data, rows_};
  }
  const ArrowSchema* schema_;
  const ArrowArray* array_;
  size_t rows_ = 0;
};

// Read-only view of a TABLE: named columns of utf8, int64, float64 or timestamps.
class TableView {
 public:
  TableView(const ArrowSchema* schema, const ArrowArray* array, std::string_view port = {})
      : schema_(schema), array_(array), port_(port) {
    if (!schema || !array || !schema->format || std::string_view(schema->format) != kStructFormat ||
        array->n_children != schema->n_children)
      throw Error(MOSAIC_ERR_BAD_INPUT, "table '" + port_ + "': expected a struct array ('+s')");
  }
  size_t rows() const { return static_cast<size_t>(array_->length); }
  bool has(std::string_view column) const { return index_of(column) >= 0; }
  std::vector<std::string_view> column_names() const {
    std::vector<std::string_view> names;
    for (int64_t i = 0; i < schema_->n_children; ++i) names.push_back(detail::name_of(schema_->children[i]));
    return names;
  }
  // A utf8 value; empty for a null entry.
  std::string_view string(std::string_view column, size_t row) const {
    auto [s, a] = child(column, kUtf8Format);
    if (is_null(a, row)) return {};
    const auto* offsets = static_cast<const int32_t*>(a->buffers[1]) + a->offset + array_->offset;
    const char* data = static_cast<const char*>(a->buffers[2]);
    return {data + offsets[row], static_cast<size_t>(offsets[row + 1] - offsets[row])};
  }
  std::span<const int64_t> int64s(std::string_view column) const {
    auto [s, a] = child(column, {});
    if (!(std::string_view(s->format) == kInt64Format || detail::is_timestamp_ns(s->format)))
      throw Error(MOSAIC_ERR_BAD_INPUT, "table '" + port_ + "': column '" + std::string(column) + "' is not int64");
    return {static_cast<const int64_t*>(a->buffers[1]) + a->offset + array_->offset, rows()};
  }
  std::span<const double> float64s(std::string_view column) const {
    auto [s, a] = child(column, kFloat64Format);
    return {static_cast<const double*>(a->buffers[1]) + a->offset + array_->offset, rows()};
  }

 private:
  int64_t index_of(std::string_view column) const {
    for (int64_t i = 0; i < schema_->n_children; ++i)
      if (detail::name_of(schema_->children[i]) == column) return i;
    return -1;
  }
  std::pair<const ArrowSchema*, const ArrowArray*> child(std::string_view column, std::string_view format) const {
    int64_t i = index_of(column);
    if (i < 0) throw Error(MOSAIC_ERR_BAD_INPUT, "table '" + port_ + "': no column '" + std::string(column) + "'");
    const ArrowSchema* s = schema_->children[i];
    if (!format.empty() && std::string_view(s->format) != format)
      throw Error(MOSAIC_ERR_BAD_INPUT, "table '" + port_ + "': column '" + std::string(column) + "' has format '" +
                                            s->format + "', expected '" + std::string(format) + "'");
    return {s, array_->children[i]};
  }
  bool is_null(const ArrowArray* a, size_t row) const {
    if (a->null_count == 0 || a->buffers[0] == nullptr) return false;
    const auto* bits = static_cast<const uint8_t*>(a->buffers[0]);
    size_t i = row + static_cast<size_t>(a->offset + array_->offset);
    return ((bits[i / 8] >> (i % 8)) & 1) == 0;
  }
  const ArrowSchema* schema_;
  const ArrowArray* array_;
  std::string port_;
};

namespace detail {

// Allocation through the host, so the host's release callbacks can free every block.
inline void* host_alloc(const mosaic_host* host, size_t bytes) {
  void* p = host->alloc(host, bytes == 0 ? 1 : bytes, 64);
  if (!p) throw Error(MOSAIC_ERR_OUT_OF_MEMORY, "host alloc of " + std::to_string(bytes) + " bytes failed");
  return p;
}
template <class T>
T* host_new_array(const mosaic_host* host, size_t n) {
  auto* p = static_cast<T*>(host_alloc(host, sizeof(T) * n));
  std::memset(static_cast<void*>(p), 0, sizeof(T) * n);
  return p;
}
// Uninitialised storage, for buffers the caller fills completely right away.
template <class T>
T* host_alloc_array(const mosaic_host* host, size_t n) {
  return static_cast<T*>(host_alloc(host, sizeof(T) * n));
}
inline const char* host_strdup(const mosaic_host* host, std::string_view s) {
  char* p = host_new_array<char>(host, s.size() + 1);
  std::copy_n(s.data(), s.size(), p);  // not memcpy: an empty view may have a null data()
  return p;
}

// One column under construction: its schema and array nodes, with every block from the
// host. Until released into a parent it frees itself.
class ColumnNode {
 public:
  ColumnNode(const mosaic_host* host, std::string_view name, std::string_view format, int64_t length,
             size_t n_buffers)
      : host_(host) {
    // Each block is owned by a node the release callbacks can walk as soon as it exists,
    // so a failed alloc half-way frees what came before it.
    try {
      schema_ = host_new_array<ArrowSchema>(host, 1);
      schema_->release = host->schema_release;
      array_ = host_new_array<ArrowArray>(host, 1);
      array_->release = host->array_release;
      schema_->format = host_strdup(host, format);
      schema_->name = host_strdup(host, name);
      array_->length = length;
      array_->buffers = const_cast<const void**>(host_new_array<void*>(host, n_buffers));
      array_->n_buffers = static_cast<int64_t>(n_buffers);
    } catch (...) {
      free_nodes();
      throw;
    }
  }
  // Takes over a column the host built (its structs from the host's alloc, unreleased).
  ColumnNode(const mosaic_host* host, ArrowSchema* schema, ArrowArray* array)
      : host_(host), schema_(schema), array_(array) {}
  ColumnNode(const ColumnNode&) = delete;
  ColumnNode& operator=(const ColumnNode&) = delete;
  ColumnNode(ColumnNode&& o) noexcept : host_(o.host_), schema_(o.schema_), array_(o.array_) {
    o.schema_ = nullptr;
    o.array_ = nullptr;
  }
  ~ColumnNode() { free_nodes(); }
  void set_buffer(size_t i, void* block) { array_->buffers[i] = block; }
  void* buffer(size_t i) const { return const_cast<void*>(array_->buffers[i]); }
  std::pair<ArrowSchema*, ArrowArray*> take() {
    auto r = std::make_pair(schema_, array_);
    schema_ = nullptr;
    array_ = nullptr;
    return r;
  }

 private:
  void free_nodes() noexcept {
    if (schema_) { schema_->release(schema_); host_->free(host_, schema_); }
    if (array_) { array_->release(array_); host_->free(host_, array_); }
    schema_ = nullptr;
    array_ = nullptr;
  }
  const mosaic_host* host_;
  ArrowSchema* schema_ = nullptr;
  ArrowArray* array_ = nullptr;
};

// Moves columns into a struct record batch written into caller-provided base structs.
// On an allocation failure the base structs are left released and the columns stay with
// the caller, so nothing leaks.
inline void assemble_struct(const mosaic_host* host, std::vector<ColumnNode>& columns, int64_t length,
                            ArrowSchema* out_schema, ArrowArray* out_array) {
  const size_t n = columns.size();
  *out_schema = ArrowSchema{};
  out_schema->release = host->schema_release;
  *out_array = ArrowArray{};
  out_array->release = host->array_release;
  try {
    out_schema->format = host_strdup(host, kStructFormat);
    out_schema->name = host_strdup(host, "");
    out_schema->children = host_new_array<ArrowSchema*>(host, n);
    out_array->buffers = const_cast<const void**>(host_new_array<void*>(host, 1));
    out_array->n_buffers = 1;
    out_array->children = host_new_array<ArrowArray*>(host, n);
  } catch (...) {
    out_array->release(out_array);
    out_schema->release(out_schema);
    throw;
  }
  // Nothing below allocates.
  for (size_t i = 0; i < n; ++i) std::tie(out_schema->children[i], out_array->children[i]) = columns[i].take();
  columns.clear();
  out_schema->n_children = static_cast<int64_t>(n);
  out_array->n_children = static_cast<int64_t>(n);
  out_array->length = length;
}

}  // namespace detail

// Asks for a panel whose columns are left as allocated instead of NaN, for a module that
// writes every value of every column before it returns: a search calls it thousands of
// times, and the fill is a write of the whole panel. A value left unwritten is garbage.
struct Unfilled {};
inline constexpr Unfilled kUnfilled{};

// Builds a PANEL on a given Shape, or on the timeline and assets of an input panel. Every
// asset column starts as NaN (missing), unless asked for Unfilled.
class PanelWriter {
 public:
  PanelWriter(const mosaic_host* host, const Shape& shape) : host_(host), rows_(shape.rows()) {
    start(shape.ts.data(), shape.assets());
    for (const auto& ticker : shape.tickers) add_column(ticker);
  }
  // On `like`'s timeline and assets, without copying them into a Shape first: a module that
  // runs once per configuration of a search saves a copy of the timeline a call. When `like`
  // is an input of the running call and the host offers mosaic.ext.shared_timeline/1, the
  // timeline is not copied at all: the panel shares the input's.
  PanelWriter(const mosaic_host* host, const PanelView& like) : PanelWriter(host, like, true) {}
  PanelWriter(const mosaic_host* host, const PanelView& like, Unfilled) : PanelWriter(host, like, false) {}
  size_t rows() const { return rows_; }
  size_t assets() const { return columns_.size() - 1; }
  std::span<double> column(size_t asset) {
    return {static_cast<double*>(columns_.at(asset + 1).buffer(1)), rows_};
  }
  // Moves the panel into the base structs; the writer is empty afterwards.
  void release_into(ArrowSchema* schema, ArrowArray* array) {
    detail::assemble_struct(host_, columns_, static_cast<int64_t>(rows_), schema, array);
  }

 private:
  void start(const int64_t* timeline, size_t assets) {
    columns_.reserve(assets + 1);
    columns_.emplace_back(host_, "ts", kTimestampFormat, static_cast<int64_t>(rows_), 2);
    auto* ts = detail::host_alloc_array<int64_t>(host_, rows_);
    std::copy_n(timeline, rows_, ts);  // not memcpy: a zero-row span may be null
    columns_.back().set_buffer(1, ts);
  }
  bool share_timeline(const PanelView& like) {
    const auto* ext = static_cast<const mosaic_ext_shared_timeline*>(
        host_->get_extension ? host_->get_extension(host_, MOSAIC_EXT_SHARED_TIMELINE_ID) : nullptr);
    if (!ext || ext->struct_size < sizeof(mosaic_ext_shared_timeline) || !ext->share) return false;
    ArrowSchema* schema = nullptr;
    ArrowArray* array = nullptr;
    if (ext->share(host_, like.array(), &schema, &array) != MOSAIC_OK) return false;
    columns_.reserve(like.assets() + 1);
    columns_.emplace_back(host_, schema, array);
    return true;
  }
  PanelWriter(const mosaic_host* host, const PanelView& like, bool fill) : host_(host), rows_(like.rows()) {
    if (!share_timeline(like)) start(like.ts().data(), like.assets());
    for (size_t a = 0; a < like.assets(); ++a) add_column(std::string(like.ticker(a)), fill);
  }
  void add_column(const std::string& ticker, bool fill = true) {
    columns_.emplace_back(host_, ticker, kFloat64Format, static_cast<int64_t>(rows_), 2);
    auto* values = detail::host_alloc_array<double>(host_, rows_);
    if (fill) std::fill(values, values + rows_, std::numeric_limits<double>::quiet_NaN());
    columns_.back().set_buffer(1, values);
  }

  const mosaic_host* host_;
  size_t rows_;
  std::vector<detail::ColumnNode> columns_;
};

// Builds a TABLE column by column.
class TableWriter {
 public:
  TableWriter(const mosaic_host* host, size_t rows) : host_(host), rows_(rows) {}
  void add_int64(std::string_view name, std::span<const int64_t> values, std::string_view format = kInt64Format) {
    check_rows(name, values.size());
    columns_.emplace_back(host_, name, format, static_cast<int64_t>(rows_), 2);
    auto* data = detail::host_new_array<int64_t>(host_, rows_);
    std::copy_n(values.data(), rows_, data);  // not memcpy: a zero-row span may be null
    columns_.back().set_buffer(1, data);
  }
  void add_timestamps(std::string_view name, std::span<const int64_t> values) {
    add_int64(name, values, kTimestampFormat);
  }
  void add_float64(std::string_view name, std::span<const double> values) {
    check_rows(name, values.size());
    columns_.emplace_back(host_, name, kFloat64Format, static_cast<int64_t>(rows_), 2);
    auto* data = detail::host_new_array<double>(host_, rows_);
    std::copy_n(values.data(), rows_, data);
    columns_.back().set_buffer(1, data);
  }
  void add_strings(std::string_view name, const std::vector<std::string>& values) {
    check_rows(name, values.size());
    size_t total = 0;
    for (const auto& v : values) total += v.size();
    if (total > static_cast<size_t>(std::numeric_limits<int32_t>::max()))
      throw Error(MOSAIC_ERR_INVALID_ARGUMENT, "column '" + std::string(name) + "' exceeds 2 GiB of text");
    columns_.emplace_back(host_, name, kUtf8Format, static_cast<int64_t>(rows_), 3);
    auto* offsets = detail::host_new_array<int32_t>(host_, rows_ + 1);
    columns_.back().set_buffer(1, offsets);  // owned by the column before the next alloc
    auto* data = detail::host_new_array<char>(host_, total);
    columns_.back().set_buffer(2, data);
    int32_t at = 0;
    for (size_t i = 0; i < rows_; ++i) {
      offsets[i] = at;
      std::memcpy(data + at, values[i].data(), values[i].size());
      at += static_cast<int32_t>(values[i].size());
    }
    offsets[rows_] = at;
  }
  void release_into(ArrowSchema* schema, ArrowArray* array) {
    detail::assemble_struct(host_, columns_, static_cast<int64_t>(rows_), schema, array);
  }

 private:
  void check_rows(std::string_view name, size_t n) const {
    if (n != rows_)
      throw Error(MOSAIC_ERR_INVALID_ARGUMENT, "column '" + std::string(name) + "' has " + std::to_string(n) +
                                                   " rows, table has " + std::to_string(rows_));
  }
  const mosaic_host* host_;
  size_t rows_;
  std::vector<detail::ColumnNode> columns_;
};

}  // namespace mosaic

#include "host/isolation/arrow_wire.hpp"

#include "host/data/arrow_buffers.hpp"
#include "host/data/arrow_memory.hpp"

#include <fmt/format.h>

#include <cstring>
#include <memory>

namespace mosaic::host::isolation {
namespace {

constexpr uint64_t kNone = UINT64_MAX;

struct Span {
  uint64_t at = kNone;  // offset in the region, kNone for a NULL pointer
  uint64_t bytes = 0;
};

// One node of the tree. Strings are spans that include their terminating NUL.
struct Node {
  int64_t length, null_count, offset, n_buffers, n_children, flags;
  Span format, name, metadata;
  uint64_t buffers;   // n_buffers Spans
  uint64_t children;  // n_children node offsets
};

constexpr int64_t kMaxFanOut = 1 << 20;  // buffers or children of one node: beyond is a corrupt record

Span put_span(RegionWriter& out, const void* data, size_t bytes) {
  if (!data) return {};
  const size_t at = out.put(data, bytes);
  return {at == RegionWriter::kFailed ? kNone : at, bytes};
}

size_t write_node(RegionWriter& out, const ArrowSchema* s, const ArrowArray* a, std::string& error) {
  const auto fail = [&](std::string why) {
    if (error.empty()) error = std::move(why);
    return RegionWriter::kFailed;
  };
  if (!s || !a || !s->format) return fail("an Arrow struct is missing");
  if (s->dictionary || a->dictionary) return fail(fmt::format("format '{}': dictionaries cannot cross", s->format));
  if (s->n_children != a->n_children)
    return fail(fmt::format("format '{}': schema has {} children, array {}", s->format, s->n_children, a->n_children));
  const size_t node_at = out.allocate(sizeof(Node));
  if (node_at == RegionWriter::kFailed) return fail("the shared region is full");
  Node n{a->length, a->null_count, a->offset, a->n_buffers, a->n_children, s->flags, {}, {}, {}, kNone, kNone};
  n.format = put_span(out, s->format, std::strlen(s->format) + 1);
  n.name = put_span(out, s->name, s->name ? std::strlen(s->name) + 1 : 0);
  n.metadata = put_span(out, s->metadata, arrow_metadata_bytes(s->metadata));
  std::vector<Span> buffers(static_cast<size_t>(a->n_buffers));
  for (int64_t i = 0; i < a->n_buffers; ++i) {
    const auto bytes = arrow_buffer_bytes(s, a, i);
    if (!bytes) return fail(fmt::format("format '{}' cannot cross to an isolated module (its buffer sizes are unknown "
                                        "to the host)", s->format));
    buffers[static_cast<size_t>(i)] = put_span(out, a->buffers[i], *bytes);
  }
  n.buffers = out.put(buffers.data(), buffers.size() * sizeof(Span));
  std::vector<uint64_t> children(static_cast<size_t>(a->n_children));
  for (int64_t c = 0; c < a->n_children; ++c) {
    children[static_cast<size_t>(c)] = write_node(out, s->children[c], a->children[c], error);
    if (children[static_cast<size_t>(c)] == RegionWriter::kFailed) return RegionWriter::kFailed;
  }
  n.children = out.put(children.data(), children.size() * sizeof(uint64_t));
  if (n.buffers == RegionWriter::kFailed || n.children == RegionWriter::kFailed) return fail("the shared region is full");
  for (const Span* span : {&n.format, &n.name, &n.metadata})
    if (span->bytes && span->at == kNone) return fail("the shared region is full");
  for (const Span& b : buffers)
    if (b.bytes && b.at == kNone) return fail("the shared region is full");
  std::memcpy(out.at(node_at), &n, sizeof n);
  return node_at;
}

// Reads records with every offset checked against the region's size.
struct Reader {
  const uint8_t* base;
  size_t size;
  std::string& error;

  bool fits(uint64_t at, uint64_t bytes) const { return at <= size && bytes <= size - at; }
  bool node(uint64_t at, Node& n) const {
    if (!fits(at, sizeof(Node))) return fail("a record lies outside the shared region");
    std::memcpy(&n, base + at, sizeof n);
    if (n.n_buffers < 0 || n.n_children < 0 || n.n_buffers > kMaxFanOut || n.n_children > kMaxFanOut)
      return fail("a record has an impossible number of buffers or children");
    if (!fits(n.buffers, static_cast<uint64_t>(n.n_buffers) * sizeof(Span)) ||
        !fits(n.children, static_cast<uint64_t>(n.n_children) * sizeof(uint64_t)))
      return fail("a record's lists lie outside the shared region");
    return span(n.format, true) && span(n.name, true) && span(n.metadata, false);
  }
  bool span(const Span& s, bool text) const {
    if (s.at == kNone) return true;
    if (!fits(s.at, s.bytes)) return fail("a buffer lies outside the shared region");
    if (text && (s.bytes == 0 || base[s.at + s.bytes - 1] != 0)) return fail("a string is not terminated");
    return true;
  }
  Span buffer(const Node& n, int64_t i) const {
    Span s;
    std::memcpy(&s, base + n.buffers + static_cast<size_t>(i) * sizeof(Span), sizeof s);
    return s;
  }
  uint64_t child(const Node& n, int64_t c) const {
    uint64_t at;
    std::memcpy(&at, base + n.children + static_cast<size_t>(c) * sizeof(uint64_t), sizeof at);
    return at;
  }
  bool fail(const char* why) const {
    if (error.empty()) error = why;
    return false;
  }
};

void noop_release_schema(ArrowSchema* s) { s->release = nullptr; }
void noop_release_array(ArrowArray* a) { a->release = nullptr; }

char* copy_text(const uint8_t* base, const Span& s) {
  if (s.at == kNone) return nullptr;
  auto* p = static_cast<char*>(arrow_alloc(s.bytes, 0));
  if (p) std::memcpy(p, base + s.at, s.bytes);
  return p;
}

// Fills *s and *a (already zeroed, owned by the caller) from the record at `at`. On
// failure the partly built tree is still releasable.
bool copy_node(const Reader& r, uint64_t at, ArrowSchema* s, ArrowArray* a, int depth) {
  Node n;
  if (depth > 64) return r.fail("the tree is nested too deeply");
  if (!r.node(at, n)) return false;
  s->release = &release_schema;
  a->release = &release_array;
  s->flags = n.flags;
  s->format = copy_text(r.base, n.format);
  s->name = copy_text(r.base, n.name);
  s->metadata = copy_text(r.base, n.metadata);
  a->length = n.length;
  a->null_count = n.null_count;
  a->offset = n.offset;
  auto* buffers = static_cast<const void**>(arrow_alloc(sizeof(void*) * static_cast<size_t>(n.n_buffers) + 1, 0));
  if (!buffers) return r.fail("out of memory copying an output");
  a->buffers = buffers;
  for (int64_t i = 0; i < n.n_buffers; ++i) {
    const Span b = r.buffer(n, i);
    if (!r.span(b, false)) return false;
    buffers[i] = nullptr;
    a->n_buffers = i + 1;
    if (b.at == kNone) continue;
    void* p = arrow_alloc(b.bytes ? b.bytes : 1, 0);
    if (!p) return r.fail("out of memory copying an output");
    std::memcpy(p, r.base + b.at, b.bytes);
    buffers[i] = p;
  }
  a->n_buffers = n.n_buffers;
  const size_t k = static_cast<size_t>(n.n_children);
  s->children = static_cast<ArrowSchema**>(arrow_alloc(sizeof(ArrowSchema*) * k + 1, 0));
  a->children = static_cast<ArrowArray**>(arrow_alloc(sizeof(ArrowArray*) * k + 1, 0));
  if (!s->children || !a->children) return r.fail("out of memory copying an output");
  for (int64_t c = 0; c < n.n_children; ++c) {
    auto* cs = static_cast<ArrowSchema*>(arrow_alloc(sizeof(ArrowSchema), 0));
    auto* ca = static_cast<ArrowArray*>(arrow_alloc(sizeof(ArrowArray), 0));
    if (!cs || !ca) {
      arrow_free(cs);
      arrow_free(ca);
      return r.fail("out of memory copying an output");
    }
    *cs = ArrowSchema{};
    *ca = ArrowArray{};
    s->children[c] = cs;
    a->children[c] = ca;
    s->n_children = a->n_children = c + 1;
    if (!copy_node(r, r.child(n, c), cs, ca, depth + 1)) return false;
  }
  return true;
}

}  // namespace

size_t write_arrow(RegionWriter& out, const ArrowSchema* schema, const ArrowArray* array, std::string& error) {
  return write_node(out, schema, array, error);
}

struct ViewBuilder {
  ArrowView& v;
  const Reader& r;
  bool build(uint64_t at, ArrowSchema* s, ArrowArray* a, int depth) {
    Node n;
    if (depth > 64) return r.fail("the tree is nested too deeply");
    if (!r.node(at, n)) return false;
    auto text = [&](const Span& sp) { return sp.at == kNone ? nullptr : reinterpret_cast<const char*>(r.base + sp.at); };
    *s = ArrowSchema{text(n.format), text(n.name), text(n.metadata), n.flags, n.n_children, nullptr, nullptr,
                     &noop_release_schema, nullptr};
    *a = ArrowArray{n.length, n.null_count, n.offset, n.n_buffers, n.n_children, nullptr, nullptr, nullptr,
                    &noop_release_array, nullptr};
    auto& buffers = v.buffers_.emplace_back(static_cast<size_t>(n.n_buffers), nullptr);
    for (int64_t i = 0; i < n.n_buffers; ++i) {
      const Span b = r.buffer(n, i);
      if (!r.span(b, false)) return false;
      if (b.at != kNone) buffers[static_cast<size_t>(i)] = r.base + b.at;
    }
    a->buffers = buffers.data();
    auto& sc = v.schema_children_.emplace_back();
    auto& ac = v.array_children_.emplace_back();
    for (int64_t c = 0; c < n.n_children; ++c) {
      sc.push_back(&v.schemas_.emplace_back());
      ac.push_back(&v.arrays_.emplace_back());
      if (!build(r.child(n, c), sc.back(), ac.back(), depth + 1)) return false;
    }
    s->children = sc.data();
    a->children = ac.data();
    return true;
  }
};

bool ArrowView::read(const SharedRegion& region, size_t root, std::string& error) {
  schemas_.clear();
  arrays_.clear();
  buffers_.clear();
  schema_children_.clear();
  array_children_.clear();
  const Reader r{region.data(), region.size(), error};
  ViewBuilder b{*this, r};
  ArrowSchema* s = &schemas_.emplace_back();
  ArrowArray* a = &arrays_.emplace_back();
  return b.build(root, s, a, 0);
}

bool copy_arrow(const SharedRegion& region, size_t region_size, size_t root, ArrowSchema* schema, ArrowArray* array,
                std::string& error) {
  *schema = ArrowSchema{};
  *array = ArrowArray{};
  const Reader r{region.data(), region_size, error};
  if (copy_node(r, root, schema, array, 0)) return true;
  release_schema(schema);
  release_array(array);
  return false;
}

}  // namespace mosaic::host::isolation

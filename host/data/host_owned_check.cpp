#include "host/data/host_owned_check.hpp"

#include "host/data/shared_timeline.hpp"

#include <fmt/format.h>

namespace mosaic::host {

namespace {

// Where a node sits in the tree ("root/AAPL", "root/3/dictionary"): a chain on the stack,
// spelled out only for a failure. Every output is checked on every run, and formatting
// each column's path up front cost more than the checks themselves.
struct NodePath {
  const NodePath* parent = nullptr;
  const ArrowSchema* schema = nullptr;  // the child's schema, for its name
  int64_t index = -1;                   // the child's index; -1 for the root or a dictionary
  bool dictionary = false;

  std::string str() const {
    if (!parent) return "root";
    if (dictionary) return parent->str() + "/dictionary";
    return fmt::format("{}/{}", parent->str(),
                       schema && schema->name ? std::string(schema->name) : std::to_string(index));
  }
};

std::string check_node(const ArrowSchema* s, const ArrowArray* a, const mosaic_host* host, const NodePath& path,
                       int depth) {
  if (depth > 64) return path.str() + ": nested too deeply";
  if (!s || !a) return path.str() + ": missing schema or array";
  // A column that shares an input's timeline (mosaic.ext.shared_timeline/1) has a release
  // of its own, the host's as well.
  if (s->release != host->schema_release || (a->release != host->array_release && a->release != &release_shared_column))
    return path.str() + ": not built through the host (its release callback is not the host's); allocate outputs "
                        "with the host's alloc service and install its array_release/schema_release";
  if (!s->format) return path.str() + ": schema has no format";
  if (s->n_children != a->n_children || s->n_children < 0)
    return fmt::format("{}: schema has {} children, array has {}", path.str(), s->n_children, a->n_children);
  if (a->n_buffers < 0 || (a->n_buffers > 0 && !a->buffers)) return path.str() + ": array has no buffer list";
  if (a->length < 0 || a->offset < 0) return path.str() + ": negative length or offset";
  if (s->n_children > 0 && (!s->children || !a->children)) return path.str() + ": children list is NULL";
  for (int64_t i = 0; i < s->n_children; ++i) {
    const NodePath child{&path, s->children[i], i, false};
    if (std::string why = check_node(s->children[i], a->children[i], host, child, depth + 1); !why.empty()) return why;
  }
  if (s->dictionary || a->dictionary) {
    const NodePath dict{&path, nullptr, -1, true};
    if (std::string why = check_node(s->dictionary, a->dictionary, host, dict, depth + 1); !why.empty()) return why;
  }
  return {};
}

}  // namespace

std::string check_host_owned(const ArrowSchema* schema, const ArrowArray* array, const mosaic_host* host) {
  return check_node(schema, array, host, NodePath{}, 0);
}

}  // namespace mosaic::host

// Arrow data across the process boundary of an isolated module. A schema and array tree is
// written into a shared region as position-independent records (offsets, not pointers);
// the other side reads it back either as a view whose buffers point into its own mapping
// (the child's inputs: no copy) or as a host-owned copy (the host's outputs: they must
// outlive the region's next use and the child itself).
#pragma once

#include "host/isolation/shared_region.hpp"

#include <mosaic/mosaic.h>

#include <deque>
#include <string>
#include <vector>

namespace mosaic::host::isolation {

// Writes the tree; returns the offset of its root record, or RegionWriter::kFailed with
// `error` set (a format whose buffer sizes are unknown, a dictionary, a full region).
size_t write_arrow(RegionWriter& out, const ArrowSchema* schema, const ArrowArray* array, std::string& error);

// Arrow structs over a region, valid while the view and the region live. Their release
// callbacks do nothing: the memory is the region's. For module inputs, which modules only read.
class ArrowView {
 public:
  // Returns false with `error` set for a record that does not fit the region.
  bool read(const SharedRegion& region, size_t root, std::string& error);
  const ArrowSchema* schema() const { return &schemas_.front(); }
  const ArrowArray* array() const { return &arrays_.front(); }

 private:
  std::deque<ArrowSchema> schemas_;
  std::deque<ArrowArray> arrays_;
  std::deque<std::vector<const void*>> buffers_;
  std::deque<std::vector<ArrowSchema*>> schema_children_;
  std::deque<std::vector<ArrowArray*>> array_children_;
  friend struct ViewBuilder;
};

// Copies the tree at `root` into blocks of the host's allocator, laid out as mosaic.h's
// array_release / schema_release expect; the caller owns *schema and *array. Every offset is
// checked against `region_size` first: a child cannot make the host read outside the region.
bool copy_arrow(const SharedRegion& region, size_t region_size, size_t root, ArrowSchema* schema, ArrowArray* array,
                std::string& error);

}  // namespace mosaic::host::isolation

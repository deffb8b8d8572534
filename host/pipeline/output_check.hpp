// Checks what a module emitted before anything downstream sees it.
#pragma once

#include "host/data/host_owned_check.hpp"
#include "host/data/port_value.hpp"

#include <mosaic/arrow.hpp>
#include <mosaic/mosaic.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mosaic::host {

// Timelines (the address of their first row) found equal to a run's calendar, for the life
// of their panels: a panel on one of them needs no comparison. A search's outputs mostly share
// their input's timeline (mosaic.ext.shared_timeline/1), and comparing it cost each a read of
// the whole timeline.
using VerifiedTimelines = std::vector<const int64_t*>;

// The timelines of `ports`' panels that are `shape`'s, compared once: for a caller that runs
// a pipeline many times on the same data (Pipeline::run's `known`).
VerifiedTimelines timelines_on_shape(const std::map<std::string, PortValue>& ports, const Shape& shape);

// "" when the panel has the run's shape (ts column, length, timestamps, universe in
// order); otherwise the first difference, in words. With `verified`, a timeline there is
// taken as equal, and one found equal is added.
std::string check_panel_shape(const ArrowSchema* schema, const ArrowArray* array, const Shape& shape,
                              VerifiedTimelines* verified = nullptr);

// "" when the table is a well-formed struct array.
std::string check_table(const ArrowSchema* schema, const ArrowArray* array);

}  // namespace mosaic::host

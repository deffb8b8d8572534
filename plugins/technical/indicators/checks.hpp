#pragma once
// Argument checks shared by the indicators. Each throws std::invalid_argument with a message
// that names the indicator, the parameter and the allowed range, so a bad strategy config is
// diagnosed at its source instead of surfacing as a silent all-NaN column.

#include <cstddef>
#include <span>

namespace mosaic::technical::detail {

// Throws unless 1 <= value.
void require_period(const char* indicator, const char* param, int value);

// Throws unless `size` equals `expected`.
void require_size(const char* indicator, const char* param, std::size_t size, std::size_t expected);

// Throws when an output overlaps an input: the kernels read inputs after writing earlier
// outputs, so in-place use would silently corrupt results.
void require_disjoint(const char* indicator, std::span<const double> in, std::span<const double> out);

}  // namespace mosaic::technical::detail

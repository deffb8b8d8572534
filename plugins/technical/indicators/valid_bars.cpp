#include "indicators/valid_bars.hpp"

namespace mosaic::technical::detail {

std::vector<double>& scratch_values()
{
    thread_local std::vector<double> values;
    return values;
}

std::vector<std::size_t>& scratch_index()
{
    thread_local std::vector<std::size_t> index;
    return index;
}

std::span<double> kernel_scratch(std::size_t size)
{
    thread_local std::vector<double> values;
    if (values.size() < size)
        values.resize(size);
    return {values.data(), size};
}

}  // namespace mosaic::technical::detail

#include "indicators/checks.hpp"

#include <functional>
#include <stdexcept>
#include <string>

namespace mosaic::technical::detail {

void require_period(const char* indicator, const char* param, int value)
{
    if (value < 1)
        throw std::invalid_argument(std::string(indicator) + ": " + param + " must be >= 1 (got " +
                                    std::to_string(value) + ")");
}

void require_size(const char* indicator, const char* param, std::size_t size, std::size_t expected)
{
    if (size != expected)
        throw std::invalid_argument(std::string(indicator) + ": " + param + " has " + std::to_string(size) +
                                    " values but the input has " + std::to_string(expected));
}

void require_disjoint(const char* indicator, std::span<const double> in, std::span<const double> out)
{
    if (in.empty() || out.empty())
        return;
    // std::less gives a total order even for pointers into unrelated arrays.
    const std::less<const double*> before;
    const bool overlap = before(in.data(), out.data() + out.size()) && before(out.data(), in.data() + in.size());
    if (overlap)
        throw std::invalid_argument(std::string(indicator) + ": output must not overlap an input");
}

}  // namespace mosaic::technical::detail

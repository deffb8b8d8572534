#pragma once
// Compensated summation: a sum that carries its own rounding error.
//
// A plain running sum is off by up to one rounding per addition, so a rolling window sum drifts
// with the number of updates and its last bits depend on the order the values arrived in.
// two_sum_error() recovers an addition's rounding error exactly; kept in a second accumulator,
// those errors leave the pair (sum, error) within about one rounding of the exact sum of
// everything added, however many additions there were. The trend rule's tie test
// (signal_rules.hpp) relies on this: averages that are equal in exact arithmetic must come out
// equal to ~1e-15 relative.
//
// Value-changing optimisations such as -ffast-math's reassociation would fold the error terms
// to zero, so this must never be built with them.

#include <cstddef>
#include <span>

namespace mosaic::technical::detail {

// The exact rounding error of t = fl(a + b), i.e. a + b == t + error exactly (Knuth's TwoSum).
// It needs no comparison of a and b, so it has no branch to mispredict (which of an entering
// and a leaving price is larger is a coin flip) and works lane by lane on GCC vector types.
template <class T>
T two_sum_error(T a, T b, T t)
{
    const T b_part = t - a;
    return (a - (t - b_part)) + (b - b_part);
}

class CompensatedSum {
public:
    void add(double v)
    {
        const double t = sum_ + v;
        error_ += two_sum_error(sum_, v, t);
        sum_ = t;
    }
    double value() const { return sum_ + error_; }
    // The unrounded pair: sum() + error() is the compensated sum exactly, so a computation
    // that carries on from here keeps the error term instead of losing it to value()'s rounding.
    double sum() const { return sum_; }
    double error() const { return error_; }

private:
    double sum_ = 0.0;
    double error_ = 0.0;
};

// x[first] + ... + x[last], compensated.
inline CompensatedSum compensated_sum(std::span<const double> x, std::size_t first, std::size_t last)
{
    CompensatedSum s;
    for (std::size_t j = first; j <= last; ++j)
        s.add(x[j]);
    return s;
}

}  // namespace mosaic::technical::detail

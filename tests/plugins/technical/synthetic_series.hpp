#pragma once
// A deterministic OHLC random walk, so tests need no data files and never change.

#include <cstdint>
#include <vector>

namespace mosaic::technical::test {

struct Bars {
    std::vector<double> high, low, close;
};

inline Bars random_walk(std::size_t count, std::uint64_t seed = 42)
{
    auto uniform = [state = seed]() mutable {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;  // Knuth's MMIX LCG
        return static_cast<double>(state >> 11) / 9007199254740992.0;       // [0, 1)
    };
    Bars b;
    double price = 50.0;
    for (std::size_t i = 0; i < count; ++i) {
        price *= 1.0 + 0.04 * (uniform() - 0.5);
        b.close.push_back(price);
        b.high.push_back(price * (1.0 + 0.02 * uniform()));
        b.low.push_back(price * (1.0 - 0.02 * uniform()));
    }
    return b;
}

}  // namespace mosaic::technical::test

#pragma once
// Missing-value policy, shared by every indicator in this folder.
//
// A bar is valid when all of the indicator's inputs are finite at that bar (for ATR and true
// range: close, plus high and low when given). An indicator runs over the valid bars only, as
// if the missing bars had been cut out of the series:
//   - the output at a missing bar is NaN;
//   - state carries across a gap: an SMA window holds the last n VALID values, an EMA continues
//     from its last valid value, a "previous close" is the last valid close;
//   - warm-up counts valid bars, so leading NaNs (an asset not yet listed) just shift the start.
// Warm-up outputs are NaN, never zero. Cutting the gaps out (rather than treating them as
// zeros or forward-filling) keeps an indicator identical to the one computed on the clean
// series, which is what a reference implementation such as R's TTR produces.
//
// on_valid_bars() implements the policy once: it hands a kernel dense spans that hold only the
// valid bars, then scatters the kernel's outputs back. Kernels therefore never see a NaN.

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace mosaic::technical::detail {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Per-thread scratch, reused between calls so the gap path does not allocate once warm.
std::vector<double>& scratch_values();
std::vector<std::size_t>& scratch_index();

// Per-thread scratch for a kernel's own temporaries, separate from the buffers above, which
// hold the kernel's inputs and outputs on the gap path.
std::span<double> kernel_scratch(std::size_t size);

template <std::size_t I>
bool valid_at(const std::array<std::span<const double>, I>& in, std::size_t t)
{
    for (const auto& s : in)
        if (!std::isfinite(s[t]))
            return false;
    return true;
}

// Runs kernel(dense_inputs, dense_outputs) over the valid bars. All spans must have the same
// size. The kernel must not call on_valid_bars itself (the scratch is shared per thread).
template <std::size_t I, std::size_t O, class Kernel>
void on_valid_bars(const std::array<std::span<const double>, I>& in, const std::array<std::span<double>, O>& out,
                   Kernel&& kernel)
{
    const std::size_t len = out[0].size();
    std::size_t lead = 0;
    while (lead < len && !valid_at(in, lead))
        ++lead;
    std::size_t t = lead;
    while (t < len && valid_at(in, t))
        ++t;

    // Common case: no gap after the leading NaNs, so the kernel can work on the caller's memory.
    if (t == len) {
        std::array<std::span<const double>, I> din;
        std::array<std::span<double>, O> dout;
        for (std::size_t i = 0; i < I; ++i)
            din[i] = in[i].subspan(lead);
        for (std::size_t o = 0; o < O; ++o) {
            for (std::size_t k = 0; k < lead; ++k)
                out[o][k] = nan;
            dout[o] = out[o].subspan(lead);
        }
        kernel(din, dout);
        return;
    }

    auto& index = scratch_index();
    index.clear();
    for (std::size_t k = lead; k < len; ++k)
        if (valid_at(in, k))
            index.push_back(k);
    const std::size_t m = index.size();
    auto& values = scratch_values();
    values.resize((I + O) * m);

    std::array<std::span<const double>, I> din;
    std::array<std::span<double>, O> dout;
    for (std::size_t i = 0; i < I; ++i) {
        double* dst = values.data() + i * m;
        for (std::size_t k = 0; k < m; ++k)
            dst[k] = in[i][index[k]];
        din[i] = std::span<const double>(dst, m);
    }
    for (std::size_t o = 0; o < O; ++o)
        dout[o] = std::span<double>(values.data() + (I + o) * m, m);

    kernel(din, dout);

    for (std::size_t o = 0; o < O; ++o) {
        for (double& v : out[o])
            v = nan;
        for (std::size_t k = 0; k < m; ++k)
            out[o][index[k]] = dout[o][k];
    }
}

}  // namespace mosaic::technical::detail

namespace mosaic::technical::detail {

// Marks the first `count` outputs (clamped to the span) as warm-up.
inline void fill_nan_prefix(std::span<double> out, std::size_t count)
{
    for (std::size_t i = 0; i < count && i < out.size(); ++i)
        out[i] = nan;
}

}  // namespace mosaic::technical::detail

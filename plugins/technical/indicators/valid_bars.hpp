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

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <span>
#include <optional>
#include <vector>

namespace mosaic::technical::detail {

inline constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Marks the first `count` outputs (clamped to the span) as warm-up.
inline void fill_nan_prefix(std::span<double> out, std::size_t count)
{
    for (std::size_t i = 0; i < count && i < out.size(); ++i)
        out[i] = nan;
}

// A maximal stretch [begin, end) of consecutive valid bars.
struct Run {
    std::size_t begin;
    std::size_t end;
};

// Scratch buffers, reused between calls so the gap path does not allocate once warm. A
// module instance owns one and activates it around its work with WorkspaceScope.
struct Workspace {
    std::vector<double> values;  // the kernel's dense inputs and outputs on the gap path
    std::vector<Run> runs;
    std::vector<double> kernel;  // a kernel's own temporaries
};

// The calling thread's active workspace, or nullptr. Kept under a pthread key that the
// library creates when loaded and deletes when unloaded, not in a thread_local: a
// thread_local object with a destructor makes glibc keep the library mapped after dlclose
// (defeating hot reload), and even a plain thread_local pointer leaves the unloaded
// library's dynamic TLS range behind, which LeakSanitizer then reads and crashes on.
Workspace* active_workspace();
void set_active_workspace(Workspace* w);

class WorkspaceScope {
public:
    explicit WorkspaceScope(Workspace& w) : previous_(active_workspace()) { set_active_workspace(&w); }
    ~WorkspaceScope() { set_active_workspace(previous_); }
    WorkspaceScope(const WorkspaceScope&) = delete;
    WorkspaceScope& operator=(const WorkspaceScope&) = delete;

private:
    Workspace* previous_;
};

// Activates a call-local workspace when the caller has none (direct calls from tests or
// other code); inside a module's scope it reuses the module's.
class EnsureWorkspace {
public:
    EnsureWorkspace()
    {
        if (!active_workspace())
            scope_.emplace(own_);
    }

private:
    Workspace own_;
    std::optional<WorkspaceScope> scope_;
};

std::vector<double>& scratch_values();
std::vector<Run>& scratch_runs();

// Scratch for a kernel's own temporaries, separate from the buffers above, which hold the
// kernel's inputs and outputs on the gap path. Only valid inside on_valid_bars.
std::span<double> kernel_scratch(std::size_t size);

// True when no value is NaN or infinite; vectorized, so clean blocks skip the bar-by-bar scan.
bool all_finite(std::span<const double> x);

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
    const EnsureWorkspace workspace;
    const std::size_t len = out[0].size();
    auto& runs = scratch_runs();
    runs.clear();
    bool in_run = false;
    std::size_t begin = 0;
    auto mark = [&](std::size_t t, bool valid) {
        if (valid == in_run)
            return;
        if (valid)
            begin = t;
        else
            runs.push_back({begin, t});
        in_run = valid;
    };
    // Whole blocks are tested with the vectorized all_finite; only a block that holds a missing
    // value is walked bar by bar.
    constexpr std::size_t block = 64;
    for (std::size_t t = 0; t < len;) {
        const std::size_t end = std::min(len, t + block);
        bool clean = true;
        for (const auto& s : in)
            clean = clean && all_finite(s.subspan(t, end - t));
        if (clean) {
            mark(t, true);
            t = end;
            continue;
        }
        for (; t < end; ++t)
            mark(t, valid_at(in, t));
    }
    if (in_run)
        runs.push_back({begin, len});

    // Missing bars are NaN; the kernel writes everything else.
    for (const auto& o : out) {
        std::size_t from = 0;
        for (const auto& r : runs) {
            std::fill(o.begin() + static_cast<std::ptrdiff_t>(from), o.begin() + static_cast<std::ptrdiff_t>(r.begin), nan);
            from = r.end;
        }
        std::fill(o.begin() + static_cast<std::ptrdiff_t>(from), o.end(), nan);
    }
    if (runs.empty())
        return;

    // Common case: one stretch (a clean series, or gaps only before or after it: an asset listed
    // late or delisted), so the kernel can work on the caller's memory.
    if (runs.size() == 1) {
        const std::size_t b = runs[0].begin;
        const std::size_t m = runs[0].end - b;
        std::array<std::span<const double>, I> din;
        std::array<std::span<double>, O> dout;
        for (std::size_t i = 0; i < I; ++i)
            din[i] = in[i].subspan(b, m);
        for (std::size_t o = 0; o < O; ++o)
            dout[o] = out[o].subspan(b, m);
        kernel(din, dout);
        return;
    }

    // Gaps inside: copy the valid stretches together, run the kernel, copy the results back.
    std::size_t m = 0;
    for (const auto& r : runs)
        m += r.end - r.begin;
    auto& values = scratch_values();
    values.resize((I + O) * m);
    std::array<std::span<const double>, I> din;
    std::array<std::span<double>, O> dout;
    for (std::size_t i = 0; i < I; ++i) {
        double* dst = values.data() + i * m;
        for (const auto& r : runs)
            dst = std::copy(in[i].begin() + static_cast<std::ptrdiff_t>(r.begin),
                            in[i].begin() + static_cast<std::ptrdiff_t>(r.end), dst);
        din[i] = std::span<const double>(values.data() + i * m, m);
    }
    for (std::size_t o = 0; o < O; ++o)
        dout[o] = std::span<double>(values.data() + (I + o) * m, m);

    kernel(din, dout);

    for (std::size_t o = 0; o < O; ++o) {
        const double* src = dout[o].data();
        for (const auto& r : runs) {
            std::copy(src, src + (r.end - r.begin), out[o].begin() + static_cast<std::ptrdiff_t>(r.begin));
            src += r.end - r.begin;
        }
    }
}

}  // namespace mosaic::technical::detail

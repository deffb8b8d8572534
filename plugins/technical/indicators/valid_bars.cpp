#include "indicators/valid_bars.hpp"

#include <pthread.h>

namespace mosaic::technical::detail {

bool all_finite(std::span<const double> x)
{
    // v * 0 is 0 for a finite v and NaN otherwise, so the sums stay 0 exactly when all values
    // are finite. Four independent sums, unlike an early-exit loop, let the compiler vectorize.
    double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
    std::size_t i = 0;
    for (; i + 4 <= x.size(); i += 4) {
        a0 += x[i] * 0.0;
        a1 += x[i + 1] * 0.0;
        a2 += x[i + 2] * 0.0;
        a3 += x[i + 3] * 0.0;
    }
    for (; i < x.size(); ++i)
        a0 += x[i] * 0.0;
    return (a0 + a1) + (a2 + a3) == 0.0;
}

namespace {

pthread_key_t workspace_key;

__attribute__((constructor)) void create_workspace_key() { pthread_key_create(&workspace_key, nullptr); }
__attribute__((destructor)) void delete_workspace_key() { pthread_key_delete(workspace_key); }

}  // namespace

Workspace* active_workspace() { return static_cast<Workspace*>(pthread_getspecific(workspace_key)); }

void set_active_workspace(Workspace* w) { pthread_setspecific(workspace_key, w); }

std::vector<double>& scratch_values() { return active_workspace()->values; }

std::vector<Run>& scratch_runs() { return active_workspace()->runs; }

std::span<double> kernel_scratch(std::size_t size)
{
    std::vector<double>& values = active_workspace()->kernel;
    if (values.size() < size)
        values.resize(size);
    return {values.data(), size};
}

}  // namespace mosaic::technical::detail

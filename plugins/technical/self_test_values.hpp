// The module's self-test: indicator values worked out by hand on short series.
#pragma once

namespace mosaic::technical {

// Throws mosaic::Error(MOSAIC_ERR_SELF_TEST) naming the first wrong value.
void run_self_test();

}  // namespace mosaic::technical

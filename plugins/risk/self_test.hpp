#pragma once

namespace mosaic::risk {

// Checks the controls and the tail risk on hand-computed cases; throws mosaic::Error on a
// mismatch.
void run_self_test();

}  // namespace mosaic::risk

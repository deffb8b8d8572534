#pragma once

namespace mosaic::portfolio {

// Checks the maths on hand-computed cases; throws mosaic::Error on a mismatch.
void run_self_test();

}  // namespace mosaic::portfolio

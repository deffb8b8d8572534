// The library's one export: the regime module (its code lives in regime_core).
#include "regime.hpp"

MOSAIC_EXPORT_MODULE(mosaic::regime::RegimeModule)

// Which fault_module.cpp behaviour this library has. Compiled once per test module with
// FAULT_KIND="<kind>" (see CMakeLists.txt).
#ifndef FAULT_KIND
#error "compile with -DFAULT_KIND=\"<kind>\""
#endif

namespace mosaic_test {
extern const char* const kFaultKind;
const char* const kFaultKind = FAULT_KIND;
}  // namespace mosaic_test

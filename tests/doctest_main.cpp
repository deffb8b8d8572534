#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <sys/stat.h>

// The host refuses plugin folders and libraries that group or others can write to. Under
// a umask such as 002 every folder and copy the tests make (and the `mosaic` they start)
// would be refused, so the tests make theirs as a careful user would.
[[maybe_unused]] static const mode_t kTestUmask = ::umask(022);

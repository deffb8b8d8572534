// jemalloc's options for the programs (read by jemalloc at its first allocation; the
// MALLOC_CONF environment variable still overrides them).
//
// lg_extent_max_active_fit: by default jemalloc reuses a freed extent for a new one only if
// it is at most 64 times larger. The pipeline backs room for its first outputs
// (host/data/heap_room.hpp) as freed blocks of 1 MiB; at 64 times the slabs of the small
// size classes never came from them, and technical's first call on the example faulted
// 227 pages in instead of 43. The genetic search and the SMA sweep measure the same with it.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "lg_extent_max_active_fit:12";
}

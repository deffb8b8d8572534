// jemalloc's options for the programs (read by jemalloc at its first allocation; the
// MALLOC_CONF environment variable still overrides them).
//
// lg_extent_max_active_fit: by default jemalloc reuses a freed extent for a new one only if
// it is at most 64 times larger. The pipeline backs room for its first outputs
// (host/data/heap_room.hpp) as freed blocks of 1 MiB; at 64 times the slabs of the small
// size classes never came from them, and technical's first call on the example faulted
// 227 pages in instead of 43. The genetic search and the SMA sweep measure the same with it.
//
// narenas:1: every thread allocates from one arena, behind its own cache of small blocks
// (the host's block recycler keeps the panel-sized ones). With an arena per thread, the
// threads each search starts landed in arenas whose memory was cold: the SMA sweep run ten
// times in one process faulted 46,000 pages in on two threads against 14,000 on one, and ran
// at 63,600 configs/s instead of 68,300 to 69,000. On many cores the one arena's lock may
// start to show; percpu_arena:percpu measured 67,600 to 68,000 here.
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "lg_extent_max_active_fit:12,narenas:1";
}

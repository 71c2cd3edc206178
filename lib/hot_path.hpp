#pragma once
// Internal: marks a function on the path every execution runs (prepare from the cache, bind,
// step, finish). gnu::hot gathers these functions in .text.hot, apart from the library's other
// code, and each starts a cache line: the path spans as few instruction-cache lines as it can.
// Measured on sqlite/insert_100k, where SQLite's own code nearly fills the 32 KiB cache and each
// further line the loop touches costs misses (docs/benchmarks.md).
#define RETORT_HOT_PATH [[gnu::hot, gnu::aligned(64)]]

#pragma once
// Internal: COPY FROM STDIN's data as both PostgreSQL connections send it (the synchronous
// postgresql_connection and the asynchronous postgresql_link): the rows' lines gathered in
// chunks of about 64 KiB, one PQputCopyData per chunk rather than per row.
#include <cstddef>
#include <string>

namespace retort::detail {

inline constexpr std::size_t copy_chunk_bytes = std::size_t(1) << 16;

// An empty chunk with room for copy_chunk_bytes and the line that crosses it.
inline std::string empty_copy_chunk() {
    std::string chunk;
    chunk.reserve(copy_chunk_bytes + 4096);
    return chunk;
}

// Appends lines to `chunk` (a row's from next_row, then '\n') until it holds copy_chunk_bytes
// or the rows run out: false when they did. Rows are written straight into the chunk, with
// no copy of each.
template <class NextRow>
bool fill_copy_chunk(std::string& chunk, NextRow& next_row) {
    while (chunk.size() < copy_chunk_bytes) {
        if (!next_row(chunk)) return false;
        chunk += '\n';
    }
    return true;
}

}  // namespace retort::detail

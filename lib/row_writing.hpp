#pragma once
// The drivers' side of driver/row_destination.hpp: a field of the typed row, written in place.
#include <cstdint>
#include <optional>
#include <string>

#include <retort/driver/row_destination.hpp>
#include <retort/driver/statement.hpp>

namespace retort::detail {

// Field `at` of the row, of type T, or std::optional<T> when Nullable (made to hold a value).
template <class T, bool Nullable>
T& field_at(char* at) {
    if constexpr (Nullable) {
        auto& field = *reinterpret_cast<std::optional<T>*>(at);
        if (!field) field.emplace();
        return *field;
    } else {
        return *reinterpret_cast<T*>(at);
    }
}
// A std::optional<T> field at `at`, made NULL.
template <class T>
void null_at(char* at) {
    reinterpret_cast<std::optional<T>*>(at)->reset();
}

// A field the driver's own writers did not take (a NULL in a plain field, another storage class,
// a number out of its type's range), read as the typed reader reads it: converted into the row,
// or refused with the reader's data_error.
[[gnu::cold]] void read_into_row(driver::statement& s, const driver::row_column& c, char* at);

// next_row()'s loop, one for every driver: each field dispatched once on its target (the end
// of the row included, so that it costs no test of its own), written by the driver's
// `writer.template write<T, Nullable>(column, at)` (false: not taken, nothing written) or,
// left to the reader, handed over by `writer.leave(column)`; a field not taken is read by
// read_into_row().
template <class Writer>
[[gnu::always_inline]] inline void write_row(Writer& writer, driver::statement& s, driver::row_destination into) {
    char* const row = static_cast<char*>(into.row);
    for (const driver::row_column* c = into.columns;; ++c) {
        using enum driver::column_target;
        char* const at = row + c->offset;
        const int column = c->column;
        bool written = false;
        switch (c->target) {
            case end: return;
            case int32: written = writer.template write<std::int32_t, false>(column, at); break;
            case int64: written = writer.template write<std::int64_t, false>(column, at); break;
            case real: written = writer.template write<double, false>(column, at); break;
            case text: written = writer.template write<std::string, false>(column, at); break;
            case optional_int32: written = writer.template write<std::int32_t, true>(column, at); break;
            case optional_int64: written = writer.template write<std::int64_t, true>(column, at); break;
            case optional_real: written = writer.template write<double, true>(column, at); break;
            case optional_text: written = writer.template write<std::string, true>(column, at); break;
            case field:
                writer.leave(column);
                written = true;
                break;
            default: __builtin_unreachable();  // no other target: spares the jump table its range check
        }
        if (!written) [[unlikely]]
            read_into_row(s, *c, at);
    }
}

}  // namespace retort::detail

#pragma once
// Where a typed row reader wants its row's fields, for statement::next_row(): the fields whose
// C++ type every driver writes alike (int, std::int64_t, double, std::string and their
// std::optional) are written by the driver straight into the row, converted and refused as the
// reader would (value_traits); the others come back to the reader. Spares a row the copy
// through the field array and, for text, asking the storage class first.
#include <cstdint>

namespace retort::driver {

// The C++ type of a field the driver writes into the row. In a std::optional, NULL resets it.
enum class column_target : unsigned char {
    end,    // no more fields: the last entry of row_destination::columns
    field,  // left to the reader
    int32,  // std::int32_t
    int64,  // std::int64_t
    real,   // double
    text,   // std::string
    optional_int32,
    optional_int64,
    optional_real,
    optional_text,
};

// One field of the row: its place in bytes from the row's start, its column, and its target.
struct row_column {
    std::uint32_t offset;
    std::uint16_t column;
    column_target target;
};

// The row next_row() writes into: one entry a field, in order, then one whose target is `end`.
struct row_destination {
    void* row;
    const row_column* columns;
};

}  // namespace retort::driver

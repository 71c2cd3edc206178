// The throw of engine/result.hpp's row reading, and the drivers' reading of the fields they did
// not write into a row, compiled once here.
#include <retort/engine/result.hpp>

#include <cstdint>
#include <optional>
#include <string>

#include "row_writing.hpp"

namespace retort::detail {

void null_in_plain_field(int column) {
    throw data_error("NULL in result column " + std::to_string(column) +
                         ", which the row reads as a plain (non-optional) value",
                     {});
}

void read_into_row(driver::statement& s, const driver::row_column& c, char* at) {
    const int column = c.column;
    switch (c.target) {
        using enum driver::column_target;
        case int32: read_field(*reinterpret_cast<std::int32_t*>(at), s, column); break;
        case int64: read_field(*reinterpret_cast<std::int64_t*>(at), s, column); break;
        case real: read_field(*reinterpret_cast<double*>(at), s, column); break;
        case text: read_field(*reinterpret_cast<std::string*>(at), s, column); break;
        case optional_int32: read_field(*reinterpret_cast<std::optional<std::int32_t>*>(at), s, column); break;
        case optional_int64: read_field(*reinterpret_cast<std::optional<std::int64_t>*>(at), s, column); break;
        case optional_real: read_field(*reinterpret_cast<std::optional<double>*>(at), s, column); break;
        case optional_text: read_field(*reinterpret_cast<std::optional<std::string>*>(at), s, column); break;
        case field:
        case end: break;
    }
}

}  // namespace retort::detail

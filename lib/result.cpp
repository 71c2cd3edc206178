// The throw of engine/result.hpp's row reading, compiled once here.
#include <retort/engine/result.hpp>

#include <string>

namespace retort::detail {

void null_in_plain_field(int column) {
    throw data_error("NULL in result column " + std::to_string(column) +
                         ", which the row reads as a plain (non-optional) value",
                     {});
}

}  // namespace retort::detail

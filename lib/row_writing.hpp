#pragma once
// The drivers' side of driver/row_destination.hpp: a field of the typed row, written in place.
#include <optional>

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

}  // namespace retort::detail

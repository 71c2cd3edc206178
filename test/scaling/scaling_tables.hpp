#pragma once
// The table the scaling tests write on the primary and read back.
#include <retort/retort.hpp>

namespace retort::test {

struct notes_table : table<notes_table, "scaling_notes"> {
    RETORT_COLUMN(id, integer, primary_key);
    RETORT_COLUMN(body, varchar<40>, not_null);
};
inline constexpr notes_table notes;

}  // namespace retort::test

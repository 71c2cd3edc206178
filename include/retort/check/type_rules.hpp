#pragma once
// The type rules of expressions, each a static_assert with a one-line message that
// says what is wrong and what to write instead. Kept together so every message can
// be read (and tested: test/compile_fail/) in one place.
#include <retort/schema/value_category.hpp>

namespace retort::rules {

template <type_category C>
struct category_tag {};

// Comparison (=, <, IN, BETWEEN...) of an expression of category L with one of category R.
template <type_category L, type_category R>
consteval void comparable() {
    constexpr bool ok = detail::comparable(L, R);
    constexpr bool number_vs_text =
        detail::is_number_category<L> && R == type_category::string;
    constexpr bool text_vs_number =
        L == type_category::string && detail::is_number_category<R>;
    static_assert(ok || !number_vs_text, "retort: a number (integer/numeric column) compared with text; compare with a number");
    static_assert(ok || !text_vs_number, "retort: a text column compared with a number; compare with a string");
    static_assert(ok || number_vs_text || text_vs_number,
                  "retort: comparison of incompatible SQL types; use cast<type>(...) to compare across types");
}

// A value or expression of category V assigned (INSERT/UPDATE) to a column of category C.
template <type_category C, type_category V>
consteval void assignable() {
    constexpr bool ok = detail::assignable(C, V);
    constexpr bool fraction_into_integer =
        C == type_category::integral && (V == type_category::floating || V == type_category::numeric);
    static_assert(ok || !fraction_into_integer,
                  "retort: a floating-point or decimal value assigned to an integer column; convert it to an integer");
    static_assert(ok || fraction_into_integer, "retort: value of the wrong type for this column (type mismatch in assignment)");
}

// A plain C++ value used where SQL values go must have an SQL type.
template <class V>
consteval void has_sql_type() {
    static_assert(detail::category_of_value<V> != type_category::null,
                  "retort: this C++ type has no SQL type (use integers, floating point, bool, strings, "
                  "decimal, std::chrono dates/times, blob_value, json_text or std::optional of them)");
}

}  // namespace retort::rules

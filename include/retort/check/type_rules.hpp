#pragma once
// The type rules of expressions, each a static_assert with a one-line message that
// says what is wrong and what to write instead. Kept together so every message can
// be read (and tested: test/compile_fail/) in one place.
#include <retort/core/rule.hpp>
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
    RETORT_RULE("retort: a number (integer/numeric column) compared with text; compare with a number",
                ok || !number_vs_text);
    RETORT_RULE("retort: a text column compared with a number; compare with a string",
                ok || !text_vs_number);
    RETORT_RULE("retort: comparison of incompatible SQL types; use cast<type>(...) to compare across types",
                ok || number_vs_text || text_vs_number);
}

// A value or expression of category V assigned (INSERT/UPDATE) to a column of category C.
template <type_category C, type_category V>
consteval void assignable() {
    constexpr bool ok = detail::assignable(C, V);
    constexpr bool fraction_into_integer =
        C == type_category::integral && (V == type_category::floating || V == type_category::numeric);
    RETORT_RULE("retort: a floating-point or decimal value assigned to an integer column; convert it to an integer",
                ok || !fraction_into_integer);
    RETORT_RULE("retort: value of the wrong type for this column (type mismatch in assignment)",
                ok || fraction_into_integer);
}

// A plain C++ value used where SQL values go must have an SQL type.
template <class V>
consteval void has_sql_type() {
    RETORT_RULE("retort: this C++ type has no SQL type (use integers, floating point, bool, strings, "
                  "decimal, std::chrono dates/times, blob_value, json_text or std::optional of them)",
                detail::category_of_value<V> != type_category::null);
}

}  // namespace retort::rules

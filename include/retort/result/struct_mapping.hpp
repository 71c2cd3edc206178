#pragma once
// Reading rows into the user's own structs, checked at compile time: every member of
// the struct must be a selected column or label of the same name and the same type
// (std::optional for what can be NULL). The struct is described with Boost.Hana:
//   struct user_summary {
//       BOOST_HANA_DEFINE_STRUCT(user_summary, (std::string, username), (std::optional<int>, age));
//   };
//   std::vector<user_summary> rows = conn.execute(select(users.username, users.age)).all<user_summary>();
#include <retort/core/rule.hpp>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <retort/core/struct_reflection.hpp>
#include <retort/stmt/row.hpp>

namespace retort::detail {

template <class Row, class Member>
constexpr void check_member() {
    constexpr auto name = to_fixed_string<std::remove_cvref_t<decltype(boost::hana::first(std::declval<Member>()))>>();
    constexpr std::size_t i = Row::template index_of<name>();
    RETORT_RULE("retort: a member of the struct is not among the selected columns (same name needed)",
                i != Row::size);
    RETORT_RULE("retort: several selected columns have the name of a struct member; label them",
                i != Row::size + 1);
}

// The rule checked out of the lambda below: clang 16 cannot take a rule's condition as a
// template argument inside a generic lambda.
template <class Target, class Source>
consteval bool member_type_matches() {
    RETORT_RULE("retort: a struct member's type differs from its column's type (nullable columns read as "
                "std::optional)",
                std::is_same_v<Target, Source>);
    return std::is_same_v<Target, Source>;
}

// Converts one row into T, moving every value.
template <class T, class Row>
T row_to_struct(Row&& row) {
    RETORT_RULE("retort: to read rows into a struct, describe it with BOOST_HANA_DEFINE_STRUCT or BOOST_HANA_ADAPT_STRUCT",
                hana_struct<T>);
    using R = std::remove_cvref_t<Row>;
    T out{};
    if constexpr (hana_struct<T>) {  // after a broken rule, nothing more: one error per mistake
        boost::hana::for_each(boost::hana::accessors<T>(), [&](auto accessor) {
            using member_pair = decltype(accessor);
            check_member<R, member_pair>();
            constexpr auto name =
                to_fixed_string<std::remove_cvref_t<decltype(boost::hana::first(std::declval<member_pair>()))>>();
            if constexpr (R::template index_of<name>() < R::size) {
                auto& target = boost::hana::second(accessor)(out);
                auto& source = row.template get<name>();
                using target_type = std::remove_cvref_t<decltype(target)>;
                using source_type = std::remove_cvref_t<decltype(source)>;
                if constexpr (member_type_matches<target_type, source_type>()) target = std::move(source);
            }
        });
    }
    return out;
}

}  // namespace retort::detail

#pragma once
// Result rows: one member per selected column, named like the column (row.username),
// std::optional where the value can be NULL. Labeled expressions are row.get<"name">();
// every field is also row.get<I>() and a structured binding.
#include <retort/core/rule.hpp>
#include <cstddef>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/core/fixed_string.hpp>
#include <retort/core/type_list.hpp>
#include <retort/schema/column.hpp>

namespace retort {

template <class E, fixed_string Name>
struct labeled;

namespace detail {

template <fixed_string Name, class T>
struct label_member {
    static constexpr auto retort_field_name = Name;
    T value;
    constexpr T& retort_value() noexcept { return value; }
    constexpr const T& retort_value() const noexcept { return value; }
};

template <class T>
struct unnamed_member {
    T value;
    constexpr T& retort_value() noexcept { return value; }
    constexpr const T& retort_value() const noexcept { return value; }
};

// What a selected expression reads as: T, or std::optional<T> when it can be NULL. SqlType
// is the expression's own, or the type a UNION resolves its column to.
template <class E, bool ForceNullable = false, class SqlType = typename E::sql_type>
using field_value_t = std::conditional_t<E::nullable || ForceNullable, std::optional<typename SqlType::value_type>,
                                         typename SqlType::value_type>;

template <class E, bool Nullable, class SqlType = typename E::sql_type>
struct field_of {
    using member = unnamed_member<field_value_t<E, Nullable, SqlType>>;
};
template <class Table, class Spec, bool Nullable, class SqlType>
struct field_of<column<Table, Spec>, Nullable, SqlType> {
    using member = typename Spec::template retort_member<field_value_t<column<Table, Spec>, Nullable, SqlType>>;
};
template <class E, fixed_string Name, bool Nullable, class SqlType>
struct field_of<labeled<E, Name>, Nullable, SqlType> {
    using member = label_member<Name, field_value_t<labeled<E, Name>, Nullable, SqlType>>;
};
// Anything else with a name of its own (columns of subqueries and CTEs) is read by it.
template <class E, bool Nullable, class SqlType>
    requires requires { E::label; }
struct field_of<E, Nullable, SqlType> {
    using member = label_member<E::label, field_value_t<E, Nullable, SqlType>>;
};

template <class Member>
consteval auto field_name_of() {
    if constexpr (requires { Member::retort_field_name; }) return Member::retort_field_name.view();
    else return std::string_view{};
}

template <std::size_t I, class Member>
struct indexed_field : Member {};

template <class Seq, class... Members>
struct row_base;
template <std::size_t... I, class... Members>
struct row_base<std::index_sequence<I...>, Members...> : indexed_field<I, Members>... {};

}  // namespace detail

template <class... Members>
struct row : detail::row_base<std::index_sequence_for<Members...>, Members...> {
    static constexpr std::size_t size = sizeof...(Members);
    using members = tl::list<Members...>;

    template <std::size_t I>
    constexpr auto& get() noexcept {
        return static_cast<detail::indexed_field<I, tl::at<I, members>>&>(*this).retort_value();
    }
    template <std::size_t I>
    constexpr const auto& get() const noexcept {
        return static_cast<const detail::indexed_field<I, tl::at<I, members>>&>(*this).retort_value();
    }
    template <fixed_string Name>
    constexpr auto& get() noexcept {
        return get<checked_index<Name>()>();
    }
    template <fixed_string Name>
    constexpr const auto& get() const noexcept {
        return get<checked_index<Name>()>();
    }

    // The position of the field called Name; size if none, size + 1 if several.
    template <fixed_string Name>
    static consteval std::size_t index_of() {
        constexpr std::string_view names[] = {detail::field_name_of<Members>()..., {}};
        std::size_t found = size, count = 0;
        for (std::size_t i = 0; i < size; ++i)
            if (names[i] == Name.view()) {
                found = i;
                ++count;
            }
        return count > 1 ? size + 1 : found;
    }

private:
    template <fixed_string Name>
    static consteval std::size_t checked_index() {
        constexpr std::size_t i = index_of<Name>();
        RETORT_RULE("retort: the row has no field with this name (label it with .as<\"name\">())",
                    i != size);
        RETORT_RULE("retort: several fields of the row have this name; label one with .as<\"name\">()",
                    i != size + 1);
        return i < size ? i : 0;  // after a broken rule, a valid index: one error, not a cascade
    }

public:
};

}  // namespace retort

template <class... Members>
struct std::tuple_size<retort::row<Members...>> : std::integral_constant<std::size_t, sizeof...(Members)> {};
template <std::size_t I, class... Members>
struct std::tuple_element<I, retort::row<Members...>> {
    using type = std::remove_cvref_t<decltype(std::declval<retort::row<Members...>&>().template get<I>())>;
};

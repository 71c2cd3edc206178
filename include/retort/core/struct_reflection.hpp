#pragma once
// The members of the user's own structs, by name, through Boost.Hana: how rows are read
// into structs (result/struct_mapping.hpp) and how structs are given as rows to bulk
// statements (stmt/bulk.hpp). Structs are described with BOOST_HANA_DEFINE_STRUCT or
// BOOST_HANA_ADAPT_STRUCT.
#include <retort/core/rule.hpp>
#include <cstddef>
#include <type_traits>

#include <boost/hana/accessors.hpp>
#include <boost/hana/adapt_struct.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/define_struct.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>

#include <retort/core/fixed_string.hpp>

namespace retort::detail {

template <class HanaString>
consteval auto to_fixed_string() {
    constexpr std::size_t n = decltype(boost::hana::length(HanaString{}))::value;
    constexpr const char* text = boost::hana::to<const char*>(HanaString{});
    fixed_string<n> result;
    for (std::size_t i = 0; i < n; ++i) result.data[i] = text[i];
    return result;
}

template <class T>
concept hana_struct = boost::hana::Struct<T>::value;

// The position of the member called Name among the Hana members of T (size when absent).
template <class T, fixed_string Name>
consteval std::size_t member_index() {
    std::size_t index = 0, found = static_cast<std::size_t>(-1);
    boost::hana::for_each(boost::hana::accessors<T>(), [&](auto accessor) {
        using key = std::remove_cvref_t<decltype(boost::hana::first(accessor))>;
        if (to_fixed_string<key>().view() == Name.view()) found = index;
        ++index;
    });
    return found == static_cast<std::size_t>(-1) ? index : found;
}

// The member of a Hana struct called Name, checked.
template <fixed_string Name, class T>
constexpr const auto& member_named(const T& object) {
    constexpr std::size_t i = member_index<T, Name>();
    constexpr std::size_t count = decltype(boost::hana::length(boost::hana::accessors<T>()))::value;
    RETORT_RULE("retort: the row struct has no member named like this column",
                i < count);
    return boost::hana::second(boost::hana::at_c<i>(boost::hana::accessors<T>()))(object);
}

}  // namespace retort::detail

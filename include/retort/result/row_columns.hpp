#pragma once
// What a typed row tells the driver about its fields, so that the driver writes those it can
// straight into the row (driver/row_destination.hpp): constants of the row type, and the places
// of the row's fields.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include <retort/core/type_list.hpp>
#include <retort/driver/row_destination.hpp>
#include <retort/stmt/row.hpp>

namespace retort::detail {

// The column_target of a field of type T: exact types only (a long long is not an int64_t's
// type, though it has its size), and any other type left to the reader.
template <class T>
inline constexpr driver::column_target column_target_of = driver::column_target::field;
template <>
inline constexpr driver::column_target column_target_of<std::int32_t> = driver::column_target::int32;
template <>
inline constexpr driver::column_target column_target_of<std::int64_t> = driver::column_target::int64;
template <>
inline constexpr driver::column_target column_target_of<double> = driver::column_target::real;
template <>
inline constexpr driver::column_target column_target_of<std::string> = driver::column_target::text;
template <>
inline constexpr driver::column_target column_target_of<std::optional<std::int32_t>> =
    driver::column_target::optional_int32;
template <>
inline constexpr driver::column_target column_target_of<std::optional<std::int64_t>> =
    driver::column_target::optional_int64;
template <>
inline constexpr driver::column_target column_target_of<std::optional<double>> = driver::column_target::optional_real;
template <>
inline constexpr driver::column_target column_target_of<std::optional<std::string>> =
    driver::column_target::optional_text;

// What the driver writes of each field of a row of these members, then `end`; whether it
// writes every one.
template <class Member>
using member_value_t = std::remove_cvref_t<decltype(std::declval<Member&>().retort_value())>;
template <class Row>
struct member_targets;
template <class... Members>
struct member_targets<row<Members...>> {
    static constexpr std::array<driver::column_target, sizeof...(Members) + 1> value{
        column_target_of<member_value_t<Members>>..., driver::column_target::end};
    static constexpr bool all = ((column_target_of<member_value_t<Members>> != driver::column_target::field) && ...);
};
template <class Row>
inline constexpr const auto& row_targets = member_targets<Row>::value;
template <class Row>
inline constexpr bool row_written_by_driver = member_targets<Row>::all;

// The fields of `row` as next_row() takes them (the same for every row of the type).
template <class Row, std::size_t... I>
std::array<driver::row_column, Row::size + 1> row_columns(const Row& row, std::index_sequence<I...>) noexcept {
    static_assert(Row::size <= 0xffff, "retort: a row of more columns than any database returns");
    const auto* start = reinterpret_cast<const char*>(&row);
    return {driver::row_column{
                static_cast<std::uint32_t>(
                    reinterpret_cast<const char*>(
                        &static_cast<const indexed_field<I, tl::at<I, typename Row::members>>&>(row).retort_value()) -
                    start),
                static_cast<std::uint16_t>(I), row_targets<Row>[I]}...,
            driver::row_column{0, 0, driver::column_target::end}};
}

}  // namespace retort::detail

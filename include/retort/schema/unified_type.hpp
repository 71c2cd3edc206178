#pragma once
// The type of a column of UNION/INTERSECT/EXCEPT (and of CASE) whose inputs have SQL types
// A and B, as PostgreSQL resolves it: among numbers the one the others convert to
// (smallint < integer < bigint < numeric < real < double precision: integer ∪ double
// precision is double precision); among strings text unless both are the same type; NULL
// takes the other's type. Types of different categories do not unify (a rule says so
// where they meet); the left one stands.
#include <type_traits>

#include <retort/schema/sql_types.hpp>

namespace retort::detail {

template <class S>
inline constexpr int number_rank = -1;
template <>
inline constexpr int number_rank<smallint> = 0;
template <>
inline constexpr int number_rank<integer> = 1;
template <>
inline constexpr int number_rank<bigint> = 2;
template <int P, int S>
inline constexpr int number_rank<numeric<P, S>> = 3;
template <>
inline constexpr int number_rank<real> = 4;
template <>
inline constexpr int number_rank<double_precision> = 5;

template <class A, class B>
struct unified_type {
    using type = A;
};
template <class A, class B>
    requires(!std::is_same_v<A, B> && number_rank<A> >= 0 && number_rank<B> >= 0)
struct unified_type<A, B> {
    using type = std::conditional_t<(number_rank<B> > number_rank<A>), B, A>;
};
template <class A, class B>
    requires(!std::is_same_v<A, B> && A::category == type_category::string && B::category == type_category::string)
struct unified_type<A, B> {
    using type = text;
};
template <class B>
    requires(!std::is_same_v<null_type, B>)
struct unified_type<null_type, B> {
    using type = B;
};

template <class A, class B>
using unified_type_t = typename unified_type<A, B>::type;

}  // namespace retort::detail

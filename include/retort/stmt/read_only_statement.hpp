#pragma once
// read_only_statement<S>: the statement's type says it only reads, so a hot-standby replica
// can run it. A SELECT qualifies without FOR UPDATE / FOR SHARE (a lock is a write on the
// primary) and when every CTE of its WITH reads only; UNION & co. when both sides do.
// INSERT/UPDATE/DELETE, DDL and SQL text do not: text is opaque (mark it read-only where it
// is executed). A SELECT calling a function that writes cannot be told from its type.
#include <tuple>
#include <type_traits>

#include <retort/stmt/compound.hpp>
#include <retort/stmt/cte.hpp>
#include <retort/stmt/select.hpp>
#include <retort/stmt/text_clause.hpp>

namespace retort {

template <class S>
struct is_read_only_statement : std::false_type {};

namespace detail {
template <class With>
struct with_reads_only : std::true_type {};  // no WITH
template <class... Ctes>
struct with_reads_only<with_clause<Ctes...>>
    : std::bool_constant<(is_read_only_statement<std::remove_cvref_t<decltype(Ctes::query)>>::value && ...)> {};
}  // namespace detail

template <class Parts>
struct is_read_only_statement<select_statement<Parts>>
    : std::bool_constant<!select_statement<Parts>::has_lock &&
                         detail::with_reads_only<detail::part_type<select_part::with, Parts>>::value> {};

template <class Op, class L, class R, class OrderBy, class Limit, class Offset>
struct is_read_only_statement<compound_select<Op, L, R, OrderBy, Limit, Offset>>
    : std::bool_constant<is_read_only_statement<L>::value && is_read_only_statement<R>::value> {};

template <class S>
inline constexpr bool read_only_statement = is_read_only_statement<std::remove_cvref_t<S>>::value;

// SQL text, which only its writer can say reads only.
template <class S>
struct is_text_statement : std::false_type {};
template <fixed_string Text, class... Columns>
struct is_text_statement<text_statement<Text, Columns...>> : std::true_type {};
template <class... Columns>
struct is_text_statement<runtime_text_statement<Columns...>> : std::true_type {};
template <class S>
inline constexpr bool text_statement_type = is_text_statement<std::remove_cvref_t<S>>::value;

}  // namespace retort

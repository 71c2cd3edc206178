#pragma once
// The protocol every SQL expression follows. An expression type E provides:
//   using sql_type;                       its SQL type (integer, text, boolean, null_type...)
//   static constexpr bool nullable;       whether it can be NULL (read as std::optional)
//   using tables;                         tl::list of the tables whose columns it uses
//   using columns;                        tl::list of the columns it uses outside aggregates
//   static constexpr bool aggregate;      whether it contains an aggregate (count, sum...)
//   static constexpr int precedence;      for parentheses (higher binds tighter)
//   template <class Ctx> static constexpr void render(Ctx&, const E* self);
//       self is null when rendering from the type alone (the compile-time text);
//   template <class B> constexpr void bind(B&) const;   visits bound values in text order.
// expr<E> (CRTP) gives every expression its methods: .like(), .in_(), .asc(), .as<"x">()...
#include <cstddef>
#include <type_traits>

#include <retort/core/fixed_string.hpp>
#include <retort/core/type_list.hpp>

namespace retort {

struct expression_base {};

template <class T>
concept expression = std::is_base_of_v<expression_base, std::remove_cvref_t<T>>;

namespace prec {
inline constexpr int or_ = 1, and_ = 2, not_ = 3, comparison = 5, additive = 7, multiplicative = 8, unary = 9,
                     primary = 10;
}

template <class Derived>
struct expr : expression_base {
    // ordering (order_by)
    constexpr auto asc() const;
    constexpr auto desc() const;
    // NULL tests
    constexpr auto is_null() const;
    constexpr auto is_not_null() const;
    // pattern matching
    template <class P> constexpr auto like(P&& pattern) const;
    template <class P> constexpr auto not_like(P&& pattern) const;
    template <class P> constexpr auto ilike(P&& pattern) const;
    template <class P> constexpr auto not_ilike(P&& pattern) const;
    // ranges and lists
    template <class A, class B> constexpr auto between(A&& low, B&& high) const;
    template <class... V> constexpr auto in_(V&&... values) const;
    template <class... V> constexpr auto not_in(V&&... values) const;
    // a name for the selected value: row.get<"name">()
    template <fixed_string Name> constexpr auto as() const;
    template <fixed_string Name> constexpr auto label() const { return as<Name>(); }

    constexpr const Derived& self() const { return static_cast<const Derived&>(*this); }
};

namespace detail {
template <class E>
using tables_of = typename std::remove_cvref_t<E>::tables;

template <class... Es>
using tables_union = tl::unique<tl::concat<tables_of<Es>...>>;

template <class E>
using columns_of = typename std::remove_cvref_t<E>::columns;

template <class... Es>
using columns_union = tl::unique<tl::concat<columns_of<Es>...>>;

// Renders a sub-expression, in parentheses when it binds looser than its parent.
template <class E, class Ctx>
constexpr void render_operand(Ctx& ctx, const E* e, int parent_precedence, bool strict = false) {
    constexpr int p = E::precedence;
    bool parens = strict ? p <= parent_precedence : p < parent_precedence;
    if (parens) ctx.put('(');
    E::render(ctx, e);
    if (parens) ctx.put(')');
}

// Address of a member of a possibly-null object: the compile-time pass has no object.
template <class M, class O>
constexpr const M* member_of(const O* self, const M O::*member) {
    return self ? &(self->*member) : nullptr;
}
}  // namespace detail

}  // namespace retort

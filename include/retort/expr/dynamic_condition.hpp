#pragma once
// Conditions chosen at run time (opt-in): filters from user input. The statement's text
// is then rendered at run time (still with bound parameters, never values in the text);
// rows stay typed. Conditions are checked when added, as everywhere else.
//   auto filters = dynamic_and(users);             // the tables the conditions may use
//   if (name) filters.add(users.username == *name);
//   if (min_age) filters.add(users.age >= *min_age);
//   conn.execute(select(users).where(filters));     // no condition: WHERE 1 = 1
#include <retort/core/rule.hpp>
#include <memory>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <retort/core/expression.hpp>
#include <retort/driver/value_binder.hpp>
#include <retort/render/context.hpp>
#include <retort/render/dialect.hpp>
#include <retort/schema/sql_types.hpp>
#include <retort/schema/table.hpp>

namespace retort {

namespace detail {

using runtime_pg_context = render::context<postgresql, render::string_sink>;
using runtime_sqlite_context = render::context<sqlite, render::string_sink>;

// One condition, behind the few operations a dynamic condition needs.
struct dynamic_term {
    virtual ~dynamic_term() = default;
    virtual void render(runtime_pg_context&) const = 0;
    virtual void render(runtime_sqlite_context&) const = 0;
    virtual void bind(value_binder&) const = 0;
};

template <class E>
struct dynamic_term_of final : dynamic_term {
    E condition;
    explicit dynamic_term_of(E e) : condition(std::move(e)) {}
    void render(runtime_pg_context& ctx) const override { E::render(ctx, &condition); }
    void render(runtime_sqlite_context& ctx) const override { E::render(ctx, &condition); }
    void bind(value_binder& b) const override { condition.bind(b); }
};

}  // namespace detail

template <bool Any, class... Tables>
class dynamic_condition : public expr<dynamic_condition<Any, Tables...>> {
public:
    using sql_type = boolean;
    static constexpr bool nullable = true;
    using tables = tl::list<Tables...>;
    using columns = tl::list<>;
    static constexpr bool aggregate = false;
    static constexpr int precedence = Any ? prec::or_ : prec::and_;

    // Adds a condition (ANDed, or ORed for dynamic_or).
    template <class E>
    dynamic_condition& add(E&& condition) {
        using T = std::remove_cvref_t<E>;
        RETORT_RULE("retort: add() takes a boolean condition",
                    expression<T> && T::sql_type::category == type_category::boolean);
        RETORT_RULE("retort: the condition uses a table the dynamic condition was not declared with",
                    tl::is_subset<typename T::tables, tables>);
        RETORT_RULE("retort: aggregate functions are not allowed in a dynamic WHERE",
                    !T::aggregate);
        terms_.push_back(std::make_shared<const detail::dynamic_term_of<T>>(std::forward<E>(condition)));
        return *this;
    }
    bool empty() const noexcept { return terms_.empty(); }
    std::size_t size() const noexcept { return terms_.size(); }

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const dynamic_condition* self) {
        if constexpr (std::is_same_v<Ctx, detail::runtime_pg_context> || std::is_same_v<Ctx, detail::runtime_sqlite_context>) {
            if (!self) {
                ctx.needs_object = true;
                return;
            }
            if (self->terms_.empty()) {
                ctx.put(Any ? "1 = 0" : "1 = 1");
                return;
            }
            for (std::size_t i = 0; i < self->terms_.size(); ++i) {
                if (i) ctx.put(Any ? " OR " : " AND ");
                ctx.put('(');
                self->terms_[i]->render(ctx);
                ctx.put(')');
            }
        } else {
            ctx.needs_object = true;  // no compile-time text: rendered at run time
        }
    }
    template <class B>
    void bind(B& b) const {
        for (const auto& term : terms_) term->bind(b.underlying());
    }

private:
    std::vector<std::shared_ptr<const detail::dynamic_term>> terms_;
};

// Conditions ANDed together / ORed together, using columns of the given tables.
template <table_type... Tables>
dynamic_condition<false, Tables...> dynamic_and(const Tables&...) {
    return {};
}
template <table_type... Tables>
dynamic_condition<true, Tables...> dynamic_or(const Tables&...) {
    return {};
}

}  // namespace retort

#pragma once
// UPDATE. A WHERE is required; to change every row say so with .all_rows().
//   update(users).set(users.age = users.age + 1).where(users.username == "john_doe")
#include <retort/core/rule.hpp>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/core/type_list.hpp>
#include <retort/expr/assignment.hpp>
#include <retort/schema/table.hpp>
#include <retort/stmt/clause.hpp>
#include <retort/stmt/returning.hpp>
#include <retort/stmt/where_clause.hpp>

namespace retort {

template <class Table, class Set, class Where = no_clause, class Returning = no_clause, bool AllRows = false>
struct update_statement;

template <class Table, class... Assignments, class Where, class Returning, bool AllRows>
struct update_statement<Table, tl::list<Assignments...>, Where, Returning, AllRows> {
    using table_type = Table;
    using row_type = typename detail::rows_of<Returning>::type;
    static constexpr bool returns_rows = Returning::present;

    detail::part_list<Assignments...> assignments;  // not a std::tuple: cheaper to compile
    Where where_;
    Returning returning_;

    // set(a = 1, b = 2); set() again adds more assignments.
    template <class... More>
    constexpr auto set(More&&... more) const {
        RETORT_RULE("retort: set() needs assignments such as users.age = 30",
                    sizeof...(More) > 0);
        RETORT_RULE("retort: set() takes assignments: update(users).set(users.age = 30)",
                    (detail::is_assignment<std::remove_cvref_t<More>>::value && ...));
        if constexpr (!(detail::is_assignment<std::remove_cvref_t<More>>::value && ...)) {
            return *this;  // after a broken rule: one error, no cascade
        } else {
            RETORT_RULE("retort: set() assigns a column of another table than the one updated",
                        (std::is_same_v<typename std::remove_cvref_t<More>::column_type::table_type, Table> && ...));
            RETORT_RULE("retort: the same column is assigned twice",
                        detail::all_distinct<typename Assignments::column_type...,
                                               typename std::remove_cvref_t<More>::column_type...>());
            using next = update_statement<Table, tl::list<Assignments..., std::remove_cvref_t<More>...>, Where,
                                          Returning, AllRows>;
            return next{detail::append_parts(assignments, std::index_sequence_for<Assignments...>{},
                                             std::forward<More>(more)...),
                        where_, returning_};
        }
    }
    template <class E>
    constexpr auto where(E&& condition) const {
        auto w = detail::add_where(where_, std::forward<E>(condition));
        return update_statement<Table, tl::list<Assignments...>, decltype(w), Returning, AllRows>{assignments, std::move(w),
                                                                                                  returning_};
    }
    // Says that the UPDATE is meant for every row of the table.
    constexpr auto all_rows() const {
        return update_statement<Table, tl::list<Assignments...>, Where, Returning, true>{assignments, where_, returning_};
    }
    template <class... Args>
    constexpr auto returning(const Args&... args) const {
        auto clause = detail::make_returning(args...);
        RETORT_RULE("retort: RETURNING may only name columns of the table updated",
                    tl::is_subset<typename decltype(clause)::tables, tl::list<Table>>);
        return update_statement<Table, tl::list<Assignments...>, Where, decltype(clause), AllRows>{assignments, where_,
                                                                                                   std::move(clause)};
    }

    static constexpr bool validate() {
        RETORT_RULE("retort: UPDATE without set(...)",
                    sizeof...(Assignments) > 0);
        RETORT_RULE("retort: UPDATE without WHERE; add .where(...) or say .all_rows()",
                    Where::present || AllRows);
        RETORT_RULE("retort: WHERE of an UPDATE uses a column of another table",
                    tl::is_subset<typename Where::tables, tl::list<Table>>);
        RETORT_RULE("retort: SET uses a column of another table",
                    (tl::is_subset<typename Assignments::tables, tl::list<Table>> && ...));
        RETORT_RULE("retort: aggregate functions are not allowed in SET",
                    !(Assignments::aggregate || ...));
        return true;
    }

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const update_statement* self) {
        validate();
        ctx.put("UPDATE ");
        Table::render_from(ctx);
        ctx.put(" SET ");
        render_set(ctx, self ? &self->assignments : nullptr, std::index_sequence_for<Assignments...>{});
        Where::render(ctx, self ? &self->where_ : nullptr);
        Returning::render(ctx, self ? &self->returning_ : nullptr);
    }
    template <class B>
    constexpr void bind(B& b) const {
        detail::bind_all(b, assignments);
        where_.bind(b);
        returning_.bind(b);
    }

private:
    template <class Ctx, class Tuple, std::size_t... I>
    static constexpr void render_set(Ctx& ctx, const Tuple* set, std::index_sequence<I...>) {
        ((ctx.put(I == 0 ? "" : ", "), std::tuple_element_t<I, Tuple>::column_type::render_name(ctx), ctx.put(" = "),
          std::tuple_element_t<I, Tuple>::render_value(ctx, detail::part<I>(set))),
         ...);
    }
};

template <table_type T>
constexpr auto update(const T&) {
    return update_statement<T, tl::list<>>{};
}

}  // namespace retort

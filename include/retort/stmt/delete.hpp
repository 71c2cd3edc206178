#pragma once
// DELETE. A WHERE is required; to delete every row say so with .all_rows().
//   delete_from(users).where(users.id == 7)
#include <retort/core/rule.hpp>
#include <type_traits>
#include <utility>

#include <retort/schema/table.hpp>
#include <retort/stmt/clause.hpp>
#include <retort/stmt/returning.hpp>
#include <retort/stmt/where_clause.hpp>

namespace retort {

template <class Table, class Where = no_clause, class Returning = no_clause, bool AllRows = false>
struct delete_statement {
    using table_type = Table;
    using row_type = typename detail::rows_of<Returning>::type;
    static constexpr bool returns_rows = Returning::present;

    Where where_;
    Returning returning_;

    template <class E>
    constexpr auto where(E&& condition) const {
        auto w = detail::add_where(where_, std::forward<E>(condition));
        return delete_statement<Table, decltype(w), Returning, AllRows>{std::move(w), returning_};
    }
    // Says that the DELETE is meant for every row of the table.
    constexpr auto all_rows() const { return delete_statement<Table, Where, Returning, true>{where_, returning_}; }
    template <class... Args>
    constexpr auto returning(const Args&... args) const {
        auto clause = detail::make_returning(args...);
        RETORT_RULE("retort: RETURNING may only name columns of the table deleted from",
                    tl::is_subset<typename decltype(clause)::tables, tl::list<Table>>);
        return delete_statement<Table, Where, decltype(clause), AllRows>{where_, std::move(clause)};
    }

    static constexpr bool validate() {
        RETORT_RULE("retort: DELETE without WHERE; add .where(...) or say .all_rows()",
                    Where::present || AllRows);
        RETORT_RULE("retort: WHERE of a DELETE uses a column of another table",
                    tl::is_subset<typename Where::tables, tl::list<Table>>);
        return true;
    }

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const delete_statement* self) {
        validate();
        ctx.put("DELETE FROM ");
        Table::render_from(ctx);
        Where::render(ctx, self ? &self->where_ : nullptr);
        Returning::render(ctx, self ? &self->returning_ : nullptr);
    }
    template <class B>
    constexpr void bind(B& b) const {
        where_.bind(b);
        returning_.bind(b);
    }
};

template <table_type T>
constexpr auto delete_from(const T&) {
    return delete_statement<T>{};
}

}  // namespace retort

#pragma once
// INSERT. One row per .values(...) call:
//   insert(users).values(users.username = "john", users.email = "john@example.com", users.age = 30)
//   insert(users).values(users.username = "a", users.email = "a@x").values(users.username = "b", users.email = "b@x")
// Columns with a C++ default_(...) that a row leaves out are filled in at execution.
// A required column (NOT NULL, no default, not an autoincrement key) left out is a compile error.
#include <retort/core/rule.hpp>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include <retort/expr/assignment.hpp>
#include <retort/schema/table.hpp>
#include <retort/stmt/clause.hpp>
#include <retort/stmt/returning.hpp>

namespace retort {

namespace detail {

template <class C>
struct column_of_assignment;
template <class C, class V>
struct column_of_assignment<assignment<C, V>> {
    using type = C;
};

// Whether a table's key is one integer column (SQLite's rowid).
template <class Key>
consteval bool integer_key() {
    if constexpr (Key::size != 1) return false;
    else return tl::front<Key>::sql_type::category == type_category::integral;
}

template <class T>
struct required_column_of {
    template <class C>
    struct test : std::bool_constant<C::traits::not_null && !C::traits::has_default && !C::traits::has_server_default &&
                                     !is_autoincrement<T, C>> {};
};
// Columns an INSERT must give a value.
template <class T>
using required_columns = tl::filter<table_columns<T>, required_column_of<T>::template test>;

template <class C>
struct has_cpp_default : std::bool_constant<C::traits::has_default> {};

// The value of a column's default_(...): the value, or what the callable returns now.
template <class C>
auto default_value_of() {
    constexpr auto& constraint = std::get<C::traits::default_position>(C::spec::constraints);
    using V = std::remove_cvref_t<decltype(constraint.value)>;
    if constexpr (std::is_invocable_v<const V&>) return stored_t<std::invoke_result_t<const V&>>(constraint.value());
    else return stored_t<V>(constraint.value);
}

template <class C>
consteval void check_default() {
    constexpr auto& constraint = std::get<C::traits::default_position>(C::spec::constraints);
    using V = std::remove_cvref_t<decltype(constraint.value)>;
    if constexpr (std::is_invocable_v<const V&>) check_assignment<C, std::invoke_result_t<const V&>>();
    else check_assignment<C, V>();
}

template <class... Assignments>
struct values_row {
    using columns = tl::list<typename column_of_assignment<Assignments>::type...>;
    part_list<Assignments...> assignments;  // not a std::tuple: cheaper to compile
};

// rows with a row of `assignments` appended, the row made in its place (no copy of a whole row).
template <class Row, class... Ts, std::size_t... I, class... Assignments>
constexpr part_list<Ts..., Row> append_row([[maybe_unused]] const part_list<Ts...>& rows, std::index_sequence<I...>,
                                           Assignments&&... assignments) {
    return {{{static_cast<const indexed_part<I, Ts>&>(rows).value}...,
             {Row{{{{std::forward<Assignments>(assignments)}...}}}}}};
}

template <class Ctx, std::size_t N>
constexpr void render_placeholder_row(Ctx& ctx) {
    ctx.put('(');
    for (std::size_t i = 0; i < N; ++i) {
        if (i) ctx.put(", ");
        ctx.put_placeholder();
    }
    ctx.put(')');
}

}  // namespace detail

template <class Table, class Rows, class Returning = no_clause, class OnConflict = no_clause>
struct insert_statement;

template <class Table, class... Rows, class Returning, class OnConflict>
struct insert_statement<Table, tl::list<Rows...>, Returning, OnConflict> {
    using table_type = Table;
    using assigned_columns = typename tl::front<tl::list<Rows..., detail::values_row<>>>::columns;
    // Columns filled from default_(...) because the rows leave them out.
    using default_columns = tl::difference<tl::filter<detail::table_columns<Table>, detail::has_cpp_default>, assigned_columns>;
    using primary_key = detail::primary_key_columns<Table>;
    using returning_type = Returning;
    using row_type = typename detail::rows_of<Returning>::type;
    static constexpr bool returns_rows = Returning::present;
    static constexpr std::size_t row_count = sizeof...(Rows);

    detail::part_list<Rows...> rows;  // not a std::tuple: cheaper to compile
    Returning returning_;
    OnConflict on_conflict_;

    // Adds a row; every row assigns the same columns in the same order.
    template <class... Assignments>
    constexpr auto values(Assignments&&... assignments) const {
        RETORT_RULE("retort: values() needs assignments such as users.name = \"x\"",
                    sizeof...(Assignments) > 0);
        RETORT_RULE("retort: values() takes assignments: insert(users).values(users.name = \"x\")",
                    (detail::is_assignment<std::remove_cvref_t<Assignments>>::value && ...));
        if constexpr (!(detail::is_assignment<std::remove_cvref_t<Assignments>>::value && ...)) {
            return *this;  // after a broken rule: one error, no cascade
        } else {
            RETORT_RULE("retort: values() assigns a column of another table",
                        (std::is_same_v<typename std::remove_cvref_t<Assignments>::column_type::table_type, Table> && ...));
            RETORT_RULE("retort: the same column is assigned twice",
                        detail::all_distinct<typename std::remove_cvref_t<Assignments>::column_type...>());
            // VALUES has no row to read columns from: a value names no table (a subquery may, in its own FROM).
            RETORT_RULE("retort: INSERT ... VALUES cannot use a column as a value; give a value, or read one with a "
                        "scalar subquery: select(x).where(...).scalar_subquery()",
                        ((std::remove_cvref_t<Assignments>::tables::size == 0) && ...));
            using row = detail::values_row<std::remove_cvref_t<Assignments>...>;
            if constexpr (sizeof...(Rows) > 0)
                RETORT_RULE("retort: every row of a multi-row INSERT must assign the same columns in the same order",
                            std::is_same_v<typename row::columns, assigned_columns>);
            RETORT_RULE("retort: call values() before returning()",
                        !Returning::present);
            using next = insert_statement<Table, tl::list<Rows..., row>, Returning, OnConflict>;
            return next{detail::append_row<row>(rows, std::index_sequence_for<Rows...>{},
                                                std::forward<Assignments>(assignments)...),
                        returning_, on_conflict_};
        }
    }

    template <class... Args>
    constexpr auto returning(const Args&... args) const {
        auto clause = detail::make_returning(args...);
        RETORT_RULE("retort: RETURNING may only name columns of the table inserted into",
                    tl::is_subset<typename decltype(clause)::tables, tl::list<Table>>);
        return insert_statement<Table, tl::list<Rows...>, decltype(clause), OnConflict>{rows, std::move(clause),
                                                                                          on_conflict_};
    }

    // Upsert (on_conflict.hpp): on_conflict(cols...).do_nothing() / .do_update(...).where(...).
    template <class... Target>
    constexpr auto on_conflict(const Target&... target) const;
    template <class E>
    constexpr auto where(E&& condition) const;

    // For executors and the upsert clauses.
    template <class NewConflict>
    constexpr auto with_on_conflict(NewConflict clause) const {
        return insert_statement<Table, tl::list<Rows...>, Returning, NewConflict>{rows, returning_, std::move(clause)};
    }

    static constexpr bool validate() {
        check_defaults(default_columns{});
        RETORT_RULE("retort: a required column is missing from the INSERT (NOT NULL, no default); assign it in values()",
                    tl::is_subset<detail::required_columns<Table>, tl::concat<assigned_columns, default_columns>>);
        return true;
    }

    // PostgreSQL returns the new key with RETURNING; SQLite's last_insert_rowid() serves
    // for an integer key (the rowid), RETURNING for any other.
    // An upsert needs RETURNING on SQLite too: last_insert_rowid() is stale when the row
    // was updated or skipped instead of inserted.
    template <class D>
    static constexpr bool returns_primary_key =
        !Returning::present && sizeof...(Rows) <= 1 && primary_key::size > 0 &&
        (D::kind == dialect_kind::postgresql || primary_key::size > 1 || OnConflict::present ||
         !detail::integer_key<primary_key>());

    template <class Ctx>
    static constexpr void render(Ctx& ctx, const insert_statement* self) {
        validate();
        ctx.put("INSERT INTO ");
        Table::render_from(ctx);
        constexpr std::size_t width = assigned_columns::size + default_columns::size;
        if constexpr (width == 0) {
            ctx.put(" DEFAULT VALUES");
        } else {
            ctx.put(" (");
            render_names(ctx, tl::concat<assigned_columns, default_columns>{});
            ctx.put(") VALUES ");
            render_rows(ctx, self, std::index_sequence_for<Rows...>{});
        }
        OnConflict::render(ctx, self ? &self->on_conflict_ : nullptr);
        if constexpr (Returning::present) {
            Returning::render(ctx, self ? &self->returning_ : nullptr);
        } else if constexpr (returns_primary_key<typename Ctx::dialect>) {
            ctx.put(" RETURNING ");
            render_names(ctx, primary_key{});
        }
    }

    template <class B>
    constexpr void bind(B& b) const {
        if constexpr (sizeof...(Rows) == 0) bind_defaults(b, default_columns{});
        else bind_rows(b, std::index_sequence_for<Rows...>{});
        on_conflict_.bind(b);
        returning_.bind(b);
    }

private:
    template <class... Cs>
    static constexpr void check_defaults(tl::list<Cs...>) {
        (detail::check_default<Cs>(), ...);
    }
    template <class Ctx, class... Cs>
    static constexpr void render_names(Ctx& ctx, tl::list<Cs...>) {
        std::size_t i = 0;
        ((ctx.put(i++ == 0 ? "" : ", "), Cs::render_name(ctx)), ...);
    }

    template <class Ctx, std::size_t... R>
    static constexpr void render_rows(Ctx& ctx, const insert_statement* self, std::index_sequence<R...>) {
        ((ctx.put(R == 0 ? "" : ", "), render_row(ctx, detail::part<R>(self ? &self->rows : nullptr))), ...);
        if constexpr (sizeof...(Rows) == 0) detail::render_placeholder_row<Ctx, default_columns::size>(ctx);
    }

    template <class Ctx, class... As>
    static constexpr void render_row(Ctx& ctx, const detail::values_row<As...>* row) {
        ctx.put('(');
        const auto* assignments = row ? &row->assignments : nullptr;
        render_assignments(ctx, assignments, std::index_sequence_for<As...>{});
        for (std::size_t i = 0; i < default_columns::size; ++i) {
            if (i || sizeof...(As)) ctx.put(", ");
            ctx.put_placeholder();
        }
        ctx.put(')');
    }

    template <class Ctx, class Tuple, std::size_t... I>
    static constexpr void render_assignments(Ctx& ctx, const Tuple* assignments, std::index_sequence<I...>) {
        ((ctx.put(I == 0 ? "" : ", "),
          std::tuple_element_t<I, Tuple>::render_value(ctx, detail::part<I>(assignments))),
         ...);
    }

    template <class B, std::size_t... R>
    constexpr void bind_rows(B& b, std::index_sequence<R...>) const {
        // (each row through its base: get_part<R>() would be a function a row to build)
        (bind_row(b, static_cast<const detail::indexed_part<R, tl::at<R, tl::list<Rows...>>>&>(rows).value), ...);
    }
    template <class B, class Row>
    static constexpr void bind_row(B& b, const Row& row) {
        detail::bind_all(b, row.assignments);
        bind_defaults(b, default_columns{});
    }
    // Defaults are evaluated per execution; the binder keeps the values alive.
    template <class B, class... Cs>
    static constexpr void bind_defaults(B& b, tl::list<Cs...>) {
        (b.template bind_owned<typename Cs::sql_type>(detail::default_value_of<Cs>()), ...);
    }
};

template <table_type T>
constexpr auto insert(const T&) {
    return insert_statement<T, tl::list<>>{};
}

}  // namespace retort

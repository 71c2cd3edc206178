#pragma once
// A set of tables, created and dropped together in foreign-key order (computed at
// compile time; a cycle is a compile error).
//   metadata{users, posts}.create_all(engine);      // IF NOT EXISTS, users before posts
//   metadata{users, posts}.drop_all(engine);        // posts before users
#include <retort/core/rule.hpp>
#include <array>
#include <cstddef>
#include <string>
#include <type_traits>
#include <vector>

#include <retort/render/dialect.hpp>
#include <retort/schema/table.hpp>
#include <retort/stmt/ddl.hpp>
#include <retort/stmt/er_diagram.hpp>

namespace retort {

namespace detail {

template <class C>
struct referenced_tables_of_column;
template <class C>
using referenced_tables_t = typename referenced_tables_of_column<C>::type;
template <class Table, class Spec>
struct referenced_tables_of_column<column<Table, Spec>> {
    template <class R>
    struct target_table {
        using type = tl::list<typename R::target::table_type>;
    };
    template <class Refs>
    struct collect;
    template <class... Rs>
    struct collect<tl::list<Rs...>> {
        using type = tl::concat<typename target_table<Rs>::type...>;
    };
    using type = typename collect<typename column<Table, Spec>::traits::references>::type;
};

template <class T>
struct referenced_tables {
    template <class Cols>
    struct collect;
    template <class... Cs>
    struct collect<tl::list<Cs...>> {
        using type = tl::unique<tl::concat<referenced_tables_t<Cs>...>>;
    };
    using type = typename collect<table_columns<T>>::type;
};

// A foreign key must reference a key: the primary key, or a column declared unique (by
// itself, or table-level unique(self.c) / unique_index_on<...>(self.c) / primary_key(self.c)).
template <class C, class A>
struct is_single_key_of : std::false_type {};
template <class C>
struct is_single_key_of<C, unique_of<C>> : std::true_type {};
template <class C>
struct is_single_key_of<C, primary_key_of<C>> : std::true_type {};
template <class C, fixed_string N>
struct is_single_key_of<C, index_of<N, true, C>> : std::true_type {};
template <class C, class Args>
struct declared_key_in;
template <class C, class... As>
struct declared_key_in<C, std::tuple<As...>> : std::bool_constant<(is_single_key_of<C, As>::value || ...)> {};

template <class C>
inline constexpr bool is_key_column =
    C::traits::primary_key || C::traits::unique ||
    std::is_same_v<primary_key_columns<typename C::table_type>, tl::list<C>> ||
    declared_key_in<C, std::remove_cv_t<decltype(C::table_type::retort_table_args())>>::value;

template <class C>
struct references_keys;
template <class Table, class Spec>
struct references_keys<column<Table, Spec>> {
    template <class Refs>
    struct all;
    template <class... Rs>
    struct all<tl::list<Rs...>> : std::bool_constant<(is_key_column<typename Rs::target> && ...)> {};
    static constexpr bool value = all<typename column<Table, Spec>::traits::references>::value;
};
template <class T>
struct table_references_keys {
    template <class Cols>
    struct all;
    template <class... Cs>
    struct all<tl::list<Cs...>> : std::bool_constant<(references_keys<Cs>::value && ...)> {};
    static constexpr bool value = all<table_columns<T>>::value;
};

template <class... Ts>
struct dependency_matrix {
    // row<T>[j]: T references Ts[j]
    template <class T>
    static constexpr std::array<bool, sizeof...(Ts)> row = {
        (!std::is_same_v<T, Ts> && tl::contains<Ts, typename referenced_tables<T>::type>)...};
    static constexpr std::array<std::array<bool, sizeof...(Ts)>, sizeof...(Ts)> value = {row<Ts>...};
};

// Tables ordered so that every table comes after the tables it references.
template <class... Ts>
consteval std::array<std::size_t, sizeof...(Ts)> dependency_order() {
    constexpr std::size_t n = sizeof...(Ts);
    constexpr auto depends = dependency_matrix<Ts...>::value;
    std::array<std::size_t, n> order{};
    std::array<bool, n> placed{};
    for (std::size_t k = 0; k < n; ++k) {
        std::size_t pick = n;
        for (std::size_t i = 0; i < n && pick == n; ++i) {
            if (placed[i]) continue;
            bool ready = true;
            for (std::size_t j = 0; j < n; ++j)
                if (depends[i][j] && !placed[j]) ready = false;
            if (ready) pick = i;
        }
        if (pick == n) throw "retort: the foreign keys of these tables form a cycle";
        placed[pick] = true;
        order[k] = pick;
    }
    return order;
}

}  // namespace detail

template <class... Tables>
class metadata {
    RETORT_RULE("retort: metadata{...} takes table objects",
                (table_type<Tables> && ...));
    RETORT_RULE("retort: a table is listed twice in metadata{...}",
                tl::unique<tl::list<Tables...>>::size == sizeof...(Tables));
    RETORT_RULE("retort: a foreign key references a column that is neither the primary key nor unique; "
                "reference a key, or declare the column unique",
                (detail::table_references_keys<Tables>::value && ...));

public:
    // A metadata object creates its tables together (create_all), so it must hold every table
    // they reference; metadata<T>::create_statements<D>() alone is one table's DDL.
    constexpr explicit metadata(const Tables&...) {
        RETORT_RULE("retort: a table of metadata{...} has a foreign key to a table that is not listed; list that table too",
                    (tl::is_subset<typename detail::referenced_tables<Tables>::type, tl::list<Tables...>> && ...));
    }

    // Creation order (indices into Tables...): referenced tables first.
    static constexpr std::array<std::size_t, sizeof...(Tables)> creation_order = detail::dependency_order<Tables...>();

    // CREATE TABLE and CREATE INDEX statements, in creation order.
    template <class D>
    static std::vector<std::string> create_statements(bool checkfirst = true) {
        std::vector<std::string> out;
        for (std::size_t index : creation_order) append_create<D>(out, index, checkfirst);
        return out;
    }
    // DROP TABLE statements, in reverse creation order.
    template <class D>
    static std::vector<std::string> drop_statements(bool checkfirst = true) {
        std::vector<std::string> out;
        for (std::size_t k = sizeof...(Tables); k-- > 0;) append_drop<D>(out, creation_order[k], checkfirst);
        return out;
    }
    static std::vector<std::string> create_statements(dialect_kind kind, bool checkfirst = true) {
        return kind == dialect_kind::postgresql ? create_statements<postgresql>(checkfirst)
                                                : create_statements<sqlite>(checkfirst);
    }
    static std::vector<std::string> drop_statements(dialect_kind kind, bool checkfirst = true) {
        return kind == dialect_kind::postgresql ? drop_statements<postgresql>(checkfirst)
                                                : drop_statements<sqlite>(checkfirst);
    }

    // The whole schema as one SQL script for a dialect: every CREATE statement, in creation
    // order, each ending in ";".
    template <class D>
    static std::string ddl(bool checkfirst = false) {
        std::string script;
        for (const auto& sql : create_statements<D>(checkfirst)) script += sql + ";\n";
        return script;
    }
    static std::string ddl(dialect_kind kind, bool checkfirst = false) {
        return kind == dialect_kind::postgresql ? ddl<postgresql>(checkfirst) : ddl<sqlite>(checkfirst);
    }

    // A Mermaid erDiagram of the tables, their columns and foreign keys (see er_diagram.hpp),
    // with the column types of dialect D; GitHub renders it in a ```mermaid block.
    template <class D = postgresql>
    static std::string mermaid() {
        std::string out = "erDiagram\n";
        for (std::size_t index : creation_order) append_mermaid<D>(out, index, false, std::index_sequence_for<Tables...>{});
        for (std::size_t index : creation_order) append_mermaid<D>(out, index, true, std::index_sequence_for<Tables...>{});
        return out;
    }

    // Creates every table that does not exist yet (checkfirst), in one transaction.
    template <class Engine>
    void create_all(Engine& engine, bool checkfirst = true) const {
        auto statements = create_statements(engine.dialect(), checkfirst);
        engine.transaction([&](auto& conn) {
            for (const auto& sql : statements) conn.exec_driver_sql(sql);
        });
    }
    // Drops every table (that exists, with checkfirst), in one transaction.
    template <class Engine>
    void drop_all(Engine& engine, bool checkfirst = true) const {
        auto statements = drop_statements(engine.dialect(), checkfirst);
        engine.transaction([&](auto& conn) {
            for (const auto& sql : statements) conn.exec_driver_sql(sql);
        });
    }

private:
    // The table at `index` of Tables in the diagram: its box, or (relations) its foreign keys.
    template <class D, std::size_t I>
    static void append_mermaid_one(std::string& out, std::size_t index, bool relations) {
        if (I != index) return;
        using T = tl::at<I, tl::list<Tables...>>;
        if (relations) detail::mermaid_table_relations<T>(out);
        else detail::mermaid_table<D, T>(out);
    }
    template <class D, std::size_t... I>
    static void append_mermaid(std::string& out, std::size_t index, bool relations, std::index_sequence<I...>) {
        (append_mermaid_one<D, I>(out, index, relations), ...);
    }
    template <class D, std::size_t I>
    static void append_create_one(std::vector<std::string>& out, std::size_t index, bool checkfirst) {
        if (I != index) return;
        using T = tl::at<I, tl::list<Tables...>>;
        out.push_back(detail::create_table_sql<D, T>(checkfirst));
        for (auto& sql : detail::create_index_sql<D, T>(checkfirst)) out.push_back(std::move(sql));
    }
    template <class D, std::size_t... I>
    static void append_create(std::vector<std::string>& out, std::size_t index, bool checkfirst, std::index_sequence<I...>) {
        (append_create_one<D, I>(out, index, checkfirst), ...);
    }
    template <class D>
    static void append_create(std::vector<std::string>& out, std::size_t index, bool checkfirst) {
        append_create<D>(out, index, checkfirst, std::index_sequence_for<Tables...>{});
    }
    template <class D, std::size_t I>
    static void append_drop_one(std::vector<std::string>& out, std::size_t index, bool checkfirst) {
        if (I == index) out.push_back(detail::drop_table_sql<D, tl::at<I, tl::list<Tables...>>>(checkfirst));
    }
    template <class D, std::size_t... I>
    static void append_drop(std::vector<std::string>& out, std::size_t index, bool checkfirst, std::index_sequence<I...>) {
        (append_drop_one<D, I>(out, index, checkfirst), ...);
    }
    template <class D>
    static void append_drop(std::vector<std::string>& out, std::size_t index, bool checkfirst) {
        append_drop<D>(out, index, checkfirst, std::index_sequence_for<Tables...>{});
    }
};

template <class... Tables>
metadata(const Tables&...) -> metadata<Tables...>;

}  // namespace retort

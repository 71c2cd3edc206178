#pragma once
// A Mermaid erDiagram of tables (metadata::mermaid()): each table with its columns
// (type as the dialect spells it, PK / FK / UK, "NOT NULL"), and each foreign key as a
// relation from the referenced table, labelled with the referencing column:
//   users ||--o{ posts : "user_id"      a NOT NULL key: every post has one user
//   users |o--o{ posts : "editor_id"    a nullable key: zero or one
//   users ||--o| profiles : "user_id"   a unique key: one profile at most
// Mermaid takes no spaces or commas in a type: DOUBLE_PRECISION, NUMERIC(10_2).
#include <string>
#include <string_view>
#include <type_traits>

#include <retort/core/type_list.hpp>
#include <retort/schema/table.hpp>
#include <retort/stmt/ddl.hpp>

namespace retort::detail {

template <class D, class C>
std::string mermaid_type() {
    ddl_context<D> ctx;
    C::sql_type::render_ddl(ctx);
    std::string type;
    for (char c : ctx.sink.text) {
        if (c == ' ' && !type.empty() && type.back() == '_') continue;  // "10, 2" → "10_2"
        type += c == ' ' || c == ',' ? '_' : c;
    }
    return type;
}

template <class D, class T, class C>
void mermaid_column(std::string& out) {
    using traits = typename C::traits;
    const bool pk = tl::contains<C, primary_key_columns<T>>;
    const bool fk = traits::references::size > 0;
    out += "        ";
    out += mermaid_type<D, C>();
    out += ' ';
    out += C::name();
    std::string keys;
    if (pk) keys += "PK";
    if (fk) keys += keys.empty() ? "FK" : ", FK";
    if (traits::unique && !pk) keys += keys.empty() ? "UK" : ", UK";
    if (!keys.empty()) out += ' ' + keys;
    if (traits::not_null && !pk) out += " \"NOT NULL\"";
    out += '\n';
}

template <class T, class C, class K>
void mermaid_reference(std::string& out) {
    using traits = typename C::traits;
    using target = typename K::target;
    const bool one_at_most =
        traits::unique || (tl::contains<C, primary_key_columns<T>> && primary_key_columns<T>::size == 1);
    out += "    ";
    out += target::table_type::retort_name.view();
    out += traits::not_null ? " ||--" : " |o--";
    out += one_at_most ? "o| " : "o{ ";
    out += T::retort_name.view();
    out += " : \"";
    out += C::name();
    out += "\"\n";
}
template <class T, class C, class... Ks>
void mermaid_references(std::string& out, tl::list<Ks...>) {
    (mermaid_reference<T, C, Ks>(out), ...);
}

// Plain function templates rather than template lambdas: clang 16 crashes on those here.
template <class D, class T, class... Cs>
void mermaid_columns(std::string& out, tl::list<Cs...>) {
    (mermaid_column<D, T, Cs>(out), ...);
}
template <class T, class... Cs>
void mermaid_relations(std::string& out, tl::list<Cs...>) {
    (mermaid_references<T, Cs>(out, typename Cs::traits::references{}), ...);
}

template <class D, class T>
void mermaid_table(std::string& out) {
    out += "    ";
    out += T::retort_name.view();
    out += " {\n";
    mermaid_columns<D, T>(out, table_columns<T>{});
    out += "    }\n";
}

template <class T>
void mermaid_table_relations(std::string& out) {
    mermaid_relations<T>(out, table_columns<T>{});
}

}  // namespace retort::detail

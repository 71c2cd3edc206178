#pragma once
// Run-time checks that go with the compile-time text assertions: the text rendered at run
// time (render_runtime) is the compile-time text, and the statement binds as many values
// as its text has placeholders, in the order the placeholders appear.
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include <retort/dsl.hpp>
#include <retort/driver/value_text_statement.hpp>
#include <retort/engine/bound_values.hpp>

namespace retort::test {

// The values a statement binds, as text ('quoted' strings, NULL), in binding order.
template <class Statement, class... Args>
std::vector<std::string> bound_values(const Statement& statement, const Args&... named) {
    const std::tuple<const Args&...> arguments(named...);
    // (through the header's text statement: these tests link no library)
    std::vector<std::string> text;
    detail::value_text_statement writer(text);
    detail::value_binder binder(writer, text);
    detail::bound_values_of(statement, arguments).bind_into(binder);
    return text;
}

template <class Statement, class... Args>
void expect_runtime_text(const Statement& statement, const Args&... named) {
    EXPECT_EQ(render_runtime<postgresql>(statement), sql_text<postgresql>(statement));
    EXPECT_EQ(render_runtime<sqlite>(statement), sql_text<sqlite>(statement));
    EXPECT_EQ(sql_text(dialect_kind::postgresql, statement), sql_text<postgresql>(statement));
    EXPECT_EQ(sql_text(dialect_kind::sqlite, statement), sql_text<sqlite>(statement));
    const auto values = bound_values(statement, named...);
    EXPECT_EQ(static_cast<std::size_t>(statement_text<postgresql, Statement>::parameter_count), values.size());
    EXPECT_EQ(static_cast<std::size_t>(statement_text<sqlite, Statement>::parameter_count), values.size());
}

}  // namespace retort::test

#pragma once
// The SQL text of a statement type for a dialect: a compile-time constant.
//   static_assert(sql_text<postgresql>(select(users)) == R"(SELECT "users"."id", ... FROM "users")");
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include <retort/render/context.hpp>
#include <retort/render/dialect.hpp>

namespace retort {

template <class D, class S>
struct statement_text {
    static constexpr auto measure() {
        render::context<D, render::counting_sink> ctx;
        S::render(ctx, nullptr);
        return ctx;
    }
    static constexpr std::size_t size = measure().sink.size;
    static constexpr int parameter_count = measure().parameters;
    static constexpr auto buffer = [] {
        render::context<D, render::array_sink<size>> ctx;
        S::render(ctx, nullptr);
        return ctx.sink.buffer;
    }();
    static constexpr std::string_view text{buffer.data(), size};
};

template <class D, class S>
inline constexpr std::string_view sql_text_v = statement_text<D, std::remove_cvref_t<S>>::text;

// The text of a statement whose shape is static.
template <class D, class S>
constexpr std::string_view sql_text(const S&) {
    return statement_text<D, S>::text;
}

// The text for a dialect chosen at run time (an engine created from a URL).
template <class S>
constexpr std::string_view sql_text(dialect_kind kind, const S&) {
    return kind == dialect_kind::postgresql ? statement_text<postgresql, S>::text : statement_text<sqlite, S>::text;
}

// Renders an object at run time (DDL, shapes built at run time).
template <class D, render::value_mode Values = render::value_mode::placeholder, class S>
std::string render_runtime(const S& node) {
    render::context<D, render::string_sink, Values> ctx;
    ctx.static_shape = false;
    S::render(ctx, &node);
    return std::move(ctx.sink.text);
}

}  // namespace retort

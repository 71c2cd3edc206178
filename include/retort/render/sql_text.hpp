#pragma once
// The SQL text of a statement type for a dialect: a compile-time constant.
//   static_assert(sql_text<postgresql>(select(users)) == R"(SELECT "users"."id", ... FROM "users")");
#include <retort/core/rule.hpp>
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>

#include <retort/core/errors.hpp>
#include <retort/core/fixed_string.hpp>
#include <retort/render/context.hpp>
#include <retort/render/dialect.hpp>

namespace retort {

template <class D, class S>
struct statement_text {
    static constexpr auto measure() {
        render::context<D, render::compile_time_sink> ctx;
        S::render(ctx, nullptr);
        return ctx;
    }
    // Measured once: clang evaluates each call again (g++ remembers the first).
    static constexpr auto measured = measure();
    static constexpr std::size_t size = measured.sink.size;
    static constexpr int parameter_count = measured.parameters;
    // What the dialect lacks for this statement (empty when it has everything).
    static constexpr std::string_view unsupported = measured.unsupported;
    static constexpr bool supported = unsupported.empty();
    // The text depends on run-time values (dynamic shapes): render_runtime() it.
    static constexpr bool dynamic = measured.needs_object;
    static constexpr auto buffer = [] {
        std::array<char, size + 1> text{};
        render::context<D, render::compile_time_sink> ctx;
        ctx.sink.out = text.data();
        S::render(ctx, nullptr);
        return text;
    }();
    static constexpr std::string_view text{buffer.data(), size};
    // Does the statement have a bindparam called Name? (true when the text depends on
    // run-time values: only the object could tell.)
    template <fixed_string Name>
    static constexpr bool has_bindparam = [] {
        render::context<D, render::compile_time_sink> ctx;
        ctx.bindparam_sought = Name.view();
        S::render(ctx, nullptr);
        return ctx.bindparam_found || ctx.needs_object;
    }();
};

template <class D, class S>
inline constexpr std::string_view sql_text_v = statement_text<D, std::remove_cvref_t<S>>::text;

namespace detail {
// The text of a statement whose shape is static, its rules checked: a constant, so that the
// executor reads it with no function of its own per statement.
template <class D, class S>
inline constexpr std::string_view checked_static_text = [] {
    RETORT_RULE("retort: the statement uses a feature this dialect does not have (such as DISTINCT ON or FOR "
                "UPDATE NOWAIT on SQLite)",
                statement_text<D, S>::supported);
    RETORT_RULE("retort: a statement with a dynamic part has no compile-time text; "
                "use render_runtime<dialect>(statement)",
                !statement_text<D, S>::dynamic);
    return statement_text<D, S>::text;
}();
}  // namespace detail

// The text of a statement whose shape is static.
template <class D, class S>
constexpr std::string_view sql_text(const S&) {
    return detail::checked_static_text<D, S>;
}

namespace detail {
template <class D, class S>
std::string_view checked_text() {
    if constexpr (!statement_text<D, S>::supported)
        throw not_supported_error(std::string(D::name) + " does not support " +
                                  std::string(statement_text<D, S>::unsupported));
    return statement_text<D, S>::text;
}
}  // namespace detail

// The static text for a dialect chosen at run time (an engine created from a URL);
// not_supported_error when the statement needs what that dialect lacks.
template <class S>
std::string_view sql_text(dialect_kind kind, const S&) {
    return kind == dialect_kind::postgresql ? detail::checked_text<postgresql, S>() : detail::checked_text<sqlite, S>();
}

// Renders an object at run time (DDL, shapes built at run time).
template <class D, render::value_mode Values = render::value_mode::placeholder, class S>
std::string render_runtime(const S& node) {
    render::context<D, render::string_sink, Values> ctx;
    ctx.static_shape = false;
    S::render(ctx, &node);
    if (!ctx.unsupported.empty())
        throw not_supported_error(std::string(D::name) + " does not support " + std::string(ctx.unsupported));
    return std::move(ctx.sink.text);
}

}  // namespace retort

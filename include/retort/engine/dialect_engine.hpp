#pragma once
// An engine whose dialect is part of its type: create_engine<sqlite>("sqlite:///app.db").
// Its connections check each statement against that dialect when it is compiled (DISTINCT
// ON on SQLite does not build) and instantiate that dialect's text only; the URL must name
// the same database, or create_engine throws url_error.
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <retort/core/errors.hpp>
#include <retort/engine/engine.hpp>
#include <retort/engine/execute.hpp>
#include <retort/engine/execute_many.hpp>
#include <retort/render/dialect.hpp>

namespace retort {

template <dialect Dialect>
class dialect_connection : public connection {
public:
    explicit dialect_connection(connection&& conn) noexcept : connection(std::move(conn)) {}

    template <class Statement, class... Args>
    auto execute(const Statement& statement, const Args&... named) {
        return execute_in<Dialect>(statement, named...);
    }
    template <class Statement, class Rows>
    auto execute_many(const Statement& statement, const Rows& rows, bulk_options options = {}) {
        return execute_many_in<Dialect>(statement, rows, options);
    }
};

template <dialect Dialect>
class dialect_engine : public engine {
public:
    explicit dialect_engine(engine untyped) : engine(std::move(untyped)) {}

    dialect_connection<Dialect> connect() { return dialect_connection<Dialect>(engine::connect()); }

    // Runs fn(dialect_connection&) in a transaction: commit on return, rollback on throw.
    template <class F>
    auto transaction(F&& fn) -> std::invoke_result_t<F&, dialect_connection<Dialect>&> {
        return detail::run_in_transaction(connect(), fn);
    }
};

template <dialect Dialect>
dialect_engine<Dialect> create_engine(std::string_view url, engine_options options = {}) {
    engine untyped = create_engine(url, std::move(options));
    if (untyped.dialect() != Dialect::kind)
        throw url_error("create_engine<" + std::string(Dialect::name) + ">: the URL '" + untyped.url() +
                        "' is not a " + std::string(Dialect::name) + " database");
    return dialect_engine<Dialect>(std::move(untyped));
}

}  // namespace retort

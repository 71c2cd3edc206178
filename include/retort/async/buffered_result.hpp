#pragma once
// What co_await conn.execute(select...) gives: the rows, already read into the statement's
// typed rows (row.username, row.age) by the same reader as the synchronous result, held in
// memory so that nothing is left to wait for. The same accessors as retort::result.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <retort/engine/result.hpp>
#include <retort/core/errors.hpp>
#include <retort/result/struct_mapping.hpp>

namespace retort {

template <class Row>
class buffered_result {
public:
    using row_type = Row;
    using scalar_type = std::remove_cvref_t<decltype(std::declval<Row&>().template get<0>())>;
    using iterator = typename std::vector<Row>::const_iterator;

    // `sql` (for the messages of one() and one_or_none()) is kept as a view when it is the
    // statement's compile-time text, which lives as long as the program; else it is copied.
    buffered_result(std::vector<Row> rows, std::int64_t rowcount, std::string_view sql, bool sql_is_static)
        : rows_(std::move(rows)),
          rowcount_(rowcount),
          owned_sql_(sql_is_static ? nullptr : std::make_shared<const std::string>(sql)),
          sql_(owned_sql_ ? std::string_view(*owned_sql_) : sql) {}

    // Reads a synchronous result to its end (its rows are in memory, or this runs off the
    // event loop).
    static buffered_result read(result<Row>&& rows, std::string_view sql, bool sql_is_static) {
        std::vector<Row> all = rows.all();
        return buffered_result(std::move(all), rows.rowcount(), sql, sql_is_static);
    }

    iterator begin() const noexcept { return rows_.begin(); }
    iterator end() const noexcept { return rows_.end(); }
    std::size_t size() const noexcept { return rows_.size(); }
    bool empty() const noexcept { return rows_.empty(); }

    template <class T = Row>
    std::vector<T> all() {
        if constexpr (std::is_same_v<T, Row>) {
            return std::move(rows_);
        } else {
            std::vector<T> out;
            out.reserve(rows_.size());
            for (auto& row : rows_) out.push_back(detail::row_to_struct<T>(std::move(row)));
            return out;
        }
    }
    template <class T = Row>
    std::optional<T> first() {
        if (rows_.empty()) return std::nullopt;
        return convert<T>(rows_.front());
    }
    template <class T = Row>
    T one() {
        auto row = one_or_none<T>();
        if (!row) throw no_result_found(with_sql("No row was found when one was required"));
        return std::move(*row);
    }
    template <class T = Row>
    std::optional<T> one_or_none() {
        if (rows_.size() > 1)
            throw multiple_results_found(with_sql("Multiple rows were found when one or none was required"));
        return first<T>();
    }
    typename detail::flatten_optional<scalar_type>::type scalar() {
        if (rows_.empty()) return std::nullopt;
        return std::move(rows_.front().template get<0>());
    }
    scalar_type scalar_one() { return std::move(one().template get<0>()); }
    typename detail::flatten_optional<scalar_type>::type scalar_one_or_none() {
        auto row = one_or_none();
        if (!row) return std::nullopt;
        return std::move(row->template get<0>());
    }
    std::vector<scalar_type> scalars() {
        std::vector<scalar_type> values;
        values.reserve(rows_.size());
        for (auto& row : rows_) values.push_back(std::move(row.template get<0>()));
        return values;
    }
    // Rows changed by UPDATE/DELETE ... RETURNING, or returned.
    std::int64_t rowcount() const noexcept { return rowcount_; }

private:
    std::string with_sql(std::string_view message) const {
        std::string text(message);
        text += "\n[SQL: ";
        text += sql_;
        text += ']';
        return text;
    }

    template <class T>
    T convert(Row& row) {
        if constexpr (std::is_same_v<T, Row>) return std::move(row);
        else return detail::row_to_struct<T>(std::move(row));
    }

    std::vector<Row> rows_;
    std::int64_t rowcount_;
    std::shared_ptr<const std::string> owned_sql_;  // a copy of text rendered at run time
    std::string_view sql_;
};

namespace detail {
// The asynchronous executor's result for what the synchronous one returns: rows are buffered.
template <class T>
struct buffered {
    using type = T;
    static T make(T&& outcome, std::string_view, bool) { return std::move(outcome); }
};
template <class Row>
struct buffered<result<Row>> {
    using type = buffered_result<Row>;
    static type make(result<Row>&& rows, std::string_view sql, bool sql_is_static) {
        return type::read(std::move(rows), sql, sql_is_static);
    }
};
}  // namespace detail

}  // namespace retort

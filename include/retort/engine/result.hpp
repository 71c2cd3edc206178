#pragma once
// What conn.execute() returns. Rows stream from the driver as they are iterated
// (SQLite steps; PostgreSQL reads the result libpq received), each read into the
// statement's typed row: row.username, row.age (std::optional when nullable).
//   for (const auto& row : conn.execute(select(users))) ...
//   auto user = conn.execute(select(users).where(users.id == 1)).one();
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <retort/core/errors.hpp>
#include <retort/driver/statement.hpp>
#include <retort/driver/value_traits.hpp>
#include <retort/engine/engine.hpp>
#include <retort/engine/mapping_result.hpp>
#include <retort/engine/result_partitions.hpp>
#include <retort/engine/result_source.hpp>
#include <retort/result/row_columns.hpp>
#include <retort/result/row_identity.hpp>
#include <retort/result/row_mapping.hpp>
#include <retort/result/row_mapping_reader.hpp>
#include <retort/result/struct_mapping.hpp>
#include <retort/stmt/row.hpp>

namespace retort {

namespace detail {

// A NULL where the row has no std::optional is an error, never a silent 0 or "".
// (lib/result.cpp: the message is built once, in the library)
[[noreturn]] void null_in_plain_field(int column);

// Each field is read into the row in place: iterating a result reuses one row, so its
// strings keep their buffers from row to row.
template <class T>
void read_field(T& target, driver::statement& s, int column) {
    if (!read_value_unless_null(target, s, column)) [[unlikely]]
        null_in_plain_field(column);
}

template <class T>
void read_field(T& target, const driver::field& f, driver::statement& s, int column) {
    if (!read_value_unless_null(target, f, s, column)) [[unlikely]]
        null_in_plain_field(column);
}

// The row from its fields when the driver fetched them in one call (SQLite), else one a field:
// every field (All), or those the driver left to the reader (row_targets).
template <bool All, class Row, std::size_t N, std::size_t... I>
void read_row(Row& row, driver::statement& s, const std::array<driver::field, N>* fields, std::index_sequence<I...>) {
    // (each field through its base, not row.get<I>(): a function per field the compiler builds)
    using members = typename Row::members;
    if (fields) [[likely]]
        ((All || row_targets<Row>[I] == driver::column_target::field
              ? read_field(static_cast<indexed_field<I, tl::at<I, members>>&>(row).retort_value(), (*fields)[I], s,
                           static_cast<int>(I))
              : void()),
         ...);
    else
        ((All || row_targets<Row>[I] == driver::column_target::field
              ? read_field(static_cast<indexed_field<I, tl::at<I, members>>&>(row).retort_value(), s,
                           static_cast<int>(I))
              : void()),
         ...);
}
// The current row (read_fields writes nothing into the row).
template <class Row>
void read_row(Row& row, driver::statement& s) {
    std::array<driver::field, Row::size> fields;
    read_row<true>(row, s, s.read_fields(fields) ? &fields : nullptr, std::make_index_sequence<Row::size>{});
}

// What a result keeps of where next_row() writes (nothing for row_mapping, read by name).
template <class Row>
struct row_columns_storage {
    using type = std::array<driver::row_column, Row::size + 1>;
};
template <>
struct row_columns_storage<row_mapping> {
    struct type {};
};

// Whether the driver writes every field of a row (row_mapping: read by name, never).
template <class Row>
inline constexpr bool written_row = row_written_by_driver<Row>;
template <>
inline constexpr bool written_row<row_mapping> = false;

template <class T>
struct flatten_optional {
    using type = std::optional<T>;
};
template <class T>
struct flatten_optional<std::optional<T>> {
    using type = std::optional<T>;
};

}  // namespace detail

// Rows of a SELECT, of a RETURNING clause or of SQL text (text_clause; row_mapping rows
// when it declares no columns).
template <class Row>
class result : public detail::result_source {
public:
    using row_type = Row;
    using scalar_type = std::remove_cvref_t<decltype(std::declval<Row&>().template get<0>())>;

    // `owned_sql` holds the text of a statement rendered at run time (dynamic shapes).
    // `conn` translates read errors (disconnects); null when the rows are already in memory.
    // (by reference: no moved-from copies for the caller to destroy)
    result(driver::statement_handle&& handle, connection* conn, std::string_view sql,
           std::unique_ptr<const std::string>&& owned_sql = nullptr)
        : result_source(std::move(handle), conn, sql, std::move(owned_sql)) {
        if constexpr (!std::is_same_v<Row, row_mapping>) place_columns();
    }
    // Out of line: a caller's normal and unwinding paths each call it where each would hold
    // the row's destruction.
    [[gnu::noinline]] ~result() = default;
    result(result&&) = default;
    result& operator=(result&&) = default;

    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Row;
        using difference_type = std::ptrdiff_t;
        using pointer = const Row*;
        using reference = const Row&;

        // No constructor of its own (begin() and end() set it): each would be a function the
        // compiler builds for every row type. A value-initialized iterator (end()) is null.
        iterator() = default;
        reference operator*() const { return result_->current_; }
        pointer operator->() const { return &result_->current_; }
        // (the row read straight from here: each function a row type instantiates is compile
        // time in every statement that reads rows)
        iterator& operator++() {
            if (!result_->fetch_into(result_->current_)) result_ = nullptr;
            return *this;
        }
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& a, const iterator& b) { return a.result_ == b.result_; }

    private:
        friend class result;
        result* result_;
    };

    // Single pass: iterating again continues where the last iteration stopped.
    iterator begin() {
        iterator first;
        first.result_ = fetch_into(current_) ? this : nullptr;
        return first;
    }
    iterator end() { return iterator(); }

    // Every row; all<T>() reads them into your struct T (see struct_mapping.hpp).
    template <class T = Row>
    std::vector<T> all() {
        std::vector<T> rows;
        while (fetch()) rows.push_back(convert<T>());
        close();
        return rows;
    }
    // The first row or nothing; the rest is discarded.
    template <class T = Row>
    std::optional<T> first() {
        std::optional<T> row;
        if constexpr (std::is_same_v<T, Row>) {
            // Read straight into the returned row: no moves of its strings.
            if (!fetch_into(row.emplace())) row.reset();
        } else {
            if (fetch()) row = convert<T>();
        }
        close();
        return row;
    }
    // Exactly one row, else no_result_found / multiple_results_found.
    template <class T = Row>
    T one() {
        auto row = one_or_none<T>();
        if (!row) throw no_result_found("No row was found when one was required\n[SQL: " + std::string(sql_) + "]");
        return std::move(*row);
    }
    template <class T = Row>
    std::optional<T> one_or_none() {
        std::optional<T> row;
        bool found;
        if constexpr (std::is_same_v<T, Row>) {
            found = fetch_into(row.emplace());
            if (!found) row.reset();
        } else {
            found = fetch();
            if (found) row = convert<T>();
        }
        if (found) {
            if (fetch()) {
                close();
                throw multiple_results_found("Multiple rows were found when one or none was required\n[SQL: " +
                                             std::string(sql_) + "]");
            }
        }
        close();
        return row;
    }
    // The first column of the first row (nothing when there is no row or it is NULL).
    typename detail::flatten_optional<scalar_type>::type scalar() {
        auto row = first();
        if (!row) return std::nullopt;
        return std::move(row->template get<0>());
    }
    scalar_type scalar_one() { return std::move(one().template get<0>()); }
    typename detail::flatten_optional<scalar_type>::type scalar_one_or_none() {
        auto row = one_or_none();
        if (!row) return std::nullopt;
        return std::move(row->template get<0>());
    }
    // The first column of every row.
    std::vector<scalar_type> scalars() {
        std::vector<scalar_type> values;
        while (fetch()) values.push_back(std::move(current_.template get<0>()));
        close();
        return values;
    }
    // The next rows, at most n (fewer at the end; none when the rows are done).
    template <class T = Row>
    std::vector<T> fetchmany(std::size_t n) {
        std::vector<T> rows;
        while (rows.size() < n && fetch()) rows.push_back(convert<T>());
        if (rows.size() < n) close();
        return rows;
    }
    // The next row, or nothing when the rows are done.
    template <class T = Row>
    std::optional<T> fetchone() {
        std::optional<T> row;
        if (fetch()) row = convert<T>();
        return row;
    }
    // The rows in lists of n, each read when the loop reaches it (see result_partitions.hpp).
    // Takes the rows over: this result is left empty.
    result_partitions<result> partitions(std::size_t n) { return result_partitions<result>(std::move(*this), n); }
    // The rows as row_mapping: name → sql_value (see mapping_result.hpp). Takes the rows over.
    mapping_result<result> mappings() { return mapping_result<result>(std::move(*this)); }
    // From here on, a row equal to one already given is skipped (SQLAlchemy's unique()):
    // every row given is kept until the result is closed.
    result& unique() & {
        if (!seen_) seen_ = std::make_unique<detail::unique_rows<Row>>();
        return *this;
    }
    result unique() && { return std::move(unique()); }

    // The columns' names, in order: a column's or label's own; for an unnamed expression,
    // the database's name for it (asked while the result is open).
    const std::vector<std::string>& keys() { return *shared_keys(); }

    // Plumbing for mapping_result and result_partitions.
    bool advance() { return fetch(); }
    const Row& current() const noexcept { return current_; }
    const std::shared_ptr<const std::vector<std::string>>& shared_keys() {
        if (!keys_) {
            if constexpr (std::is_same_v<Row, row_mapping>)
                keys_ = handle_ ? detail::column_names(*handle_) : std::make_shared<const std::vector<std::string>>();
            else
                keys_ = std::make_shared<const std::vector<std::string>>(
                    detail::typed_row_keys<Row>(handle_ ? &*handle_ : nullptr));
        }
        return keys_;
    }

private:
    template <class T>
    T convert() {
        if constexpr (std::is_same_v<T, Row>) return std::move(current_);
        else return detail::row_to_struct<T>(std::move(current_));
    }

    bool fetch() { return fetch_into(current_); }
    // The next row, read into `target` (false, and `target` untouched, at the end). Inlined
    // twice in a loop over the rows (begin() and ++), so it is kept to a call and a test: into
    // the library when the driver writes every field (no function of this row type's own).
    bool fetch_into(Row& target) {
        if constexpr (detail::written_row<Row>) return next_written_row(&target, columns_.data());
        else return next_into(target);
    }
    // Steps and reads the next row unique() admits (every row without unique()): one call a
    // row, its error handling out of the caller's way.
    [[gnu::noinline]] bool next_into(Row& target) {
        try {
            for (;;) {
                if constexpr (std::is_same_v<Row, row_mapping>) {
                    if (!step()) return false;
                    detail::read_row_mapping(target, *handle_, keys_);
                } else {
                    // the step and the fields in one driver call, those it can take written into the row
                    if (!handle_) [[unlikely]]
                        return finished();
                    std::array<driver::field, Row::size> fields;
                    const driver::row_step next = handle_->next_row(fields, {&target, columns_.data()});
                    if (next == driver::row_step::end) return finished();
                    detail::read_row<false>(target, *handle_,
                                            next == driver::row_step::row_and_fields ? &fields : nullptr,
                                            std::make_index_sequence<Row::size>{});
                }
                if (!seen_) [[likely]]
                    return true;
                if (seen_->admit(&target)) return true;  // unique(): rows not seen before
            }
        } catch (...) {
            read_failed();
        }
    }
    // Where next_row() writes the fields of a row: offsets from the row's start, the same for
    // every row of the type (for `current_` and for the row first() reads into). Placed when
    // the result is made, so that reading a row does not test whether they are.
    [[gnu::noinline]] void place_columns() noexcept {
        columns_ = detail::row_columns(current_, std::make_index_sequence<Row::size>{});
    }

    Row current_{};
    [[no_unique_address]] typename detail::row_columns_storage<Row>::type columns_;
};

// What an INSERT, UPDATE or DELETE without RETURNING reports.
template <class PrimaryKey = void>
class execution_result {
public:
    execution_result(std::int64_t rowcount, std::optional<PrimaryKey> key)
        : rowcount_(rowcount), known_(key.has_value()) {
        if (key) key_ = std::move(*key);
    }
    // The key and whether it is known, apart: the executor's per-INSERT path returns this
    // in registers, where an optional member made it go through the stack.
    execution_result(std::int64_t rowcount, PrimaryKey key, bool known)
        : rowcount_(rowcount), key_(std::move(key)), known_(known) {}
    std::int64_t rowcount() const noexcept { return rowcount_; }
    // The primary key of the row a single-row INSERT created.
    const PrimaryKey& inserted_primary_key() const {
        if (!known_) throw invalid_request_error("inserted_primary_key() is only known after a single-row INSERT");
        return key_;
    }

private:
    std::int64_t rowcount_;
    PrimaryKey key_{};
    bool known_ = false;
};

template <>
class execution_result<void> {
public:
    explicit execution_result(std::int64_t rowcount) : rowcount_(rowcount) {}
    std::int64_t rowcount() const noexcept { return rowcount_; }

private:
    std::int64_t rowcount_;
};

}  // namespace retort

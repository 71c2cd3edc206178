#pragma once
// The seam between the typed executor (headers) and the database drivers (lib/): one
// prepared statement, bound and read through a few virtual calls. Nothing here names
// sqlite3 or libpq: the headers stay driver-free. driver/connection.hpp has the rest.
#include <cstddef>
#include <cstdint>
#include <string>
#include <limits>
#include <span>
#include <string_view>
#include <utility>

#include <retort/core/errors.hpp>
#include <retort/driver/row_destination.hpp>

namespace retort::driver {

// What a field of the current row holds, for rows read without a compile-time shape
// (text statements without declared columns): SQLite says per value, PostgreSQL per
// column type (NUMERIC and other types without a C++ counterpart read as text).
enum class field_kind : unsigned char { null, integer, real, boolean, text, blob };

// A field of the current row as the driver holds it, fetched with the others of its row in
// one call (statement::read_fields): `integer`, `real` or the `size` bytes at `text` hold the
// value, as `kind` says. Left uninitialized by the row readers (the driver fills it).
struct field {
    field_kind kind;
    union {
        std::int64_t integer;
        double real;
        const char* text;
    };
    std::size_t size;
};

// What an INSERT of one row reports: the rows it inserted and, when it inserted one, the row's
// id (SQLite's rowid; 0 when none was inserted).
struct inserted_row {
    std::int64_t rowcount;
    std::int64_t id;
};

// What statement::next_row() did: `end` after the last row; else the fields left to the
// reader (column_target `field`) are to be read one by one (`row`) or are in the field array
// (`row_and_fields`).
enum class row_step : unsigned char { end, row, row_and_fields };

// One prepared statement and, after execute(), its rows.
// Parameters are bound by 0-based position; text and blobs must stay valid until
// execute() returns (the driver copies what it needs beyond that).
class statement {
public:
    virtual ~statement() = default;

    virtual void bind_null(int index) = 0;
    virtual void bind_int(int index, std::int64_t value) = 0;
    virtual void bind_double(int index, double value) = 0;
    virtual void bind_bool(int index, bool value) = 0;
    virtual void bind_text(int index, std::string_view value) = 0;
    virtual void bind_blob(int index, std::span<const std::byte> value) = 0;

    // Runs the statement with the bound parameters. Throws a retort::statement_error
    // subclass (SQL attached, parameters not: the caller knows them).
    virtual void execute() = 0;
    // Moves to the next row; the first call moves to the first row.
    virtual bool next() = 0;
    virtual int column_count() = 0;
    // The name the database gives result column `column` (a label, or its own for an expression).
    virtual std::string_view column_name(int column) = 0;
    // What the current row's field holds.
    virtual field_kind kind_of(int column) = 0;
    virtual bool is_null(int column) = 0;
    virtual std::int64_t get_int(int column) = 0;
    virtual double get_double(int column) = 0;
    virtual bool get_bool(int column) = 0;
    // Valid until the next call of next() or finish().
    virtual std::string_view get_text(int column) = 0;
    virtual std::span<const std::byte> get_blob(int column) = 0;
    // Those below are pure too, though a driver could share a default: a default's body in
    // this header is inlined speculatively (devirtualized) at every call in every unit.

    // A field and whether it is NULL in one call, for the row readers (each row's hot path):
    // false for NULL, with `value` left alone. Drivers answer both at once where they can.
    virtual bool read_int(int column, std::int64_t& value) = 0;
    virtual bool read_double(int column, double& value) = 0;
    virtual bool read_text(int column, std::string_view& value) = 0;
    // The current row's first fields.size() fields in one call, for the typed row readers: one
    // virtual call a row where they would make one a field. False, with nothing read, from a
    // driver whose fields need the reader's type to be read (PostgreSQL's text): the reader
    // then reads field by field. Valid until the next call of next() or finish().
    virtual bool read_fields(std::span<field> fields) = 0;
    // next() and the row's fields in one call, the typed row loop's step: each of its
    // fields.size() fields written into `into` as its column_target says (converted, or refused
    // with the data_error, as value_traits would), or left to the reader (row_step says how).
    virtual row_step next_row(std::span<field> fields, row_destination into) = 0;
    // Rows changed by INSERT/UPDATE/DELETE. SQLite counts a statement with
    // RETURNING when its last row has been read (0 before that).
    virtual std::int64_t rows_affected() = 0;
    // The rowid of the row a single-row INSERT just inserted (SQLite), asked of the
    // statement to spare a trip through the connection; not_supported_error where the
    // statement uses RETURNING instead (PostgreSQL).
    virtual std::int64_t last_insert_id() = 0;
    // execute() for a single-row INSERT without RETURNING, with rows_affected() and
    // last_insert_id() read and the statement finished (finish()) in the same call: the path of
    // every INSERT keyed by its row id (SQLite). Called through statement_handle::execute_insert(),
    // which lets the statement go without finishing it again; when it throws, the statement is
    // left to be finished as after execute(). not_supported_error where the statement uses
    // RETURNING instead (PostgreSQL).
    virtual inserted_row execute_insert() = 0;
    // Done with this execution: release rows and bound text and blobs, ready for reuse.
    // Every execution binds every parameter again (numbers may stay bound until then).
    virtual void finish() noexcept = 0;
    // Whether rows of an execution are still being read (the cache lends out
    // a fresh statement instead of disturbing them).
    virtual bool busy() const noexcept = 0;
};

// Owns an uncached statement, or lends a cached one; finish()es it when dropped.
class statement_handle {
public:
    statement_handle() = default;
    statement_handle(statement* s, bool owned) noexcept : s_(s), owned_(owned) {}
    statement_handle(statement_handle&& o) noexcept
        : s_(std::exchange(o.s_, nullptr)), owned_(std::exchange(o.owned_, false)) {}
    statement_handle& operator=(statement_handle&& o) noexcept {
        if (this != &o) {
            reset();
            s_ = std::exchange(o.s_, nullptr);
            owned_ = std::exchange(o.owned_, false);
        }
        return *this;
    }
    ~statement_handle() {
        if (s_) release();
    }

    statement* operator->() const noexcept { return s_; }
    statement& operator*() const noexcept { return *s_; }
    explicit operator bool() const noexcept { return s_ != nullptr; }

    void reset() noexcept {
        if (s_) release();
    }

    // Executes the statement's single-row INSERT (statement::execute_insert()) and lets the
    // statement go: finished by that call, it is not finished again. On an exception the handle
    // still holds it, to be finished as usual.
    inserted_row execute_insert() {
        const inserted_row inserted = s_->execute_insert();
        let_go();
        return inserted;
    }

private:
    void release() noexcept {
        s_->finish();
        let_go();
    }
    // The statement, finished, let go: deleted if owned, else back with its cache.
    void let_go() noexcept {
        if (owned_) [[unlikely]]  // (a cached statement is the usual case)
            delete s_;
        s_ = nullptr;
        owned_ = false;
    }

    statement* s_ = nullptr;
    bool owned_ = false;
};

// Key for statements that must not be cached (shapes rendered at run time).
inline constexpr std::size_t uncached = std::numeric_limits<std::size_t>::max();

}  // namespace retort::driver

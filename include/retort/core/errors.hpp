#pragma once
// One exception hierarchy for everything retort throws, shaped like SQLAlchemy's
// (sqlalchemy.exc): errors raised by a database carry the SQL, the bound parameters
// and the driver's own message, so a log line says what failed and with which values.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

namespace retort {

class error : public std::exception {
public:
    explicit error(std::string message) : message_(std::move(message)) {}
    const char* what() const noexcept override { return message_.c_str(); }

protected:
    std::string message_;
};

// A call that can never work as written: a bad URL, a bad option value.
class argument_error : public error { using error::error; };
class url_error : public argument_error { using argument_error::argument_error; };

// Something the running program asked for that its state does not allow.
class invalid_request_error : public error { using error::error; };
class no_result_found : public invalid_request_error { using invalid_request_error::invalid_request_error; };
class multiple_results_found : public invalid_request_error { using invalid_request_error::invalid_request_error; };
class resource_closed_error : public invalid_request_error { using invalid_request_error::invalid_request_error; };

// A dialect lacks a feature the statement needs (on an engine chosen by URL).
class not_supported_error : public error { using error::error; };

// The pool had no connection to give within pool_timeout.
class pool_timeout : public error { using error::error; };

// Raised by the database (or its driver) while running a statement.
class statement_error : public error {
public:
    statement_error(std::string driver_message, std::string sql, std::string code = {})
        : error({}), driver_message_(std::move(driver_message)), sql_(std::move(sql)), code_(std::move(code)) {
        compose();
    }
    // The driver's own words.
    const std::string& driver_message() const noexcept { return driver_message_; }
    // The whole SQL text (what() may show it cut).
    const std::string& sql() const noexcept { return sql_; }
    // Every bound parameter, as text (strings quoted, NULL as None-like "NULL"), all sets one
    // after another (what() shows at most 10 sets).
    const std::vector<std::string>& params() const noexcept { return params_; }
    // A bulk statement binds its rows as sets of params_per_set() values each.
    std::size_t params_per_set() const noexcept { return per_set_; }
    std::size_t parameter_sets() const noexcept { return per_set_ == 0 ? 0 : params_.size() / per_set_; }
    // SQLSTATE on PostgreSQL ("23505"), the extended result code on SQLite ("2067").
    const std::string& code() const noexcept { return code_; }

    void set_sql(std::string sql) { sql_ = std::move(sql); compose(); }
    // `per_set`: values in each set of a statement binding several rows (0: one set).
    void set_params(std::vector<std::string> params, std::size_t per_set = 0) {
        params_ = std::move(params);
        per_set_ = per_set != 0 && params_.size() > per_set && params_.size() % per_set == 0 ? per_set : params_.size();
        compose();
    }

    // What what() shows at most: a log line stays readable however big the statement.
    static constexpr std::size_t shown_sql_chars = 1000;
    static constexpr std::size_t shown_value_chars = 300;
    static constexpr std::size_t shown_values_per_set = 100;
    static constexpr std::size_t shown_sets = 10;

private:
    // The first and last parts of `text` with "... (N characters truncated) ..." between.
    static void append_cut(std::string& out, std::string_view text, std::size_t limit) {
        if (text.size() <= limit) {
            out += text;
            return;
        }
        const std::size_t tail = limit / 4, head = limit - tail;
        out += text.substr(0, head);
        out += " ... (";
        out += std::to_string(text.size() - limit);
        out += " characters truncated) ... ";
        out += text.substr(text.size() - tail);
    }
    void append_set(std::size_t set) {
        const std::size_t first = set * per_set_, shown = per_set_ < shown_values_per_set ? per_set_ : shown_values_per_set;
        message_ += '(';
        for (std::size_t i = 0; i < shown; ++i) {
            if (i) message_ += ", ";
            append_cut(message_, params_[first + i], shown_value_chars);
        }
        if (shown < per_set_) message_ += ", ... " + std::to_string(per_set_ - shown) + " more";
        message_ += ')';
    }
    void compose() {
        message_ = driver_message_;
        if (!sql_.empty()) {
            message_ += "\n[SQL: ";
            append_cut(message_, sql_, shown_sql_chars);
            message_ += ']';
        }
        if (params_.empty()) return;
        const std::size_t sets = parameter_sets();
        message_ += "\n[parameters: ";
        if (sets == 1) {
            append_set(0);
        } else {
            // SQLAlchemy's form: the first sets and the last two.
            message_ += '[';
            const std::size_t head = sets <= shown_sets ? sets : shown_sets - 2;
            for (std::size_t s = 0; s < head; ++s) {
                if (s) message_ += ", ";
                append_set(s);
            }
            if (head < sets) {
                message_ += " ... displaying " + std::to_string(shown_sets) + " of " + std::to_string(sets) +
                            " total bound parameter sets ... ";
                append_set(sets - 2);
                message_ += ", ";
                append_set(sets - 1);
            }
            message_ += ']';
        }
        message_ += ']';
    }
    std::string driver_message_, sql_, code_;
    std::vector<std::string> params_;
    std::size_t per_set_ = 0;
};

class database_error : public statement_error { using statement_error::statement_error; };

class integrity_error : public database_error { using database_error::database_error; };
class unique_violation : public integrity_error { using integrity_error::integrity_error; };
class foreign_key_violation : public integrity_error { using integrity_error::integrity_error; };
class not_null_violation : public integrity_error { using integrity_error::integrity_error; };
class check_violation : public integrity_error { using integrity_error::integrity_error; };

class operational_error : public database_error { using database_error::database_error; };
// The connection is gone; it has been invalidated and the pool will reconnect.
class connection_lost : public operational_error { using operational_error::operational_error; };
class cannot_connect : public operational_error { using operational_error::operational_error; };
// Worth retrying the whole transaction: see retry_transient().
class transient_error : public operational_error { using operational_error::operational_error; };
class serialization_failure : public transient_error { using transient_error::transient_error; };
class deadlock_detected : public transient_error { using transient_error::transient_error; };
class database_locked : public transient_error { using transient_error::transient_error; };
class query_canceled : public operational_error { using operational_error::operational_error; };
// The statement ran past its statement_timeout and was cancelled; the connection stays usable
// (after rollback() when the statement was inside a transaction on PostgreSQL).
class statement_timeout_error : public query_canceled { using query_canceled::query_canceled; };
// A prepared statement's result columns changed under it (ALTER TABLE by another connection):
// the connection has dropped its prepared statements; rolling back and running the transaction
// again works (retry_transient() does).
class stale_statement_error : public transient_error { using transient_error::transient_error; };

class programming_error : public database_error { using database_error::database_error; };
class data_error : public database_error { using database_error::database_error; };
class internal_error : public database_error { using database_error::database_error; };

}  // namespace retort

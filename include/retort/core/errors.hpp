#pragma once
// One exception hierarchy for everything retort throws, shaped like SQLAlchemy's
// (sqlalchemy.exc): errors raised by a database carry the SQL, the bound parameters
// and the driver's own message, so a log line says what failed and with which values.
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
    const std::string& sql() const noexcept { return sql_; }
    // The bound parameters, as text (strings quoted, NULL as None-like "NULL").
    const std::vector<std::string>& params() const noexcept { return params_; }
    // SQLSTATE on PostgreSQL ("23505"), the extended result code on SQLite ("2067").
    const std::string& code() const noexcept { return code_; }

    void set_sql(std::string sql) { sql_ = std::move(sql); compose(); }
    void set_params(std::vector<std::string> params) { params_ = std::move(params); compose(); }

private:
    void compose() {
        message_ = driver_message_;
        if (!sql_.empty()) message_ += "\n[SQL: " + sql_ + "]";
        if (!params_.empty()) {
            message_ += "\n[parameters: (";
            for (std::size_t i = 0; i < params_.size(); ++i) message_ += (i ? ", " : "") + params_[i];
            message_ += ")]";
        }
    }
    std::string driver_message_, sql_, code_;
    std::vector<std::string> params_;
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

class programming_error : public database_error { using database_error::database_error; };
class data_error : public database_error { using database_error::database_error; };
class internal_error : public database_error { using database_error::database_error; };

}  // namespace retort
